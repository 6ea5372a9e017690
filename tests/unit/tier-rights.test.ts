import { describe, expect, it } from 'vitest';
import * as en from '../../src/i18n/en.ts';
import * as es from '../../src/i18n/es.ts';
import * as zhCN from '../../src/i18n/zh-CN.ts';
import { translator } from '../../src/i18n/format.ts';
import { headlineRights, tierRules, type TierRights } from '../../src/lib/tier-rights.ts';

const ordinary: TierRights = {
  rank: 0,
  name: 'Ordinary',
  name_lang: 'en',
  min_paid_orders: 0,
  min_paid_amount: 0,
  discount_percent: 0,
  prepay_regular_percent: 50,
  prepay_customized_percent: 75,
  sample_quota: 3,
  free_freight: false,
  logistics_upgrade: false,
  priority_delivery: false,
  points_multiplier: 1,
  rebate_percent: 0,
  perks: [],
  perks_lang: null,
};
const vip: TierRights = {
  ...ordinary,
  rank: 2,
  name: 'VIP',
  min_paid_amount: 10000,
  discount_percent: 8,
  prepay_regular_percent: 30,
  sample_quota: null,
  free_freight: true,
  priority_delivery: true,
  points_multiplier: 2,
  rebate_percent: 5,
  perks: ['New styles first'],
  perks_lang: 'en',
};
const english = { locale: 'en' as const, t: translator(en.tiers), currency: 'USD' };

describe('tier rules', () => {
  it('asks only for a business card at rank 0', () => {
    expect(tierRules(ordinary, english)).toEqual(['Exchange business cards to join']);
  });

  it('states each threshold, amounts in the store currency', () => {
    expect(tierRules(vip, english)).toEqual(['Paid amount: US$10,000.00 or more']);
    expect(tierRules({ ...vip, min_paid_orders: 3 }, { ...english, currency: 'EUR' })).toEqual([
      'Paid orders: 3 or more',
      'Paid amount: €10,000.00 or more',
    ]);
  });
});

describe('headline rights', () => {
  it('lists what a tier gives, leaving out defaults and the merchant\'s perks', () => {
    expect(headlineRights(ordinary, english)).toEqual([
      '50% prepayment on regular products',
      '75% prepayment on customized products',
      '3 free samples per period',
    ]);
    expect(headlineRights(vip, english)).toEqual([
      '8% member discount',
      '5% cash rebate',
      '30% prepayment on regular products',
      '75% prepayment on customized products',
      'Unlimited free samples',
      'Free freight',
      'Priority delivery',
      '2× points',
    ]);
  });

  it('speaks the locale it is given', () => {
    expect(headlineRights(vip, { locale: 'zh-CN', t: translator(zhCN.tiers) })[0]).toBe('会员折扣8%');
  });
});

describe('a tier card\'s free samples', () => {
  it('are one sample, or several, in each language', () => {
    const samples = (quota: number, locale: 'en' | 'es' | 'zh-CN', tiers: typeof en.tiers) => headlineRights({ ...ordinary, sample_quota: quota }, { locale, t: translator(tiers) }).at(-1);
    expect(samples(1, 'en', en.tiers)).toBe('1 free sample per period');
    expect(samples(3, 'en', en.tiers)).toBe('3 free samples per period');
    expect(samples(1, 'es', es.tiers)).toBe('1 muestra gratis por periodo');
    expect(samples(3, 'es', es.tiers)).toBe('3 muestras gratis por periodo');
    expect(samples(1, 'zh-CN', zhCN.tiers)).toBe('每周期1件免费样品');
  });
});
