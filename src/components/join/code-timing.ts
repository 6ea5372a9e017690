/**
 * How long an e-mailed code lives and how often a new one may be asked for, as the auth server
 * holds them: for the card exchange's code step (pending.ts), the sign-in and the e-mail change.
 * Apart from the exchange's kept card and its schema, which the e-mail change does without.
 */
import type { AuthResult } from '../../stores/session.ts';
import { codeWaitSeconds } from '../auth-failure.ts';

/**
 * supabase/config.toml's otp_expiry (tests/unit/join-pending.test.ts holds them equal): a code
 * is worthless after it (and the exchange's kept card with it: pending.ts).
 */
export const codeLifetimeMs = 3600 * 1000;

/** supabase/config.toml's max_frequency (held equal as codeLifetimeMs is): one code an address a minute. */
export const codeIntervalMs = 60 * 1000;

/**
 * When the code that a refusal of a new one stands behind went out: the auth server names the
 * wait left of its minute (codeWaitSeconds). A refusal naming none is counted from now.
 */
export function refusedCodeSentAt(result: Extract<AuthResult, { ok: false }>, now = Date.now()): number {
  const wait = codeWaitSeconds(result);
  return wait === null ? now : now - codeIntervalMs + wait * 1000;
}

/** Whole seconds until a new code may be asked for, the last having gone out at `sentAt`; 0 once it may. */
export const resendWaitSeconds = (sentAt: number, now = Date.now()) => Math.max(0, Math.ceil((sentAt + codeIntervalMs - now) / 1000));
