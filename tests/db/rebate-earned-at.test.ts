/**
 * The rebate ledger's time of effect (migration 20261204000200), as the points ledger's: an
 * order's rebate dates from the order even when the order is imported after a later one; a use,
 * a credit and a reversal from when they are written; rows from before the migration are given
 * the same from their orders. Read through the table's grants as the company and as staff.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { oldStoreRows, withDatabaseBefore } from './before-migration.ts';
import { sql } from '../support/clients.ts';
import { addMember, createStore, daysAgo, importOrders, makeVip, ok, orderRow, type Actor, type Member, type Store } from './fixtures.ts';

interface Entry { reason: string; ref: string | null; earned_at: string; created_at: string }

let store: Store;
let vip: Member;
const later = { external_ref: 'LATER-1', placed_at: daysAgo(2) };
const earlier = { external_ref: 'EARLIER-1', placed_at: daysAgo(10) };

/** The company's rebate ledger as a reader sees it, newest first by time of effect then id. */
async function wallet(reader: Actor): Promise<Entry[]> {
  const rows = ok(await reader.client.from('rebate_ledger')
    .select('reason, earned_at, created_at, applied_to_order_ref, order:orders(external_ref)')
    .eq('member_id', vip.id).order('earned_at', { ascending: false }).order('id', { ascending: false })) as unknown as
    { reason: string; earned_at: string; created_at: string; applied_to_order_ref: string | null; order: { external_ref: string } | null }[];
  return rows.map((r) => ({ reason: r.reason, ref: r.order?.external_ref ?? r.applied_to_order_ref, earned_at: r.earned_at, created_at: r.created_at }));
}

const time = (iso: string) => Date.parse(iso);

beforeAll(async () => {
  store = await createStore({ label: 'rebate-earned' });
  vip = await addMember(store, 'Late Import Co');
  await makeVip(store, vip);
  // The later order first, then the earlier one in an import of its own.
  await importOrders(store, [orderRow(vip, { ...later, amount: 100 })]);
  await importOrders(store, [orderRow(vip, { ...earlier, amount: 200 })]);
});

describe('an order imported after a later order', () => {
  it('dates its rebate at the order, like its points, so the wallet lists it below the later order', async () => {
    const rows = await wallet(vip);
    expect(rows.map((r) => r.ref).slice(1)).toEqual(['LATER-1', 'EARLIER-1']);
    const byRef = Object.fromEntries(rows.map((r) => [r.ref, r]));
    expect(time(byRef['LATER-1']!.earned_at)).toBe(time(later.placed_at));
    expect(time(byRef['EARLIER-1']!.earned_at)).toBe(time(earlier.placed_at));
    // Written after the later order's row: by id it would list above it.
    expect(time(byRef['EARLIER-1']!.created_at)).toBeGreaterThan(time(byRef['LATER-1']!.earned_at));

    const points = await sql<{ ref: string; same: boolean }>(
      `select o.external_ref as ref, p.earned_at = r.earned_at as same
       from public.rebate_ledger r join public.points_ledger p on p.order_id = r.order_id and p.reason = 'order'
       join public.orders o on o.id = r.order_id where r.member_id = $1 order by o.external_ref`, [vip.id]);
    expect(points.filter((p) => !p.same)).toEqual([]);
    expect(points).toHaveLength(3);
  });

  it('reads the same to the store\'s staff', async () => {
    expect((await wallet(store.owner)).map((r) => [r.ref, r.earned_at])).toEqual((await wallet(vip)).map((r) => [r.ref, r.earned_at]));
  });
});

describe('uses, credits and reversals', () => {
  it('take effect when written, listed above the orders', async () => {
    const before = Date.now() - 1000;
    ok(await store.owner.client.rpc('apply_rebate', { p_member_id: vip.id, p_amount: 1, p_order_ref: 'NEXT-9' }));
    ok(await store.owner.client.rpc('credit_rebate', { p_member_id: vip.id, p_amount: 2, p_note: 'Goodwill' }));
    await importOrders(store, [orderRow(vip, { ...earlier, amount: 200, status: 'refunded' })]);
    const after = Date.now() + 1000;

    const rows = await wallet(vip);
    expect(rows.slice(0, 3).map((r) => [r.reason, r.ref])).toEqual([['reversal', 'EARLIER-1'], ['credit', null], ['applied', 'NEXT-9']]);
    for (const row of rows.slice(0, 3)) {
      expect(row.earned_at).toBe(row.created_at);
      expect(time(row.earned_at)).toBeGreaterThan(before);
      expect(time(row.earned_at)).toBeLessThan(after);
    }
  });
});

describe('the migration on rows written before it', () => {
  it('dates an order\'s rebate from its order (at the latest its writing), every other row from its writing', { timeout: 120_000 }, async () => {
    await withDatabaseBefore('20261204000200', async (client, migrate) => {
      await client.query(`
        ${oldStoreRows()}
        insert into public.orders (id, store_id, member_id, external_ref, amount, currency, placed_at, status) values
          ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'OLD-1', 100, 'USD', now() - interval '50 days', 'paid'),
          ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'OLD-2', 100, 'USD', now() - interval '50 days', 'paid');
        -- OLD-1's rebate imported today; OLD-2's written 80 days ago (before the order's placed_at); a credit 30 days ago.
        insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, note, created_at) values
          ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 5, 'USD', 'order', '00000000-0000-4000-8000-000000000003', null, now()),
          ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 5, 'USD', 'order', '00000000-0000-4000-8000-000000000004', null, now() - interval '80 days'),
          ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 3, 'USD', 'credit', null, 'Goodwill', now() - interval '30 days');`);

      expect(await migrate()).toContain('20261204000200_rebate_earned_at.sql');
      const rows = (await client.query(`
        select coalesce(o.external_ref, r.reason) as what, round(extract(epoch from now() - r.earned_at) / 86400)::int as days_ago
        from public.rebate_ledger r left join public.orders o on o.id = r.order_id order by r.earned_at desc, r.id desc`)).rows;
      expect(rows).toEqual([{ what: 'credit', days_ago: 30 }, { what: 'OLD-1', days_ago: 50 }, { what: 'OLD-2', days_ago: 80 }]);
      const column = (await client.query(`
        select is_nullable, column_default from information_schema.columns
        where table_schema = 'public' and table_name = 'rebate_ledger' and column_name = 'earned_at'`)).rows[0];
      expect(column).toEqual({ is_nullable: 'NO', column_default: 'now()' });
    });
  });
});
