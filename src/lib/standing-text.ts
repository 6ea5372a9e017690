/**
 * A company's standing in sentences, in My membership's summary and the console's member page
 * alike: which sentence says it (a count's plural, what is still needed) and its figures. The
 * period's and the next tier's sentences are one wording for both (src/i18n/standing.*.ts); what
 * keeps the tier has the same keys in each section, said to the buyer in `member` and of the
 * company in `operations`.
 */
import { dateRange, formatCalendar, formatDate, formatMoney, formatNumber, interpolate, isolate, joinSentences, type Translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { pluralKey } from '../i18n/plural.ts';
import type { standing } from '../i18n/standing.en.ts';

type StandingKey = keyof typeof standing;
type KeepsKey = 'keepsUntil' | 'keepsSafe' | 'keepsSafeOne' | 'keepsNeedBoth' | 'keepsNeedBothOne' | 'keepsNeedAmount' | 'keepsNeedOrders' | 'keepsNeedOrdersOne';

/** Paid orders and amount still needed (my_membership's next tier, membership_standing's to_keep). */
interface Needs {
  orders_needed: number;
  amount_needed: number;
}

/**
 * How a sentence takes its date: the sentence comes with its `{date}` still to fill (a translator
 * leaves a placeholder without a value as it is), then the date as text here, or kept on one line
 * by the portal's dated() (src/components/date-text.tsx; "Dec 6, / 2025" broke at 360 px).
 */
export type WithDate<Out> = (sentence: string, date: string) => Out;

/** The date written into the sentence as text (the console's member page). */
export const dateInText: WithDate<string> = (sentence, date) => interpolate(sentence, { date });

/** "4 paid orders worth US$11,250.00 in the last 365 days (since …)": the rolling period, not the membership. */
export function periodSentence<Out>(
  paid: { paid_orders: number; paid_amount: number; window_start: string },
  days: number,
  currency: string,
  t: Translate<StandingKey>,
  locale: Locale,
  withDate: WithDate<Out>,
): Out {
  const period = t(pluralKey('periodDays', days, locale), { days: formatNumber(days, locale) });
  const date = formatDate(paid.window_start, locale);
  if (paid.paid_orders === 0) return withDate(t('periodNone', { period }), date);
  return withDate(t(pluralKey('periodLine', paid.paid_orders, locale), {
    orders: formatNumber(paid.paid_orders, locale), amount: formatMoney(paid.paid_amount, currency, locale), period,
  }), date);
}

/** What reaching `tier` still needs: orders, amount or both. */
export function nextTierNeeds(next: Needs, tier: string, currency: string, t: Translate<StandingKey>, locale: Locale): string {
  const values = { count: formatNumber(next.orders_needed, locale), amount: formatMoney(next.amount_needed, currency, locale), tier: isolate(tier) };
  if (next.orders_needed > 0 && next.amount_needed > 0) return t(pluralKey('nextNeedBoth', next.orders_needed, locale), values);
  if (next.amount_needed > 0) return t('nextNeedAmount', values);
  return t(pluralKey('nextNeedOrders', next.orders_needed, locale), values);
}

/**
 * What keeps the tier the counted orders reach (membership_standing): until when without new
 * orders, the tier then and what must be paid before to keep it; with nothing at stake, that the
 * orders keep it for as long as they count.
 */
export function whatKeepsTier<Out>(
  keep: { orders_tier: { id: string }; holds_until: string | null; falls_to: { id: string } | null; to_keep: Needs | null; period_days: number; currency: string },
  tierName: (id: string) => string,
  t: Translate<KeepsKey>,
  locale: Locale,
  withDate: WithDate<Out>,
): string | Out {
  if (!keep.holds_until || !keep.to_keep || !keep.falls_to) {
    return t(pluralKey('keepsSafe', keep.period_days, locale), { days: formatNumber(keep.period_days, locale) });
  }
  const needs = keep.to_keep;
  const values = { count: formatNumber(needs.orders_needed, locale), amount: formatMoney(needs.amount_needed, keep.currency, locale) };
  const toKeep = needs.orders_needed > 0 && needs.amount_needed > 0
    ? t(pluralKey('keepsNeedBoth', needs.orders_needed, locale), values)
    : needs.amount_needed > 0 ? t('keepsNeedAmount', values) : t(pluralKey('keepsNeedOrders', needs.orders_needed, locale), values);
  return withDate(joinSentences([
    t('keepsUntil', { tier: isolate(tierName(keep.orders_tier.id)), lower: isolate(tierName(keep.falls_to.id)) }),
    toKeep,
  ], locale), formatDate(keep.holds_until, locale));
}

/**
 * Points expiring, one line per day on the reader's calendar ("300 points on …"), soonest first:
 * credits expire by the dozen on one day. `points` reads what a credit (or an instant's sum) leaves.
 */
export function expiringByDay<Credit extends { expires_at: string }>(credits: readonly Credit[], points: (credit: Credit) => number, locale: Locale): { date: string; points: number }[] {
  return expiringBy(credits, points, (credit) => formatDate(credit.expires_at, locale));
}

/**
 * As expiringByDay, a line per month, for what expires after the coming weeks (the month as the
 * store's analytics count points expiring: formatCalendar's, in UTC), each saying the days its
 * points expire on in the reader's format: the one day ("2,550 points on Jun 14, 2027"), or the
 * first to the last, what they share said once (dateRange: "Jun 3 – 28, 2027", "3–28 jun 2027";
 * `range[1]` empty for one day). "In Jun 2027" alone left a buyer to guess whether points held on
 * the 20th were still there.
 */
export function expiringByMonth<Credit extends { expires_at: string }>(credits: readonly Credit[], points: (credit: Credit) => number, locale: Locale): { month: string; range: [string, string]; points: number }[] {
  const months = new Map<string, { first: string; last: string; points: number }>();
  for (const credit of credits) {
    const month = formatCalendar(credit.expires_at, locale, 'month');
    const line = months.get(month);
    const at = credit.expires_at;
    if (!line) months.set(month, { first: at, last: at, points: points(credit) });
    else Object.assign(line, { first: Date.parse(at) < Date.parse(line.first) ? at : line.first, last: Date.parse(at) > Date.parse(line.last) ? at : line.last, points: line.points + points(credit) });
  }
  return [...months].map(([month, { first, last, points: sum }]) => ({ month, range: dateRange(first, last, locale), points: sum }));
}

function expiringBy<Credit>(credits: readonly Credit[], points: (credit: Credit) => number, when: (credit: Credit) => string): { date: string; points: number }[] {
  const sums = new Map<string, number>();
  for (const credit of credits) sums.set(when(credit), (sums.get(when(credit)) ?? 0) + points(credit));
  return [...sums].map(([date, sum]) => ({ date, points: sum }));
}
