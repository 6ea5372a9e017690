import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../src/i18n/format.ts';
import { locales } from '../../src/i18n/locales.ts';
import { percentText } from '../../widget/src/placements/percent.ts';

describe('the placements’ percentages', () => {
  // Discounts, prepayment and rebate ratios as the database stores them (0–100, two decimals).
  const values = [0, 1, 5, 7.5, 8, 12.25, 12.345, 30, 33.333, 50, 99.99, 100];
  it.each(locales)('read as formatPercent writes them in %s', (locale) => {
    for (const value of values) expect(percentText(value, locale)).toBe(formatPercent(value, locale));
  });
});
