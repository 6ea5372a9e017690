/**
 * Analytics (issue 14) on a hand-computed fixture. Five companies, dates relative to today
 * (dN = N days ago), tier history set to the instants the engine's changes stand for:
 *   m1 joined d50; paid 100 at d40 (→ Senior), 300 at d10
 *   m2 joined d20; paid 200 at d5 (→ Senior)
 *   m3 joined d30; sample claimed d10, no order
 *   m4 joined d100; paid 12,000 at d30 (→ VIP); 1,000 at d25 refunded
 *   m5 joined d25; sample claimed d15; paid 100 at d3 (→ Senior)
 * Range [d60, tomorrow). A coupon taken by m1 and m2, used by m1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, sql } from '../support/clients.ts';
import {
  addMember, addProduct, addStaff, createStore, daysAgo, expectError, importOrders, ok, orderRow, shipTo,
  type Actor, type Member, type Store,
} from './fixtures.ts';
import { maxPeriods, periodCount, rangeInstants } from '../../src/lib/growth/analytics.ts';

let store: Store;
let other: Store;
let staff: Actor;
let otherStaff: Actor;
const m = {} as Record<'m1' | 'm2' | 'm3' | 'm4' | 'm5', Member>;
interface OverTime { period_end: string; dimension: string; label: string; members: number }
const range = () => ({ p_store_id: store.id, p_from: daysAgo(60), p_to: daysAgo(-1) });
/** When each order was placed, to compute points' expiry months. */
const placed = { m1a: daysAgo(40), m1b: daysAgo(10), m2: daysAgo(5), m4: daysAgo(30), m4r: daysAgo(25), m5: daysAgo(3) };

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'analytics' }), createStore({ label: 'analytics-other' })]);
  [staff, otherStaff] = await Promise.all([addStaff(store), addStaff(other)]);
  const keys = ['m1', 'm2', 'm3', 'm4', 'm5'] as const;
  const joined = await Promise.all(keys.map((k) => addMember(store, k)));
  keys.forEach((k, i) => { m[k] = joined[i]!; });
  const product = await addProduct(store);
  ok(await m.m3.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo }));
  ok(await m.m5.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo }));
  await importOrders(store, [
    orderRow(m.m1, { amount: 100, placed_at: placed.m1a }), orderRow(m.m1, { amount: 300, placed_at: placed.m1b }),
    orderRow(m.m2, { amount: 200, placed_at: placed.m2 }),
    orderRow(m.m4, { amount: 12_000, placed_at: placed.m4 }), orderRow(m.m4, { amount: 1_000, placed_at: placed.m4r, status: 'refunded' }),
    orderRow(m.m5, { amount: 100, placed_at: placed.m5 }),
  ]);
  const coupon = ok(await serviceClient().from('coupons').insert({ store_id: store.id, code: 'THANKS-10', kind: 'percent', value: 10, per_member_limit: 1 }).select('id').single()) as { id: string };
  const held = ok(await m.m1.client.rpc('claim_coupon', { p_coupon_id: coupon.id })) as { id: string };
  ok(await m.m2.client.rpc('claim_coupon', { p_coupon_id: coupon.id }));
  ok(await staff.client.rpc('record_coupon_use', { p_member_coupon_id: held.id, p_order_ref: 'ORD-X' }));
  // Join dates, claim dates and the tier history at the instants they stand for.
  await sql(
    `update public.members x set joined_at = now() - make_interval(days => v.d) from (values ($1::uuid, 50), ($2::uuid, 20), ($3::uuid, 30), ($4::uuid, 100), ($5::uuid, 25)) v (id, d) where x.id = v.id`,
    [m.m1.id, m.m2.id, m.m3.id, m.m4.id, m.m5.id]);
  await sql(
    `update public.sample_claims x set created_at = now() - make_interval(days => v.d) from (values ($1::uuid, 10), ($2::uuid, 15)) v (id, d) where x.member_id = v.id`,
    [m.m3.id, m.m5.id]);
  await sql(
    `update public.tier_changes h set changed_at = case when h.reason = 'join' then m.joined_at
       else (select min(o.placed_at) from public.orders o where o.member_id = h.member_id and o.status = 'paid') end
     from public.members m where m.id = h.member_id and h.store_id = $1`, [store.id]);
});

describe('analytics on the fixture', () => {
  it('conversions: join → first order, repurchase, sample → order', async () => {
    const rows = ok(await staff.client.rpc('analytics_conversions', range())) as { metric: string; base: number; converted: number; rate: number }[];
    expect(rows.map((r) => [r.metric, r.base, r.converted, Number(r.rate)])).toEqual([
      ['join_first_order', 4, 3, 0.75], // m1, m2, m3, m5 joined in range; m3 never ordered
      ['repurchase', 4, 1, 0.25], // m1, m2, m4, m5 ordered; m1 twice
      ['sample_order', 2, 1, 0.5], // m3 and m5 claimed; m5 ordered after
    ]);
  });

  it('conversions over a range that ends before some members ordered again', async () => {
    // [d60, d4): m5's only order (d3) is after the end, so it is read from the orders, not from
    // the newest two the engine keeps; m2's (d5) is inside.
    const rows = ok(await staff.client.rpc('analytics_conversions', { ...range(), p_to: daysAgo(4) })) as { metric: string; base: number; converted: number; rate: number }[];
    expect(rows.map((r) => [r.metric, r.base, r.converted, Number(r.rate)])).toEqual([
      ['join_first_order', 4, 2, 0.5], // m1 and m2 ordered before the end; m3 never, m5 after it
      ['repurchase', 3, 1, 0.3333], // m1 (twice), m2, m4 ordered in the range
      ['sample_order', 2, 0, 0], // m5 ordered after the end
    ]);
  });

  it('average order value by the tier held when ordering', async () => {
    const rows = ok(await staff.client.rpc('analytics_order_value', range())) as { tier_name: string; tier_rank: number; orders: number; revenue: number; average: number; currency: string }[];
    expect(rows.map((r) => [r.tier_name, r.tier_rank, r.orders, Number(r.revenue), Number(r.average), r.currency])).toEqual([
      ['Senior', 1, 4, 700, 175, 'USD'], // 100 + 300 + 200 + 100
      ['VIP', 2, 1, 12_000, 12_000, 'USD'], // the refunded 1,000 counts nowhere
    ]);
  });

  it('members by tier and by stage at the end of each period', async () => {
    const days = range();
    const rows = ok(await staff.client.rpc('analytics_members_over_time', { ...days, p_period: 'day' })) as OverTime[];
    const ends = [...new Set(rows.map((r) => r.period_end))];
    // Days end at UTC midnights: the 61 inside the range (it starts and ends at this time of
    // day), then the range's end.
    expect(ends).toHaveLength(62);
    expect(ends.slice(0, -1).filter((end) => Date.parse(end) % 86_400_000 !== 0)).toEqual([]);
    expect(Date.parse(ends.at(-1)!)).toBe(Date.parse(days.p_to));
    const at = (end: string, dimension: string) => Object.fromEntries(rows.filter((r) => r.period_end === end && r.dimension === dimension).map((r) => [r.label, r.members]));
    // d35: m4 (ordinary until d30) and m1 (Senior since d40, one order in the period).
    const d35 = ends[25]!;
    // d59: only m4 (joined d100) had joined; every tier is there, with 0 where nobody held it.
    expect(at(ends[0]!, 'tier')).toEqual({ Ordinary: 1, Senior: 0, VIP: 0 });
    expect(at(d35, 'tier')).toEqual({ Ordinary: 1, Senior: 1, VIP: 0 });
    expect(at(d35, 'stage')).toEqual({ cognitive: 1, interested: 0, purchasing: 1, loyal: 0 });
    // Tomorrow: all five; m4 loyal as VIP (top tier), m1 loyal with two orders, m3 interested by its claim.
    const last = ends.at(-1)!;
    expect(at(last, 'tier')).toEqual({ Ordinary: 1, Senior: 3, VIP: 1 });
    expect(at(last, 'stage')).toEqual({ cognitive: 0, interested: 1, purchasing: 2, loyal: 2 });
  });

  it('a period end counts the orders of its statistical window (end - window, end], to the microsecond', async () => {
    // A store with a 10-day window; one paid order exactly at the second of 14 daily period ends.
    const edge = await createStore({ label: 'analytics-edge' });
    await sql('update public.stores set statistical_period_days = 10 where id = $1', [edge.id]);
    const buyer = await addMember(edge, 'edge');
    // From a UTC midnight, so that the daily ends are the days counted from it.
    const from = Date.parse(daysAgo(30).slice(0, 10));
    const at = (days: number) => new Date(from + days * 86_400_000).toISOString();
    await importOrders(edge, [orderRow(buyer, { amount: 10, placed_at: at(2) })]);
    await sql('update public.members set joined_at = $2 where id = $1', [buyer.id, at(-5)]);
    const rows = ok(await edge.owner.client.rpc('analytics_members_over_time', { p_store_id: edge.id, p_from: at(0), p_to: at(14), p_period: 'day' })) as OverTime[];
    const purchasing = (day: number) => rows.find((r) => Date.parse(r.period_end) === Date.parse(at(day)) && r.label === 'purchasing')!.members;
    // Ends 1 (before the order), 2 (at it), 11 (its window's last), 12 (exactly 10 days after: out).
    expect([1, 2, 11, 12].map(purchasing)).toEqual([0, 1, 1, 0]);
  });

  it('points and rebate liabilities, and when points expire', async () => {
    const rows = ok(await staff.client.rpc('analytics_liabilities', { p_store_id: store.id })) as { kind: string; expires_in: string | null; amount: number; currency: string | null }[];
    // Points: 1 per USD × the tier reached with the order (Senior 1.5, VIP 2): 150 + 450 + 300 + 24,000 + 150.
    const credits: [string, number][] = [[placed.m1a, 150], [placed.m1b, 450], [placed.m2, 300], [placed.m4, 24_000], [placed.m5, 150]];
    const byMonth = new Map<string, number>();
    for (const [at, points] of credits) {
      const expires = new Date(new Date(at).getTime() + 365 * 86_400_000);
      const month = `${expires.getUTCFullYear()}-${String(expires.getUTCMonth() + 1).padStart(2, '0')}-01`;
      byMonth.set(month, (byMonth.get(month) ?? 0) + points);
    }
    expect(rows.map((r) => [r.kind, r.expires_in, Number(r.amount), r.currency])).toEqual([
      ['points', null, 25_050, null],
      ...[...byMonth].sort().map(([month, points]) => ['points', month, points, null]),
      ['rebate', null, 600, 'USD'], // VIP's 5 % of 12,000
    ]);
  });

  it('coupon redemption', async () => {
    const rows = ok(await staff.client.rpc('analytics_coupons', range())) as { code: string; issued: number; used: number; rate: number }[];
    expect(rows.map((r) => [r.code, r.issued, r.used, Number(r.rate)])).toEqual([['THANKS-10', 2, 1, 0.5]]);
  });

  it('are the store\'s staff\'s only, and refuse a bad range', async () => {
    for (const fn of ['analytics_conversions', 'analytics_order_value', 'analytics_coupons', 'analytics_members_over_time'] as const) {
      expectError(await otherStaff.client.rpc(fn, range()), '42501');
      expectError(await m.m1.client.rpc(fn, range()), '42501');
    }
    expectError(await otherStaff.client.rpc('analytics_liabilities', { p_store_id: store.id }), '42501');
    expectError(await staff.client.rpc('analytics_conversions', { ...range(), p_to: daysAgo(70) }), '22023', 'to must be after from');
    expectError(await staff.client.rpc('analytics_members_over_time', { ...range(), p_period: 'hour' }), '22023', 'period must be one of day, week, month');
    expectError(await staff.client.rpc('analytics_members_over_time', { p_store_id: store.id, p_from: daysAgo(1000), p_to: daysAgo(0), p_period: 'day' }), '22023', /more than 400 days/);
  });
});

/**
 * Periods end at the calendar's boundaries in UTC (migration 20261204000100), on a store of its
 * own: A joined 2026-02-10 12:00 and paid 100 on 2026-03-05 (→ Senior); B joined at
 * 2026-03-01 00:00 exactly, a period's end.
 */
describe('members over time by calendar periods', () => {
  let calendar: Store;
  // One row per end (the loyal stage's), which keeps 400 ends inside the API's row limit.
  const ends = async (p_from: string, p_to: string, p_period: string) =>
    (ok(await calendar.owner.client.rpc('analytics_members_over_time', { p_store_id: calendar.id, p_from, p_to, p_period }).eq('label', 'loyal')) as OverTime[])
      .map((r) => new Date(r.period_end).toISOString());

  beforeAll(async () => {
    calendar = await createStore({ label: 'analytics-calendar' });
    const [a, b] = await Promise.all([addMember(calendar, 'A'), addMember(calendar, 'B')]);
    await importOrders(calendar, [orderRow(a, { amount: 100, placed_at: '2026-03-05T09:00:00Z' })]);
    await sql(`update public.members x set joined_at = v.at from (values ($1::uuid, '2026-02-10T12:00:00Z'::timestamptz), ($2::uuid, '2026-03-01T00:00:00Z')) v (id, at) where x.id = v.id`, [a.id, b.id]);
    await sql(
      `update public.tier_changes h set changed_at = case when h.reason = 'join' then m.joined_at
         else (select min(o.placed_at) from public.orders o where o.member_id = h.member_id and o.status = 'paid') end
       from public.members m where m.id = h.member_id and h.store_id = $1`, [calendar.id]);
  });

  it('by month: the first of every month inside the range, then its end', async () => {
    expect(await ends('2026-01-15T00:00:00Z', '2026-03-10T00:00:00Z', 'month')).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-03-10T00:00:00.000Z']);
    // A range ending at a month's start ends there once.
    expect(await ends('2026-01-15T00:00:00Z', '2026-03-01T00:00:00Z', 'month')).toEqual(['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z']);
  });

  it('by week: every Monday inside the range, then its end', async () => {
    // Wednesday 4 March to Wednesday 25 March 2026.
    const weeks = await ends('2026-03-04T00:00:00Z', '2026-03-25T00:00:00Z', 'week');
    expect(weeks).toEqual(['2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', '2026-03-23T00:00:00.000Z', '2026-03-25T00:00:00.000Z']);
    expect(weeks.slice(0, -1).map((end) => new Date(end).getUTCDay())).toEqual([1, 1, 1]);
  });

  it('by day: every midnight inside the range, then its end', async () => {
    expect(await ends('2026-03-04T06:00:00Z', '2026-03-06T18:00:00Z', 'day')).toEqual(['2026-03-05T00:00:00.000Z', '2026-03-06T00:00:00.000Z', '2026-03-06T18:00:00.000Z']);
  });

  it('a range inside one month is one period', async () => {
    expect(await ends('2026-02-03T00:00:00Z', '2026-02-21T00:00:00Z', 'month')).toEqual(['2026-02-21T00:00:00.000Z']);
  });

  it('counts at each end the members who had joined by it, in their tier and stage then', async () => {
    const rows = ok(await calendar.owner.client.rpc('analytics_members_over_time',
      { p_store_id: calendar.id, p_from: '2026-01-15T00:00:00Z', p_to: '2026-03-10T00:00:00Z', p_period: 'month' })) as OverTime[];
    const at = (end: string, dimension: string) =>
      Object.fromEntries(rows.filter((r) => Date.parse(r.period_end) === Date.parse(end) && r.dimension === dimension).map((r) => [r.label, r.members]));
    // 1 February: neither had joined.
    expect(at('2026-02-01T00:00:00Z', 'tier')).toEqual({ Ordinary: 0, Senior: 0, VIP: 0 });
    expect(at('2026-02-01T00:00:00Z', 'stage')).toEqual({ cognitive: 0, interested: 0, purchasing: 0, loyal: 0 });
    // 1 March: A, who joined in the period, and B, who joined at its end.
    expect(at('2026-03-01T00:00:00Z', 'tier')).toEqual({ Ordinary: 2, Senior: 0, VIP: 0 });
    expect(at('2026-03-01T00:00:00Z', 'stage')).toEqual({ cognitive: 2, interested: 0, purchasing: 0, loyal: 0 });
    // 10 March, the range's end: A has ordered since.
    expect(at('2026-03-10T00:00:00Z', 'tier')).toEqual({ Ordinary: 1, Senior: 1, VIP: 0 });
    expect(at('2026-03-10T00:00:00Z', 'stage')).toEqual({ cognitive: 1, interested: 0, purchasing: 1, loyal: 0 });
  });

  // Nobody joined by the range's end (20261204000100): a row per tier and stage at every end, at 0,
  // where one row per stage came with a null period_end.
  const nobodyYet = async (store: Store, p_from: string, p_to: string, ends: string[]) => {
    const rows = ok(await store.owner.client.rpc('analytics_members_over_time', { p_store_id: store.id, p_from, p_to, p_period: 'week' })) as OverTime[];
    expect(rows.map((r) => [r.period_end && new Date(r.period_end).toISOString(), r.dimension, r.label, r.members])).toEqual(ends.flatMap((end) => [
      ...['cognitive', 'interested', 'purchasing', 'loyal'].map((stage) => [end, 'stage', stage, 0]),
      ...['Ordinary', 'Senior', 'VIP'].map((tier) => [end, 'tier', tier, 0]),
    ]));
  };

  it('a range before the first join: every end, each tier and stage at 0', async () => {
    // A joined 10 February; Monday 5 January to 1 February 2026.
    await nobodyYet(calendar, '2026-01-05T00:00:00Z', '2026-02-01T00:00:00Z',
      ['2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z', '2026-01-26T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
  });

  it('a store with no members: every end, each tier and stage at 0', async () => {
    const empty = await createStore({ label: 'analytics-empty' });
    await nobodyYet(empty, '2026-03-04T00:00:00Z', '2026-03-18T00:00:00Z', ['2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', '2026-03-18T00:00:00.000Z']);
  });

  it('refuses more than 400 calendar periods', async () => {
    // 400 days from a midnight are 400 days; from noon they touch 401.
    expect(await ends('2025-03-01T00:00:00Z', '2026-04-05T00:00:00Z', 'day')).toHaveLength(400);
    expectError(await calendar.owner.client.rpc('analytics_members_over_time',
      { p_store_id: calendar.id, p_from: '2025-03-01T12:00:00Z', p_to: '2026-04-05T12:00:00Z', p_period: 'day' }), '22023', /more than 400 days/);
  });

  it('counts the periods as the console\'s range form does before asking, and names their unit past 400', async () => {
    const after = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    // Either side of the limit by day, and by week from a Wednesday, a Sunday and a Monday (weeks
    // start on 2018-12-31 and 2019-01-07); short ranges of each unit.
    const forms = [
      { from: '2025-03-01', to: '2026-04-04', period: 'day' }, { from: '2025-03-01', to: '2026-04-05', period: 'day' },
      { from: '2019-01-02', to: after('2018-12-31', 2799), period: 'week' }, { from: '2019-01-02', to: after('2018-12-31', 2800), period: 'week' },
      { from: '2019-01-06', to: after('2018-12-31', 2800), period: 'week' },
      { from: '2019-01-07', to: after('2019-01-07', 2799), period: 'week' }, { from: '2019-01-07', to: after('2019-01-07', 2800), period: 'week' },
      { from: '2026-03-04', to: '2026-03-25', period: 'week' }, { from: '2026-03-02', to: '2026-03-02', period: 'week' },
      { from: '2026-01-15', to: '2026-03-10', period: 'month' }, { from: '2026-01-15', to: '2026-02-28', period: 'month' }, { from: '2017-01-01', to: '2026-12-31', period: 'month' },
      { from: '2026-03-04', to: '2026-03-06', period: 'day' },
    ] as const;
    const answers = await Promise.all(forms.map(async (form) => {
      const { from, to } = rangeInstants(form);
      const answer = await calendar.owner.client.rpc('analytics_members_over_time', { p_store_id: calendar.id, p_from: from, p_to: to, p_period: form.period }).eq('label', 'loyal');
      return answer.error ? `${answer.error.code} ${answer.error.message}` : answer.data.length;
    }));
    expect(forms.map(periodCount)).toEqual([400, 401, 400, 401, 401, 400, 401, 4, 1, 3, 2, 120, 3]);
    expect(answers).toEqual(forms.map((form) => (periodCount(form) <= maxPeriods ? periodCount(form)
      : `22023 period gives more than 400 ${form.period}s in this range: choose a shorter range or group by longer periods`)));
  });
});
