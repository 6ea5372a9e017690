/**
 * my_invitations: what an invitee who is not a member yet is offered at a store — the pending,
 * unexpired invitations to their confirmed address there, with the inviting company's and the
 * inviter's names — by actor: the invitee, the inviter, the store's staff, another login, anon.
 * Then the offer taken up with accept_invitation, which makes the invitee the company's colleague.
 * Then invitation_preview: what the invitation link's token tells whoever holds it, before any
 * sign-in. Last, an invitation renewed while it is accepted: the two take the company's row in
 * turn (20261210001000).
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, newSignedInUser, releasedInTurn, signIn, sql, uniqueEmail, type TestUser } from '../support/clients.ts';
import { addMember, createStore, expectError, ok, refusalOf, type Actor, type Member, type Store } from './fixtures.ts';

interface Offer {
  token: string;
  email: string;
  store_name: string;
  store_name_lang: string;
  company_name: string;
  invited_by_name: string | null;
  expires_at: string;
}

let store: Store;
let otherStore: Store;
let first: Member;
let second: Member;
let elsewhere: Member;
let invitee: { user: TestUser; client: SupabaseClient };
let stranger: Actor;

const invite = async (member: Member, email: string) =>
  ok(await member.client.rpc('invite_colleague', { p_member_id: member.id, p_email: email })) as { id: string; token: string; expires_at: string };
const offers = async (client: SupabaseClient, slug = store.slug) => ok(await client.rpc('my_invitations', { p_store_slug: slug })) as Offer[];

beforeAll(async () => {
  [store, otherStore] = await Promise.all([createStore({ label: 'invite' }), createStore({ label: 'invite-other' })]);
  [first, second, elsewhere, stranger] = await Promise.all([
    addMember(store, 'First Trading GmbH'), addMember(store, 'Second Salon S.L.'), addMember(otherStore, 'Elsewhere Ltd.'), newSignedInUser('stranger'),
  ]);
  await sql(`update public.member_contacts set full_name = 'Fiona First' where id = $1`, [first.contactId]);
  const user = await createUser(uniqueEmail('invitee'));
  invitee = { user, client: await signIn(user) };
});

describe('my_invitations', () => {
  it('shows the invitee each company inviting them at this store, newest first, with who invited and until when', async () => {
    // Typed with capitals by the inviter: the address matches whatever its case.
    const fromFirst = await invite(first, invitee.user.email.toUpperCase());
    const fromSecond = await invite(second, invitee.user.email);
    // Another store's invitation to the same address belongs to that store's page.
    await invite(elsewhere, invitee.user.email);
    expect(await offers(invitee.client)).toEqual([
      { token: fromSecond.token, email: invitee.user.email, store_name: `Test ${store.slug}`, store_name_lang: 'en', company_name: 'Second Salon S.L.', invited_by_name: 'Test Buyer', expires_at: expect.any(String) },
      { token: fromFirst.token, email: invitee.user.email, store_name: `Test ${store.slug}`, store_name_lang: 'en', company_name: 'First Trading GmbH', invited_by_name: 'Fiona First', expires_at: expect.any(String) },
    ]);
    const [, offer] = await offers(invitee.client);
    expect(Date.parse(offer!.expires_at)).toBe(Date.parse(fromFirst.expires_at));
    expect((await offers(invitee.client, otherStore.slug)).map((o) => o.company_name)).toEqual(['Elsewhere Ltd.']);
  });

  it('leaves out expired, withdrawn and used invitations', async () => {
    const email = uniqueEmail('later');
    const [expired, withdrawn, used] = [await invite(first, email), await invite(second, email), await invite(elsewhere, email)];
    const client = await signIn(await createUser(email));
    expect((await offers(client)).map((o) => o.token).sort()).toEqual([expired.token, withdrawn.token].sort());
    await sql(`update public.member_invitations set expires_at = now() - interval '1 second' where id = $1`, [expired.id]);
    ok(await second.client.from('member_invitations').delete().eq('id', withdrawn.id));
    expect(await offers(client)).toEqual([]);
    // Used: accepted at the other store, it is gone from that store's list.
    expect(await offers(client, otherStore.slug)).toHaveLength(1);
    ok(await client.rpc('accept_invitation', { p_token: used.token, p_full_name: 'Lara Later' }));
    expect(await offers(client, otherStore.slug)).toEqual([]);
  });

  it('gives the inviter, the store\'s staff and any other login nothing, though invitations are pending', async () => {
    await invite(first, uniqueEmail('pending'));
    for (const client of [first.client, second.client, store.owner.client, stranger.client, elsewhere.client]) {
      expect(await offers(client)).toEqual([]);
    }
  });

  it('gives a login whose address is not confirmed nothing', async () => {
    const email = uniqueEmail('unconfirmed');
    await invite(first, email);
    const user = await createUser(email);
    const client = await signIn(user);
    expect(await offers(client)).toHaveLength(1);
    // As after an e-mail change not yet confirmed: the session lives on, the address is not proved.
    await sql('update auth.users set email_confirmed_at = null where id = $1', [user.id]);
    expect(await offers(client)).toEqual([]);
  });

  it('names no inviter once their card is gone', async () => {
    const email = uniqueEmail('orphan');
    const third = await addMember(store, 'Third Wigs Inc.');
    await invite(third, email);
    // Removed by the store's back end (leaving the store takes the leaver's invitations along).
    await sql('delete from public.member_contacts where id = $1', [third.contactId]);
    const client = await signIn(await createUser(email));
    expect(await offers(client)).toEqual([expect.objectContaining({ company_name: 'Third Wigs Inc.', invited_by_name: null })]);
  });

  it('refuses anon and an unknown store', async () => {
    expectError(await anonClient().rpc('my_invitations', { p_store_slug: store.slug }), '42501');
    expectError(await invitee.client.rpc('my_invitations', { p_store_slug: `${store.slug}-gone` }), 'PT404', /^store not found$/);
  });

  it('is what accept_invitation takes: the invitee becomes a colleague of that company, and the offer is gone', async () => {
    const [offer] = await offers(invitee.client);
    const joined = ok(await invitee.client.rpc('accept_invitation', { p_token: offer!.token, p_full_name: 'Ines Invitee', p_preferred_locale: 'es' })) as { member_id: string };
    expect(joined.member_id).toBe(second.id);
    const membership = ok(await invitee.client.rpc('my_membership', { p_store_slug: store.slug })) as { member: { id: string; company_name: string }; contact: { role: string } };
    expect([membership.member.id, membership.member.company_name, membership.contact.role]).toEqual([second.id, 'Second Salon S.L.', 'colleague']);
    // First's invitation stays pending (a contact at this store cannot take it: one company per store).
    expect((await offers(invitee.client)).map((o) => o.company_name)).toEqual(['First Trading GmbH']);
    const [left] = await offers(invitee.client);
    expectError(await invitee.client.rpc('accept_invitation', { p_token: left!.token, p_full_name: 'Ines Invitee' }), '23505', /^You are already a member contact at this store$/);
  });
});

describe('invitation_preview', () => {
  const preview = (client: SupabaseClient, token: string) => client.rpc('invitation_preview', { p_token: token });

  it('tells whoever holds the link, signed in or not, the company, the store, the invited address masked and the expiry, nothing more', async () => {
    const invitation = await invite(first, 'jane.doe@example.test');
    const expected = { store_name: `Test ${store.slug}`, store_name_lang: 'en', company_name: 'First Trading GmbH', email_hint: 'j***@example.test', expires_at: expect.any(String) };
    for (const client of [anonClient(), stranger.client, elsewhere.client, store.owner.client, first.client]) {
      const answer = ok(await preview(client, invitation.token)) as typeof expected;
      expect(answer).toEqual(expected);
      expect(Date.parse(answer.expires_at)).toBe(Date.parse(invitation.expires_at));
    }
    // A one-letter local part is masked the same way.
    expect(ok(await preview(anonClient(), (await invite(first, 'j@example.test')).token))).toMatchObject({ email_hint: 'j***@example.test' });
  });

  it('answers a withdrawn, used or expired invitation exactly as a token of nothing', async () => {
    const email = uniqueEmail('spent');
    const [expired, withdrawn, used] = [await invite(first, email), await invite(second, email), await invite(elsewhere, email)];
    await sql(`update public.member_invitations set expires_at = now() - interval '1 second' where id = $1`, [expired.id]);
    ok(await second.client.from('member_invitations').delete().eq('id', withdrawn.id));
    ok(await (await signIn(await createUser(email))).rpc('accept_invitation', { p_token: used.token, p_full_name: 'Sam Spent' }));
    const nothing = refusalOf(await preview(anonClient(), randomUUID()));
    expect(nothing).toMatchObject({ status: 404, code: 'PT404', message: 'token matches no invitation' });
    for (const { token } of [expired, withdrawn, used]) {
      for (const client of [anonClient(), first.client]) expect(refusalOf(await preview(client, token))).toEqual(nothing);
    }
  });
});

/**
 * The inviter renewing an invitation (invite_colleague again) while the invitee accepts it: the
 * acceptance locked the invitation and waited on the company's row, which the renewal held while
 * its upsert waited on the invitation (40P01 deadlock detected).
 */
describe('an invitation renewed while it is accepted', () => {
  const holdCompany = 'select 1 from public.members where id = $1 for update';
  const invited = async (company: Member) => {
    const email = uniqueEmail('renewed');
    await invite(company, email);
    const client = await signIn(await createUser(email));
    const { token } = (await sql<{ token: string }>('select token from public.member_invitations where member_id = $1 and email = $2', [company.id, email]))[0]!;
    return {
      email,
      renew: () => company.client.rpc('invite_colleague', { p_member_id: company.id, p_email: email }),
      accept: () => client.rpc('accept_invitation', { p_token: token, p_full_name: 'Rita Renewed' }),
    };
  };
  const invitationsTo = async (company: Member, email: string) =>
    sql<{ accepted: boolean }>('select accepted_at is not null as accepted from public.member_invitations where member_id = $1 and email = $2', [company.id, email]);

  it('renewed first: the acceptance takes the renewed invitation', async () => {
    const company = await addMember(store, 'Renewed First Ltd');
    const { email, renew, accept } = await invited(company);
    const [renewed, accepted] = await releasedInTurn(holdCompany, [company.id], [renew, accept]);
    ok(renewed!);
    expect(ok(accepted!)).toMatchObject({ member_id: company.id });
    expect(await invitationsTo(company, email)).toEqual([{ accepted: true }]);
  });

  it('accepted first: the renewal is refused as one sent after, inviting nobody again', async () => {
    const company = await addMember(store, 'Accepted First Ltd');
    const { email, renew, accept } = await invited(company);
    const [accepted, renewed] = await releasedInTurn(holdCompany, [company.id], [accept, renew]);
    expect(ok(accepted!)).toMatchObject({ member_id: company.id });
    expectError(renewed!, '23505', /^email already belongs to a contact of your company$/);
    expect(refusalOf(renewed!)).toEqual(refusalOf(await renew()));
    expect(await invitationsTo(company, email)).toEqual([{ accepted: true }]);
  });
});
