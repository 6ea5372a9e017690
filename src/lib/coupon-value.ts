/**
 * A coupon's value as buyers read it wherever it shows ("10% off", "US$15.00 off"): the gift
 * pack before and after joining, and My membership's coupons. A bare "10%" said nothing of
 * what it was.
 */
import { formatMoney, formatPercent, type Translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';

export interface CouponTerms {
  kind: 'percent' | 'amount';
  value: number;
  currency: string | null;
}

/** `fallbackCurrency`: the store's base currency, for an amount coupon without its own. */
export function couponValue(coupon: CouponTerms, locale: Locale, t: Translate<'couponPercent' | 'couponAmount'>, fallbackCurrency?: string): string {
  const currency = coupon.currency ?? fallbackCurrency;
  return coupon.kind === 'percent' || !currency
    ? t('couponPercent', { value: formatPercent(coupon.value, locale) })
    : t('couponAmount', { value: formatMoney(coupon.value, currency, locale) });
}
