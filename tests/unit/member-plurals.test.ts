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
