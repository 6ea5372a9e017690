/**
 * One order recorded by hand (the orders screen's Record an order): the form checked by the orders
 * file's own row rules and turned into the one import_orders row it sends (orderRecordSchema).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { orderRecordSchema, type OrderRecordForm } from '../../src/lib/console/orders-import.ts';

const buyer = '00000000-0000-4000-8000-000000000007';
const filled: OrderRecordForm = { member_id: buyer, external_ref: ' WIRE-12 ', amount: '1250.5', currency: 'USD', exchange_rate: '', placed_at: '2026-03-02', status: 'paid', delivered_at: '' };
const record = (form: Partial<OrderRecordForm>, locale: 'en' | 'es' | 'zh-CN' = 'en') => orderRecordSchema(locale, 'USD').safeParse({ ...filled, ...form });
const issues = (form: Partial<OrderRecordForm>, locale?: 'en' | 'es' | 'zh-CN') => record(form, locale).error?.issues.map(({ path, message }) => [path[0], message]);

describe('an order recorded by hand', () => {
  it('is one import_orders row: the buyer picked by member id, the amount as the reader types it, the day the date field gives, blank columns left out', () => {
    expect(record({ amount: '1.250,50' }, 'es').data).toEqual({ external_ref: 'WIRE-12', member_id: buyer, amount: 1250.5, currency: 'USD', placed_at: '2026-03-02', status: 'paid' });
    expect(record({ delivered_at: '2026-03-09', status: 'refunded' }).data).toMatchObject({ delivered_at: '2026-03-09', status: 'refunded' });
  });

  it('sends an exchange rate, typed in the reader’s language, only for another currency than the store’s', () => {
    // Three decimals typed in English are a decimal rate, not the thousand a file's "1.085" might be.
    expect(record({ currency: 'EUR', exchange_rate: '1.085' }).data).toMatchObject({ currency: 'EUR', exchange_rate: 1.085 });
    expect(record({ currency: 'EUR', exchange_rate: '1,085' }, 'es').data).toMatchObject({ exchange_rate: 1.085 });
    // A rate typed before the store's currency was chosen again (its field then hidden) is not sent.
    expect(record({ currency: 'USD', exchange_rate: '1.2' }).data).not.toHaveProperty('exchange_rate');
    expect(issues({ currency: 'EUR', exchange_rate: '' })).toEqual([['exchange_rate', 'vRateRequired']]);
    expect(issues({ currency: 'EUR', exchange_rate: 'abc' })).toEqual([['exchange_rate', 'vRate']]);
  });

  it('reads the currency as its field names it, RMB as CNY, the store’s own with no rate', () => {
    expect(record({ currency: 'RMB', exchange_rate: '0.14' }).data).toMatchObject({ currency: 'CNY', exchange_rate: 0.14 });
    expect(record({ currency: '人民币（CNY）', exchange_rate: '0.14' }, 'zh-CN').data).toMatchObject({ currency: 'CNY', exchange_rate: 0.14 });
    expect(record({ currency: 'US Dollar (USD)', exchange_rate: '1.2' }).data).not.toHaveProperty('exchange_rate');
  });

  afterEach(() => vi.useRealTimers());

  it('takes today’s date at UTC+14 from its first minute, as import_orders does, and no day not yet begun anywhere', () => {
    // 00:00 on 2 March at UTC+14 (Kiribati); 2 March was refused until 02:00 there, read as its noon UTC a day ahead.
    vi.useFakeTimers({ now: Date.parse('2026-03-01T10:00:00Z') });
    expect(record({ placed_at: '2026-03-02' }).success).toBe(true);
    expect(issues({ placed_at: '2026-03-03' })).toEqual([['placed_at', 'vNotFuture']]);
    // 23:59 on 1 March at UTC−12: its day and the next, begun at UTC+14, are taken.
    vi.setSystemTime(Date.parse('2026-03-02T11:59:00Z'));
    expect(record({ placed_at: '2026-03-01' }).success).toBe(true);
    expect(record({ placed_at: '2026-03-03' }).success).toBe(true);
    vi.setSystemTime(Date.parse('2026-03-01T09:59:00Z'));
    expect(issues({ placed_at: '2026-03-02' })).toEqual([['placed_at', 'vNotFuture']]);
  });

  it('is refused by the file’s row rules, each mistake on its field', () => {
    expect(issues({ member_id: undefined })).toEqual([['member_id', 'vBuyer']]);
    expect(issues({ external_ref: '  ' })).toEqual([['external_ref', 'vRequired']]);
    expect(issues({ amount: '' })).toEqual([['amount', 'vRequired']]);
    expect(issues({ amount: '12.345' })).toEqual([['amount', 'vDecimals']]);
    expect(issues({ amount: '0' })).toEqual([['amount', 'vAmount']]);
    expect(issues({ placed_at: '' })).toEqual([['placed_at', 'vRequired']]);
    expect(issues({ placed_at: '1999-12-31' })).toEqual([['placed_at', 'vFrom2000']]);
    expect(issues({ delivered_at: '2026-03-01' })).toEqual([['delivered_at', 'vDeliveredBefore']]);
  });

  // The walk's -50 in XYZ: the currency's mistake alone, the amount's once it was mended.
  it('says every mistake at once, the currency’s with the others, by the form’s own currency rule', () => {
    const fieldRule = z.string().transform((typed, context) => {
      if (typed === 'XYZ') context.addIssue({ code: 'custom', message: 'errorCurrency' });
      return typed;
    });
    const refused = orderRecordSchema('es', 'USD', fieldRule).safeParse({ ...filled, external_ref: '', amount: '-50', currency: 'XYZ' });
    expect(refused.error?.issues.map(({ path, message }) => [path[0], message])).toEqual([['external_ref', 'vRequired'], ['amount', 'vAmount'], ['currency', 'errorCurrency']]);
    // By the file's rule, the same; the rate is not asked for a currency not in use.
    expect(issues({ amount: '-50', currency: 'XYZ' })).toEqual([['amount', 'vAmount'], ['currency', 'vCurrencyUnknown']]);
  });
});
