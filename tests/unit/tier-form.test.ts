import { describe, expect, it } from 'vitest';
import { draftChanged, draftOf, newDraft, thresholdsDiffer, tierSchema } from '../../src/components/console/tiers/tier-form.ts';
import { checkErrors } from '../../src/components/console/ui/form-errors.ts';
import { removalDestinations, type TierRow, type WhatIf } from '../../src/lib/console/tiers.ts';

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
    const schema = tierSchema(t, 'en', 'en');
    expect(schema.parse({ ...draftOf(row(2), 'en'), rank: '3' }).rank).toBe(2);
    expect(schema.safeParse({ ...draftOf(row(2), 'en'), rank: '0' }).success).toBe(false);
    expect(thresholdsDiffer(draftOf(row(2), 'en'), row(2))).toBe(false);
    expect(thresholdsDiffer({ ...draftOf(row(2), 'en'), rank: '2' }, row(2))).toBe(true);
  });
});

describe('the tier editor’s texts lacking the default language', () => {
  it('name the default’s box alone, for the name and the perks', () => {
    const result = tierSchema(t, 'en', 'en').safeParse({ ...draftOf(row(2), 'en'), name: { es: 'Oro' }, perks: { es: 'Envío gratis' } });
    expect(checkErrors(result.error!).locales).toEqual({ name: 'en', perks: 'en' });
  });
});

describe('the tier editor knows when closing it would lose something', () => {
  it('counts what was typed, not a text typed and cleared again, nor the order languages were filled in', () => {
    const opened = draftOf({ ...row(2), name: { en: 'VIP', es: 'Miembro VIP' } }, 'en');
    expect(draftChanged(opened, opened)).toBe(false);
    expect(draftChanged({ ...opened, name: { ...opened.name, 'zh-CN': '  ' } }, opened)).toBe(false);
    expect(draftChanged({ ...opened, name: { es: 'Miembro VIP', en: 'VIP' } }, opened)).toBe(false);
    expect(draftChanged({ ...opened, name: { ...opened.name, 'zh-CN': 'VIP会员' } }, opened)).toBe(true);
    expect(draftChanged({ ...opened, discount_percent: '9' }, opened)).toBe(true);
    expect(draftChanged({ ...opened, free_freight: true }, opened)).toBe(true);
  });
});

describe('removing a tier', () => {
  it('sends its members to the tiers that would gain them, as many as each gains', () => {
    const tier = (id: string, members_now: number, members: number) => ({ index: 0, id, rank: 0, members_now, members });
    const result = (tiers: WhatIf['tiers']): WhatIf => ({ members: 9, tiers, moved_up: 0, moved_down: 0, moves: [] });
    expect(removalDestinations(result([tier('ordinary', 5, 6), tier('senior', 1, 3), tier('vip', 0, 0)]))).toEqual([
      { id: 'ordinary', members: 1 },
      { id: 'senior', members: 2 },
    ]);
    expect(removalDestinations(result([tier('ordinary', 5, 5), tier('senior', 1, 1)]))).toEqual([]);
  });
});
