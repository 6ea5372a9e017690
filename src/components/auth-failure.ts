/**
 * Which step of signing in failed, from the auth server's error code and status: it answers in
 * English for everyone ("Invalid login credentials", "Token has expired or is invalid"), so the
 * sign-in pages and the join forms (member/refusals.ts) say the failure in the reader's language.
 * Kept free of the member API so the sign-in pages load no more than they use.
 */
import type { Translate } from '../i18n/format.ts';
import type { AuthResult } from '../stores/session.ts';

export type AuthFailure = 'code' | 'email' | 'credentials' | 'tooMany' | 'other';

export function authFailureKind({ code, status }: Extract<AuthResult, { ok: false }>): AuthFailure {
  if (code === 'otp_expired') return 'code';
  // validation_failed: GoTrue's answer to an address it cannot parse (the steps send nothing else).
  if (code === 'email_address_invalid' || code === 'validation_failed') return 'email';
  if (code === 'invalid_credentials') return 'credentials';
  if (status === 429) return 'tooMany';
  return 'other';
}

/**
 * The wait GoTrue names when it refuses a new code to an address sooner than max_frequency after
 * the last ("For security purposes, you can only request this after 42 seconds."), in seconds;
 * null for any other refusal, the project's e-mails spent for the hour among them (the same
 * error code, no wait named).
 */
export function codeWaitSeconds({ code, message }: Extract<AuthResult, { ok: false }>): number | null {
  if (code !== 'over_email_send_rate_limit') return null;
  const wait = /\bafter (\d+) seconds?\b/.exec(message);
  return wait ? Number(wait[1]) : null;
}

const sentences = {
  code: 'authWrongCode',
  email: 'authEmailInvalid',
  credentials: 'authWrongPassword',
  tooMany: 'authTooMany',
  other: 'authFailed',
} as const satisfies Record<AuthFailure, string>;

/** The sign-in pages' sentence for a failed step. */
export function authFailure(result: Extract<AuthResult, { ok: false }>, t: Translate<(typeof sentences)[AuthFailure]>): string {
  return t(sentences[authFailureKind(result)]);
}
