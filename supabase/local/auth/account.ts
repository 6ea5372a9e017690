/** What a signed-in user does with their own account: who they are, PUT /user, the logout scope. */
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { z } from 'zod';
import { badRequest, forbidden, unprocessable } from './errors.ts';
import { verifyJwt } from './jwt.ts';
import { bearerToken, emailSchema, metadataSchema } from './request.ts';
import { sessionExists, type LogoutScope } from './sessions.ts';
import { checkPasswordStrength, findUserById, hasPassword, isBanned, updateUser, type UserRow } from './users.ts';

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
  data: metadataSchema.optional(),
});

/** PUT /user. With confirmations off (the local setting) a new address applies at once, as in GoTrue. */
export async function updateOwnAccount(pool: pg.Pool, caller: Caller, input: z.output<typeof userUpdateSchema>): Promise<UserRow> {
  if (input.password !== undefined) {
    checkPasswordStrength(input.password);
    if (await hasPassword(pool, caller.user.id, input.password)) {
      throw unprocessable('same_password', 'New password should be different from the old password.');
    }
  }
  return updateUser(pool, caller.user.id, {
    email: input.email === caller.user.email ? undefined : input.email,
    password: input.password,
    userMetadata: input.data,
  });
}

const logoutScopeSchema = z.enum(['global', 'local', 'others']).default('global');

export function parseLogoutScope(value: string | null): LogoutScope {
  const scope = logoutScopeSchema.safeParse(value ?? undefined);
  if (!scope.success) throw badRequest('validation_failed', `Unsupported logout scope ${JSON.stringify(value)}`);
  return scope.data;
}
