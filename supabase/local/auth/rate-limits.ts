/**
 * Limits on what costs an e-mail or guesses a code, counted in auth.rate_limit_events so
 * they hold across restarts and across the pool's connections.
 */
import type { Db } from './db.ts';
import { tooManyRequests } from './errors.ts';

export interface RateLimits {
  /** Seconds before the same address may be sent another code (GoTrue's SMTP max frequency). */
  otpIntervalSeconds: number;
  /** Codes one client address may have e-mailed per hour. */
  otpPerIpPerHour: number;
  /** Wrong or expired codes one client address may submit per hour before verify answers 429. */
  verifyFailuresPerIpPerHour: number;
}

type Action = 'otp_sent' | 'otp_failed';

export async function recordEvent(db: Db, action: Action, email: string, ip: string): Promise<void> {
  await db.query(`delete from auth.rate_limit_events where created_at < now() - interval '1 hour'`);
  await db.query('insert into auth.rate_limit_events (action, email, ip) values ($1, $2, $3)', [action, email, ip]);
}

async function countSince(db: Db, action: Action, column: 'email' | 'ip', value: string, seconds: number): Promise<{ count: number; newest: Date | null }> {
  const { rows } = await db.query<{ count: number; newest: Date | null }>(
    `select count(*)::int as count, max(created_at) as newest from auth.rate_limit_events
      where action = $1 and ${column} = $2 and created_at > now() - make_interval(secs => $3)`,
    [action, value, seconds],
  );
  return rows[0]!;
}

/** Refuses a code e-mail with GoTrue's `over_email_send_rate_limit` when either limit is reached. */
export async function checkOtpSendLimits(db: Db, limits: RateLimits, email: string, ip: string): Promise<void> {
  if (limits.otpIntervalSeconds > 0) {
    const recent = await countSince(db, 'otp_sent', 'email', email, limits.otpIntervalSeconds);
    if (recent.count > 0 && recent.newest) {
      const left = Math.max(1, Math.ceil((recent.newest.getTime() + limits.otpIntervalSeconds * 1000 - Date.now()) / 1000));
      throw tooManyRequests('over_email_send_rate_limit', `For security purposes, you can only request this after ${left} seconds.`);
    }
  }
  const fromIp = await countSince(db, 'otp_sent', 'ip', ip, 3600);
  if (fromIp.count >= limits.otpPerIpPerHour) throw tooManyRequests('over_email_send_rate_limit', 'email rate limit exceeded');
}

/** Refuses further code checks from a client that has guessed wrong too often (GoTrue's token verification limit). */
export async function checkVerifyLimit(db: Db, limits: RateLimits, ip: string): Promise<void> {
  const failures = await countSince(db, 'otp_failed', 'ip', ip, 3600);
  if (failures.count >= limits.verifyFailuresPerIpPerHour) throw tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
}
