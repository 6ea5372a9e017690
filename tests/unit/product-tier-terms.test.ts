import { describe, expect, it } from 'vitest';
import { percentOff, tierTerms, type ProductDraft } from '../../src/components/console/products/tier-terms.ts';
import type { TierRow } from '../../src/lib/console/tiers.ts';

const tier = (rank: number, rights: Partial<TierRow>): TierRow => ({
  id: `00000000-0000-4000-8000-00000000000${rank}`,
  rank,
  name: { en: `Tier ${rank}` },
  name_local: `Tier ${rank}`,
  text_langs: { name: 'en' },
  min_paid_orders: 0,
  min_paid_amount: 0,
  discount_percent: 0,
  moq_override: null,
  prepay_regular_percent: 50,
  prepay_customized_percent: 75,
  sample_quota: 3,
  free_freight: false,
  logistics_upgrade: false,
  priority_delivery: false,
  points_multiplier: 1,
  rebate_percent: 0,
  perks: {},
  updated_at: '2026-12-01T00:00:00+00:00',
  ...rights,
});

const ordinary = tier(0, {});
const gold = tier(1, { discount_percent: 10, moq_override: 5, prepay_regular_percent: 30, prepay_customized_percent: 60, sample_quota: 6 });
const vip = tier(2, { discount_percent: 12.5, moq_override: 50, prepay_regular_percent: 0, prepay_customized_percent: 40, sample_quota: null });
const product: ProductDraft = { kind: 'regular', price: 10.05, moq: 20, min_tier_rank: 0, active: true, tierPrices: {} };

describe("each tier's terms for a product", () => {
  it('lists the tiers in rank order, whatever order they came in', () => {
    expect(tierTerms(product, [vip, ordinary, gold]).map((terms) => terms.tier.rank)).toEqual([0, 1, 2]);
  });

  it('takes the discount off the list price rounded to cents as Postgres rounds numeric, halves away from zero', () => {
    // 10.05 × 0.9 = 9.045 exactly (9.0449999… in floating point); 10.05 × 0.875 = 8.79375.
    expect(tierTerms(product, [ordinary, gold, vip]).map((terms) => terms.memberPrice)).toEqual([10.05, 9.05, 8.79]);
    expect(tierTerms({ ...product, price: 999_999_999_999.99 }, [gold])[0]!.memberPrice).toBe(899_999_999_999.99);
    expect(tierTerms({ ...product, price: null }, [gold])[0]!.memberPrice).toBeNull();
  });

  it("gives a tier its own price when typed, that tier only, keeping the discount's price beside it", () => {
    const terms = tierTerms({ ...product, tierPrices: { [vip.id]: 8.2 } }, [ordinary, gold, vip]);
    expect(terms.map((t) => t.memberPrice)).toEqual([10.05, 9.05, 8.2]);
    expect(terms.map((t) => t.discountPrice)).toEqual([10.05, 9.05, 8.79]);
    // Without a valid list price the own price still stands; the discount's waits.
    expect(tierTerms({ ...product, price: null, tierPrices: { [vip.id]: 8.2 } }, [vip])[0]).toMatchObject({ memberPrice: 8.2, discountPrice: null });
  });

  it("takes the tier's prepayment for the product's kind", () => {
    expect(tierTerms(product, [gold, vip]).map((terms) => terms.prepayPercent)).toEqual([30, 0]);
    expect(tierTerms({ ...product, kind: 'customized' }, [gold, vip]).map((terms) => terms.prepayPercent)).toEqual([60, 40]);
  });

  it("lets a tier's MOQ override lower the product's minimum, never raise it", () => {
    expect(tierTerms(product, [ordinary, gold, vip]).map((terms) => terms.moq)).toEqual([20, 5, 20]);
    expect(tierTerms({ ...product, moq: null }, [gold])[0]!.moq).toBeNull();
  });

  it("gives the tier's sample quota, null for unlimited", () => {
    expect(tierTerms(product, [ordinary, gold, vip]).map((terms) => terms.sampleQuota)).toEqual([3, 6, null]);
  });

  it('shows a product to the tiers its minimum tier reaches, and an inactive one to none', () => {
    expect(tierTerms(product, [ordinary, gold, vip]).map((terms) => terms.sees)).toEqual([true, true, true]);
    expect(tierTerms({ ...product, min_tier_rank: 1 }, [ordinary, gold, vip]).map((terms) => terms.sees)).toEqual([false, true, true]);
    expect(tierTerms({ ...product, active: false }, [ordinary, gold, vip]).map((terms) => terms.sees)).toEqual([false, false, false]);
  });

  it('says how far below the list price a tier’s own price is, as store_catalogue rounds its discount_percent', () => {
    // round((1 - 5 / 129) * 100, 2) in Postgres: 96.12.
    expect(percentOff(129, 5)).toBe(96.12);
    expect(percentOff(10.05, 9.05)).toBe(9.95);
    expect(percentOff(99.5, 99.5)).toBe(0);
    expect(percentOff(0, 0)).toBe(0);
    const terms = tierTerms({ ...product, price: 129, tierPrices: { [vip.id]: 5 } }, [ordinary, vip]);
    expect(terms.map((row) => row.ownPercentOff)).toEqual([null, 96.12]);
    expect(tierTerms({ ...product, price: null, tierPrices: { [vip.id]: 5 } }, [vip])[0]!.ownPercentOff).toBeNull();
  });
});
