/**
 * Which tier the analytics name (migration 20261203001200). Joining is dated at the member's
 * joined_at, so a member written with an earlier one (the seed; a merchant's back end bringing
 * its members over) holds its first tier from then: in the tier history, on the orders it placed
 * since and in the members by tier. The order value tells the orders placed before joining (a
 * null tier) from those placed under a tier removed since (its id, with no name or rank).
 * Hand-computed fixture, dN = N days ago, default tiers plus a Gold tier (rank 3) from 15,000:
 *   A written with joined_at d100; paid 50 at d120 (before joining), 100 at d60, 200 at d30
 *   B joined now; paid 20,000 (→ Gold, recorded after it was placed), then 300 under Gold;
 *     Gold is then removed
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { oldStoreRows, withDatabaseBefore } from './before-migration.ts';
import { serviceClient, signIn, sql } from '../support/clients.ts';
import { addMember, createStore, daysAgo, importOrders, ok, orderRow, type Store } from './fixtures.ts';

interface OrderValue { tier_id: string | null; tier_name: string | null; tier_rank: number | null; orders: number; revenue: number }
interface OverTime { period_end: string; dimension: string; key: string | null; label: string; members: number }

let store: Store;
let a: string;
let gold: string;

beforeAll(async () => {
  store = await createStore({ label: 'tier-labels' });
  const ordinary = store.tiers[0]!;
  const written = ok(await serviceClient().from('members')
    .insert({ store_id: store.id, company_name: 'Written Earlier Co', country: 'DE', tier_id: ordinary.id, joined_at: daysAgo(100) })
    .select('id').single()) as { id: string };
  a = written.id;
  const paid = (amount: number, days: number) => ({ external_ref: `A-${days}`, member_id: a, amount, currency: 'USD', placed_at: daysAgo(days), status: 'paid' as const });
  await importOrders(store, [paid(50, 120), paid(100, 60), paid(200, 30)]);

  gold = (ok(await serviceClient().from('tiers')
    .insert({ store_id: store.id, rank: 3, name: { en: 'Gold' }, min_paid_orders: 1, min_paid_amount: 15_000 })
    .select('id').single()) as { id: string }).id;
  const b = await addMember(store, 'Joined Now Co');
  await importOrders(store, [orderRow(b, { amount: 20_000, placed_at: new Date().toISOString() })]);
  await importOrders(store, [orderRow(b, { amount: 300, placed_at: new Date().toISOString() })]);
  ok(await store.owner.client.from('tiers').delete().eq('id', gold).select('id'));
});

describe('a member written with an earlier joined_at', () => {
  it('joined, by the tier history, at joined_at, in the tier it was written with', async () => {
    const [join] = await sql<{ at_joining: boolean; to_tier_id: string }>(
      `select h.changed_at = m.joined_at as at_joining, h.to_tier_id from public.tier_changes h join public.members m on m.id = h.member_id
       where h.member_id = $1 and h.reason = 'join'`, [a]);
    expect(join).toEqual({ at_joining: true, to_tier_id: store.tiers[0]!.id });
  });

  it('is counted in that tier at every period end since joining, not as a member without one', async () => {
    const rows = ok(await store.owner.client.rpc('analytics_members_over_time',
      { p_store_id: store.id, p_from: daysAgo(98), p_to: daysAgo(1), p_period: 'week' })) as OverTime[];
    const tiers = rows.filter((r) => r.dimension === 'tier');
    expect(tiers.filter((r) => r.label === '?')).toEqual([]);
    expect(new Set(tiers.filter((r) => r.label === 'Ordinary').map((r) => r.members))).toEqual(new Set([1]));
  });
});

describe('the average order value by tier', () => {
  it('names the orders placed before joining apart from those under a removed tier', async () => {
    const rows = ok(await store.owner.client.rpc('analytics_order_value', { p_store_id: store.id, p_from: daysAgo(200), p_to: daysAgo(-1) })) as OrderValue[];
    expect(rows.map((r) => [r.tier_id, r.tier_name, r.tier_rank, r.orders, Number(r.revenue)])).toEqual([
      [null, null, null, 1, 50], // A's order before joining
      [gold, null, null, 1, 300], // B's order after reaching Gold, removed since
      [store.tiers[0]!.id, 'Ordinary', 0, 3, 20_300], // A's two after joining, and B's that lifted it
    ]);
  });
});

describe('the demo store', () => {
  it('names a tier the store has for every member and every order', async () => {
    const staff = await signIn({ email: 'staff@demo-wigs.test', password: 'cardclub-staff' });
    const range = { p_store_id: 'd1000000-0000-4000-8000-000000000001', p_from: daysAgo(600), p_to: daysAgo(-1) };
    const value = ok(await staff.rpc('analytics_order_value', range)) as OrderValue[];
    expect(value.length).toBeGreaterThan(0);
    expect(value.filter((r) => r.tier_name === null)).toEqual([]);
    const overTime = ok(await staff.rpc('analytics_members_over_time', { ...range, p_period: 'month' })) as OverTime[];
    expect(overTime.filter((r) => r.dimension === 'tier' && r.label === '?')).toEqual([]);
    // Today: the seed's three buyers at the three default tiers.
    const today = overTime.filter((r) => r.dimension === 'tier' && r.period_end === overTime.at(-1)!.period_end);
    expect(Object.fromEntries(today.map((r) => [r.label, r.members]))).toEqual({ Ordinary: 1, Senior: 1, VIP: 1 });
  });
});

describe('the migration on joins recorded after joined_at', () => {
  it('moves them back to joined_at and stamps the orders placed since with the join tier', { timeout: 120_000 }, async () => {
    await withDatabaseBefore('20261203001200', async (client, migrate) => {
      await client.query(`
        ${oldStoreRows('100 days')}
        insert into public.orders (store_id, member_id, external_ref, amount, currency, placed_at, status)
          values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'OLD-1', 100, 'USD', now() - interval '50 days', 'paid');`);
      const state = async () => (await client.query(`
        select (select h.changed_at = m.joined_at from public.tier_changes h where h.member_id = m.id and h.reason = 'join') as join_at_joined,
               (select o.tier_id = t.id from public.orders o where o.member_id = m.id) as order_in_join_tier
        from public.members m join public.tiers t on t.store_id = m.store_id and t.rank = 0
        where m.id = '00000000-0000-4000-8000-000000000002'`)).rows[0];
      expect(await state()).toEqual({ join_at_joined: false, order_in_join_tier: null });

      expect(await migrate()).toContain('20261203001200_analytics_tier_labels.sql');
      expect(await state()).toEqual({ join_at_joined: true, order_in_join_tier: true });
    });
  });
});
