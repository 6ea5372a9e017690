/**
 * E-mailed codes as GoTrue keeps them: only sha224(address + code) is stored, in the user's
 * column for that kind of code (confirmation_token, recovery_token, email_change_token_new and
 * _current, reauthentication_token) with its *_sent_at, mirrored in auth.one_time_tokens.
 * A code is valid until otp_expiry after it was sent and until a newer one of its kind is sent.
 *
 * Each sender runs inside the caller's transaction with the user's row locked, and checks, in
 * GoTrue's order: the per-user resend interval (max_frequency) for that kind, then the
 * project's e-mail count, then sends.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { templateEmail, type Mailer, type OutgoingMail, type TemplateValues } from './emails.ts';
import { AuthError } from './errors.ts';
import { checkSentWithin, type RateLimits } from './rate-limits.ts';
import type { AuthSettings } from './settings.ts';
import type { UserRow } from './users.ts';

export interface Mailing {
  settings: AuthSettings;
  limits: RateLimits;
  mailer: Mailer;
}

type TokenType = 'confirmation_token' | 'recovery_token' | 'email_change_token_new' | 'email_change_token_current' | 'reauthentication_token';

/** GoTrue's token hash: hex sha224 of the address (or phone) followed by the code. */
export const tokenHash = (email: string, code: string) => createHash('sha224').update(email + code).digest('hex');

function newCode(length: number): string {
  return Array.from({ length }, () => randomInt(0, 10)).join('');
}

/** GoTrue's isOtpValid: the stored hash matches and was sent less than otp_expiry ago. */
export function isCodeValid(presented: string, stored: string, sentAt: Date | null, settings: AuthSettings): boolean {
  if (stored === '' || sentAt === null) return false;
  if (Date.now() > sentAt.getTime() + settings.email.otpExpirySeconds * 1000) return false;
  const left = Buffer.from(presented);
  const right = Buffer.from(stored);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function storeOneTimeToken(client: pg.PoolClient, userId: string, type: TokenType, hash: string, relatesTo: string): Promise<void> {
  await client.query(
    `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values (gen_random_uuid(), $1, $2, $3, $4, localtimestamp, localtimestamp)
     on conflict (user_id, token_type) do update
       set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
           created_at = excluded.created_at, updated_at = excluded.updated_at`,
    [userId, type, hash, relatesTo],
  );
}

/**
 * Sends, or fails as GoTrue does when a template cannot be rendered or the mail not sent:
 * 500 "Error sending <label> email". `mails` renders every message before any is sent.
 */
async function deliver(mailing: Mailing, label: string, mails: () => OutgoingMail[]): Promise<void> {
  try {
    for (const mail of mails()) await mailing.mailer.deliver(mail);
  } catch (error) {
    console.error(`[auth] sending the ${label} email:`, error);
    throw new AuthError(500, 'unexpected_failure', `Error sending ${label} email`);
  }
}

/** One kind of code sent to the user's own address: a sign-up confirmation, a magic link or a reauthentication. */
async function sendOwnAddressCode(
  client: pg.PoolClient,
  mailing: Mailing,
  user: UserRow,
  kind: { column: TokenType; sentAt: 'confirmation_sent_at' | 'recovery_sent_at' | 'reauthentication_sent_at'; template: 'confirmation' | 'magic_link' | 'reauthentication'; label: string },
): Promise<void> {
  const { settings } = mailing;
  checkSentWithin(user[kind.sentAt], settings.email.maxFrequencySeconds);
  const code = newCode(settings.email.otpLength);
  const hash = tokenHash(user.email, code);
  await mailing.limits.emailSent(client);
  const values: TemplateValues = { Token: code, Email: user.email, Data: user.raw_user_meta_data ?? {} };
  // GoTrue's reauthentication e-mail is given no TokenHash.
  if (kind.template !== 'reauthentication') values.TokenHash = hash;
  // Delivered inside the transaction: if sending fails, no code is stored and nothing is counted.
  await deliver(mailing, kind.label, () => [templateEmail(user.email, settings.templates[kind.template], values)]);
  await client.query(`update auth.users set ${kind.column} = $2, ${kind.sentAt} = now() where id = $1`, [user.id, hash]);
  await storeOneTimeToken(client, user.id, kind.column, hash, user.email);
}

/** GoTrue's sendConfirmation: the confirmation code for an address not yet proved (a new login's first code). */
export const sendConfirmation = (client: pg.PoolClient, mailing: Mailing, user: UserRow) =>
  sendOwnAddressCode(client, mailing, user, { column: 'confirmation_token', sentAt: 'confirmation_sent_at', template: 'confirmation', label: 'confirmation' });

/** GoTrue's sendMagicLink: a sign-in code for a confirmed address (it shares the recovery columns). */
export const sendMagicLink = (client: pg.PoolClient, mailing: Mailing, user: UserRow) =>
  sendOwnAddressCode(client, mailing, user, { column: 'recovery_token', sentAt: 'recovery_sent_at', template: 'magic_link', label: 'magic link' });

/** GoTrue's sendReauthenticationOtp: the nonce a password change from an older session needs. */
export const sendReauthentication = (client: pg.PoolClient, mailing: Mailing, user: UserRow) =>
  sendOwnAddressCode(client, mailing, user, { column: 'reauthentication_token', sentAt: 'reauthentication_sent_at', template: 'reauthentication', label: 'reauthentication' });

/**
 * GoTrue's sendEmailChange: a code to the new address and, with double_confirm_changes, another
 * to the current one. Nothing changes in `email` until they are verified; asking again replaces
 * both codes and starts the confirmation over.
 */
export async function sendEmailChange(client: pg.PoolClient, mailing: Mailing, user: UserRow, newEmail: string): Promise<void> {
  const { settings } = mailing;
  checkSentWithin(user.email_change_sent_at, settings.email.maxFrequencySeconds);
  const codeNew = newCode(settings.email.otpLength);
  const hashNew = tokenHash(newEmail, codeNew);
  const codeCurrent = settings.email.doubleConfirmChanges && user.email ? newCode(settings.email.otpLength) : '';
  const hashCurrent = codeCurrent ? tokenHash(user.email, codeCurrent) : '';

  // One e-mail action, however many messages it sends, as GoTrue counts it.
  await mailing.limits.emailSent(client);
  const template = settings.templates.email_change;
  const mailTo = (address: string, code: string, hash: string) =>
    templateEmail(address, template, { Token: code, TokenHash: hash, Email: user.email, NewEmail: newEmail, SendingTo: address, Data: user.raw_user_meta_data ?? {} });
  await deliver(mailing, 'email change', () => [mailTo(newEmail, codeNew, hashNew), ...(codeCurrent ? [mailTo(user.email, codeCurrent, hashCurrent)] : [])]);

  await client.query(
    `update auth.users set email_change = $2, email_change_token_new = $3, email_change_token_current = $4,
       email_change_sent_at = now(), email_change_confirm_status = 0
     where id = $1`,
    [user.id, newEmail, hashNew, hashCurrent],
  );
  await storeOneTimeToken(client, user.id, 'email_change_token_new', hashNew, newEmail);
  if (hashCurrent) await storeOneTimeToken(client, user.id, 'email_change_token_current', hashCurrent, user.email);
  else await client.query(`delete from auth.one_time_tokens where user_id = $1 and token_type = 'email_change_token_current'`, [user.id]);
}

/** The user a one-time token hash of these kinds belongs to (GoTrue's FindOneTimeToken). */
export async function userIdForToken(client: pg.PoolClient, hash: string, type: TokenType): Promise<string | undefined> {
  const { rows } = await client.query<{ user_id: string }>(
    'select user_id from auth.one_time_tokens where token_hash = $1 and token_type = $2',
    [hash, type],
  );
  return rows[0]?.user_id;
}

/** GoTrue's Confirm: the address is proved; the confirmation code and every other code in flight are used up. */
export async function confirmUser(client: pg.PoolClient, userId: string): Promise<void> {
  await client.query(`update auth.users set email_confirmed_at = now(), confirmation_token = '', updated_at = now() where id = $1`, [userId]);
  await client.query('delete from auth.one_time_tokens where user_id = $1', [userId]);
}
