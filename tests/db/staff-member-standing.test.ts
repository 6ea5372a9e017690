/**
 * staff_member_standing: a company's standing as the console's member page reads it — the
 * period's figures and what keeps the tier (membership_standing's, computed by the same function),
 * the tier, the next tier and what it needs (my_membership's), the sample quota's use and the
 * points expiring soonest — equal to what the company's own contact reads, for staff of its store
 * only. Then the member list's paid amount in the period.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, sql } from '../support/clients.ts';
import {
  addMember, addProduct, addStaff, createStore, daysAgo, expectError, importOrders, ok, orderRow, refusalOf, shipTo,
  type Actor, type Member, type Store,
} from './fixtures.ts';

interface StaffStanding {
  window_start: string;
  paid_orders: number;
  paid_amount: number;
  orders: { external_ref: string; leaves_at: string; changes: { id: number; kind: string; amount_before: number; currency_before: string }[] }[];
  tier: { id: string; rank: number };
  override: { tier_id: string; expires_at: string } | null;
  next_tier: { id: string; orders_needed: number; amount_needed: number } | null;
  samples: { used: number; quota: number | null; left: number | null; period_days: number };
  points_expiring: { expires_at: string; points: number }[];
  [key: string]: unknown;
}

interface Membership {
  tier: { id: string; rank: number };
  override: unknown;
  progress: { paid_orders: number; paid_amount: number; next_tier: unknown };
  samples: { used: number; quota: number | null; left: number | null };
}

let store: Store;
let vip: Member;
let senior: Member;
let staff: Actor;
let otherStore: Store;

beforeAll(async () => {
  [store, otherStore] = await Promise.all([createStore({ label: 'staff-standing' }), createStore({ label: 'staff-standing-b' })]);
  [vip, senior, staff] = await Promise.all([addMember(store), addMember(store), addStaff(store)]);
  // Points last the store's default 365 days: the two oldest orders' expire in 35 and 45 days, the others' later.
  await importOrders(store, [
    orderRow(vip, { external_ref: 'SSTAND-OLDEST', amount: 50, placed_at: daysAgo(330) }),
    orderRow(vip, { external_ref: 'SSTAND-OLD', amount: 6000, placed_at: daysAgo(320) }),
    orderRow(vip, { external_ref: 'SSTAND-MID', amount: 4600, currency: 'EUR', exchange_rate: 1.1, placed_at: daysAgo(100) }),
    orderRow(vip, { external_ref: 'SSTAND-NEW', amount: 140, placed_at: daysAgo(10) }),
    orderRow(vip, { external_ref: 'SSTAND-REFUNDED', amount: 9000, placed_at: daysAgo(5), status: 'refunded' }),
    orderRow(senior, { external_ref: 'SSTAND-SENIOR', amount: 200, placed_at: daysAgo(20) }),
  ]);
  const product = await addProduct(store);
  ok(await senior.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo }));
});

const standingOf = async (asker: Actor, member: Member, limit?: number) =>
  ok(await asker.client.rpc('staff_member_standing', { p_member_id: member.id, ...(limit ? { p_limit: limit } : {}) })) as StaffStanding;

/** The staff's answer in the member's shapes: membership_standing's keys, and what my_membership says of the same. */
function split({ tier, override, next_tier, samples, points_expiring, window_start: _, ...standing }: StaffStanding) {
  return { standing, tier, override, next_tier, samples: { used: samples.used, quota: samples.quota, left: samples.left }, points_expiring };
}

describe('staff_member_standing', () => {
  it.each([['the owner', () => store.owner], ['a staff member', () => staff]] as const)('gives %s the numbers the company\'s contact reads', async (_, asker) => {
    for (const member of [vip, senior]) {
      const mine = ok(await member.client.rpc('membership_standing', { p_store_slug: store.slug })) as { window_start: string };
      const membership = ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as Membership;
      const { standing, tier, override, next_tier, samples } = split(await standingOf(asker(), member));
      const { window_start: _window, ...own } = mine;
      expect(standing).toEqual(own);
      expect(tier).toEqual({ id: membership.tier.id, rank: membership.tier.rank });
      expect(override).toEqual(membership.override);
      expect(next_tier).toEqual(membership.progress.next_tier);
      expect([standing.paid_orders, standing.paid_amount]).toEqual([membership.progress.paid_orders, membership.progress.paid_amount]);
      expect(samples).toEqual(membership.samples);
    }
  });

  it('says where each company stands: VIP kept by orders that age out, Senior short of VIP, a sample of five used', async () => {
    const [vipStanding, seniorStanding] = [await standingOf(staff, vip), await standingOf(staff, senior)];
    // Without SSTAND-OLDEST the orders still reach VIP; without SSTAND-OLD too, 5,200 is Senior.
    expect(vipStanding).toMatchObject({ paid_orders: 4, paid_amount: 11_250, tier: { rank: 2 }, next_tier: null, falls_to: { rank: 1 } });
    expect(vipStanding.holds_until).toBe(vipStanding.orders[1]!.leaves_at);
    expect(vipStanding.to_keep).toEqual({ orders_needed: 0, amount_needed: 4800 });
    expect(seniorStanding).toMatchObject({ paid_orders: 1, paid_amount: 200, tier: { rank: 1 }, next_tier: { orders_needed: 0, amount_needed: 9800 } });
    expect(seniorStanding.samples).toEqual({ used: 1, quota: 5, left: 4, period_days: 365 });
  });

  it('lists only the orders leaving soonest when asked, the figures still over all of them', async () => {
    const all = split(await standingOf(staff, vip)).standing;
    const first = split(await standingOf(staff, vip, 1)).standing;
    expect(first).toEqual({ ...all, orders: all.orders.slice(0, 1) });
    expect(first.orders.map((order) => order.external_ref)).toEqual(['SSTAND-OLDEST']);
  });

  it('gives the points expiring in the next 60 days by instant, soonest first, or else the soonest', async () => {
    const open = (member: Member) => sql<{ expires_at: Date; points: number }>(
      `select expires_at, sum(remaining)::int as points from public.points_ledger
       where member_id = $1 and remaining > 0 and expires_at > now() group by expires_at order by expires_at`, [member.id]);
    const asListed = (rows: { expires_at: Date; points: number }[]) => rows.map((row) => ({ expires_at: row.expires_at.getTime(), points: row.points }));
    const answered = async (member: Member) =>
      (await standingOf(staff, member)).points_expiring.map((row) => ({ expires_at: Date.parse(row.expires_at), points: row.points }));

    // The VIP's two oldest orders earned points that expire within 60 days; its later credits stay out.
    const vipCredits = asListed(await open(vip));
    const soon = vipCredits.filter((credit) => credit.expires_at < Date.now() + 60 * 86_400_000);
    expect(soon.length).toBe(2);
    expect(vipCredits.length).toBeGreaterThan(soon.length);
    expect(await answered(vip)).toEqual(soon);
    // Nothing of the Senior's expires so soon: its soonest expiry alone.
    const seniorCredits = asListed(await open(senior));
    expect(seniorCredits[0]!.expires_at).toBeGreaterThan(Date.now() + 60 * 86_400_000);
    expect(await answered(senior)).toEqual(seniorCredits.slice(0, 1));
  });

  it('follows an override to the tier it holds, with orders still saying what they reach', async () => {
    const member = await addMember(store);
    await importOrders(store, [orderRow(member, { amount: 50, placed_at: daysAgo(3) })]);
    const vipTier = store.tiers.find((tier) => tier.rank === 2)!;
    ok(await store.owner.client.rpc('set_tier_override', {
      p_member_id: member.id, p_tier_id: vipTier.id, p_expires_at: new Date(Date.now() + 10 * 86_400_000).toISOString(), p_reason: 'Trade fair',
    }));
    const standing = await standingOf(staff, member);
    expect(standing).toMatchObject({ tier: { id: vipTier.id }, override: { tier_id: vipTier.id }, next_tier: null, orders_tier: { rank: 1 } });
    const membership = ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as Membership;
    expect(standing.override).toEqual(membership.override);
  });

  it('gives each listed order what the import changed in it, as the company\'s contact reads it', async () => {
    const member = await addMember(store);
    const [part, fix] = [
      orderRow(member, { external_ref: 'SSTAND-PART', amount: 1200, placed_at: daysAgo(30) }),
      orderRow(member, { external_ref: 'SSTAND-FIX', amount: 800, placed_at: daysAgo(20) }),
    ];
    await importOrders(store, [part, fix, orderRow(member, { external_ref: 'SSTAND-PLAIN', amount: 500, placed_at: daysAgo(10) })]);
    await importOrders(store, [{ ...part, amount: 1000, status: 'partially_refunded' }, { ...fix, amount: 750 }]);
    const held = await sql<{ ref: string; id: number }>(
      'select o.external_ref as ref, c.id::int as id from public.order_changes c join public.orders o on o.id = c.order_id where c.member_id = $1', [member.id]);
    const idOf = (ref: string) => held.find((row) => row.ref === ref)!.id;
    const [partId, fixId] = [idOf('SSTAND-PART'), idOf('SSTAND-FIX')];
    // As the console's member page asks: the three leaving soonest.
    const standing = await standingOf(staff, member, 3);
    expect(standing.orders.map((order) => [order.external_ref, order.changes])).toEqual([
      ['SSTAND-PART', [{ id: partId, kind: 'refunded_in_part', amount_before: 1200, currency_before: 'USD' }]],
      ['SSTAND-FIX', [{ id: fixId, kind: 'corrected', amount_before: 800, currency_before: 'USD' }]],
      ['SSTAND-PLAIN', []],
    ]);
    const mine = ok(await member.client.rpc('membership_standing', { p_store_slug: store.slug, p_limit: 3 })) as StaffStanding;
    expect(mine.orders).toEqual(standing.orders);
  });

  it('refuses staff of another store exactly as a company that does not exist, the company\'s own contact and anyone signed out', async () => {
    const hidden = await otherStore.owner.client.rpc('staff_member_standing', { p_member_id: vip.id });
    expectError(hidden, 'PT404', /^member_id matches no member$/);
    expect(hidden.data).toBeNull();
    const unknown = await otherStore.owner.client.rpc('staff_member_standing', { p_member_id: randomUUID() });
    expect(refusalOf(hidden)).toEqual(refusalOf(unknown));
    // A bad limit does not tell either: the company is looked for first.
    expectError(await otherStore.owner.client.rpc('staff_member_standing', { p_member_id: vip.id, p_limit: 0 }), 'PT404', /^member_id matches no member$/);
    expectError(await vip.client.rpc('staff_member_standing', { p_member_id: vip.id }), '42501', /^member_id is not a member of a store you staff$/);
    expectError(await senior.client.rpc('staff_member_standing', { p_member_id: vip.id }), 'PT404', /^member_id matches no member$/);
    expectError(await anonClient().rpc('staff_member_standing', { p_member_id: vip.id }), '42501');
    expectError(await staff.client.rpc('staff_member_standing', { p_member_id: vip.id, p_limit: 0 }), '22023', /^p_limit must be at least 1$/);
  });
});

describe('the member list', () => {
  it('gives each company\'s paid amount in the period beside its paid orders, in the store\'s currency, listed or found', async () => {
    const listed = ok(await staff.client.rpc('staff_members', { p_store_id: store.id })) as { member_id: string; paid_orders_in_period: number; paid_amount_in_period: number }[];
    const found = ok(await staff.client.rpc('staff_member_search', { p_store_id: store.id, p_search: vip.companyName })) as typeof listed;
    const figures = (rows: typeof listed, member: Member) => rows.filter((row) => row.member_id === member.id).map((row) => [row.paid_orders_in_period, row.paid_amount_in_period]);
    expect(figures(listed, vip)).toEqual([[4, 11_250]]);
    expect(figures(listed, senior)).toEqual([[1, 200]]);
    expect(figures(found, vip)).toEqual([[4, 11_250]]);
  });
});
