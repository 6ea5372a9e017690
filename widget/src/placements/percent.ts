/**
 * A percentage as `formatPercent` (src/i18n/format.ts) writes it, without Intl: a page's first
 * `Intl.NumberFormat` loads the ICU data, which costs the merchant's page some 45 ms of main
 * thread at 4× CPU throttling (measured in Chromium), nine times the widget's whole budget, for
 * a product teaser's two numbers. The three languages' rules are simple for 0–100 with at most
 * two decimals: `.` or `,` as the decimal mark, and Spanish puts a no-break space before `%`.
 * tests/unit/widget-percent.test.ts holds it equal to formatPercent.
 */
import type { Locale } from '../../../src/i18n/locales.ts';

export function percentText(percent: number, locale: Locale): string {
  // Rounded to two decimals as Intl rounds (half away from zero), trailing zeros dropped.
  const rounded = String(Math.round(Math.abs(percent) * 100) / 100);
  const number = (percent < 0 ? '-' : '') + (locale === 'es' ? rounded.replace('.', ',') : rounded);
  return locale === 'es' ? `${number}\u00a0%` : `${number}%`;
}
