/**
 * import_orders' new orders only (p_new_only, 20261217000900), as the console's Record an order
 * sends it: a row whose order number the store already has is refused at that row's external_ref
 * and the call writes nothing, however close together two sends of one number come; the
 * ordinary import still takes a known number as a change to that order. Through supabase-js as
 * staff, as the form sends it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { releasedTogether, sql } from '../support/clients.ts';
import { addMember, addStaff, createStore, daysAgo, expectError, importOrders, ok, orderRow, type Actor, type Member, type OrderRow, type Store } from './fixtures.ts';

const reason = 'is already an order of this store; p_new_only records new orders only';

let store: Store;
let staff: Actor;
let otherStaff: Actor;
let buyer: Member;
let otherBuyer: Member;

beforeAll(async () => {
  store = await createStore({ label: 'new-only' });
  staff = await addStaff(store);
  otherStaff = await addStaff(store);
  buyer = await addMember(store);
  otherBuyer = await addMember(store);
});

const recordNew = (by: Actor, rows: OrderRow[]) => by.client.rpc('import_orders', { p_store_id: store.id, p_rows: rows, p_new_only: true });

/** Everything an import writes at the store: its orders as stored, the ledgers, changes and companies. */
async function storeState() {
  const [row] = await sql<{ state: unknown }>(`
    select jsonb_build_object(
      'orders', (select jsonb_agg(to_jsonb(o) order by o.external_ref) from public.orders o where o.store_id = $1),
      'members', (select jsonb_agg(to_jsonb(m) order by m.id) from public.members m where m.store_id = $1),
      'points', (select count(*) from public.points_ledger l where l.store_id = $1),
      'rebates', (select count(*) from public.rebate_ledger r where r.store_id = $1),
      'changes', (select count(*) from public.order_changes c where c.store_id = $1),
      'tier_changes', (select count(*) from public.tier_changes c where c.store_id = $1)) as state`, [store.id]);
  return row!.state;
}

const ordersNumbered = async (ref: string) =>
  await sql<{ member_id: string; amount: string }>('select member_id, amount::text from public.orders where store_id = $1 and external_ref = $2', [store.id, ref]);

describe('import_orders with p_new_only', () => {
  it('records new orders as the import does', async () => {
    const answer = ok(await recordNew(staff, [orderRow(buyer, { external_ref: 'NEW-1', amount: 120 }), orderRow(otherBuyer, { external_ref: 'NEW-2' })]));
    expect(answer).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await ordersNumbered('NEW-1')).toEqual([{ member_id: buyer.id, amount: '120.00' }]);
    const [earned] = await sql<{ n: number }>(`select count(*)::int as n from public.points_ledger l join public.orders o on o.id = l.order_id
      where o.store_id = $1 and o.external_ref in ('NEW-1', 'NEW-2') and l.reason = 'order'`, [store.id]);
    expect(earned!.n).toBe(2);
  });

  it('refuses a row whose order number the store has, naming the row and column, and writes nothing', async () => {
    const placed = daysAgo(3);
    await importOrders(store, [orderRow(buyer, { external_ref: 'HAD-1', amount: 300, placed_at: placed })]);
    const before = await storeState();
    // The batch's new row first: it is written by the upsert, then taken back with the refusal.
    const sameCompany = expectError(await recordNew(staff, [orderRow(buyer, { external_ref: 'FRESH-1' }), orderRow(buyer, { external_ref: 'HAD-1', amount: 50 })]), '22023');
    expect(sameCompany.message).toBe(`Row 2: external_ref ${reason}`);
    expect(JSON.parse(sameCompany.details!)).toEqual({ field: 'external_ref', reason, row: 2 });
    // Unchanged too: the same order again would have been the import's "unchanged".
    expectError(await recordNew(staff, [orderRow(buyer, { external_ref: 'HAD-1', amount: 300, placed_at: placed })]), '22023', `Row 1: external_ref ${reason}`);
    expect(await storeState()).toEqual(before);
    expect(await ordersNumbered('FRESH-1')).toEqual([]);
  });

  it('refuses a null p_new_only, which would leave known orders alone unsaid', async () => {
    const before = await storeState();
    expectError(await staff.client.rpc('import_orders', { p_store_id: store.id, p_rows: [orderRow(buyer, { external_ref: 'HAD-1', amount: 1 })], p_new_only: null as unknown as boolean }),
      '22023', /^new_only must be true or false$/);
    expect(await storeState()).toEqual(before);
  });

  // Two staff members record one number at once (or a file's import and the form): both pass the
  // form's check, so the database alone decides. Held at a lock each takes, then let go together.
  it.each([
    ['for one company, meeting at its lock', () => buyer, 'select 1 from public.members where id = $1 for update', () => [buyer.id]],
    ['for two companies, meeting at the unique index', () => otherBuyer, 'select 1 from public.stores where id = $1 for update', () => [store.id]],
  ] as const)('sent twice at once %s: exactly one is inserted, the other refused', async (_, second, lock, params) => {
    const ref = `RACE-${second().id.slice(0, 4)}`;
    const answers = await releasedTogether(lock, params(), [
      recordNew(staff, [orderRow(buyer, { external_ref: ref, amount: 100 })]),
      recordNew(otherStaff, [orderRow(second(), { external_ref: ref, amount: 200 })]),
    ]);
    const inserted = answers.filter((answer) => answer.error === null);
    expect(inserted.map((answer) => answer.data)).toEqual([{ inserted: 1, updated: 0, unchanged: 0 }]);
    const refused = answers.find((answer) => answer.error !== null)!;
    expect(refused.status).toBe(400);
    expect(refused.error).toMatchObject({ code: '22023', message: `Row 1: external_ref ${reason}` });
    // The order stored is the winner's, as it sent it: the other's amount changed nothing.
    const winner = answers.indexOf(inserted[0]!);
    expect(await ordersNumbered(ref)).toEqual([{ member_id: winner === 0 ? buyer.id : second().id, amount: winner === 0 ? '100.00' : '200.00' }]);
    const [changes] = await sql<{ n: number }>('select count(*)::int as n from public.order_changes c join public.orders o on o.id = c.order_id where o.store_id = $1 and o.external_ref = $2', [store.id, ref]);
    expect(changes!.n).toBe(0);
  });

  it('leaves the ordinary import as it was: a known number is a change to that order', async () => {
    const placed = daysAgo(2);
    await importOrders(store, [orderRow(buyer, { external_ref: 'KEEP-1', amount: 400, placed_at: placed })]);
    for (const [newOnly, amount] of [[undefined, 350], [false, 325]] as const) {
      const answer = ok(await staff.client.rpc('import_orders', {
        p_store_id: store.id, p_rows: [orderRow(buyer, { external_ref: 'KEEP-1', amount, placed_at: placed })], ...(newOnly === undefined ? {} : { p_new_only: newOnly }),
      }));
      expect(answer).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      expect(await ordersNumbered('KEEP-1')).toEqual([{ member_id: buyer.id, amount: `${amount}.00` }]);
    }
    const kinds = await sql<{ kind: string; amount_after: string }>(`select c.kind, c.amount_after::text from public.order_changes c join public.orders o on o.id = c.order_id
      where o.store_id = $1 and o.external_ref = 'KEEP-1' order by c.id`, [store.id]);
    expect(kinds).toEqual([{ kind: 'corrected', amount_after: '350.00' }, { kind: 'corrected', amount_after: '325.00' }]);
  });
});
