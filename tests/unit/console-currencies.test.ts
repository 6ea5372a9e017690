/**
 * The console's currency check (the new store's currency, a product's) takes what the database
 * takes (migration 20261210000800): a currency in use from src/lib/iso-currencies.ts, not the
 * browser's list, or one the store keeps, its own or the product's current one. What a merchant
 * types for one (RMB, a name in their language) is read as the currency it names.
 */
import { describe, expect, it } from 'vitest';
import { commonCurrencies, currencyChoices, currencyLabel, isKnownCurrency, readCurrency } from '../../src/components/console/options.ts';
import { isoCurrencies } from '../../src/lib/iso-currencies.ts';

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

describe('a currency chosen or typed', () => {
  it('reads RMB, a code in any case, a choice as listed and a name in any console language as the currency it names', () => {
    for (const typed of ['RMB', 'rmb', ' cny ', 'CNY', '人民币', '人民币（CNY）', 'Chinese Yuan (CNY)', 'yuan renminbi', 'renminbi']) expect(readCurrency(typed), typed).toBe('CNY');
    for (const typed of ['美元', '美金', 'US Dollar', 'dólar estadounidense', 'US Dollar (USD)']) expect(readCurrency(typed), typed).toBe('USD');
    expect(readCurrency('euro')).toBe('EUR');
    expect(readCurrency('港币')).toBe('HKD');
  });

  it('leaves what names no currency in use for the check to name, in capitals', () => {
    expect(readCurrency('uds')).toBe('UDS');
    expect(readCurrency('HRK')).toBe('HRK');
    expect(isKnownCurrency(readCurrency('HRK'))).toBe(false);
    expect(readCurrency('  ')).toBe('');
    // A withdrawn currency the store keeps is read as itself.
    expect(readCurrency('hrk', ['HRK'])).toBe('HRK');
  });

  it('names each currency in the page’s language with its code, and offers the common ones first, then every other in use', () => {
    expect(currencyLabel('CNY', 'zh-CN')).toBe('人民币（CNY）');
    expect(currencyLabel('CNY', 'es')).toBe('yuan renminbi (CNY)');
    expect(currencyLabel('USD', 'en')).toBe('US Dollar (USD)');
    for (const locale of ['en', 'zh-CN', 'es'] as const) {
      const choices = currencyChoices(locale);
      expect(choices.slice(0, commonCurrencies.length).map((c) => c.code)).toEqual([...commonCurrencies]);
      expect(new Set(choices.map((c) => c.code))).toEqual(isoCurrencies);
      // What the list offers reads back as its currency.
      for (const choice of choices) expect(readCurrency(choice.label), choice.label).toBe(choice.code);
    }
    expect(currencyChoices('en', ['HRK']).map((c) => c.code)).toContain('HRK');
  });
});
