/**
 * my_former_membership (migration 20261225000500): a login that left a store, or that staff took
 * off its company, is told so from what the store kept of it (its gift pack, its sample claims),
 * and the company's name while colleagues keep it a member; to that login only, at that store only.
 * Visitors are refused; a login that never joined, or left having received and claimed nothing,
 * reads as none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, newSignedInUser, sql } from '../support/clients.ts';
import { addColleague, addMember, addProduct, createStore, expectError, ok, shipTo, type Member, type Store } from './fixtures.ts';

let store: Store;
let other: Store;

const former = async (client: Member['client'], slug = store.slug) => ok(await client.rpc('my_former_membership', { p_store_slug: slug }));
const none = { left: false, company_name: null };
const leave = async (member: Member) => ok(await member.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'former' }), createStore({ label: 'former-other' })]);
  // A pack of join points: what the store keeps of a login that joined.
  await sql('update public.stores set join_points = 100 where id = any($1)', [[store.id, other.id]]);
});

describe('my_former_membership', () => {
  it('refuses a visitor and names an unknown store', async () => {
    expectError(await anonClient().rpc('my_former_membership', { p_store_slug: store.slug }), '42501');
    const { client } = await newSignedInUser('former-nobody');
    expectError(await client.rpc('my_former_membership', { p_store_slug: 'no-such-store' }), 'PT404');
  });

  it('is none for a login that never joined, and for a current member', async () => {
    const { client } = await newSignedInUser('former-never');
    expect(await former(client)).toEqual(none);
    const member = await addMember(store, 'Current Member GmbH');
    expect(await former(member.client)).toEqual(none);
  });

  it('says a login whose company left with it is no longer a member, without the anonymised company; there only, to it only', async () => {
    const member = await addMember(store, 'Gone Alone GmbH');
    expect(await leave(member)).toEqual({ left: true, company_removed: true });
    expect(await former(member.client)).toEqual({ left: true, company_name: null });
    expect(await former(member.client, other.slug)).toEqual(none);
    expect(await former((await newSignedInUser('former-stranger')).client)).toEqual(none);
    // Joined again, it is a member, not a former one.
    ok(await member.client.rpc('join_store', { p_store_slug: store.slug, p_company_name: 'Back Again GmbH', p_full_name: 'Test Buyer' }));
    expect(await former(member.client)).toEqual(none);
  });

  it('names the company that is still a member through colleagues, whether the login left or staff took it off', async () => {
    const primary = await addMember(store, 'Still Here Ltd');
    const colleague = await addColleague(primary);
    expect(await leave(primary)).toEqual({ left: true, company_removed: false });
    expect(await former(primary.client)).toEqual({ left: true, company_name: 'Still Here Ltd' });
    // The colleague who stayed is a member; another login reads nothing of the company.
    expect(await former(colleague.client)).toEqual(none);

    // An invited colleague who claimed a sample, taken off the company by staff.
    const product = await addProduct(store, { visibility: 'public' });
    const claimer = await addColleague(colleague);
    ok(await claimer.client.rpc('claim_sample', { p_product_id: product.id, p_quantity: 1, p_ship_to: shipTo }));
    ok(await store.owner.client.rpc('remove_member_contact', { p_member_id: primary.id, p_contact_id: claimer.contactId, p_confirm: true }));
    expect(await former(claimer.client)).toEqual({ left: true, company_name: 'Still Here Ltd' });

    // A colleague who left having received and claimed nothing: the store kept nothing to tell it by.
    const quiet = await addColleague(colleague);
    expect(await leave(quiet)).toEqual({ left: true, company_removed: false });
    expect(await former(quiet.client)).toEqual(none);
  });
});
