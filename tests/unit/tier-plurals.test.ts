/** Tier cards count free samples in the reader's language's plural forms (src/i18n/plural.ts). */
import { describe, expect, it } from 'vitest';
import * as en from '../../src/i18n/en.ts';
import * as es from '../../src/i18n/es.ts';
import * as zhCN from '../../src/i18n/zh-CN.ts';
import { translator } from '../../src/i18n/format.ts';
import { pluralKey } from '../../src/i18n/plural.ts';
import { headlineRights, type TierRights } from '../../src/lib/tier-rights.ts';

const tier = (sample_quota: number): TierRights => ({
  rank: 0,
  name: 'Ordinary',
  name_lang: 'en',
  min_paid_orders: 0,
  min_paid_amount: 0,
  discount_percent: 0,
  prepay_regular_percent: 50,
  prepay_customized_percent: 75,
  sample_quota,
  free_freight: false,
  logistics_upgrade: false,
  priority_delivery: false,
  points_multiplier: 1,
  rebate_percent: 0,
  perks: [],
  perks_lang: null,
});

describe('plural forms', () => {
  it('take the singular for one in English and Spanish, and the general form otherwise', () => {
    for (const locale of ['en', 'es'] as const) {
      expect(pluralKey('samples', 1, locale)).toBe('samplesOne');
      for (const count of [0, 2, 11, 21, 1_000_000]) expect(pluralKey('samples', count, locale)).toBe('samples');
    }
  });

  it('have no singular in Chinese', () => {
    expect(pluralKey('samples', 1, 'zh-CN')).toBe('samples');
  });
});

describe('a tier card\'s free samples', () => {
  it('are one sample, or several, in each language', () => {
    const samples = (quota: number, locale: 'en' | 'es' | 'zh-CN', tiers: typeof en.tiers) => headlineRights(tier(quota), { locale, t: translator(tiers) }).at(-1);
    expect(samples(1, 'en', en.tiers)).toBe('1 free sample per period');
    expect(samples(3, 'en', en.tiers)).toBe('3 free samples per period');
    expect(samples(1, 'es', es.tiers)).toBe('1 muestra gratis por periodo');
    expect(samples(3, 'es', es.tiers)).toBe('3 muestras gratis por periodo');
    expect(samples(1, 'zh-CN', zhCN.tiers)).toBe('每周期1件免费样品');
  });
});
