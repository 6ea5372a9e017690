/**
 * A language named inside a sentence is named in the sentence's language (languageName): the
 * console's Spanish said "Escribe un texto en English", each language's own name (the pickers'
 * convention, options.ts) put into another language's sentence.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleTranslator } from '../../src/components/console/console-text.ts';
import { draftOf, tierSchema } from '../../src/components/console/tiers/tier-form.ts';
import { textMapSchema } from '../../src/components/console/ui/LocalizedTextField.tsx';
import { languageName } from '../../src/i18n/format.ts';
import { locales, type Locale } from '../../src/i18n/locales.ts';
import { loadSections } from '../../src/i18n/sections.ts';
import type { TierRow } from '../../src/lib/console/tiers.ts';

const named: Record<Locale, Record<Locale, string>> = {
  en: { en: 'English', 'zh-CN': 'Simplified Chinese', es: 'Spanish' },
  'zh-CN': { en: '英语', 'zh-CN': '简体中文', es: '西班牙语' },
  es: { en: 'inglés', 'zh-CN': 'chino simplificado', es: 'español' },
};

describe('a language named in a sentence', () => {
  beforeAll(() => Promise.all(locales.map((locale) => loadSections(locale, ['staff']))));

  it.each(Object.keys(named) as Locale[])('%s names every language in its own words', (page) => {
    for (const [language, name] of Object.entries(named[page])) expect(languageName(language, page)).toBe(name);
  });

  it.each([
    ['en', 'Give a text in Spanish, the store’s default language.'],
    ['zh-CN', '请填写西班牙语文本（店铺默认语言）。'],
    ['es', 'Escribe un texto en español, el idioma predeterminado de la tienda.'],
  ] as const)('%s: a merchant text lacking the default language names it in the page’s language', (page, message) => {
    const result = textMapSchema(consoleTranslator(page, 'staff'), 'es', page, { max: 20, required: true, line: true }).safeParse({ en: 'Lumina' });
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it.each([
    ['en', 'Give a text in English, the store’s default language.'],
    ['zh-CN', '请填写英语文本（店铺默认语言）。'],
    ['es', 'Escribe un texto en inglés, el idioma predeterminado de la tienda.'],
  ] as const)('%s: so do a tier’s perks', (page, message) => {
    const tier = { id: 't1', rank: 1, name: { en: 'Senior' }, name_local: 'Senior', text_langs: null, min_paid_orders: 1, min_paid_amount: 0, discount_percent: 0, moq_override: null, prepay_regular_percent: 50, prepay_customized_percent: 75, sample_quota: 3, free_freight: false, logistics_upgrade: false, priority_delivery: false, points_multiplier: 1, rebate_percent: 0, perks: {}, updated_at: '2026-12-01T00:00:00+00:00' } as TierRow;
    const result = tierSchema(consoleTranslator(page, 'staff'), 'en', page, 20).safeParse({ ...draftOf(tier, 'en', page), perks: { es: 'Envío gratis' } });
    expect(result.error?.issues.find((issue) => issue.path[0] === 'perks')?.message).toBe(message);
  });
});
