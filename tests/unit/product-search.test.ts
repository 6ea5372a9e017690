/** The products list's search: a product found by its SKU or a word of its name in any language. */
import { describe, expect, it } from 'vitest';
import { productMatches } from '../../src/lib/console/products.ts';

const wig = { sku: 'LF-BW-13X4-20', name: { en: 'Body Wave Lace Front Wig', 'zh-CN': '蕾丝前置假发', es: 'Peluca ondulada' } };

describe('a product found in the products list', () => {
  it('by its SKU or a part of it, whatever the case', () => {
    expect(productMatches(wig, 'lf-bw')).toBe(true);
    expect(productMatches(wig, '13X4')).toBe(true);
  });

  it('by a word of its name in a language other than the console’s, the spaces around it aside', () => {
    expect(productMatches(wig, ' 假发 ')).toBe(true);
    expect(productMatches(wig, 'ONDULADA')).toBe(true);
  });

  it('not by a word neither holds', () => {
    expect(productMatches(wig, 'bob')).toBe(false);
    expect(productMatches(wig, 'LF-BW-13X4-22')).toBe(false);
  });
});
