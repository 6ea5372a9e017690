/**
 * Email and password: POST /signup (auto-confirmed, as `supabase start` configures GoTrue)
 * and POST /token?grant_type=password.
 */
import type pg from 'pg';
import { z } from 'zod';
import { inTransaction } from './db.ts';
import { badRequest, unprocessable } from './errors.ts';
import type { JwtSettings } from './jwt.ts';
import { emailSchema, metadataSchema } from './request.ts';
import { startSession, type Origin, type SessionBody } from './sessions.ts';
import { checkPasswordStrength, findUserByEmail, findUserByPassword, insertUser, isBanned, updateUser } from './users.ts';

export const signupSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'Signup requires a valid password' }),
  data: metadataSchema.optional(),
});

export const passwordGrantSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'Missing password' }),
});

export async function signUp(pool: pg.Pool, jwt: JwtSettings, input: z.output<typeof signupSchema>, origin: Origin): Promise<SessionBody> {
  checkPasswordStrength(input.password);
  return inTransaction(pool, async (client) => {
    const existing = await findUserByEmail(client, input.email, true);
    if (existing?.email_confirmed_at) throw unprocessable('user_already_exists', 'User already registered');
    // An address that asked for a code but never confirmed it is not anyone's yet: GoTrue
    // lets the sign-up take it over.
    const user = existing
      ? await updateUser(client, existing.id, { password: input.password, confirm: true, userMetadata: input.data })
      : await insertUser(client, { email: input.email, password: input.password, confirmed: true, userMetadata: input.data });
    return startSession(client, jwt, user, 'password', origin);
  });
}

export async function signInWithPassword(pool: pg.Pool, jwt: JwtSettings, input: z.output<typeof passwordGrantSchema>, origin: Origin): Promise<SessionBody> {
  const user = await findUserByPassword(pool, input.email, input.password);
  if (!user) throw badRequest('invalid_credentials', 'Invalid login credentials');
  if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');
  if (isBanned(user)) throw badRequest('user_banned', 'User is banned');
  return inTransaction(pool, (client) => startSession(client, jwt, user, 'password', origin));
}
