import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { interpolate } from '../../src/i18n/format.ts';
import { pluralKey } from '../../src/i18n/plural.ts';

describe('My membership\'s counts', () => {
  it('say "1 more paid order", "1 pedido pagado más", in the progress to the next tier', () => {
    const say = (locale: 'en' | 'es' | 'zh-CN', count: number) =>
      interpolate(catalogues[locale].member[pluralKey('nextNeedOrders', count, locale)], { count, tier: 'Senior' });
    expect(say('en', 1)).toBe('1 more paid order to reach Senior.');
    expect(say('en', 2)).toBe('2 more paid orders to reach Senior.');
    expect(say('es', 1)).toBe('Falta 1 pedido pagado más para llegar a Senior.');
    expect(say('es', 2)).toBe('Faltan 2 pedidos pagados más para llegar a Senior.');
    expect(say('zh-CN', 1)).toBe('再完成1笔已付款订单即可升至Senior。');
  });
});

describe('a period of days', () => {
  // A store's statistical period may be a single day (1 to 3650).
  it('says "1 day", "1 día", where the period is one day', () => {
    const period = (locale: 'en' | 'es' | 'zh-CN', days: number) => interpolate(catalogues[locale].member[pluralKey('periodDays', days, locale)], { days });
    expect(period('en', 1)).toBe('in the last 1 day');
    expect(period('en', 365)).toBe('in the last 365 days');
    expect(period('es', 1)).toBe('en 1 día');
    expect(period('zh-CN', 1)).toBe('近1天内');
    expect(interpolate(catalogues.en.member[pluralKey('keepsSafe', 1, 'en')], { days: 1 })).toContain('(each counts for 1 day)');
    expect(interpolate(catalogues.es.member[pluralKey('keepsCaption', 1, 'es')], { days: 1 })).toContain('(cada uno cuenta 1 día)');
    expect(interpolate(catalogues.en.tiers[pluralKey('rulePeriod', 1, 'en')], { days: 1 })).toBe('Counted over the last 1 day');
  });
});

describe('a coupon the company may claim', () => {
  // "1 already counts (a used one, or one from an earlier membership, too)" read as a translation.
  it('says how many the buyer has had of the limit, then plainly what counts', () => {
    const limit = (locale: 'en' | 'es' | 'zh-CN', held: number) =>
      interpolate(catalogues[locale].member[pluralKey('couponLimit', held, locale)], { held, limit: 2 });
    expect(limit('en', 1)).toBe('Up to 2 per company; you’ve already had 1. Used coupons and any from an earlier membership count too.');
    expect(limit('en', 2)).toBe('Up to 2 per company; you’ve already had 2. Used coupons and any from an earlier membership count too.');
    expect(limit('es', 1)).toBe('Hasta 2 por empresa; ya has tenido 1. También cuentan los cupones usados y los de una membresía anterior.');
    expect(limit('zh-CN', 1)).toBe('每家公司最多2张，您已领取过1张。已使用的和以往入会时领取的也计算在内。');
  });
});
