/**
 * Names for the periods of members over time, as a merchant reads them. The database ends them
 * at the calendar's boundaries in UTC and at the range's end (docs/api.md), so the first and the
 * last may be part of one: a whole period is named as the calendar names it (the day, the week
 * by its Monday, "Jan 2026"), a partial one by its days ("Jan 15 – 31, 2026"), in the pieces
 * calendarRange gives, which a chart's label breaks between and nowhere else.
 */
import { calendarRange, formatCalendar } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import type { Period } from '../../../lib/growth/analytics.ts';

const dayMs = 86_400_000;

/** Whether [start, end) (ms) is one whole UTC day, ISO week or calendar month. */
function whole(start: number, end: number, period: Period): boolean {
  const first = new Date(start);
  if (start % dayMs !== 0) return false;
  if (period === 'month') return first.getUTCDate() === 1 && end === Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
  if (period === 'week') return first.getUTCDay() === 1 && end - start === 7 * dayMs;
  return end - start === dayMs;
}

/**
 * One name per period end (ISO instants, in order, as the RPC returns them), the first period
 * starting at `from`; `weekOf` words a week by its first day ("Week of Mar 2, 2026").
 */
export function periodLabels(ends: readonly string[], from: string, period: Period, locale: Locale, weekOf: (date: string) => string): (string | string[])[] {
  return names(ends, from, period, locale, weekOf, false);
}

/**
 * The same periods named under a chart's bars, short enough for one under each at 360 px: without
 * the year ("9月", "sept", "Sep 8 – 30"; a week by its Monday's date), which `years` says once, for
 * the chart's caption ("2026", "2025年至2026年"). "2026年10月" took two lines a bar and left
 * every other period unnamed.
 */
export function periodAxis(ends: readonly string[], from: string, period: Period, locale: Locale): { labels: (string | string[])[]; years: string } {
  const last = ends.at(-1);
  const years = last ? calendarRange(new Date(Date.parse(from)).toISOString(), new Date(Date.parse(last) - 1).toISOString(), locale, 'year').join('') : '';
  return { labels: names(ends, from, period, locale, (date) => date, true), years };
}

function names(ends: readonly string[], from: string, period: Period, locale: Locale, weekOf: (date: string) => string, short: boolean): (string | string[])[] {
  const [day, month] = short ? (['day-of-year', 'month-of-year'] as const) : (['day', 'month'] as const);
  return ends.map((end, i) => {
    const start = Date.parse(i === 0 ? from : ends[i - 1]!);
    const stop = Date.parse(end);
    const first = new Date(start).toISOString();
    // A period ends at the start of the day after its last.
    if (!whole(start, stop, period)) return calendarRange(first, new Date(stop - 1).toISOString(), locale, day);
    if (period === 'month') return formatCalendar(first, locale, month);
    return period === 'week' ? weekOf(formatCalendar(first, locale, day)) : formatCalendar(first, locale, day);
  });
}
