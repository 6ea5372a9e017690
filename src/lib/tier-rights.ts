/**
 * What a tier asks of a member and what it gives, as short localized lines. Shared by the
 * store page and the widget, so this module depends on no client library.
 */
import { formatMoney, formatNumber, formatPercent, type Translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { pluralKey } from '../i18n/plural.ts';
import type * as en from '../i18n/en.ts';

/** The public columns of `tiers` the rules and rights are computed from. */
export interface TierRights {
  rank: number;
  name: string;
  /** The language `name` is written in (a fallback may differ from the reader's). */
  name_lang: string;
  min_paid_orders: number;
  /** In the store's base currency. */
  min_paid_amount: number;
  discount_percent: number;
  prepay_regular_percent: number;
  prepay_customized_percent: number;
  /** Free sample claims per sample period; null means unlimited. */
  sample_quota: number | null;
  free_freight: boolean;
  logistics_upgrade: boolean;
  priority_delivery: boolean;
  points_multiplier: number;
  rebate_percent: number;
  /** Merchant-written extras, shown as written. */
  perks: string[];
  /** The language the perks are written in; null when there are none. */
  perks_lang: string | null;
}

export type TierKey = keyof typeof en.tiers;

export interface TierContext {
  locale: Locale;
  t: Translate<TierKey>;
  /** The store's base currency, in which thresholds are set. */
  currency: string;
  /** The store takes no new members (said once, store-wide, by the page): its ordinary tier says how its members joined. */
  joiningPaused?: boolean | undefined;
}

/**
 * The conditions for reaching a tier; the ordinary tier (rank 0) only asks for a business card,
 * or, while the store takes no new members, says that is how its members joined: the pause is the
 * whole store's, said once above the tiers (on the ordinary tier's card it read as that tier's alone).
 */
export function tierRules(tier: TierRights, { locale, t, currency, joiningPaused = false }: TierContext): string[] {
  if (tier.rank === 0) return [t(joiningPaused ? 'ruleJoiningPaused' : 'ruleJoin')];
  const rules: string[] = [];
  if (tier.min_paid_orders > 0) rules.push(t('ruleOrders', { count: formatNumber(tier.min_paid_orders, locale) }));
  if (tier.min_paid_amount > 0) rules.push(t('ruleAmount', { amount: formatMoney(tier.min_paid_amount, currency, locale) }));
  return rules;
}

/** What the store sets for all its tiers, which their rights are said with. */
export interface StoreTerms {
  /** The store's sample period in days, which a sample quota counts in. */
  samplePeriodDays: number;
  /** Points per unit of the store's currency paid, which a tier's points multiplier multiplies. */
  pointsPerCurrencyUnit: number;
}

/**
 * The rights worth a headline in the reader's language, most valuable first; defaults (1× points,
 * no rebate) are left out, and points where the store gives none. The merchant's perks follow
 * them in their own language (TierCard). A sample quota names the store's sample period, "per
 * period" alone left the reader guessing; points say what they are earned on (pointsRate).
 */
export function headlineRights(tier: TierRights, { locale, t, currency, samplePeriodDays, pointsPerCurrencyUnit }: TierContext & StoreTerms): string[] {
  const percent = (value: number) => formatPercent(value, locale);
  const rights: string[] = [];
  if (tier.discount_percent > 0) rights.push(t('discount', { percent: percent(tier.discount_percent) }));
  if (tier.rebate_percent > 0) rights.push(t('rebate', { percent: percent(tier.rebate_percent) }));
  rights.push(t('prepayRegular', { percent: percent(tier.prepay_regular_percent) }));
  rights.push(t('prepayCustomized', { percent: percent(tier.prepay_customized_percent) }));
  if (tier.sample_quota === null) rights.push(t('samplesUnlimited'));
  else if (tier.sample_quota > 0) {
    const period = t(pluralKey('samplePeriod', samplePeriodDays, locale, true), { days: formatNumber(samplePeriodDays, locale) });
    rights.push(t(pluralKey('samples', tier.sample_quota, locale), { count: formatNumber(tier.sample_quota, locale), period }));
  }
  if (tier.free_freight) rights.push(t('freeFreight'));
  if (tier.logistics_upgrade) rights.push(t('logisticsUpgrade'));
  if (tier.priority_delivery) rights.push(t('priorityDelivery'));
  if (tier.points_multiplier !== 1 && pointsPerCurrencyUnit > 0) rights.push(pointsRate(tier.points_multiplier, pointsPerCurrencyUnit, { locale, t, currency }));
  return rights;
}

/**
 * What a paid order earns at a points multiplier, in the store's currency ("1.5 points per US$1
 * paid"): the multiplier times the store's points per currency unit, as the engine credits an
 * order (floor(amount_base × multiplier × points_per_currency_unit)); "×1.5" alone said nothing
 * of what it multiplies. Under a point per unit it is said per 10, 100, … units ("1.5 points per
 * JP¥100 paid"), where "0.015 points per JP¥1" read as nothing.
 */
export function pointsRate(multiplier: number, pointsPerCurrencyUnit: number, { locale, t, currency }: Pick<TierContext, 'locale' | 't' | 'currency'>): string {
  // In millionths of a point (the multiplier has two decimals, the store's rate four), so no float error shows.
  const millionths = Math.round(multiplier * 100) * Math.round(pointsPerCurrencyUnit * 10_000);
  let unit = 1;
  while (millionths > 0 && millionths * unit < 1_000_000) unit *= 10;
  const points = (millionths * unit) / 1_000_000;
  return t(pluralKey('pointsRate', points, locale), { points: formatNumber(points, locale, 6), amount: formatMoney(unit, currency, locale, { whole: true }) });
}
