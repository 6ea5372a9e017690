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

  it('moves a tier up with the tiers in between coming down, and refuses a rank past the top', async () => {
    const store = await createStore({ label: 'room-up' });
    const seniorId = store.tiers.find((tier) => tier.rank === 1)!.id;
    ok(await store.owner.client.from('tiers').insert({ store_id: store.id, rank: 3, name: { en: 'Gold' }, min_paid_orders: 0, min_paid_amount: 50_000 }).select('id'));
    const seniorGates = await gatesAt(store, 1);
    const vipGates = await gatesAt(store, 2);
    const goldGates = await gatesAt(store, 3);

    // Senior to the top: VIP and Gold come down into the places it leaves, each with its gates.
    ok(await store.owner.client.from('tiers').update({ rank: 3 }).eq('id', seniorId).select('id'));
    expect(await ranks(store)).toEqual([['Ordinary', 0], ['VIP', 1], ['Gold', 2], ['Senior', 3]]);
    expect(await seniorGates()).toEqual({ product: 3, coupon: 3, post: 3 });
    expect(await vipGates()).toEqual({ product: 1, coupon: 1, post: 1 });
    expect(await goldGates()).toEqual({ product: 2, coupon: 2, post: 2 });

    // Past the top: the highest a moved tier may take is the top, a new one one above it.
    expectError(await store.owner.client.from('tiers').update({ rank: 4 }).eq('id', seniorId).select('id'), '22023', 'rank must be at most 3: ranks go up from 0 without gaps');
    expectError(await store.owner.client.from('tiers').insert({ store_id: store.id, rank: 5, name: { en: 'Far' } }).select('id'), '22023', 'rank must be at most 4: ranks go up from 0 without gaps');
    expect(await ranks(store)).toEqual([['Ordinary', 0], ['VIP', 1], ['Gold', 2], ['Senior', 3]]);
    expect(await seniorGates()).toEqual({ product: 3, coupon: 3, post: 3 });
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

describe('a tier removed', () => {
  it('moves the tiers above it down with their gates; its own gates go to the next tier up, and the members are re-evaluated once', async () => {
    const store = await createStore({ label: 'room-remove' });
    const vipId = store.tiers.find((tier) => tier.rank === 2)!.id;
    ok(await store.owner.client.from('tiers').insert({ store_id: store.id, rank: 3, name: { en: 'Gold' }, min_paid_orders: 0, min_paid_amount: 50_000 }).select('id'));
    const seniorGates = await gatesAt(store, 1);
    const vipGates = await gatesAt(store, 2);
    const goldGates = await gatesAt(store, 3);
    // Gated above the highest tier: for no tier, and still so after.
    const noTierGates = await gatesAt(store, 5);
    const vip = await addMember(store);
    await makeVip(store, vip);
    const changesBefore = await tierChanges(store);

    expect(ok(await store.owner.client.from('tiers').delete().eq('id', vipId).select('id'))).toHaveLength(1);

    expect(await ranks(store)).toEqual([['Ordinary', 0], ['Senior', 1], ['Gold', 2]]);
    expect(await seniorGates()).toEqual({ product: 1, coupon: 1, post: 1 });
    expect(await vipGates()).toEqual({ product: 2, coupon: 2, post: 2 });
    expect(await goldGates()).toEqual({ product: 2, coupon: 2, post: 2 });
    expect(await noTierGates()).toEqual({ product: 4, coupon: 4, post: 4 });
    // The VIP's orders do not reach Gold: Senior, recorded once.
    expect(await sql(`select to_tier_name ->> 'en' as to from public.tier_changes where member_id = $1 and reason = 'tier_rules'`, [vip.id])).toEqual([{ to: 'Senior' }]);
    expect(await tierChanges(store)).toBe(changesBefore + 1);
  });

  it('with others in one statement closes every gap, and a store removed takes its tiers without moving them', async () => {
    const store = await createStore({ label: 'room-remove-many' });
    for (const [rank, name] of [[3, 'Gold'], [4, 'Platinum'], [5, 'Diamond']] as const) {
      ok(await store.owner.client.from('tiers').insert({ store_id: store.id, rank, name: { en: name }, min_paid_orders: 0, min_paid_amount: 10_000 * rank }).select('id'));
    }
    const platinumGates = await gatesAt(store, 4);
    ok(await store.owner.client.from('tiers').delete().in('rank', [1, 3]).select('id'));
    expect(await ranks(store)).toEqual([['Ordinary', 0], ['VIP', 1], ['Platinum', 2], ['Diamond', 3]]);
    expect(await platinumGates()).toEqual({ product: 2, coupon: 2, post: 2 });

    await sql('delete from public.stores where id = $1', [store.id]);
    expect(await sql('select id from public.tiers where store_id = $1', [store.id])).toEqual([]);
  });

  it('closes the gaps a store had before ranks could not have any, gates following their tiers', async () => {
    const store = await createStore({ label: 'room-old-gaps' });
    const vipId = store.tiers.find((tier) => tier.rank === 2)!.id;
    const vipGates = await gatesAt(store, 5);
    const farGates = await gatesAt(store, 7);
    // The ranks as a removal or a move could leave them before migration 20261223000100: VIP at 5.
    await sql(`do $$ begin
      perform set_config('cardclub.tiers_making_room', 'on', true);
      update public.tiers set rank = 5 where id = '${vipId}';
    end $$`);
    expect(await ranks(store)).toEqual([['Ordinary', 0], ['Senior', 1], ['VIP', 5]]);

    await sql('select private.close_tier_rank_gaps($1)', [store.id]);
    expect(await ranks(store)).toEqual([['Ordinary', 0], ['Senior', 1], ['VIP', 2]]);
    expect(await vipGates()).toEqual({ product: 2, coupon: 2, post: 2 });
    expect(await farGates()).toEqual({ product: 4, coupon: 4, post: 4 });
  });
});
