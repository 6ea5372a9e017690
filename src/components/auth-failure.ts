/**
 * A failed sign-in step as the sign-in pages say it, in the reader's language: the auth server
 * answers in English for everyone ("Invalid login credentials", "Token has expired or is
 * invalid"). Which failure it was is read once, by authRefusal, for these pages and the join forms.
 */
import type { Translate } from '../i18n/format.ts';
import type { AuthResult } from '../stores/session.ts';
import { authRefusal } from './member/refusals.ts';

type AuthFailureKey = 'authWrongCode' | 'authWrongPassword' | 'authEmailInvalid' | 'authTooMany' | 'authFailed';

export function authFailure(result: Extract<AuthResult, { ok: false }>, t: Translate<AuthFailureKey>): string {
  const refusal = authRefusal(result);
  if (refusal.field === 'code') return t('authWrongCode');
  if (refusal.field === 'email') return t('authEmailInvalid');
  if (refusal.code === 'PT429') return t('authTooMany');
  if (refusal.code === 'invalid_credentials') return t('authWrongPassword');
  return t('authFailed');
}
