/**
 * The import batch limit: the database refuses more rows per import_orders call than
 * `importBatchRows` (src/lib/import-batch.ts), the size clients split files by and the one the
 * bench measured to finish inside the API's statement timeout, and accepts exactly that many.
 * A refused batch changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { importBatchRows } from '../../src/lib/import-batch.ts';
import { sql } from '../support/clients.ts';
import { addMember, addStaff, createStore, daysAgo, expectError, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let staff: Actor;
let buyers: Member[];

beforeAll(async () => {
  store = await createStore({ label: 'batch' });
  staff = await addStaff(store);
  buyers = [await addMember(store), await addMember(store), await addMember(store)];
});

function rows(count: number, prefix: string) {
  return Array.from({ length: count }, (_, i) => ({
    external_ref: `${prefix}-${i}`,
    member_id: buyers[i % buyers.length]!.id,
    amount: 10 + (i % 50),
    placed_at: daysAgo(1 + (i % 200)),
    status: i % 10 === 9 ? 'refunded' : 'paid',
  }));
}

/** What an import could write or touch at the store. */
async function storeState() {
  const [row] = await sql<{ state: unknown }>(`
    select jsonb_build_object(
      'members', (select jsonb_agg(to_jsonb(m) order by m.id) from public.members m where m.store_id = $1),
      'orders', (select count(*) from public.orders o where o.store_id = $1),
      'points', (select count(*) from public.points_ledger l where l.store_id = $1),
      'rebates', (select count(*) from public.rebate_ledger r where r.store_id = $1),
      'tier_changes', (select count(*) from public.tier_changes c where c.store_id = $1)) as state`, [store.id]);
  return row!.state;
}

describe('import batch limit', () => {
  it('is the same number in the database as in src/lib/import-batch.ts', async () => {
    const [row] = await sql<{ limit: number }>('select private.import_batch_rows() as limit');
    expect(row!.limit).toBe(importBatchRows);
  });

  it('refuses one row more than the limit, naming both numbers, and changes nothing', async () => {
    const before = await storeState();
    const error = expectError(
      await staff.client.rpc('import_orders', { p_store_id: store.id, p_rows: rows(importBatchRows + 1, 'OVER') }),
      '22023',
    );
    const reason = `has ${importBatchRows + 1} rows; at most ${importBatchRows} rows per import — split the file into batches of ${importBatchRows}`;
    expect(error.message).toBe(`p_rows ${reason}`);
    expect(JSON.parse(error.details!)).toEqual({ field: 'p_rows', reason });
    expect(await storeState()).toEqual(before);
  });

  it('accepts a batch of exactly the limit', async () => {
    const result = await staff.client.rpc('import_orders', { p_store_id: store.id, p_rows: rows(importBatchRows, 'FULL') });
    expect(result.error).toBeNull();
    expect(result.data).toEqual({ inserted: importBatchRows, updated: 0, unchanged: 0 });
    const [count] = await sql<{ n: number }>(`select count(*)::int as n from public.orders where store_id = $1`, [store.id]);
    expect(count!.n).toBe(importBatchRows);
  });
});
