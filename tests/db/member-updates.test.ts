/**
 * my_updates and mark_updates_seen: what the store did for the caller's company, newest first,
 * read from the facts it keeps (each kind appears after the staff action that makes it, and a
 * member's own acts do not), what is new since this contact last looked, and who reads none of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, sql } from '../support/clients.ts';
import {
  addColleague, addMember, addProduct, addStaff, createStore, expectError, importOrders, makeVip, ok, orderRow, shipTo,
  type Actor, type Member, type Product, type Store,
} from './fixtures.ts';

interface Update {
  kind: string;
  happened_at: string;
  is_new: boolean;
  [field: string]: unknown;
}
interface Feed {
  seen_at: string;
  new_count: number;
  updates: Update[];
}

let store: Store;
let staff: Actor;
let product: Product;

beforeAll(async () => {
  store = await createStore({ label: 'updates' });
  staff = await addStaff(store);
  product = await addProduct(store);
});

const feed = async (client: SupabaseClient, args: Record<string, unknown> = {}) =>
  ok(await client.rpc('my_updates', { p_store_slug: store.slug, ...args })) as Feed;
const newest = async (member: Member) => (await feed(member.client)).updates[0];

async function claim(member: Member): Promise<string> {
  return (ok(await member.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo })) as { id: string }).id;
}

describe('each staff action is an update of the company', () => {
  let member: Member;
  beforeAll(async () => {
    member = await addMember(store);
  });

  it('starts empty for a new company', async () => {
    expect(await feed(member.client)).toMatchObject({ new_count: 0, updates: [] });
  });

  it('what happened before a contact joined is listed but not news to them', async () => {
    const company = await addMember(store);
    ok(await staff.client.rpc('adjust_points', { p_member_id: company.id, p_delta: 5, p_note: 'Before you came' }));
    const colleague = await addColleague(company);
    const seen = await feed(colleague.client);
    expect(seen.new_count).toBe(0);
    expect(seen.updates.map((u) => [u.note, u.is_new])).toEqual([['Before you came', false]]);
    // The contact who was there reads it as new.
    expect((await feed(company.client)).new_count).toBe(1);
  });

  it('a sample approved, shipped with its carrier and tracking, another rejected with the reason; a cancellation is not the store\'s', async () => {
    const first = await claim(member);
    ok(await staff.client.rpc('approve_sample', { p_claim_id: first }));
    expect(await newest(member)).toMatchObject({ kind: 'sample_approved', product_name: 'Product public', is_new: true });
    ok(await staff.client.rpc('ship_sample', { p_claim_id: first, p_tracking_number: '1Z 999 AA1', p_carrier: 'UPS' }));
    expect(await newest(member)).toMatchObject({ kind: 'sample_shipped', carrier: 'UPS', tracking_number: '1Z 999 AA1', quantity: 1 });
    const second = await claim(member);
    ok(await staff.client.rpc('reject_sample', { p_claim_id: second, p_reason: 'Out of stock' }));
    expect(await newest(member)).toMatchObject({ kind: 'sample_rejected', note: 'Out of stock' });
    const third = await claim(member);
    ok(await member.client.rpc('cancel_sample', { p_claim_id: third }));
    expect((await newest(member))?.kind).toBe('sample_rejected');
  });

  it('an inquiry answered, with its product, and its answer changed', async () => {
    const inquiry = ok(await member.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'MOQ?', p_product_id: product.id })) as { id: string };
    expect((await newest(member))?.kind).toBe('sample_rejected');
    ok(await staff.client.rpc('answer_inquiry', { p_inquiry_id: inquiry.id, p_answer: '10 pieces' }));
    const first = await newest(member);
    expect(first).toMatchObject({ kind: 'inquiry_answered', inquiry_id: inquiry.id, changed: false, product_name: 'Product public', product_name_lang: 'en' });
    // The same answer sent again changes nothing; a new one is still the one update, later and said as changed.
    ok(await staff.client.rpc('answer_inquiry', { p_inquiry_id: inquiry.id, p_answer: '10 pieces' }));
    expect(await newest(member)).toEqual(first);
    ok(await staff.client.rpc('answer_inquiry', { p_inquiry_id: inquiry.id, p_answer: '12 pieces', p_answer_read: '10 pieces' }));
    const updates = (await feed(member.client)).updates.filter((u) => u.kind === 'inquiry_answered');
    expect(updates).toEqual([expect.objectContaining({ inquiry_id: inquiry.id, changed: true, is_new: true })]);
    expect(updates[0]!.happened_at > first!.happened_at).toBe(true);
  });

  it('a tier override, up, from and to the tiers by name', async () => {
    const vip = store.tiers.find((tier) => tier.rank === 2)!;
    ok(await staff.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: vip.id, p_expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString(), p_reason: 'Trade fair' }));
    const update = await newest(member);
    expect(update).toMatchObject({ kind: 'tier_changed', reason: 'override', up: true, to_tier_lang: 'en' });
    expect([update?.from_tier, update?.to_tier]).toEqual([expect.any(String), expect.any(String)]);
    ok(await staff.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: null }));
    expect(await newest(member)).toMatchObject({ kind: 'tier_changed', up: false });
  });

  it('a coupon staff gave, by code; one the member claimed is not an update', async () => {
    const coupon = (ok(await store.owner.client.from('coupons').insert({ store_id: store.id, code: 'GIFT-10', kind: 'percent', value: 10, description: { en: '10% off' }, per_member_limit: 3 }).select('id').single()) as { id: string }).id;
    ok(await staff.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: coupon }));
    expect(await newest(member)).toMatchObject({ kind: 'coupon_given', code: 'GIFT-10', name: '10% off' });
    ok(await member.client.rpc('claim_coupon', { p_coupon_id: coupon }));
    expect((await feed(member.client)).updates.filter((u) => u.kind === 'coupon_given')).toHaveLength(1);
  });

  it('points adjusted, a reward for points sent with how it went', async () => {
    ok(await staff.client.rpc('adjust_points', { p_member_id: member.id, p_delta: 150, p_note: 'Fair visit' }));
    expect(await newest(member)).toMatchObject({ kind: 'points_adjusted', points: 150, note: 'Fair visit' });
    const kit = (ok(await store.owner.client.from('rewards').insert({ store_id: store.id, name: { en: 'Colour-card kit' }, points_cost: 100 }).select('id').single()) as { id: string }).id;
    ok(await member.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo }));
    expect((await newest(member))?.kind).toBe('points_adjusted');
    const [delivery] = await sql<{ id: number }>(`select points_entry_id::int as id from public.reward_deliveries where member_id = $1`, [member.id]);
    ok(await staff.client.rpc('mark_reward_sent', { p_points_entry_id: delivery!.id, p_note: 'Left at reception', p_carrier: 'DHL', p_tracking_number: '1Z999AA10123456784' }));
    expect(await newest(member)).toMatchObject({
      kind: 'reward_sent', delivery: 'shipped', name: 'Colour-card kit', carrier: 'DHL', tracking_number: '1Z999AA10123456784', note: 'Left at reception',
    });
  });

  it('a reward handed over, with how it went and nothing shipped', async () => {
    const call = (ok(await store.owner.client.from('rewards').insert({ store_id: store.id, name: { en: 'Design consultation' }, points_cost: 50, delivery: 'handed_over' }).select('id').single()) as { id: string }).id;
    ok(await member.client.rpc('redeem_reward', { p_reward_id: call }));
    const [delivery] = await sql<{ id: number }>(`select points_entry_id::int as id from public.reward_deliveries where reward_id = $1`, [call]);
    ok(await staff.client.rpc('mark_reward_sent', { p_points_entry_id: delivery!.id, p_note: 'Video call on Monday' }));
    expect(await newest(member)).toMatchObject({
      kind: 'reward_sent', delivery: 'handed_over', name: 'Design consultation', carrier: null, tracking_number: null, note: 'Video call on Monday',
    });
  });

  it('a rebate credited, with its currency', async () => {
    ok(await staff.client.rpc('credit_rebate', { p_member_id: member.id, p_amount: 12.5, p_note: 'Late delivery' }));
    expect(await newest(member)).toMatchObject({ kind: 'rebate_credited', amount: 12.5, currency: 'USD', note: 'Late delivery' });
  });

  it('an order refunded: the points and rebate it took back, with the order', async () => {
    const buyer = await addMember(store);
    await makeVip(store, buyer);
    const paid = orderRow(buyer, { amount: 1000 });
    await importOrders(store, [paid]);
    expect((await feed(buyer.client)).updates.map((u) => u.kind)).toEqual(['tier_changed']);
    await importOrders(store, [{ ...paid, status: 'refunded' }]);
    const refund = (await feed(buyer.client)).updates.find((u) => u.kind === 'order_refunded');
    expect(refund).toMatchObject({ order_ref: paid.external_ref, order_status: 'refunded', currency: 'USD', is_new: true });
    expect(refund?.points).toBeGreaterThan(0);
    expect(refund?.amount).toBeGreaterThan(0);
  });

  it('an order refunded twice: each refund with what it took back', async () => {
    const buyer = await addMember(store);
    await makeVip(store, buyer);
    // VIP: x2 points and 5 % rebate. Paid again for twice the amount, it earns (and gives back) twice as much.
    const order = orderRow(buyer, { amount: 1000 });
    for (const row of [order, { ...order, status: 'refunded' as const }, { ...order, amount: 2000 }, { ...order, amount: 2000, status: 'refunded' as const }]) {
      await importOrders(store, [row]);
    }
    const refunds = (await feed(buyer.client)).updates.filter((u) => u.kind === 'order_refunded');
    expect(refunds).toEqual([
      expect.objectContaining({ order_ref: order.external_ref, order_status: 'refunded', points: 4000, amount: 100, currency: 'USD' }),
      expect.objectContaining({ order_ref: order.external_ref, order_status: 'refunded', points: 2000, amount: 50, currency: 'USD' }),
    ]);
  });

  it('an order refunded, then paid again: told as paid again with the points and rebate it credited back, new since the refund', async () => {
    const buyer = await addMember(store);
    await makeVip(store, buyer);
    // VIP: x2 points and 5 % rebate.
    const order = orderRow(buyer, { amount: 1000 });
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, status: 'refunded' }]);
    ok(await buyer.client.rpc('mark_updates_seen', { p_store_slug: store.slug, p_through: (await newest(buyer))!.happened_at }));
    await importOrders(store, [order]);
    const { updates, new_count } = await feed(buyer.client);
    expect(updates.filter((u) => u.order_ref === order.external_ref)).toEqual([
      expect.objectContaining({ kind: 'order_paid_again', order_ref: order.external_ref, amount: 1000, currency: 'USD', base_currency: 'USD',
        points: 2000, rebate: 50, is_new: true }),
      expect.objectContaining({ kind: 'order_refunded', order_status: 'refunded', points: 2000, amount: 50, is_new: false }),
    ]);
    expect(new_count).toBe(1);
    // The order holds what one payment earns.
    expect(await sql(`select (select sum(delta)::int from public.points_ledger where order_id = o.id) as points,
      (select sum(delta)::float from public.rebate_ledger where order_id = o.id) as rebate from public.orders o where o.external_ref = $1`,
      [order.external_ref])).toEqual([{ points: 2000, rebate: 50 }]);
  });
});

describe('new since this contact last looked', () => {
  it('is per contact, counted over every update, and marked seen up to what was shown', async () => {
    const member = await addMember(store);
    const colleague = await addColleague(member);
    for (const note of ['One', 'Two', 'Three']) ok(await staff.client.rpc('adjust_points', { p_member_id: member.id, p_delta: 1, p_note: note }));
    const page = await feed(member.client, { p_limit: 2 });
    expect(page.new_count).toBe(3);
    expect(page.updates.map((u) => [u.note, u.is_new])).toEqual([['Three', true], ['Two', true]]);

    // Seen up to the second shown: the third stays new.
    ok(await member.client.rpc('mark_updates_seen', { p_store_slug: store.slug, p_through: page.updates[1]!.happened_at }));
    const after = await feed(member.client);
    expect(after.new_count).toBe(1);
    expect(after.updates.map((u) => u.is_new)).toEqual([true, false, false]);
    // Never back, never ahead of now.
    const seen = ok(await member.client.rpc('mark_updates_seen', { p_store_slug: store.slug, p_through: '2000-01-01T00:00:00Z' })) as string;
    expect(seen).toBe(after.seen_at);
    const now = ok(await member.client.rpc('mark_updates_seen', { p_store_slug: store.slug, p_through: '2999-01-01T00:00:00Z' })) as string;
    expect(Date.parse(now)).toBeLessThanOrEqual(Date.now() + 5_000);
    expect((await feed(member.client)).new_count).toBe(0);
    // The colleague has not looked.
    expect((await feed(colleague.client)).new_count).toBe(3);
  });

  it('is written only through mark_updates_seen', async () => {
    const member = await addMember(store);
    expectError(await member.client.from('member_contacts').update({ updates_seen_at: '2999-01-01T00:00:00Z' }).eq('id', member.contactId), '42501');
  });

  it('goes with the contact\'s card into my_data', async () => {
    const member = await addMember(store);
    const data = ok(await member.client.rpc('my_data', { p_store_slug: store.slug })) as { my_card: { updates_seen_at: string } };
    expect(data.my_card.updates_seen_at).toEqual(expect.any(String));
  });
});

describe('pages', () => {
  it('end only where the instant changes, so the next page starts exactly after the last shown', async () => {
    const buyer = await addMember(store);
    const orders = [1, 2, 3].map(() => orderRow(buyer, { amount: 10 }));
    await importOrders(store, orders);
    // One import refunds all three: three updates at one instant.
    await importOrders(store, orders.map((order) => ({ ...order, status: 'refunded' as const })));
    ok(await staff.client.rpc('adjust_points', { p_member_id: buyer.id, p_delta: 5, p_note: 'Later' }));
    // The refund also took the company back to its tier before the orders, at the same instant.
    const first = await feed(buyer.client, { p_limit: 2 });
    expect(first.updates.map((u) => u.kind)).toEqual(['points_adjusted', 'tier_changed', 'order_refunded', 'order_refunded', 'order_refunded']);
    expect(first.updates.map((u) => u.order_ref).filter(Boolean).sort()).toEqual(orders.map((o) => o.external_ref).sort());
    const next = await feed(buyer.client, { p_limit: 2, p_before: first.updates.at(-1)!.happened_at });
    expect(next.updates.map((u) => [u.kind, u.reason])).toEqual([['tier_changed', 'orders']]);
  });

  it('refuse a limit outside 1-100', async () => {
    const member = await addMember(store);
    expectError(await member.client.rpc('my_updates', { p_store_slug: store.slug, p_limit: 0 }), '22023', /^limit must be between 1 and 100$/);
    expectError(await member.client.rpc('my_updates', { p_store_slug: store.slug, p_limit: 101 }), '22023', /^limit must be between 1 and 100$/);
  });
});

describe('who reads a company\'s updates', () => {
  let member: Member;
  beforeAll(async () => {
    member = await addMember(store);
    ok(await staff.client.rpc('adjust_points', { p_member_id: member.id, p_delta: 7, p_note: 'Only theirs' }));
  });

  it('another company\'s contact at the store reads only their own', async () => {
    const other = await addMember(store);
    expect((await feed(member.client)).updates).toHaveLength(1);
    expect(await feed(other.client)).toMatchObject({ new_count: 0, updates: [] });
  });

  it('a member of another store, staff and anon are refused; an unknown store is not found', async () => {
    const elsewhere = await createStore({ label: 'updates-b' });
    const outsider = await addMember(elsewhere);
    for (const client of [outsider.client, staff.client]) {
      expectError(await client.rpc('my_updates', { p_store_slug: store.slug }), '42501', /^You are not a member of this store$/);
      expectError(await client.rpc('mark_updates_seen', { p_store_slug: store.slug }), '42501', /^You are not a member of this store$/);
    }
    for (const rpc of ['my_updates', 'mark_updates_seen']) {
      expectError(await anonClient().rpc(rpc, { p_store_slug: store.slug }), '42501');
      expectError(await member.client.rpc(rpc, { p_store_slug: `${store.slug}-gone` }), 'PT404', /^store not found$/);
    }
  });
});
