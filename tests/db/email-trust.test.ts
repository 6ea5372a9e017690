/**
 * Issue 8, "the database trusts e-mail addresses nobody proved": everything that matches or
 * grants by e-mail — invitations, order matching, joining — uses a login's address only once
 * Auth has recorded its confirmation. A session on an unconfirmed address is made here the way
 * a loosened Auth setting would make one (confirmation cleared in auth.users after sign-in), so
 * the rule is shown to hold in the database whatever the Auth configuration.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newSignedInUser, serviceClient, sql, uniqueEmail } from '../support/clients.ts';
import { addMember, createStore, expectError, ok, orderRow, type Member, type Store } from './fixtures.ts';

let store: Store;
let buyer: Member;

beforeAll(async () => {
  store = await createStore({ label: 'email-trust' });
  buyer = await addMember(store);
});

/** A signed-in login whose address Auth no longer counts as confirmed. */
async function unconfirmedLogin(email = uniqueEmail('unproved')) {
  const login = await newSignedInUser();
  await sql(`update auth.users set email = $2, email_confirmed_at = null where id = $1`, [login.user.id, email]);
  return login;
}

describe('invitations go to a confirmed address only', () => {
  it('a login that merely typed the invited address can neither read the invitation nor accept it', async () => {
    const invited = uniqueEmail('colleague');
    const invitation = ok(await buyer.client.rpc('invite_colleague', { p_member_id: buyer.id, p_email: invited })) as { token: string };
    const stranger = await unconfirmedLogin(invited);

    expect(ok(await stranger.client.from('member_invitations').select('token'))).toEqual([]);
    expectError(await stranger.client.rpc('accept_invitation', { p_token: invitation.token, p_full_name: 'Stranger' }), 'PT404', /^token matches no invitation$/);
    expect(ok(await stranger.client.from('member_contacts').select('id, full_name'))).toEqual([]);
    expect(await sql(`select 1 from public.member_contacts where user_id = $1`, [stranger.user.id])).toEqual([]);

    // The same address, once proved, is the invitee.
    await sql(`update auth.users set email_confirmed_at = now() where id = $1`, [stranger.user.id]);
    const accepted = ok(await stranger.client.rpc('accept_invitation', { p_token: invitation.token, p_full_name: 'Colleague' })) as { member_id: string };
    expect(accepted.member_id).toBe(buyer.id);
  });
});

describe('orders are matched to a confirmed login address only', () => {
  it('an import by e-mail does not land on a login whose address is unconfirmed', async () => {
    const claimed = uniqueEmail('victim');
    const attacker = await addMember(store);
    await sql(`update auth.users set email = $2, email_confirmed_at = null where id = $1`, [attacker.user.id, claimed]);
    const result = await serviceClient().rpc('import_orders', {
      p_store_id: store.id, p_rows: [orderRow(attacker, { member_id: undefined, email: claimed, amount: 90_000 })],
    });
    expectError(result, '22023', /^Row 1: email matches no member contact of this store$/);
    expect(await sql(`select 1 from public.orders where member_id = $1`, [attacker.id])).toEqual([]);
  });

  it('a change of login e-mail waiting for confirmation does not redirect orders for the new address', async () => {
    // An address the merchant's orders carry, of a buyer who has no login yet.
    const buyerEmail = uniqueEmail('offline-buyer');
    const attacker = await addMember(store);
    const { error } = await attacker.client.auth.updateUser({ email: buyerEmail });
    expect(error).toBeNull();
    expect((await sql<{ email: string }>(`select email from auth.users where id = $1`, [attacker.user.id]))[0]!.email).toBe(attacker.user.email);

    const result = await serviceClient().rpc('import_orders', {
      p_store_id: store.id, p_rows: [orderRow(attacker, { member_id: undefined, email: buyerEmail, amount: 90_000 })],
    });
    expectError(result, '22023', /^Row 1: email matches no member contact of this store$/);
    expect(await sql(`select 1 from public.orders where member_id = $1`, [attacker.id])).toEqual([]);
  });
});

describe('joining needs a confirmed address', () => {
  it('an unconfirmed login cannot exchange cards, and nothing is written', async () => {
    const login = await unconfirmedLogin();
    const result = await login.client.rpc('join_store', { p_store_slug: store.slug, p_company_name: 'Unproved Ltd', p_full_name: 'Nobody' });
    expectError(result, '42501', /^email of your login is not confirmed yet/);
    expect(await sql(`select 1 from public.member_contacts where user_id = $1`, [login.user.id])).toEqual([]);
  });
});

describe('invite_colleague reveals nothing about other companies', () => {
  it('an address of another company\'s contact is invited like a fresh one; its owner is told why it cannot be accepted', async () => {
    const other = await addMember(store);
    const fresh = ok(await buyer.client.rpc('invite_colleague', { p_member_id: buyer.id, p_email: uniqueEmail('fresh') })) as Record<string, unknown>;
    const taken = ok(await buyer.client.rpc('invite_colleague', { p_member_id: buyer.id, p_email: other.user.email })) as Record<string, unknown>;
    expect(Object.keys(taken).sort()).toEqual(Object.keys(fresh).sort());
    expect(taken.accepted_at).toBeNull();

    expectError(await other.client.rpc('accept_invitation', { p_token: taken.token, p_full_name: 'Double Agent' }),
      '23505', /^You are already a member contact at this store$/);
    expect(await sql(`select member_id from public.member_contacts where user_id = $1`, [other.user.id])).toEqual([{ member_id: other.id }]);
  });

  it('an address of the inviter\'s own company is refused, as the inviter can see their colleagues anyway', async () => {
    expectError(await buyer.client.rpc('invite_colleague', { p_member_id: buyer.id, p_email: buyer.user.email }),
      '23505', /^email already belongs to a contact of your company$/);
  });
});
