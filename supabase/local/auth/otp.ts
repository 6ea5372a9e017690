/**
 * Sign-in with a 6-digit e-mail code: POST /otp sends one, POST /verify trades it for a
 * session. As in GoTrue only sha224(email + code) is stored, in auth.one_time_tokens: a new
 * address gets a confirmation code, a confirmed one a magic-link code; each works once.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { inTransaction } from './db.ts';
import { codeEmail, type CodePurpose, type Mailer } from './emails.ts';
import { badRequest, forbidden, unprocessable } from './errors.ts';
import type { JwtSettings } from './jwt.ts';
import { checkOtpSendLimits, checkVerifyLimit, recordEvent, type RateLimits } from './rate-limits.ts';
import { emailSchema, metadataSchema } from './request.ts';
import { startSession, type Origin, type SessionBody } from './sessions.ts';
import { findUserByEmail, insertUser, isBanned, updateUser, type UserRow } from './users.ts';

export interface OtpSettings {
  jwt: JwtSettings;
  limits: RateLimits;
  mailer: Mailer;
  /** Seconds a code stays valid (GoTrue's MAILER_OTP_EXP, 3600 by default). */
  ttlSeconds: number;
}

export const otpRequestSchema = z.object({
  email: emailSchema.optional(),
  phone: z.string().optional(),
  create_user: z.boolean().default(true),
  data: metadataSchema.optional(),
});

export const verifySchema = z.object({
  type: z.enum(['email', 'signup', 'magiclink'], {
    error: (issue) => (issue.input === undefined ? 'Verify requires a verification type' : 'Unsupported verification type'),
  }),
  email: emailSchema,
  token: z.string({ error: 'Verify requires either a token or a token hash' }).min(1, { error: 'Verify requires either a token or a token hash' }),
});

/** The one_time_tokens type GoTrue files each kind of code under. */
const tokenTypes: Record<CodePurpose, 'confirmation_token' | 'recovery_token'> = {
  signup: 'confirmation_token',
  magiclink: 'recovery_token',
};
const sentAtColumns: Record<CodePurpose, 'confirmation_sent_at' | 'recovery_sent_at'> = {
  signup: 'confirmation_sent_at',
  magiclink: 'recovery_sent_at',
};
/** Which stored codes a verify type may match: `email` takes either, as in GoTrue. */
const acceptedTypes: Record<z.output<typeof verifySchema>['type'], string[]> = {
  email: [tokenTypes.signup, tokenTypes.magiclink],
  signup: [tokenTypes.signup],
  magiclink: [tokenTypes.magiclink],
};

/** GoTrue's token hash: hex sha224 of the address followed by the code. */
const tokenHash = (email: string, code: string) => createHash('sha224').update(email + code).digest('hex');

const newCode = () => randomInt(0, 1_000_000).toString().padStart(6, '0');

async function storeCode(client: pg.PoolClient, user: UserRow, purpose: CodePurpose, code: string): Promise<void> {
  await client.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, $3, $4, localtimestamp, localtimestamp)
     on conflict (user_id, token_type) do update
       set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
           created_at = excluded.created_at, updated_at = excluded.updated_at`,
    [user.id, tokenTypes[purpose], tokenHash(user.email, code), user.email],
  );
  await client.query(`update auth.users set ${sentAtColumns[purpose]} = now() where id = $1`, [user.id]);
}

/** POST /otp: e-mails a code, creating the user first unless `create_user` is false. */
export async function requestOtp(pool: pg.Pool, settings: OtpSettings, input: z.output<typeof otpRequestSchema>, ip: string): Promise<void> {
  if (input.email !== undefined && input.phone !== undefined) {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided');
  }
  if (input.phone !== undefined) throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
  const email = input.email;
  if (email === undefined) throw badRequest('validation_failed', 'One of email or phone must be set');

  await inTransaction(pool, async (client) => {
    // Concurrent requests for one address queue here, so the interval check cannot be raced.
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`otp:${email}`]);
    let user = await findUserByEmail(client, email, true);
    if (!user && !input.create_user) throw unprocessable('otp_disabled', 'Signups not allowed for otp');
    await checkOtpSendLimits(client, settings.limits, email, ip);
    user ??= await insertUser(client, { email, confirmed: false, userMetadata: input.data });

    const purpose: CodePurpose = user.email_confirmed_at ? 'magiclink' : 'signup';
    const code = newCode();
    await storeCode(client, user, purpose, code);
    await recordEvent(client, 'otp_sent', email, ip);
    // Delivered inside the transaction: if sending fails, no code is left stored.
    await settings.mailer.deliver(codeEmail(email, purpose, code));
  });
}

const invalidCode = () => forbidden('otp_expired', 'Token has expired or is invalid');

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** POST /verify: a valid, unexpired code confirms the address, is used up, and signs the user in. */
export async function verifyOtp(pool: pg.Pool, settings: OtpSettings, input: z.output<typeof verifySchema>, origin: Origin): Promise<SessionBody> {
  await checkVerifyLimit(pool, settings.limits, origin.ip);
  const outcome = await inTransaction(pool, async (client) => {
    const user = await findUserByEmail(client, input.email, true);
    const { rows } = user
      ? await client.query<{ token_type: string; token_hash: string }>(
          `select token_type, token_hash from auth.one_time_tokens
            where user_id = $1 and token_type = any($2::auth.one_time_token_type[])
              and created_at > localtimestamp - make_interval(secs => $3)`,
          [user.id, acceptedTypes[input.type], settings.ttlSeconds],
        )
      : { rows: [] };
    const presented = tokenHash(input.email, input.token);
    const match = rows.find((row) => sameHash(row.token_hash, presented));
    if (!user || !match) {
      // Committed with the error, so guesses count towards the limit.
      await recordEvent(client, 'otp_failed', input.email, origin.ip);
      return { error: invalidCode() };
    }
    if (isBanned(user)) return { error: forbidden('user_banned', 'User is banned') };

    await client.query('delete from auth.one_time_tokens where user_id = $1 and token_type = $2', [user.id, match.token_type]);
    const confirmed = await updateUser(client, user.id, { confirm: true });
    return { body: await startSession(client, settings.jwt, confirmed, 'otp', origin) };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.body;
}
