/**
 * What staff may still do to a former member (migration 20261210000900): nothing more is given to
 * a company that left or was erased, nor taken from it but a mistake of staff's. Refused, with
 * nothing changed: a tier override set or cleared, points added or deducted, rebate credited, a
 * new order imported, a coupon given, and rebate spent or a coupon's use on anything but its own
 * order from before it left. Still done, for the store's accounts: a staff credit taken back, a
 * coupon staff gave taken back, rebate spent and a use recorded late on an order from before it
 * left, and that order's refund.
 * The import (20261211000100): an order placed before the company left, imported after, is recorded
 * earning nothing (no points, rebate or tier, also when corrected or when another order of the
 * company is refunded), neither counted on the console's member page nor given a counts_until
 * (20261211000800); a new order of a company whose last contact leaves while the
 * import waits on its lock is refused as one sent after.
 * Another store's staff learn nothing of it; plain staff are refused as owners are. The race with
 * an erasure is in erase-member.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { holdLocks, serviceClient, sql, untilWaiting } from '../support/clients.ts';
import {
  addMember, addStaff, createStore, daysAgo, expectError, importOrders, ok, orderRow, type Actor, type Member, type Store,
} from './fixtures.ts';

const leftTheStore = /^member left the store on \d{4}-\d{2}-\d{2}: its record is kept for the store's statistics only$/;

let store: Store;
let staff: Actor;
let otherOwner: Actor;
let former: Member;
/**
 * The former member's order from before it left, one placed after (cancelled at once, within the
 * import's day of slack), and the staff credit and coupon copies it was given then.
 */
let orderRef: string;
let orderPlacedAt: string;
let laterRef: string;
let creditId: number;
let copies: [string, string];
let coupon: string;

/** Every row of the company staff actions write, to show a refusal changed nothing. */
const companyState = async (memberId: string) =>
  sql(`select (select m::text from public.members m where m.id = $1) as company,
              (select string_agg(x::text, '|' order by x.id) from public.points_ledger x where x.member_id = $1) as points,
              (select string_agg(x::text, '|' order by x.id) from public.rebate_ledger x where x.member_id = $1) as rebates,
              (select string_agg(x::text, '|' order by x.id) from public.member_coupons x where x.member_id = $1) as coupons,
              (select string_agg(x::text, '|' order by x.id) from public.tier_changes x where x.member_id = $1) as tiers`, [memberId]);

beforeAll(async () => {
  let other: Store;
  [store, other] = await Promise.all([createStore({ label: 'former-actions' }), createStore({ label: 'former-actions-other' })]);
  otherOwner = other.owner;
  [staff, former] = await Promise.all([addStaff(store), addMember(store, 'Gone Wigs Ltd')]);
  const order = orderRow(former, { amount: 200 });
  const later = orderRow(former, { placed_at: new Date(Date.now() + 12 * 3_600_000).toISOString(), status: 'cancelled' });
  [orderRef, orderPlacedAt, laterRef] = [order.external_ref!, order.placed_at!, later.external_ref!];
  await importOrders(store, [order, later]);
  coupon = (ok(await serviceClient().from('coupons').insert({
    store_id: store.id, code: 'KEY-10', description: { en: 'Ten off' }, kind: 'percent', value: 10, claimable: false, per_member_limit: 5,
  }).select('id').single()) as { id: string }).id;
  const give = async () => (ok(await store.owner.client.rpc('give_coupon', { p_member_id: former.id, p_coupon_id: coupon })) as { id: string }).id;
  copies = [await give(), await give()];
  ok(await store.owner.client.rpc('credit_rebate', { p_member_id: former.id, p_amount: 40, p_note: 'Goodwill' }));
  creditId = (await sql<{ id: number }>(`select id from public.rebate_ledger where member_id = $1 and reason = 'credit'`, [former.id]))[0]!.id;
  ok(await store.owner.client.rpc('set_tier_override', { p_member_id: former.id, p_tier_id: store.tiers[2]!.id, p_expires_at: '2999-01-01T00:00:00Z' }));
  ok(await former.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
});

describe('staff acting on a former member', () => {
  const refusals = (client: Actor['client']) => ({
    'an override': client.rpc('set_tier_override', { p_member_id: former.id, p_tier_id: store.tiers[1]!.id, p_expires_at: '2999-01-01T00:00:00Z' }),
    'clearing the override': client.rpc('set_tier_override', { p_member_id: former.id, p_tier_id: null }),
    'points added': client.rpc('adjust_points', { p_member_id: former.id, p_delta: 100, p_note: 'Goodwill' }),
    'points deducted': client.rpc('adjust_points', { p_member_id: former.id, p_delta: -1, p_note: 'Correction' }),
    'a rebate credit': client.rpc('credit_rebate', { p_member_id: former.id, p_amount: 5, p_note: 'Goodwill' }),
    'rebate spent on an order it never had': client.rpc('apply_rebate', { p_member_id: former.id, p_amount: 5, p_order_ref: 'SHOP-404' }),
    'rebate spent on its order placed after it left': client.rpc('apply_rebate', { p_member_id: former.id, p_amount: 5, p_order_ref: laterRef }),
    'a coupon given': client.rpc('give_coupon', { p_member_id: former.id, p_coupon_id: coupon }),
    'a use on an order it never had': client.rpc('record_coupon_use', { p_member_coupon_id: copies[0], p_order_ref: 'SHOP-404' }),
  });

  it('refuses owners and plain staff everything that gives it something or spends what it holds, changing nothing', async () => {
    const before = await companyState(former.id);
    for (const actor of [store.owner, staff]) {
      for (const [what, request] of Object.entries(refusals(actor.client))) {
        const refused = expectError(await request, 'P0001', leftTheStore);
        expect(JSON.parse(refused.details!), what).toMatchObject({ field: 'member' });
      }
    }
    expect(await companyState(former.id)).toEqual(before);
  });

  it('says it left before reading anything else it is sent (hostile input refused the same way)', async () => {
    const before = await companyState(former.id);
    expectError(await staff.client.rpc('adjust_points', { p_member_id: former.id, p_delta: 0, p_note: '' }), 'P0001', leftTheStore);
    expectError(await staff.client.rpc('credit_rebate', { p_member_id: former.id, p_amount: 'NaN', p_note: 'x'.repeat(501) }), 'P0001', leftTheStore);
    expectError(await staff.client.rpc('give_coupon', { p_member_id: former.id, p_coupon_id: '00000000-0000-0000-0000-000000000000' }), 'P0001', leftTheStore);
    expect(await companyState(former.id)).toEqual(before);
  });

  it('refuses a new order of it in the import, as a row mistake, importing nothing of the batch', async () => {
    const before = await companyState(former.id);
    const orders = async () => sql('select external_ref, status from public.orders where member_id = $1 order by external_ref', [former.id]);
    const ordersBefore = await orders();
    const refused = expectError(await staff.client.rpc('import_orders', {
      p_store_id: store.id,
      p_rows: [orderRow(former, { external_ref: orderRef, amount: 200, status: 'refunded' }), orderRow(former, { amount: 7500 })],
    }), '22023', /^Row 2: member_id left the store on \d{4}-\d{2}-\d{2}: its record is kept for the store's statistics only$/);
    expect(JSON.parse(refused.details!)).toMatchObject({ row: 2, field: 'member_id' });
    expect(await orders()).toEqual(ordersBefore);
    expect(await companyState(former.id)).toEqual(before);
  });

  it('tells another store\'s staff nothing of it: the company is unknown to them', async () => {
    const before = await companyState(former.id);
    expectError(await otherOwner.client.rpc('credit_rebate', { p_member_id: former.id, p_amount: 5, p_note: 'x' }), 'PT404', /^member_id matches no member$/);
    expectError(await otherOwner.client.rpc('set_tier_override', { p_member_id: former.id, p_tier_id: null }), 'PT404', /^member_id matches no member$/);
    expectError(await otherOwner.client.rpc('record_coupon_use', { p_member_coupon_id: copies[0], p_order_ref: orderRef }), 'PT404', /^member_coupon_id matches no held coupon$/);
    expect(await companyState(former.id)).toEqual(before);
  });

  it('still takes back what staff gave by mistake, records rebate spent and a use on its order from before it left, and refunds that order', async () => {
    expect(ok(await staff.client.rpc('take_back_coupon', { p_member_coupon_id: copies[1] }))).toMatchObject({ taken_back_by: staff.user.id });
    expect(ok(await staff.client.rpc('record_coupon_use', { p_member_coupon_id: copies[0], p_order_ref: orderRef }))).toMatchObject({ used_order_ref: orderRef });
    expect(ok(await staff.client.rpc('apply_rebate', { p_member_id: former.id, p_amount: 15, p_order_ref: orderRef }))).toBe(25);
    expect(ok(await staff.client.rpc('correct_rebate_credit', { p_credit_id: creditId, p_amount: 25, p_note: 'Given by mistake' }))).toBe(0);
    const points = async () => Number((await sql('select points_balance from public.members where id = $1', [former.id]))[0]!.points_balance);
    expect(await points()).toBeGreaterThan(0);
    await importOrders(store, [orderRow(former, { external_ref: orderRef, amount: 200, placed_at: orderPlacedAt, status: 'refunded' })]);
    expect(await sql('select status from public.orders where external_ref = $1', [orderRef])).toEqual([{ status: 'refunded' }]);
    expect(await points()).toBe(0);
  });

  it('refuses rebate spent on its order from before it left once that order is refunded, as record_coupon_use does', async () => {
    const before = await companyState(former.id);
    const refused = expectError(await staff.client.rpc('apply_rebate', { p_member_id: former.id, p_amount: 5, p_order_ref: orderRef }),
      'P0001', new RegExp(`^order_ref ${orderRef} was refunded: no rebate was spent on it$`));
    expect(JSON.parse(refused.details!)).toMatchObject({ field: 'order_ref' });
    expect(await companyState(former.id)).toEqual(before);
  });
});

describe('the orders import and a company that left', () => {
  /** What the company holds and its tier, to show an order changed none of it. */
  const standing = async (memberId: string) =>
    sql(`select m.tier_id, m.period_paid_orders, m.period_paid_amount, m.points_balance, m.rebate_balance,
              (select count(*)::int from public.points_ledger x where x.member_id = m.id) as points_rows,
              (select count(*)::int from public.rebate_ledger x where x.member_id = m.id) as rebate_rows,
              (select count(*)::int from public.tier_changes x where x.member_id = m.id) as tier_changes
         from public.members m where m.id = $1`, [memberId]);

  it('records an order placed before it left, imported after, earning nothing even when corrected or when another of its orders is refunded', async () => {
    const gone = await addMember(store, 'Late Order Wigs Ltd');
    const vip = store.tiers[2]!;
    const earlier = orderRow(gone, { amount: 300, placed_at: daysAgo(3) });
    await importOrders(store, [earlier]);
    ok(await gone.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    const before = await standing(gone.id);
    expect(before[0]!.points_rows).toBeGreaterThan(0);

    // Enough to lift the company to VIP, had it counted.
    const late = orderRow(gone, { amount: Math.max(Number(vip.min_paid_amount), 1) + 100, placed_at: daysAgo(1) });
    expect(await importOrders(store, [late])).toMatchObject({ inserted: 1 });
    expect(await sql('select status, amount::float as amount from public.orders where external_ref = $1', [late.external_ref]))
      .toEqual([{ status: 'paid', amount: late.amount }]);
    expect(await standing(gone.id)).toEqual(before);
    // The console's member page and the orders' dates count it no more than the tier does (20261211000800).
    const page = ok(await store.owner.client.rpc('staff_member_standing', { p_member_id: gone.id })) as {
      paid_orders: number; paid_amount: number; orders: { external_ref: string }[] };
    expect(page).toMatchObject({ paid_orders: 1, paid_amount: 300, orders: [{ external_ref: earlier.external_ref }] });
    const countsUntil = ok(await store.owner.client.from('orders').select('external_ref, counts_until')
      .in('external_ref', [earlier.external_ref, late.external_ref])) as { external_ref: string; counts_until: string | null }[];
    expect(Object.fromEntries(countsUntil.map((o) => [o.external_ref, o.counts_until !== null])))
      .toEqual({ [earlier.external_ref!]: true, [late.external_ref!]: false });

    // Corrected, then the company's other order refunded: neither credits it anything.
    expect(await importOrders(store, [{ ...late, amount: late.amount! + 50 }])).toMatchObject({ updated: 1 });
    expect(await standing(gone.id)).toEqual(before);
    await importOrders(store, [{ ...earlier, status: 'refunded' }]);
    expect(await sql(`select count(*)::int as n from public.points_ledger where order_id = (select id from public.orders where external_ref = $1)
                      union all select count(*)::int from public.rebate_ledger where order_id = (select id from public.orders where external_ref = $1)`,
      [late.external_ref])).toEqual([{ n: 0 }, { n: 0 }]);
    const refunded = await standing(gone.id);
    expect(refunded[0]).toMatchObject({ points_balance: 0, period_paid_orders: 0 });

    // Its own refund takes back nothing: it holds nothing.
    await importOrders(store, [{ ...late, status: 'refunded' }]);
    expect(await standing(gone.id)).toEqual(refunded);
  });

  it('refuses a new order of a company whose last contact leaves while the import waits on its lock', async () => {
    const leaving = await addMember(store, 'Leaving Meanwhile Ltd');
    const row = orderRow(leaving, { placed_at: new Date(Date.now() + 12 * 3_600_000).toISOString(), amount: 500 });
    const blocker = await holdLocks('select 1 from public.members where id = $1 for update', [leaving.id]);
    let answer: PromiseLike<{ error: { code?: string; message: string; details?: string | null } | null; status: number }> | undefined;
    try {
      // Sent now: it reads the rows, then waits on the company's lock.
      answer = Promise.resolve(staff.client.rpc('import_orders', { p_store_id: store.id, p_rows: [row] }));
      await untilWaiting(blocker.pid, 1);
      await blocker.run('set local role authenticated');
      await blocker.run(`select set_config('request.jwt.claims', $1, true)`,
        [JSON.stringify({ sub: leaving.user.id, role: 'authenticated', aud: 'authenticated' })]);
      await blocker.run('select public.leave_store($1, true)', [store.slug]);
      await blocker.commit();
    } catch (error) {
      await blocker.release();
      throw error;
    }
    const refused = expectError(await answer, '22023',
      /^Row 1: member_id left the store on \d{4}-\d{2}-\d{2}: its record is kept for the store's statistics only$/);
    expect(JSON.parse(refused.details!)).toMatchObject({ row: 1, field: 'member_id' });
    expect(await sql('select 1 from public.orders where external_ref = $1', [row.external_ref])).toEqual([]);
    expect(await standing(leaving.id)).toEqual([expect.objectContaining({ points_balance: 0, points_rows: 0, rebate_rows: 0 })]);
  });
});
