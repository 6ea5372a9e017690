/**
 * Sign-in with an e-mailed code, as GoTrue's /otp (MagicLink) and /verify do it: an address
 * not yet proved gets a sign-up confirmation code, a proved one a magic-link code; each works
 * once, and /verify also takes the two codes of an e-mail change.
 */
import type pg from 'pg';
import { z } from 'zod';
import { confirmUser, isCodeValid, sendConfirmation, sendMagicLink, tokenHash, userIdForToken, type Mailing } from './codes.ts';
import { inTransaction, isUniqueViolation } from './db.ts';
import { badRequest, forbidden, unprocessable } from './errors.ts';
import type { JwtSettings } from './jwt.ts';
import { emailSchema, metadataSchema } from './request.ts';
import { startSession, type Origin, type SessionBody } from './sessions.ts';
import { findUserByEmail, findUserById, insertUser, isBanned, type UserRow } from './users.ts';

export const otpRequestSchema = z.object({
  email: emailSchema.optional(),
  phone: z.string().optional(),
  create_user: z.boolean().default(true),
  data: metadataSchema.optional(),
});

export const verifySchema = z.object({
  type: z.enum(['email', 'signup', 'magiclink', 'email_change'], {
    error: (issue) => (issue.input === undefined ? 'Verify requires a verification type' : 'Unsupported verification type'),
  }),
  email: emailSchema,
  token: z.string({ error: 'Verify requires either a token or a token hash' }).min(1, { error: 'Verify requires either a token or a token hash' }),
});

type VerifyInput = z.output<typeof verifySchema>;

/** Takes the lock under which one address's sign-up or code request runs, so two cannot race. */
export async function lockAddress(client: pg.PoolClient, email: string): Promise<void> {
  await client.query('select pg_advisory_xact_lock(hashtext($1))', [`address:${email}`]);
}

/** POST /otp: e-mails a code, creating the user first unless `create_user` is false. */
export async function requestOtp(pool: pg.Pool, mailing: Mailing, input: z.output<typeof otpRequestSchema>): Promise<void> {
  if (input.email !== undefined && input.phone !== undefined) {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided');
  }
  if (input.phone !== undefined) throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
  const email = input.email;
  if (email === undefined) throw badRequest('validation_failed', 'One of email or phone must be set');

  await inTransaction(pool, async (client) => {
    await lockAddress(client, email);
    let user = await findUserByEmail(client, email, true);
    if (!user && !input.create_user) throw unprocessable('otp_disabled', 'Signups not allowed for otp');
    if (user?.email_confirmed_at) return sendMagicLink(client, mailing, user);
    // An address nobody has proved yet: GoTrue signs it up (or finds the pending sign-up,
    // leaving its password and metadata as they are) and sends the confirmation code.
    if (!user && !mailing.settings.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
    user ??= await insertUser(client, { email, confirmed: false, userMetadata: input.data });
    return sendConfirmation(client, mailing, user);
  });
}

export const singleConfirmationAccepted = 'Confirmation link accepted. Please proceed to confirm link sent to the other email';

const invalidCode = () => forbidden('otp_expired', 'Token has expired or is invalid');

/** What a code of an e-mail change does: the first of two only records itself; the last applies the change. */
async function emailChangeVerify(client: pg.PoolClient, mailing: Mailing, user: UserRow, hash: string): Promise<'pending' | 'applied'> {
  const secure = mailing.settings.email.doubleConfirmChanges;
  if (secure && user.email_change_confirm_status === 0 && user.email !== '') {
    const column = hash === user.email_change_token_current ? 'email_change_token_current' : 'email_change_token_new';
    await client.query(`update auth.users set email_change_confirm_status = 1, ${column} = '' where id = $1`, [user.id]);
    await client.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [user.id, column]);
    return 'pending';
  }
  // GoTrue's ConfirmEmailChange: the address asked for becomes the address, and is proved.
  try {
    await client.query(
      `update auth.users set email = email_change, email_change = '', email_change_token_current = '',
         email_change_token_new = '', email_change_confirm_status = 0, updated_at = now()
       where id = $1`,
      [user.id],
    );
  } catch (error) {
    // Another login took the address while the codes were on their way.
    if (isUniqueViolation(error)) throw unprocessable('email_exists', 'A user with this email address has already been registered');
    throw error;
  }
  await client.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
  if (!user.email_confirmed_at) await confirmUser(client, user.id);
  return 'applied';
}

/** The user an e-mail change code belongs to, found by its hash as GoTrue's FindUserForEmailChange does. */
async function emailChangeUser(client: pg.PoolClient, mailing: Mailing, hash: string): Promise<UserRow | undefined> {
  const id =
    (mailing.settings.email.doubleConfirmChanges ? await userIdForToken(client, hash, 'email_change_token_current') : undefined) ??
    (await userIdForToken(client, hash, 'email_change_token_new'));
  return id === undefined ? undefined : findUserById(client, id, true);
}

/**
 * POST /verify. A valid, unexpired code is used up and signs the user in: a sign-up code
 * confirms the address, a magic-link code signs in, and the second code of an e-mail change
 * applies it. The first of the two e-mail change codes answers without a session.
 */
export async function verifyOtp(pool: pg.Pool, mailing: Mailing, jwt: JwtSettings, input: VerifyInput, origin: Origin): Promise<SessionBody | Record<string, string>> {
  const { settings } = mailing;
  const hash = tokenHash(input.email, input.token);
  const outcome = await inTransaction(pool, async (client) => {
    const user = input.type === 'email_change' ? await emailChangeUser(client, mailing, hash) : await findUserByEmail(client, input.email, true);
    if (!user) return { error: invalidCode() };
    if (isBanned(user)) return { error: forbidden('user_banned', 'User is banned') };

    let kind: 'signup' | 'magiclink' | 'email_change' | undefined;
    const confirmation = isCodeValid(hash, user.confirmation_token, user.confirmation_sent_at, settings);
    const magicLink = isCodeValid(hash, user.recovery_token, user.recovery_sent_at, settings);
    if (input.type === 'email') kind = confirmation ? 'signup' : magicLink ? 'magiclink' : undefined;
    else if (input.type === 'signup') kind = confirmation ? 'signup' : undefined;
    else if (input.type === 'magiclink') kind = magicLink ? 'magiclink' : undefined;
    else if (
      isCodeValid(hash, user.email_change_token_current, user.email_change_sent_at, settings) ||
      isCodeValid(hash, user.email_change_token_new, user.email_change_sent_at, settings)
    ) {
      kind = 'email_change';
    }
    if (kind === undefined) return { error: invalidCode() };

    if (kind === 'signup') await confirmUser(client, user.id);
    else if (kind === 'magiclink') {
      // GoTrue's recoverVerify: the code is used up (with every other), and an unproved address is now proved.
      await client.query(`update auth.users set recovery_token = '' where id = $1`, [user.id]);
      await client.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
      if (!user.email_confirmed_at) await confirmUser(client, user.id);
    } else if ((await emailChangeVerify(client, mailing, user, hash)) === 'pending') {
      return { body: { msg: singleConfirmationAccepted, code: '200' } };
    }
    const current = (await findUserById(client, user.id))!;
    return { body: await startSession(client, jwt, current, 'otp', origin) };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.body;
}
