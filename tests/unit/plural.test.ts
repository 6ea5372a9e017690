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

describe("the orders import's rows", () => {
  // A date conflict's and a currency's rows are a list of numbers ("4", "4 and 9"): its length picks the form.
  it('say "row 4", "fila 4" for one row and "rows 4 and 9", "filas 4 y 9", "第4和9行" for more', () => {
    const say = (locale: 'en' | 'es' | 'zh-CN', rows: number[]) =>
      interpolate(catalogues[locale].operations[pluralKey('currencyNameRead', rows.length, locale)], messageValues({ key: 'currencyNameRead', values: { typed: 'rmb', currency: 'CNY' }, rows }, locale));
    expect(say('es', [4])).toBe('La moneda «rmb» de la fila 4 se lee como CNY.');
    expect(say('es', [4, 9])).toBe('La moneda «rmb» de las filas 4 y 9 se lee como CNY.');
    expect(say('en', [4])).toBe('Currency “rmb” in row 4 is read as CNY.');
    expect(say('en', [4, 9, 12])).toBe('Currency “rmb” in rows 4, 9, and 12 is read as CNY.');
    expect(say('zh-CN', [4])).toBe('第4行的币种“rmb”按CNY读取。');
    expect(say('zh-CN', [4, 9, 12])).toBe('第4、9和12行的币种“rmb”按CNY读取。');
  });

  // Past ten rows the list is cut short: said to go on, with no "and" before the tenth.
  it('list the first ten of more rows as going on, in each language', () => {
    const rows = Array.from({ length: 12 }, (_, index) => index + 2);
    expect(rowList(rows, 'en')).toBe('2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …');
    expect(rowList(rows, 'es')).toBe('2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …');
    expect(rowList(rows, 'zh-CN')).toBe('2、3、4、5、6、7、8、9、10、11等');
    expect(rowList(rows.slice(0, 10), 'es')).toBe('2, 3, 4, 5, 6, 7, 8, 9, 10 y 11');
  });

  // The file's currencies named otherwise than by their code, each with its rows.
  it('say a currency’s one row as "row 2", "fila 2", and its two as "rows 3 and 4"', () => {
    const columns = ['external_ref', 'email', 'amount', 'currency', 'exchange_rate', 'placed_at', 'status'];
    const row = (ref: string, currency: string) => ({ external_ref: ref, email: 'a@example.com', amount: '5', currency, exchange_rate: '1.1', placed_at: '2026-01-10', status: 'paid' });
    const named = checkRecords(columns, [row('A-1', 'rmb'), row('A-2', 'euro'), row('A-3', 'euro')], 'USD', 'day').currencyNames!;
    const say = (locale: 'en' | 'es' | 'zh-CN') => [
      ...named.map(({ typed, code, rows }) => interpolate(catalogues[locale].operations[pluralKey('currencyNameRead', rows.length, locale)], { typed, currency: code, rows: rowList(rows, locale) })),
    ];
    // The rows inside the sentence: "yuan renminbi (CNY) (fila 2)" read as two asides.
    expect(say('en')).toEqual([
      'Currency “rmb” in row 2 is read as CNY.',
      'Currency “euro” in rows 3 and 4 is read as EUR.',
    ]);
    expect(say('es')).toEqual([
      'La moneda «rmb» de la fila 2 se lee como CNY.',
      'La moneda «euro» de las filas 3 y 4 se lee como EUR.',
    ]);
    expect(say('zh-CN')).toEqual(['第2行的币种“rmb”按CNY读取。', '第3和4行的币种“euro”按EUR读取。']);
  });

  // Each count of a finished import in its own form: Spanish said "1 nuevos, 1 actualizados".
  it('say an import’s result as "1 nuevo, 1 actualizado", "2 nuevos, 0 actualizados"', () => {
    const say = (locale: 'en' | 'es' | 'zh-CN', inserted: number, updated: number, unchanged: number) => {
      const messages = catalogues[locale].operations;
      const part = (key: 'importInserted' | 'importUpdated' | 'importUnchanged', count: number) => interpolate(messages[pluralKey(key, count, locale)], { count });
      return interpolate(messages.importDone, { inserted: part('importInserted', inserted), updated: part('importUpdated', updated), unchanged: part('importUnchanged', unchanged) });
    };
    expect(say('es', 1, 1, 1)).toBe('Hecho: 1 nuevo, 1 actualizado, 1 sin cambios.');
    expect(say('es', 2, 0, 3)).toBe('Hecho: 2 nuevos, 0 actualizados, 3 sin cambios.');
    expect(say('en', 1, 0, 2)).toBe('Done: 1 new, 0 updated, 2 unchanged.');
    expect(say('zh-CN', 1, 0, 2)).toBe('完成：新增1，更新0，不变2。');
  });
});
