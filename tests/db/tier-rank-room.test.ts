/**
 * A tier saved at a rank another tier holds makes room (migration 20261203001100): the tiers in
 * its way move up one, products, coupons and posts gated at a tier's rank follow that tier, the
 * members' tiers are refreshed once by the saving statement, and a refused save moves nothing.
 * Staff write through PostgREST as the console does.
 */
import { describe, expect, it } from 'vitest';
import { sql } from '../support/clients.ts';
import { addMember, addProduct, createStore, expectError, importOrders, makeVip, ok, orderRow, type Store } from './fixtures.ts';

async function ranks(store: Store): Promise<[string, number][]> {
  const rows = await sql<{ name: string; rank: number }>(
    `select name ->> 'en' as name, rank from public.tiers where store_id = $1 order by rank`, [store.id]);
  return rows.map((row) => [row.name, row.rank]);
}

/** A product, a coupon and a post each gated at `rank` ("this tier and above"). */
async function gatesAt(store: Store, rank: number) {
  const product = await addProduct(store, { visibility: 'tier', min_tier_rank: rank });
  const [coupon] = await sql<{ id: string }>(
    `insert into public.coupons (store_id, code, kind, value, min_tier_rank) values ($1, $2, 'percent', 5, $3) returning id`,
    [store.id, `GATE-${rank}-${product.id.slice(0, 6).toUpperCase()}`, rank]);
  const [post] = await sql<{ id: string }>(
    `insert into public.posts (store_id, kind, title, body, locale, visibility, min_tier_rank) values ($1, 'trade_data', 'Gated', 'Figures.', 'en', 'tier', $2) returning id`,
    [store.id, rank]);
  return async () => {
    const [row] = await sql<{ product: number; coupon: number; post: number }>(
      `select (select min_tier_rank from public.products where id = $1) as product,
              (select min_tier_rank from public.coupons where id = $2) as coupon,
              (select min_tier_rank from public.posts where id = $3) as post`, [product.id, coupon!.id, post!.id]);
    return row;
  };
}

const tierChanges = async (store: Store) =>
  (await sql<{ n: number }>(`select count(*)::int as n from public.tier_changes where store_id = $1 and reason = 'tier_rules'`, [store.id]))[0]!.n;

describe('a tier saved at a taken rank', () => {
  it('goes in between: the tiers from that rank up move up one, and VIP-gated things stay VIP-gated', async () => {
    const store = await createStore({ label: 'room-insert' });
    const vipGates = await gatesAt(store, 2);
    const seniorGates = await gatesAt(store, 1);
    const vip = await addMember(store);
    await makeVip(store, vip);
    const changesBefore = await tierChanges(store);

    ok(await store.owner.client.from('tiers').insert({ store_id: store.id, rank: 2, name: { en: 'Gold' }, min_paid_orders: 0, min_paid_amount: 5000 }).select('id'));

    expect(await ranks(store)).toEqual([['Ordinary', 0], ['Senior', 1], ['Gold', 2], ['VIP', 3]]);
    expect(await vipGates()).toEqual({ product: 3, coupon: 3, post: 3 });
    expect(await seniorGates()).toEqual({ product: 1, coupon: 1, post: 1 });
    // The VIP keeps VIP (higher than Gold, and still met): nothing recorded, by one refresh or two.
    expect(await sql('select t.name ->> \'en\' as tier from public.members m join public.tiers t on t.id = m.tier_id where m.id = $1', [vip.id])).toEqual([{ tier: 'VIP' }]);
    expect(await tierChanges(store)).toBe(changesBefore);
  });

  it('swaps two tiers in one save, the gates following their own tiers, and re-evaluates the members once', async () => {
    const store = await createStore({ label: 'room-swap' });
    const vipGates = await gatesAt(store, 2);
    const seniorGates = await gatesAt(store, 1);
    const buyer = await addMember(store);
    await importOrders(store, [orderRow(buyer, { amount: 50 })]);
    const vip = await addMember(store);
    await makeVip(store, vip);
    const vipId = store.tiers.find((tier) => tier.rank === 2)!.id;

    // VIP to rank 1: Senior, in its way, goes to 2, where VIP was.
    ok(await store.owner.client.from('tiers').update({ rank: 1 }).eq('id', vipId).select('id'));

    expect(await ranks(store)).toEqual([['Ordinary', 0], ['VIP', 1], ['Senior', 2]]);
    expect(await vipGates()).toEqual({ product: 1, coupon: 1, post: 1 });
    expect(await seniorGates()).toEqual({ product: 2, coupon: 2, post: 2 });
    // Senior now outranks VIP, and the VIP's orders meet Senior's minimums: one change, recorded once.
    const changes = await sql<{ to: string }>(
      `select to_tier_name ->> 'en' as to from public.tier_changes where member_id = $1 and reason = 'tier_rules'`, [vip.id]);
    expect(changes).toEqual([{ to: 'Senior' }]);
  });

  it('stops at the first free rank, and a tier moved to a free rank takes its gates along', async () => {
    const store = await createStore({ label: 'room-gap' });
    const vipId = store.tiers.find((tier) => tier.rank === 2)!.id;
    const vipGates = await gatesAt(store, 2);
    ok(await store.owner.client.from('tiers').update({ rank: 5 }).eq('id', vipId).select('id'));
    expect(await ranks(store)).toEqual([['Ordinary', 0], ['Senior', 1], ['VIP', 5]]);
    expect(await vipGates()).toEqual({ product: 5, coupon: 5, post: 5 });

    // Rank 1 is taken, 2 is free: only Senior moves.
    ok(await store.owner.client.from('tiers').insert({ store_id: store.id, rank: 1, name: { en: 'Bronze' }, min_paid_orders: 1, min_paid_amount: 0 }).select('id'));
    expect(await ranks(store)).toEqual([['Ordinary', 0], ['Bronze', 1], ['Senior', 2], ['VIP', 5]]);
    expect(await vipGates()).toEqual({ product: 5, coupon: 5, post: 5 });
  });

  it('moves nothing when the save is refused, and never moves the ordinary tier', async () => {
    const store = await createStore({ label: 'room-refused' });
    const vipGates = await gatesAt(store, 2);
    // A discount over 100 % fails its check after the trigger made room: all of it rolls back.
    expectError(await store.owner.client.from('tiers').insert({ store_id: store.id, rank: 2, name: { en: 'Gold' }, discount_percent: 150 }).select('id'), '23514');
    expect(await ranks(store)).toEqual([['Ordinary', 0], ['Senior', 1], ['VIP', 2]]);
    expect(await vipGates()).toEqual({ product: 2, coupon: 2, post: 2 });
    // Rank 0 stays the ordinary tier's alone.
    expectError(await store.owner.client.from('tiers').insert({ store_id: store.id, rank: 0, name: { en: 'Zero' } }).select('id'), '23505');
    expect(await ranks(store)).toEqual([['Ordinary', 0], ['Senior', 1], ['VIP', 2]]);
  });
});
