/**
 * Leaving keeps the merchant's sample history, and leaving does not reset what a login may claim
 * (migration 20261208000100): when the last contact leaves, the company's sample claims stay for
 * the staff (shipped ones with tracking, open ones cancelled, addresses cleared to the country,
 * rejection reasons, staff's free text, cleared);
 * the same login exchanging cards again is a new company whose sample quota and coupon limits
 * still count what that login claimed before. Another company's login is not affected.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addColleague, addMember, addProduct, createStore, expectError, ok, shipTo, type Member, type Product, type Store,
} from './fixtures.ts';

interface Claim {
  id: string;
  member_id: string;
  status: string;
  quantity: number;
  ship_to: Record<string, string>;
  contact_id: string | null;
  claimed_by: string | null;
  tracking_number: string | null;
  carrier: string | null;
  rejection_reason: string | null;
  decided_at: string | null;
  shipped_at: string | null;
}

interface Samples { used: number; quota: number | null; left: number | null }
interface Claimable { coupon_id: string; held: number; left: number }

let store: Store;
let product: Product;
let leaver: Member;
let other: Member;
let formerCompany: string;
let couponOfTwo: string;
let couponOfThree: string;
const claimIds: string[] = [];

const claim = (member: Member) => member.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo, p_quantity: 2 });
const claimCoupon = (member: Member, coupon: string) => member.client.rpc('claim_coupon', { p_coupon_id: coupon });
const membership = async (member: Member) =>
  ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as { member: { id: string }; samples: Samples; coupons: { claimable: Claimable[] } };
const staffClaims = async (memberId: string) =>
  ok(await store.owner.client.from('sample_claims').select('*').eq('member_id', memberId).order('created_at')) as Claim[];

async function addCoupon(code: string, perMemberLimit: number): Promise<string> {
  const row = { store_id: store.id, code, kind: 'percent', value: 5, per_member_limit: perMemberLimit };
  return (ok(await store.owner.client.from('coupons').insert(row).select('id').single()) as { id: string }).id;
}

beforeAll(async () => {
  store = await createStore({ label: 'leaving-history' });
  [product, leaver, other, couponOfTwo, couponOfThree] = await Promise.all([
    addProduct(store), addMember(store, 'Leaving Wigs Ltd'), addMember(store, 'Staying Wigs Ltd'),
    addCoupon('TWO-5', 2), addCoupon('THREE-5', 3),
  ]);
  formerCompany = leaver.id;
  // The Ordinary tier's quota is 3: the company uses it up; staff ship one and approve another.
  for (let i = 0; i < 3; i++) claimIds.push((ok(await claim(leaver)) as Claim).id);
  expectError(await claim(leaver), 'P0001', /^Sample quota reached \(3 of 3 used\)$/);
  ok(await store.owner.client.rpc('approve_sample', { p_claim_id: claimIds[0] }));
  ok(await store.owner.client.rpc('ship_sample', { p_claim_id: claimIds[0], p_tracking_number: 'DHL 123456', p_carrier: 'DHL' }));
  ok(await store.owner.client.rpc('approve_sample', { p_claim_id: claimIds[1] }));
  // Staff's reason may name the buyer and their address.
  ok(await store.owner.client.rpc('reject_sample', { p_claim_id: claimIds[2], p_reason: 'Test Buyer at Hauptstr. 1: outside our area' }));
  ok(await claimCoupon(leaver, couponOfTwo));
  ok(await claimCoupon(leaver, couponOfTwo));
  ok(await claimCoupon(leaver, couponOfThree));
});

describe('the last contact leaves', () => {
  it('keeps the company\'s claims for the staff: shipped with tracking, open ones cancelled, no address or rejection reason', async () => {
    expect(ok(await leaver.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }))).toEqual({ left: true, company_removed: true });
    const claims = await staffClaims(formerCompany);
    expect(claims.map((c) => c.id)).toEqual(claimIds);
    for (const c of claims) {
      expect(c).toMatchObject({ ship_to: { country: 'DE' }, contact_id: null, claimed_by: leaver.user.id, quantity: 2 });
    }
    expect(claims[0]).toMatchObject({ status: 'shipped', tracking_number: 'DHL 123456', carrier: 'DHL' });
    expect(claims[0]!.shipped_at).not.toBeNull();
    // The approved one: nobody is left to ship it to. The rejected one stays rejected, without its reason.
    expect(claims.slice(1).map((c) => [c.status, c.rejection_reason])).toEqual([['cancelled', null], ['rejected', null]]);
    for (const c of claims.slice(1)) expect(c.decided_at).not.toBeNull();
    expect(JSON.stringify(claims)).not.toMatch(/Hauptstr|Berlin|Test Buyer|\+49/);
  });

  it('the queue no longer holds the cancelled claims as work to do', async () => {
    const open = ok(await store.owner.client.from('sample_claims').select('id').eq('store_id', store.id).in('status', ['requested', 'approved'])) as unknown[];
    expect(open).toEqual([]);
  });
});

describe('the same login joins again', () => {
  beforeAll(async () => {
    const joined = ok(await leaver.client.rpc('join_store', {
      p_store_slug: store.slug, p_company_name: 'Leaving Wigs Again Ltd', p_full_name: 'Test Buyer', p_country: 'DE',
    })) as { member_id: string; contact_id: string; joined: boolean };
    expect(joined.joined).toBe(true);
    expect(joined.member_id).not.toBe(formerCompany);
    leaver = { ...leaver, id: joined.member_id, contactId: joined.contact_id };
  });

  it('sees the sample shipped before counted: 1 of 3 used, 2 left', async () => {
    expect((await membership(leaver)).samples).toEqual({ used: 1, quota: 3, left: 2 });
    // The former company's claims stay the merchant's: the new company does not read them.
    const own = ok(await leaver.client.from('sample_claims').select('member_id')) as { member_id: string }[];
    expect(own).toEqual([]);
  });

  it('claims only what is left, then is refused with the quota message naming the login\'s count', async () => {
    ok(await claim(leaver));
    ok(await claim(leaver));
    const refused = expectError(await claim(leaver), 'P0001', /^Sample quota reached \(3 of 3 used\)$/);
    expect(JSON.parse(refused.details!)).toMatchObject({ field: 'quota', used: 3, quota: 3 });
    expect((await membership(leaver)).samples).toEqual({ used: 3, quota: 3, left: 0 });
    const catalogue = ok(await leaver.client.rpc('store_catalogue', { p_store_slug: store.slug })) as { id: string; sample_eligible: boolean }[];
    expect(catalogue.find((p) => p.id === product.id)?.sample_eligible).toBe(false);
    // Only the new company's claims are the new company's.
    expect((await staffClaims(leaver.id)).map((c) => c.claimed_by)).toEqual([leaver.user.id, leaver.user.id]);
  });

  it('holds no more copies of a coupon than its limit, counting those claimed before leaving', async () => {
    const claimable = (await membership(leaver)).coupons.claimable;
    expect(claimable.map((c) => c.coupon_id)).toEqual([couponOfThree]);
    expect(claimable[0]).toMatchObject({ held: 1, left: 2 });
    expectError(await claimCoupon(leaver, couponOfTwo), 'P0001', /^coupon limit reached \(2 of 2 held\)$/);
    ok(await claimCoupon(leaver, couponOfThree));
    ok(await claimCoupon(leaver, couponOfThree));
    expectError(await claimCoupon(leaver, couponOfThree), 'P0001', /^coupon limit reached \(3 of 3 held\)$/);
    // The new company holds its own copies, numbered from 1.
    const slots = ok(await leaver.client.from('member_coupons').select('slot').eq('coupon_id', couponOfThree).order('slot')) as { slot: number }[];
    expect(slots).toEqual([{ slot: 1 }, { slot: 2 }]);
  });

  it('staff may still give the new company a copy: the limit follows the login only for its own claims', async () => {
    const given = ok(await store.owner.client.rpc('give_coupon', { p_member_id: leaver.id, p_coupon_id: couponOfTwo })) as { member_id: string; slot: number };
    expect(given).toMatchObject({ member_id: leaver.id, slot: 1 });
  });
});

describe('another company', () => {
  it('keeps its own quota and limits', async () => {
    expect((await membership(other)).samples).toEqual({ used: 0, quota: 3, left: 3 });
    for (let i = 0; i < 3; i++) ok(await claim(other));
    expectError(await claim(other), 'P0001', /^Sample quota reached \(3 of 3 used\)$/);
    const claimable = (await membership(other)).coupons.claimable;
    expect(claimable.map((c) => [c.coupon_id, c.held, c.left]).sort()).toEqual([[couponOfThree, 0, 3], [couponOfTwo, 0, 2]].sort());
    ok(await claimCoupon(other, couponOfTwo));
    ok(await claimCoupon(other, couponOfTwo));
    expectError(await claimCoupon(other, couponOfTwo), 'P0001', /^coupon limit reached \(2 of 2 held\)$/);
  });
});

describe('a colleague leaves while others stay', () => {
  it('their open claim is cancelled with their address, one already shipped is kept, a rejected one loses its reason; the company keeps its quota use', async () => {
    const company = await addMember(store, 'Colleagues Wigs Ltd');
    const colleague = await addColleague(company);
    const [shipped, open, rejected] = [
      (ok(await claim(colleague)) as Claim).id, (ok(await claim(colleague)) as Claim).id, (ok(await claim(colleague)) as Claim).id];
    ok(await store.owner.client.rpc('approve_sample', { p_claim_id: shipped }));
    ok(await store.owner.client.rpc('ship_sample', { p_claim_id: shipped, p_tracking_number: 'UPS 987654', p_carrier: 'UPS' }));
    ok(await store.owner.client.rpc('reject_sample', { p_claim_id: rejected, p_reason: 'Test Buyer at Hauptstr. 1: outside our area' }));
    ok(await colleague.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    const claims = await staffClaims(company.id);
    expect(claims.map((c) => [c.id, c.status, c.ship_to, c.contact_id, c.tracking_number, c.rejection_reason])).toEqual([
      [shipped, 'shipped', { country: shipTo.country }, null, 'UPS 987654', null],
      [open, 'cancelled', { country: shipTo.country }, null, null, null],
      [rejected, 'rejected', { country: shipTo.country }, null, null, null],
    ]);
    expect(claims[1]?.decided_at).not.toBeNull();
    // A cancelled claim frees its place; the shipped one still counts for the company.
    expect((await membership(company)).samples).toEqual({ used: 1, quota: 3, left: 2 });
  });
});
