/**
 * Coupons: what a member may claim (tier, window, per-member limit), the new-member gift pack
 * issued once however often joining is retried, staff recording a coupon's use, and staff taking
 * back a copy they gave by mistake.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, releasedTogether, sql } from '../support/clients.ts';
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

describe('staff taking back a coupon they gave', () => {
  let store: Store;
  let keyAccount: string;
  beforeAll(async () => {
    store = await createStore({ label: 'take-back' });
    keyAccount = await addCoupon(store, { code: 'KEY-100', kind: 'amount', value: 100, currency: 'USD', claimable: false });
  });
  const give = async (member: Member, coupon = keyAccount) =>
    ok(await store.owner.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: coupon })) as { id: string; slot: number };
  const takeBack = (client: Store['owner']['client'], id: string) => client.rpc('take_back_coupon', { p_member_coupon_id: id });
  const copy = async (id: string) =>
    (await sql<{ taken_back_at: Date | null; taken_back_by: string | null; used_at: Date | null }>(
      'select taken_back_at, taken_back_by, used_at from public.member_coupons where id = $1', [id]))[0]!;

  it('marks the copy taken back by that staff login, keeps its row, and the company no longer holds it', async () => {
    const member = await addMember(store);
    const colleague = await addStaff(store);
    const given = await give(member);
    const taken = ok(await takeBack(colleague.client, given.id));
    expect(taken).toMatchObject({ id: given.id, source: 'staff', slot: 1, used_at: null, taken_back_by: colleague.user.id });
    expect(Date.parse((taken as { taken_back_at: string }).taken_back_at)).toBeGreaterThan(Date.now() - 60_000);
    const summary = ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as { coupons: { claimed: unknown[] } };
    expect(summary.coupons.claimed).toEqual([]);
    // The company's record keeps the copy, marked: its own row, and Download my data.
    expect(ok(await member.client.from('member_coupons').select('id, taken_back_at').eq('id', given.id))).toEqual([{ id: given.id, taken_back_at: expect.any(String) }]);
    const data = ok(await member.client.rpc('my_data', { p_store_slug: store.slug })) as { coupons: { id: string; taken_back_by: string }[] };
    expect(data.coupons).toEqual([expect.objectContaining({ id: given.id, taken_back_by: colleague.user.id })]);
  });

  it('no longer lets the company read a coupon above its tier that it held only by that copy', async () => {
    const vipOnly = await addCoupon(store, { code: 'VIP-KEY', min_tier_rank: 2, claimable: false });
    const member = await addMember(store);
    ok(await store.owner.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: store.tiers[2]!.id, p_expires_at: daysAgo(-30), p_reason: 'Trade fair' }));
    const given = await give(member, vipOnly);
    ok(await store.owner.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: null }));
    expect(ok(await member.client.from('coupons').select('id').eq('id', vipOnly))).toEqual([{ id: vipOnly }]);
    ok(await takeBack(store.owner.client, given.id));
    expect(ok(await member.client.from('coupons').select('id').eq('id', vipOnly))).toEqual([]);
  });

  it('frees the limit: the right copy can be given again, numbered after the one taken back', async () => {
    const member = await addMember(store);
    const first = await give(member);
    ok(await takeBack(store.owner.client, first.id));
    const second = await give(member);
    expect(second.slot).toBe(2);
    expectError(await store.owner.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: keyAccount }), 'P0001', /^coupon limit reached \(1 of 1 held\)$/);
    ok(await takeBack(store.owner.client, second.id));
    expect((await give(member)).slot).toBe(3);
    expect(await held(member)).toEqual([1, 2, 3].map((slot) => ({ coupon_id: keyAccount, source: 'staff', slot })));
  });

  it('leaves the copy out of coupon_usage and analytics, and the buyer\'s Updates say it was taken back', async () => {
    const other = await createStore({ label: 'take-back-count' });
    const counted = { store: other, coupon: await addCoupon(other, { code: 'TWO', per_member_limit: 2, claimable: false }) };
    const member = await addMember(counted.store);
    ok(await counted.store.owner.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: counted.coupon }));
    const mistake = ok(await counted.store.owner.client.rpc('give_coupon', { p_member_id: member.id, p_coupon_id: counted.coupon })) as { id: string };
    ok(await counted.store.owner.client.rpc('take_back_coupon', { p_member_coupon_id: mistake.id }));
    expect(ok(await counted.store.owner.client.rpc('coupon_usage', { p_store_id: counted.store.id })))
      .toEqual([{ coupon_id: counted.coupon, claimed: 1, used: 0, gift_pack: 0, reward: 0 }]);
    const range = { p_store_id: counted.store.id, p_from: daysAgo(1), p_to: daysAgo(-1) };
    expect(ok(await counted.store.owner.client.rpc('analytics_coupons', range))).toEqual([expect.objectContaining({ coupon_id: counted.coupon, issued: 1, used: 0 })]);
    const feed = ok(await member.client.rpc('my_updates', { p_store_slug: counted.store.slug })) as { updates: { kind: string; code?: string }[] };
    expect(feed.updates.map(({ kind, code }) => ({ kind, code }))).toEqual([
      { kind: 'coupon_taken_back', code: 'TWO' }, { kind: 'coupon_given', code: 'TWO' }, { kind: 'coupon_given', code: 'TWO' },
    ]);
  });

  it('refuses a copy the company claimed, one from the gift pack, one used, one already taken back, changing nothing', async () => {
    const everyone = await addCoupon(store, { code: 'CLAIM-ME' });
    const member = await addMember(store);
    const claimed = ok(await member.client.rpc('claim_coupon', { p_coupon_id: everyone })) as { id: string };
    expectError(await takeBack(store.owner.client, claimed.id), 'P0001',
      /^member_coupon was claimed by the company itself: only a coupon staff gave can be taken back$/);
    const [pack] = await sql<{ id: string }>(
      `insert into public.member_coupons (store_id, coupon_id, member_id, slot, source) values ($1, $2, $3, 1, 'gift_pack') returning id`,
      [store.id, keyAccount, member.id]);
    expectError(await takeBack(store.owner.client, pack!.id), 'P0001', /^member_coupon came in the new-member gift pack: only a coupon staff gave can be taken back$/);

    const used = await give(await addMember(store));
    ok(await store.owner.client.rpc('record_coupon_use', { p_member_coupon_id: used.id, p_order_ref: 'PO-77' }));
    expectError(await takeBack(store.owner.client, used.id), 'P0001', /^member_coupon was used on order PO-77: a used coupon cannot be taken back$/);

    const twice = await give(await addMember(store));
    ok(await takeBack(store.owner.client, twice.id));
    const before = await copy(twice.id);
    expectError(await takeBack(store.owner.client, twice.id), 'P0001', /^member_coupon was already taken back on \d{4}-\d{2}-\d{2}$/);
    expect(await copy(twice.id)).toEqual(before);
    // Nor can its use be recorded: the company no longer holds it.
    expectError(await store.owner.client.rpc('record_coupon_use', { p_member_coupon_id: twice.id, p_order_ref: 'PO-78' }), 'P0001',
      /^member_coupon was taken back on \d{4}-\d{2}-\d{2}: the company no longer holds it$/);
    expect(await copy(claimed.id)).toMatchObject({ taken_back_at: null });
    expect(await copy(pack!.id)).toMatchObject({ taken_back_at: null });
  });

  it('is for the store\'s staff only: the company, its neighbours and other stores are refused as for record_coupon_use', async () => {
    const member = await addMember(store);
    const neighbour = await addMember(store);
    const other = await createStore({ label: 'take-back-other' });
    const given = await give(member);
    expectError(await takeBack(anonClient(), given.id), '42501');
    expectError(await takeBack(member.client, given.id), '42501', /^Only this store's staff may do this$/);
    const unknown = await takeBack(store.owner.client, randomUUID());
    expectError(unknown, 'PT404', /^member_coupon_id matches no held coupon$/);
    for (const stranger of [neighbour.client, other.owner.client]) {
      expect(refusalOf(await takeBack(stranger, given.id))).toEqual(refusalOf(unknown));
    }
    expect(await copy(given.id)).toMatchObject({ taken_back_at: null, taken_back_by: null });
  });

  it('takes back or records the use of one copy, never both, when both are sent at once', async () => {
    const coupon = await addCoupon(store, { code: 'RACE', per_member_limit: 100, claimable: false });
    const member = await addMember(store);
    const colleague = await addStaff(store);
    for (let round = 0; round < 6; round++) {
      const given = await give(member, coupon);
      // Both wait on the company's row before either runs: without a lock on it, they would not.
      const answers = await releasedTogether('select 1 from public.members where id = $1 for update', [member.id], [
        takeBack(store.owner.client, given.id),
        colleague.client.rpc('record_coupon_use', { p_member_coupon_id: given.id, p_order_ref: `RACE-${round}` }),
      ]);
      const back = answers[0]!;
      const use = answers[1]!;
      expect([back.error, use.error].filter(Boolean)).toHaveLength(1);
      const row = await copy(given.id);
      if (back.error) {
        expectError(back, 'P0001', `member_coupon was used on order RACE-${round}: a used coupon cannot be taken back`);
        expect(row).toMatchObject({ taken_back_at: null, used_at: expect.any(Date) });
      } else {
        expectError(use, 'P0001', /^member_coupon was taken back on \d{4}-\d{2}-\d{2}: the company no longer holds it$/);
        expect(row).toMatchObject({ taken_back_at: expect.any(Date), used_at: null });
      }
    }
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
