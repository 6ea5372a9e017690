/**
 * A failed sign-in step as the page's sentence, in the reader's language: the auth server
 * answers in English for everyone ("Invalid login credentials", "Token has expired or is
 * invalid"), so the sign-in forms say which failure it was from its code and status instead.
 */
import type { Translate } from '../i18n/format.ts';
import type { AuthResult } from '../stores/session.ts';

type AuthFailureKey = 'authWrongCode' | 'authWrongPassword' | 'authEmailInvalid' | 'authTooMany' | 'authFailed';

export function authFailure({ code, status }: Extract<AuthResult, { ok: false }>, t: Translate<AuthFailureKey>): string {
  if (code === 'otp_expired') return t('authWrongCode');
  if (code === 'invalid_credentials') return t('authWrongPassword');
  if (code === 'email_address_invalid' || code === 'validation_failed') return t('authEmailInvalid');
  if (status === 429) return t('authTooMany');
  return t('authFailed');
}
