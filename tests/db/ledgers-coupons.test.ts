/**
 * Coupons: what a member may claim (tier, window, per-member limit), the new-member gift pack
 * issued once however often joining is retried, and staff recording a coupon's use.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/clients.ts';
import { addMember, addStaff, createStore, daysAgo, expectError, makeVip, ok, refusalOf, type Member, type Store } from './fixtures.ts';

interface CouponFields {
  code: string;
  kind?: 'percent' | 'amount';
  value?: number;
  currency?: string;
  min_tier_rank?: number;
  valid_from?: string;
  valid_until?: string | null;
  per_member_limit?: number;
  is_gift_pack?: boolean;
  claimable?: boolean;
}

async function addCoupon(store: Store, fields: CouponFields): Promise<string> {
  const row = { store_id: store.id, kind: 'percent', value: 5, ...fields };
  return (ok(await store.owner.client.from('coupons').insert(row).select('id').single()) as { id: string }).id;
}

async function held(member: Member): Promise<{ coupon_id: string; source: string; slot: number }[]> {
  return sql(`select coupon_id, source, slot from public.member_coupons where member_id = $1 order by claimed_at, slot`, [member.id]);
}

describe('claiming coupons', () => {
  let store: Store;
  let ordinary: Member;
  let vip: Member;
  const coupons: Record<string, string> = {};
  beforeAll(async () => {
    store = await createStore({ label: 'coupons' });
    [ordinary, vip] = await Promise.all([addMember(store), addMember(store)]);
    await makeVip(store, vip);
    coupons.everyone = await addCoupon(store, { code: 'ALL-5', per_member_limit: 2 });
    coupons.vip = await addCoupon(store, { code: 'VIP-50', kind: 'amount', value: 50, currency: 'USD', min_tier_rank: 2 });
    coupons.future = await addCoupon(store, { code: 'SOON', valid_from: daysAgo(-3) });
    coupons.ended = await addCoupon(store, { code: 'ENDED', valid_from: daysAgo(10), valid_until: daysAgo(1) });
    coupons.rewardOnly = await addCoupon(store, { code: 'REWARD', claimable: false });
  });

  it('lets a member claim up to the per-member limit, counted per company', async () => {
    const claim = () => ordinary.client.rpc('claim_coupon', { p_coupon_id: coupons.everyone });
    expect(ok(await claim())).toMatchObject({ coupon_id: coupons.everyone, member_id: ordinary.id, source: 'claim', slot: 1 });
    expect(ok(await claim())).toMatchObject({ slot: 2 });
    expectError(await claim(), 'P0001', 'coupon limit reached (2 of 2 held)');
  });

  it('holds the per-member limit under concurrent claims', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => vip.client.rpc('claim_coupon', { p_coupon_id: coupons.everyone })));
    expect(results.filter((r) => !r.error)).toHaveLength(2);
    expect((await held(vip)).filter((h) => h.coupon_id === coupons.everyone)).toHaveLength(2);
  });

  it('hides coupons above the tier like unknown ones; refuses ones outside the window or not claimable', async () => {
    // The ordinary member cannot read a VIP coupon (RLS), so it is answered as an id of nothing.
    const aboveTier = await ordinary.client.rpc('claim_coupon', { p_coupon_id: coupons.vip });
    expectError(aboveTier, 'PT404', /^coupon_id matches no coupon$/);
    expect(refusalOf(aboveTier)).toEqual(refusalOf(await ordinary.client.rpc('claim_coupon', { p_coupon_id: randomUUID() })));
    expect(ok(await vip.client.rpc('claim_coupon', { p_coupon_id: coupons.vip }))).toMatchObject({ source: 'claim' });
    expectError(await ordinary.client.rpc('claim_coupon', { p_coupon_id: coupons.future }), 'P0001', 'coupon is valid from');
    expectError(await ordinary.client.rpc('claim_coupon', { p_coupon_id: coupons.ended }), 'P0001', 'coupon expired at');
    expectError(await ordinary.client.rpc('claim_coupon', { p_coupon_id: coupons.rewardOnly }), 'P0001', 'cannot be claimed');
  });

  it('refuses a held coupon once the tier that unlocked it is lost: the holder still reads it', async () => {
    const lapsed = await addMember(store);
    ok(await store.owner.client.rpc('set_tier_override', { p_member_id: lapsed.id, p_tier_id: store.tiers[2]!.id, p_expires_at: daysAgo(-30), p_reason: 'Trade fair' }));
    ok(await lapsed.client.rpc('claim_coupon', { p_coupon_id: coupons.vip }));
    ok(await store.owner.client.rpc('set_tier_override', { p_member_id: lapsed.id, p_tier_id: null }));
    expectError(await lapsed.client.rpc('claim_coupon', { p_coupon_id: coupons.vip }), 'P0001', /^coupon requires the VIP tier or higher$/);
    expect((await held(lapsed)).map((h) => h.coupon_id)).toEqual([coupons.vip]);
  });

  it('answers other stores\' members as for unknown coupons, and refuses the store\'s staff, who read them', async () => {
    const elsewhere = await addMember(await createStore({ label: 'elsewhere' }));
    const unknown = await ordinary.client.rpc('claim_coupon', { p_coupon_id: '00000000-0000-4000-8000-000000000000' });
    expectError(unknown, 'PT404', /^coupon_id matches no coupon$/);
    const foreign = await elsewhere.client.rpc('claim_coupon', { p_coupon_id: coupons.everyone });
    expect(refusalOf(foreign)).toEqual(refusalOf(await elsewhere.client.rpc('claim_coupon', { p_coupon_id: randomUUID() })));
    expect(refusalOf(foreign)).toEqual(refusalOf(unknown));
    expectError(await store.owner.client.rpc('claim_coupon', { p_coupon_id: coupons.everyone }), '42501', /^You are not a member of this store$/);
  });

  it('shows claimable and claimed coupons in the membership summary', async () => {
    const summary = ok(await vip.client.rpc('my_membership', { p_store_slug: store.slug })) as {
      coupons: { claimed: { coupon_id: string }[]; claimable: { coupon_id: string; left: number }[] };
    };
    expect(summary.coupons.claimed.map((c) => c.coupon_id).sort()).toEqual([coupons.everyone, coupons.everyone, coupons.vip].sort());
    expect(summary.coupons.claimable).toEqual([]);
    const ordinarySummary = ok(await ordinary.client.rpc('my_membership', { p_store_slug: store.slug })) as typeof summary;
    expect(ordinarySummary.coupons.claimable.map((c) => c.coupon_id)).toEqual([]);
  });

  it('gives each claimable coupon the copies the company holds, used ones too, and how many more it may claim', async () => {
    const member = await addMember(store);
    type Claimable = { coupon_id: string; held: number; left: number };
    const claimable = async () => {
      const summary = ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as { coupons: { claimable: Claimable[] } };
      return summary.coupons.claimable.map(({ coupon_id, held, left }) => ({ coupon_id, held, left }));
    };
    expect(await claimable()).toEqual([{ coupon_id: coupons.everyone, held: 0, left: 2 }]);
    const claimed = ok(await member.client.rpc('claim_coupon', { p_coupon_id: coupons.everyone })) as { id: string };
    expect(await claimable()).toEqual([{ coupon_id: coupons.everyone, held: 1, left: 1 }]);
    // A used copy still counts towards the limit, as claim_coupon counts it.
    ok(await store.owner.client.rpc('record_coupon_use', { p_member_coupon_id: claimed.id, p_order_ref: 'ORD-USED' }));
    expect(await claimable()).toEqual([{ coupon_id: coupons.everyone, held: 1, left: 1 }]);
  });

  it('lets staff record a held coupon\'s use once', async () => {
    const member = await addMember(store);
    const claimed = ok(await member.client.rpc('claim_coupon', { p_coupon_id: coupons.everyone })) as { id: string };
    expectError(await member.client.rpc('record_coupon_use', { p_member_coupon_id: claimed.id, p_order_ref: 'SELF' }), '42501');
    expect(ok(await store.owner.client.rpc('record_coupon_use', { p_member_coupon_id: claimed.id, p_order_ref: 'ORD-9' })))
      .toMatchObject({ used_order_ref: 'ORD-9' });
    expectError(await store.owner.client.rpc('record_coupon_use', { p_member_coupon_id: claimed.id, p_order_ref: 'ORD-10' }),
      'P0001', 'already used on order ORD-9');
  });
});

describe('staff giving a coupon', () => {
  let store: Store;
  const coupons: Record<string, string> = {};
  beforeAll(async () => {
    store = await createStore({ label: 'give' });
    coupons.keyAccount = await addCoupon(store, { code: 'KEY-ACCOUNT', kind: 'amount', value: 100, currency: 'USD', claimable: false });
    coupons.vip = await addCoupon(store, { code: 'VIP-ONLY', min_tier_rank: 2, claimable: false });
    coupons.ended = await addCoupon(store, { code: 'GONE', valid_from: daysAgo(10), valid_until: daysAgo(1) });
  });

  it('gives one copy of a coupon members cannot claim, up to its limit, recorded as given by that staff login', async () => {
    const member = await addMember(store);
    const colleague = await addStaff(store);
    const given = ok(await colleague.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: coupons.keyAccount }));
    expect(given).toMatchObject({ member_id: member.id, coupon_id: coupons.keyAccount, source: 'staff', slot: 1, claimed_by: colleague.user.id, used_at: null });
    expectError(await store.owner.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: coupons.keyAccount }), 'P0001', /^coupon limit reached \(1 of 1 held\)$/);
    // The member reads it among the coupons the company holds, as any other.
    const summary = ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as { coupons: { claimed: { code: string; source: string }[] } };
    expect(summary.coupons.claimed).toEqual([expect.objectContaining({ code: 'KEY-ACCOUNT', source: 'staff' })]);
  });

  it('keeps the coupon\'s window and minimum tier', async () => {
    const member = await addMember(store);
    expectError(await store.owner.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: coupons.vip }), 'P0001', /^coupon requires the VIP tier or higher$/);
    expectError(await store.owner.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: coupons.ended }), 'P0001', 'coupon expired at');
    await makeVip(store, member);
    expect(ok(await store.owner.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: coupons.vip }))).toMatchObject({ source: 'staff' });
    expect(await held(member)).toEqual([{ coupon_id: coupons.vip, source: 'staff', slot: 1 }]);
  });

  it('is for the member\'s own store\'s staff and coupons only, and changes nothing when refused', async () => {
    const member = await addMember(store);
    const other = await createStore({ label: 'give-other' });
    const otherCoupon = await addCoupon(other, { code: 'OTHER' });
    expectError(await member.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: coupons.keyAccount }), '42501', 'is not a member of a store you staff');
    expectError(await other.owner.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: coupons.keyAccount }), 'PT404', /^member_id matches no member$/);
    expectError(await store.owner.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: otherCoupon }), 'PT404', /^coupon_id matches no coupon of this store$/);
    expect(await held(member)).toEqual([]);
  });
});

describe('the new-member gift pack', () => {
  it('is issued once with the join points, even when joining is retried', async () => {
    const store = await createStore({ label: 'giftpack' });
    ok(await store.owner.client.from('stores').update({ join_points: 300 }).eq('id', store.id).select().single());
    const pack = [
      await addCoupon(store, { code: 'WELCOME-10', value: 10, is_gift_pack: true, claimable: false }),
      await addCoupon(store, { code: 'WELCOME-SHIP', kind: 'amount', value: 15, currency: 'USD', is_gift_pack: true, claimable: false }),
    ];
    await addCoupon(store, { code: 'OLD-PACK', is_gift_pack: true, valid_from: daysAgo(30), valid_until: daysAgo(1) });

    const member = await addMember(store);
    const join = () => member.client.rpc('join_store', { p_store_slug: store.slug, p_company_name: member.companyName, p_full_name: 'Again' });
    const retries = await Promise.all([join(), join(), join()]);
    for (const retry of retries) expect(ok(retry)).toMatchObject({ member_id: member.id, joined: false });

    expect((await held(member)).map((h) => [h.coupon_id, h.source]).sort()).toEqual(pack.map((id) => [id, 'gift_pack']).sort());
    expect(await sql(`select reason, delta from public.points_ledger where member_id = $1`, [member.id])).toEqual([{ reason: 'join', delta: 300 }]);
    expectError(await member.client.rpc('claim_coupon', { p_coupon_id: pack[0] }), 'P0001', 'cannot be claimed');
  });

  it('is refused a minimum tier, so every new member can hold it', async () => {
    const store = await createStore({ label: 'giftrule' });
    const { error } = await store.owner.client.from('coupons')
      .insert({ store_id: store.id, code: 'VIP-GIFT', kind: 'percent', value: 5, is_gift_pack: true, min_tier_rank: 2 });
    expect(error).toMatchObject({ code: '23514' });
  });
});
