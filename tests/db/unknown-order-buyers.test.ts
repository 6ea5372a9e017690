/**
 * unknown_order_buyers, the orders import's buyer check: of the member ids and e-mails a file
 * names, it answers those the store does not have, exactly as import_orders matches them (a
 * member of this store; the confirmed login address of one of its contacts, in any case, not
 * the business card's), so the console refuses at the check what import_orders would refuse in
 * the middle of a batch. Staff of the store only.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, sql, uniqueEmail } from '../support/clients.ts';
import { addColleague, addMember, addStaff, createStore, expectError, ok, orderRow, type Actor, type Member, type Store } from './fixtures.ts';

let store: Store;
let other: Store;
let staff: Actor;
let buyer: Member;
let colleague: Member;
let carded: Member;
let unconfirmed: Member;
let elsewhere: Member;

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'buyer-check' }), createStore({ label: 'buyer-check-other' })]);
  [staff, buyer, carded, unconfirmed, elsewhere] = await Promise.all([addStaff(store), addMember(store), addMember(store), addMember(store), addMember(other)]);
  colleague = await addColleague(buyer);
  // A business card's address is the contact's to type; orders match the login's.
  await sql(`update public.member_contacts set email = $2 where id = $1`, [carded.contactId, uniqueEmail('card')]);
  await sql(`update auth.users set email_confirmed_at = null where id = $1`, [unconfirmed.user.id]);
});

const unknown = async (client: Actor['client'], ids: string[], emails: string[]) =>
  ok(await client.rpc('unknown_order_buyers', { p_store_id: store.id, p_member_ids: ids, p_emails: emails })) as { field: string; value: string }[];

describe('unknown_order_buyers', () => {
  it('names the member ids and e-mails import_orders would refuse, and no others', async () => {
    const stranger = randomUUID();
    const nobody = uniqueEmail('nobody');
    const [card] = await sql<{ email: string }>('select email from public.member_contacts where id = $1', [carded.contactId]);
    const ids = [buyer.id, elsewhere.id, stranger, buyer.id];
    const emails = [` ${buyer.user.email.toUpperCase()} `, colleague.user.email, carded.user.email, card!.email, unconfirmed.user.email, elsewhere.user.email, nobody];
    const expected = [
      ...[card!.email, elsewhere.user.email, nobody, unconfirmed.user.email].map((value) => ({ field: 'email', value: value.toLowerCase() })),
      ...[elsewhere.id, stranger].map((value) => ({ field: 'member_id', value })),
    ];
    expect(await unknown(store.owner.client, ids, emails)).toEqual(expect.arrayContaining(expected));
    expect(await unknown(staff.client, ids, emails)).toHaveLength(expected.length);
    expect(await unknown(staff.client, ids, emails)).toEqual(expect.arrayContaining(expected));

    // The import agrees, row by row.
    const named = new Set(expected.map((row) => row.value));
    const rows = [...ids.map((id) => ({ member_id: id })), ...emails.map((email) => ({ member_id: undefined, email }))];
    for (const buyerOf of rows) {
      const result = await serviceClient().rpc('import_orders', { p_store_id: store.id, p_rows: [orderRow(buyer, buyerOf)] });
      const value = (buyerOf.member_id ?? buyerOf.email!.trim()).toLowerCase();
      if (named.has(value)) expectError(result, '22023', /^Row 1: (member_id is not a member|email matches no member contact) of this store$/);
      else expect(result.error).toBeNull();
    }
  });

  it('answers nothing for nothing asked, and refuses more than 10,000 values of a kind', async () => {
    expect(await unknown(staff.client, [], [])).toEqual([]);
    const many = Array.from({ length: 10_001 }, (_, i) => `b${i}@example.test`);
    expectError(await staff.client.rpc('unknown_order_buyers', { p_store_id: store.id, p_emails: many }), '22023', /^emails has 10001 values; at most 10000 per call$/);
    expect(await unknown(staff.client, [], many.slice(1))).toHaveLength(10_000);
  });

  it('is refused to members, another store’s owner and anonymous callers', async () => {
    const args = { p_store_id: store.id, p_emails: [buyer.user.email] };
    expectError(await buyer.client.rpc('unknown_order_buyers', args), '42501', /^Only this store's staff may do this$/);
    expectError(await other.owner.client.rpc('unknown_order_buyers', args), '42501', /^Only this store's staff may do this$/);
    expect((await anonClient().rpc('unknown_order_buyers', args)).error?.code).toBe('42501');
  });
});
