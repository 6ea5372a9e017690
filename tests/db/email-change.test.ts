/**
 * A login changing the e-mail it signs in with (My membership's and the console's "Sign-in
 * email"), through supabase-js as the user, as the screens do: updateUser asks, a code goes to
 * each address, and what the database matches by a login's address — orders imported by e-mail,
 * the staff directory, invitations — follows the new address once both codes are in, and not
 * one step before. The login's sessions are kept.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, newSignedInUser, serviceClient, uniqueEmail } from '../support/clients.ts';
import { latestOtpFor } from '../support/inbox.ts';
import { addMember, addStaff, createStore, expectError, ok, orderRow, type Member, type Store } from './fixtures.ts';

const subject = 'Confirm the change of your Cardclub email address';

let store: Store;

beforeAll(async () => {
  store = await createStore({ label: 'email-change' });
});

/** Asks for the change as the login does; the codes sent to the current address and to the new one. */
async function askChange(client: SupabaseClient, current: string, next: string) {
  const { data, error } = await client.auth.updateUser({ email: next });
  expect(error).toBeNull();
  expect(data.user).toMatchObject({ email: current, new_email: next });
  return { toCurrent: await latestOtpFor(current, subject), toNew: await latestOtpFor(next, subject) };
}

/** One code of the change, entered in the browser of `client` (which keeps the session the last one answers with). */
async function enter(client: SupabaseClient, email: string, token: string) {
  const { data, error } = await client.auth.verifyOtp({ email, token, type: 'email_change' });
  expect(error).toBeNull();
  return data.session;
}

/** Whether an import by `email` lands on `member`: it imports one order, or is refused as an unknown buyer. */
async function importsTo(member: Member, email: string): Promise<boolean> {
  const row = orderRow(member, { member_id: undefined, email });
  const result = await serviceClient().rpc('import_orders', { p_store_id: store.id, p_rows: [row] });
  if (result.error) {
    expectError(result, '22023', /^Row 1: email matches no member contact of this store$/);
    return false;
  }
  const [order] = ok(await serviceClient().from('orders').select('member_id').eq('store_id', store.id).eq('external_ref', row.external_ref!)) as { member_id: string }[];
  expect(order!.member_id).toBe(member.id);
  return true;
}

/** The addresses the console's file check names as buyers the store does not have. */
async function unknownBuyers(emails: string[]): Promise<string[]> {
  const found = ok(await store.owner.client.rpc('unknown_order_buyers', { p_store_id: store.id, p_emails: emails })) as { field: string; value: string }[];
  return found.map(({ value }) => value);
}

describe("a buyer's orders follow the sign-in address", () => {
  it('the import matches the new address once both codes are in, and not before; the old one is then an unknown buyer', async () => {
    const buyer = await addMember(store);
    const [before, after] = [buyer.user.email, uniqueEmail('moved-buyer')];
    const { toCurrent, toNew } = await askChange(buyer.client, before, after);

    // Asked for: the orders still find the buyer by the address it signs in with.
    expect(await importsTo(buyer, after)).toBe(false);
    expect(await importsTo(buyer, before)).toBe(true);

    // One code in (either may come first): still the old address.
    expect(await enter(buyer.client, after, toNew)).toBeNull();
    expect(await unknownBuyers([before, after])).toEqual([after]);
    expect(await importsTo(buyer, after)).toBe(false);

    // Both: the address is the new one, in the session the browser now holds too.
    const session = await enter(buyer.client, before, toCurrent);
    expect(session!.user.email).toBe(after);
    expect(await importsTo(buyer, after)).toBe(true);
    expect(await importsTo(buyer, before)).toBe(false);
    expect(await unknownBuyers([before, after])).toEqual([before]);
  });

  it('keeps the login signed in: its membership reads as before, and its data names the new address before its token refreshes', async () => {
    const buyer = await addMember(store);
    const after = uniqueEmail('kept-session');
    // The change is completed in another browser: this one's session is neither ended nor replaced.
    const elsewhere = anonClient();
    const { toCurrent, toNew } = await askChange(buyer.client, buyer.user.email, after);
    await enter(elsewhere, buyer.user.email, toCurrent);
    await enter(elsewhere, after, toNew);

    expect(ok(await buyer.client.from('member_contacts').select('id'))).toEqual([{ id: buyer.contactId }]);
    expect((await buyer.client.auth.getUser()).data.user!.email).toBe(after);
    // This browser's token still says the old address (migration 20261217001000): my_data states the login's now.
    const { data: { session } } = await buyer.client.auth.getSession();
    expect(JSON.parse(Buffer.from(session!.access_token.split('.')[1]!, 'base64url').toString()).email).toBe(buyer.user.email);
    const data = ok(await buyer.client.rpc('my_data', { p_store_slug: store.slug })) as { login: { email: string } };
    expect(data.login.email).toBe(after);
  });
});

describe('staff and invitations follow the sign-in address', () => {
  it("the staff directory shows a staff member's new address once the change is confirmed", async () => {
    const staff = await addStaff(store);
    const after = uniqueEmail('moved-staff');
    const directory = async () =>
      (ok(await store.owner.client.rpc('staff_directory', { p_store_id: store.id })) as { user_id: string; email: string }[]).find((row) => row.user_id === staff.user.id)!.email;

    const { toCurrent, toNew } = await askChange(staff.client, staff.user.email, after);
    await enter(staff.client, staff.user.email, toCurrent);
    expect(await directory()).toBe(staff.user.email);
    await enter(staff.client, after, toNew);
    expect(await directory()).toBe(after);
  });

  it('an invitation to the new address is the login\'s to accept only once the address is confirmed', async () => {
    const inviter = await addMember(store);
    const login = await newSignedInUser('invitee');
    const after = uniqueEmail('invited-new');
    const invitation = ok(await inviter.client.rpc('invite_colleague', { p_member_id: inviter.id, p_email: after })) as { token: string };

    const { toCurrent, toNew } = await askChange(login.client, login.user.email, after);
    await enter(login.client, login.user.email, toCurrent);
    expectError(await login.client.rpc('accept_invitation', { p_token: invitation.token, p_full_name: 'Early Bird' }), 'PT404', /^token matches no invitation$/);

    await enter(login.client, after, toNew);
    const accepted = ok(await login.client.rpc('accept_invitation', { p_token: invitation.token, p_full_name: 'Moved Colleague' })) as { member_id: string };
    expect(accepted.member_id).toBe(inviter.id);
  });
});

// What the screen (EmailChange.tsx) is built on: which code was accepted is the server's secret,
// so each code is tried on its own, and the last one may find the address taken.
describe('the two codes, as the screen meets them', () => {
  it('the server says a change waits and since when, not which code is in: a code accepted is then refused as a wrong one, and the other alone makes the change', async () => {
    const { user, client } = await newSignedInUser('one-code-in');
    const after = uniqueEmail('one-code-in-new');
    const { toCurrent, toNew } = await askChange(client, user.email, after);
    expect(await enter(client, user.email, toCurrent)).toBeNull();

    const { data } = await client.auth.getUser();
    expect(data.user).toMatchObject({ email: user.email, new_email: after, email_change_sent_at: expect.any(String) });
    expect(data.user).not.toHaveProperty('email_change_confirm_status');

    const again = await client.auth.verifyOtp({ email: user.email, token: toCurrent, type: 'email_change' });
    expect([again.error?.status, again.error?.code]).toEqual([403, 'otp_expired']);
    expect((await enter(client, after, toNew))!.user.email).toBe(after);
  });

  it('the last code, its address taken by another login meanwhile, answers email_exists and changes nothing', async () => {
    const { user, client } = await newSignedInUser('taken-meanwhile');
    const after = uniqueEmail('taken-meanwhile-new');
    const { toCurrent, toNew } = await askChange(client, user.email, after);
    await enter(client, user.email, toCurrent);
    await createUser(after);

    const last = await client.auth.verifyOtp({ email: after, token: toNew, type: 'email_change' });
    expect([last.error?.status, last.error?.code, last.data.session]).toEqual([422, 'email_exists', null]);
    expect((await client.auth.getUser()).data.user).toMatchObject({ email: user.email, new_email: after });
  });
});
