import { afterEach, describe, expect, it } from 'vitest';
import { formatPercent, setReaderLanguages } from '../../src/i18n/format.ts';
import { locales, type Locale } from '../../src/i18n/locales.ts';
import { percentText } from '../../widget/src/placements/percent.ts';
import { browserLanguage, everyRegion } from './regions.ts';


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
      setReaderLanguages([browserLanguage(locale, region)]);
      for (const value of [7.5, 8]) expect([region, percentText(value, locale)]).toEqual([region, formatPercent(value, locale)]);
    }
  });

  it('writes what Chromium writes, not only what this ICU does', () => {
    // Seen in Chromium (the widget's browser test sees Spain's, Mexico's and Chinese); formatPercent
    // here is Node's ICU, which a Node upgrade could move away from the browsers' with the widget.
    const seen: [string, Locale, number, string][] = [
      ['es', 'es', 8, '8\u00a0%'], ['es-MX', 'es', 7.5, '7.5%'], ['es-AR', 'es', 7.5, '7,5%'], ['en-DE', 'en', 12.25, '12,25\u00a0%'],
      ['en-FR', 'en', 12.25, '12,25%'], ['en-CH', 'en', 7.5, '7.5%'], ['zh-CN', 'zh-CN', 12.5, '12.5%'], ['zh-SG', 'zh-CN', 8, '8%'],
    ];
    for (const [language, locale, value, written] of seen) {
      setReaderLanguages([language]);
      expect([language, percentText(value, locale)]).toEqual([language, written]);
    }
  });
});
