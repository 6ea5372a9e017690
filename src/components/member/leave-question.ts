/**
 * What leaving does to the company beyond the member's card: with the company's last contact the
 * company leaves too (leave_store), and what it holds at the store, named from the membership the
 * page already read, can no longer be used (the store keeps it, anonymised, as its record), and
 * joining again starts anew (join_store makes a new company). While colleagues stay they keep it all; when the primary contact leaves,
 * the colleague who takes over is named, as private.hand_over_primary picks them: the
 * longest-standing contact left, from the company's contacts as the member reads them (in that
 * order, fetchCompany), nothing said until they are read.
 */
import { formatList, formatMoney, formatNumber, isolate, sentenceGap } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { pluralKey } from '../../i18n/plural.ts';
import type { Contact, Membership, SampleClaim } from '../../lib/member-api.ts';
import type { MemberText } from './refusals.ts';

export function companyLeaving(
  membership: Pick<Membership, 'member' | 'contact' | 'contacts_count' | 'points' | 'rebates' | 'coupons'>,
  t: MemberText,
  locale: Locale,
  contacts?: readonly Pick<Contact, 'id' | 'full_name'>[],
): string | null {
  if (membership.contacts_count > 1) {
    const next = membership.contact.role === 'primary' && contacts?.find((contact) => contact.id !== membership.contact.id);
    return next ? t('leaveHandOver', { colleague: isolate(next.full_name), company: isolate(membership.member.company_name) }) : null;
  }
  const { points, rebates, coupons } = membership;
  const held = [
    points.balance > 0 && t(pluralKey('leaveHeldPoints', points.balance, locale), { count: formatNumber(points.balance, locale) }),
    rebates.balance > 0 && t('leaveHeldRebate', { amount: formatMoney(rebates.balance, rebates.currency, locale) }),
    coupons.claimed.length > 0 && t(pluralKey('leaveHeldCoupons', coupons.claimed.length, locale), { count: formatNumber(coupons.claimed.length, locale) }),
  ].filter((line): line is string => typeof line === 'string');
  const company = isolate(membership.member.company_name);
  const goes = held.length > 0 ? t('leaveLastContactHeld', { company, held: formatList(held, locale) }) : t('leaveLastContact', { company });
  return goes + sentenceGap(locale) + t('leaveNoCarryOver', { company });
}

/**
 * The member's own sample requests not shipped yet (requested or approved), which leave_store
 * cancels as nobody is left to ship to, named by product from the claims Samples reads; nothing
 * said while they are read or when there are none.
 */
export function samplesCancelled(
  claims: readonly Pick<SampleClaim, 'status' | 'contact_id' | 'products'>[] | undefined,
  contactId: string,
  t: MemberText,
  locale: Locale,
): string | null {
  const pending = (claims ?? []).filter((claim) => claim.contact_id === contactId && (claim.status === 'requested' || claim.status === 'approved'));
  if (pending.length === 0) return null;
  const products = formatList(pending.map((claim) => claim.products?.name ?? t('productGone')), locale);
  return t(pluralKey('leavePendingSamples', pending.length, locale), { products });
}
