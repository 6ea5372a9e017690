import { describe, expect, it } from 'vitest';
import { draftOf, newDraft, thresholdsDiffer, tierSchema } from '../../src/components/console/tiers/tier-form.ts';
import type { TierRow } from '../../src/lib/console/tiers.ts';

const row = (rank: number): TierRow => ({
  id: `t${rank}`, rank, name: { en: `Tier ${rank}` }, name_local: `Tier ${rank}`, text_langs: null, min_paid_orders: rank, min_paid_amount: 0,
  discount_percent: 0, moq_override: null, prepay_regular_percent: 50, prepay_customized_percent: 75, sample_quota: 3, free_freight: false,
  logistics_upgrade: false, priority_delivery: false, points_multiplier: 1, rebate_percent: 0, perks: {},
}) as TierRow;
const t = (key: string) => key;

describe('the tier editor counts ranks from 1, as merchants see them, and stores them from 0', () => {
  it('shows a saved rank one higher, and a new tier one place above the top', () => {
    expect(draftOf(row(0), 'en').rank).toBe('1');
    expect(draftOf(row(2), 'en').rank).toBe('3');
    expect(newDraft(row(2), 'en').rank).toBe('4');
  });

  it('saves the rank typed one lower, refuses 0, and compares with the saved rank that way', () => {
    const schema = tierSchema(t, 'en', 'English', 'en');
    expect(schema.parse({ ...draftOf(row(2), 'en'), rank: '3' }).rank).toBe(2);
    expect(schema.safeParse({ ...draftOf(row(2), 'en'), rank: '0' }).success).toBe(false);
    expect(thresholdsDiffer(draftOf(row(2), 'en'), row(2))).toBe(false);
    expect(thresholdsDiffer({ ...draftOf(row(2), 'en'), rank: '2' }, row(2))).toBe(true);
  });
});
