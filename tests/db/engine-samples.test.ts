/**
 * Free samples: the quota holds under concurrent claims, only requested/approved/shipped
 * claims count, the staff workflow moves claims through their statuses, and rejected input
 * changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from '../support/clients.ts';
import { addColleague, addMember, addProduct, createStore, expectError, makeVip, ok, refusalOf, shipTo, type Member, type Product, type Store } from './fixtures.ts';

let store: Store;
let member: Member;
let product: Product;

beforeEach(async () => {
  store = await createStore({ label: 'samples' });
  member = await addMember(store);
  product = await addProduct(store);
});

const claim = (who: Member = member, fields: Record<string, unknown> = {}) =>
  who.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo, ...fields });
const claimCount = async (memberId = member.id) =>
  (await sql<{ n: number }>('select count(*)::int as n from public.sample_claims where member_id = $1', [memberId]))[0]!.n;

describe('the quota', () => {
  it('holds under 20 concurrent claims by one member (ordinary: 3)', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => claim()));
    const refused = results.filter((r) => r.error);
    expect(results.length - refused.length).toBe(3);
    for (const r of refused) expectError(r, 'P0001', 'Sample quota reached (3 of 3 used)');
    expect(await claimCount()).toBe(3);
  });

  it('is shared by the company\'s contacts', async () => {
    const colleague = await addColleague(member);
    await Promise.all([claim(), claim(colleague), claim()]);
    expectError(await claim(colleague), 'P0001', 'Sample quota reached (3 of 3 used)');
    const contacts = await sql<{ n: number }>('select count(distinct contact_id)::int as n from public.sample_claims where member_id = $1', [member.id]);
    expect(contacts[0]!.n).toBe(2);
  });

  it('frees a slot when a claim is rejected or cancelled, not when it is shipped', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((ok(await claim()) as { id: string }).id);
    ok(await store.owner.client.rpc('approve_sample', { p_claim_id: ids[0] }));
    ok(await store.owner.client.rpc('ship_sample', { p_claim_id: ids[0], p_tracking_number: '1Z999', p_carrier: 'UPS' }));
    expectError(await claim(), 'P0001');

    ok(await store.owner.client.rpc('reject_sample', { p_claim_id: ids[1], p_reason: 'Out of stock' }));
    ok(await claim());
    expectError(await claim(), 'P0001');

    ok(await member.client.rpc('cancel_sample', { p_claim_id: ids[2] }));
    ok(await claim());
    expect((ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as { samples: unknown }).samples)
      .toEqual({ used: 3, quota: 3, left: 0 });
  });

  it('does not count claims from before the sample period', async () => {
    for (let i = 0; i < 3; i++) ok(await claim());
    await sql(`update public.sample_claims set created_at = now() - interval '366 days' where member_id = $1`, [member.id]);
    ok(await claim());
  });

  it('holds for writers that skip claim_sample and its lock: the constraint trigger is the backstop', async () => {
    const insert = `insert into public.sample_claims (store_id, member_id, product_id, ship_to) values ($1, $2, $3, $4)`;
    const args = [store.id, member.id, product.id, JSON.stringify(shipTo)];
    // Ten direct inserts at once, each on its own connection, none taking the member lock first.
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => sql(insert, args)));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.length - refused.length).toBe(3);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'P0001', message: 'Sample quota reached (3 of 3 used)' });
    expect(await claimCount()).toBe(3);
  });

  it('is unlimited for VIPs', async () => {
    await makeVip(store, member);
    const results = await Promise.all(Array.from({ length: 8 }, () => claim()));
    expect(results.filter((r) => r.error)).toEqual([]);
    expect((ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as { samples: unknown }).samples)
      .toEqual({ used: 8, quota: null, left: null });
  });
});

describe('the workflow', () => {
  it('moves requested -> approved -> shipped; the member sees each status', async () => {
    const { id } = ok(await claim()) as { id: string };
    expectError(await store.owner.client.rpc('ship_sample', { p_claim_id: id, p_tracking_number: 'X' }), '22023', 'status is requested; only approved claims can be shipped');
    ok(await store.owner.client.rpc('approve_sample', { p_claim_id: id }));
    expectError(await store.owner.client.rpc('ship_sample', { p_claim_id: id, p_tracking_number: ' ' }), '22023', 'tracking_number is required');
    ok(await store.owner.client.rpc('ship_sample', { p_claim_id: id, p_tracking_number: 'SF1234567890', p_carrier: 'SF Express' }));
    const seen = ok(await member.client.from('sample_claims').select('status, tracking_number, carrier, shipped_at').eq('id', id).single());
    expect(seen).toMatchObject({ status: 'shipped', tracking_number: 'SF1234567890', carrier: 'SF Express' });
    expectError(await member.client.rpc('cancel_sample', { p_claim_id: id }), '22023', 'only requested claims can be cancelled');
  });

  it('rejection needs a reason', async () => {
    const { id } = ok(await claim()) as { id: string };
    expectError(await store.owner.client.rpc('reject_sample', { p_claim_id: id, p_reason: '' }), '22023', 'reason is required');
    const rejected = ok(await store.owner.client.rpc('reject_sample', { p_claim_id: id, p_reason: 'Not for resale markets' })) as { status: string; rejection_reason: string };
    expect(rejected).toMatchObject({ status: 'rejected', rejection_reason: 'Not for resale markets' });
  });
});

describe('bad input changes nothing', () => {
  it.each([
    [{ p_ship_to: { ...shipTo, city: '' } }, 'ship_to.city is required'],
    [{ p_ship_to: { ...shipTo, country: 'Germany' } }, 'ship_to.country must be a two-letter ISO 3166 code such as DE'],
    [{ p_ship_to: { ...shipTo, floor: 3 } }, 'ship_to.floor is not an address field'],
    [{ p_ship_to: 'Berlin' }, 'ship_to must be an address object'],
    [{ p_quantity: 11 }, 'quantity must be between 1 and 10'],
  ])('%j is refused with "%s"', async (fields, message) => {
    expectError(await claim(member, fields), '22023', message);
    expect(await claimCount()).toBe(0);
  });

  it('a product hidden from the member is "not found", like one that does not exist', async () => {
    const vipOnly = await addProduct(store, { visibility: 'tier', min_tier_rank: 2 });
    expectError(await member.client.rpc('claim_sample', { p_product_id: vipOnly.id, p_ship_to: shipTo }), 'PT404', 'product_id matches no product');
    expectError(await member.client.rpc('claim_sample', { p_product_id: crypto.randomUUID(), p_ship_to: shipTo }), 'PT404', 'product_id matches no product');
    expect(await claimCount()).toBe(0);
  });

  it.each([{ p_quantity: 0 }, { p_quantity: 11 }, { p_ship_to: {} }])(
    'a hidden product with %j is still "not found": visibility is checked before the other arguments', async (fields) => {
      const vipOnly = await addProduct(store, { visibility: 'tier', min_tier_rank: 2 });
      const hidden = await member.client.rpc('claim_sample', { p_product_id: vipOnly.id, p_ship_to: shipTo, ...fields });
      const missing = await member.client.rpc('claim_sample', { p_product_id: crypto.randomUUID(), p_ship_to: shipTo, ...fields });
      expectError(hidden, 'PT404', 'product_id matches no product');
      expect(refusalOf(hidden)).toEqual(refusalOf(missing));
      expect(await claimCount()).toBe(0);
    });
});
