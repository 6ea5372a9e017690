/**
 * A tier's own price for a product (20261217000600): set by the store's staff with the product
 * (save_product, in one transaction), it replaces that tier's discount in store_catalogue for
 * that tier's members only; the other tiers keep their discount, visitors and other stores see
 * nothing new. Refused, changing nothing: a price of 0, one above the list price, a tier of
 * another store, a list price lowered below it; another store's staff neither read nor write it.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, holdLocks, sql, untilWaiting } from '../support/clients.ts';
import {
  addMember, addProduct, addStaff, createStore, expectError, importOrders, makeVip, ok, orderRow, productAsRead,
  type Actor, type Member, type Product, type Store,
} from './fixtures.ts';

type Row = { id: string; list_price: number; member_price: number | null; discount_percent: number | null };

let store: Store;
let other: Store;
let staff: Actor;
let ordinary: Member;
let senior: Member;
let vip: Member;
let otherMember: Member;
let exclusive: Product;
let vipOnly: Product;
let publicProduct: Product;
const tier = (rank: number, of: Store = store) => of.tiers.find((t) => t.rank === rank)!.id;

/** The product's fields as the console's editor sends them. */
const fields = (overrides: Record<string, unknown> = {}) => ({
  sku: exclusive.sku, name: { en: 'Raw virgin bundle' }, description: {}, kind: 'regular', price: 10, currency: 'USD', moq: 1,
  visibility: 'members', min_tier_rank: 0, active: true, ...overrides,
});
/** A product's tier prices as they are now, as the editor reads them: `{"<tier id>": price}`. */
const pricesNow = async (product: string) => Object.fromEntries(
  (await sql<{ tier_id: string; price: number }>('select tier_id, price::float as price from public.product_tier_prices where product_id = $1', [product]))
    .map((row) => [row.tier_id, row.price]));
/** Saves as the editor does, over the prices and fields it read (`read`, `productRead`: as they are now). */
const save = async (client: SupabaseClient, tierPrices: Record<string, unknown>, overrides: Record<string, unknown> = {}, product = exclusive.id, storeId = store.id,
  read?: Record<string, number>, productRead?: Record<string, unknown>) =>
  client.rpc('save_product', {
    p_store_id: storeId, p_product_id: product, p_product: fields(overrides), p_tier_prices: tierPrices, p_tier_prices_read: read ?? await pricesNow(product),
    p_product_read: productRead ?? await productAsRead(product),
  });
const catalogue = async (client: SupabaseClient, slug = store.slug) =>
  ok(await client.rpc('store_catalogue', { p_store_slug: slug })) as Row[];
const rowOf = async (client: SupabaseClient, product: Product) => (await catalogue(client)).find((row) => row.id === product.id);
/** Every tier price and product row of both stores, to show that a refusal changed nothing. */
const state = async () => sql(
  `select (select json_agg(t order by t.product_id, t.tier_id) from public.product_tier_prices t where t.store_id in ($1, $2)) as prices,
          (select json_agg(p order by p.id) from public.products p where p.store_id in ($1, $2)) as products`,
  [store.id, other.id]);

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'tier-prices' }), createStore({ label: 'tier-prices-other' })]);
  [staff, ordinary, senior, vip, otherMember] = await Promise.all([addStaff(store), addMember(store), addMember(store), addMember(store), addMember(other)]);
  await importOrders(store, [orderRow(senior, { amount: 10 })]);
  await makeVip(store, vip);
  [exclusive, vipOnly, publicProduct] = await Promise.all([
    addProduct(store, { visibility: 'members', price: 10 }),
    addProduct(store, { visibility: 'tier', min_tier_rank: 2, price: 50 }),
    addProduct(store, { price: 20 }),
  ]);
  // Plain staff (not an owner) set the VIP price, as they write products.
  ok(await save(staff.client, { [tier(2)]: 8.2 }));
  // A Senior price on a product only VIPs see: Seniors must not learn of it.
  await sql('insert into public.product_tier_prices (product_id, tier_id, store_id, price) values ($1, $2, $3, 45)', [vipOnly.id, tier(1), store.id]);
});

describe('who gets the tier price', () => {
  it('a VIP pays the VIP price, shown as the discount it amounts to; Ordinary and Senior keep their tier\'s discount', async () => {
    expect(await rowOf(vip.client, exclusive)).toMatchObject({ list_price: 10, member_price: 8.2, discount_percent: 18 });
    expect(await rowOf(ordinary.client, exclusive)).toMatchObject({ member_price: 10, discount_percent: 0 });
    expect(await rowOf(senior.client, exclusive)).toMatchObject({ member_price: 9.7, discount_percent: 3 });
    // Other products of the VIP keep the discount.
    expect(await rowOf(vip.client, publicProduct)).toMatchObject({ member_price: 18.4, discount_percent: 8 });
  });

  it('a member reads only their own tier\'s price of a product they see; a visitor and another store\'s buyer none', async () => {
    const prices = async (client: SupabaseClient) => ok(await client.from('product_tier_prices').select('product_id, tier_id, price')) as unknown[];
    expect(await prices(vip.client)).toEqual([{ product_id: exclusive.id, tier_id: tier(2), price: 8.2 }]);
    // Senior's price of the VIP-only product: not theirs to see while they cannot see the product.
    expect(await prices(senior.client)).toEqual([]);
    expect(await prices(ordinary.client)).toEqual([]);
    expect(await prices(otherMember.client)).toEqual([]);
    expect(await prices(anonClient())).toEqual([]);
    // The catalogue shows visitors the public products at list price only, as before.
    expect(await catalogue(anonClient())).toEqual([expect.objectContaining({ id: publicProduct.id, member_price: null, discount_percent: null })]);
  });

  it('the store\'s staff read every tier price of the store, another store\'s staff none', async () => {
    const prices = async (client: SupabaseClient) => (ok(await client.from('product_tier_prices').select('product_id, price').order('price')) as unknown[]);
    expect(await prices(staff.client)).toEqual([{ product_id: exclusive.id, price: 8.2 }, { product_id: vipOnly.id, price: 45 }]);
    expect(await prices(store.owner.client)).toHaveLength(2);
    expect(await prices(other.owner.client)).toEqual([]);
  });

  it('a product saved without the tier\'s price gives that tier its discount again', async () => {
    ok(await save(staff.client, {}));
    expect(await rowOf(vip.client, exclusive)).toMatchObject({ member_price: 9.2, discount_percent: 8 });
    ok(await save(staff.client, { [tier(2)]: 8.2 }));
    expect(await rowOf(vip.client, exclusive)).toMatchObject({ member_price: 8.2 });
  });
});

describe('refusals change nothing', () => {
  const refusedLike = async (result: PromiseLike<{ error: unknown; status: number }>, code: string, message: RegExp) => {
    const before = await state();
    expectError(await result as never, code, message);
    expect(await state()).toEqual(before);
  };

  it('a price above the list price, saying so', async () => {
    await refusedLike(save(staff.client, { [tier(2)]: 10.01 }, { name: { en: 'Renamed' } }), '22023',
      new RegExp(`^tier_prices\\.${tier(2)} must not be above the product's list price of 10\\.00 USD: a member price above it is no discount$`));
    await refusedLike(store.owner.client.from('product_tier_prices').update({ price: 11 }).eq('product_id', exclusive.id).select(), '22023',
      /^price must not be above the product's list price of 10\.00 USD/);
  });

  it('a price of 0, a negative one, one of three decimals or not a number', async () => {
    for (const price of [0, -1, 8.205, '8.20']) {
      await refusedLike(save(staff.client, { [tier(2)]: price }), '22023', new RegExp(`^tier_prices\\.${tier(2)} must be a positive amount with at most 2 decimals$`));
    }
    await refusedLike(store.owner.client.from('product_tier_prices').update({ price: 0 }).eq('product_id', exclusive.id).select(), '22023',
      /^price must be a positive amount with at most 2 decimals$/);
  });

  it('a tier of another store, or an id that is no tier', async () => {
    for (const id of [tier(2, other), randomUUID()]) {
      await refusedLike(save(staff.client, { [id]: 5 }), '22023', new RegExp(`^tier_prices\\.${id} must be a tier of the product's store$`));
    }
    await refusedLike(staff.client.from('product_tier_prices').insert({ product_id: publicProduct.id, tier_id: tier(2, other), store_id: store.id, price: 5 }),
      '22023', /^tier_id must be a tier of the product's store$/);
  });

  it('a list price lowered below a tier\'s price on its own; lowered with it in one save, both are kept', async () => {
    await refusedLike(staff.client.from('products').update({ price: 8 }).eq('id', exclusive.id).select(), '22023',
      /^price must not be below a tier's member price of 8\.20 USD: lower or clear that price first$/);
    ok(await save(staff.client, { [tier(2)]: 7.5 }, { price: 8 }));
    expect(await rowOf(vip.client, exclusive)).toMatchObject({ list_price: 8, member_price: 7.5 });
    ok(await save(staff.client, { [tier(2)]: 8.2 }));
  });

  it('a members\' write, and another store\'s staff\'s, through the table and through save_product', async () => {
    await refusedLike(vip.client.rpc('save_product', { p_store_id: store.id, p_product_id: exclusive.id, p_product: fields(), p_tier_prices: { [tier(2)]: 1 }, p_tier_prices_read: { [tier(2)]: 8.2 } }),
      '42501', /^Only this store's staff may do this$/);
    await refusedLike(vip.client.from('product_tier_prices').insert({ product_id: exclusive.id, tier_id: tier(2), store_id: store.id, price: 1 }),
      'PT404', /^product_id matches no product of your store$/);
    expect((await vip.client.from('product_tier_prices').update({ price: 1 }).eq('product_id', exclusive.id).select()).data).toEqual([]);
    await refusedLike(other.owner.client.rpc('save_product', { p_store_id: store.id, p_product_id: exclusive.id, p_product: fields(), p_tier_prices: {}, p_tier_prices_read: { [tier(2)]: 8.2 } }),
      '42501', /^Only this store's staff may do this$/);
    // A's product under B's own store: as unknown as a random id.
    await refusedLike(save(other.owner.client, {}, {}, exclusive.id, other.id), 'PT404', /^product_id matches no product of this store$/);
    // Neither A's members-only product nor its public one (which B reads) is B's to price.
    for (const product of [exclusive, publicProduct]) {
      await refusedLike(other.owner.client.from('product_tier_prices').insert({ product_id: product.id, tier_id: tier(2), store_id: other.id, price: 1 }),
        'PT404', /^product_id matches no product of your store$/);
    }
    const hidden = await other.owner.client.from('product_tier_prices').update({ price: 1 }).eq('product_id', exclusive.id).select();
    expect(hidden.data).toEqual([]);
    const removed = await other.owner.client.from('product_tier_prices').delete().eq('product_id', exclusive.id).select();
    expect(removed.data).toEqual([]);
    expect(await rowOf(vip.client, exclusive)).toMatchObject({ member_price: 8.2 });
  });

  it('a product refused in the same save keeps its old tier prices (one transaction)', async () => {
    // The tier prices are replaced before the product is written: the product's refusal undoes that.
    await refusedLike(save(staff.client, { [tier(1)]: 9 }, { visibility: 'everyone' }), '23514', /products_visibility_check/);
    await refusedLike(save(staff.client, {}, { moq: 0 }), '23514', /products_moq_check/);
    expect(await rowOf(vip.client, exclusive)).toMatchObject({ member_price: 8.2 });
  });
});

describe('save_product', () => {
  it('adds a new product with its tiers\' prices at the id the console chose', async () => {
    const id = randomUUID();
    const saved = ok(await store.owner.client.rpc('save_product', {
      p_store_id: store.id, p_product_id: id, p_new: true, p_tier_prices: { [tier(1)]: 19, [tier(2)]: 17.5 },
      p_product: fields({ sku: `NEW-${id.slice(0, 6)}`, price: 20, visibility: 'public' }),
    })) as { id: string; store_id: string; price: number };
    expect(saved).toMatchObject({ id, store_id: store.id, price: 20 });
    const product = { id } as Product;
    expect(await rowOf(senior.client, product)).toMatchObject({ member_price: 19, discount_percent: 5 });
    expect(await rowOf(vip.client, product)).toMatchObject({ member_price: 17.5, discount_percent: 12.5 });
    expect(await rowOf(ordinary.client, product)).toMatchObject({ member_price: 20, discount_percent: 0 });
  });

  it('refuses a field it does not know, or one left out', async () => {
    const before = await state();
    expectError(await save(staff.client, {}, { colour: 'red' }), '22023', /^product has no field colour$/);
    expectError(await staff.client.rpc('save_product', { p_store_id: store.id, p_product_id: exclusive.id, p_product: { sku: 'X' }, p_tier_prices: {}, p_tier_prices_read: {} }), '22023', /^active is required$/);
    expect(await state()).toEqual(before);
  });

  /**
   * Two members of staff edit one product: what the second read is no longer the product's prices
   * once the first saved (or someone cleared or changed one through the table), and the second's
   * save, which would delete or overwrite that price unseen, is refused, changing nothing.
   */
  it('refuses a save over tier prices changed since they were read, changing nothing', async () => {
    const product = await addProduct(store, { visibility: 'members', price: 30 });
    const read = { [tier(2)]: 25 };
    ok(await save(staff.client, read, { sku: product.sku, price: 30 }, product.id));
    const stale = (by: SupabaseClient, prices: Record<string, number>) =>
      save(by, prices, { sku: product.sku, price: 30, name: { en: 'Renamed' } }, product.id, store.id, read);
    const changedSince = /^tier_prices_read are not the product's tier prices now: someone changed them since they were read$/;
    const refusedLike = async (result: PromiseLike<{ error: unknown; status: number }>) => {
      const before = await state();
      const refused = expectError(await result as never, 'P0001', changedSince);
      expect(JSON.parse(refused.details!)).toMatchObject({ field: 'tier_prices_read' });
      expect(await state()).toEqual(before);
    };

    // The owner adds Senior's price after staff read the product: staff's save of VIP's alone would have deleted it.
    ok(await save(store.owner.client, { ...read, [tier(1)]: 28 }, { sku: product.sku, price: 30 }, product.id));
    await refusedLike(stale(staff.client, { [tier(2)]: 24 }));
    // Changed (VIP 25 → 26) or cleared through the table since: the same.
    ok(await save(store.owner.client, read, { sku: product.sku, price: 30 }, product.id));
    await sql('update public.product_tier_prices set price = 26 where product_id = $1', [product.id]);
    await refusedLike(stale(staff.client, {}));
    await sql('delete from public.product_tier_prices where product_id = $1', [product.id]);
    await refusedLike(stale(staff.client, { [tier(2)]: 24 }));

    // Read again, the save goes through; the prices read may name the tiers in upper case, and 25.00 is 25.
    ok(await save(staff.client, { [tier(2)]: 24 }, { sku: product.sku, price: 30 }, product.id, store.id, {}));
    ok(await save(staff.client, {}, { sku: product.sku, price: 30 }, product.id, store.id, { [tier(2).toUpperCase()]: 24.0 }));
    expect(await pricesNow(product.id)).toEqual({});
  });

  it('takes tier ids in any case, as uuids: upper case saves and reads back; one tier named twice in two cases is refused as such, changing nothing', async () => {
    const product = await addProduct(store, { visibility: 'members', price: 30 });
    const upper = tier(2).toUpperCase();
    ok(await save(staff.client, { [upper]: 25, [tier(1).toUpperCase()]: 27 }, { sku: product.sku, price: 30 }, product.id));
    expect(await pricesNow(product.id)).toEqual({ [tier(2)]: 25, [tier(1)]: 27 });
    ok(await save(staff.client, { [upper]: 24 }, { sku: product.sku, price: 30 }, product.id, store.id, { [upper]: 25, [tier(1)]: 27 }));
    expect(await pricesNow(product.id)).toEqual({ [tier(2)]: 24 });

    const before = await state();
    // As prices to set it failed on the primary key (23505, no field); as prices read it was "changed since".
    const twice = new RegExp(`^tier_prices names tier ${tier(2)} twice$`);
    const refused = expectError(await save(staff.client, { [upper]: 23, [tier(2)]: 23 }, { sku: product.sku, price: 30 }, product.id), '22023', twice);
    expect(JSON.parse(refused.details!)).toMatchObject({ field: 'tier_prices' });
    expectError(await save(staff.client, {}, { sku: product.sku, price: 30 }, product.id, store.id, { [upper]: 24, [tier(2)]: 25 }),
      '22023', new RegExp(`^tier_prices_read names tier ${tier(2)} twice$`));
    expect(await state()).toEqual(before);
  });

  it('names a price refused under an upper-case key by its tier\'s id in lower case, changing nothing (20261218000120)', async () => {
    const before = await state();
    for (const [id, price, reason] of [
      [tier(2), 10.01, 'must not be above the product\'s list price of 10.00 USD: a member price above it is no discount'],
      [tier(2, other), 5, 'must be a tier of the product\'s store'],
    ] as const) {
      const refused = expectError(await save(staff.client, { [id.toUpperCase()]: price }), '22023');
      expect(refused.message).toBe(`tier_prices.${id} ${reason}`);
      expect(JSON.parse(refused.details!)).toMatchObject({ field: `tier_prices.${id}` });
    }
    expect(await state()).toEqual(before);
  });

  it('needs the prices read for a product that exists, none for a new one', async () => {
    const before = await state();
    expectError(await staff.client.rpc('save_product', { p_store_id: store.id, p_product_id: exclusive.id, p_product: fields(), p_tier_prices: {} }),
      '22023', /^tier_prices_read is required: the tier prices this save replaces, as read$/);
    expectError(await staff.client.rpc('save_product', {
      p_store_id: store.id, p_product_id: randomUUID(), p_new: true, p_product: fields({ sku: 'NEW-READ' }), p_tier_prices: {}, p_tier_prices_read: { [tier(2)]: 8.2 },
    }), '22023', /^tier_prices_read must be empty for a new product: it has no prices yet$/);
    expect(await state()).toEqual(before);
  });

  it('needs the product\'s fields read for a product that exists, every one of them, none for a new one (20261219000500)', async () => {
    const before = await state();
    const read = await productAsRead(exclusive.id);
    const saveOver = (productRead: unknown) => staff.client.rpc('save_product', {
      p_store_id: store.id, p_product_id: exclusive.id, p_product: fields(), p_tier_prices: {}, p_tier_prices_read: { [tier(2)]: 8.2 }, p_product_read: productRead as never,
    });
    const refused = expectError(await saveOver(undefined), '22023', /^product_read is required: the product's fields this save replaces, as read$/);
    expect(JSON.parse(refused.details!)).toMatchObject({ field: 'product_read' });
    expectError(await saveOver([read]), '22023', /^product_read must be an object of the product's fields as read$/);
    // image_path too, null for none: a field left out would not be compared.
    const { image_path: _left, ...withoutImage } = read;
    expectError(await saveOver(withoutImage), '22023', /^product_read\.image_path is required$/);
    expectError(await saveOver({ ...read, colour: 'red' }), '22023', /^product_read has no field colour$/);
    expectError(await saveOver({ ...read, price: '10.00' }), '22023', /^product_read\.price must be a JSON number$/);
    expectError(await saveOver({ ...read, active: null }), '22023', /^product_read\.active must be a JSON boolean$/);
    expectError(await staff.client.rpc('save_product', {
      p_store_id: store.id, p_product_id: randomUUID(), p_new: true, p_product: fields({ sku: 'NEW-READ' }), p_tier_prices: {}, p_product_read: read as never,
    }), '22023', /^product_read must be left out for a new product: there was nothing to read$/);
    expect(await state()).toEqual(before);
  });

  /**
   * Two members of staff edit one product: once the first saved (or deactivated it, or changed it
   * through the table), what the second read is no longer the product, and the second's save,
   * which would put back the fields the first changed, is refused, changing nothing.
   */
  it('refuses a save over the product\'s own fields changed since they were read, naming them, changing nothing (20261219000500)', async () => {
    const product = await addProduct(store, { visibility: 'members', price: 30 });
    const mine = { sku: product.sku, price: 30 };
    ok(await save(staff.client, {}, mine, product.id));
    const read = await productAsRead(product.id);
    const stale = () => save(staff.client, {}, { ...mine, price: 28 }, product.id, store.id, {}, read);
    const refusedLike = async (changed: string) => {
      const before = await state();
      const refused = expectError(await stale() as never, 'P0001');
      expect(refused.message).toBe(`product_read is not the product now: someone changed ${changed} since it was read`);
      expect(JSON.parse(refused.details!)).toEqual({ field: 'product_read', reason: `is not the product now: someone changed ${changed} since it was read` });
      expect(await state()).toEqual(before);
    };

    // The owner renames it after staff read it: staff's save of a new price alone would have put the old name back.
    ok(await save(store.owner.client, {}, { ...mine, name: { en: 'Raw virgin bundle', es: 'Mechón virgen' } }, product.id));
    await refusedLike('name');
    // Deactivated from the console (the table) since, too: both named.
    ok(await store.owner.client.from('products').update({ active: false }).eq('id', product.id).select('id'));
    await refusedLike('active, name');
    // Written back as it was read, every field equal again: nothing is said to have changed.
    await sql('update public.products set name = $2, active = true where id = $1', [product.id, read.name]);
    ok(await stale());
    expect(await productAsRead(product.id)).toMatchObject({ price: 28 });

    // Read again, the save goes through; a price read as 28 is 28.00, the name's languages in any order.
    ok(await save(store.owner.client, {}, { ...mine, price: 28, name: { en: 'Raw virgin bundle', es: 'Mechón virgen' } }, product.id));
    ok(await save(staff.client, {}, { ...mine, price: 27 }, product.id, store.id, {},
      { ...read, price: 28, name: { es: 'Mechón virgen', en: 'Raw virgin bundle' } }));
    expect(await productAsRead(product.id)).toMatchObject({ price: 27, active: true });
  });
});

/**
 * A write through the table at the same time as a save: it is waited for, or waits, and the save
 * sees it. The writer's transaction is held open (as staff, as PostgREST runs it) while the save
 * is sent and seen waiting on it, then committed.
 */
describe('save_product beside a write through the table', () => {
  /** `write` run as `by` in a transaction held open until `request`, sent meanwhile, waits on it; then committed. */
  async function whileHeld(by: Actor, write: [string, unknown[]], request: () => PromiseLike<{ error: unknown; status: number }>) {
    const blocker = await holdLocks(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: by.user.id, role: 'authenticated', aud: 'authenticated' })]);
    let answer: Promise<{ error: unknown; status: number }> | undefined;
    try {
      await blocker.run('set local role authenticated');
      await blocker.run(...write);
      answer = Promise.resolve(request());
      await untilWaiting(blocker.pid, 1);
      await blocker.commit();
    } catch (error) {
      await blocker.release();
      throw error;
    }
    return answer;
  }

  it('a tier price removed while a save of its product is sent is seen by the save, which is refused: the removal stays', async () => {
    const product = await addProduct(store, { visibility: 'members', price: 30 });
    ok(await save(store.owner.client, { [tier(2)]: 25 }, { sku: product.sku, price: 30 }, product.id));
    const [read, productRead] = [await pricesNow(product.id), await productAsRead(product.id)];
    // Before, the save read the price (not yet removed for it), replaced it after the removal and put it back unseen.
    const refused = expectError(await whileHeld(store.owner, ['delete from public.product_tier_prices where product_id = $1', [product.id]],
      () => save(staff.client, { [tier(2)]: 24 }, { sku: product.sku, price: 30, name: { en: 'Renamed' } }, product.id, store.id, read, productRead)) as never,
    'P0001', /^tier_prices_read are not the product's tier prices now: someone changed them since they were read$/);
    expect(JSON.parse(refused.details!)).toMatchObject({ field: 'tier_prices_read' });
    expect(await pricesNow(product.id)).toEqual({});
    expect(await productAsRead(product.id)).toEqual(productRead);
  });

  it('a product deactivated while a save of it is sent is seen by the save, which is refused: it stays inactive', async () => {
    const product = await addProduct(store, { visibility: 'members', price: 30 });
    const productRead = await productAsRead(product.id);
    const refused = expectError(await whileHeld(store.owner, ['update public.products set active = false where id = $1', [product.id]],
      () => save(staff.client, {}, { sku: product.sku, price: 29 }, product.id, store.id, {}, productRead)) as never,
    'P0001', /^product_read is not the product now: someone changed active since it was read$/);
    expect(JSON.parse(refused.details!)).toMatchObject({ field: 'product_read' });
    expect(await productAsRead(product.id)).toMatchObject({ active: false, price: 30 });
  });
});
