/**
 * Supabase Auth's rate limits, with its semantics (supabase/auth, internal/api/apilimiter):
 *
 * - Per client address, one token bucket per endpoint group (tollbooth): it holds 30 requests
 *   and refills at the configured number per 5 minutes. /otp, /signup and PUT /user each have
 *   a bucket filled at `sign_in_sign_ups`, /verify at `token_verifications`, and every POST
 *   /token — password sign-in and refresh alike — at `token_refresh`. A request is counted
 *   when it arrives, whatever its outcome; a refused one costs nothing.
 * - E-mails: `email_sent` per hour for the whole auth server, in fixed hourly windows,
 *   counted as a message is about to go out.
 *
 * GoTrue keeps these counters in its process's memory. Here they live in auth.rate_limits so
 * that every connection of the pool sees one count, and each is taken and checked in a single
 * statement: concurrent requests queue on the bucket's row, so none can pass a limit another
 * has just used up.
 */
import type pg from 'pg';
import type { Db } from './db.ts';
import { tooManyRequests } from './errors.ts';
import type { AuthSettings } from './settings.ts';

/** GoTrue's endpoint groups, each a bucket of its own per client address. */
export type RequestLimiter = 'otp' | 'signup' | 'user' | 'verify' | 'token';

/** Every bucket's capacity: GoTrue sets a burst of 30 whatever the configured rate. */
export const bucketCapacity = 30;

/** tollbooth forgets a bucket an hour after making it; an idle hour refills any bucket here too. */
const idleSeconds = 3600;

const requestLimitReached = () => tooManyRequests('over_request_rate_limit', 'Request rate limit reached');
export const emailLimitReached = () => tooManyRequests('over_email_send_rate_limit', 'email rate limit exceeded');

/**
 * The stand-in's own table (GoTrue's counters are in memory), created when the stand-in starts,
 * as GoTrue migrates its schema on start: a database set up before it existed gets it too.
 */
const schema = `
  select pg_advisory_xact_lock(hashtext('auth.rate_limits'));
  create table if not exists auth.rate_limits (
    -- Which auth server counts: one per running stand-in, like GoTrue's per-process counters.
    scope text not null,
    limiter text not null,
    -- The client address; '' for the project-wide e-mail count.
    key text not null,
    -- A bucket's tokens left; for e-mails, those sent in the current window.
    tokens double precision not null,
    -- A bucket's last refill; for e-mails, the start of the current window.
    updated_at timestamptz not null,
    primary key (scope, limiter, key)
  );
  alter table auth.rate_limits enable row level security;
  drop table if exists auth.rate_limit_events;
`;

const prepared = new WeakMap<pg.Pool, Promise<void>>();

export function prepareRateLimits(pool: pg.Pool): Promise<void> {
  let ready = prepared.get(pool);
  if (!ready) {
    ready = (async () => {
      const client = await pool.connect();
      try {
        await client.query(`begin; ${schema} commit;`);
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    })();
    // A failure (the database still starting) is retried by the next request.
    ready.catch(() => prepared.delete(pool));
    prepared.set(pool, ready);
  }
  return ready;
}

/**
 * Takes one token from the bucket of (limiter, address), refilled for the time since its last
 * refill, in one statement: the conflicting row is locked and the condition re-read, so
 * concurrent requests are admitted one by one while tokens last. No row back: refused.
 */
const takeToken = `
  insert into auth.rate_limits as b (scope, limiter, key, tokens, updated_at)
  values ($1, $2, $3, $4::float8 - 1, clock_timestamp())
  on conflict (scope, limiter, key) do update
    set tokens = least($4::float8, b.tokens + greatest(0, extract(epoch from clock_timestamp() - b.updated_at)) * $5::float8) - 1,
        updated_at = greatest(b.updated_at, clock_timestamp())
    where least($4::float8, b.tokens + greatest(0, extract(epoch from clock_timestamp() - b.updated_at)) * $5::float8) >= 1
  returning tokens`;

/** Counts one e-mail in the current hourly window (a new window starts a new count). */
const countEmail = `
  insert into auth.rate_limits as w (scope, limiter, key, tokens, updated_at)
  values ($1, 'email_sent', '', 1, clock_timestamp())
  on conflict (scope, limiter, key) do update
    set tokens = case when clock_timestamp() >= w.updated_at + interval '1 hour' then 1 else w.tokens + 1 end,
        updated_at = case when clock_timestamp() >= w.updated_at + interval '1 hour'
                          then w.updated_at + floor(extract(epoch from clock_timestamp() - w.updated_at) / 3600) * interval '1 hour'
                          else w.updated_at end
    where clock_timestamp() >= w.updated_at + interval '1 hour' or w.tokens < $2
  returning tokens`;

export class RateLimits {
  private readonly pool: pg.Pool;
  private readonly scope: string;
  private readonly settings: AuthSettings['rateLimit'];
  private lastPrune = 0;

  constructor(pool: pg.Pool, scope: string, settings: AuthSettings['rateLimit']) {
    this.pool = pool;
    this.scope = scope;
    this.settings = settings;
  }

  private perFiveMinutes(limiter: RequestLimiter): number {
    if (limiter === 'verify') return this.settings.tokenVerifications;
    if (limiter === 'token') return this.settings.tokenRefresh;
    return this.settings.signInSignUps;
  }

  /** Counts a request from `ip` against its endpoint group, or answers GoTrue's 429. */
  async request(limiter: RequestLimiter, ip: string): Promise<void> {
    await this.prune();
    const refill = this.perFiveMinutes(limiter) / 300;
    // Its own statement on the pool, committed at once: a request is counted whatever it does next.
    const { rowCount } = await this.pool.query(takeToken, [this.scope, limiter, ip, bucketCapacity, refill]);
    if (rowCount !== 1) throw requestLimitReached();
  }

  /**
   * Counts an e-mail about to be sent, inside the transaction that sends it: the window's row
   * stays locked until that transaction ends, and a transaction that fails takes its count back.
   */
  async emailSent(db: Db): Promise<void> {
    if (this.settings.emailSent <= 0) throw emailLimitReached();
    const { rowCount } = await db.query(countEmail, [this.scope, this.settings.emailSent]);
    if (rowCount !== 1) throw emailLimitReached();
  }

  /** Forgets buckets idle for an hour (at most once a minute). */
  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await this.pool.query(
      `delete from auth.rate_limits where scope = $1 and limiter <> 'email_sent' and updated_at < now() - make_interval(secs => $2)`,
      [this.scope, idleSeconds],
    );
  }
}

/** GoTrue's per-user resend interval (SMTP max frequency) for one kind of e-mail. */
export function checkSentWithin(sentAt: Date | null, maxFrequencySeconds: number): void {
  if (sentAt === null || maxFrequencySeconds <= 0) return;
  const left = sentAt.getTime() + maxFrequencySeconds * 1000 - Date.now();
  if (left > 0) {
    // GoTrue truncates to whole seconds.
    throw tooManyRequests('over_email_send_rate_limit', `For security purposes, you can only request this after ${Math.floor(left / 1000)} seconds.`);
  }
}
