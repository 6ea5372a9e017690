/**
 * Amounts, numbers and dates in the page's language as the reader's region writes it: the region
 * the browser names for that language (navigator.languages, passed in here), none outside a browser.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { calendarRange, currencySymbol, formatCalendar, formatDate, formatMoney, formatNumber, formatPercent, formatSignedMoney, readerRegion, regionalTag, setReaderLanguages } from '../../src/i18n/format.ts';
import type { Locale } from '../../src/i18n/locales.ts';

// Intl's spaces (no-break, narrow no-break, thin) compared as plain ones.
const plain = (text: string) => text.replace(/[\s\u00a0\u202f\u2009]/g, ' ');

function reading(languages: string[], locale: Locale) {
  setReaderLanguages(languages);
  return (currency: string, amount = 1234.56) => plain(formatMoney(amount, currency, locale));
}

describe('the reader’s region', () => {
  afterEach(() => setReaderLanguages([]));

  it('is the first of the browser’s languages that reads as the page’s language and names a region', () => {
    expect(readerRegion('es', ['en-US', 'es', 'es-MX', 'es-AR'])).toBe('MX');
    expect(readerRegion('es', ['es-419'])).toBe('419');
    expect(readerRegion('en', ['es-MX', 'en-GB'])).toBe('GB');
    // An English browser has said nothing of how it writes Spanish.
    expect(readerRegion('es', ['en-GB', 'es'])).toBeUndefined();
    expect(readerRegion('en', [])).toBeUndefined();
    // A script before the region; Traditional Chinese is not the Simplified page's language.
    expect(readerRegion('zh-CN', ['zh-Hans-SG'])).toBe('SG');
    expect(readerRegion('zh-CN', ['zh-TW', 'zh-HK', 'zh', 'zh-SG'])).toBe('SG');
    expect(readerRegion('zh-CN', ['zh-TW'])).toBeUndefined();
    // Simplified script named outright, in a region that otherwise writes Traditional.
    expect(readerRegion('zh-CN', ['zh-Hant-HK', 'zh-Hans-HK'])).toBe('HK');
    expect(regionalTag('zh-CN', 'SG')).toBe('zh-Hans-SG');
    expect(regionalTag('zh-CN', 'CN')).toBe('zh-CN');
    expect(regionalTag('es', 'MX')).toBe('es-MX');
    expect(regionalTag('es', undefined)).toBe('es');
  });

  it('leaves every figure as before where the browser names none (and outside a browser)', () => {
    for (const languages of [[], ['es'], ['en-GB', 'es']]) {
      const money = reading(languages, 'es');
      expect([money('USD'), money('MXN'), money('USD', 12_345_678.9)]).toEqual(['1234,56 US$', '1234,56 MXN', '12.345.678,90 US$']);
      expect([formatNumber(12_345.6, 'es'), plain(formatPercent(12.5, 'es')), formatDate('2026-03-31T12:00:00Z', 'es')]).toEqual(['12.345,6', '12,5 %', '31 mar 2026']);
    }
    setReaderLanguages(['en-US']);
    // The United States' own way would be "$1,234.56": the English default of "US$" is kept.
    expect([reading(['en-US'], 'en')('USD'), reading(['en-US'], 'en')('JPY', 150_000), formatDate('2026-03-31T12:00:00Z', 'en')]).toEqual(['US$1,234.56', 'JP¥150,000', 'Mar 31, 2026']);
    expect(reading(['zh-CN'], 'zh-CN')('CNY')).toBe('¥1,234.56');
  });

  it('writes Spanish as Latin America does, for a browser that says so', () => {
    const mx = reading(['es-MX'], 'es');
    expect([mx('USD'), mx('EUR'), mx('USD', 12_345_678.9), mx('JPY', 123_456_789)]).toEqual(['USD 1,234.56', 'EUR 1,234.56', 'USD 12,345,678.90', 'JPY 123,456,789']);
    expect([formatNumber(12_345.6, 'es'), formatPercent(12.5, 'es')]).toEqual(['12,345.6', '12.5%']);
    const ar = reading(['es-AR'], 'es');
    expect([ar('USD'), ar('EUR')]).toEqual(['US$ 1.234,56', 'EUR 1.234,56']);
    expect(formatNumber(12_345.6, 'es')).toBe('12.345,6');
    const latam = reading(['es-419'], 'es');
    expect(latam('USD')).toBe('USD 1,234.56');
    expect(formatCalendar('2026-03-31T00:00:00Z', 'es')).toBe('31 mar 2026');
  });

  it('never writes a dollar or a yen as a bare "$" or "¥": the region’s own currency carries its country too', () => {
    // es-MX writes MXN "$1,234.56", es-AR ARS "$ 1.234,56", en-CA CAD and en-AU AUD "$1,234.56", en-US and es-US USD "$".
    expect(reading(['es-MX'], 'es')('MXN')).toBe('MXN 1,234.56');
    expect(reading(['es-AR'], 'es')('ARS')).toBe('ARS 1.234,56');
    expect([reading(['en-CA'], 'en')('CAD'), reading(['en-CA'], 'en')('USD')]).toEqual(['CA$1,234.56', 'US$1,234.56']);
    expect([reading(['en-AU'], 'en')('AUD'), reading(['en-AU'], 'en')('USD')]).toEqual(['A$1,234.56', 'USD 1,234.56']);
    expect(reading(['es-US'], 'es')('USD')).toBe('US$1,234.56');
    expect(reading(['en-IN'], 'en')('USD')).toBe('US$1,234.56');
    expect(reading(['en-US'], 'en')('JPY', 1500)).toBe('JP¥1,500');
    expect(reading(['zh-SG'], 'zh-CN')('CNY')).toBe('CN¥1,234.56');
    // Signed, whole and named alone alike.
    setReaderLanguages(['es-MX']);
    expect(plain(formatSignedMoney(-300, 'MXN', 'es'))).toBe('−MXN 300.00');
    expect(plain(formatSignedMoney(414.2, 'USD', 'es'))).toBe('+USD 414.20');
    expect(plain(formatMoney(10_000, 'MXN', 'es', { whole: true }))).toBe('MXN 10,000');
    expect(currencySymbol('MXN', 'es')).toBe('MXN');
    setReaderLanguages(['en-CA']);
    expect(currencySymbol('CAD', 'en')).toBe('CA$');
  });

  it('writes by its code a crown, pound, rupee or kwacha whose bare symbol another region writes for another currency', () => {
    // Sweden and Norway write "kr", Gibraltar "£", Pakistan "Rs", Zambia and Papua New Guinea "K".
    expect([reading(['en-SE'], 'en')('SEK'), reading(['en-NO'], 'en')('NOK'), reading(['en-GI'], 'en')('GIP'), reading(['en-PK'], 'en')('PKR'), reading(['en-ZM'], 'en')('ZMW'), reading(['en-PG'], 'en')('PGK')])
      .toEqual(['1 234,56 SEK', '1 234,56 NOK', 'GIP 1,234.56', 'PKR 1,234.56', 'ZMW 1,234.56', 'PGK 1,234.56']);
    // Britain's pound keeps the "£" the language writes it with; a symbol of one currency stays.
    expect([reading(['en-GB'], 'en')('GBP'), reading(['en-DK'], 'en')('DKK'), reading(['en-ZA'], 'en')('ZAR'), reading(['en-IN'], 'en')('INR')]).toEqual(['£1,234.56', '1.234,56 kr.', 'R 1 234,56', '₹1,234.56']);
  });

  it('writes in Chinese a currency other than the yuan by its code, unless its symbol is one Chinese readers know', () => {
    const zh = reading([], 'zh-CN');
    // Intl's "MX$", "CA$", "HK$", "JP¥" (beside the yuan's "¥"), "₩", "R$" are not how a Chinese page names them.
    expect(['MXN', 'CAD', 'AUD', 'HKD', 'TWD', 'JPY', 'KRW', 'BRL'].map((currency) => zh(currency, 152_000))).toEqual([
      'MXN 152,000.00', 'CAD 152,000.00', 'AUD 152,000.00', 'HKD 152,000.00', 'TWD 152,000.00', 'JPY 152,000', 'KRW 152,000', 'BRL 152,000.00']);
    expect([zh('USD'), zh('EUR'), zh('GBP'), zh('CNY'), zh('SGD')]).toEqual(['US$1,234.56', '€1,234.56', '£1,234.56', '¥1,234.56', 'SGD 1,234.56']);
    expect(plain(formatSignedMoney(-300, 'MXN', 'zh-CN'))).toBe('−MXN 300.00');
    expect(plain(formatMoney(150_000.5, 'JPY', 'zh-CN'))).toBe('JPY 150,000.50');
    expect([currencySymbol('MXN', 'zh-CN'), currencySymbol('USD', 'zh-CN')]).toEqual(['MXN', 'US$']);
    // A Chinese reader in Singapore or Hong Kong alike: the yuan keeps its country, the rest their codes.
    expect([reading(['zh-SG'], 'zh-CN')('CNY'), reading(['zh-SG'], 'zh-CN')('MXN'), reading(['zh-Hans-HK'], 'zh-CN')('HKD')]).toEqual(['CN¥1,234.56', 'MXN 1,234.56', 'HKD 1,234.56']);
    // Spanish and English keep Intl's symbols.
    expect([reading([], 'en')('MXN'), reading([], 'es')('MXN')]).toEqual(['MX$1,234.56', '1234,56 MXN']);
  });

  it('keeps the reader’s region with the language: dates and ranges too, a Chinese one in Simplified script', () => {
    setReaderLanguages(['en-GB']);
    expect(formatDate('2026-03-31T12:00:00Z', 'en')).toBe('31 Mar 2026');
    expect(calendarRange('2026-01-15T00:00:00Z', '2026-01-31T00:00:00Z', 'en').map(plain)).toEqual(['15', ' – 31 Jan 2026']);
    setReaderLanguages(['es-AR']);
    expect(calendarRange('2026-01-01T00:00:00Z', '2026-03-31T00:00:00Z', 'es').map(plain)).toEqual(['1 de ene', ' al 31 de mar de 2026']);
    setReaderLanguages(['zh-SG']);
    expect(calendarRange('2026-01-01T00:00:00Z', '2026-03-31T00:00:00Z', 'zh-CN')).toEqual(['2026年1月1日', '至3月31日']);
    expect(formatNumber(12_345.6, 'zh-CN')).toBe('12,345.6');
  });

  it('builds a formatter per region: a reader whose languages change is not served the last one’s', () => {
    expect(reading(['es-MX'], 'es')('USD')).toBe('USD 1,234.56');
    expect(reading(['es-AR'], 'es')('USD')).toBe('US$ 1.234,56');
    expect(reading([], 'es')('USD')).toBe('1234,56 US$');
  });
});
