/**
 * A store has at most 20 tiers (migration 20261209000500): a staff login inserted 4,630, 500 a
 * request, and every store page and widget visitor then loaded a 1 MB store_profile. The 21st is
 * refused (P0001, field store_id), whoever writes it, however many one request carries and however
 * many requests arrive at once; the what-if takes as many tiers as a store may have; and the
 * console's limit is the database's.
 */
import { describe, expect, it } from 'vitest';
import { tierLimit } from '../../src/lib/console/tiers.ts';
import { anonClient, releasedTogether, serviceClient, sql } from '../support/clients.ts';
import { createStore, expectError, ok, type Store } from './fixtures.ts';

const limitReason = 'may have at most 20 tiers: remove one before adding another';

/** Tiers of ranks `from` on, `count` of them, as the console inserts one (and a script many). */
const tierRows = (store: Store, from: number, count: number, label = 'Tier') =>
  Array.from({ length: count }, (_, i) => ({ store_id: store.id, rank: from + i, name: { en: `${label} ${from + i}` }, min_paid_orders: from + i, min_paid_amount: 0 }));

const tierCount = async (store: Store) =>
  (await sql<{ n: number }>('select count(*)::int as n from public.tiers where store_id = $1', [store.id]))[0]!.n;

function expectLimit(result: { error: { code?: string; message: string; details?: string | null } | null }) {
  const error = expectError(result, 'P0001', `store_id ${limitReason}`);
  expect(JSON.parse(error.details!)).toEqual({ field: 'store_id', reason: limitReason });
}

describe('tiers per store', () => {
  it('is the limit the console knows', async () => {
    expect(await sql('select private.tier_limit() as limit')).toEqual([{ limit: tierLimit }]);
  });

  it('up to 20 are saved, in one request too; the 21st is refused, whoever sends it, until one is removed', async () => {
    const store = await createStore({ label: 'tier-limit' });
    // The three default tiers and 17 more.
    ok(await store.owner.client.from('tiers').insert(tierRows(store, 3, 17)).select('id'));
    expect(await tierCount(store)).toBe(20);
    expectLimit(await store.owner.client.from('tiers').insert(tierRows(store, 20, 1)).select('id'));
    expectLimit(await serviceClient().from('tiers').insert(tierRows(store, 20, 1, 'Service')).select('id'));
    // A visitor's store page reads 20 tiers.
    const profile = ok(await anonClient().rpc('store_profile', { p_store_slug: store.slug })) as { tiers: unknown[] };
    expect(profile.tiers).toHaveLength(20);

    // An upsert of tiers the store has (a service script's: staff may not write every column)
    // adds none: it is not refused at the limit (insert triggers fire for the rows it updates).
    const held = await sql<{ id: string; rank: number }>('select id, rank from public.tiers where store_id = $1 and rank >= 18 order by rank', [store.id]);
    ok(await serviceClient().from('tiers').upsert(held.map((tier) => ({ ...tierRows(store, tier.rank, 1, 'Renamed')[0], id: tier.id }))).select('id'));
    expect(await tierCount(store)).toBe(20);
    expect(await sql(`select name ->> 'en' as name from public.tiers where store_id = $1 and rank >= 18 order by rank`, [store.id]))
      .toEqual([{ name: 'Renamed 18' }, { name: 'Renamed 19' }]);

    const [top] = await sql<{ id: string }>('select id from public.tiers where store_id = $1 and rank = 19', [store.id]);
    ok(await store.owner.client.from('tiers').delete().eq('id', top!.id).select('id'));
    ok(await store.owner.client.from('tiers').insert(tierRows(store, 19, 1)).select('id'));
    expect(await tierCount(store)).toBe(20);
  });

  it('a request of 500 tiers is refused whole', async () => {
    const store = await createStore({ label: 'tier-flood' });
    expectLimit(await store.owner.client.from('tiers').insert(tierRows(store, 3, 500)).select('id'));
    expect(await tierCount(store)).toBe(3);
  });

  it('of two inserts into a store at 19 tiers arriving together, one is refused', async () => {
    const store = await createStore({ label: 'tier-limit-race' });
    ok(await store.owner.client.from('tiers').insert(tierRows(store, 3, 16)).select('id'));
    // Held on the store's row (the name check shares it) until the first waits there and the second
    // behind it; counting before the first committed, both would have been saved.
    const results = await releasedTogether('select 1 from public.stores where id = $1 for update', [store.id], [
      store.owner.client.from('tiers').insert(tierRows(store, 19, 1, 'First')).select('id'),
      store.owner.client.from('tiers').insert(tierRows(store, 19, 1, 'Second')).select('id'),
    ]);
    expect(results.filter((result) => result.error === null)).toHaveLength(1);
    expectLimit(results.find((result) => result.error !== null)!);
    expect(await tierCount(store)).toBe(20);
  });

  it('the what-if takes a whole set of 20 and refuses 21', async () => {
    const store = await createStore({ label: 'tier-limit-what-if' });
    const proposed = [
      ...store.tiers.map(({ id, rank, min_paid_orders, min_paid_amount }) => ({ id, rank, min_paid_orders, min_paid_amount: Number(min_paid_amount) })),
      ...tierRows(store, 3, 17).map(({ rank, min_paid_orders, min_paid_amount }) => ({ rank, min_paid_orders, min_paid_amount })),
    ];
    const whatIf = (tiers: unknown[]) => store.owner.client.rpc('tier_what_if', { p_store_id: store.id, p_tiers: tiers });
    expect((ok(await whatIf(proposed)) as { tiers: unknown[] }).tiers).toHaveLength(20);
    const error = expectError(await whatIf([...proposed, { rank: 20, min_paid_orders: 20, min_paid_amount: 0 }]), '22023', 'tiers must hold at most 20 tiers');
    expect(JSON.parse(error.details!)).toEqual({ field: 'tiers', reason: 'must hold at most 20 tiers' });
  });
});
