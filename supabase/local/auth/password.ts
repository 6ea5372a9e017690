/**
 * Email and password: POST /signup and POST /token?grant_type=password, as GoTrue answers
 * them. With confirmations on (enable_confirmations) a sign-up gets no session: the address
 * must first be proved with the e-mailed code.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { sendConfirmation, type Mailing } from './codes.ts';
import { inTransaction } from './db.ts';
import { badRequest, unprocessable } from './errors.ts';
import type { JwtSettings } from './jwt.ts';
import { lockAddress } from './otp.ts';
import { emailSchema, metadataSchema } from './request.ts';
import { startSession, type Origin, type SessionBody } from './sessions.ts';
import { checkPasswordStrength, findUserByEmail, findUserByPassword, insertUser, isBanned, updateUser, userJson, type UserRow } from './users.ts';

export const signupSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'Signup requires a valid password' }),
  data: metadataSchema.optional(),
});

export const passwordGrantSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'Missing password' }),
});

/**
 * GoTrue's sanitizeUser: what a sign-up for an address that already has a proved user gets,
 * shaped like a fresh unconfirmed sign-up (a random id, nothing of the real user), so the
 * answer tells nobody whether the address is taken. No e-mail goes out.
 */
function obfuscatedUser(email: string, data: Record<string, unknown> | undefined): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    aud: 'authenticated',
    role: '',
    email,
    phone: '',
    confirmation_sent_at: now,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: data ?? {},
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}

/** POST /signup: a session only when confirmations are off; otherwise the user, and a confirmation code by e-mail. */
export async function signUp(
  pool: pg.Pool,
  mailing: Mailing,
  jwt: JwtSettings,
  input: z.output<typeof signupSchema>,
  origin: Origin,
): Promise<SessionBody | Record<string, unknown>> {
  const { settings } = mailing;
  if (!settings.enableSignup) throw unprocessable('signup_disabled', 'Signups not allowed for this instance');
  checkPasswordStrength(input.password);
  const autoconfirm = !settings.email.enableConfirmations;
  return inTransaction(pool, async (client) => {
    await lockAddress(client, input.email);
    const existing = await findUserByEmail(client, input.email, true);
    if (existing?.email_confirmed_at) {
      if (autoconfirm) throw unprocessable('user_already_exists', 'User already registered');
      return obfuscatedUser(input.email, input.data);
    }
    // An address someone signed up for but never proved: GoTrue leaves that sign-up's password
    // and metadata as they are ("we can't be sure of their claimed identity") and sends the
    // confirmation code again.
    let user: UserRow = existing ?? (await insertUser(client, { email: input.email, password: input.password, confirmed: false, userMetadata: input.data }));
    if (autoconfirm) {
      user = await updateUser(client, user.id, { confirm: true });
      return startSession(client, jwt, user, 'password', origin);
    }
    await sendConfirmation(client, mailing, user);
    return userJson((await findUserByEmail(client, input.email))!);
  });
}

/** POST /token?grant_type=password: only a proved address signs in with a password. */
export async function signInWithPassword(pool: pg.Pool, jwt: JwtSettings, input: z.output<typeof passwordGrantSchema>, origin: Origin): Promise<SessionBody> {
  const user = await findUserByPassword(pool, input.email, input.password);
  if (!user) throw badRequest('invalid_credentials', 'Invalid login credentials');
  if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
  if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');
  return inTransaction(pool, (client) => startSession(client, jwt, user, 'password', origin));
}
