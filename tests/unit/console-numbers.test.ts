/**
 * Numbers as staff type them in their console language, and as shop files write them: one parser
 * (src/lib/numbers.ts) behind every typed number of the console and the orders CSV.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileNumber, readTyped, twoWays, typedText } from '../../src/lib/numbers.ts';
import { pointsRateSchema } from '../../src/lib/console/store-settings.ts';
import { locales } from '../../src/i18n/locales.ts';
import { browserLanguage, everyRegion } from './regions.ts';
import { creditSchema, pointsSchemaForm } from '../../src/lib/console/members.ts';
import { couponFormSchema, rewardFormSchema } from '../../src/lib/console/coupons.ts';
import { formatMoney, formatNumber, setReaderLanguages } from '../../src/i18n/format.ts';

describe('readTyped', () => {
  it('reads each console language’s own way, grouped or not', () => {
    expect(readTyped('1.234,50', 'es')).toBe('1234.50');
    expect(readTyped('99,00', 'es')).toBe('99.00');
    expect(readTyped('1.500', 'es')).toBe('1500');
    expect(readTyped('1.234.567', 'es')).toBe('1234567');
    expect(readTyped('1,234.50', 'en')).toBe('1234.50');
    expect(readTyped('1,500', 'en')).toBe('1500');
    expect(readTyped('1,500', 'zh-CN')).toBe('1500');
    expect(readTyped(' -1.500 ', 'es')).toBe('-1500');
    // As a Chinese input method types them.
    expect(readTyped('１２．５', 'zh-CN')).toBe('12.5');
    expect(readTyped('５，０００', 'zh-CN')).toBe('5000');
  });

  it('reads what the console itself prints back', () => {
    for (const locale of ['en', 'es', 'zh-CN'] as const) {
      expect(readTyped(formatNumber(99_999, locale), locale)).toBe('99999');
      expect(readTyped(formatNumber(-1_234_567, locale), locale)).toBe('-1234567');
    }
  });

  it('shows a figure of more decimals (the points rate\'s four) in the reader\'s language, all of them', () => {
    expect(formatNumber(0.5, 'es', 4)).toBe('0,5');
    expect(formatNumber(1.2345, 'es', 4)).toBe('1,2345');
    expect(formatNumber(1.2345, 'en', 4)).toBe('1.2345');
    expect(formatNumber(1.2345, 'zh-CN', 4)).toBe('1.2345');
    // Two stay the default, and each count of digits its own formatter.
    expect(formatNumber(1.2345, 'es')).toBe('1,23');
  });

  it('reads back a value as an edit field shows it (typedText), decimals beyond a group’s three included', () => {
    expect(typedText(1.125, 'es')).toBe('1,125');
    expect(typedText(1500, 'es')).toBe('1500');
    for (const locale of ['en', 'es', 'zh-CN'] as const) {
      for (const value of [1.125, 0.0005, 1500, 1_000_000, 12.5]) expect(Number(readTyped(typedText(value, locale), locale))).toBe(value);
    }
  });

  it('shows an amount with cents to two digits in the editor (typedText), other figures as they are', () => {
    expect(typedText(1234.5, 'es', true)).toBe('1234,50');
    expect(typedText(1234.5, 'zh-CN', true)).toBe('1234.50');
    expect(typedText(129, 'es', true)).toBe('129');
    expect(typedText(1.25, 'es')).toBe('1,25');
    expect(readTyped(typedText(1234.5, 'es', true), 'es')).toBe('1234.50');
  });

  it('takes one "." or "," without grouping as the decimal point where it cannot be a group', () => {
    expect(readTyped('1234.50', 'es')).toBe('1234.50');
    expect(readTyped('1234,50', 'en')).toBe('1234.50');
    expect(readTyped('25,50', 'zh-CN')).toBe('25.50');
    expect(readTyped('0.125', 'es')).toBe('0.125');
    expect(readTyped('1.5', 'es')).toBe('1.5');
  });

  it('answers null for what is no number in the language', () => {
    for (const text of ['', 'abc', '1.234,50.1', '12,34,5', '1e5', '0x10', '--1', '1.234,5,6']) expect(readTyped(text, 'es')).toBeNull();
    expect(readTyped('1.234,50', 'en')).toBeNull();
    expect(readTyped('1,234.50', 'es')).toBeNull();
  });
});

describe('readTyped in the reader’s region', () => {
  afterEach(() => setReaderLanguages([]));

  it.each(locales)('reads back what %s prints, grouped, and what an edit field shows, in every region', (locale) => {
    for (const region of everyRegion) {
      setReaderLanguages([browserLanguage(locale, region)]);
      for (const value of [1_234_567.5, -1_234_567.5, 100_000, 99_999, 1_500, 1.125, 0.5]) {
        expect([region, formatNumber(value, locale, 4), Number(readTyped(formatNumber(value, locale, 4), locale))]).toEqual([region, formatNumber(value, locale, 4), value]);
        expect([region, Number(readTyped(typedText(value, locale), locale))]).toEqual([region, value]);
      }
    }
    // Some 10,000 numbers formatted and read back per language: 2-3 s on a 2-core machine while
    // others run, past vitest's default 5 s when the suite's type check runs beside it.
  }, 20_000);

  it('reads the grouping of regions that group with spaces, an apostrophe or by lakhs, as typed', () => {
    setReaderLanguages(['es-CR']);
    // Intl's no-break space between groups, and the plain one a keyboard types; "." grouping with "," decimals.
    expect(['1\u00a0234\u00a0567,5', '1 234 567,5', '1.234,50', '1.234.567'].map((text) => readTyped(text, 'es'))).toEqual(['1234567.5', '1234567.5', '1234.50', '1234567']);
    setReaderLanguages(['en-FR']);
    expect([readTyped('1\u202f234,5', 'en'), readTyped('1 234,5', 'en')]).toEqual(['1234.5', '1234.5']);
    setReaderLanguages(['en-CH']);
    expect([readTyped("1'234.50", 'en'), readTyped('1,234.50', 'en')]).toEqual(['1234.50', '1234.50']);
    setReaderLanguages(['en-IN']);
    expect(['12,34,567.50', '1,00,000', '123,456', '1,234'].map((text) => readTyped(text, 'en'))).toEqual(['1234567.50', '100000', '123456', '1234']);
    expect(readTyped('12,34,5', 'en')).toBeNull();
  });

  it('reads "1.000" and "1,000" a thousand times apart by region: twoWays names them, and the points rate asks which', () => {
    setReaderLanguages(['en-DE']);
    expect([readTyped('1.000', 'en'), readTyped('1,000', 'en')]).toEqual(['1000', '1.000']);
    setReaderLanguages(['en-US']);
    expect([readTyped('1.000', 'en'), readTyped('1,000', 'en')]).toEqual(['1.000', '1000']);
    setReaderLanguages(['es-MX']);
    expect(readTyped('1.500', 'es')).toBe('1.500');
    expect([twoWays('1.000'), twoWays(' -1,500 '), twoWays('0,125'), twoWays('1.2345'), twoWays('1.234,5')]).toEqual([
      { whole: '1000', decimal: '1.0000' }, { whole: '-1500', decimal: '-1.5000' }, null, null, null]);

    const messages = {
      required: 'required',
      invalid: 'invalid',
      decimals: 'decimals',
      twoWays: ({ value, whole, point }: { value: string; whole: string; point: string }) => `${value}: ${whole} or ${point}`,
      readAs: ({ value, whole, max, point }: { value: string; whole: string; max: string; point: string }) => `${value} is ${whole} > ${max}, else ${point}`,
    };
    const rate = (text: string, locale: 'en' | 'es' = 'en') => {
      const parsed = pointsRateSchema(locale, messages).safeParse(text);
      return parsed.success ? parsed.data : parsed.error.issues.map((issue) => issue.message);
    };
    for (const [language, decimal] of [['en-DE', ','], ['en-US', '.']] as const) {
      setReaderLanguages([language]);
      // 1000 points or 1, the one rate both readings allow: the decimal offered is plain 1.
      expect([language, rate('1.000'), rate('1,000')]).toEqual([language, ['1.000: 1000 or 1'], ['1,000: 1000 or 1']]);
      // Written one way only, either is read.
      expect([rate('1000'), rate('1'), rate(`1${decimal}0000`), rate(`2${decimal}5`)]).toEqual([1000, 1, 1, 2.5]);
      // Negative, no rate at all: refused as out of range, not asked about.
      expect([rate('-1.000'), rate('-1,000'), rate('-1')]).toEqual([['invalid'], ['invalid'], ['invalid']]);
    }
    // Read by the region as more than 1000, where its decimal is a rate: said how it was read, and
    // how to write the decimal (it said "from 0 to 1.000" beside "1.125" in Germany).
    setReaderLanguages(['en-DE']);
    expect([rate('1.125'), rate('12.500'), rate('1,125')]).toEqual([['1.125 is 1125 > 1000, else 1,125'], ['12.500 is 12500 > 1000, else 12,5'], 1.125]);
    setReaderLanguages(['es-ES']);
    expect([rate('1.125', 'es'), rate('1,125', 'es')]).toEqual([['1.125 is 1125 > 1000, else 1,125'], 1.125]);
    setReaderLanguages(['en-US']);
    expect([rate('1.125'), rate('1,125'), rate('1.0000')]).toEqual([1.125, ['1,125 is 1125 > 1000, else 1.125'], 1]);
    // Beyond the rate either way, or grouped past one mark: no reading to offer.
    expect([rate('1,125.5'), rate('2000')]).toEqual([['invalid'], ['invalid']]);
    // In range with a fifth decimal, which numeric(10,4) does not keep: refused for its decimals
    // (it said "from 0 to 1,000"); beyond the rate as well, for the range.
    expect([rate('0.12345'), rate('0.00004'), rate('0.1234'), rate('1000.12345')]).toEqual([['decimals'], ['decimals'], 0.1234, ['invalid']]);
  });

  it('reads one "." or "," before three digits as a group where the region groups with a space or an apostrophe', () => {
    // Costa Rica prints "1 500,00", Switzerland "1'500.00"; their typists also group with the mark the decimal is not.
    setReaderLanguages(['es-CR']);
    expect(['1.500', '1.500,00', '-1.500', '1,500', '1.5', '0.500', '1.2345'].map((text) => readTyped(text, 'es'))).toEqual(['1500', '1500.00', '-1500', '1.500', '1.5', '0.500', '1.2345']);
    setReaderLanguages(['en-CH']);
    expect(['1,500', '1,500.00', '1.500', '1,5'].map((text) => readTyped(text, 'en'))).toEqual(['1500', '1500.00', '1.500', '1.5']);
    // The points rate asks there too, and reads "1.125" (Costa Rica) as more than 1000.
    const messages = { required: 'required', invalid: 'invalid', decimals: 'decimals', twoWays: () => 'asked', readAs: ({ whole }: { whole: string }) => `read ${whole}` };
    setReaderLanguages(['es-CR']);
    expect(['1.000', '1.125', '1,125'].map((text) => pointsRateSchema('es', messages).safeParse(text))).toMatchObject([
      { error: { issues: [{ message: 'asked' }] } }, { error: { issues: [{ message: 'read 1125' }] } }, { data: 1.125 }]);
  });

  it('reads the typographic apostrophes of smart punctuation as the Swiss group', () => {
    setReaderLanguages(['en-CH']);
    expect(['1’500', '1ʼ500', "1'234'567.50", '1’234’567.50'].map((text) => readTyped(text, 'en'))).toEqual(['1500', '1500', '1234567.50', '1234567.50']);
  });
});

describe('readFileNumber', () => {
  it('reads a value of any writer: dot or comma decimals, grouped or not', () => {
    for (const text of ['1234.50', '1234,50', '1,234.50', '1.234,50', ' 1.234,50 ']) expect(readFileNumber(text)).toEqual({ value: '1234.50' });
    expect(readFileNumber('1.234.567')).toEqual({ value: '1234567' });
    expect(readFileNumber('1,234,567.5')).toEqual({ value: '1234567.5' });
    expect(readFileNumber('0,125')).toEqual({ value: '0.125' });
    expect(readFileNumber('1234,567')).toEqual({ value: '1234.567' });
    expect(readFileNumber('99')).toEqual({ value: '99' });
  });

  it('calls one separator before three digits ambiguous, with the whole number it may be', () => {
    expect(readFileNumber('1,234')).toEqual({ ambiguous: true, whole: '1234', decimal: '1.2340' });
    expect(readFileNumber('1.234')).toEqual({ ambiguous: true, whole: '1234', decimal: '1.2340' });
    expect(readFileNumber('123.456')).toEqual({ ambiguous: true, whole: '123456', decimal: '123.4560' });
  });

  it('answers null for mixed-up separators and text', () => {
    for (const text of ['1,234,56', '1.234.56,7', '1,234,567,8.9.1', '1.2.3', 'abc', '12,34.567.8', '1,234,5']) expect(readFileNumber(text)).toBeNull();
    expect(readFileNumber('1,234.567,8')).toBeNull();
  });
});

describe('typed console fields', () => {
  it('credit a rebate of "25,50" in Spanish, as the confirmation prints it', () => {
    const parsed = creditSchema('es').parse({ amount: '25,50', note: 'Goodwill' });
    expect(parsed.amount).toBe(25.5);
    expect(formatMoney(parsed.amount, 'USD', 'es')).toMatch(/^25,50\sUS\$$/);
    expect(creditSchema('es').parse({ amount: '1.234,50', note: 'n' }).amount).toBe(1234.5);
    expect(creditSchema('en').parse({ amount: '1,234.50', note: 'n' }).amount).toBe(1234.5);
  });

  it('say what is wrong with an amount: no number, too many decimals, not above 0, too large', () => {
    const reason = (amount: string, locale: 'en' | 'es' = 'es') => creditSchema(locale).safeParse({ amount, note: 'n' }).error?.issues.map((issue) => issue.message);
    expect(reason('doce')).toEqual(['vNumber']);
    expect(reason('1.234,567')).toEqual(['vDecimals']);
    expect(reason('0,00')).toEqual(['vAmount']);
    expect(reason('-5')).toEqual(['vAmount']);
    expect(reason('1.000.000.000.000')).toEqual(['vAmountMax']);
    expect(reason('1.234,50', 'en')).toEqual(['vNumber']);
  });

  it('adjust points typed with the language’s grouping, taking away at most the balance shown', () => {
    expect(pointsSchemaForm('es', 1500).parse({ delta: '-1.500', note: 'n' }).delta).toBe(-1500);
    expect(pointsSchemaForm('en', 0).parse({ delta: '1,500', note: 'n' }).delta).toBe(1500);
    expect(pointsSchemaForm('es', 0).safeParse({ delta: '1,5', note: 'n' }).error?.issues[0]?.message).toBe('vWholeNumber');
    // Beyond the balance, refused before any confirmation (the walk's -99999 of 7027 was offered
    // as 'Restar 99.999 puntos'), beside the note's mistake, in the balance's plural.
    expect(pointsSchemaForm('es', 1499).safeParse({ delta: '-1.500', note: '' }).error?.issues.map((issue) => issue.message)).toEqual(['pointsDeductBeyond', 'vRequired']);
    expect(pointsSchemaForm('en', 1).safeParse({ delta: '-2', note: 'n' }).error?.issues[0]?.message).toBe('pointsDeductBeyondOne');
  });

  it('take a coupon’s value and minimum order typed in Spanish', () => {
    const form = { code: 'SAVE-10', description: { en: '', 'zh-CN': '', es: '' }, kind: 'amount', value: '12,50', min_order_amount: '1.000', min_tier_rank: 0, valid_from: '', valid_until: '', per_member_limit: '1', is_gift_pack: false, claimable: false };
    const coupon = couponFormSchema('en', 'EUR', 'es').parse(form);
    expect([coupon.value, coupon.min_order_amount]).toEqual([12.5, 1000]);
    // A limit or a points cost is whole: "1.000" is a thousand in Spanish (a number field took it as 1), "1,5" no count.
    const limit = (per_member_limit: string) => couponFormSchema('en', 'EUR', 'es').safeParse({ ...form, per_member_limit }).error?.issues[0]?.message;
    expect([limit('1,5'), limit('0'), limit('1.000')]).toEqual(['vWholeNumber', 'vLimit', 'vLimit']);
    const reward = { name: { en: 'Tote', 'zh-CN': '', es: '' }, description: { en: '', 'zh-CN': '', es: '' }, coupon_id: '', delivery: 'shipped', active: true };
    expect(rewardFormSchema('en', 'es').parse({ ...reward, points_cost: '1.000' }).points_cost).toBe(1000);
    expect(rewardFormSchema('en', 'en').safeParse({ ...reward, points_cost: '1.000' }).error?.issues[0]?.message).toBe('vWholeNumber');
  });
});
