import fs from 'node:fs';
import vm from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { countriesFirst, countryOptions } from '../../src/i18n/countries.ts';
import { currencySymbol, formatDuration, formatMoney, formatSignedMoney, interpolate, interpolateParts } from '../../src/i18n/format.ts';
import { chosenLocaleKey, locales, matchLocale, pageLocale, pickLocale } from '../../src/i18n/locales.ts';
import { sectionNames } from '../../src/i18n/sections.ts';

describe('message catalogues', () => {
  const sections = Object.keys(catalogues.en) as (keyof typeof catalogues.en)[];

  it.each(locales)('%s has exactly the English sections and keys, none empty', (locale) => {
    const catalogue = catalogues[locale];
    expect(Object.keys(catalogue).sort()).toEqual([...sections].sort());
    for (const section of sections) {
      expect(Object.keys(catalogue[section]).sort(), section).toEqual(Object.keys(catalogues.en[section]).sort());
      for (const [key, value] of Object.entries(catalogue[section])) expect(value.trim(), `${section}.${key}`).not.toBe('');
    }
  });

  it.each(locales)('%s uses the same placeholders as English', (locale) => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const section of sections) {
      const english: Record<string, string> = catalogues.en[section];
      for (const [key, value] of Object.entries(catalogues[locale][section])) {
        expect(placeholders(value), `${section}.${key}`).toEqual(placeholders(english[key]!));
      }
    }
  });
});

describe('loading sections', () => {
  it('knows every section of the catalogue', () => {
    expect([...sectionNames].sort()).toEqual(Object.keys(catalogues.en).sort());
  });

  it.each(locales)('loads a section in %s as the catalogue has it, and refuses one not loaded', async (locale) => {
    // A copy of its own: the worker's other files share modules with this one (isolate: false)
    // and may have loaded "growth" already.
    vi.resetModules();
    const { loadSections, sectionMessages } = await import('../../src/i18n/sections.ts');
    expect(() => sectionMessages(locale, 'growth')).toThrow(/"growth" strings \(.+\) are used but not loaded/);
    await loadSections(locale, ['member', 'tiers']);
    expect(sectionMessages(locale, 'member')).toEqual(catalogues[locale].member);
    expect(sectionMessages(locale, 'tiers')).toEqual(catalogues[locale].tiers);
  });
});

describe('picking a locale', () => {
  it('prefers an explicit choice, then the browser languages, then English', () => {
    expect(pickLocale('es', ['zh-CN'])).toBe('es');
    expect(pickLocale(null, ['fr-FR', 'zh-CN'])).toBe('zh-CN');
    expect(pickLocale('klingon', ['fr'])).toBe('en');
  });

  it('matches on the language and keeps Traditional Chinese out of zh-CN', () => {
    expect(matchLocale(['es-MX'])).toBe('es');
    expect(matchLocale(['zh'])).toBe('zh-CN');
    expect(matchLocale(['zh-Hans-SG'])).toBe('zh-CN');
    expect(matchLocale(['zh-TW', 'zh-Hant', 'en-GB'])).toBe('en');
    // The script said outright wins over the region's usual one: Simplified Chinese in Hong Kong and Macao.
    expect(matchLocale(['zh-Hans-HK'])).toBe('zh-CN');
    expect(matchLocale(['zh-Hans-MO'])).toBe('zh-CN');
    expect(matchLocale(['zh-HK', 'zh-Hant-CN', 'es'])).toBe('es');
  });

  it('is the rule the pages\' first script applies before the first paint (Base.astro)', () => {
    const layout = fs.readFileSync(new URL('../../src/layouts/Base.astro', import.meta.url), 'utf8');
    const script = /<script is:inline define:vars=\{\{ chosenLocaleKey, locales \}\}>([\s\S]*?)<\/script>/.exec(layout)![1]!;
    const cases: [string, string | null, string[]][] = [
      ['?lang=es', 'zh-CN', ['en-US']], ['?s=demo', 'zh-CN', ['es-MX']], ['', null, ['zh-Hant', 'es-MX']],
      ['', null, ['zh-TW', 'zh-Hans-SG']], ['', null, ['zh-HK', 'zh-Hans-HK']], ['', null, ['zh-Hant-CN', 'es']], ['', null, ['fr', 'de']], ['?lang=klingon', null, ['ZH']], ['', 'en', ['es']],
    ];
    for (const [search, chosen, languages] of cases) {
      const root = { lang: 'en', attributes: {} as Record<string, string>, setAttribute(name: string, value: string) { this.attributes[name] = value; } };
      const context = {
        chosenLocaleKey, locales, URLSearchParams, location: { search }, navigator: { languages },
        localStorage: { getItem: (key: string) => (key === chosenLocaleKey ? chosen : null) },
        document: { documentElement: root },
      };
      vm.runInNewContext(script, context);
      const expected = matchLocale([new URLSearchParams(search).get('lang')]) ?? matchLocale([chosen, ...languages]);
      expect([root.lang, 'data-localizing' in root.attributes], `${search} ${chosen} ${languages}`)
        .toEqual(expected && expected !== 'en' ? [expected, true] : ['en', false]);
    }
  });
});

describe("a page's locale", () => {
  afterEach(() => vi.unstubAllGlobals());

  function page(search: string, chosen: string | null, languages: string[]) {
    const getItem = (key: string) => (key === chosenLocaleKey ? chosen : null);
    vi.stubGlobal('window', { location: { search }, navigator: { languages }, localStorage: { getItem } });
  }

  it('takes ?lang=, then the language chosen in the header, then the browser languages', () => {
    page('?lang=es', 'zh-CN', ['en-US']);
    expect(pageLocale()).toBe('es');
    page('?s=demo', 'zh-CN', ['es-MX']);
    expect(pageLocale()).toBe('zh-CN');
    page('', null, ['es-MX']);
    expect(pageLocale()).toBe('es');
    page('?lang=klingon', 'klingon', ['fr']);
    expect(pageLocale()).toBe('en');
  });

  it('falls back to the browser languages where storage is blocked', () => {
    const getItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    vi.stubGlobal('window', { location: { search: '' }, navigator: { languages: ['zh-CN'] }, localStorage: { getItem } });
    expect(pageLocale()).toBe('zh-CN');
  });
});

describe('formatting', () => {
  it('always shows the currency it is given, in the locale’s style', () => {
    // US dollars as International English writes them, never a bare "$" (MXN, CAD, AUD buyers' own sign).
    expect(formatMoney(10000, 'USD', 'en')).toBe('US$10,000.00');
    expect(formatMoney(-300, 'USD', 'en')).toBe('-US$300.00');
    expect(formatMoney(152000, 'MXN', 'en')).toBe('MX$152,000.00');
    expect(formatMoney(10000, 'USD', 'zh-CN')).toBe('US$10,000.00');
    expect(formatMoney(10000, 'USD', 'es')).toBe('10.000,00\u00a0US$');
    expect(formatMoney(1234.5, 'EUR', 'es')).toBe('1234,50\u00a0€');
    expect(formatMoney(88, 'CNY', 'zh-CN')).toBe('¥88.00');
  });

  it('names a currency with no amount as its amounts write it', () => {
    expect(currencySymbol('USD', 'en')).toBe('US$');
    expect(currencySymbol('USD', 'es')).toBe('US$');
    expect(currencySymbol('MXN', 'en')).toBe('MX$');
    expect(currencySymbol('EUR', 'zh-CN')).toBe('€');
  });

  it('shows an amount exactly where it has cents its currency usually goes without', () => {
    expect(formatMoney(150000, 'JPY', 'en')).toBe('JP¥150,000');
    // Rounded to "JP¥150,001", it was not the amount its base amount had been converted from.
    expect(formatMoney(150000.5, 'JPY', 'en')).toBe('JP¥150,000.50');
    expect(formatMoney(150000.5, 'JPY', 'es')).toBe('150.000,50 JPY');
    expect(formatSignedMoney(-0.5, 'KRW', 'en')).toBe('−₩0.50');
    expect(formatSignedMoney(1200, 'KRW', 'en')).toBe('+₩1,200');
    expect(formatMoney(150000.5, 'JPY', 'en', { whole: true })).toBe('JP¥150,001');
  });

  it('spells a length of time in whole hours, else in minutes', () => {
    expect([formatDuration(3_600_000, 'en'), formatDuration(3_600_000, 'zh-CN'), formatDuration(7_200_000, 'es')]).toEqual(['1 hour', '1小时', '2 horas']);
    expect([formatDuration(600_000, 'en'), formatDuration(5_400_000, 'es')]).toEqual(['10 minutes', '90 minutos']);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{count} of {total}', { count: 1 })).toBe('1 of {total}');
  });
});

describe('countries to choose from', () => {
  it('start with those the reader\'s languages name, offered rather than chosen, then every other by name', () => {
    // 中国 sorts last of some 250 names in Chinese; a buyer whose browser says zh-CN finds it first.
    const chinese = countriesFirst('zh-CN', ['zh-CN', 'en-US', 'zh-CN', 'en']);
    expect(chinese.slice(0, 2).map((country) => country.code)).toEqual(['CN', 'US']);
    expect(chinese[0]!.name).toBe('中国');
    expect(chinese).toHaveLength(countryOptions('zh-CN').length);
    expect(new Set(chinese.map((country) => country.code)).size).toBe(chinese.length);
    // A language without a country, or a tag that is no language, names none.
    expect(countriesFirst('es', ['es', 'not a tag'])).toEqual(countryOptions('es'));
  });

  it('name Taiwan, Hong Kong and Macao in Chinese as mainland trade platforms list them, beside 中国', () => {
    const names = new Map(countryOptions('zh-CN').map((country) => [country.code, country.name]));
    expect([names.get('TW'), names.get('HK'), names.get('MO')]).toEqual(['中国台湾', '中国香港', '中国澳门']);
    expect(countryOptions('en').find((country) => country.code === 'TW')!.name).toBe('Taiwan');
  });
});

describe('interpolateParts', () => {
  it('puts values that are not text where their placeholders are, in the language\'s order', () => {
    const tier = { element: 'VIP' };
    expect(interpolateParts(catalogues['zh-CN'].member.storeYouAreMember, { tier, link: 'link' })).toContain(tier);
    expect(interpolateParts('{name} ({sku})', { name: 'Wig', sku: tier })).toEqual(['Wig', ' (', tier, ')']);
    expect(interpolateParts('{name}（{sku}）', { name: '假发', sku: tier })).toEqual(['假发', '（', tier, '）']);
    // A placeholder without a value stays visible, as interpolate leaves it.
    expect(interpolateParts('Hello {who}', {})).toEqual(['Hello ', '{who}']);
  });
});

