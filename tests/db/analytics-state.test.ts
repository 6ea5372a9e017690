/**
 * The analytics' write-path state: members.paid_once and paid_twice (migration 20261203000600),
 * the instants whose statistical period holds one and two of the member's paid orders, kept
 * exact by every write of orders and of the period. Hand-computed with the default 365-day
 * period: an order at t covers [t, t + 365 d) once, and with the paid order before it at p,
 * [t, p + 365 d) twice. Dates are fixed UTC midnights (2025 has no 29 February).
 * And (20261203000800) the newest paid order and the one before it, and each order's tier at
 * its placed_at by the tier history.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/clients.ts';
import { addMember, createStore, daysAgo, importOrders, ok, orderRow, settingsAsRead, type Member, type Store } from './fixtures.ts';

let store: Store;

/** A member's ranges as [from, to) day pairs (UTC), once and twice. */
async function coverage(member: Member): Promise<{ once: string[][]; twice: string[][] }> {
  const [row] = await sql<{ once: string[][]; twice: string[][] }>(
    `select array(select array[to_char(lower(r) at time zone 'UTC', 'YYYY-MM-DD'), to_char(upper(r) at time zone 'UTC', 'YYYY-MM-DD')]
                  from unnest(m.paid_once) r order by lower(r)) as once,
            array(select array[to_char(lower(r) at time zone 'UTC', 'YYYY-MM-DD'), to_char(upper(r) at time zone 'UTC', 'YYYY-MM-DD')]
                  from unnest(m.paid_twice) r order by lower(r)) as twice
     from public.members m where m.id = $1`, [member.id]);
  return row!;
}

const day = (d: string) => `${d}T00:00:00Z`;

/** A member's newest paid order and the one before it, as UTC days. */
async function newest(member: Member): Promise<(string | null)[]> {
  const [row] = await sql<{ last: string | null; previous: string | null }>(
    `select to_char(m.last_paid_order_at at time zone 'UTC', 'YYYY-MM-DD') as last,
            to_char(m.previous_paid_order_at at time zone 'UTC', 'YYYY-MM-DD') as previous
     from public.members m where m.id = $1`, [member.id]);
  return [row!.last, row!.previous];
}

beforeAll(async () => {
  store = await createStore({ label: 'analytics-state' });
});

describe('paid_once and paid_twice', () => {
  it('follow imports, late orders, refunds, cancellations and payments again', async () => {
    const buyer = await addMember(store, 'state');
    expect(await coverage(buyer)).toEqual({ once: [], twice: [] });
    expect(await newest(buyer)).toEqual([null, null]);

    const a1 = orderRow(buyer, { external_ref: 'S-A1', placed_at: day('2025-01-01') });
    const a2 = orderRow(buyer, { external_ref: 'S-A2', placed_at: day('2025-03-01') });
    await importOrders(store, [a1, a2]);
    expect(await coverage(buyer)).toEqual({
      once: [['2025-01-01', '2026-03-01']],
      twice: [['2025-03-01', '2026-01-01']],
    });
    expect(await newest(buyer)).toEqual(['2025-03-01', '2025-01-01']);

    // A late order placed before both becomes a1's previous: [a1, a0 + 365 d) joins a2's range.
    const a0 = orderRow(buyer, { external_ref: 'S-A0', placed_at: day('2024-12-01') });
    await importOrders(store, [a0]);
    expect(await coverage(buyer)).toEqual({
      once: [['2024-12-01', '2026-03-01']],
      twice: [['2025-01-01', '2026-01-01']],
    });
    expect(await newest(buyer)).toEqual(['2025-03-01', '2025-01-01']);

    // a1 refunded: a2's previous is a0 again.
    expect(await importOrders(store, [{ ...a1, status: 'refunded' }])).toMatchObject({ updated: 1 });
    expect(await coverage(buyer)).toEqual({
      once: [['2024-12-01', '2026-03-01']],
      twice: [['2025-03-01', '2025-12-01']],
    });
    expect(await newest(buyer)).toEqual(['2025-03-01', '2024-12-01']);

    // a0 cancelled: a2 alone.
    expect(await importOrders(store, [{ ...a0, status: 'cancelled' }])).toMatchObject({ updated: 1 });
    expect(await coverage(buyer)).toEqual({ once: [['2025-03-01', '2026-03-01']], twice: [] });
    expect(await newest(buyer)).toEqual(['2025-03-01', null]);

    // a1 paid again, and moved to a later date: a2 becomes its previous.
    expect(await importOrders(store, [{ ...a1, status: 'paid', placed_at: day('2025-06-01') }])).toMatchObject({ updated: 1 });
    expect(await coverage(buyer)).toEqual({
      once: [['2025-03-01', '2026-06-01']],
      twice: [['2025-06-01', '2026-03-01']],
    });
    expect(await newest(buyer)).toEqual(['2025-06-01', '2025-03-01']);
  });

  it('a gap longer than the period leaves two ranges once, and none twice across it', async () => {
    const buyer = await addMember(store, 'gaps');
    await importOrders(store, [
      orderRow(buyer, { placed_at: day('2023-01-01') }),
      orderRow(buyer, { placed_at: day('2024-06-01') }),
      orderRow(buyer, { placed_at: day('2024-06-01') }), // the same instant twice: both in each other's period
    ]);
    expect(await coverage(buyer)).toEqual({
      once: [['2023-01-01', '2024-01-01'], ['2024-06-01', '2025-06-01']],
      twice: [['2024-06-01', '2025-06-01']],
    });
  });

  it('follow a new statistical period at once', async () => {
    const other = await createStore({ label: 'analytics-state-period' });
    const buyer = await addMember(other, 'period');
    await importOrders(other, [
      orderRow(buyer, { placed_at: day('2025-01-01') }),
      orderRow(buyer, { placed_at: day('2025-01-21') }),
      orderRow(buyer, { placed_at: day('2025-03-01') }),
    ]);
    expect(await coverage(buyer)).toEqual({
      once: [['2025-01-01', '2026-03-01']],
      twice: [['2025-01-21', '2026-01-21']],
    });
    ok(await other.owner.client.rpc('save_store_settings', { p_store_id: other.id, p_settings: { statistical_period_days: 30 }, p_settings_read: await settingsAsRead(other.id) }));
    expect(await coverage(buyer)).toEqual({
      once: [['2025-01-01', '2025-02-20'], ['2025-03-01', '2025-03-31']],
      twice: [['2025-01-21', '2025-01-31']],
    });
  });
});

describe('orders.tier_id', () => {
  it('is the tier held when the order was placed, by the tier history, however the history or the order moves', async () => {
    const buyer = await addMember(store, 'tiers');
    const tier = (rank: number) => store.tiers.find((t) => t.rank === rank)!;
    const tierOf = async (...refs: string[]) => (await sql<{ tier_id: string | null }>(
      `select o.tier_id from unnest($2::text[]) with ordinality r (ref, n) join public.orders o on o.store_id = $1 and o.external_ref = r.ref order by r.n`,
      [store.id, refs])).map((o) => o.tier_id);
    const hoursAhead = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

    // Joined 100 days ago (the history moved back by hand: an update of tier_changes).
    await sql(`update public.tier_changes set changed_at = now() - interval '100 days' where member_id = $1 and reason = 'join'`, [buyer.id]);
    // Before joining no tier; an order that lifts the buyer to VIP was placed as Ordinary (the
    // change is recorded now); one placed a few hours ahead is VIP's.
    await importOrders(store, [
      orderRow(buyer, { external_ref: 'T-EARLY', amount: 10, placed_at: daysAgo(120) }),
      orderRow(buyer, { external_ref: 'T-BIG', amount: Math.max(Number(tier(2).min_paid_amount), 1), placed_at: daysAgo(30) }),
    ]);
    await importOrders(store, [orderRow(buyer, { external_ref: 'T-SOON', amount: 10, placed_at: hoursAhead(2) })]);
    expect(await tierOf('T-EARLY', 'T-BIG', 'T-SOON')).toEqual([null, tier(0).id, tier(2).id]);

    // The VIP change moved before the big order: it was VIP's.
    await sql(`update public.tier_changes set changed_at = now() - interval '40 days' where member_id = $1 and to_tier_id = $2`, [buyer.id, tier(2).id]);
    expect(await tierOf('T-EARLY', 'T-BIG', 'T-SOON')).toEqual([null, tier(2).id, tier(2).id]);

    // The big order moved before that change: Ordinary's again.
    expect(await importOrders(store, [orderRow(buyer, { external_ref: 'T-BIG', amount: Math.max(Number(tier(2).min_paid_amount), 1), placed_at: daysAgo(50) })])).toMatchObject({ updated: 1 });
    expect(await tierOf('T-BIG')).toEqual([tier(0).id]);

    // Refunded, it no longer keeps the buyer VIP: the fall back to Senior (the two small orders),
    // recorded now, precedes the order placed ahead, which becomes Senior's.
    await importOrders(store, [orderRow(buyer, { external_ref: 'T-BIG', amount: Math.max(Number(tier(2).min_paid_amount), 1), placed_at: daysAgo(50), status: 'refunded' })]);
    expect(await tierOf('T-EARLY', 'T-BIG', 'T-SOON')).toEqual([null, tier(0).id, tier(1).id]);

    // Every order of the store agrees with the history.
    const [drift] = await sql<{ n: number }>(
      `select count(*)::int as n from public.orders o where o.store_id = $1 and o.tier_id is distinct from private.tier_at(o.store_id, o.member_id, o.placed_at)`, [store.id]);
    expect(drift!.n).toBe(0);
  });
});
