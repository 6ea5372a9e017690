/**
 * membership_standing: which paid orders hold a member's tier, when each leaves the
 * statistical period, and where the tier falls without new orders — by actor, against orders
 * imported with known dates and amounts, and agreeing with my_membership's own figures. Then the
 * list of every order of the company the page shows under "Your orders", by actor.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { newest } from '../../src/lib/history-order.ts';
import { deliveredOrdersSelect } from '../../src/lib/member-api.ts';
import { orderChangesEmbed, originalAmount, type OrderChange } from '../../src/lib/order-changes.ts';
import { anonClient, sql } from '../support/clients.ts';
import { addColleague, addMember, addStaff, createStore, daysAgo, expectError, importOrders, ok, orderRow, type Actor, type Member, type Store } from './fixtures.ts';

interface Standing {
  period_days: number;
  paid_orders: number;
  paid_amount: number;
  orders_tier: { id: string; rank: number };
  orders: {
    external_ref: string; placed_at: string; leaves_at: string; amount: number; currency: string; amount_base: number; orders_after: number; amount_after: number; tier_after: { rank: number };
    changes: (OrderChange & { id: number })[];
  }[];
  holds_until: string | null;
  falls_to: { id: string; rank: number } | null;
  to_keep: { orders_needed: number; amount_needed: number } | null;
}

let store: Store;
let vip: Member;
let other: Member;
let newcomer: Member;
let staff: Actor;

beforeAll(async () => {
  store = await createStore({ label: 'standing' });
  [vip, other, newcomer, staff] = await Promise.all([addMember(store), addMember(store), addMember(store), addStaff(store)]);
  await importOrders(store, [
    orderRow(vip, { external_ref: 'STAND-OLD', amount: 6000, placed_at: daysAgo(300) }),
    orderRow(vip, { external_ref: 'STAND-MID', amount: 4600, currency: 'EUR', exchange_rate: 1.1, placed_at: daysAgo(100) }),
    orderRow(vip, { external_ref: 'STAND-NEW', amount: 140, placed_at: daysAgo(10) }),
    // Neither a refunded order nor one older than the period counts.
    orderRow(vip, { external_ref: 'STAND-REFUNDED', amount: 9000, placed_at: daysAgo(5), status: 'refunded' }),
    orderRow(vip, { external_ref: 'STAND-ANCIENT', amount: 9000, placed_at: daysAgo(400) }),
    orderRow(other, { external_ref: 'STAND-OTHER', amount: 20000, placed_at: daysAgo(20) }),
  ]);
});

describe('membership_standing', () => {
  it('lists the counted orders oldest first, when each leaves the period and what then remains', async () => {
    const standing = ok(await vip.client.rpc('membership_standing', { p_store_slug: store.slug })) as Standing;
    const [{ days }] = (await sql<{ days: number }>('select statistical_period_days as days from public.stores where id = $1', [store.id])) as [{ days: number }];
    expect(standing.period_days).toBe(days);
    expect(standing.orders.map((order) => [order.external_ref, order.amount_base, order.orders_after, order.amount_after, order.tier_after.rank]))
      .toEqual([
        ['STAND-OLD', 6000, 2, 5200, 1],
        ['STAND-MID', 5060, 1, 140, 1],
        ['STAND-NEW', 140, 0, 0, 0],
      ]);
    const mid = standing.orders[1]!;
    expect([mid.amount, mid.currency]).toEqual([4600, 'EUR']);
    for (const order of standing.orders) {
      expect(Date.parse(order.leaves_at) - Date.parse(order.placed_at)).toBe(days * 86_400_000);
    }
    // VIP (10,000 paid) today; when STAND-OLD leaves, 5,200 remain: senior unless 4,800 more arrive by then.
    expect(standing.orders_tier.rank).toBe(2);
    expect(standing.holds_until).toBe(standing.orders[0]!.leaves_at);
    expect(standing.falls_to?.rank).toBe(1);
    expect(standing.to_keep).toEqual({ orders_needed: 0, amount_needed: 4800 });
  });

  it('agrees with my_membership on the period\'s figures and the tier', async () => {
    const standing = ok(await vip.client.rpc('membership_standing', { p_store_slug: store.slug })) as Standing;
    const membership = ok(await vip.client.rpc('my_membership', { p_store_slug: store.slug })) as {
      tier: { id: string }; progress: { paid_orders: number; paid_amount: number };
    };
    expect([standing.paid_orders, standing.paid_amount]).toEqual([membership.progress.paid_orders, membership.progress.paid_amount]);
    expect(standing.orders_tier.id).toBe(membership.tier.id);
  });

  it('lists only the orders leaving soonest when asked, every figure still over all of them', async () => {
    // window_start is now() minus the period: each call has its own.
    const read = async (limit?: number) => {
      const { window_start: _, ...rest } = ok(await vip.client.rpc('membership_standing', { p_store_slug: store.slug, p_limit: limit })) as Standing & { window_start: string };
      return rest;
    };
    const all = await read();
    expect(await read(1)).toEqual({ ...all, orders: all.orders.slice(0, 1) });
    expect(await read(50)).toEqual(all);
    expectError(await vip.client.rpc('membership_standing', { p_store_slug: store.slug, p_limit: 0 }), '22023', 'p_limit must be at least 1');
  });

  it('gives each listed order what the import changed in it, oldest first, as the company\'s orders embed it', async () => {
    const changed = await addMember(store);
    const [part, fix, plain] = [
      orderRow(changed, { external_ref: 'STAND-PART', amount: 1200, placed_at: daysAgo(30) }),
      orderRow(changed, { external_ref: 'STAND-FIX', amount: 800, placed_at: daysAgo(20) }),
      orderRow(changed, { external_ref: 'STAND-PLAIN', amount: 500, placed_at: daysAgo(10) }),
    ];
    await importOrders(store, [part, fix, plain]);
    await importOrders(store, [{ ...part, amount: 1000, status: 'partially_refunded' }, { ...fix, amount: 750 }]);
    await importOrders(store, [{ ...part, amount: 900, status: 'partially_refunded' }]);
    const standing = ok(await changed.client.rpc('membership_standing', { p_store_slug: store.slug })) as Standing;
    const change = (kind: string, amount_before: number) => ({ id: expect.any(Number), kind, amount_before, currency_before: 'USD' });
    expect(standing.orders.map((order) => [order.external_ref, order.amount, order.changes])).toEqual([
      ['STAND-PART', 900, [change('refunded_in_part', 1200), change('refunded_in_part', 1000)]],
      ['STAND-FIX', 750, [change('corrected', 800)]],
      ['STAND-PLAIN', 500, []],
    ]);
    // The refund in part's original amount, as My membership shows it under the amount left.
    expect(originalAmount(standing.orders[0]!.changes)).toEqual({ amount: 1200, currency: 'USD' });
    // Exactly what the company's own read of its orders embeds (and My membership read beside the standing before).
    const embedded = ok(await changed.client.from('orders').select(`external_ref, ${orderChangesEmbed}`)
      .eq('member_id', changed.id).eq('status', 'paid').order('placed_at').order('id', { referencedTable: 'changes' }));
    expect(standing.orders.map((order) => [order.external_ref, order.changes])).toEqual(embedded!.map((order) => [order.external_ref, order.changes]));
    // A few orders listed, their changes alone.
    const first = ok(await changed.client.rpc('membership_standing', { p_store_slug: store.slug, p_limit: 1 })) as Standing;
    expect(first.orders.map((order) => [order.external_ref, order.changes])).toEqual([['STAND-PART', standing.orders[0]!.changes]]);
  });

  it('has orders placed at one instant leave together', async () => {
    const twins = await addMember(store);
    const at = daysAgo(50);
    await importOrders(store, [
      orderRow(twins, { external_ref: 'STAND-TWIN-A', amount: 6000, placed_at: at }),
      orderRow(twins, { external_ref: 'STAND-TWIN-B', amount: 4500, placed_at: at }),
      orderRow(twins, { external_ref: 'STAND-LATER', amount: 700, placed_at: daysAgo(20) }),
    ]);
    const standing = ok(await twins.client.rpc('membership_standing', { p_store_slug: store.slug })) as Standing;
    // The twins come in id order (random ids): compared as a set, then the later order.
    const rows = standing.orders.map((order) => [order.external_ref, order.orders_after, order.amount_after]);
    expect(rows.slice(0, 2).toSorted()).toEqual([['STAND-TWIN-A', 1, 700], ['STAND-TWIN-B', 1, 700]]);
    expect(rows[2]).toEqual(['STAND-LATER', 0, 0]);
    // VIP (11,200 paid) today; both twins leave at once and 700 alone is Senior: 9,300 more keeps VIP.
    expect([standing.orders_tier.rank, standing.falls_to?.rank, standing.holds_until]).toEqual([2, 1, standing.orders[0]!.leaves_at]);
    expect(standing.to_keep).toEqual({ orders_needed: 0, amount_needed: 9300 });
  });

  it('says nothing is at stake for a member without counted orders', async () => {
    const standing = ok(await newcomer.client.rpc('membership_standing', { p_store_slug: store.slug })) as Standing;
    expect(standing).toMatchObject({ paid_orders: 0, paid_amount: 0, orders: [], holds_until: null, falls_to: null, to_keep: null });
    expect(standing.orders_tier.rank).toBe(0);
  });

  it('shows a company only its own orders', async () => {
    const standing = ok(await other.client.rpc('membership_standing', { p_store_slug: store.slug })) as Standing;
    expect(standing.orders.map((order) => order.external_ref)).toEqual(['STAND-OTHER']);
  });

  it('refuses visitors, staff and unknown stores', async () => {
    expectError(await anonClient().rpc('membership_standing', { p_store_slug: store.slug }), '42501');
    expectError(await staff.client.rpc('membership_standing', { p_store_slug: store.slug }), '42501', 'You are not a member of this store');
    expectError(await vip.client.rpc('membership_standing', { p_store_slug: 'no-such-store-standing' }), 'PT404', 'store not found');
  });
});

/**
 * My membership's "Your orders" (src/lib/member-api.ts fetchOrders): the orders table read through
 * its select policy, every status, newest first, each with its points credits and take-backs.
 */
describe('the orders list', () => {
  const list = (client: SupabaseClient, memberId: string) =>
    newest(client.from('orders').select('external_ref, status, points:points_ledger(delta, reason)')
      .eq('member_id', memberId).in('points.reason', ['order', 'clawback']).order('id', { referencedTable: 'points' }), 'orders');
  /** The company's orders as the database holds them, in the list's order, with their ledger rows. */
  const held = (memberId: string) => sql<{ external_ref: string; status: string; points: { delta: number; reason: string }[] }>(
    `select o.external_ref, o.status, coalesce((select jsonb_agg(jsonb_build_object('delta', l.delta, 'reason', l.reason) order by l.id)
       from public.points_ledger l where l.order_id = o.id and l.reason in ('order', 'clawback')), '[]') as points
     from public.orders o where o.member_id = $1 order by o.placed_at desc, o.id desc`, [memberId]);

  it('gives a contact and a colleague every order of their company, refunded and aged out too, with the points each earned and gave back', async () => {
    // Refunded after it earned: its credit and the take-back both show.
    const refund = orderRow(vip, { external_ref: 'STAND-TAKEN-BACK', amount: 300, placed_at: daysAgo(2) });
    await importOrders(store, [refund]);
    await importOrders(store, [{ ...refund, status: 'refunded' }]);
    const colleague = await addColleague(vip);
    const expected = await held(vip.id);
    expect(expected.map((order) => order.external_ref)).toEqual(['STAND-TAKEN-BACK', 'STAND-REFUNDED', 'STAND-NEW', 'STAND-MID', 'STAND-OLD', 'STAND-ANCIENT']);
    expect(expected[0]!.points.map((row) => row.reason)).toEqual(['order', 'clawback']);
    for (const client of [vip.client, colleague.client]) expect(ok(await list(client, vip.id))).toEqual(expected);
  });

  it('gives another company of the store and a member of another store none of them, and the store\'s staff all of them', async () => {
    const elsewhere = await addMember(await createStore({ label: 'standing-other' }));
    expect(ok(await list(other.client, vip.id))).toEqual([]);
    expect(ok(await list(elsewhere.client, vip.id))).toEqual([]);
    expect(ok(await list(other.client, other.id))).toEqual(await held(other.id));
    expect(ok(await list(staff.client, vip.id))).toEqual(await held(vip.id));
    expectError(await list(anonClient(), vip.id), '42501');
  });

  it('says until when each paid order counts toward the tier, as the engine counts it, and nothing for the others', async () => {
    const rows = ok(await newest(vip.client.from('orders').select('external_ref, counts_until').eq('member_id', vip.id), 'orders')) ?? [];
    const engine = await sql<{ external_ref: string; counts_until: number | null }>(
      `select o.external_ref, case when o.status = 'paid'
         then floor(extract(epoch from o.placed_at + make_interval(days => s.statistical_period_days)) * 1000)::float8 end as counts_until
       from public.orders o join public.stores s on s.id = o.store_id where o.member_id = $1 order by o.placed_at desc, o.id desc`, [vip.id]);
    expect(rows.map((row) => ({ ...row, counts_until: row.counts_until === null ? null : Date.parse(row.counts_until) }))).toEqual(engine);
    expect(rows.find((row) => row.external_ref === 'STAND-REFUNDED')?.counts_until).toBeNull();
    expect(rows.filter((row) => row.counts_until !== null).length).toBeGreaterThan(0);
  });
});

/** The orders to review (src/lib/member-api.ts fetchDeliveredOrders) read as the buyer reads them. */
describe('the orders to review', () => {
  it('come with what the import changed in them, so one refunded in part says what it was', async () => {
    const order = orderRow(newcomer, { external_ref: 'STAND-REVIEW-PART', amount: 500, placed_at: daysAgo(3), delivered_at: daysAgo(1) });
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, amount: 350, status: 'partially_refunded' }]);
    const rows = ok(await newcomer.client.from('orders').select(deliveredOrdersSelect).eq('member_id', newcomer.id).order('id', { referencedTable: 'changes' })) ?? [];
    expect(rows.map((row) => [row.external_ref, row.status, row.amount, row.changes.map((change) => [change.kind, change.amount_before])]))
      .toEqual([['STAND-REVIEW-PART', 'paid', 350, [['refunded_in_part', 500]]]]);
  });
});

describe('leaving', () => {
  it('clears the company\'s buying profile with its last contact, not before', async () => {
    const company = await addMember(store, 'Profile Wigs Ltd.');
    const colleague = await addColleague(company);
    await sql(`update public.members set purchase_volume = '50k_200k', product_categories = '{Lace wigs,Bundles}' where id = $1`, [company.id]);
    const profile = () => sql<{ purchase_volume: string | null; product_categories: string[] }>(
      'select purchase_volume, product_categories from public.members where id = $1', [company.id]);

    ok(await colleague.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    expect(await profile()).toEqual([{ purchase_volume: '50k_200k', product_categories: ['Lace wigs', 'Bundles'] }]);

    expect(ok(await company.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }))).toEqual({ left: true, company_removed: true });
    expect(await profile()).toEqual([{ purchase_volume: null, product_categories: [] }]);
    expect(await sql('select company_name from public.members where id = $1', [company.id])).toEqual([{ company_name: 'Former member' }]);
  });
});
