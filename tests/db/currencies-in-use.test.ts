/**
 * The currencies staff write — a store's (create_store), a product's price and a coupon's money —
 * are ISO 4217 currencies in use, as the orders import and inquiries take (migration
 * 20261210000800): any other is refused naming the field, and nothing is written. A store's own
 * currency is taken whatever it is, and a value a row already holds stays.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, sql } from '../support/clients.ts';
import { addStaff, createStore, createStoreInWithdrawnCurrency, expectError, ok, type Actor, type Store } from './fixtures.ts';

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
