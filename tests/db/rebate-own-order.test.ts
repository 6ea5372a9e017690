/**
 * A rebate is a credit on later orders (migration 20261219000410): apply_rebate keeps what an
 * order holds of its own rebate (its credit, corrections and re-ratings, less what a refund took
 * back) off that order, refusing more with the amount usable there and the order's own, and
 * writing nothing; the rest of the wallet is used on it as before, and all of it on another order
 * or on a reference no order has yet. An order of the company refunded or cancelled takes none
 * (migration 20261225000300). Staff and owners are refused alike; the company's contact and the
 * service role cannot call it at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, sql } from '../support/clients.ts';
import {
  addMember, addStaff, createStore, expectError, importOrders, makeVip, ok, orderRow, type Actor, type Member, type Store,
} from './fixtures.ts';

let store: Store;
let staff: Actor;

/** The company's wallet and how many ledger rows it has, to show a refusal wrote nothing. */
const wallet = async (member: Member) =>
  (await sql<{ balance: number; rows: number }>(
    `select m.rebate_balance::float as balance, (select count(*)::int from public.rebate_ledger r where r.member_id = m.id) as rows
     from public.members m where m.id = $1`, [member.id]))[0]!;

/** What the order holds of its own rebate, by its ledger rows. */
const ownRebate = async (ref: string) =>
  (await sql<{ own: number }>(
    `select coalesce(sum(r.delta), 0)::float as own from public.rebate_ledger r join public.orders o on o.id = r.order_id
     where o.store_id = $1 and o.external_ref = $2`, [store.id, ref]))[0]!.own;

const apply = (client: Actor['client'], member: Member, amount: number, ref: string) =>
  client.rpc('apply_rebate', { p_member_id: member.id, p_amount: amount, p_order_ref: ref });

/** A VIP company (5 % rebate) with 100.00 USD of staff credit and a paid order of 500.00 USD that earned 25.00 USD. */
async function vipWithOrder(ref: string): Promise<Member> {
  const member = await addMember(store);
  await makeVip(store, member);
  await importOrders(store, [orderRow(member, { external_ref: ref, amount: 500 })]);
  ok(await store.owner.client.rpc('credit_rebate', { p_member_id: member.id, p_amount: 100, p_note: 'Goodwill' }));
  expect(await ownRebate(ref)).toBe(25);
  return member;
}

beforeAll(async () => {
  store = await createStore({ label: 'rebate-own-order' });
  staff = await addStaff(store);
});

describe("an order's own rebate", () => {
  it('is not deducted from that order, by staff or an owner, naming what may be, and nothing is written', async () => {
    const member = await vipWithOrder('OWN-1');
    const before = await wallet(member);
    const usable = before.balance - 25;
    for (const client of [staff.client, store.owner.client]) {
      const refused = expectError(await apply(client, member, before.balance, ' OWN-1 '), 'P0001',
        `amount exceeds the ${usable.toFixed(2)} USD usable on order OWN-1: its own rebate of 25.00 USD is a credit on later orders`);
      expect(JSON.parse(refused.details!)).toEqual({
        field: 'amount', reason: `exceeds the ${usable.toFixed(2)} USD usable on order OWN-1: its own rebate of 25.00 USD is a credit on later orders`,
      });
    }
    expectError(await apply(staff.client, member, usable + 0.01, 'OWN-1'), 'P0001', /usable on order OWN-1/);
    expect(await wallet(member)).toEqual(before);
  });

  it('leaves the rest of the wallet usable on it, and itself on other orders', async () => {
    const member = await vipWithOrder('OWN-2');
    const { balance } = await wallet(member);
    expect(ok(await apply(staff.client, member, balance - 25, 'OWN-2'))).toBe(25);
    // What is left is the order's own: none of it on the order, all of it on the next.
    expectError(await apply(staff.client, member, 0.01, 'OWN-2'), 'P0001',
      'amount exceeds the 0.00 USD usable on order OWN-2: its own rebate of 25.00 USD is a credit on later orders');
    expect(ok(await apply(staff.client, member, 25, 'NEXT-2'))).toBe(0);
  });

  it('follows the order: a corrected amount earns more of its own, a refund takes it back', async () => {
    const member = await vipWithOrder('OWN-3');
    await importOrders(store, [orderRow(member, { external_ref: 'OWN-3', amount: 1000 })]);
    expect(await ownRebate('OWN-3')).toBe(50);
    const { balance } = await wallet(member);
    expectError(await apply(staff.client, member, balance - 49.99, 'OWN-3'), 'P0001', /its own rebate of 50\.00 USD/);
    await importOrders(store, [orderRow(member, { external_ref: 'OWN-3', amount: 1000, status: 'refunded' })]);
    expect(await ownRebate('OWN-3')).toBe(0);
    expect(ok(await apply(staff.client, member, (await wallet(member)).balance, 'NEXT-3'))).toBe(0);
  });

  // As record_coupon_use refuses a coupon's use on it, and as a former member's was refused (migration 20261225000300).
  it('is not spent on an order of the company refunded or cancelled, whatever the amount, and nothing is written', async () => {
    const member = await vipWithOrder('OWN-6');
    await importOrders(store, [orderRow(member, { external_ref: 'OWN-6', amount: 500, status: 'refunded' })]);
    await importOrders(store, [orderRow(member, { external_ref: 'OWN-7', amount: 80, status: 'cancelled' })]);
    const before = await wallet(member);
    for (const [ref, status] of [['OWN-6', 'refunded'], [' OWN-7 ', 'cancelled']] as const) {
      const reason = `${ref.trim()} was ${status}: no rebate was spent on it`;
      const refused = expectError(await apply(staff.client, member, 1, ref), 'P0001', `order_ref ${reason}`);
      expect(JSON.parse(refused.details!)).toEqual({ field: 'order_ref', reason });
    }
    expect(await wallet(member)).toEqual(before);
    // Another company's order by that reference is not the company's: not refused for it.
    const other = await vipWithOrder('OWN-8');
    const { balance } = await wallet(other);
    expect(ok(await apply(staff.client, other, 1, 'OWN-6'))).toBe(balance - 1);
  });

  it('does not limit a reference no order of the company has yet', async () => {
    const member = await vipWithOrder('OWN-4');
    const { balance } = await wallet(member);
    expect(ok(await apply(staff.client, member, balance, 'CHECKOUT-4'))).toBe(0);
  });

  it('cannot be spent by the company itself, anon or the service role: apply_rebate is staff-only', async () => {
    const member = await vipWithOrder('OWN-5');
    const before = await wallet(member);
    expectError(await apply(member.client, member, 1, 'OWN-5'), '42501');
    expectError(await apply(anonClient(), member, 1, 'OWN-5'), '42501');
    expectError(await apply(serviceClient(), member, 1, 'OWN-5'), '42501');
    expect(await wallet(member)).toEqual(before);
  });
});
