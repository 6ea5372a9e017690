/**
 * A store pausing new members (migration 20261213000100): owners set and clear
 * stores.joining_paused_at through set_joining_paused; while it is set every way a new company
 * joins (join_store, exchange_cards, a company coming back after leaving) is refused with one
 * sentence, and store_profile says so. Existing members, a colleague accepting an invitation and
 * staff working on members go on as before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, holdLocks, newSignedInUser, serviceClient, sql, untilWaiting } from '../support/clients.ts';
import { addColleague, addMember, addStaff, createStore, expectError, importOrders, ok, orderRow, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let other: Store;
let plainStaff: Actor;
let member: Member;

const refusal = /^store is not taking new members at the moment$/;

const pause = (paused: boolean, who: Actor = store.owner) => who.client.rpc('set_joining_paused', { p_store_id: store.id, p_paused: paused });

const join = (buyer: Actor, company = 'Paused Joiner GmbH') =>
  buyer.client.rpc('join_store', { p_store_slug: store.slug, p_company_name: company, p_full_name: 'New Buyer', p_country: 'DE' });

async function pausedInProfile(): Promise<unknown> {
  const profile = ok(await anonClient().rpc('store_profile', { p_store_slug: store.slug })) as { store: { joining_paused: unknown } };
  return profile.store.joining_paused;
}

async function membersCount(): Promise<number> {
  const { count } = await serviceClient().from('members').select('id', { count: 'exact', head: true }).eq('store_id', store.id);
  return count ?? -1;
}

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'paused' }), createStore({ label: 'paused-other' })]);
  [plainStaff, member] = await Promise.all([addStaff(store), addMember(store)]);
});

describe('set_joining_paused', () => {
  it('is refused to plain staff, members and another store’s owner as every owner-only RPC refuses them, and changes nothing', async () => {
    const owners = /^Only this store's owners may do this$/;
    expectError(await pause(true, plainStaff), '42501', owners);
    expectError(await pause(true, member), '42501', owners);
    expectError(await pause(true, other.owner), '42501', owners);
    expect(await pausedInProfile()).toBe(false);
  });

  it('is not written by a PATCH of the store, even by its owner', async () => {
    const patched = await store.owner.client.from('stores').update({ joining_paused_at: new Date().toISOString() }).eq('id', store.id).select('id');
    expectError(patched, '42501');
    expect(await pausedInProfile()).toBe(false);
  });
});

describe('while joining is paused', () => {
  let pausedAt: string;

  beforeAll(async () => {
    pausedAt = ok(await pause(true)) as string;
  });

  it('says so in store_profile, and pausing again keeps the time it was paused', async () => {
    expect(await pausedInProfile()).toBe(true);
    expect(new Date(ok(await pause(true)) as string).getTime()).toBe(new Date(pausedAt).getTime());
    const row = ok(await plainStaff.client.from('stores').select('joining_paused_at').eq('id', store.id).single());
    expect(new Date(row!.joining_paused_at as string).getTime()).toBe(new Date(pausedAt).getTime());
  });

  it('refuses a new company through join_store and exchange_cards, with one sentence naming the store', async () => {
    const buyer = await newSignedInUser('paused-buyer');
    const before = await membersCount();
    const joined = expectError(await join(buyer), 'P0001', refusal);
    expect(JSON.parse(joined.details ?? '{}')).toEqual({ field: 'store', reason: 'is not taking new members at the moment' });
    // No phone given: the pause is said before the card's own checks would ask for one.
    expectError(await buyer.client.rpc('exchange_cards', {
      p_store_slug: store.slug, p_company_name: 'Paused Joiner GmbH', p_full_name: 'New Buyer', p_country: 'DE',
      p_product_categories: [], p_contact_consent: false, p_preferred_locale: 'en',
    }), 'P0001', refusal);
    expect(await membersCount()).toBe(before);
  });

  it('refuses a company that left and comes back: that is a new join', async () => {
    ok(await pause(false));
    const leaver = await addMember(store);
    ok(await pause(true));
    ok(await leaver.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    expectError(await join(leaver, leaver.companyName), 'P0001', refusal);
  });

  it('lets existing members, an invited colleague and staff work on as before', async () => {
    // A member joining again is answered with its membership, as it always was.
    const again = ok(await join(member, member.companyName)) as { member_id: string; joined: boolean };
    expect(again).toMatchObject({ member_id: member.id, joined: false });
    const colleague = await addColleague(member);
    expect(colleague.contactId).toBeTruthy();
    expect(await importOrders(store, [orderRow(member)])).toMatchObject({ inserted: 1 });
    ok(await plainStaff.client.rpc('adjust_points', { p_member_id: member.id, p_delta: 5, p_note: 'Paused store, existing member' }));
  });
});

describe('resuming', () => {
  it('lets the next company join and store_profile says the store takes members', async () => {
    ok(await pause(true));
    expect(ok(await pause(false))).toBeNull();
    expect(await pausedInProfile()).toBe(false);
    const buyer = await newSignedInUser('resumed-buyer');
    expect(ok(await join(buyer))).toMatchObject({ joined: true });
  });
});

/**
 * A join under way when an owner pauses: each side is held open in a transaction of its own
 * (holdLocks) while the other is sent, so the interleaving is forced, not hoped for.
 */
describe('a join at the moment the owners pause', () => {
  let shop: Store;
  const asUser = (id: string) => JSON.stringify({ sub: id, role: 'authenticated' });
  const pauseShop = (paused: boolean) => shop.owner.client.rpc('set_joining_paused', { p_store_id: shop.id, p_paused: paused });

  beforeAll(async () => {
    shop = await createStore({ label: 'paused-race' });
  });

  it('a join already past the check commits before the pause answers, which takes its time after it', async () => {
    const buyer = await newSignedInUser('pause-race-joined');
    const joining = await holdLocks(`select set_config('request.jwt.claims', $1, true)`, [asUser(buyer.user.id)]);
    let paused: Promise<{ data: unknown; error: { message: string } | null }> | undefined;
    try {
      await joining.run(`select private.join_store($1, 'Held Joiner GmbH', 'New Buyer', null, null, null, 'DE', null, null, null, null, null)`, [shop.slug]);
      paused = Promise.resolve(pauseShop(true));
      // Before: the pause answered at once, and the join committed after it.
      await untilWaiting(joining.pid, 1);
      await joining.commit();
    } catch (error) {
      await joining.release().catch(() => undefined);
      throw error;
    }
    const pausedAt = new Date(ok(await paused!) as string).getTime();
    const [joined] = await sql<{ joined_at: Date }>(`select m.joined_at from public.members m where m.store_id = $1 and m.company_name = 'Held Joiner GmbH'`, [shop.id]);
    expect(joined!.joined_at.getTime()).toBeLessThan(pausedAt);
    ok(await pauseShop(false));
  });

  it('a join sent while the pause is being written waits for it and is refused', async () => {
    const buyer = await newSignedInUser('pause-race-refused');
    const pausing = await holdLocks(`select set_config('request.jwt.claims', $1, true)`, [asUser(shop.owner.user.id)]);
    let joined: Promise<{ data: unknown; error: { message: string } | null }> | undefined;
    try {
      await pausing.run('select private.set_joining_paused($1, true)', [shop.id]);
      joined = Promise.resolve(buyer.client.rpc('join_store', { p_store_slug: shop.slug, p_company_name: 'Late Joiner GmbH', p_full_name: 'New Buyer', p_country: 'DE' }));
      // Before: the join read the store unlocked, saw it open and went through.
      await untilWaiting(pausing.pid, 1);
      await pausing.commit();
    } catch (error) {
      await pausing.release().catch(() => undefined);
      throw error;
    }
    expectError(await joined!, 'P0001', refusal);
    expect(await sql(`select 1 from public.members m where m.store_id = $1 and m.company_name = 'Late Joiner GmbH'`, [shop.id])).toEqual([]);
  });
});
