/**
 * An order's currency is one in use or its store's own (migration 20261217000100): the service
 * role's direct writes are refused as the import's rows are, and orders written before keep their
 * amount in the store's currency, their old currency recorded as a correction.
 *
 * The currencies staff write — a store's (create_store), a product's price and a coupon's money —
 * are ISO 4217 currencies in use, as the orders import and inquiries take (migration
 * 20261210000800): any other is refused naming the field, and nothing is written. A store's own
 * currency is taken whatever it is, and a value a row already holds stays.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, sql } from '../support/clients.ts';
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

/** The refusal of `code` as `field`: its message and its details. */
function expectNotInUse(result: Result, field: string, code: string) {
  const reason = `${code} is not an ISO 4217 currency in use`;
  const error = expectError(result, '22023', `${field} ${reason}`);
  expect(error.message).toBe(`${field} ${reason}`);
  expect(JSON.parse(error.details!)).toEqual({ field, reason });
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
  it('is refused when changed to a currency not in use, even by the service role', async () => {
    await expect(sql(`update public.stores set base_currency = 'XYZ' where id = $1`, [store.id]))
      .rejects.toThrow('base_currency XYZ is not an ISO 4217 currency in use');
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
  const order = (target: Store, memberId: string, currency: string, ref = `SHOP-${randomUUID().slice(0, 8)}`) =>
    ({ store_id: target.id, member_id: memberId, external_ref: ref, amount: 100, currency, exchange_rate: currency === target.baseCurrency ? 1 : 1.1, placed_at: new Date().toISOString(), status: 'paid' });

  it.each(['XYZ', 'HRK'])('refuses %s written by the service role, writing nothing', async (code) => {
    const buyer = await addMember(store);
    expectNotInUse(await serviceClient().from('orders').insert([order(store, buyer.id, 'EUR'), order(store, buyer.id, code)]), 'currency', code);
    expect(await sql('select count(*)::int as n from public.orders where member_id = $1', [buyer.id])).toEqual([{ n: 0 }]);
    const { id } = ok(await serviceClient().from('orders').insert(order(store, buyer.id, 'EUR')).select('id').single()) as { id: string };
    expectNotInUse(await serviceClient().from('orders').update({ currency: code }).eq('id', id), 'currency', code);
    expect(await sql('select currency from public.orders where id = $1', [id])).toEqual([{ currency: 'EUR' }]);
  });

  it("takes the store's own currency, withdrawn since", async () => {
    const buyer = await addMember(kuna);
    ok(await serviceClient().from('orders').insert(order(kuna, buyer.id, 'HRK')));
  });

  it('repairs the orders written before: the amount the store counted, in its currency, the old one kept as a correction', async () => {
    await withDatabaseBefore('20261217000100', async (client, migrate) => {
      await client.query(`
        insert into public.stores (id, slug, name) values ('${oldStore.id}', 'old', '{"en": "Old"}');
        insert into public.members (id, store_id, company_name, country, tier_id)
          select '${oldStore.memberId}', s.id, 'Old Co', 'DE', t.id from public.stores s join public.tiers t on t.store_id = s.id and t.rank = 0;
        insert into public.orders (id, store_id, member_id, external_ref, amount, currency, exchange_rate, placed_at, status) values
          ('00000000-0000-4000-8000-000000000003', '${oldStore.id}', '${oldStore.memberId}', 'OLD-XYZ', 1000, 'XYZ', 1.1, now() - interval '5 days', 'paid'),
          ('00000000-0000-4000-8000-000000000004', '${oldStore.id}', '${oldStore.memberId}', 'OLD-EUR', 200, 'EUR', 1.08, now() - interval '4 days', 'paid')`);
      const ledgers = `select (select coalesce(sum(delta), 0)::int from public.points_ledger) as points, (select count(*)::int from public.tier_changes) as moves`;
      const { rows: [before] } = await client.query(ledgers);

      expect(await migrate()).toContain('20261217000100_order_currencies_in_use.sql');
      const { rows: orders } = await client.query(
        `select external_ref, amount::text, currency, exchange_rate::float as rate, amount_base::text from public.orders order by external_ref`);
      expect(orders).toEqual([
        { external_ref: 'OLD-EUR', amount: '200.00', currency: 'EUR', rate: 1.08, amount_base: '216.00' },
        { external_ref: 'OLD-XYZ', amount: '1100.00', currency: 'USD', rate: 1, amount_base: '1100.00' },
      ]);
      const { rows: changes } = await client.query(
        `select kind, amount_before::text, currency_before, amount_base_before::text, amount_after::text, currency_after, amount_base_after::text
         from public.order_changes`);
      expect(changes).toEqual([{ kind: 'corrected', amount_before: '1000.00', currency_before: 'XYZ', amount_base_before: '1100.00',
        amount_after: '1100.00', currency_after: 'USD', amount_base_after: '1100.00' }]);
      // Counted as before: nothing earned or moved again.
      expect((await client.query(ledgers)).rows[0]).toEqual(before);
    });
  }, 240_000);
});
