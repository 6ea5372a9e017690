/**
 * An order's exchange rate typed by hand (the orders screen's Record an order): the example its
 * hint gives for the pair, the amount it comes to in the store's currency, and a rate typed the
 * wrong way round (7.1 yuan to the dollar for 0.14 dollars to the yuan) or with its decimal point
 * slipped (1.4, 71) caught before it is sent.
 */
import { describe, expect, it } from 'vitest';
import { converted, meantRate, typicalRate } from '../../src/lib/console/order-rate.ts';

describe('an order’s exchange rate', () => {
  it('is given as an example in the direction asked, 1 of the order’s currency in the store’s', () => {
    expect(typicalRate('CNY', 'USD')).toBe(0.14);
    expect(typicalRate('USD', 'CNY')).toBe(7.1);
    expect(typicalRate('EUR', 'USD')).toBe(1.1);
    expect(typicalRate('JPY', 'USD')).toBe(0.0067);
    expect(typicalRate('USD', 'JPY')).toBe(150);
    // A pair through the dollar: a euro store's order in yuan.
    expect(typicalRate('CNY', 'EUR')).toBe(0.13);
    // A currency of no usual rate here: no example rather than a wrong one.
    expect(typicalRate('XCG', 'USD')).toBeNull();
  });

  it('is questioned when typed the wrong way round, with its inverse as the rate likely meant', () => {
    expect(meantRate('CNY', 'USD', 7.1)).toBe(0.1408);
    expect(meantRate('USD', 'CNY', 0.14)).toBe(7.143);
    expect(meantRate('JPY', 'EUR', 162)).toBe(0.006173);
    expect(meantRate('CNY', 'EUR', 7.8)).toBe(0.1282);
  });

  it('is questioned when its decimal point slipped, with the digits typed as the rate likely meant', () => {
    expect(meantRate('CNY', 'USD', 0.014)).toBe(0.14);
    expect(meantRate('CNY', 'USD', 1.4)).toBe(0.14);
    expect(meantRate('CNY', 'USD', 0.0014)).toBe(0.14);
    expect(meantRate('CNY', 'USD', 140.8)).toBe(0.1408);
    expect(meantRate('USD', 'CNY', 71)).toBe(7.1);
    expect(meantRate('USD', 'JPY', 1.5)).toBe(150);
    expect(meantRate('CNY', 'EUR', 0.013)).toBe(0.13);
    // Turned round and slipped (7.1 typed 71 or 710): the inverse's digits, as near the usual rate
    // as they come (71 slipped three places, 0.071, is near too, but twice off).
    expect(meantRate('CNY', 'USD', 71)).toBe(0.1408);
    expect(meantRate('CNY', 'USD', 710)).toBe(0.1408);
    expect(meantRate('USD', 'CNY', 0.014)).toBe(7.143);
    // Slipped rather than turned round, though its inverse (1.667) is within the tolerance too.
    expect(meantRate('USD', 'CNY', 0.6)).toBe(6);
  });

  it('is not questioned when plausible, when nothing near explains it, or for a pair not known', () => {
    expect(meantRate('CNY', 'USD', 0.14)).toBeNull();
    expect(meantRate('CNY', 'USD', 0.5)).toBeNull();
    // Within the tolerance, though 0.3 (its point moved) would be nearer: a rate in reach is never questioned.
    expect(meantRate('CNY', 'USD', 0.03)).toBeNull();
    // Euros and dollars are near one another: either way round is a plausible rate.
    expect(meantRate('EUR', 'USD', 0.93)).toBeNull();
    expect(meantRate('EUR', 'USD', 1.08)).toBeNull();
    // A million times off, and its inverse as far: no slip of three places or fewer explains it.
    expect(meantRate('CNY', 'USD', 140000)).toBeNull();
    expect(meantRate('XCG', 'USD', 50)).toBeNull();
  });

  it('converts an amount to the store’s currency rounded to cents, as the orders table’s amount_base is', () => {
    expect(converted(1250.5, 0.14)).toBe(175.07);
    expect(converted(1250.5, 7.1)).toBe(8878.55);
    expect(converted(10, 0.333333)).toBe(3.33);
  });
});
