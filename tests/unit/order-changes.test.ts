import { describe, expect, it } from 'vitest';
import { changedAmounts, originalAmount, refundedPart } from '../../src/lib/order-changes.ts';

/** Intl keeps a no-break space between a Spanish amount and its currency. */
const nbsp = (text: string) => text.replace(' ', '\u00a0');

const change = {
  amount_before: 1200, currency_before: 'USD', amount_base_before: 1200,
  amount_after: 1000, currency_after: 'USD', amount_base_after: 1000, base_currency: 'USD',
};

describe('a correction\'s amounts', () => {
  it('are the order\'s own, with their currency, in the reader\'s language', () => {
    expect(changedAmounts(change, 'en')).toEqual({ before: 'US$1,200.00', after: 'US$1,000.00' });
    expect(changedAmounts(change, 'zh-CN')).toEqual({ before: 'US$1,200.00', after: 'US$1,000.00' });
    expect(changedAmounts(change, 'es')).toEqual({ before: nbsp('1200,00 US$'), after: nbsp('1000,00 US$') });
  });

  it('are the store\'s counted ones when only the exchange rate was corrected', () => {
    const rate = { ...change, amount_after: 1200, currency_before: 'EUR', currency_after: 'EUR', amount_base_before: 1296, amount_base_after: 1308 };
    expect(changedAmounts(rate, 'en')).toEqual({ before: 'US$1,296.00', after: 'US$1,308.00' });
  });
});

describe('a refund in part', () => {
  it('says what it gave back of what the order was, to the cent', () => {
    expect(refundedPart({ ...change, amount_before: 1200.1, amount_after: 1000.05 }, 'en')).toEqual({ part: 'US$200.05', of: 'US$1,200.10' });
    expect(refundedPart({ ...change, currency_before: 'EUR', currency_after: 'EUR' }, 'es')).toEqual({ part: nbsp('200,00 €'), of: nbsp('1200,00 €') });
  });
});

describe('an order\'s original amount', () => {
  const part = (amount: number) => ({ kind: 'refunded_in_part', amount_before: amount, currency_before: 'USD' });
  it('is the amount before its first refund in part', () => {
    expect(originalAmount([part(1000), part(800)])).toEqual({ amount: 1000, currency: 'USD' });
  });

  it('is none without a refund in part, or once a correction set the amount anew', () => {
    expect(originalAmount([])).toBeNull();
    expect(originalAmount([{ kind: 'corrected', amount_before: 900, currency_before: 'USD' }])).toBeNull();
    expect(originalAmount([part(1000), { kind: 'corrected', amount_before: 800, currency_before: 'USD' }])).toBeNull();
    expect(originalAmount([part(1000), { kind: 'corrected', amount_before: 800, currency_before: 'USD' }, part(700)])).toEqual({ amount: 700, currency: 'USD' });
  });
});
