/**
 * The analytics' write-path state (migration 20261203000600): members.paid_once and paid_twice,
 * the instants whose statistical period holds one and two of the member's paid orders, kept
 * exact by every write of orders and of the period. Hand-computed with the default 365-day
 * period: an order at t covers [t, t + 365 d) once, and with the paid order before it at p,
 * [t, p + 365 d) twice. Dates are fixed UTC midnights (2025 has no 29 February).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/clients.ts';
import { addMember, createStore, importOrders, ok, orderRow, type Member, type Store } from './fixtures.ts';

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

beforeAll(async () => {
  store = await createStore({ label: 'analytics-state' });
});

describe('paid_once and paid_twice', () => {
  it('follow imports, late orders, refunds, cancellations and payments again', async () => {
    const buyer = await addMember(store, 'state');
    expect(await coverage(buyer)).toEqual({ once: [], twice: [] });

    const a1 = orderRow(buyer, { external_ref: 'S-A1', placed_at: day('2025-01-01') });
    const a2 = orderRow(buyer, { external_ref: 'S-A2', placed_at: day('2025-03-01') });
    await importOrders(store, [a1, a2]);
    expect(await coverage(buyer)).toEqual({
      once: [['2025-01-01', '2026-03-01']],
      twice: [['2025-03-01', '2026-01-01']],
    });

    // A late order placed before both becomes a1's previous: [a1, a0 + 365 d) joins a2's range.
    const a0 = orderRow(buyer, { external_ref: 'S-A0', placed_at: day('2024-12-01') });
    await importOrders(store, [a0]);
    expect(await coverage(buyer)).toEqual({
      once: [['2024-12-01', '2026-03-01']],
      twice: [['2025-01-01', '2026-01-01']],
    });

    // a1 refunded: a2's previous is a0 again.
    expect(await importOrders(store, [{ ...a1, status: 'refunded' }])).toMatchObject({ updated: 1 });
    expect(await coverage(buyer)).toEqual({
      once: [['2024-12-01', '2026-03-01']],
      twice: [['2025-03-01', '2025-12-01']],
    });

    // a0 cancelled: a2 alone.
    expect(await importOrders(store, [{ ...a0, status: 'cancelled' }])).toMatchObject({ updated: 1 });
    expect(await coverage(buyer)).toEqual({ once: [['2025-03-01', '2026-03-01']], twice: [] });

    // a1 paid again, and moved to a later date: a2 becomes its previous.
    expect(await importOrders(store, [{ ...a1, status: 'paid', placed_at: day('2025-06-01') }])).toMatchObject({ updated: 1 });
    expect(await coverage(buyer)).toEqual({
      once: [['2025-03-01', '2026-06-01']],
      twice: [['2025-06-01', '2026-03-01']],
    });
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
    ok(await other.owner.client.from('stores').update({ statistical_period_days: 30 }).eq('id', other.id).select());
    expect(await coverage(buyer)).toEqual({
      once: [['2025-01-01', '2025-02-20'], ['2025-03-01', '2025-03-31']],
      twice: [['2025-01-21', '2025-01-31']],
    });
  });
});
