/**
 * A retried action that adds to a total is applied once (migration 20261222000300): adjust_points,
 * credit_rebate, apply_rebate, correct_rebate_credit, give_coupon, redeem_reward, claim_coupon,
 * claim_sample and record_campaign take a client's key (`p_request_id`). A repeat with the key writes nothing and answers as the first; the key with
 * other arguments is refused on `request_id` and writes nothing; two keys are two actions. The key
 * is looked up only once the caller may act on the company or store: another store's staff are
 * answered as without it.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../support/clients.ts';
import { addMember, addProduct, addStaff, createStore, expectError, ok, refusalOf, shipTo, type Actor, type Member, type Product, type Store } from './fixtures.ts';

let store: Store;
let other: Store;
let staff: Actor;
let otherStaff: Actor;
let buyer: Member;
let coupon: string;
let otherCoupon: string;
let kit: string;
let voucher: string;
let segment: string;
let product: Product;

const reused = /^request_id was already used for a different request: make a new key for a new one$/;

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'applied-once' }), createStore({ label: 'applied-once-other' })]);
  [staff, otherStaff, buyer] = await Promise.all([addStaff(store), addStaff(other), addMember(store, 'Once Trading Ltd')]);
  const owner = store.owner.client;
  const id = (result: { data: unknown; error: { message: string } | null }) => (ok(result) as { id: string }).id;
  [coupon, otherCoupon] = await Promise.all([
    owner.from('coupons').insert({ store_id: store.id, code: 'ONCE-5', kind: 'percent', value: 5, per_member_limit: 5 }).select('id').single().then(id),
    owner.from('coupons').insert({ store_id: store.id, code: 'ONCE-10', kind: 'percent', value: 10, per_member_limit: 5 }).select('id').single().then(id),
  ]);
  [kit, voucher, segment] = await Promise.all([
    owner.from('rewards').insert({ store_id: store.id, name: 'Sample kit', points_cost: 100 }).select('id').single().then(id),
    owner.from('rewards').insert({ store_id: store.id, name: 'Voucher', points_cost: 50, coupon_id: coupon }).select('id').single().then(id),
    owner.from('segments').insert({ store_id: store.id, name: 'Everyone', filters: {} }).select('id').single().then(id),
  ]);
  ok(await owner.rpc('adjust_points', { p_member_id: buyer.id, p_delta: 1000, p_note: 'Budget' }));
  product = await addProduct(store, { visibility: 'public' });
  // Room for the claims below: the quota would refuse a second one otherwise, whatever its key.
  await sql('update public.tiers set sample_quota = null where store_id = $1', [store.id]);
});

const rowsOf = async (table: string, key: string) =>
  Number((await sql<{ n: string }>(`select count(*) as n from public.${table} where request_id = $1`, [key]))[0]!.n);
const balances = async () =>
  (await sql<{ points_balance: string; rebate_balance: string }>('select points_balance, rebate_balance from public.members where id = $1', [buyer.id]))[0]!;

describe('adjust_points', () => {
  const adjust = (key: string, args: Record<string, unknown> = {}, client = staff.client) =>
    client.rpc('adjust_points', { p_member_id: buyer.id, p_delta: 40, p_note: 'Trade fair', p_request_id: key, ...args });

  it('applies a repeat of the key once, answering the balance; another key is another adjustment', async () => {
    const key = randomUUID();
    const first = ok(await adjust(key));
    expect(ok(await adjust(key))).toBe(first);
    expect(await rowsOf('points_ledger', key)).toBe(1);
    expect(Number(ok(await adjust(randomUUID())))).toBe(Number(first) + 40);
  });

  it('refuses the key with other points or another note, writing nothing', async () => {
    const key = randomUUID();
    ok(await adjust(key));
    const before = await balances();
    for (const args of [{ p_delta: 41 }, { p_delta: -40 }, { p_note: 'Another reason' }, { p_delta: null }]) {
      const error = expectError(await adjust(key, args), '22023', reused);
      expect(JSON.parse(error.details!)).toMatchObject({ field: 'request_id' });
    }
    expect(await balances()).toEqual(before);
    expect(await rowsOf('points_ledger', key)).toBe(1);
  });

  it('answers a repeat of a deduction done even when the balance no longer covers it', async () => {
    const key = randomUUID();
    const { points_balance } = await balances();
    const spent = -Number(points_balance);
    expect(Number(ok(await adjust(key, { p_delta: spent })))).toBe(0);
    expect(Number(ok(await adjust(key, { p_delta: spent })))).toBe(0);
    ok(await adjust(randomUUID(), { p_delta: 1000 }));
  });

  it('applies the same key sent twice at once once', async () => {
    const key = randomUUID();
    const answers = await Promise.all([adjust(key), adjust(key)]);
    expect(ok(answers[0])).toBe(ok(answers[1]));
    expect(await rowsOf('points_ledger', key)).toBe(1);
  });

  it('answers another store\'s staff and the company\'s own contact as without a key, so a key tells them nothing', async () => {
    const key = randomUUID();
    ok(await adjust(key));
    expect(refusalOf(await adjust(key, {}, otherStaff.client))).toEqual(refusalOf(await adjust(randomUUID(), {}, otherStaff.client)));
    expectError(await adjust(key, {}, otherStaff.client), 'PT404', /^member_id matches no member$/);
    expectError(await adjust(key, {}, buyer.client), '42501', /^member_id is not a member of a store you staff$/);
    expect(await rowsOf('points_ledger', key)).toBe(1);
  });
});

describe('credit_rebate and apply_rebate', () => {
  const credit = (key: string, args: Record<string, unknown> = {}, client = staff.client) =>
    client.rpc('credit_rebate', { p_member_id: buyer.id, p_amount: 12.5, p_note: 'Goodwill', p_request_id: key, ...args });
  const deduct = (key: string, args: Record<string, unknown> = {}, client = staff.client) =>
    client.rpc('apply_rebate', { p_member_id: buyer.id, p_amount: 2.25, p_order_ref: 'ONCE-1', p_request_id: key, ...args });

  it('credits once per key, refuses the key with another amount or note, and credits again with another key', async () => {
    const key = randomUUID();
    const first = Number(ok(await credit(key)));
    expect(Number(ok(await credit(key)))).toBe(first);
    expect(Number(ok(await credit(key, { p_amount: '12.50' })))).toBe(first);
    expectError(await credit(key, { p_amount: 13 }), '22023', reused);
    expectError(await credit(key, { p_note: 'Other' }), '22023', reused);
    expect(await rowsOf('rebate_ledger', key)).toBe(1);
    expect(Number(ok(await credit(randomUUID())))).toBe(first + 12.5);
  });

  it('deducts once per key, refuses the key with another amount, order or note or a credit\'s key, and deducts again with another key', async () => {
    const key = randomUUID();
    const first = Number(ok(await deduct(key)));
    expect(Number(ok(await deduct(key)))).toBe(first);
    for (const args of [{ p_amount: 3 }, { p_order_ref: 'ONCE-2' }, { p_note: 'At checkout' }]) expectError(await deduct(key, args), '22023', reused);
    expect(await rowsOf('rebate_ledger', key)).toBe(1);
    const creditKey = randomUUID();
    ok(await credit(creditKey));
    expectError(await deduct(creditKey), '22023', reused);
    expect(Number(ok(await deduct(randomUUID())))).toBe(first + 12.5 - 2.25);
  });

  it('takes a credit back once per key, refusing the key with another credit, amount or note', async () => {
    const creditKey = randomUUID();
    ok(await credit(creditKey, { p_amount: 30 }));
    const [{ id: creditId }] = await sql<{ id: string }>('select id from public.rebate_ledger where request_id = $1', [creditKey]) as [{ id: string }];
    const correct = (key: string, args: Record<string, unknown> = {}) =>
      staff.client.rpc('correct_rebate_credit', { p_credit_id: Number(creditId), p_amount: 10, p_note: 'Given twice', p_request_id: key, ...args });
    const key = randomUUID();
    const first = Number(ok(await correct(key)));
    expect(Number(ok(await correct(key)))).toBe(first);
    for (const args of [{ p_amount: 11 }, { p_note: 'Other' }]) expectError(await correct(key, args), '22023', reused);
    expectError(await correct(creditKey), '22023', reused);
    expect(await rowsOf('rebate_ledger', key)).toBe(1);
    expect(Number(ok(await correct(randomUUID())))).toBe(first - 10);
  });

  it('answers another store\'s staff as without a key', async () => {
    const key = randomUUID();
    ok(await credit(key));
    expect(refusalOf(await credit(key, {}, otherStaff.client))).toEqual(refusalOf(await credit(randomUUID(), {}, otherStaff.client)));
    expect(refusalOf(await deduct(key, {}, otherStaff.client))).toEqual(refusalOf(await deduct(randomUUID(), {}, otherStaff.client)));
    expect(await rowsOf('rebate_ledger', key)).toBe(1);
  });
});

describe('give_coupon', () => {
  const give = (key: string, args: Record<string, unknown> = {}, client = staff.client) =>
    client.rpc('give_coupon', { p_member_id: buyer.id, p_coupon_id: coupon, p_request_id: key, ...args });

  it('gives one copy per key, answering the same copy; the key with another coupon is refused; another key gives another', async () => {
    const key = randomUUID();
    const first = ok(await give(key)) as { id: string };
    expect(ok(await give(key))).toEqual(first);
    expectError(await give(key, { p_coupon_id: otherCoupon }), '22023', reused);
    expect(await rowsOf('member_coupons', key)).toBe(1);
    expect((ok(await give(randomUUID())) as { id: string }).id).not.toBe(first.id);
    expect(refusalOf(await give(key, {}, otherStaff.client))).toEqual(refusalOf(await give(randomUUID(), {}, otherStaff.client)));
  });
});

describe('redeem_reward', () => {
  const redeem = (key: string, args: Record<string, unknown> = {}, client = buyer.client) =>
    client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: shipTo, p_request_id: key, ...args });

  it('spends once per key, answering the same, with one delivery; another key redeems again', async () => {
    const key = randomUUID();
    const first = ok(await redeem(key));
    expect(ok(await redeem(key))).toEqual(first);
    expect(await rowsOf('points_ledger', key)).toBe(1);
    const [deliveries] = await sql<{ n: string }>(
      'select count(*) as n from public.reward_deliveries d join public.points_ledger l on l.id = d.points_entry_id where l.request_id = $1', [key]);
    expect(Number(deliveries!.n)).toBe(1);
    expect(ok(await redeem(randomUUID()))).toMatchObject({ points_balance: (first as { points_balance: number }).points_balance - 100 });
  });

  it('answers a coupon reward\'s repeat with the copy it issued', async () => {
    const key = randomUUID();
    const first = ok(await redeem(key, { p_reward_id: voucher, p_ship_to: null })) as { member_coupon_id: string };
    expect(first.member_coupon_id).toEqual(expect.any(String));
    expect(ok(await redeem(key, { p_reward_id: voucher, p_ship_to: null }))).toEqual(first);
    expect(await rowsOf('member_coupons', key)).toBe(1);
  });

  it('refuses the key with another reward or address, or a key staff used for the company, writing nothing', async () => {
    const key = randomUUID();
    ok(await redeem(key));
    const before = await balances();
    expectError(await redeem(key, { p_reward_id: voucher, p_ship_to: null }), '22023', reused);
    expectError(await redeem(key, { p_ship_to: { ...shipTo, city: 'Hamburg' } }), '22023', reused);
    const adjusted = randomUUID();
    ok(await staff.client.rpc('adjust_points', { p_member_id: buyer.id, p_delta: 5, p_note: 'Kept', p_request_id: adjusted }));
    const given = randomUUID();
    ok(await staff.client.rpc('give_coupon', { p_member_id: buyer.id, p_coupon_id: otherCoupon, p_request_id: given }));
    const after = await balances();
    expectError(await redeem(adjusted), '22023', reused);
    expectError(await redeem(given, { p_reward_id: voucher, p_ship_to: null }), '22023', reused);
    expect(Number(after.points_balance)).toBe(Number(before.points_balance) + 5);
    expect(await balances()).toEqual(after);
    expect(await rowsOf('member_coupons', given)).toBe(1);
  });
});

describe('claim_coupon and claim_sample', () => {
  const claimCoupon = (key: string, args: Record<string, unknown> = {}, client = buyer.client) =>
    client.rpc('claim_coupon', { p_coupon_id: otherCoupon, p_request_id: key, ...args });
  const claimSample = (key: string, args: Record<string, unknown> = {}, client = buyer.client) =>
    client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo, p_quantity: 2, p_request_id: key, ...args });

  it('claims a coupon once per key, answering the same copy; the key with another coupon is refused; another key claims again', async () => {
    const key = randomUUID();
    const first = ok(await claimCoupon(key)) as { id: string };
    expect(ok(await claimCoupon(key))).toEqual(first);
    expectError(await claimCoupon(key, { p_coupon_id: coupon }), '22023', reused);
    expect(await rowsOf('member_coupons', key)).toBe(1);
    expect((ok(await claimCoupon(randomUUID())) as { id: string }).id).not.toBe(first.id);
  });

  it('claims a sample once per key, answering the claim as it now is; the key with another quantity or address is refused', async () => {
    const key = randomUUID();
    const first = ok(await claimSample(key)) as { id: string; status: string };
    expect(ok(await claimSample(key))).toEqual(first);
    ok(await buyer.client.rpc('cancel_sample', { p_claim_id: first.id }));
    expect(ok(await claimSample(key))).toMatchObject({ id: first.id, status: 'cancelled' });
    for (const args of [{ p_quantity: 3 }, { p_ship_to: { ...shipTo, city: 'Hamburg' } }]) expectError(await claimSample(key, args), '22023', reused);
    expect(await rowsOf('sample_claims', key)).toBe(1);
    expect((ok(await claimSample(randomUUID())) as { id: string }).id).not.toBe(first.id);
  });

  it('refuses a key the company\'s other kind of action holds, writing nothing', async () => {
    const key = randomUUID();
    ok(await claimSample(key));
    expectError(await claimCoupon(key), '22023', reused);
    expectError(await staff.client.rpc('adjust_points', { p_member_id: buyer.id, p_delta: 5, p_note: 'x', p_request_id: key }), '22023', reused);
    expectError(await staff.client.rpc('give_coupon', { p_member_id: buyer.id, p_coupon_id: coupon, p_request_id: key }), '22023', reused);
    expect(await rowsOf('member_coupons', key) + await rowsOf('points_ledger', key)).toBe(0);
  });

  it('answers another store\'s staff and buyers as without a key', async () => {
    const key = randomUUID();
    ok(await claimCoupon(key));
    expect(refusalOf(await claimCoupon(key, {}, otherStaff.client))).toEqual(refusalOf(await claimCoupon(randomUUID(), {}, otherStaff.client)));
  });
});

describe('record_campaign', () => {
  const sentAt = new Date(Date.now() - 3_600_000).toISOString();
  const record = (key: string, args: Record<string, unknown> = {}, client = staff.client) =>
    client.rpc('record_campaign', {
      p_store_id: store.id, p_segment_id: segment, p_channel: 'email', p_subject: 'Spring offer', p_sent_at: sentAt, p_request_id: key, ...args,
    });

  it('logs one campaign per key, answering it again; the key with another send is refused; another key logs another', async () => {
    const key = randomUUID();
    const first = ok(await record(key)) as { id: string };
    expect(ok(await record(key))).toEqual(first);
    // Left out, the time is the first send's.
    expect(ok(await record(key, { p_sent_at: undefined }))).toEqual(first);
    for (const args of [{ p_subject: 'Summer offer' }, { p_channel: 'sms' }, { p_sent_at: new Date().toISOString() }, { p_sent_count: 99 }]) {
      expectError(await record(key, args), '22023', reused);
    }
    expect(await rowsOf('campaigns', key)).toBe(1);
    expect((ok(await record(randomUUID())) as { id: string }).id).not.toBe(first.id);
  });

  it('logs the same key sent twice at once once', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([record(key), record(key)]);
    expect((ok(a) as { id: string }).id).toBe((ok(b) as { id: string }).id);
    expect(await rowsOf('campaigns', key)).toBe(1);
  });

  it('answers another store\'s staff as without a key', async () => {
    const key = randomUUID();
    ok(await record(key));
    expect(refusalOf(await record(key, {}, otherStaff.client))).toEqual(refusalOf(await record(randomUUID(), {}, otherStaff.client)));
    expectError(await record(key, { p_store_id: other.id }, otherStaff.client), 'PT404', /^segment_id matches no segment$/);
    expect(await rowsOf('campaigns', key)).toBe(1);
  });
});
