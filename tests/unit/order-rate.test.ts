/**
 * An order's exchange rate typed by hand (the orders screen's Record an order): the example its
 * hint gives for the pair, the amount it comes to in the store's currency, and a rate typed the
 * wrong way round (7.1 yuan to the dollar for 0.14 dollars to the yuan) caught before it is sent.
 */
import { describe, expect, it } from 'vitest';
import { converted, invertedRate, typicalRate } from '../../src/lib/console/order-rate.ts';

describe('an order’s exchange rate', () => {
  it('is given as an example in the direction asked, 1 of the order’s currency in the store’s', () => {
    expect(typicalRate('CNY', 'USD')).toBe(0.14);
    expect(typicalRate('USD', 'CNY')).toBe(7.1);
    expect(typicalRate('EUR', 'USD')).toBe(1.1);
    expect(typicalRate('JPY', 'USD')).toBe(0.0067);
    expect(typicalRate('USD', 'JPY')).toBe(150);
    // A currency of no usual rate here: no example rather than a wrong one.
    expect(typicalRate('XCG', 'USD')).toBeNull();
  });

  it('is questioned when typed the wrong way round, with its inverse as the rate likely meant', () => {
    expect(invertedRate('CNY', 'USD', 7.1)).toBe(0.1408);
    expect(invertedRate('USD', 'CNY', 0.14)).toBe(7.143);
    expect(invertedRate('JPY', 'EUR', 162)).toBe(0.006173);
  });

  it('is not questioned when plausible, when its inverse is no better, or for a pair not known', () => {
    expect(invertedRate('CNY', 'USD', 0.14)).toBeNull();
    expect(invertedRate('CNY', 'USD', 0.5)).toBeNull();
    // Euros and dollars are near one another: either way round is a plausible rate.
    expect(invertedRate('EUR', 'USD', 0.93)).toBeNull();
    expect(invertedRate('EUR', 'USD', 1.08)).toBeNull();
    // Far off both ways (a slipped decimal point, not a rate turned round).
    expect(invertedRate('CNY', 'USD', 71)).toBeNull();
    expect(invertedRate('XCG', 'USD', 50)).toBeNull();
  });

  it('converts an amount to the store’s currency rounded to cents, as the orders table’s amount_base is', () => {
    expect(converted(1250.5, 0.14)).toBe(175.07);
    expect(converted(1250.5, 7.1)).toBe(8878.55);
    expect(converted(10, 0.333333)).toBe(3.33);
  });
});
