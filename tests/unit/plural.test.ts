/** Plural forms by the reader's language (src/i18n/plural.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/i18n/catalogues.ts';
import { interpolate } from '../../src/i18n/format.ts';
import { pluralKey } from '../../src/i18n/plural.ts';
import { checkRecords, messageValues, rowList } from '../../src/lib/console/orders-import.ts';

describe('plural forms', () => {
  it('take the singular for one in English and Spanish, and the general form otherwise', () => {
    for (const locale of ['en', 'es'] as const) {
      expect(pluralKey('samples', 1, locale)).toBe('samplesOne');
      for (const count of [0, 2, 11, 21, 1_000_000]) expect(pluralKey('samples', count, locale)).toBe('samples');
    }
  });

  it('have no singular in Chinese', () => {
    expect(pluralKey('samples', 1, 'zh-CN')).toBe('samples');
  });

  it('say one without its number in every language where the form for one names none: 每天, not 每1天', () => {
    const staff = (locale: 'en' | 'es' | 'zh-CN', days: number) =>
      interpolate(catalogues[locale].staff[pluralKey('colSamplesEvery', days, locale, true)], { days: String(days) });
    expect(staff('zh-CN', 1)).toBe('每天免费样品');
    expect(staff('en', 1)).toBe('Free samples every day');
    expect(staff('es', 1)).toBe('Muestras gratis cada día');
    expect(staff('zh-CN', 30)).toBe('每30天免费样品');
    expect(staff('en', 30)).toBe('Free samples every 30 days');
  });

  // A Chinese form for one that differs from the general one names no number ("最近一天", not
  // "最近1天"): chosen by the rules, it never was. Each call for such a key says so.
  it('are asked for one without its number wherever the Chinese form for one names none', () => {
    const unsaid = new Set(Object.values(catalogues['zh-CN']).flatMap((section) => Object.entries(section as Record<string, string>)
      .filter(([key, text]) => key.endsWith('One') && !text.includes('{') && (section as Record<string, string>)[key.slice(0, -3)]?.includes('{'))
      .map(([key]) => key.slice(0, -3))));
    expect(unsaid).toContain('colOrdersInPeriod');
    const sources = fs.readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file)).map((file) => path.join('src', file));
    const calls = sources.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/pluralKey\('(\w+)',[^;]*?\)\s*[,)]/g)]
      .filter((call) => unsaid.has(call[1]!))
      .map((call) => `${file}: ${call[0]}`));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((call) => !/,\s*true\)\s*[,)]$/.test(call))).toEqual([]);
  });
});

describe("the orders import's unknown buyers", () => {
  // The rows are a list of numbers ("4", "4 and 9"): its length picks the form, as checkBuyers counts it.
  it('say "row 4", "fila 4" for one row and "rows 4 and 9", "filas 4 y 9", "第4和9行" for more', () => {
    const say = (locale: 'en' | 'es' | 'zh-CN', rows: number[]) =>
      interpolate(catalogues[locale].operations[pluralKey('fileUnknownEmail', rows.length, locale)], messageValues({ key: 'fileUnknownEmail', values: { email: 'desconocido@example.test' }, rows }, locale));
    expect(say('es', [4])).toBe('Ningún contacto miembro de esta tienda inicia sesión con desconocido@example.test (fila 4).');
    expect(say('es', [4, 9])).toBe('Ningún contacto miembro de esta tienda inicia sesión con desconocido@example.test (filas 4 y 9).');
    expect(say('en', [4])).toBe('No member contact of this store signs in with desconocido@example.test (row 4).');
    expect(say('en', [4, 9, 12])).toBe('No member contact of this store signs in with desconocido@example.test (rows 4, 9, and 12).');
    expect(say('zh-CN', [4])).toBe('本店没有以desconocido@example.test登录的会员联系人（第4行）。');
    expect(say('zh-CN', [4, 9, 12])).toBe('本店没有以desconocido@example.test登录的会员联系人（第4、9和12行）。');
    expect(interpolate(catalogues.es.operations[pluralKey('fileUnknownMemberId', 1, 'es')], { member_id: 'x', rows: '7' })).toContain('(fila 7)');
  });

  // Past ten rows the list is cut short: said to go on, with no "and" before the tenth.
  it('list the first ten of more rows as going on, in each language', () => {
    const rows = Array.from({ length: 12 }, (_, index) => index + 2);
    expect(rowList(rows, 'en')).toBe('2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …');
    expect(rowList(rows, 'es')).toBe('2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …');
    expect(rowList(rows, 'zh-CN')).toBe('2、3、4、5、6、7、8、9、10、11等');
    expect(rowList(rows.slice(0, 10), 'es')).toBe('2, 3, 4, 5, 6, 7, 8, 9, 10 y 11');
  });

  // The file's currencies named otherwise than by their code are counted as its buyers are.
  it('say a currency’s one row as "row 2", "fila 2", and its two as "rows 3 and 4"', () => {
    const columns = ['external_ref', 'email', 'amount', 'currency', 'exchange_rate', 'placed_at', 'status'];
    const row = (ref: string, currency: string) => ({ external_ref: ref, email: 'a@example.com', amount: '5', currency, exchange_rate: '1.1', placed_at: '2026-01-10', status: 'paid' });
    const named = checkRecords(columns, [row('A-1', 'rmb'), row('A-2', 'euro'), row('A-3', 'euro')], 'USD', 'day').currencyNames!;
    const say = (locale: 'en' | 'es' | 'zh-CN') => [
      ...named.map(({ typed, code, rows }) => interpolate(catalogues[locale].operations[pluralKey('currencyNameRead', rows.length, locale)], { typed, currency: code, rows: rowList(rows, locale) })),
    ];
    expect(say('en')).toEqual([
      'Currency “rmb” is read as CNY (row 2).',
      'Currency “euro” is read as EUR (rows 3 and 4).',
    ]);
    expect(say('es')).toEqual([
      'La moneda «rmb» se lee como CNY (fila 2).',
      'La moneda «euro» se lee como EUR (filas 3 y 4).',
    ]);
    expect(say('zh-CN')).toEqual(['币种“rmb”按CNY读取（第2行）。', '币种“euro”按EUR读取（第3和4行）。']);
  });
});
