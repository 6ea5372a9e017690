/**
 * Staff management: owners invite staff by e-mail (invite_staff), the invitee accepts
 * (accept_staff_invitation) and owners remove staff (remove_staff), which plain staff use to
 * leave. By actor: the owner succeeds; plain staff leave but remove no one else; the store's
 * members, another store's owner and anonymous callers are refused with nothing changed; an
 * invitation the caller cannot read is answered like a missing one; the store never loses its
 * last owner.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, signIn, sql, uniqueEmail } from '../support/clients.ts';
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

describe('staff_invitation_preview', () => {
  const preview = (client: SupabaseClient, token: string) => client.rpc('staff_invitation_preview', { p_token: token });

  it('tells whoever holds the link, signed in or not, the store, the inviting owner masked, the role and the expiry, nothing more', async () => {
    const invitation = await invite(uniqueEmail('preview'), 'owner');
    const owner = store.owner.user.email;
    const expected = {
      store_name: `Test ${store.slug}`,
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
