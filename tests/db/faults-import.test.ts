/**
 * An order import interrupted midway leaves nothing half-applied. import_orders locks the
 * batch's members, inserts its orders, then statement triggers raise the members' tiers and
 * record the changes, and credit points and rebates at those tiers: all in one transaction. Whether its backend is terminated,
 * its statement cancelled or the API role's statement timeout strikes, afterwards there is no
 * order of the batch, no ledger row, no tier change and no member row touched; the same batch
 * then applies exactly once.
 *
 * Runs on the shared stack. Query text alone would also match other files' imports, so the
 * backend to interrupt is found by what only this file's import holds: a lock wait on this
 * file's blocker.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBatchRows } from '../../src/lib/import-batch.ts';
import { holdLocks, serviceClient, sql } from '../support/clients.ts';
import { addMember, createStore, daysAgo, ok, orderRow, type Member, type OrderRow, type Store } from './fixtures.ts';

const ORDERS_PER_BUYER = 50;
// One full batch: as many rows as one import takes.
const BUYERS = Math.floor(importBatchRows / ORDERS_PER_BUYER);

let store: Store;
let buyers: Member[];
let batch: OrderRow[];
let pristine: StoreState;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A batch of `perBuyer` orders for each of `who`: the first 4 of the file's buyers reach VIP
 * (their orders from the one that lifts them there earn rebates too), the others senior; every
 * tenth order is refunded and every tenth cancelled (they earn nothing); some are in EUR.
 */
function buildBatch(prefix: string, perBuyer: number, who: Member[] = buyers): OrderRow[] {
  return Array.from({ length: who.length * perBuyer }, (_, i) => {
    const buyer = who[i % who.length]!;
    const nth = Math.floor(i / who.length);
    return orderRow(buyer, {
      external_ref: `${prefix}-${buyers.indexOf(buyer)}-${nth}`,
      amount: buyers.indexOf(buyer) < 4 ? 300 : 40 + (nth % 7),
      ...(nth % 4 === 1 ? { currency: 'EUR', exchange_rate: 1.1 } : {}),
      status: nth % 10 === 3 ? 'refunded' : nth % 10 === 7 ? 'cancelled' : 'paid',
      placed_at: daysAgo(1 + ((i * 7) % 300)),
    });
  });
}

/**
 * How many of a buyer's paid orders in the batch earn as VIP: each counted with the ones placed
 * before it (all inside the store's year), from the one that reaches VIP's amount on.
 */
function ordersAsVip(buyer: Member): number {
  const threshold = Number(store.tiers[2]!.min_paid_amount);
  const paid = batch.filter((r) => r.member_id === buyer.id && r.status === 'paid')
    .sort((x, y) => Date.parse(x.placed_at!) - Date.parse(y.placed_at!) || (x.external_ref! < y.external_ref! ? -1 : 1));
  let total = 0;
  return paid.filter((r) => (total += Math.round(r.amount! * (r.exchange_rate ?? 1) * 100) / 100) >= threshold).length;
}

interface StoreState {
  members: unknown[];
  orders: unknown[];
  points: unknown[];
  rebates: unknown[];
  tierChanges: unknown[];
}

/** Every row an import can write or touch at this store, in full. */
async function storeState(): Promise<StoreState> {
  const [row] = await sql<{ state: StoreState }>(`
    select jsonb_build_object(
      'members', (select coalesce(jsonb_agg(to_jsonb(m) order by m.id), '[]') from public.members m where m.store_id = $1),
      'orders', (select coalesce(jsonb_agg(to_jsonb(o) order by o.external_ref), '[]') from public.orders o where o.store_id = $1),
      'points', (select coalesce(jsonb_agg(to_jsonb(l) order by l.id), '[]') from public.points_ledger l where l.store_id = $1),
      'rebates', (select coalesce(jsonb_agg(to_jsonb(r) order by r.id), '[]') from public.rebate_ledger r where r.store_id = $1),
      'tierChanges', (select coalesce(jsonb_agg(to_jsonb(t) order by t.id), '[]') from public.tier_changes t where t.store_id = $1)
    ) as state`, [store.id]);
  return row!.state;
}

/** Sends the import now (a supabase-js builder sends its request only once awaited). */
async function startImport(client: SupabaseClient, rows: OrderRow[] = batch) {
  return await client.rpc('import_orders', { p_store_id: store.id, p_rows: rows });
}

/**
 * Holds the store's VIP tier row FOR UPDATE in a transaction of its own. The import inserts
 * every order first; then the tier refresh moves the buyers up, and writing VIP on a member
 * needs the tier row FOR KEY SHARE (its foreign-key check), so the import waits there: midway,
 * its orders written and nothing credited yet.
 */
function blockVipTier() {
  return holdLocks('select 1 from public.tiers where id = $1 for update', [store.tiers[2]!.id]);
}

/** The import backend waiting on the blocker, once it is; fails if the import ends first. */
async function importWaitingOn(blockerPid: number, running: Promise<unknown>): Promise<number> {
  let settled = false;
  void running.finally(() => { settled = true; });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [found] = await sql<{ pid: number; wait_event_type: string }>(`
      select a.pid, a.wait_event_type from pg_stat_activity a
      where a.pid <> pg_backend_pid() and a.query ilike '%import_orders%' and $1 = any(pg_blocking_pids(a.pid))`, [blockerPid]);
    // pg_blocking_pids is read live, the wait event from the backend's last report: under load
    // the two can disagree for a moment, so a blocked backend not yet reporting the lock is asked again.
    if (found?.wait_event_type === 'Lock') return found.pid;
    if (settled) throw new Error('the import ended before it reached the blocked tier');
    if (Date.now() > deadline) throw new Error(`the import never waited on the blocked tier's lock (last seen: ${found?.wait_event_type ?? 'not blocked'})`);
    await sleep(20);
  }
}

beforeAll(async () => {
  store = await createStore({ label: 'import-faults' });
  buyers = await Promise.all(Array.from({ length: BUYERS }, () => addMember(store)));
  batch = buildBatch('F', ORDERS_PER_BUYER);
  // New members' caches say "evaluate now": evaluated here, so that another file's evaluation of
  // every store (engine-access) finds nothing to write here between this snapshot and the checks.
  ok(await store.owner.client.rpc('evaluate_tiers', { p_store_id: store.id }));
  pristine = await storeState();
  expect(pristine.orders).toEqual([]);
}, 60_000);

describe('an order import interrupted midway', () => {
  it('leaves nothing when its backend is terminated halfway through, after writing the orders', async () => {
    const blocker = await blockVipTier();
    try {
      const running = startImport(serviceClient());
      const pid = await importWaitingOn(blocker.pid, running);
      // Its orders are written, though nobody else can see them: it holds the insert's lock.
      expect(await sql(`select 1 from pg_locks l where l.pid = $1 and l.relation = 'public.orders'::regclass
        and l.mode = 'RowExclusiveLock' and l.granted`, [pid])).toHaveLength(1);
      expect(await sql('select pg_terminate_backend($1) as terminated', [pid])).toEqual([{ terminated: true }]);

      const result = await running;
      expect(result.status).toBe(503);
      expect(result.error).toMatchObject({ code: 'PGRST001' });
    } finally {
      await blocker.release();
    }
    expect(await storeState()).toEqual(pristine);
    // PostgREST replaces the connection it lost and goes on serving.
    expect(ok(await serviceClient().from('members').select('id').eq('store_id', store.id))).toHaveLength(BUYERS);
  });

  it('leaves nothing when its statement is cancelled midway', async () => {
    const blocker = await blockVipTier();
    try {
      const running = startImport(serviceClient());
      const pid = await importWaitingOn(blocker.pid, running);
      expect(await sql('select pg_cancel_backend($1) as cancelled', [pid])).toEqual([{ cancelled: true }]);
      const result = await running;
      expect(result.error).toMatchObject({ code: '57014', message: 'canceling statement due to user request' });
    } finally {
      await blocker.release();
    }
    expect(await storeState()).toEqual(pristine);
  });

  it('leaves nothing when the API role\'s statement timeout strikes', async () => {
    // Staff import as `authenticated`, which is given 8 s like on hosted Supabase.
    const [role] = await sql<{ rolconfig: string[] }>(`select rolconfig from pg_roles where rolname = 'authenticated'`);
    expect(role!.rolconfig).toContain('statement_timeout=8s');

    const blocker = await blockVipTier();
    try {
      const running = startImport(store.owner.client);
      await importWaitingOn(blocker.pid, running);
      const result = await running;
      expect(result.error).toMatchObject({ code: '57014', message: 'canceling statement due to statement timeout' });
    } finally {
      await blocker.release();
    }
    expect(await storeState()).toEqual(pristine);
  });

  it('then applies the same batch exactly once, and a second run changes nothing', async () => {
    expect(await storeState()).toEqual(pristine);
    expect(ok(await startImport(serviceClient()))).toEqual({ inserted: batch.length, updated: 0, unchanged: 0 });
    const applied = await storeState();

    const [orders] = await sql<{ orders: number; refs: number; credited_once: number; paid: number; uncredited_unpaid: number; unpaid: number }>(`
      select count(*)::int as orders, count(distinct o.external_ref)::int as refs,
        count(*) filter (where o.status = 'paid' and c.n = 1)::int as credited_once,
        count(*) filter (where o.status = 'paid')::int as paid,
        count(*) filter (where o.status <> 'paid' and c.n = 0)::int as uncredited_unpaid,
        count(*) filter (where o.status <> 'paid')::int as unpaid
      from public.orders o
      cross join lateral (select count(*)::int as n from public.points_ledger l where l.order_id = o.id) c
      where o.store_id = $1`, [store.id]);
    expect(orders).toEqual({
      orders: batch.length, refs: batch.length,
      credited_once: orders!.paid, paid: batch.length * 0.8,
      uncredited_unpaid: orders!.unpaid, unpaid: batch.length * 0.2,
    });

    // A rebate for each paid order of the VIP buyers from the one that lifts them there on, none
    // for anyone else.
    const rebates = await sql<{ tier: string; orders: number; rebates: number }>(`
      select t.name ->> 'en' as tier, count(o.id)::int as orders, count(r.id)::int as rebates
      from public.members m join public.tiers t on t.id = m.tier_id
      join public.orders o on o.member_id = m.id and o.status = 'paid'
      left join public.rebate_ledger r on r.order_id = o.id
      where m.store_id = $1 group by 1 order by 1`, [store.id]);
    expect(rebates).toEqual([
      { tier: 'Senior', orders: (BUYERS - 4) * ORDERS_PER_BUYER * 0.8, rebates: 0 },
      { tier: 'VIP', orders: 4 * ORDERS_PER_BUYER * 0.8, rebates: buyers.slice(0, 4).reduce((n, b) => n + ordersAsVip(b), 0) },
    ]);

    // Balances are the ledgers' sums; each buyer's history is its join and one change.
    const members = await sql<{ balances_match: boolean; history: string }>(`
      select m.points_balance = coalesce((select sum(l.delta) from public.points_ledger l where l.member_id = m.id), 0)
         and m.rebate_balance = coalesce((select sum(r.delta) from public.rebate_ledger r where r.member_id = m.id), 0) as balances_match,
        (select string_agg(h.reason || ':' || coalesce(h.to_tier_name ->> 'en', ''), ' ' order by h.changed_at)
         from public.tier_changes h where h.member_id = m.id) as history
      from public.members m where m.store_id = $1`, [store.id]);
    expect(members.filter((m) => !m.balances_match)).toEqual([]);
    expect(members.map((m) => m.history).sort()).toEqual([
      ...Array<string>(BUYERS - 4).fill('join:Ordinary orders:Senior'),
      ...Array<string>(4).fill('join:Ordinary orders:VIP'),
    ]);

    expect(ok(await startImport(serviceClient()))).toEqual({ inserted: 0, updated: 0, unchanged: batch.length });
    expect(await storeState()).toEqual(applied);
  });
});

describe('the import\'s size limit', () => {
  // Every API call runs under the 8 s statement timeout (authenticator's, which the service role
  // inherits), so the batch limit docs/api.md promises must fit in it for a buyer's whole
  // history: the triggers evaluate each buyer's tier and write its ledgers once per statement,
  // not once per order (per order, the cost grew with the square of the buyer's orders).
  it('imports a batch of the documented maximum, all of it one buyer\'s orders, through the API', async () => {
    const large = buildBatch('MAX', importBatchRows, [buyers[10]!]);
    const result = await startImport(serviceClient(), large);
    expect(result.error).toBeNull();
    expect(result.data).toEqual({ inserted: importBatchRows, updated: 0, unchanged: 0 });
  });
});
