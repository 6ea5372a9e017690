/**
 * A member's terms on the merchant's page: the frame sends no price when the member pays the list
 * price the page shows (it read as a discount that isn't there), and the placements say so
 * without a price; the join placement names no store (the page is the store's own, and a name
 * ending in "." ran into the colon: "Lumina Hair Co.:").
 */
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { locales } from '../../src/i18n/locales.ts';
import { protocol } from '../../widget/src/frame-protocol.ts';
import { readFrameMessage } from '../../widget/src/panel/frame-link.ts';

const member = (price: unknown) => ({
  protocol,
  type: 'member',
  tier: 'Ordinary',
  tierLang: 'en',
  products: { 'LF-BW-13X4-20': { name: 'Body Wave 13x4 Lace Front Wig, 20"', price, prepayment: '50%', sample: 'Free sample available' } },
});

describe('member terms on the merchant\'s page', () => {
  it('takes a product\'s price as text, or null for the list price, and nothing else', () => {
    expect(readFrameMessage(member('US$173.88'))).not.toBeNull();
    expect(readFrameMessage(member(null))).not.toBeNull();
    expect(readFrameMessage(member(173.88))).toBeNull();
    expect(readFrameMessage(member(undefined))).toBeNull();
  });

  // The placements mark the tier's name with its language: a Spanish page naming an English tier.
  it('takes the tier with the language its name is written in, and no language without a tier', () => {
    expect(readFrameMessage({ ...member(null), tierLang: 'zh-CN' })).not.toBeNull();
    expect(readFrameMessage({ ...member(null), tierLang: undefined })).toBeNull();
    expect(readFrameMessage({ ...member(null), tier: null, tierLang: null, products: {} })).not.toBeNull();
    expect(readFrameMessage({ ...member(null), tier: null, products: {} })).toBeNull();
  });

  it('takes each product\'s name, up to the 200 characters a product name may have (an emoji counts two in JavaScript)', () => {
    const named = (name: unknown) => ({ ...member(null), products: { 'LF-BW-13X4-20': { name, price: null, prepayment: '50%', sample: 'Free sample available' } } });
    expect(readFrameMessage(named(`${'W'.repeat(199)}👑`))).not.toBeNull();
    expect(readFrameMessage(named(undefined))).toBeNull();
    expect(readFrameMessage(named('W'.repeat(401)))).toBeNull();
  });

  it.each(locales)('%s: the list-price line has no price; the join placement names no store', (locale) => {
    const text = catalogues[locale].widget;
    expect(text.memberTerms).toContain('{price}');
    expect(text.memberTermsListPrice).not.toContain('{price}');
    for (const key of ['tier', 'prepay', 'sample']) expect(text.memberTermsListPrice).toContain(`{${key}}`);
    expect(text.inlineMember).not.toContain('{store}');
    expect(text.inlineMember).toContain('{tier}');
  });

  // The stores' tier names already carry the word in Chinese and Spanish (VIP会员, Miembro VIP):
  // "VIP会员会员价", "Precio de miembro Miembro VIP" said it twice.
  it.each([['zh-CN', /会员\{tier\}|\{tier\}会员/], ['es', /miembros? \{tier\}|\{tier\} miembro/i]] as const)(
    '%s: the member lines do not put the word for member beside the tier\'s name', (locale, twice) => {
      const text = catalogues[locale].widget;
      for (const line of [text.memberTerms, text.memberTermsListPrice, text.inlineMember]) expect(line).not.toMatch(twice);
    });
});
