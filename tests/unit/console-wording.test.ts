/**
 * How the console's catalogues (staff, operations, growth) read, in each language: plural forms
 * in pairs, no second full stop after a name that ends in one, one word for email in English,
 * Chinese without spaces against Latin text or numbers, and one term per thing where two screens
 * name the same thing (a coupon's copies members hold; who may see a product or read a post).
 */
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { locales } from '../../src/i18n/locales.ts';

describe('the console\'s wording', () => {
  const consoleSections = ['staff', 'operations', 'growth'] as const;
  const entries = (locale: (typeof locales)[number]) =>
    consoleSections.flatMap((section) => Object.entries(catalogues[locale][section] as Record<string, string>).map(([key, value]) => ({ section, key, value })));

  it.each(locales)('%s: every singular string (…One, src/i18n/plural.ts) has its general one', (locale) => {
    for (const { section, key } of entries(locale).filter(({ key }) => key.endsWith('One'))) {
      expect(catalogues[locale][section], `${section}.${key}`).toHaveProperty(key.slice(0, -'One'.length));
    }
  });

  it.each(locales)('%s: no full stop right after a store, company or member name, which may end in one ("Lumina Hair Co.")', (locale) => {
    const doubled = entries(locale).filter(({ value }) => /\{(store|company|member)\}[.。]/.test(value));
    expect(doubled.map(({ section, key }) => `${section}.${key}`)).toEqual([]);
  });

  it('English writes "email", never "e-mail"', () => {
    const hyphenated = entries('en').filter(({ value }) => /e-mail/i.test(value));
    expect(hyphenated.map(({ section, key }) => `${section}.${key}`)).toEqual([]);
  });

  it('zh-CN: no space between Chinese and Latin text, numbers or a placeholder', () => {
    const chinese = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]';
    const spaced = entries('zh-CN').filter(({ value }) => new RegExp(`${chinese} [A-Za-z0-9{]|[A-Za-z0-9}] ${chinese}`).test(value));
    expect(spaced.map(({ section, key, value }) => `${section}.${key}: ${value}`)).toEqual([]);
  });

  it.each(locales)('%s: the coupons list and the analytics page count a coupon\'s copies with one word', (locale) => {
    expect(catalogues[locale].operations.colIssued).toBe(catalogues[locale].growth.colIssued);
  });

  it.each(locales)('%s: products and posts name their audiences alike', (locale) => {
    const { staff, growth } = catalogues[locale];
    expect([staff.visibilityPublic, staff.visibilityMembers, staff.visibilityTierShort]).toEqual([growth.audience_public, growth.audience_members, growth.audienceTier]);
  });
});
