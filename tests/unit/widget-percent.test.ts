import { afterEach, describe, expect, it } from 'vitest';
import { formatPercent, setReaderLanguages } from '../../src/i18n/format.ts';
import { locales } from '../../src/i18n/locales.ts';
import { percentText } from '../../widget/src/placements/percent.ts';

// Every region CLDR names (not an old code it replaces, "DD" for "DE"), and the Spanish of Latin America.
const regions = new Intl.DisplayNames(['en'], { type: 'region' });
const everyRegion = ['419', ...Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)))].filter(
  (code) => regions.of(code) !== code && Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`,
);

describe('the placements’ percentages', () => {
  afterEach(() => setReaderLanguages([]));
  // Discounts, prepayment and rebate ratios as the database stores them (0–100, two decimals).
  const values = [0, 1, 5, 7.5, 8, 12.25, 12.345, 30, 33.333, 50, 99.99, 100];
  it.each(locales)('read as formatPercent writes them in %s', (locale) => {
    for (const value of values) expect(percentText(value, locale)).toBe(formatPercent(value, locale));
  });

  it.each(locales)('read as formatPercent writes them in %s in every region of the reader’s browser', (locale) => {
    expect(everyRegion.length).toBeGreaterThan(200);
    for (const region of everyRegion) {
      setReaderLanguages([`${locale === 'zh-CN' ? 'zh' : locale}-${region}`]);
      for (const value of [7.5, 8]) expect([region, percentText(value, locale)]).toEqual([region, formatPercent(value, locale)]);
    }
  });
});
