/**
 * A member's terms on the merchant's page: the frame sends no price when the member pays the list
 * price the page shows (it read as a discount that isn't there), and the placements say so
 * without a price; the join placement names no store (the page is the store's own, and a name
 * ending in "." ran into the colon: "Lumina Hair Co.:").
 */
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { interpolate } from '../../src/i18n/format.ts';
import { locales } from '../../src/i18n/locales.ts';
import { inVersion, loaderVersion } from '../../src/pages/embed/_channel.ts';
import { productTerms } from '../../src/pages/embed/_product-terms.ts';
import { protocol, protocol2, protocol3 } from '../../widget/src/frame-protocol.ts';
import { frameAddress, readFrameMessage } from '../../widget/src/panel/frame-link.ts';

const member = (price: unknown) => ({
  protocol: protocol2,
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
    // A language the widget knows, not any text.
    for (const tierLang of ['fr', 'English', 'EN', '', 7]) expect(readFrameMessage({ ...member(null), tierLang })).toBeNull();
    expect(readFrameMessage({ ...member(null), tierLang: null })).not.toBeNull();
  });

  it('takes each product\'s name, up to the 200 characters a product name may have (an emoji counts two in JavaScript)', () => {
    const named = (name: unknown) => ({ ...member(null), products: { 'LF-BW-13X4-20': { name, price: null, prepayment: '50%', sample: 'Free sample available' } } });
    expect(readFrameMessage(named(`${'W'.repeat(199)}👑`))).not.toBeNull();
    expect(readFrameMessage(named(undefined))).toBeNull();
    expect(readFrameMessage(named('W'.repeat(401)))).toBeNull();
  });

  // Loader and frame deploy apart: a merchant's page keeps a cached widget.js while the portal's
  // frame is newer, and the other way round. Version 2 added tierLang to the member message,
  // version 3 each product's sampleLeft.
  describe('loader and frame of different versions', () => {
    const terms = { tier: 'Ordinary', tierLang: 'en' as const, products: {} };
    const product = { name: 'Body Wave 13x4 Lace Front Wig, 20"', price: null, prepayment: '50%', sample: 'no free sample left this period' };
    const withProduct = { ...terms, products: { 'LF-BW-13X4-20': { ...product, sampleLeft: false } } };

    it('a version 1 loader (no protocol in the frame\'s address) gets version 1\'s member message, without tierLang', () => {
      const reads = loaderVersion('?s=lumina&lang=es');
      expect(reads).toBe(1);
      // Exactly the keys an older loader's check allows: any other key dropped the whole message.
      expect(inVersion({ type: 'member', ...terms }, reads)).toEqual({ protocol: 'cardclub/1', type: 'member', tier: 'Ordinary', products: {} });
      expect(inVersion({ type: 'ready', allowed: true }, reads)).toEqual({ protocol: 'cardclub/1', type: 'ready', allowed: true });
      expect(inVersion({ type: 'member', ...withProduct }, reads)).toEqual({ protocol: 'cardclub/1', type: 'member', tier: 'Ordinary', products: { 'LF-BW-13X4-20': product } });
    });

    it('a version 2 loader gets the tier with its language and the terms without sampleLeft', () => {
      const sent = inVersion({ type: 'member', ...withProduct }, loaderVersion('?s=lumina&protocol=2'));
      expect(sent).toEqual({ protocol: 'cardclub/2', type: 'member', ...terms, products: { 'LF-BW-13X4-20': product } });
      expect(readFrameMessage(sent)).toEqual(sent);
    });

    it('this loader says it reads version 3 and gets whether each product has a free sample left', () => {
      const address = frameAddress({ portalOrigin: 'https://portal.example', store: 'lumina', locale: 'es' });
      expect(address).toBe('https://portal.example/embed/?s=lumina&lang=es&protocol=3');
      const reads = loaderVersion(new URL(address).search);
      expect(reads).toBe(3);
      const sent = inVersion({ type: 'member', ...withProduct }, reads);
      expect(sent).toEqual({ protocol: 'cardclub/3', type: 'member', ...withProduct });
      expect(readFrameMessage(sent)).toEqual(sent);
      // A later loader reads version 3 too: this frame writes the newest both know.
      expect(inVersion({ type: 'member', ...terms }, loaderVersion('?s=lumina&protocol=4')).protocol).toBe('cardclub/3');
      // Version 3's terms always say it, as a boolean; earlier versions' never do.
      const v3 = (sampleLeft: unknown) => ({ protocol: protocol3, type: 'member', ...terms, products: { 'LF-BW-13X4-20': { ...product, sampleLeft } } });
      expect(readFrameMessage(v3(true))).not.toBeNull();
      for (const sampleLeft of [undefined, 'false', 0, null]) expect(readFrameMessage(v3(sampleLeft))).toBeNull();
      expect(readFrameMessage({ ...v3(false), protocol: protocol2 })).toBeNull();
      expect(readFrameMessage({ protocol: protocol3, type: 'close' })).toBeNull();
    });

    it('this loader takes an older frame\'s version 1 member message: the tier, shown without a language', () => {
      expect(readFrameMessage({ protocol, type: 'member', tier: 'Ordinary', products: {} })).not.toBeNull();
      expect(readFrameMessage({ protocol, type: 'member', tier: null, products: {} })).not.toBeNull();
      // Version 1 has no tierLang; version 2 always has it.
      expect(readFrameMessage({ protocol, type: 'member', tier: 'Ordinary', tierLang: 'en', products: {} })).toBeNull();
      expect(readFrameMessage({ protocol: protocol2, type: 'member', tier: 'Ordinary', products: {} })).toBeNull();
      // Version 2 reshaped the member message only.
      expect(readFrameMessage({ protocol: protocol2, type: 'close' })).toBeNull();
      expect(readFrameMessage({ protocol, type: 'close' })).not.toBeNull();
    });
  });

  it.each(locales)('%s: the list-price line has no price; the join placement names no store', (locale) => {
    const text = catalogues[locale].placements;
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
      const text = catalogues[locale].placements;
      for (const line of [text.memberTerms, text.memberTermsListPrice, text.inlineMember]) expect(line).not.toMatch(twice);
    });

  // A tier that gives no samples said "no free sample left this period" to its members, as if
  // they had used a quota up.
  it.each(locales)('%s: a product without a sample says why: none at the store, none in the tier, or none left this period', (locale) => {
    const text = catalogues[locale].join;
    const t = (key: keyof typeof text) => interpolate(text[key], {});
    const product = {
      id: '00000000-0000-4000-8000-000000000001', sku: 'LF-BW-13X4-20', name: 'Body Wave', name_lang: 'en', description: null, description_lang: null,
      kind: 'regular' as const, currency: 'USD', list_price: 180, member_price: 162, discount_percent: 10, prepay_percent: 30, moq: 1,
      visibility: 'public' as const, min_tier_rank: null, image_path: null, sample_eligible: false, image_url: null,
    };
    const none = { used: 0, quota: 0, left: 0 };
    expect(productTerms(product, none, true, t, locale)).toMatchObject({ sample: text.termsNoSampleInTier, sampleLeft: false });
    // No tier of the store has any: not "your tier", which implied another had them.
    expect(productTerms(product, none, false, t, locale)).toMatchObject({ sample: text.termsNoSampleInStore, sampleLeft: false });
    expect(productTerms(product, { used: 3, quota: 3, left: 0 }, true, t, locale)).toMatchObject({ sample: text.termsNoSample, sampleLeft: false });
    expect(productTerms(product, { used: 9, quota: null, left: null }, true, t, locale)).toMatchObject({ sample: text.termsSample, sampleLeft: true });
    // The summary's samples decide, not the product's flag from an older read: a colleague's
    // request used the quota up since the catalogue was read, or a claim left the period.
    expect(productTerms({ ...product, sample_eligible: true }, { used: 3, quota: 3, left: 0 }, true, t, locale)).toMatchObject({ sample: text.termsNoSample, sampleLeft: false });
    expect(productTerms(product, { used: 2, quota: 3, left: 1 }, true, t, locale)).toMatchObject({ sample: text.termsSample, sampleLeft: true });
    expect(new Set([text.termsNoSampleInStore, text.termsNoSampleInTier, text.termsNoSample, text.termsSample]).size).toBe(4);
  });
});
