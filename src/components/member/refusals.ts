/**
 * A refused write as the member reads it. The engine refuses in English for whoever calls it
 * (`private.reject`: "Sample quota reached (3 of 3 used)", "coupon expired at …"), and so does
 * the auth server, so neither the member pages nor the join and sign-in forms show that text:
 * they read which refusal it is from the error's code, field and reason and say it in the
 * member's language; a refusal not known here gets a general sentence.
 */
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { authFailureKind } from '../auth-failure.ts';
import { reasonShape } from '../refusal-reasons.ts';
import type { Locale } from '../../i18n/locales.ts';
import { changedSinceRead } from '../../lib/read-again.ts';
import { MemberApiError } from '../../lib/member-api.ts';
import { typedText } from '../../lib/numbers.ts';
import type { AuthResult } from '../../stores/session.ts';
import type { sectionTranslator } from '../use-text.ts';

export type MemberText = ReturnType<typeof sectionTranslator<'member'>>;

/** Ids whose "matches no …" means the thing went away (withdrawn, hidden, left) while the page was open. */
const goneKeys = { product_id: 'refusedProductGone', reward_id: 'refusedRewardGone', coupon_id: 'refusedCouponGone', token: 'refusedInvitationGone' } as const;

/** How the engine refuses a login that is no contact at the store (private.my_contact_at, claim_sample and claim_coupon, invite_colleague). */
const notMemberReasons = ['You are not a member of this store', 'Only members of this store can claim samples', 'is not a company you are a contact of'];

const count = (value: unknown, locale: Locale) => formatNumber(typeof value === 'number' ? value : Number(value), locale);

/** The sentence for a refused action, shown as the form's message (or beside its button). */
export function refusalMessage(error: unknown, t: MemberText, locale: Locale): string {
  if (!(error instanceof MemberApiError)) return t('actionFailed');
  const { code, field = '', reason = '', details } = error;
  // PT401: the request guard's ended session; PGRST301: an expired token PostgREST refuses itself.
  if (code === 'PT401' || code === 'PGRST301') return t('refusedSession');
  // The join limits (private.count_join) say when their window ends; other limits do not.
  if (code === 'PT429' && field === 'join_limit' && typeof details['retry_after'] === 'string') {
    return t('refusedJoinLimit', { time: formatDate(details['retry_after'], locale, true) });
  }
  if (code === 'PT429') return t('refusedTooMany');
  // A join sent as the store's owners paused joining (the join card says so beforehand).
  if (field === 'store' && reason.startsWith('is not taking new members')) return t('refusedJoiningPaused');
  if (field === 'quota') {
    const quota = details['quota'];
    return typeof quota === 'number' ? t('quotaUsed', { used: count(details['used'], locale), quota: count(quota, locale) }) : t('refusedQuota');
  }
  // Only the company's card is saved over what was read (updateCompany).
  if (code === changedSinceRead) return t('refusedCompanyChanged');
  if (code === 'PT404') return t(field in goneKeys ? goneKeys[field as keyof typeof goneKeys] : 'refusedGone');
  // The refusals of a login that is no contact at the store: a page open since it left (another tab) or was removed.
  if (code === '42501' && notMemberReasons.includes(reason)) return t('refusedNoLongerMember');
  if (code === '42501') return t('refusedNotAllowed');
  if (field === 'points') return t('refusedPoints');
  if (field === 'coupon') {
    if (reason.startsWith('expired')) return t('refusedCouponExpired');
    if (reason.startsWith('is valid from')) return t('refusedCouponNotYet');
    if (reason.startsWith('requires')) return t('refusedCouponTier');
    if (reason.startsWith('limit')) return t('refusedCouponLimit');
    if (reason.startsWith('cannot be claimed')) return t('refusedCouponNotClaimable');
  }
  // accept_invitation: the invitation used or expired meanwhile, or the login a contact of a company here (another, or this one from another tab).
  if (field === 'token') return t(reason.startsWith('has expired') ? 'refusedInvitationExpired' : 'refusedInvitationUsed');
  if (code === '23505' && reason.startsWith('You are already a member contact')) return t('refusedContactElsewhere');
  if (field === 'inquiry') return t('refusedInquiriesOpen');
  if (field === 'order') return t(code === '23505' ? 'refusedReviewed' : 'refusedNotDelivered');
  // cancel_sample on a claim the store has approved, shipped or rejected meanwhile.
  if (field === 'status') return t('refusedClaimHandled');
  return t('actionFailed');
}

/** The values a field's format rule names: an amount's example as the reader's region types one ("12.50" in Mexico, "12,50" in Spain). */
export const formatExample = (locale: Locale) => ({ example: typedText(12.5, locale, true) });

/** What is wrong with a field the engine refused, for beside that field (its rule, as the form's own checks say it). */
export function fieldRefusal(error: MemberApiError, t: MemberText, locale: Locale): string {
  const { code, reason = '' } = error;
  if (error.field === 'email' && code === '23505') return t('refusedColleagueExists');
  if (error.field === 'email' && code === 'P0001') return t('refusedInvitesPending');
  if (reason.startsWith('must be an http')) return t('fieldWebsite');
  if (reason.startsWith('must be a positive amount')) return t('fieldAmount', formatExample(locale));
  const shape = reasonShape(reason);
  switch (shape?.kind) {
    case 'required':
      return t('fieldRequired');
    case 'email':
      return t('fieldEmail');
    case 'phone':
      return t('fieldPhone');
    case 'internationalPhone':
      return t('fieldWhatsapp');
    case 'wechat':
      return t('fieldWechat');
    case 'oneLine':
      return t('fieldOneLine');
  }
  // A postal code's other refusals (its length, its characters) are its one format rule.
  if (error.field?.endsWith('postal_code')) return t('fieldPostalCode');
  switch (shape?.kind) {
    case 'tooLong':
      return t('fieldTooLong', { max: count(shape.max, locale) });
    case 'atMost':
      return t('fieldAtMost', { max: count(shape.max, locale) });
    case 'atLeast':
      return t('fieldAtLeast', { min: count(shape.min, locale) });
    case 'range':
      return t('fieldBetween', { min: count(shape.min, locale), max: count(shape.max, locale) });
    default:
      return t('fieldInvalid');
  }
}

/**
 * A failed step of signing in with an emailed code as a refusal like the engine's: a wrong or
 * expired code belongs to the code field, a refused address to the email field, and the auth
 * server's rate limits (HTTP 429) are the engine's PT429, which PostgREST also answers with 429.
 * supabase-js reads the error's code from the body because GoTrue's CORS exposes its
 * X-Supabase-Api-Version header to the page (the local gateway does the same).
 */
export function authRefusal(result: Extract<AuthResult, { ok: false }>): MemberApiError {
  const { message, code } = result;
  switch (authFailureKind(result)) {
    case 'code':
      return new MemberApiError(message, code, 'code', 'is wrong or has expired');
    case 'email':
      return new MemberApiError(message, code, 'email', 'is not an email address');
    case 'tooMany':
      return new MemberApiError(message, 'PT429', undefined, undefined);
    default:
      return new MemberApiError(message, code, undefined, undefined);
  }
}
