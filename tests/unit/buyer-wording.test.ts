/**
 * How the buyer side's catalogues read, in each language: plural forms in pairs, no second full
 * stop after a name that ends in one, Chinese punctuation and spacing, one term for email.
 */
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { locales } from '../../src/i18n/locales.ts';

describe('the buyer side\'s wording', () => {
  // The sections a buyer reads: the portal, the join card, the widget, tier cards, the site.
  const buyerSections = ['member', 'join', 'widget', 'tiers', 'site'] as const;
  const entries = (locale: (typeof locales)[number]) =>
    buyerSections.flatMap((section) => Object.entries(catalogues[locale][section] as Record<string, string>).map(([key, value]) => ({ section, key, value })));

  it.each(locales)('%s: every singular string (…One, src/i18n/plural.ts) has its general one', (locale) => {
    for (const { section, key } of entries(locale).filter(({ key }) => key.endsWith('One'))) {
      expect(catalogues[locale][section], `${section}.${key}`).toHaveProperty(key.slice(0, -'One'.length));
    }
  });

  it.each(locales)('%s: no full stop or colon right after a store or company name, which may end in a full stop ("Lumina Hair Co.:")', (locale) => {
    const doubled = entries(locale).filter(({ value }) => /\{(store|company)\}[.。:：]/.test(value));
    expect(doubled.map(({ section, key }) => `${section}.${key}`)).toEqual([]);
  });

  it('zh-CN: full-width punctuation, no space between Chinese and Latin text or digits (but around the · separator)', () => {
    const chinese = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]';
    const wrong = entries('zh-CN').filter(({ value }) => {
      const unspaced = value.replaceAll(' · ', '·');
      return (
        new RegExp(`${chinese} | ${chinese}`).test(unspaced) ||
        new RegExp(`${chinese}[.,:;!?()]|\\}[.,:;!?]|[.,:;!?]$`).test(value)
      );
    });
    expect(wrong.map(({ section, key, value }) => `${section}.${key}: ${value}`)).toEqual([]);
  });

  it('English writes "email", never "e-mail"', () => {
    const hyphenated = entries('en').filter(({ value }) => /e-mail/i.test(value));
    expect(hyphenated.map(({ section, key }) => `${section}.${key}`)).toEqual([]);
  });
});
