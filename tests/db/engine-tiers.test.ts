/**
 * Tier rules at their boundaries: the threshold exactly met or a cent short, exchange rates,
 * orders leaving the statistical period, refunds, overrides and their expiry, and changed
 * rules — each recorded in tier_changes, and each taking effect without any job running.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from '../support/clients.ts';
import { addMember, addProduct, createStore, daysAgo, expectError, importOrders, ok, orderRow, settingsAsRead, type Member, type Store } from './fixtures.ts';

interface Summary {
  tier: { rank: number; name: string };
  override: { tier_name: string; expires_at: string; reason: string } | null;
  progress: {
    paid_orders: number;
    paid_amount: number;
    next_expiry: string | null;
    next_tier: { rank: number; orders_needed: number; amount_needed: number } | null;
  };
}

let store: Store;
let member: Member;

beforeEach(async () => {
  store = await createStore({ label: 'tiers' });
  member = await addMember(store);
});

const membership = async () => ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as Summary;
const cachedRank = async () =>
  (await sql<{ rank: number }>('select t.rank from public.members m join public.tiers t on t.id = m.tier_id where m.id = $1', [member.id]))[0]!.rank;
/** The history, oldest first; `column` adds one of its other columns to each row. */
const changes = async (column?: 'note') =>
  sql<{ reason: string; from_tier_name: string | null; to_tier_name: string; note?: string | null }>(
    // History keeps names in every language; these stores write English, their default.
    `select reason, from_tier_name ->> 'en' as from_tier_name, to_tier_name ->> 'en' as to_tier_name${column ? `, ${column}` : ''}
     from public.tier_changes where member_id = $1 order by changed_at, seq`, [member.id]);

describe('thresholds', () => {
  it('joins as ordinary, with the first step of history', async () => {
    expect((await membership()).tier.rank).toBe(0);
    expect(await changes()).toEqual([{ reason: 'join', from_tier_name: null, to_tier_name: 'Ordinary' }]);
  });

  it('one paid order makes senior; a cent under the VIP threshold stays senior; exactly at it is VIP', async () => {
    await importOrders(store, [orderRow(member, { external_ref: 'A', amount: 9999.99 })]);
    expect(await cachedRank()).toBe(1);
    expect((await membership()).progress.next_tier).toMatchObject({ rank: 2, orders_needed: 0, amount_needed: 0.01 });

    await importOrders(store, [orderRow(member, { external_ref: 'B', amount: 0.01 })]);
    const summary = await membership();
    expect(summary.tier.rank).toBe(2);
    expect(summary.progress).toMatchObject({ paid_orders: 2, paid_amount: 10000, next_tier: null });
    expect((await changes()).map((c) => `${c.reason}:${c.to_tier_name}`)).toEqual(['join:Ordinary', 'orders:Senior', 'orders:VIP']);
  });

  it('counts foreign-currency orders at their exchange rate into the base currency', async () => {
    await importOrders(store, [orderRow(member, { external_ref: 'FX', amount: 9000, currency: 'EUR', exchange_rate: 1.1111 })]);
    expect((await membership()).progress.paid_amount).toBe(9999.9);
    expect(await cachedRank()).toBe(1);
    // The merchant corrects the rate: 10,000.08 USD.
    await importOrders(store, [orderRow(member, { external_ref: 'FX', amount: 9000, currency: 'EUR', exchange_rate: 1.11112 })]);
    expect(await cachedRank()).toBe(2);
  });

  it('ignores cancelled and refunded orders', async () => {
    await importOrders(store, [
      orderRow(member, { amount: 20000, status: 'cancelled' }),
      orderRow(member, { amount: 20000, status: 'refunded' }),
    ]);
    expect((await membership()).tier.rank).toBe(0);
  });
});

describe('falling back', () => {
  it('a refund drops the tier at once and is recorded as a refund', async () => {
    await importOrders(store, [orderRow(member, { external_ref: 'BIG', amount: 12000 })]);
    expect(await cachedRank()).toBe(2);
    expect(await importOrders(store, [orderRow(member, { external_ref: 'BIG', amount: 12000, status: 'refunded' })]))
      .toMatchObject({ inserted: 0, updated: 1 });
    expect(await cachedRank()).toBe(0);
    expect((await changes()).at(-1)).toEqual({ reason: 'refund', from_tier_name: 'VIP', to_tier_name: 'Ordinary' });
  });

  it('orders placed just inside the period count; just outside they do not', async () => {
    await importOrders(store, [orderRow(member, { amount: 10000, placed_at: daysAgo(364.99) })]);
    expect(await cachedRank()).toBe(2);
    const summary = await membership();
    // The order leaves the window about 15 minutes from now.
    expect(new Date(summary.progress.next_expiry!).getTime() - Date.now()).toBeLessThan(20 * 60_000);

    const other = await addMember(store);
    await importOrders(store, [orderRow(other, { amount: 10000, placed_at: daysAgo(365.01) })]);
    expect((await sql('select 1 from public.members m join public.tiers t on t.id = m.tier_id where m.id = $1 and t.rank = 0', [other.id]))).toHaveLength(1);
  });

  it('falls back when orders age out, with no job: exclusive products vanish at once, the change is recorded on read', async () => {
    const vipProduct = await addProduct(store, { visibility: 'tier', min_tier_rank: 2 });
    await importOrders(store, [orderRow(member, { amount: 10000, placed_at: daysAgo(60) })]);
    expect(ok(await member.client.from('products').select('id').eq('id', vipProduct.id))).toHaveLength(1);

    // The owner shortens the period to 30 days: the same as 300 days passing.
    ok(await store.owner.client.rpc('save_store_settings', { p_store_id: store.id, p_settings: { statistical_period_days: 30 }, p_settings_read: await settingsAsRead(store.id) }));
    expect(ok(await member.client.from('products').select('id').eq('id', vipProduct.id))).toHaveLength(0);
    expect(await cachedRank()).toBe(2);

    expect((await membership()).tier.rank).toBe(0);
    expect((await changes()).at(-1)).toEqual({ reason: 'period', from_tier_name: 'VIP', to_tier_name: 'Ordinary' });
  });

  it('the scheduler entry point records aged-out members of a store', async () => {
    await importOrders(store, [orderRow(member, { amount: 10000, placed_at: daysAgo(60) })]);
    await sql('update public.stores set statistical_period_days = 30 where id = $1', [store.id]);
    expect(ok(await store.owner.client.rpc('evaluate_tiers', { p_store_id: store.id }))).toBe(1);
    expect(await cachedRank()).toBe(0);
    expect(ok(await store.owner.client.rpc('evaluate_tiers', { p_store_id: store.id }))).toBe(0);
  });
});

describe('overrides', () => {
  it('lift a member until they expire, then fall back (recorded), without anyone acting', async () => {
    const vipTier = store.tiers[2]!;
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    ok(await store.owner.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: vipTier.id, p_expires_at: expiresAt, p_reason: 'Trade fair guest' }));
    const lifted = await membership();
    expect(lifted.tier.rank).toBe(2);
    expect(lifted.override).toMatchObject({ tier_name: 'VIP', reason: 'Trade fair guest' });

    await new Promise((r) => setTimeout(r, 1600));
    const after = await membership();
    expect(after.tier.rank).toBe(0);
    expect(after.override).toBeNull();
    expect((await changes()).slice(-2)).toEqual([
      { reason: 'override', from_tier_name: 'Ordinary', to_tier_name: 'VIP' },
      { reason: 'override_expired', from_tier_name: 'VIP', to_tier_name: 'Ordinary' },
    ]);
  });

  it('keep each override\'s reason with the change it made, and none with a removal', async () => {
    const before = (await changes('note')).length;
    ok(await store.owner.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: store.tiers[1]!.id, p_expires_at: '2999-01-01T00:00:00Z', p_reason: 'Distributor trial' }));
    ok(await store.owner.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: store.tiers[2]!.id, p_expires_at: '2999-01-01T00:00:00Z', p_reason: 'Trial went well' }));
    ok(await store.owner.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: null }));
    expect((await changes('note')).slice(before)).toEqual([
      { reason: 'override', from_tier_name: 'Ordinary', to_tier_name: 'Senior', note: 'Distributor trial' },
      { reason: 'override', from_tier_name: 'Senior', to_tier_name: 'VIP', note: 'Trial went well' },
      { reason: 'override', from_tier_name: 'VIP', to_tier_name: 'Ordinary', note: null },
    ]);
    // The first reason stays with its change after the override that replaced it, and staff read it.
    expect(ok(await store.owner.client.from('tier_changes').select('note').eq('member_id', member.id).eq('note', 'Distributor trial'))).toHaveLength(1);
  });

  it('never lower a member below what their orders earn', async () => {
    await importOrders(store, [orderRow(member, { amount: 10000 })]);
    ok(await store.owner.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: store.tiers[1]!.id, p_expires_at: '2999-01-01T00:00:00Z' }));
    expect((await membership()).tier.rank).toBe(2);
  });

  it('refuse a past expiry or another store\'s tier, changing nothing', async () => {
    const other = await createStore({ label: 'tiers-other' });
    expectError(await store.owner.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: store.tiers[2]!.id, p_expires_at: daysAgo(1) }), '22023', 'expires_at must be in the future');
    expectError(await store.owner.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: other.tiers[2]!.id, p_expires_at: '2999-01-01T00:00:00Z' }), '22023', 'tier_id is not a tier of this store');
    expect(await sql('select 1 from public.members where id = $1 and tier_override_id is null', [member.id])).toHaveLength(1);
  });
});

describe('changing the rules', () => {
  it('re-evaluates the store\'s members when staff change a threshold', async () => {
    await importOrders(store, [orderRow(member, { amount: 5000 })]);
    ok(await store.owner.client.from('tiers').update({ min_paid_amount: 5000 }).eq('id', store.tiers[2]!.id).select());
    expect(await cachedRank()).toBe(2);
    expect((await changes()).at(-1)).toEqual({ reason: 'tier_rules', from_tier_name: 'Senior', to_tier_name: 'VIP' });
  });

  it('removing a tier moves its members to what they still qualify for', async () => {
    await importOrders(store, [orderRow(member, { amount: 10000 })]);
    expect(ok(await store.owner.client.from('tiers').delete().eq('id', store.tiers[2]!.id).select())).toHaveLength(1);
    expect(await cachedRank()).toBe(1);
    expect((await changes()).at(-1)).toEqual({ reason: 'tier_rules', from_tier_name: null, to_tier_name: 'Senior' });
  });
});
