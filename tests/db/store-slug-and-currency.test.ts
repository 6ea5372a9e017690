/**
 * A store's slug and base currency never change (migration 20261219000400): members, staff and
 * owners have no grant on either column (42501), and the service role and the tables' owner, as a
 * security-definer function runs, are refused by the stores' trigger naming the field and the
 * reason (22023), with nothing of the row written. Writing either back as it is passes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, sql } from '../support/clients.ts';
import { addMember, addStaff, createStore, expectError, ok, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let staff: Actor;
let member: Member;

const saved = async () =>
  (await sql<{ slug: string; base_currency: string; join_points: number }>(
    'select slug, base_currency, join_points from public.stores where id = $1', [store.id]))[0]!;

beforeAll(async () => {
  store = await createStore({ label: 'slug-currency', baseCurrency: 'EUR' });
  [staff, member] = await Promise.all([addStaff(store), addMember(store)]);
});

describe('members, staff and owners', () => {
  it.each([
    ['slug', { slug: 'renamed-store' }],
    ['base_currency', { base_currency: 'USD' }],
  ])('have no grant to change the %s', async (_column, change) => {
    const before = await saved();
    for (const client of [anonClient(), member.client, staff.client, store.owner.client]) {
      expectError(await client.from('stores').update(change).eq('id', store.id), '42501');
    }
    expect(await saved()).toEqual(before);
  });
});

describe('the service role', () => {
  it('is refused a new base currency, naming the one recorded amounts are in, writing nothing of the row', async () => {
    const before = await saved();
    const refused = expectError(await serviceClient().from('stores').update({ base_currency: 'USD', join_points: 77 }).eq('id', store.id),
      '22023', /^base_currency cannot change: recorded amounts are in EUR$/);
    expect(JSON.parse(refused.details!)).toEqual({ field: 'base_currency', reason: 'cannot change: recorded amounts are in EUR' });
    expect(await saved()).toEqual(before);
  });

  it('is refused a new slug, naming the one embeds and links use', async () => {
    const before = await saved();
    const refused = expectError(await serviceClient().from('stores').update({ slug: 'renamed-store' }).eq('id', store.id),
      '22023', new RegExp(`^slug cannot change: embeds and links name the store ${store.slug}$`));
    expect(JSON.parse(refused.details!)).toEqual({ field: 'slug', reason: `cannot change: embeds and links name the store ${store.slug}` });
    // A slug in other case is another slug too, refused before the column's own check.
    expectError(await serviceClient().from('stores').update({ slug: store.slug.toUpperCase() }).eq('id', store.id),
      '22023', /^slug cannot change/);
    expect(await saved()).toEqual(before);
  });

  it('writes both back as they are with the rest of the row', async () => {
    const row = ok(await serviceClient().from('stores').update({ slug: store.slug, base_currency: 'EUR', join_points: 15 })
      .eq('id', store.id).select('slug, base_currency, join_points').single());
    expect(row).toEqual({ slug: store.slug, base_currency: 'EUR', join_points: 15 });
  });
});

describe("the tables' owner, as a security-definer function writes", () => {
  it('is refused either, the currency named first when both change', async () => {
    const before = await saved();
    await expect(sql(`update public.stores set slug = 'renamed-store', base_currency = 'GBP' where id = $1`, [store.id]))
      .rejects.toThrow(/^base_currency cannot change: recorded amounts are in EUR$/);
    await expect(sql(`update public.stores set slug = 'renamed-store' where id = $1`, [store.id]))
      .rejects.toThrow(/^slug cannot change/);
    expect(await saved()).toEqual(before);
  });
});
