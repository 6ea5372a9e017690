/**
 * A coupon's value: the figure alone ("10%", "US$15.00") for the console's table, and as buyers
 * read it wherever it shows ("10% off", "US$15.00 off"): the gift pack before and after joining,
 * and My membership's coupons. A bare "10%" said nothing to a buyer of what it was. Its least
 * order reads the same in those places too.
 */
import { formatMoney, formatPercent, type Translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';

/** How a company came to hold a copy (member_coupons.source). */
export const couponSources = ['claim', 'gift_pack', 'reward', 'staff'] as const;

/** An amount coupon always has its currency (coupons_money_has_currency). */
export interface CouponTerms {
  kind: 'percent' | 'amount';
  value: number;
  currency: string | null;
}

const isPercent = (coupon: CouponTerms) => coupon.kind === 'percent' || !coupon.currency;

export function couponFigure(coupon: CouponTerms, locale: Locale): string {
  return isPercent(coupon) ? formatPercent(coupon.value, locale) : formatMoney(coupon.value, coupon.currency!, locale);
}

export function couponValue(coupon: CouponTerms, locale: Locale, t: Translate<'couponPercent' | 'couponAmount'>): string {
  return t(isPercent(coupon) ? 'couponPercent' : 'couponAmount', { value: couponFigure(coupon, locale) });
}

/** Whether the coupon's window has closed by `now` (ms): a copy held can no longer be used. */
export function couponEnded(coupon: { valid_until: string | null }, now = Date.now()): boolean {
  return coupon.valid_until !== null && Date.parse(coupon.valid_until) <= now;
}

/** "On orders from US$200.00", or null for a coupon without a least order. */
export function couponMinimum(
  coupon: { min_order_amount: number | null; currency: string | null },
  locale: Locale,
  t: Translate<'couponMinimum'>,
): string | null {
  return coupon.min_order_amount !== null && coupon.currency
    ? t('couponMinimum', { amount: formatMoney(coupon.min_order_amount, coupon.currency, locale) })
    : null;
}
