/** What a signed-in user does with their own account: who they are, PUT /user, reauthentication, the logout scope. */
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { z } from 'zod';
import { isCodeValid, sendEmailChange, sendReauthentication, tokenHash, type Mailing } from './codes.ts';
import { inTransaction } from './db.ts';
import { badRequest, forbidden, unprocessable } from './errors.ts';
import { verifyJwt } from './jwt.ts';
import { bearerToken, emailSchema, metadataSchema } from './request.ts';
import { sessionCreatedAt, sessionExists, type LogoutScope } from './sessions.ts';
import { checkPasswordStrength, findUserByEmail, findUserById, hasPassword, isBanned, setPassword, updateUser, type UserRow } from './users.ts';

export interface Caller {
  user: UserRow;
  sessionId: string;
}

const uuid = z.uuid();

/** GoTrue's requireAuthentication: a valid access token of an existing user and a live session. */
export async function authenticate(req: IncomingMessage, pool: pg.Pool, secret: Uint8Array): Promise<Caller> {
  const claims = await verifyJwt(secret, bearerToken(req));
  if (typeof claims.sub !== 'string' || claims.sub === '') throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  if (!uuid.safeParse(claims.sub).success) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
  const sessionId = claims['session_id'];
  if (typeof sessionId !== 'string' || !uuid.safeParse(sessionId).success) {
    throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
  }
  const user = await findUserById(pool, claims.sub);
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
  if (!(await sessionExists(pool, sessionId))) {
    throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  if (isBanned(user)) throw forbidden('user_banned', 'User is banned');
  return { user, sessionId };
}

export const userUpdateSchema = z.object({
  email: emailSchema.optional(),
  password: z.string().optional(),
  nonce: z.string().optional(),
  data: metadataSchema.optional(),
});

/** A session this old must reauthenticate to set a password when secure_password_change is on (GoTrue: 24 hours). */
const recentSignInSeconds = 24 * 60 * 60;

/** GoTrue's verifyReauthentication: the nonce is the code GET /reauthenticate e-mailed, and works once. */
async function useReauthenticationNonce(client: pg.PoolClient, mailing: Mailing, user: UserRow, nonce: string): Promise<void> {
  const invalidNonce = () => unprocessable('reauthentication_not_valid', 'Nonce has expired or is invalid');
  if (!isCodeValid(tokenHash(user.email, nonce), user.reauthentication_token, user.reauthentication_sent_at, mailing.settings)) throw invalidNonce();
  await client.query(`update auth.users set reauthentication_token = '', reauthentication_sent_at = null where id = $1`, [user.id]);
  await client.query(`delete from auth.one_time_tokens where user_id = $1 and token_type = 'reauthentication_token'`, [user.id]);
}

/**
 * PUT /user. Metadata applies at once. A new password applies at once from a session of the
 * last 24 hours, or with a reauthentication nonce, and ends every other session. A new e-mail
 * address applies only once its codes are verified (`email_change`): until then `email` stays
 * the old address and the request is recorded in `email_change`.
 */
export async function updateOwnAccount(pool: pg.Pool, mailing: Mailing, caller: Caller, input: z.output<typeof userUpdateSchema>): Promise<UserRow> {
  const { settings } = mailing;
  const { password } = input;
  let { nonce } = input;
  const changesEmail = input.email !== undefined && input.email !== caller.user.email;
  if (changesEmail && (await findUserByEmail(pool, input.email!))) {
    throw unprocessable('email_exists', 'A user with this email address has already been registered');
  }
  if (password !== undefined) {
    checkPasswordStrength(password);
    const signedInAt = await sessionCreatedAt(pool, caller.sessionId);
    const recent = signedInAt !== undefined && Date.now() <= signedInAt.getTime() + recentSignInSeconds * 1000;
    // A nonce is checked only where it is needed, as in GoTrue.
    if (!settings.email.securePasswordChange || recent) nonce = undefined;
    else if (!nonce) throw badRequest('reauthentication_needed', 'Password update requires reauthentication');
    if (await hasPassword(pool, caller.user.id, password)) {
      throw unprocessable('same_password', 'New password should be different from the old password.');
    }
  }
  return inTransaction(pool, async (client) => {
    const user = (await findUserById(client, caller.user.id, true))!;
    if (password !== undefined) {
      if (nonce) await useReauthenticationNonce(client, mailing, user, nonce);
      await setPassword(client, user.id, password, caller.sessionId);
    }
    if (input.data !== undefined) await updateUser(client, user.id, { userMetadata: input.data });
    // Read again: a password change has just cleared every code in flight.
    if (changesEmail) await sendEmailChange(client, mailing, (await findUserById(client, user.id, true))!, input.email!);
    return (await findUserById(client, user.id))!;
  });
}

/** GET /reauthenticate: e-mails the nonce PUT /user needs to set a password from an older session. */
export async function reauthenticate(pool: pg.Pool, mailing: Mailing, caller: Caller): Promise<void> {
  if (!caller.user.email_confirmed_at) throw unprocessable('email_not_confirmed', 'Please verify your email first.');
  await inTransaction(pool, async (client) => {
    await sendReauthentication(client, mailing, (await findUserById(client, caller.user.id, true))!);
  });
}

const logoutScopeSchema = z.enum(['global', 'local', 'others']).default('global');

export function parseLogoutScope(value: string | null): LogoutScope {
  const scope = logoutScopeSchema.safeParse(value ?? undefined);
  if (!scope.success) throw badRequest('validation_failed', `Unsupported logout scope ${JSON.stringify(value)}`);
  return scope.data;
}
