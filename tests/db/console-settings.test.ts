/**
 * The console's staff directory (staff_directory): the store's staff with their login e-mail,
 * owners first, for owners and plain staff of that store; refused to members, another store's
 * staff and anonymous callers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, sql } from '../support/clients.ts';
import { addMember, addStaff, createStore, expectError, ok, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let other: Store;
let plainStaff: Actor;
let member: Member;

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'directory' }), createStore({ label: 'directory-other' })]);
  [plainStaff, member] = await Promise.all([addStaff(store), addMember(store)]);
});

describe('staff_directory', () => {
  it('lists the store’s staff with their e-mail, owners first, marking the caller', async () => {
    const expected = [
      { user_id: store.owner.user.id, email: store.owner.user.email.toLowerCase(), role: 'owner' },
      { user_id: plainStaff.user.id, email: plainStaff.user.email.toLowerCase(), role: 'staff' },
    ];
    const asOwner = ok(await store.owner.client.rpc('staff_directory', { p_store_id: store.id })) as { user_id: string; email: string; role: string; is_me: boolean; created_at: string }[];
    expect(asOwner.map(({ user_id, email, role }) => ({ user_id, email, role }))).toEqual(expected);
    expect(asOwner.map((row) => row.is_me)).toEqual([true, false]);
    const asStaff = ok(await plainStaff.client.rpc('staff_directory', { p_store_id: store.id })) as { is_me: boolean }[];
    expect(asStaff.map((row) => row.is_me)).toEqual([false, true]);
  });

  it('is refused to members, another store’s owner and anonymous callers', async () => {
    expectError(await member.client.rpc('staff_directory', { p_store_id: store.id }), '42501', /^Only this store's staff may do this$/);
    expectError(await other.owner.client.rpc('staff_directory', { p_store_id: store.id }), '42501', /^Only this store's staff may do this$/);
    const anon = await anonClient().rpc('staff_directory', { p_store_id: store.id });
    expect(anon.error?.code).toBe('42501');
  });

  it('is granted to no back end: the service role may not execute even the wrapper', async () => {
    expectError(await serviceClient().rpc('staff_directory', { p_store_id: store.id }), '42501', /^permission denied for function staff_directory$/);
    expect(await sql(`select r.role, has_function_privilege(r.role, 'public.staff_directory(uuid)', 'execute') as may
      from unnest(array['anon', 'authenticated', 'service_role']) r (role)`)).toEqual([
      { role: 'anon', may: false }, { role: 'authenticated', may: true }, { role: 'service_role', may: false },
    ]);
  });
});
