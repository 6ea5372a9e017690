/**
 * A percentage as `formatPercent` (src/i18n/format.ts) writes it, without Intl: a page's first
 * `Intl.NumberFormat` loads the ICU data, which costs the merchant's page some 45 ms of main
 * thread at 4× CPU throttling (measured in Chromium), nine times the widget's whole budget, for
 * a product teaser's two numbers. For 0–100 with at most two decimals a locale's rule is two
 * things, the decimal mark and whether a no-break space goes before `%`, which the reader's region
 * decides within the widget's language (formatPercent's tag, from the browser's languages).
 * tests/unit/widget-percent.test.ts holds it equal to formatPercent in every region.
 */
import { tagOf } from '../../../src/i18n/format.ts';
import type { Locale } from '../../../src/i18n/locales.ts';

/** Regions that write a language's percentages otherwise than its own rule, as CLDR has them. */
const commaSpaced = 'AT DE DK FI NO SE';
const englishComma = 'BE CZ EE ES FR GE HU ID IT LT LV NL PL PT RO SI SK UA ZA';
const spanishPoint = 'BR BZ CU DO GT HN MX NI PA PE PR SV US 419';
const spanishComma = 'AR BO CL CO CR EC PY UY VE';

export function percentText(percent: number, locale: Locale): string {
  const region = tagOf(locale).split('-').at(-1)!;
  const has = (list: string) => region.length > 1 && list.split(' ').includes(region);
  const [comma, spaced] =
    locale === 'es' ? [!has(spanishPoint), !has(spanishPoint) && !has(spanishComma)] : locale === 'en' ? [has(commaSpaced) || has(englishComma), has(commaSpaced)] : [false, false];
  // Rounded to two decimals as Intl rounds (half away from zero), trailing zeros dropped.
  const rounded = String(Math.round(Math.abs(percent) * 100) / 100);
  const number = (percent < 0 ? '-' : '') + (comma ? rounded.replace('.', ',') : rounded);
  return spaced ? `${number}\u00a0%` : `${number}%`;
}
