/**
 * An order's currency is one in use or its store's own, at a rate of 1 (migration
 * 20261217000100): the service role's direct writes are refused as the import's rows are, naming
 * the order; orders written before in no currency keep their amount in the store's currency, their
 * old currency recorded as Cardclub's correction, and those in a currency withdrawn since stay.
 *
 * The currencies staff write — a store's (create_store), a product's price and a coupon's money —
 * are ISO 4217 currencies in use, as the orders import and inquiries take (migration
 * 20261210000800): any other is refused naming the field, and nothing is written. A store's own
 * currency is taken whatever it is, and a value a row already holds stays.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { pastTriggers, serviceClient, sql, stack } from '../support/clients.ts';
import { oldStore, withDatabaseBefore } from './before-migration.ts';
import { addMember, addStaff, createStore, createStoreInWithdrawnCurrency, expectError, ok, type Actor, type Store } from './fixtures.ts';

let store: Store;
/** A store created in HRK before the kuna was withdrawn. */
let kuna: Store;
let neighbour: Actor;

beforeAll(async () => {
  [store, kuna] = await Promise.all([createStore({ label: 'currencies' }), createStoreInWithdrawnCurrency('currencies-hrk')]);
  neighbour = await addStaff(await createStore({ label: 'currencies-neighbour' }));
});

type Result = { status: number; error: { code?: string; message: string; details?: string | null } | null };

/** The refusal of `code` as `field`: its message and its details (an order's naming it). */
function expectNotInUse(result: Result, field: string, code: string, externalRef?: string) {
  expectRefusal(result, field, `${code} is not an ISO 4217 currency in use`, externalRef);
}

function expectRefusal(result: Result, field: string, reason: string, externalRef?: string) {
  const error = expectError(result, '22023');
  expect(error.message).toBe(`${field} ${reason}`);
  expect(JSON.parse(error.details!)).toEqual(externalRef === undefined ? { field, reason } : { field, reason, external_ref: externalRef });
}

const product = (target: Store, currency: string) => ({ store_id: target.id, sku: `SKU-${randomUUID().slice(0, 8)}`, name: 'Lace wig', kind: 'regular', price: 120, currency });
const amountCoupon = (target: Store, currency: string) => ({ store_id: target.id, code: `OFF-${randomUUID().slice(0, 8).toUpperCase()}`, kind: 'amount', value: 15, currency });
const productCount = async (target: Store) =>
  (await sql<{ n: number }>('select count(*)::int as n from public.products where store_id = $1', [target.id]))[0]!.n;
const couponCount = async (target: Store) =>
  (await sql<{ n: number }>('select count(*)::int as n from public.coupons where store_id = $1', [target.id]))[0]!.n;

/** A row written before currencies were checked: its currency set past the table's triggers. */
async function holdOld(table: 'products' | 'coupons', id: string, currency: string): Promise<void> {
  await sql(`begin; set local session_replication_role = replica;
    update public.${table} set currency = '${currency}' where id = '${id}'; commit`);
}

describe('create_store', () => {
  it.each([
    ['an unknown code', 'XYZ'],
    ['a withdrawn currency', 'HRK'],
    ['a fund code', 'CLF'],
    ['the testing code', 'XTS'],
  ])('refuses %s and creates nothing', async (_label, code) => {
    const slug = `no-${code.toLowerCase()}-${randomUUID().slice(0, 8)}`;
    expectNotInUse(await store.owner.client.rpc('create_store', { p_slug: slug, p_name: 'Shop', p_base_currency: code }), 'base_currency', code);
    expect(await sql('select 1 from public.stores where slug = $1', [slug])).toEqual([]);
  });

  it('still refuses what is not three capital letters first, as before', async () => {
    expectError(await store.owner.client.rpc('create_store', { p_slug: `lower-${randomUUID().slice(0, 8)}`, p_name: 'Shop', p_base_currency: 'usd' }),
      '22023', /^base_currency must be a three-letter ISO 4217 code such as USD$/);
  });

  it('takes a currency in use, also one browsers may not know yet (VED)', async () => {
    const created = ok(await store.owner.client.rpc('create_store', { p_slug: `ved-${randomUUID().slice(0, 8)}`, p_name: 'Shop', p_base_currency: 'VED' })) as { base_currency: string };
    expect(created.base_currency).toBe('VED');
  });
});

describe("a store's base currency", () => {
  it('is never changed, to a currency not in use either, even by the service role (20261219000400)', async () => {
    await expect(sql(`update public.stores set base_currency = 'XYZ' where id = $1`, [store.id]))
      .rejects.toThrow('base_currency cannot change: recorded amounts are in USD');
    expect(await sql('select base_currency from public.stores where id = $1', [store.id])).toEqual([{ base_currency: 'USD' }]);
  });

  it('stays when withdrawn since: the store is updated as before', async () => {
    ok(await kuna.owner.client.from('stores').update({ review_points: 10 }).eq('id', kuna.id));
    await sql(`update public.stores set base_currency = 'HRK', join_points = 5 where id = $1`, [kuna.id]);
    expect(await sql('select base_currency, review_points, join_points from public.stores where id = $1', [kuna.id]))
      .toEqual([{ base_currency: 'HRK', review_points: 10, join_points: 5 }]);
  });
});

describe("a product's currency", () => {
  it.each(['XYZ', 'HRK', 'XAU'])('refuses %s on a new product, writing nothing', async (code) => {
    const before = await productCount(store);
    expectNotInUse(await store.owner.client.from('products').insert(product(store, code)), 'currency', code);
    expect(await productCount(store)).toBe(before);
  });

  it('answers what is not three capital letters with the field, not a constraint name', async () => {
    expectError(await store.owner.client.from('products').insert(product(store, 'us')), '22023', /^currency must be a three-letter ISO 4217 code such as USD$/);
  });

  it('takes a currency in use other than the store\'s', async () => {
    const row = ok(await store.owner.client.from('products').insert(product(store, 'VED')).select('currency').single()) as { currency: string };
    expect(row.currency).toBe('VED');
  });

  it('refuses a change to a currency not in use, leaving the product as it was', async () => {
    const { id } = ok(await store.owner.client.from('products').insert(product(store, 'EUR')).select('id').single()) as { id: string };
    expectNotInUse(await store.owner.client.from('products').update({ currency: 'HRK', price: 99 }).eq('id', id), 'currency', 'HRK');
    expect(await sql('select currency, price::float as price from public.products where id = $1', [id])).toEqual([{ currency: 'EUR', price: 120 }]);
  });

  it('keeps a withdrawn currency a product already has: its other fields and the same currency save', async () => {
    const { id } = ok(await store.owner.client.from('products').insert(product(store, 'EUR')).select('id').single()) as { id: string };
    await holdOld('products', id, 'HRK');
    ok(await store.owner.client.from('products').update({ price: 80, currency: 'HRK' }).eq('id', id));
    expect(await sql('select currency, price::float as price from public.products where id = $1', [id])).toEqual([{ currency: 'HRK', price: 80 }]);
  });

  it("takes the store's own currency, withdrawn since", async () => {
    const row = ok(await kuna.owner.client.from('products').insert(product(kuna, 'HRK')).select('currency').single()) as { currency: string };
    expect(row.currency).toBe('HRK');
    expectNotInUse(await kuna.owner.client.from('products').insert(product(kuna, 'DEM')), 'currency', 'DEM');
  });

  it("lets another store's staff write none, in any currency", async () => {
    const before = await productCount(kuna);
    expectError(await neighbour.client.from('products').insert(product(kuna, 'HRK')), '42501');
    expect(await productCount(kuna)).toBe(before);
    const { id } = ok(await kuna.owner.client.from('products').insert(product(kuna, 'EUR')).select('id').single()) as { id: string };
    // Hidden by RLS: 0 rows, no error.
    const moved = await neighbour.client.from('products').update({ currency: 'USD' }).eq('id', id).select('id');
    expect(moved.error).toBeNull();
    expect(moved.data).toEqual([]);
    expect(await sql('select currency from public.products where id = $1', [id])).toEqual([{ currency: 'EUR' }]);
  });
});

describe("a coupon's currency", () => {
  it.each(['XYZ', 'HRK'])('refuses %s on a new coupon, writing nothing', async (code) => {
    const before = await couponCount(store);
    expectNotInUse(await store.owner.client.from('coupons').insert(amountCoupon(store, code)), 'currency', code);
    expect(await couponCount(store)).toBe(before);
  });

  it('refuses a change to a currency not in use; keeps one the coupon already has', async () => {
    const { id } = ok(await store.owner.client.from('coupons').insert(amountCoupon(store, 'USD')).select('id').single()) as { id: string };
    expectNotInUse(await store.owner.client.from('coupons').update({ currency: 'ZWL' }).eq('id', id), 'currency', 'ZWL');
    await holdOld('coupons', id, 'HRK');
    ok(await store.owner.client.from('coupons').update({ value: 20 }).eq('id', id));
    expect(await sql('select currency, value::float as value from public.coupons where id = $1', [id])).toEqual([{ currency: 'HRK', value: 20 }]);
  });

  it("takes the store's own currency, withdrawn since, and none for a percent coupon", async () => {
    ok(await kuna.owner.client.from('coupons').insert(amountCoupon(kuna, 'HRK')));
    ok(await serviceClient().from('coupons').insert({ store_id: kuna.id, code: `PCT-${randomUUID().slice(0, 8).toUpperCase()}`, kind: 'percent', value: 5 }));
  });
});

describe("an order's currency", () => {
  const order = (target: Store, memberId: string, currency: string, ref = `SHOP-${randomUUID().slice(0, 8)}`, rate?: number) =>
    ({ store_id: target.id, member_id: memberId, external_ref: ref, amount: 100, currency,
      exchange_rate: rate ?? (currency === target.baseCurrency ? 1 : 1.1), placed_at: new Date().toISOString(), status: 'paid' });
  const orderCount = async (memberId: string) => (await sql<{ n: number }>('select count(*)::int as n from public.orders where member_id = $1', [memberId]))[0]!.n;

  it.each(['XYZ', 'HRK'])('refuses %s written by the service role, naming the order, writing nothing', async (code) => {
    const buyer = await addMember(store);
    expectNotInUse(await serviceClient().from('orders').insert([order(store, buyer.id, 'EUR', `${code}-1`), order(store, buyer.id, code, `${code}-2`)]),
      'currency', code, `${code}-2`);
    expect(await orderCount(buyer.id)).toBe(0);
    const { id } = ok(await serviceClient().from('orders').insert(order(store, buyer.id, 'EUR', `${code}-3`)).select('id').single()) as { id: string };
    expectNotInUse(await serviceClient().from('orders').update({ currency: code }).eq('id', id), 'currency', code, `${code}-3`);
    expect(await sql('select currency from public.orders where id = $1', [id])).toEqual([{ currency: 'EUR' }]);
  });

  it('answers what is not three capital letters as the docs say, naming the order, not the constraint', async () => {
    const buyer = await addMember(store);
    const form = 'must be a three-letter ISO 4217 code such as USD';
    expectRefusal(await serviceClient().from('orders').insert([order(store, buyer.id, 'USD', 'F-1'), order(store, buyer.id, 'usd', 'F-2')]),
      'currency', form, 'F-2');
    expect(await orderCount(buyer.id)).toBe(0);
    const { id } = ok(await serviceClient().from('orders').insert(order(store, buyer.id, 'USD', 'F-3')).select('id').single()) as { id: string };
    expectRefusal(await serviceClient().from('orders').update({ currency: 'eur' }).eq('id', id), 'currency', form, 'F-3');
  });

  it('is one rule with the import: both ask private.order_currency_faults, neither words it itself (20261218000110)', async () => {
    const callers = await sql(
      `select p.proname as name, p.prosrc like '%private.order_currency_faults(%' as asks,
              p.prosrc ~ 'ISO 4217 currency in use|must be 1 for the store currency|is required for %s' as words
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'private' and p.proname in ('parse_order_rows', 'check_order_currencies') order by 1`);
    expect(callers).toEqual([{ name: 'check_order_currencies', asks: true, words: false }, { name: 'parse_order_rows', asks: true, words: false }]);
    // Orders by their place (from 1): each fault in the import's order, none for a row without.
    const faults = await sql(
      `select ord::int, fault from private.order_currency_faults($1, $2, $3, $4, $5) order by ord`,
      [['EUR', 'HRK', 'HRK', 'EUR', 'USD', 'USD', 'usd', 'XYZ'], [1.1, 0.13, 0.13, null, 0, 1000, 1, null],
       [true, true, true, false, true, true, true, false], Array(8).fill('USD'), [true, true, false, true, true, true, true, true]]);
    expect(faults).toEqual([
      { ord: 2, fault: ['currency', 'HRK is not an ISO 4217 currency in use'] },
      // 3: a currency the order already had is not asked again.
      { ord: 4, fault: ['exchange_rate', 'is required for EUR (store currency USD)'] },
      { ord: 5, fault: ['exchange_rate', 'must be a positive number from 0.00000001 to 9999999999'] },
      { ord: 6, fault: ['exchange_rate', 'must be 1 for the store currency USD'] },
      { ord: 7, fault: ['currency', 'must be a three-letter ISO 4217 code such as USD'] },
      // Not in use before its missing rate.
      { ord: 8, fault: ['currency', 'XYZ is not an ISO 4217 currency in use'] },
    ]);
  });

  it('refuses a currency not in three capitals at the row, never dropping the row, were the rule to take it (20261218000110)', async () => {
    const buyer = await addMember(store);
    const client = new pg.Client({ connectionString: stack().dbUrl });
    await client.connect();
    try {
      // Rolled back below: no other test sees the rule taking lower case. The row trigger's WHEN
      // still fires for 'usd'; were its branch to ask this rule, it would find nothing and return
      // null: the insert or update would write nothing and raise nothing.
      await client.query('begin');
      const { rows: [rule] } = await client.query<{ def: string }>(`select pg_get_functiondef('private.order_currency_faults'::regproc) as def`);
      const lax = rule!.def.replace(`'^[A-Z]{3}$'`, () => `'^[A-Za-z]{3}$'`);
      expect(lax).not.toBe(rule!.def);
      await client.query(lax);
      const { rows: faults } = await client.query(`select fault from private.order_currency_faults('{usd}', '{1}', null, '{usd}', null)`);
      expect(faults).toEqual([]);
      // Each write in a savepoint: its error answered, the transaction goes on.
      const refusal = async (statement: string, params: unknown[]) => {
        await client.query('savepoint attempt');
        try {
          return await client.query(statement, params).then((result) => `wrote ${result.rowCount} rows`, (error: pg.DatabaseError) =>
            ({ code: error.code, message: error.message, detail: JSON.parse(error.detail!) }));
        } finally {
          await client.query('rollback to savepoint attempt');
        }
      };
      const form = { code: '22023', message: 'currency must be a three-letter ISO 4217 code such as USD' };
      expect(await refusal(`insert into public.orders (store_id, member_id, external_ref, amount, currency, exchange_rate, placed_at, status)
        values ($1, $2, 'LAX-1', 100, 'usd', 1, now(), 'paid')`, [store.id, buyer.id]))
        .toEqual({ ...form, detail: { field: 'currency', reason: 'must be a three-letter ISO 4217 code such as USD', external_ref: 'LAX-1' } });
      await client.query(`insert into public.orders (store_id, member_id, external_ref, amount, currency, exchange_rate, placed_at, status)
        values ($1, $2, 'LAX-2', 100, 'EUR', 1.1, now(), 'paid')`, [store.id, buyer.id]);
      expect(await refusal(`update public.orders set currency = 'usd', exchange_rate = 1 where member_id = $1`, [buyer.id]))
        .toEqual({ ...form, detail: { field: 'currency', reason: 'must be a three-letter ISO 4217 code such as USD', external_ref: 'LAX-2' } });
      const { rows: orders } = await client.query('select external_ref, currency from public.orders where member_id = $1', [buyer.id]);
      expect(orders).toEqual([{ external_ref: 'LAX-2', currency: 'EUR' }]);
    } finally {
      await client.query('rollback').catch(() => undefined);
      await client.end();
    }
    expect(await orderCount(buyer.id)).toBe(0);
  });

  it("refuses the store's own currency at a rate other than 1, as the import does", async () => {
    const buyer = await addMember(store);
    expectRefusal(await serviceClient().from('orders').insert(order(store, buyer.id, 'USD', 'R-1', 1000)),
      'exchange_rate', 'must be 1 for the store currency USD', 'R-1');
    expect(await orderCount(buyer.id)).toBe(0);
    const { id } = ok(await serviceClient().from('orders').insert(order(store, buyer.id, 'EUR', 'R-2')).select('id').single()) as { id: string };
    expectRefusal(await serviceClient().from('orders').update({ currency: 'USD' }).eq('id', id),
      'exchange_rate', 'must be 1 for the store currency USD', 'R-2');
    expect(await sql('select currency, amount_base::text from public.orders where id = $1', [id])).toEqual([{ currency: 'EUR', amount_base: '110.00' }]);
  });

  it("takes the store's own currency, withdrawn since, and refuses it brought into another store", async () => {
    const buyer = await addMember(kuna);
    const { id } = ok(await serviceClient().from('orders').insert(order(kuna, buyer.id, 'HRK', 'K-1')).select('id').single()) as { id: string };
    // Its rate and other fields change as before: the currency stays the store's.
    ok(await serviceClient().from('orders').update({ amount: 90 }).eq('id', id));
    const elsewhere = await addMember(store);
    expectNotInUse(await serviceClient().from('orders').update({ store_id: store.id, member_id: elsewhere.id }).eq('id', id),
      'currency', 'HRK', 'K-1');
    expect(await sql('select store_id from public.orders where id = $1', [id])).toEqual([{ store_id: kuna.id }]);
  });

  it('keeps a withdrawn currency an order already has, whatever else of it changes', async () => {
    const buyer = await addMember(store);
    const { id } = ok(await serviceClient().from('orders').insert(order(store, buyer.id, 'EUR', 'W-1')).select('id').single()) as { id: string };
    await pastTriggers(`update public.orders set currency = 'HRK' where id = $1`, [id]);
    ok(await serviceClient().from('orders').update({ exchange_rate: 0.14, delivered_at: new Date().toISOString() }).eq('id', id));
    expect(await sql('select currency, exchange_rate::float as rate from public.orders where id = $1', [id])).toEqual([{ currency: 'HRK', rate: 0.14 }]);
  });

  it('costs an update of 10,000 orders little: logged, not asserted', async () => {
    const buyer = await addMember(store);
    // 10,000 orders, half keeping a withdrawn currency, written past the triggers (the engine's would rate each).
    await pastTriggers(`insert into public.orders (store_id, member_id, external_ref, amount, currency, exchange_rate, placed_at, status)
      select $1, $2, 'T-' || g, 10, case when g % 2 = 0 then 'HRK' else 'EUR' end, 0.5, now() - interval '10 days', 'cancelled'
      from generate_series(1, 10000) g`, [store.id, buyer.id]);
    const client = new pg.Client({ connectionString: stack().dbUrl });
    await client.connect();
    // The trigger function's own time, in a transaction taken back.
    const cost = async (update: string) => {
      await client.query(`begin; set local track_functions = 'pl'`);
      await client.query(update, [buyer.id]);
      const { rows: [row] } = await client.query<{ calls: number; ms: number }>(
        `select pg_stat_get_xact_function_calls('private.check_order_currencies'::regproc)::int as calls,
           pg_stat_get_xact_function_total_time('private.check_order_currencies'::regproc)::float as ms`);
      await client.query('rollback');
      return row!;
    };
    const delivered = await cost('update public.orders set delivered_at = now() where member_id = $1');
    const rates = await cost('update public.orders set exchange_rate = 0.6 where member_id = $1');
    const currencies = await cost(`update public.orders set currency = 'GBP' where member_id = $1`);
    await client.end();
    console.log(`check_order_currencies at 10,000 rows: delivered_at only ${delivered.ms.toFixed(1)} ms, ` +
      `every rate ${rates.ms.toFixed(1)} ms, every currency ${currencies.ms.toFixed(1)} ms (${delivered.calls + rates.calls + currencies.calls} calls)`);
    expect(delivered.calls).toBe(1);
  }, 120_000);

  it('repairs the orders written in no currency: the amount the store counted, in its currency, kept as Cardclub\'s correction; a withdrawn currency stays', async () => {
    await withDatabaseBefore('20261217000100', async (client, migrate) => {
      await client.query(`
        insert into public.stores (id, slug, name) values ('${oldStore.id}', 'old', '{"en": "Old"}');
        insert into public.members (id, store_id, company_name, country, tier_id)
          select '${oldStore.memberId}', s.id, 'Old Co', 'DE', t.id from public.stores s join public.tiers t on t.store_id = s.id and t.rank = 0;
        insert into public.orders (id, store_id, member_id, external_ref, amount, currency, exchange_rate, placed_at, status) values
          ('00000000-0000-4000-8000-000000000003', '${oldStore.id}', '${oldStore.memberId}', 'OLD-XYZ', 1000, 'XYZ', 1.1, now() - interval '5 days', 'paid'),
          ('00000000-0000-4000-8000-000000000004', '${oldStore.id}', '${oldStore.memberId}', 'OLD-EUR', 200, 'EUR', 1.08, now() - interval '4 days', 'paid'),
          ('00000000-0000-4000-8000-000000000005', '${oldStore.id}', '${oldStore.memberId}', 'OLD-HRK', 750, 'HRK', 0.13, now() - interval '6 days', 'paid'),
          ('00000000-0000-4000-8000-000000000006', '${oldStore.id}', '${oldStore.memberId}', 'OLD-USD', 10, 'USD', 1000, now() - interval '3 days', 'paid')`);
      const ledgers = `select (select coalesce(sum(delta), 0)::int from public.points_ledger) as points, (select count(*)::int from public.tier_changes) as moves`;
      const { rows: [before] } = await client.query(ledgers);

      expect(await migrate()).toContain('20261217000100_order_currencies_in_use.sql');
      const { rows: orders } = await client.query(
        `select external_ref, amount::text, currency, exchange_rate::float as rate, amount_base::text from public.orders order by external_ref`);
      expect(orders).toEqual([
        { external_ref: 'OLD-EUR', amount: '200.00', currency: 'EUR', rate: 1.08, amount_base: '216.00' },
        { external_ref: 'OLD-HRK', amount: '750.00', currency: 'HRK', rate: 0.13, amount_base: '97.50' },
        { external_ref: 'OLD-USD', amount: '10000.00', currency: 'USD', rate: 1, amount_base: '10000.00' },
        { external_ref: 'OLD-XYZ', amount: '1100.00', currency: 'USD', rate: 1, amount_base: '1100.00' },
      ]);
      const { rows: changes } = await client.query(
        `select o.external_ref, c.kind, c.amount_before::text, c.currency_before, c.amount_base_before::text, c.amount_after::text,
           c.currency_after, c.amount_base_after::text, a.via, a.changed_by, a.email
         from public.order_changes c join public.orders o on o.id = c.order_id
         left join private.order_change_authors a on a.order_change_id = c.id order by o.external_ref`);
      expect(changes).toEqual([
        { external_ref: 'OLD-USD', kind: 'corrected', amount_before: '10.00', currency_before: 'USD', amount_base_before: '10000.00',
          amount_after: '10000.00', currency_after: 'USD', amount_base_after: '10000.00', via: 'migration', changed_by: null, email: null },
        { external_ref: 'OLD-XYZ', kind: 'corrected', amount_before: '1000.00', currency_before: 'XYZ', amount_base_before: '1100.00',
          amount_after: '1100.00', currency_after: 'USD', amount_base_after: '1100.00', via: 'migration', changed_by: null, email: null },
      ]);
      // Counted as before: nothing earned or moved again.
      expect((await client.query(ledgers)).rows[0]).toEqual(before);
      // No news to the buyer: the repair is not among the company's Updates, a store's correction after it is.
      const updates = `select kind from private.company_updates('${oldStore.memberId}', '${oldStore.id}', '-infinity', 'infinity', 20)
        where kind = 'order_corrected'`;
      expect((await client.query(updates)).rows).toEqual([]);
      await client.query(`insert into public.order_changes (store_id, member_id, order_id, kind, amount_before, currency_before, amount_base_before,
          amount_after, currency_after, amount_base_after)
        values ('${oldStore.id}', '${oldStore.memberId}', '00000000-0000-4000-8000-000000000004', 'corrected', 200, 'EUR', 216, 210, 'EUR', 226.8)`);
      expect((await client.query(updates)).rows).toEqual([{ kind: 'order_corrected' }]);
    });
  }, 240_000);
});
