/**
 * Two members of staff editing one record: the console saves a row written through its table only
 * while it is still as its editor read it (migrations 20261219000700 posts, 20261219000710 tiers,
 * 20261219000720 coupons and rewards, 20261219000730 segments; lib/console/changed-since.ts).
 * Per table: updated_at moves on every change, whoever writes and whatever updated_at the write
 * names, and stays on a write that changes nothing; an update made, as the editor makes it, by the
 * row's id and its updated_at as read, after someone else saved the row, writes nothing and gives no
 * row back, their change kept; made over the row as read again, it saves.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { serviceClient } from '../support/clients.ts';
import { addStaff, createStore, expectError, ok, type Actor, type Store } from './fixtures.ts';

let store: Store;
let first: Actor;
let second: Actor;
/** A second owner: tiers are the owners' to edit. */
let coOwner: Actor;
let ranks = 10;

beforeAll(async () => {
  store = await createStore({ label: 'as-read' });
  [first, second, coOwner] = await Promise.all([addStaff(store), addStaff(store), addStaff(store)]);
  ok(await store.owner.client.rpc('set_staff_role', { p_store_id: store.id, p_user_id: coOwner.user.id, p_role: 'owner' }));
});

interface Table {
  table: string;
  /** The two members of staff editing its rows. */
  editors: () => [Actor, Actor];
  /** A new row of the store, written as `staff`: its id. */
  insert: (staff: SupabaseClient) => Promise<string>;
  /** What the first member of staff saves, and what the second saved meanwhile: different values of the same columns. */
  mine: Record<string, unknown>;
  theirs: Record<string, unknown>;
}

const tables: Table[] = [
  {
    table: 'posts',
    editors: () => [first, second],
    insert: async (staff) => (ok(await staff.from('posts').insert({
      store_id: store.id, kind: 'trend_report', title: 'Winter trends', body: 'The text as both read it.', locale: 'en', visibility: 'members',
    }).select('id').single()) as { id: string }).id,
    mine: { body: 'The first member of staff’s long rewrite.', title: 'Winter trends' },
    theirs: { body: 'The second member of staff’s rewrite.', title: 'Winter trends 2027' },
  },
  {
    // Its names and perks are its row's: one time covers all the tier editor shows.
    table: 'tiers',
    editors: () => [store.owner, coOwner],
    insert: async (owner) => {
      ranks += 1;
      return (ok(await owner.from('tiers').insert({ store_id: store.id, rank: ranks, name: { en: `Gold ${ranks}` }, min_paid_orders: ranks }).select('id').single()) as { id: string }).id;
    },
    mine: { min_paid_amount: 5000, discount_percent: 8, perks: { en: ['Free samples'] } },
    theirs: { min_paid_amount: 8000, discount_percent: 10, perks: { en: ['Free samples', 'A dedicated account manager'] } },
  },
  {
    table: 'coupons',
    editors: () => [first, second],
    insert: async (staff) => (ok(await staff.from('coupons').insert({
      store_id: store.id, code: `SPRING-${randomUUID().slice(0, 8).toUpperCase()}`, kind: 'percent', value: 10,
    }).select('id').single()) as { id: string }).id,
    mine: { value: 12, description: { en: 'Spring restock' } },
    theirs: { value: 15, description: { en: 'Spring restock, this week only' } },
  },
  {
    table: 'rewards',
    editors: () => [first, second],
    insert: async (staff) => (ok(await staff.from('rewards').insert({ store_id: store.id, name: { en: 'Tote bag' }, points_cost: 500 }).select('id').single()) as { id: string }).id,
    mine: { points_cost: 600, active: true },
    theirs: { points_cost: 800, active: false },
  },
  {
    // Its filters are normalised first (segments_check): written back as they are, nothing changed.
    table: 'segments',
    editors: () => [first, second],
    insert: async (staff) => (ok(await staff.from('segments').insert({ store_id: store.id, name: `Big spenders ${randomUUID().slice(0, 8)}`, filters: {} })
      .select('id').single()) as { id: string }).id,
    mine: { filters: { points_at_least: 100 } },
    theirs: { filters: { points_at_least: 500, churn_risk: true } },
  },
];

describe.each(tables)('$table', ({ table, editors, insert, mine, theirs }) => {
  let first: Actor;
  let second: Actor;
  beforeAll(() => void ([first, second] = editors()));
  const columns = Object.keys(mine);
  const read = async (id: string) => ok(await serviceClient().from(table).select(`updated_at, ${columns.join(', ')}`).eq('id', id).single()) as Record<string, unknown>;
  const updatedAt = async (id: string) => (await read(id)).updated_at as string;

  it('moves updated_at on every change, whoever writes, and keeps it on a write that changes nothing', async () => {
    const id = await insert(first.client);
    const created = await updatedAt(id);
    ok(await second.client.from(table).update(theirs).eq('id', id));
    const changed = await updatedAt(id);
    expect(Date.parse(changed)).toBeGreaterThan(Date.parse(created));
    // Written back as it is, by staff or the service role: no change, the time stays (no save is refused for it).
    ok(await first.client.from(table).update(theirs).eq('id', id));
    ok(await serviceClient().from(table).update(theirs).eq('id', id));
    expect(await updatedAt(id)).toBe(changed);
    // A time named by the writer is not taken: the row is as it was, so is its time.
    ok(await serviceClient().from(table).update({ updated_at: '2000-01-01T00:00:00Z' }).eq('id', id));
    expect(await updatedAt(id)).toBe(changed);
    ok(await serviceClient().from(table).update(mine).eq('id', id));
    expect(Date.parse(await updatedAt(id))).toBeGreaterThan(Date.parse(changed));
  });

  it('refuses a save made over the row as read once someone else saved it: nothing written, no row back; read again, it saves', async () => {
    const id = await insert(first.client);
    const asRead = await updatedAt(id);
    ok(await second.client.from(table).update(theirs).eq('id', id));
    const refused = ok(await first.client.from(table).update(mine).eq('id', id).eq('updated_at', asRead).select('id')) as unknown[];
    expect(refused).toEqual([]);
    expect(await read(id)).toMatchObject(theirs);
    const again = await updatedAt(id);
    expect(ok(await first.client.from(table).update(mine).eq('id', id).eq('updated_at', again).select('id'))).toEqual([{ id }]);
    expect(await read(id)).toMatchObject(mine);
  });

  it('gives staff no write of updated_at', async () => {
    const id = await insert(first.client);
    expectError(await first.client.from(table).update({ updated_at: '2000-01-01T00:00:00Z' }).eq('id', id), '42501');
  });
});

describe('a tier moved aside by another tier’s rank', () => {
  it('has changed: its editor’s save of its rank as read is refused rather than moving it back', async () => {
    const [lower, upper] = ok(await store.owner.client.from('tiers').insert([
      { store_id: store.id, rank: 30, name: { en: 'Silver 30' }, min_paid_orders: 30 },
      { store_id: store.id, rank: 31, name: { en: 'Gold 31' }, min_paid_orders: 31 },
    ]).select('id, updated_at').order('rank')) as { id: string; updated_at: string }[];
    // The other owner puts the lower tier at the upper's rank: the upper makes room (tiers_make_room).
    ok(await coOwner.client.from('tiers').update({ rank: 31 }).eq('id', lower!.id));
    const moved = ok(await serviceClient().from('tiers').select('rank, updated_at').eq('id', upper!.id).single()) as { rank: number; updated_at: string };
    expect(moved.rank).toBe(32);
    expect(moved.updated_at).not.toBe(upper!.updated_at);
    expect(ok(await store.owner.client.from('tiers').update({ rank: 31 }).eq('id', upper!.id).eq('updated_at', upper!.updated_at).select('id'))).toEqual([]);
    expect(ok(await serviceClient().from('tiers').select('rank').eq('id', upper!.id).single())).toEqual({ rank: 32 });
  });
});
