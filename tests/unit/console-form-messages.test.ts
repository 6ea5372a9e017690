/**
 * The console's forms say each field's own rule, in the console's language: an optional field's
 * mistake keeps its message (a zod union with '' answered zod's own English "Invalid input"), and
 * an amount too large says the maximum rather than "above 0 with at most two decimals".
 */
import { describe, expect, it } from 'vitest';
import { couponFormSchema, type CouponForm } from '../../src/lib/console/coupons.ts';
import { draftOf, tierSchema } from '../../src/components/console/tiers/tier-form.ts';
import type { TierRow } from '../../src/lib/console/tiers.ts';

const coupon: CouponForm = {
  code: 'WELCOME-10', description: { en: 'Welcome', 'zh-CN': '', es: '' }, kind: 'percent', value: '10', min_order_amount: '', min_tier_rank: 0,
  valid_from: '', valid_until: '', per_member_limit: '1', is_gift_pack: false, claimable: false,
};
const couponError = (form: Partial<CouponForm>, field: keyof CouponForm) => {
  const parsed = couponFormSchema('en', 'USD', 'en').safeParse({ ...coupon, ...form });
  return parsed.success ? null : parsed.error.issues.find((issue) => issue.path[0] === field)?.message;
};

describe('the coupon form', () => {
  it('says what is wrong with a minimum order amount: below 0, no number, more than two decimals, above 999,999,999,999.99', () => {
    expect(couponError({ min_order_amount: '-5' }, 'min_order_amount')).toBe('vAmountOrZero');
    expect(couponError({ min_order_amount: '1.000,5' }, 'min_order_amount')).toBe('vNumber');
    expect(couponError({ min_order_amount: '0.125' }, 'min_order_amount')).toBe('vDecimals');
    // "1,000" is a thousand in the English console.
    expect(couponFormSchema('en', 'USD', 'en').parse({ ...coupon, min_order_amount: '1,000' }).min_order_amount).toBe(1000);
    expect(couponError({ min_order_amount: '1000000000000' }, 'min_order_amount')).toBe('vAmountMax');
  });

  it('keeps a blank minimum order as none, and 0 as an amount', () => {
    const blank = couponFormSchema('en', 'USD', 'en').parse(coupon);
    expect([blank.min_order_amount, blank.currency]).toEqual([null, null]);
    const zero = couponFormSchema('en', 'USD', 'en').parse({ ...coupon, min_order_amount: ' 0 ' });
    expect([zero.min_order_amount, zero.currency]).toEqual([0, 'USD']);
  });

  it('says a number left blank is required, and shows a percentage a percentage as example', () => {
    expect(couponError({ value: '' }, 'value')).toBe('vRequired');
    expect(couponError({ kind: 'amount', value: ' ' }, 'value')).toBe('vRequired');
    expect(couponError({ per_member_limit: '' }, 'per_member_limit')).toBe('vRequired');
    expect(couponError({ value: 'ten' }, 'value')).toBe('vPercentNumber');
    expect(couponError({ kind: 'amount', value: 'ten' }, 'value')).toBe('vNumber');
    expect(couponError({ value: '100,5' }, 'value')).toBe('vPercent');
    // The value is checked with the other fields, not only once they pass.
    expect(couponError({ value: '', per_member_limit: 'x', min_order_amount: '-1' }, 'value')).toBe('vRequired');
  });

  // A walk through the Spanish console: the window's mistake came only once the others were mended and saved again.
  it('says every mistake in one pass, the window and the gift pack\'s tier with the fields\' own', () => {
    const parsed = couponFormSchema('en', 'USD', 'es').safeParse({
      ...coupon, code: 'feria 2027', value: '150', min_order_amount: '-20', per_member_limit: '0', valid_from: '2027-03-01T00:00', valid_until: '2027-02-01T00:00',
      is_gift_pack: true, min_tier_rank: 2,
    });
    expect(parsed.error?.issues.map((issue) => [issue.path[0], issue.message]).sort()).toEqual([
      ['code', 'vCode'], ['is_gift_pack', 'vGiftPackTier'], ['min_order_amount', 'vAmountOrZero'], ['per_member_limit', 'vLimit'], ['valid_until', 'vWindow'], ['value', 'vPercent'],
    ]);
    // A date the window reads that is itself refused is not also called out of order.
    expect(couponError({ valid_from: '2027-03-01', valid_until: '2027-02-01T00:00' }, 'valid_until')).toBeUndefined();
  });

  it('says a value too large is too large', () => {
    expect(couponError({ kind: 'amount', value: '99999999999999' }, 'value')).toBe('vAmountMax');
    expect(couponError({ kind: 'amount', value: '0' }, 'value')).toBe('vAmount');
  });
});

describe('the tier form', () => {
  const row = {
    id: 't1', rank: 1, name: { en: 'Senior' }, name_local: 'Senior', text_langs: null, min_paid_orders: 1, min_paid_amount: 0,
    discount_percent: 0, moq_override: null, prepay_regular_percent: 50, prepay_customized_percent: 75, sample_quota: 3, free_freight: false,
    logistics_upgrade: false, priority_delivery: false, points_multiplier: 1, rebate_percent: 0, perks: {}, updated_at: '2026-12-01T00:00:00+00:00',
  } as TierRow;
  const t = (key: string, values?: Record<string, string | number>) => `${key} ${JSON.stringify(values ?? {})}`;

  it('says an optional whole number’s range, not zod’s “Invalid input”', () => {
    const parsed = tierSchema(t, 'en', 'en', 20).safeParse({ ...draftOf(row, 'en', 'en'), moq_override: '-1', sample_quota: '2.5' });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(messages.moq_override).toBe('errorWholeNumber {"min":1,"max":2147483647}');
    expect(messages.sample_quota).toBe('errorWholeNumber {"min":0,"max":2147483647}');
  });

  it('keeps a blank optional whole number as none', () => {
    expect(tierSchema(t, 'en', 'en', 20).parse({ ...draftOf(row, 'en', 'en'), moq_override: '' }).moq_override).toBeNull();
  });
});
