/**
 * Staff management: owners invite staff by e-mail (invite_staff), the invitee accepts
 * (accept_staff_invitation), owners change roles (set_staff_role) and remove staff
 * (remove_staff), which plain staff use to leave. By actor: the owner succeeds; plain staff leave but remove no one else; the store's
 * members, another store's owner and anonymous callers are refused with nothing changed; an
 * invitation the caller cannot read is answered like a missing one; the store never loses its
 * last owner. Last, an invitation renewed while it is accepted: the two take the store's row in
 * turn (20261210001100).
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, holdLocks, releasedInTurn, signIn, sql, uniqueEmail, untilWaiting } from '../support/clients.ts';
import { addMember, addStaff, createStore, expectError, ok, refusalOf, type Actor, type Member, type Store } from './fixtures.ts';

interface Invitation { id: string; token: string; email: string; role: string; store_id: string; accepted_at: string | null; expires_at: string }

let store: Store;
let other: Store;
let plainStaff: Actor;
let colleague: Actor;
let member: Member;

/** A signed-in login whose confirmed address is `email`. */
async function loginAs(email: string): Promise<Actor> {
  const user = await createUser(email);
  return { user, client: await signIn(user) };
}

/** The store's staff and invitations, as postgres sees them: what a refusal must leave unchanged. */
async function staffState(storeId = store.id): Promise<string> {
  const [row] = await sql<{ h: string }>(
    `select md5(concat_ws('|',
       (select string_agg(x::text, ',' order by x.user_id) from public.store_staff x where x.store_id = $1),
       (select string_agg(x::text, ',' order by x.id) from public.staff_invitations x where x.store_id = $1))) as h`, [storeId]);
  return row!.h;
}

const invite = async (email = uniqueEmail('staff'), role = 'staff') =>
  ok(await store.owner.client.rpc('invite_staff', { p_store_id: store.id, p_email: email, p_role: role })) as Invitation;

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'staffing' }), createStore({ label: 'staffing-other' })]);
  [plainStaff, colleague, member] = await Promise.all([addStaff(store), addStaff(store), addMember(store)]);
});

describe('the owner', () => {
  it('invites by e-mail; the invitee accepts and works at the store in that role', async () => {
    const email = uniqueEmail('New.Hire');
    const invitation = await invite(`  ${email.toUpperCase()} `);
    expect(invitation).toMatchObject({ store_id: store.id, email: email.toLowerCase(), role: 'staff', accepted_at: null });
    const hire = await loginAs(email);
    // The invitee reads their invitation; plain staff do not.
    expect(ok(await hire.client.from('staff_invitations').select('id').eq('token', invitation.token))).toHaveLength(1);
    expect(ok(await plainStaff.client.from('staff_invitations').select('id').eq('token', invitation.token))).toHaveLength(0);

    expect(ok(await hire.client.rpc('accept_staff_invitation', { p_token: invitation.token }))).toEqual({ store_id: store.id, store_slug: store.slug, role: 'staff' });
    expect(await sql('select role from public.store_staff where store_id = $1 and user_id = $2', [store.id, hire.user.id])).toEqual([{ role: 'staff' }]);
    // Staff now: the store's members are readable.
    expect(ok(await hire.client.from('members').select('id').eq('store_id', store.id))).toHaveLength(1);
    expectError(await hire.client.rpc('accept_staff_invitation', { p_token: invitation.token }), '22023', /^token has already been used$/);
  });

  it('renews an invitation to the same address with the new role, and withdraws it', async () => {
    const email = uniqueEmail('twice');
    const first = await invite(email);
    const second = await invite(email, 'owner');
    expect(second).toMatchObject({ id: first.id, role: 'owner' });
    expect(ok(await store.owner.client.from('staff_invitations').delete().eq('id', first.id).select('id'))).toHaveLength(1);
  });

  it('removes a staff member, who then reads nothing of the store', async () => {
    const leaving = await addStaff(store);
    const removed = ok(await store.owner.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: leaving.user.id })) as { user_id: string; role: string };
    expect(removed).toMatchObject({ user_id: leaving.user.id, role: 'staff' });
    expect(ok(await leaving.client.from('members').select('id').eq('store_id', store.id))).toEqual([]);
    expectError(await store.owner.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: leaving.user.id }), 'PT404', /^user_id is not staff of this store$/);
  });

  it('cannot remove the last owner, but may leave once another owner accepted', async () => {
    const before = await staffState();
    expectError(await store.owner.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: store.owner.user.id }), 'P0001',
      /^user_id is the last owner of this store: make someone else owner first$/);
    expect(await staffState()).toBe(before);

    const email = uniqueEmail('co-owner');
    const invitation = await invite(email, 'owner');
    const coOwner = await loginAs(email);
    ok(await coOwner.client.rpc('accept_staff_invitation', { p_token: invitation.token }));
    ok(await store.owner.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: store.owner.user.id }));
    expect(await sql('select user_id from public.store_staff where store_id = $1 and role = $2', [store.id, 'owner'])).toEqual([{ user_id: coOwner.user.id }]);
    expectError(await coOwner.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: coOwner.user.id }), 'P0001', /last owner/);
    store.owner = coOwner;
  });
});

describe('plain staff', () => {
  it('leave the store, and then read nothing of it', async () => {
    const leaving = await addStaff(store);
    expect(ok(await leaving.client.from('members').select('id').eq('store_id', store.id))).toHaveLength(1);
    const removed = ok(await leaving.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: leaving.user.id })) as { user_id: string; role: string };
    expect(removed).toMatchObject({ store_id: store.id, user_id: leaving.user.id, role: 'staff' });
    expect(await sql('select 1 from public.store_staff where store_id = $1 and user_id = $2', [store.id, leaving.user.id])).toEqual([]);
    expect(ok(await leaving.client.from('members').select('id').eq('store_id', store.id))).toEqual([]);
    expectError(await leaving.client.rpc('staff_directory', { p_store_id: store.id }), '42501', /^Only this store's staff may do this$/);
    // Gone: leaving again is answered like any user who is not staff there.
    expectError(await leaving.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: leaving.user.id }), 'PT404', /^user_id is not staff of this store$/);
  });

  it('remove no other staff member or owner', async () => {
    const before = await staffState();
    for (const target of [colleague.user.id, store.owner.user.id]) {
      expectError(await plainStaff.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: target }), '42501', /^Only this store's owners may do this$/);
    }
    expect(await staffState()).toBe(before);
  });

  it('leave no store they do not work at, which stays as it was', async () => {
    const before = await staffState(other.id);
    expectError(await plainStaff.client.rpc('remove_staff', { p_store_id: other.id, p_user_id: plainStaff.user.id }), 'PT404', /^user_id is not staff of this store$/);
    expect(await staffState(other.id)).toBe(before);
  });

  it('leave beside an owner, who still removes staff', async () => {
    const [stays, leaves] = await Promise.all([addStaff(store), addStaff(store)]);
    ok(await leaves.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: leaves.user.id }));
    expect(ok(await store.owner.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: stays.user.id }))).toMatchObject({ user_id: stays.user.id, role: 'staff' });
    expect(await sql('select 1 from public.store_staff where user_id in ($1, $2)', [stays.user.id, leaves.user.id])).toEqual([]);
  });
});

describe('refused, nothing changed', () => {
  it('invite_staff for anyone but an owner of the store, remove_staff of someone else too', async () => {
    const before = await staffState();
    const target = colleague.user.id;
    expectError(await anonClient().rpc('invite_staff', { p_store_id: store.id, p_email: uniqueEmail('x') }), '42501');
    expectError(await anonClient().rpc('remove_staff', { p_store_id: store.id, p_user_id: target }), '42501');
    for (const caller of [plainStaff, member, other.owner]) {
      expectError(await caller.client.rpc('invite_staff', { p_store_id: store.id, p_email: uniqueEmail('x'), p_role: 'owner' }), '42501', /^Only this store's owners may do this$/);
      const hidden = await caller.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: target });
      expectError(hidden, '42501', /^Only this store's owners may do this$/);
      // Whether the user works there is not told: a random user gets the same answer.
      expect(refusalOf(hidden)).toEqual(refusalOf(await caller.client.rpc('remove_staff', { p_store_id: store.id, p_user_id: randomUUID() })));
    }
    expect(await staffState()).toBe(before);
  });

  it('an invitation accepted by another login, or seen by no one the caller is, answered like a missing one', async () => {
    const invitation = await invite(uniqueEmail('meant-for'));
    const before = await staffState();
    const stranger = await loginAs(uniqueEmail('stranger'));
    for (const caller of [stranger, plainStaff, member, other.owner]) {
      const hidden = await caller.client.rpc('accept_staff_invitation', { p_token: invitation.token });
      expectError(hidden, 'PT404', /^token matches no invitation$/);
      expect(refusalOf(hidden)).toEqual(refusalOf(await caller.client.rpc('accept_staff_invitation', { p_token: randomUUID() })));
    }
    // The owner reads it, so is told why it is not theirs.
    expectError(await store.owner.client.rpc('accept_staff_invitation', { p_token: invitation.token }), '42501',
      /^email of your login is not the address this invitation was sent to$/);
    expectError(await anonClient().rpc('accept_staff_invitation', { p_token: invitation.token }), '42501');
    expect(await staffState()).toBe(before);
  });

  it('an expired invitation, and one for someone already staff', async () => {
    const email = uniqueEmail('late');
    const invitation = await invite(email);
    await sql(`update public.staff_invitations set expires_at = now() - interval '1 second' where id = $1`, [invitation.id]);
    const late = await loginAs(email);
    const before = await staffState();
    expectError(await late.client.rpc('accept_staff_invitation', { p_token: invitation.token }), '22023', /^token has expired/);
    expectError(await store.owner.client.rpc('invite_staff', { p_store_id: store.id, p_email: plainStaff.user.email }), '23505',
      /^email already belongs to staff of this store$/);
    expect(await staffState()).toBe(before);
  });

  it.each([
    ['not an address', { p_email: 'not-an-email' }, /^email is not an email address$/],
    ['blank', { p_email: '  ' }, /^email is not an email address$/],
    ['100 kB', { p_email: 'x'.repeat(100_000) }, /^email must be at most 254 characters$/],
    ['an unknown role', { p_role: 'admin' }, /^role must be owner or staff$/],
    ['a null role', { p_role: null }, /^role must be owner or staff$/],
  ])('invite_staff with %s as input, naming the field', async (_label, args, message) => {
    const before = await staffState();
    expectError(await store.owner.client.rpc('invite_staff', { p_store_id: store.id, p_email: uniqueEmail('ok'), ...args }), '22023', message);
    expect(await staffState()).toBe(before);
  });

  it('past 50 pending invitations', async () => {
    const crowded = await createStore({ label: 'staffing-crowded' });
    await sql(`insert into public.staff_invitations (store_id, email) select $1, 'pending-' || g || '@example.test' from generate_series(1, 50) g`, [crowded.id]);
    const before = await staffState(crowded.id);
    expectError(await crowded.owner.client.rpc('invite_staff', { p_store_id: crowded.id, p_email: uniqueEmail('one-more') }), 'P0001', /50 pending staff invitations/);
    expect(await staffState(crowded.id)).toBe(before);
    // Renewing one already pending is no new one.
    ok(await crowded.owner.client.rpc('invite_staff', { p_store_id: crowded.id, p_email: 'pending-1@example.test' }));
  });
});

describe('set_staff_role', () => {
  const setRole = (caller: Actor, shop: Store, userId: string, role: string | null) =>
    caller.client.rpc('set_staff_role', { p_store_id: shop.id, p_user_id: userId, p_role: role });
  const owners = async (shop: Store) =>
    (await sql<{ user_id: string }>('select user_id from public.store_staff where store_id = $1 and role = $2 order by user_id', [shop.id, 'owner'])).map((row) => row.user_id);

  it('lets an owner promote staff, who may then hand the store over by demoting the first owner', async () => {
    const shop = await createStore({ label: 'roles' });
    const hand = await addStaff(shop);
    expect(ok(await setRole(shop.owner, shop, hand.user.id, 'owner'))).toMatchObject({ store_id: shop.id, user_id: hand.user.id, role: 'owner' });
    ok(await hand.client.rpc('invite_staff', { p_store_id: shop.id, p_email: uniqueEmail('by-new-owner') }));
    // The role they already have: answered with the row, nothing changed.
    const before = await staffState(shop.id);
    expect(ok(await setRole(shop.owner, shop, hand.user.id, 'owner'))).toMatchObject({ user_id: hand.user.id, role: 'owner' });
    expect(await staffState(shop.id)).toBe(before);

    expect(ok(await setRole(hand, shop, shop.owner.user.id, 'staff'))).toMatchObject({ user_id: shop.owner.user.id, role: 'staff' });
    expect(await owners(shop)).toEqual([hand.user.id]);
    // Staff now: the former owner changes no role, their own included.
    expectError(await setRole(shop.owner, shop, shop.owner.user.id, 'owner'), '42501', /^Only this store's owners may do this$/);
    expectError(await shop.owner.client.rpc('invite_staff', { p_store_id: shop.id, p_email: uniqueEmail('x') }), '42501');
  });

  it('keeps the last owner, who may step down once another owner exists', async () => {
    const shop = await createStore({ label: 'roles-last' });
    const next = await addStaff(shop);
    const before = await staffState(shop.id);
    expectError(await setRole(shop.owner, shop, shop.owner.user.id, 'staff'), 'P0001', /^user_id is the last owner of this store: make someone else owner first$/);
    expect(await staffState(shop.id)).toBe(before);
    ok(await setRole(shop.owner, shop, next.user.id, 'owner'));
    expect(ok(await setRole(shop.owner, shop, shop.owner.user.id, 'staff'))).toMatchObject({ role: 'staff' });
    expect(await owners(shop)).toEqual([next.user.id]);
  });

  it('leaves one owner when two owners demote each other at the same moment', async () => {
    const shop = await createStore({ label: 'roles-race' });
    const second = await addStaff(shop);
    ok(await setRole(shop.owner, shop, second.user.id, 'owner'));
    // Both calls wait on the store's row until both are waiting, then go together.
    const blocker = await holdLocks('select 1 from public.stores where id = $1 for update', [shop.id]);
    // Promise.all sends both at once (a supabase-js call waits to be awaited).
    const calls = Promise.all([setRole(shop.owner, shop, second.user.id, 'staff'), setRole(second, shop, shop.owner.user.id, 'staff')]);
    try {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const [waiting] = await sql<{ n: number }>(`select count(*)::int as n from pg_stat_activity a
          where a.query ilike '%set_staff_role%' and a.wait_event_type = 'Lock' and a.pid <> pg_backend_pid()`);
        if (waiting!.n === 2) break;
        if (Date.now() > deadline) throw new Error(`only ${waiting!.n} of the 2 role changes reached the lock`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await blocker.release();
    }
    const results = await calls;
    // The first demotes the other, who is then no owner to demote anyone.
    expect(results.filter((result) => result.error === null)).toHaveLength(1);
    expect(results.map((result) => result.error?.code).filter(Boolean)).toEqual(['42501']);
    expect(await owners(shop)).toHaveLength(1);
  });

  it('refuses anyone but an owner, an unknown person and an unknown role, nothing changed', async () => {
    const before = await staffState();
    expectError(await anonClient().rpc('set_staff_role', { p_store_id: store.id, p_user_id: colleague.user.id, p_role: 'owner' }), '42501');
    for (const caller of [plainStaff, member, other.owner]) {
      const hidden = await setRole(caller, store, colleague.user.id, 'owner');
      expectError(hidden, '42501', /^Only this store's owners may do this$/);
      // Whether the user works there is not told: a random user gets the same answer.
      expect(refusalOf(hidden)).toEqual(refusalOf(await setRole(caller, store, randomUUID(), 'owner')));
    }
    // Plain staff do not promote themselves.
    expectError(await setRole(plainStaff, store, plainStaff.user.id, 'owner'), '42501');
    expectError(await setRole(store.owner, store, other.owner.user.id, 'staff'), 'PT404', /^user_id is not staff of this store$/);
    for (const role of ['admin', 'OWNER', null]) {
      expectError(await setRole(store.owner, store, colleague.user.id, role), '22023', /^role must be owner or staff$/);
    }
    expect(await staffState()).toBe(before);
  });
});

describe('staff_invitation_preview', () => {
  const preview = (client: SupabaseClient, token: string) => client.rpc('staff_invitation_preview', { p_token: token });

  it('tells whoever holds the link, signed in or not, the store, the inviting owner masked, the role and the expiry, nothing more', async () => {
    const invitation = await invite(uniqueEmail('preview'), 'owner');
    const owner = store.owner.user.email;
    const expected = {
      store_name: `Test ${store.slug}`,
      store_name_lang: 'en',
      inviter_hint: `${owner[0]}***@${owner.split('@')[1]}`,
      role: 'owner',
      expires_at: expect.any(String),
    };
    for (const client of [anonClient(), member.client, other.owner.client, plainStaff.client, store.owner.client]) {
      const answer = ok(await preview(client, invitation.token)) as typeof expected;
      expect(answer).toEqual(expected);
      expect(Date.parse(answer.expires_at)).toBe(Date.parse(invitation.expires_at));
    }
  });

  it('answers a withdrawn, used or expired invitation exactly as a token of nothing', async () => {
    const [expired, withdrawn, used] = await Promise.all([invite(), invite(), invite()]);
    await sql(`update public.staff_invitations set expires_at = now() - interval '1 second' where id = $1`, [expired.id]);
    ok(await store.owner.client.from('staff_invitations').delete().eq('id', withdrawn.id));
    ok(await (await loginAs(used.email)).client.rpc('accept_staff_invitation', { p_token: used.token }));
    const nothing = refusalOf(await preview(anonClient(), randomUUID()));
    expect(nothing).toMatchObject({ status: 404, code: 'PT404', message: 'token matches no invitation' });
    for (const { token } of [expired, withdrawn, used]) {
      for (const client of [anonClient(), store.owner.client]) expect(refusalOf(await preview(client, token))).toEqual(nothing);
    }
  });
});

/**
 * An owner renewing a staff invitation (invite_staff again) while the invitee accepts it: the
 * acceptance locked the invitation and waited on the store's row, which the new staff row's
 * foreign key takes and the renewal held while its upsert waited on the invitation (40P01
 * deadlock detected).
 */
describe('a staff invitation renewed while it is accepted', () => {
  const holdStore = 'select 1 from public.stores where id = $1 for update';
  let shop: Store;
  beforeAll(async () => {
    shop = await createStore({ label: 'staffing-renewed' });
  });
  const invited = async () => {
    const email = uniqueEmail('renewed');
    const { token } = ok(await shop.owner.client.rpc('invite_staff', { p_store_id: shop.id, p_email: email })) as Invitation;
    const { client } = await loginAs(email);
    return {
      email,
      renew: () => shop.owner.client.rpc('invite_staff', { p_store_id: shop.id, p_email: email, p_role: 'owner' }),
      accept: () => client.rpc('accept_staff_invitation', { p_token: token }),
    };
  };
  const invitationsTo = async (email: string) =>
    sql<{ role: string; accepted: boolean }>('select role, accepted_at is not null as accepted from public.staff_invitations where store_id = $1 and email = $2', [shop.id, email]);

  it('renewed first: the acceptance takes the renewed invitation, in its new role', async () => {
    const { email, renew, accept } = await invited();
    const [renewed, accepted] = await releasedInTurn(holdStore, [shop.id], [renew, accept]);
    expect(ok(renewed!)).toMatchObject({ role: 'owner', accepted_at: null });
    expect(ok(accepted!)).toEqual({ store_id: shop.id, store_slug: shop.slug, role: 'owner' });
    expect(await invitationsTo(email)).toEqual([{ role: 'owner', accepted: true }]);
  });

  it('accepted first: the renewal is refused as one sent after, inviting nobody again', async () => {
    const { email, renew, accept } = await invited();
    const [accepted, renewed] = await releasedInTurn(holdStore, [shop.id], [accept, renew]);
    expect(ok(accepted!)).toEqual({ store_id: shop.id, store_slug: shop.slug, role: 'staff' });
    expectError(renewed!, '23505', /^email already belongs to staff of this store$/);
    expect(refusalOf(renewed!)).toEqual(refusalOf(await renew()));
    expect(await invitationsTo(email)).toEqual([{ role: 'staff', accepted: true }]);
  });
});

describe('an invitation sent while its owner is demoted', () => {
  it('is refused as one sent after, inviting nobody (invite_staff checks the owner again under the store\'s lock)', async () => {
    const shop = await createStore({ label: 'staffing-demoted' });
    const second = await addStaff(shop);
    ok(await shop.owner.client.rpc('set_staff_role', { p_store_id: shop.id, p_user_id: second.user.id, p_role: 'owner' }));
    const email = uniqueEmail('demoted');
    const blocker = await holdLocks('select 1 from public.stores where id = $1 for update', [shop.id]);
    let answer: Promise<{ error: { code?: string; message: string } | null; status: number }> | undefined;
    try {
      // It passes the owner check made before the lock, then waits on the store's row.
      answer = Promise.resolve(second.client.rpc('invite_staff', { p_store_id: shop.id, p_email: email, p_role: 'owner' }));
      await untilWaiting(blocker.pid, 1);
      await blocker.run(`update public.store_staff set role = 'staff' where store_id = $1 and user_id = $2`, [shop.id, second.user.id]);
      await blocker.commit();
    } catch (error) {
      await blocker.release();
      throw error;
    }
    expectError(await answer, '42501', /^Only this store's owners may do this$/);
    expect(await sql('select 1 from public.staff_invitations where store_id = $1', [shop.id])).toEqual([]);
  });
});
