import { describe, expect, it } from 'vitest';
import * as en from '../../src/i18n/en.ts';
import * as es from '../../src/i18n/es.ts';
import * as zhCN from '../../src/i18n/zh-CN.ts';
import { translator } from '../../src/i18n/format.ts';
import { tierCard, type Build } from '../../src/lib/tier-card.ts';
import { headlineRights, pointsRate, tierRules, type TierRights } from '../../src/lib/tier-rights.ts';

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
const english = { locale: 'en' as const, t: translator(en.tiers), currency: 'USD', samplePeriodDays: 365, pointsPerCurrencyUnit: 1 };

describe('tier rules', () => {
  it('asks only for a business card at rank 0', () => {
    expect(tierRules(ordinary, english)).toEqual(['Exchange business cards to join']);
  });

  it('offers no way to join at rank 0 while the store takes no new members, saying how its members joined, in each language', () => {
    expect(tierRules(ordinary, { ...english, joiningPaused: true })).toEqual(['Members joined by exchanging business cards']);
    expect(tierRules(ordinary, { ...english, t: translator(es.tiers), locale: 'es', joiningPaused: true })).toEqual(['Los miembros se unieron intercambiando tarjetas de visita']);
    expect(tierRules(ordinary, { ...english, t: translator(zhCN.tiers), locale: 'zh-CN', joiningPaused: true })).toEqual(['现有会员均通过交换名片加入']);
    // Reaching a higher tier still counts orders, as for every member.
    expect(tierRules(vip, { ...english, joiningPaused: true })).toEqual(['Paid amount: US$10,000.00 or more']);
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
      '3 free samples every 365 days',
    ]);
    expect(headlineRights(vip, english)).toEqual([
      '8% member discount',
      '5% rebate credit on your next orders',
      '30% prepayment on regular products',
      '75% prepayment on customized products',
      'Unlimited free samples',
      'Free freight',
      'Priority delivery',
      '2 points per US$1 paid',
    ]);
  });

  it('leaves points out where the store gives none, whatever the multiplier', () => {
    expect(headlineRights(vip, { ...english, pointsPerCurrencyUnit: 0 })).not.toContainEqual(expect.stringMatching(/point/));
    expect(headlineRights({ ...vip, points_multiplier: 0 }, english).at(-1)).toBe('0 points per US$1 paid');
  });

  it('speaks the locale it is given', () => {
    // "会员折扣8%" read as 8折 (20% off) to a Chinese buyer: the price is 8% lower.
    expect(headlineRights(vip, { ...english, locale: 'zh-CN', t: translator(zhCN.tiers) })[0]).toBe('会员价立减8%');
  });
});

describe('a tier\'s points rate', () => {
  const rate = (multiplier: number, perUnit: number, locale: 'en' | 'es' | 'zh-CN' = 'en', currency = 'USD') =>
    pointsRate(multiplier, perUnit, { locale, t: translator({ en: en.tiers, es: es.tiers, 'zh-CN': zhCN.tiers }[locale]), currency });

  it('says what a paid order earns in the store\'s currency, the multiplier times the store\'s rate, in each language', () => {
    expect(rate(1.5, 1)).toBe('1.5 points per US$1 paid');
    expect(rate(1.5, 1, 'es')).toBe('1,5 puntos por cada 1\u00a0US$ en pedidos pagados');
    expect(rate(1.5, 1, 'zh-CN')).toBe('每支付US$1得1.5积分');
    expect(rate(1.5, 2, 'en', 'EUR')).toBe('3 points per €1 paid');
    expect(rate(1.25, 0.1234)).toBe('1.5425 points per US$10 paid');
  });

  it('says one point in the singular where the language has one', () => {
    expect(rate(1, 1)).toBe('1 point per US$1 paid');
    expect(rate(0.5, 2, 'es', 'EUR')).toBe('1 punto por cada 1\u00a0€ en pedidos pagados');
  });

  it('counts a rate under a point per unit per 10, 100… units, so it never reads as a fraction of a point', () => {
    expect(rate(1.5, 0.01, 'en', 'JPY')).toBe('1.5 points per JP¥100 paid');
    expect(rate(1.1, 0.3)).toBe('3.3 points per US$10 paid');
    expect(rate(0.01, 0.0001)).toBe('1 point per US$1,000,000 paid');
  });
});

describe('a tier card\'s free samples', () => {
  const samples = (quota: number, locale: 'en' | 'es' | 'zh-CN', tiers: typeof en.tiers, samplePeriodDays = 365) =>
    headlineRights({ ...ordinary, sample_quota: quota }, { ...english, locale, t: translator(tiers), samplePeriodDays }).at(-1);

  it('are one sample, or several, in each language, over the store\'s sample period', () => {
    expect(samples(1, 'en', en.tiers)).toBe('1 free sample every 365 days');
    expect(samples(3, 'en', en.tiers)).toBe('3 free samples every 365 days');
    expect(samples(1, 'es', es.tiers)).toBe('1 muestra gratis cada 365 días');
    expect(samples(3, 'es', es.tiers)).toBe('3 muestras gratis cada 365 días');
    expect(samples(1, 'zh-CN', zhCN.tiers)).toBe('每365天可免费申领样品1次');
  });

  it('renew every day, or every few thousand days, in words', () => {
    expect(samples(2, 'en', en.tiers, 1)).toBe('2 free samples every day');
    expect(samples(2, 'es', es.tiers, 1)).toBe('2 muestras gratis cada día');
    expect(samples(2, 'zh-CN', zhCN.tiers, 1)).toBe('每天可免费申领样品2次');
    expect(samples(2, 'en', en.tiers, 3650)).toBe('2 free samples every 3,650 days');
  });
});

describe('a tier card', () => {
  // A builder that writes the card as text, to read what it says and its class.
  const build: Build<string> = (tag, attributes, ...children) => `<${tag}${attributes.class ? ` class="${attributes.class}"` : ''}>${children.join('')}</${tag}>`;

  it('marks the reader\'s own tier in words as well as with its outline, and only that one', () => {
    const mine = tierCard(build, vip, { ...english, current: true });
    expect(mine).toContain('<article class="tier tier-current">');
    expect(mine).toContain('<p class="tier-current-badge">Your tier</p>');
    const other = tierCard(build, ordinary, english);
    expect(other).toContain('<article class="tier">');
    expect(other).not.toContain('Your tier');
  });

  it('reads the ordinary tier\'s card as the others while the store is paused, the pause being the whole store\'s', () => {
    const reach = '<p class="tier-label">How to reach it</p><ul class="tier-rules"><li>Members joined by exchanging business cards</li></ul>';
    expect(tierCard(build, ordinary, { ...english, joiningPaused: true })).toContain(reach);
    expect(tierCard(build, ordinary, english)).toContain('<p class="tier-label">How to reach it</p><ul class="tier-rules"><li>Exchange business cards to join</li></ul>');
    expect(tierCard(build, vip, { ...english, joiningPaused: true })).toContain('How to reach it');
  });

  it('says a tier with both thresholds needs both, in each language, and a tier with one says nothing of it', () => {
    const both = { ...vip, min_paid_orders: 2 };
    expect(tierCard(build, both, english)).toContain('<p class="tier-label">How to reach it: both of these</p><ul class="tier-rules"><li>Paid orders: 2 or more</li><li>Paid amount: US$10,000.00 or more</li></ul>');
    expect(tierCard(build, both, { ...english, t: translator(es.tiers), locale: 'es' })).toContain('<p class="tier-label">Cómo alcanzarlo: hay que cumplir ambos requisitos</p>');
    expect(tierCard(build, both, { ...english, t: translator(zhCN.tiers), locale: 'zh-CN' })).toContain('<p class="tier-label">晋升条件（须同时满足以下两项）</p>');
    expect(tierCard(build, vip, english)).toContain('<p class="tier-label">How to reach it</p>');
  });
});
