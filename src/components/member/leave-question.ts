/**
 * What leaving takes beyond the member's card: with the company's last contact the company goes
 * too (leave_store), and with it what it holds at the store, named from the membership the page
 * already read. Null while colleagues stay (they keep it all).
 */
import { formatList, formatMoney, formatNumber, isolate } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { pluralKey } from '../../i18n/plural.ts';
import type { Membership } from '../../lib/member-api.ts';
import type { MemberText } from './refusals.ts';

export function companyLeaving(membership: Pick<Membership, 'member' | 'contacts_count' | 'points' | 'rebates' | 'coupons'>, t: MemberText, locale: Locale): string | null {
  if (membership.contacts_count > 1) return null;
  const { points, rebates, coupons } = membership;
  const held = [
    points.balance > 0 && t(pluralKey('leaveHeldPoints', points.balance, locale), { count: formatNumber(points.balance, locale) }),
    rebates.balance > 0 && t('leaveHeldRebate', { amount: formatMoney(rebates.balance, rebates.currency, locale) }),
    coupons.claimed.length > 0 && t(pluralKey('leaveHeldCoupons', coupons.claimed.length, locale), { count: formatNumber(coupons.claimed.length, locale) }),
  ].filter((line): line is string => typeof line === 'string');
  const company = isolate(membership.member.company_name);
  return held.length > 0 ? t('leaveLastContactHeld', { company, held: formatList(held, locale) }) : t('leaveLastContact', { company });
}
