/**
 * The product editor's save refused because someone else changed the product since it was read
 * (save_product's product_read or tier_prices_read), the product read again: the form shows their
 * changes where staff typed nothing and keeps what staff typed everywhere else, so that the next
 * Save neither puts back what they changed nor loses what was typed; and it says which fields they
 * changed, those it now shows and those it keeps staff's values of.
 */
import { describe, expect, it } from 'vitest';
import { reread, type ProductFields, type ProductRow } from '../../src/lib/console/products.ts';

const vip = '00000000-0000-4000-8000-000000000002';
const senior = '00000000-0000-4000-8000-000000000001';
const read: ProductRow = {
  id: '00000000-0000-4000-8000-0000000000aa', sku: 'LF-BW-20', name: { en: 'Body Wave Wig', es: 'Peluca ondulada' }, name_local: 'Body Wave Wig',
  text_langs: null, description: {}, kind: 'regular', price: 129, currency: 'USD', moq: 10, visibility: 'public', min_tier_rank: 0,
  image_path: 'store/product/image-1.jpg', active: true, tier_prices: [{ tier_id: vip, price: 110 }],
};
/** What the form sends for `read` unchanged. */
const asRead: ProductFields = {
  sku: read.sku, name: read.name, description: read.description, kind: read.kind, price: read.price, currency: read.currency, moq: read.moq,
  visibility: read.visibility, min_tier_rank: read.min_tier_rank, active: read.active,
};

describe('a product read again over a refused save', () => {
  it('shows what someone else changed where staff typed nothing, and keeps what staff typed', () => {
    const now = { ...read, name: { es: 'Peluca ondulada', en: 'Body Wave Wig HD' }, moq: 5, active: false };
    const { shown, taken, kept } = reread(read, now, { ...asRead, price: 119 }, { [vip]: 110 }, false);
    expect(shown).toMatchObject({ name: now.name, moq: 5, active: false, price: 119, tier_prices: [{ tier_id: vip, price: 110 }] });
    expect(taken).toEqual(['name', 'moq', 'active']);
    expect(kept).toEqual([]);
  });

  it('keeps what staff typed over what someone else saved in the same field, and says so; typed the same, there is nothing to keep', () => {
    const now = { ...read, price: 125, moq: 20, tier_prices: [{ tier_id: vip, price: 112 }, { tier_id: senior, price: 120 }] };
    const { shown, taken, kept } = reread(read, now, { ...asRead, price: 119, moq: 20 }, { [vip]: 105 }, false);
    expect(shown).toMatchObject({ price: 119, moq: 20, tier_prices: [{ tier_id: vip, price: 105 }] });
    expect(taken).toEqual([]);
    expect(kept).toEqual(['price', 'tier_prices']);
  });

  it('shows their own prices when staff changed none, whatever order they come in; a name\'s languages in any order are the same name', () => {
    const now = { ...read, tier_prices: [{ tier_id: senior, price: 120 }, { tier_id: vip, price: 110 }] };
    const { shown, taken, kept } = reread(read, now, { ...asRead, name: { es: 'Peluca ondulada', en: 'Body Wave Wig' } }, { [vip]: 110 }, false);
    expect(shown.tier_prices).toEqual(now.tier_prices);
    expect(shown.name).toBe(now.name);
    expect(taken).toEqual(['tier_prices']);
    expect(kept).toEqual([]);
  });

  it('says their new image is shown, or replaced by the one staff chose', () => {
    const now = { ...read, image_path: 'store/product/image-2.jpg' };
    expect(reread(read, now, asRead, { [vip]: 110 }, false)).toMatchObject({ shown: { image_path: now.image_path }, taken: ['image'], kept: [] });
    expect(reread(read, now, asRead, { [vip]: 110 }, true)).toMatchObject({ taken: [], kept: ['image'] });
    // A new image chosen where nobody else changed it is no change of theirs.
    expect(reread(read, read, asRead, { [vip]: 110 }, true)).toMatchObject({ taken: [], kept: [] });
  });
});
