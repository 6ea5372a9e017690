/**
 * The console's currency check (the new store's currency, a product's) takes what the database
 * takes (migration 20261210000800): a currency in use from src/lib/iso-currencies.ts, not the
 * browser's list, or one the store keeps, its own or the product's current one.
 */
import { describe, expect, it } from 'vitest';
import { commonCurrencies, isKnownCurrency } from '../../src/components/console/options.ts';

describe('isKnownCurrency', () => {
  it('takes currencies in use, also one a browser may not know yet (VED)', () => {
    for (const code of ['USD', 'EUR', 'CNY', 'VED', 'ZWG', 'XCG']) expect(isKnownCurrency(code), code).toBe(true);
  });

  it('refuses typos, withdrawn currencies (HRK, which browsers still list) and codes no price is quoted in', () => {
    for (const code of ['UDS', 'XYZ', 'HRK', 'BGN', 'CUC', 'CLF', 'XAU', 'XDR', 'XTS', 'XXX', 'usd', 'US', '']) expect(isKnownCurrency(code), code).toBe(false);
  });

  it('takes a withdrawn currency the store or product keeps, and only that one', () => {
    expect(isKnownCurrency('HRK', ['HRK', undefined])).toBe(true);
    expect(isKnownCurrency('HRK', ['USD', 'HRK'])).toBe(true);
    expect(isKnownCurrency('BGN', ['HRK', undefined])).toBe(false);
  });

  it('offers only currencies in use', () => {
    expect(commonCurrencies.filter((code) => !isKnownCurrency(code))).toEqual([]);
  });
});
