/**
 * The points and rebate ledgers: what earns (each order of an import at the tier it reaches),
 * what spends, expiry at its boundary, refunds taken back (the order's own credits first) and
 * orders paid again earning again at their place without an order ever giving twice, corrections
 * and the re-rating of the orders a refund or correction moved, 20 concurrent redemptions, and
 * balances no client can write.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, sql, stack } from '../support/clients.ts';
import { oldStore, oldStoreRows, withDatabaseBefore } from './before-migration.ts';
import {
  addMember, createStore, daysAgo, expectError, importOrders, makeVip, ok, orderRow, shipTo, type Member, type OrderRow, type Store,
} from './fixtures.ts';

interface LedgerRow {
  reason: string;
  delta: number;
  remaining: number | null;
  order_id: string | null;
  note: string | null;
  shortfall: number | null;
}

async function pointsLedger(member: Member): Promise<LedgerRow[]> {
  return sql<LedgerRow>(
    `select reason, delta, remaining, order_id, note, shortfall from public.points_ledger where member_id = $1 order by id`, [member.id]);
}

async function rebateLedger(member: Member): Promise<{ reason: string; delta: string; note: string | null; shortfall: string | null }[]> {
  return sql(`select reason, delta, note, shortfall from public.rebate_ledger where member_id = $1 order by id`, [member.id]);
}

async function balances(member: Member): Promise<{ points_balance: number; rebate_balance: string }> {
  return (await sql<{ points_balance: number; rebate_balance: string }>(
    `select points_balance, rebate_balance from public.members where id = $1`, [member.id]))[0]!;
}

async function updateStore(store: Store, settings: Record<string, number>): Promise<void> {
  ok(await store.owner.client.from('stores').update(settings).eq('id', store.id).select().single());
}

describe('earning points', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ label: 'earn' });
    await updateStore(store, { join_points: 100, review_points: 25, points_per_currency_unit: 0.5 });
  });

  it('credits join points once on joining', async () => {
    const member = await addMember(store);
    expect(await pointsLedger(member)).toMatchObject([{ reason: 'join', delta: 100, remaining: 100 }]);
    expect((await balances(member)).points_balance).toBe(100);
  });

  it('credits a paid order amount_base x tier multiplier x points per currency unit, with the tier the order reaches', async () => {
    const ordinary = await addMember(store);
    await importOrders(store, [orderRow(ordinary, { amount: 80, currency: 'EUR', exchange_rate: 1.25, status: 'paid' })]);
    // 100 USD base; the order makes the company senior (multiplier 1.5): 100 x 1.5 x 0.5.
    expect((await pointsLedger(ordinary)).at(-1)).toMatchObject({ reason: 'order', delta: 75 });

    const vip = await addMember(store);
    await makeVip(store, vip);
    const threshold = Number(store.tiers[2]!.min_paid_amount);
    expect((await pointsLedger(vip)).at(-1)).toMatchObject({ reason: 'order', delta: Math.floor(threshold * 2 * 0.5) });
  });

  it('counts points past 32 bits: a large order at a generous rate earns in full, and a refund takes it back', async () => {
    const big = await createStore({ label: 'earn-big' });
    await updateStore(big, { points_per_currency_unit: 1000 });
    const member = await addMember(big);
    const order = orderRow(member, { amount: 900_000_000_000, status: 'paid' });
    await importOrders(big, [order]);
    // VIP (multiplier 2) x 1000 points per unit: 1.8e15, far past int's 2.1e9 and still exact in JSON.
    expect((await pointsLedger(member)).at(-1)).toMatchObject({ reason: 'order', delta: 1_800_000_000_000_000 });
    expect((await balances(member)).points_balance).toBe(1_800_000_000_000_000);
    const summary = ok(await member.client.rpc('my_membership', { p_store_slug: big.slug })) as { points: { balance: number } };
    expect(summary.points.balance).toBe(1_800_000_000_000_000);
    await importOrders(big, [{ ...order, status: 'refunded' }]);
    expect((await balances(member)).points_balance).toBe(0);
  });

  it('earns nothing for an order imported as refunded or cancelled', async () => {
    const member = await addMember(store);
    await importOrders(store, [orderRow(member, { status: 'refunded' }), orderRow(member, { status: 'cancelled' })]);
    expect((await pointsLedger(member)).map((r) => r.reason)).toEqual(['join']);
  });

  it('rewards the first review of a delivered order, and only the first', async () => {
    const member = await addMember(store);
    const delivered = orderRow(member, { amount: 10, placed_at: daysAgo(10), delivered_at: daysAgo(2) });
    const undelivered = orderRow(member, { amount: 10 });
    await importOrders(store, [delivered, undelivered]);
    const orders = await sql<{ id: string; external_ref: string }>(`select id, external_ref from public.orders where member_id = $1`, [member.id]);
    const idOf = (ref: string) => orders.find((o) => o.external_ref === ref)!.id;

    const first = ok(await member.client.rpc('review_order', { p_order_id: idOf(delivered.external_ref!), p_rating: 5, p_body: 'Great lace' }));
    expect(first).toMatchObject({ points_earned: 25 });
    expectError(await member.client.rpc('review_order', { p_order_id: idOf(delivered.external_ref!), p_rating: 4, p_body: 'Again' }),
      '23505', 'order has already been reviewed');
    expectError(await member.client.rpc('review_order', { p_order_id: idOf(undelivered.external_ref!), p_rating: 4, p_body: 'Early' }),
      'P0001', 'once it is paid and delivered');
    expect((await pointsLedger(member)).filter((r) => r.reason === 'review')).toHaveLength(1);

    const stranger = await addMember(store);
    expectError(await stranger.client.rpc('review_order', { p_order_id: idOf(undelivered.external_ref!), p_rating: 5, p_body: 'Not mine' }),
      'PT404');
  });

  it('lets staff add and take points with a note, never below zero', async () => {
    const member = await addMember(store);
    expect(ok(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: 50, p_note: 'Photo shoot' }))).toBe(150);
    expect(ok(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: -120, p_note: 'Correction' }))).toBe(30);
    expectError(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: -31, p_note: 'Too much' }),
      'P0001', 'points balance is 30, 31 needed');
    expectError(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: 10, p_note: ' ' }), '22023', 'note is required');
    expectError(await member.client.rpc('adjust_points', { p_member_id: member.id, p_delta: 1000, p_note: 'Mine' }), '42501');
    expect((await balances(member)).points_balance).toBe(30);
  });
});

describe('an import earns order by order', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ label: 'earn-steps' });
    // The walk's store: senior from two paid orders, VIP (x2, 5 % rebate) from 5,000 in the period.
    ok(await store.owner.client.from('tiers').update({ min_paid_orders: 2 }).eq('id', store.tiers[1]!.id).select());
    ok(await store.owner.client.from('tiers').update({ min_paid_amount: 5000 }).eq('id', store.tiers[2]!.id).select());
  });

  /** Each order's credits as the company reads them: [reference, points, rebate]. */
  async function earnedByOrder(member: Member): Promise<[string, number, number][]> {
    const points = ok(await member.client.from('points_ledger').select('delta, order:orders(external_ref)')
      .eq('member_id', member.id).eq('reason', 'order')) as unknown as { delta: number; order: { external_ref: string } }[];
    const rebates = ok(await member.client.from('rebate_ledger').select('delta, order:orders(external_ref)')
      .eq('member_id', member.id).eq('reason', 'order')) as unknown as { delta: number; order: { external_ref: string } }[];
    const refs = [...new Set(points.map((p) => p.order.external_ref))].sort();
    return refs.map((ref) => [ref, points.find((p) => p.order.external_ref === ref)!.delta,
      rebates.find((r) => r.order.external_ref === ref)?.delta ?? 0]);
  }

  /** The walk's two orders for a company: 4,000 then 1,500 six weeks later. */
  function walkOrders(member: Member, prefix: string): OrderRow[] {
    return [
      orderRow(member, { external_ref: `${prefix}-A`, amount: 4000, placed_at: daysAgo(60) }),
      orderRow(member, { external_ref: `${prefix}-B`, amount: 1500, placed_at: daysAgo(15) }),
    ];
  }

  it('credits the order that crosses a threshold at the new tier and the one before at the old, in one file as in two', async () => {
    const oneFile = await addMember(store);
    const [a, b] = walkOrders(oneFile, 'ONE');
    // Listed newest first: the file's row order is not the orders' order.
    await importOrders(store, [b!, a!]);
    // A alone is one order under 5,000: ordinary (x1, no rebate). B makes 5,500: VIP.
    expect(await earnedByOrder(oneFile)).toEqual([['ONE-A', 4000, 0], ['ONE-B', 3000, 75]]);
    expect(await balances(oneFile)).toEqual({ points_balance: 7000, rebate_balance: '75.00' });

    const twoFiles = await addMember(store);
    for (const row of walkOrders(twoFiles, 'TWO')) await importOrders(store, [row]);
    expect((await earnedByOrder(twoFiles)).map(([, points, rebate]) => [points, rebate]))
      .toEqual((await earnedByOrder(oneFile)).map(([, points, rebate]) => [points, rebate]));
    expect(await balances(twoFiles)).toEqual(await balances(oneFile));
    // Either way the company ends VIP.
    for (const member of [oneFile, twoFiles]) {
      expect((ok(await member.client.from('members').select('tier_id').eq('id', member.id).single()) as { tier_id: string }).tier_id)
        .toBe(store.tiers[2]!.id);
    }
  });

  it('counts orders already on record, even ones placed after the imported order', async () => {
    const member = await addMember(store);
    await importOrders(store, [orderRow(member, { external_ref: 'REC-LATE', amount: 4000, placed_at: daysAgo(5) })]);
    await importOrders(store, [orderRow(member, { external_ref: 'REC-EARLY', amount: 1500, placed_at: daysAgo(40) })]);
    expect(await earnedByOrder(member)).toEqual([['REC-EARLY', 3000, 75], ['REC-LATE', 4000, 0]]);
  });

  it('takes orders of one instant in reference order', async () => {
    const member = await addMember(store);
    const at = daysAgo(3);
    await importOrders(store, [
      orderRow(member, { external_ref: 'SAME-2', amount: 4000, placed_at: at }),
      orderRow(member, { external_ref: 'SAME-1', amount: 1500, placed_at: at }),
    ]);
    expect(await earnedByOrder(member)).toEqual([['SAME-1', 1500, 0], ['SAME-2', 8000, 200]]);
  });

  it('counts an order paid again in the file with the new ones, whichever comes later', async () => {
    // One file of a new order and one refunded before and paid again (an upsert's insert and update).
    const [laterRepaid, earlierRepaid] = [await addMember(store), await addMember(store)];
    const [a1, b1] = walkOrders(laterRepaid, 'RPL');
    await importOrders(store, [{ ...b1!, status: 'refunded' }]);
    await importOrders(store, [a1!, b1!]);
    const [a2, b2] = walkOrders(earlierRepaid, 'RPE');
    await importOrders(store, [{ ...a2!, status: 'refunded' }]);
    await importOrders(store, [a2!, b2!]);
    // As one by one: A ordinary, then B VIP with A counted.
    expect(await earnedByOrder(laterRepaid)).toEqual([['RPL-A', 4000, 0], ['RPL-B', 3000, 75]]);
    expect(await earnedByOrder(earlierRepaid)).toEqual([['RPE-A', 4000, 0], ['RPE-B', 3000, 75]]);
  });

  it('steps each company through its own orders, in base currency, leaving out orders older than the period', async () => {
    const euro = await addMember(store);
    const other = await addMember(store);
    await importOrders(store, [
      // 3,200 EUR at 1.25 is 4,000 USD: ordinary; then VIP with 1,500 more.
      orderRow(euro, { external_ref: 'MIX-E1', amount: 3200, currency: 'EUR', exchange_rate: 1.25, placed_at: daysAgo(50) }),
      // Older than the year the store counts: 9,000 that lifts nothing.
      orderRow(other, { external_ref: 'MIX-O0', amount: 9000, placed_at: daysAgo(400) }),
      orderRow(euro, { external_ref: 'MIX-E2', amount: 1500, placed_at: daysAgo(10) }),
      orderRow(other, { external_ref: 'MIX-O1', amount: 4999, placed_at: daysAgo(20) }),
      orderRow(other, { external_ref: 'MIX-O2', amount: 1, placed_at: daysAgo(2) }),
    ]);
    expect(await earnedByOrder(euro)).toEqual([['MIX-E1', 4000, 0], ['MIX-E2', 3000, 75]]);
    // O1 is the first order in the period (ordinary); O2 the second (senior, x1.5) and 5,000 (VIP, x2).
    expect(await earnedByOrder(other)).toEqual([['MIX-O0', 9000, 0], ['MIX-O1', 4999, 0], ['MIX-O2', 2, 0.05]]);
  });
});

describe('expiry', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ label: 'expiry' });
    await updateStore(store, { points_expiry_days: 30 });
  });

  it('dates order points from the order: points past the period expire, points just inside it stay spendable', async () => {
    const member = await addMember(store);
    const inside = orderRow(member, { amount: 10, placed_at: new Date(Date.now() - 30 * 86_400_000 + 120_000).toISOString() });
    const outside = orderRow(member, { amount: 20, placed_at: new Date(Date.now() - 30 * 86_400_000 - 1_000).toISOString() });
    await importOrders(store, [inside, outside]);

    const summary = ok(await member.client.rpc('my_membership', { p_store_slug: store.slug })) as {
      points: { balance: number; soonest_expiry: { points: number; expires_at: string } };
    };
    // The two orders make the company senior (x1.5): 15 points inside the period, 30 outside it.
    expect(summary.points.balance).toBe(15);
    expect(summary.points.soonest_expiry.points).toBe(15);
    expect(new Date(summary.points.soonest_expiry.expires_at).getTime()).toBe(new Date(inside.placed_at!).getTime() + 30 * 86_400_000);
    const expiry = await sql<{ delta: number; earned_at: Date; expires_at: Date }>(
      `select e.delta, e.earned_at, c.expires_at from public.points_ledger e join public.points_ledger c on c.id = e.credit_id
       where e.member_id = $1 and e.reason = 'expiry'`, [member.id]);
    // One expiry row for the expired credit, dated at its boundary.
    expect(expiry).toEqual([{ delta: -30, earned_at: expiry[0]!.expires_at, expires_at: expiry[0]!.expires_at }]);
  });

  it('expires a credit exactly at expires_at and not a microsecond before', async () => {
    const member = await addMember(store);
    const client = new pg.Client({ connectionString: stack().dbUrl });
    await client.connect();
    try {
      // One transaction: now() is fixed, so the boundary can be hit exactly.
      await client.query('begin');
      await client.query(`select private.credit_points($1, 10, 'adjustment', now() - interval '30 days')`, [member.id]);
      await client.query(`select private.credit_points($1, 20, 'adjustment', now() - interval '30 days' + interval '1 microsecond')`, [member.id]);
      const { rows } = await client.query(`select private.expire_member_points($1) as expired`, [member.id]);
      expect(rows[0].expired).toBe(1);
      await client.query('commit');
    } finally {
      await client.end();
    }
    expect((await pointsLedger(member)).map((r) => [r.reason, r.delta, r.remaining])).toEqual([
      ['adjustment', 10, 0], ['adjustment', 20, 20], ['expiry', -10, null],
    ]);
    expect((await balances(member)).points_balance).toBe(20);
  });

  it('spends the soonest-expiring credit first', async () => {
    const member = await addMember(store);
    await importOrders(store, [orderRow(member, { amount: 10, placed_at: daysAgo(5) })]);
    await importOrders(store, [orderRow(member, { amount: 10, placed_at: daysAgo(20) })]);
    ok(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: -12, p_note: 'FIFO probe' }));
    const credits = (await pointsLedger(member)).filter((r) => r.reason === 'order');
    // Each order earns 15 (it makes or keeps the company senior, x1.5); the older one expires first.
    expect(credits.map((c) => [c.delta, c.remaining])).toEqual([[15, 15], [15, 3]]);
  });

  it('lets staff of the store or the service role record expiries for a scheduler, nobody else', async () => {
    expect(typeof ok(await store.owner.client.rpc('expire_points', { p_store_id: store.id }))).toBe('number');
    expect(typeof ok(await serviceClient().rpc('expire_points', {}))).toBe('number');
    expectError(await store.owner.client.rpc('expire_points', {}), '42501');
    const member = await addMember(store);
    expectError(await member.client.rpc('expire_points', { p_store_id: store.id }), '42501');
  });
});

describe('redemption', () => {
  it('never takes the balance below zero under 20 concurrent redemptions', async () => {
    const store = await createStore({ label: 'race' });
    const member = await addMember(store);
    const reward = ok(await store.owner.client.from('rewards')
      .insert({ store_id: store.id, name: 'Sample kit', points_cost: 100 }).select().single()) as { id: string };
    ok(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: 750, p_note: 'Race budget' }));

    const results = await Promise.all(Array.from({ length: 20 }, () => member.client.rpc('redeem_reward', { p_reward_id: reward.id, p_ship_to: shipTo })));
    const succeeded = results.filter((r) => !r.error);
    expect(succeeded).toHaveLength(7);
    for (const failed of results.filter((r) => r.error)) expect(failed.error).toMatchObject({ code: 'P0001' });
    expect((await balances(member)).points_balance).toBe(50);
    const ledger = await pointsLedger(member);
    expect(ledger.filter((r) => r.reason === 'redemption')).toHaveLength(7);
    expect(ledger.reduce((sum, r) => sum + r.delta, 0)).toBe(50);
  });

  it('issues a reward coupon with the points spent, within the coupon limit', async () => {
    const store = await createStore({ label: 'reward' });
    const member = await addMember(store);
    const coupon = ok(await store.owner.client.from('coupons').insert({
      store_id: store.id, code: 'POINTS-5', kind: 'amount', value: 5, currency: 'USD', claimable: false, per_member_limit: 1,
    }).select().single()) as { id: string };
    const reward = ok(await store.owner.client.from('rewards')
      .insert({ store_id: store.id, name: '5 USD off', points_cost: 10, coupon_id: coupon.id }).select().single()) as { id: string };
    ok(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: 30, p_note: 'Budget' }));

    const redeemed = ok(await member.client.rpc('redeem_reward', { p_reward_id: reward.id })) as { points_balance: number; member_coupon_id: string };
    expect(redeemed.points_balance).toBe(20);
    expect(ok(await member.client.from('member_coupons').select('source, coupon_id').eq('id', redeemed.member_coupon_id).single()))
      .toEqual({ source: 'reward', coupon_id: coupon.id });
    expectError(await member.client.rpc('redeem_reward', { p_reward_id: reward.id }), 'P0001', 'limit reached (1 of 1 held)');
    expect((await balances(member)).points_balance).toBe(20);
  });
});

describe('refunds', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ label: 'refund' });
  });

  it('take back what an order earned each time it leaves paid, and credit it again each time it is paid again', async () => {
    const member = await addMember(store);
    const order = orderRow(member, { amount: Number(store.tiers[2]!.min_paid_amount) });
    await importOrders(store, [order]);
    expect(await balances(member)).toEqual({ points_balance: 20_000, rebate_balance: '500.00' });

    const seen = [];
    for (const status of ['refunded', 'refunded', 'paid', 'paid', 'cancelled', 'paid'] as const) {
      await importOrders(store, [{ ...order, status }]);
      seen.push([status, await balances(member)]);
    }
    // A repeated status is no change; paid again earns again, at the tier it brings back.
    expect(seen).toEqual([
      ['refunded', { points_balance: 0, rebate_balance: '0.00' }],
      ['refunded', { points_balance: 0, rebate_balance: '0.00' }],
      ['paid', { points_balance: 20_000, rebate_balance: '500.00' }],
      ['paid', { points_balance: 20_000, rebate_balance: '500.00' }],
      ['cancelled', { points_balance: 0, rebate_balance: '0.00' }],
      ['paid', { points_balance: 20_000, rebate_balance: '500.00' }],
    ]);
    expect((await pointsLedger(member)).map((r) => [r.reason, r.delta, r.shortfall])).toEqual([
      ['order', 20_000, null], ['clawback', -20_000, null], ['order', 20_000, null], ['clawback', -20_000, null], ['order', 20_000, null],
    ]);
    expect((await rebateLedger(member)).map((r) => [r.reason, r.delta, r.shortfall])).toEqual([
      ['order', '500.00', null], ['reversal', '-500.00', null], ['order', '500.00', null], ['reversal', '-500.00', null], ['order', '500.00', null],
    ]);
    // The company reads the same, and is VIP again.
    const read = ok(await member.client.from('members').select('points_balance, rebate_balance, tier_id').eq('id', member.id).single());
    expect(read).toEqual({ points_balance: 20_000, rebate_balance: 500, tier_id: store.tiers[2]!.id });
  });

  it('take back at most the balance when the points and rebate were already used, and record how much was not', async () => {
    const member = await addMember(store);
    const order = orderRow(member, { amount: Number(store.tiers[2]!.min_paid_amount) });
    await importOrders(store, [order]);
    ok(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: -19_000, p_note: 'Spent' }));
    ok(await store.owner.client.rpc('apply_rebate', { p_member_id: member.id, p_amount: 450, p_order_ref: 'NEXT-1' }));

    await importOrders(store, [{ ...order, status: 'refunded' }]);
    // As numbers the screens put in the reader's language, not as a sentence in one.
    expect((await pointsLedger(member)).at(-1)).toMatchObject({ reason: 'clawback', delta: -1000, shortfall: 19_000, note: null });
    expect((await rebateLedger(member)).at(-1)).toMatchObject({ reason: 'reversal', delta: '-50.00', shortfall: '450.00', note: null });
    expect(await balances(member)).toEqual({ points_balance: 0, rebate_balance: '0.00' });

    // Paid again, the order earns only what it no longer holds: the 19,000 points and 450.00 spent
    // are still its own. Over both payments it has given 20,000 and 500.00, not 39,000 and 950.00.
    await importOrders(store, [{ ...order, status: 'paid' }]);
    expect((await pointsLedger(member)).at(-1)).toMatchObject({ reason: 'order', delta: 1000 });
    expect((await rebateLedger(member)).at(-1)).toMatchObject({ reason: 'order', delta: '50.00' });
    expect(await balances(member)).toEqual({ points_balance: 1000, rebate_balance: '50.00' });

    // Refunded again it takes back all it holds that is left, and says again what was spent.
    ok(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: 500, p_note: 'Goodwill' }));
    await importOrders(store, [{ ...order, status: 'refunded' }]);
    expect((await pointsLedger(member)).at(-1)).toMatchObject({ reason: 'clawback', delta: -1500, shortfall: 18_500 });
    expect((await rebateLedger(member)).at(-1)).toMatchObject({ reason: 'reversal', delta: '-50.00', shortfall: '450.00' });
    expect(await balances(member)).toEqual({ points_balance: 0, rebate_balance: '0.00' });
  });

  it('earn again at their place in the company\'s history: where they were first paid', async () => {
    const member = await addMember(store);
    const order = orderRow(member, { amount: 100, placed_at: daysAgo(20) });
    await importOrders(store, [order]);
    // Senior (x1.5): 150 points, no rebate.
    await importOrders(store, [{ ...order, status: 'refunded' }]);
    await importOrders(store, [orderRow(member, { amount: Number(store.tiers[2]!.min_paid_amount), placed_at: daysAgo(30) })]);
    await importOrders(store, [{ ...order, status: 'paid' }]);
    // Paid before the VIP order was, it earns as it did then (Senior), not as the company's latest
    // order at VIP's 200 points and 5.00: paid, refunded and paid again gives what paid once gave.
    expect((await pointsLedger(member)).filter((r) => r.order_id !== null).map((r) => [r.reason, r.delta]))
      .toEqual([['order', 150], ['clawback', -150], ['order', 20_000], ['order', 150]]);
    expect((await rebateLedger(member)).map((r) => r.delta)).toEqual(['500.00']);
  });

  it('write nothing for a ledger in which the order holds nothing when refunded again', async () => {
    const own = await createStore({ label: 'refund-empty' });
    const member = await addMember(own);
    const order = orderRow(member, { amount: Number(own.tiers[2]!.min_paid_amount) });
    await importOrders(own, [order]);
    await importOrders(own, [{ ...order, status: 'refunded' }]);
    // Paid again for less, below VIP (no rebate), at a store that no longer gives points for orders.
    await updateStore(own, { points_per_currency_unit: 0 });
    await importOrders(own, [{ ...order, amount: 100, status: 'paid' }]);
    await importOrders(own, [{ ...order, amount: 100, status: 'refunded' }]);
    expect((await pointsLedger(member)).map((r) => [r.reason, r.delta, r.shortfall])).toEqual([
      ['order', 20_000, null], ['clawback', -20_000, null],
    ]);
    expect((await rebateLedger(member)).map((r) => [r.reason, r.delta, r.shortfall])).toEqual([
      ['order', '500.00', null], ['reversal', '-500.00', null],
    ]);
    expect(await balances(member)).toEqual({ points_balance: 0, rebate_balance: '0.00' });
  });
});

describe('orders corrected while paid', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore({ label: 'correct' });
  });

  /** The company's order rows in both ledgers: [reason, delta, shortfall]. */
  async function orderRows(member: Member): Promise<unknown[][]> {
    return [
      (await pointsLedger(member)).filter((r) => r.order_id !== null).map((r) => [r.reason, r.delta, r.shortfall]),
      (await rebateLedger(member)).filter((r) => r.reason !== 'applied').map((r) => [r.reason, r.delta, r.shortfall]),
    ];
  }

  it('credit what a larger amount earns at the tier the order now earns at, once, and tell the import it updated the order', async () => {
    const member = await addMember(store);
    // The walk: 300.00 earns as Senior (x1.5), no rebate; then the same reference at 3000.00.
    const order = orderRow(member, { external_ref: 'W9-0005', amount: 300, placed_at: daysAgo(10) });
    await importOrders(store, [order]);
    const booked = Date.now();
    expect(await importOrders(store, [{ ...order, amount: 3000 }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await orderRows(member)).toEqual([[['order', 450, null], ['order_correction', 4050, null]], []]);
    expect(await balances(member)).toEqual({ points_balance: 4500, rebate_balance: '0.00' });
    // The correction takes effect when booked (the history reads that day, not the order's); its
    // points expire with the order's own. The company reads it.
    const read = ok(await member.client.from('points_ledger').select('reason, earned_at, expires_at, order:orders(external_ref)')
      .eq('member_id', member.id).not('order_id', 'is', null).order('id')) as unknown as
      { reason: string; earned_at: string; expires_at: string; order: { external_ref: string } }[];
    expect(read.map((r) => [r.reason, r.order.external_ref])).toEqual([['order', 'W9-0005'], ['order_correction', 'W9-0005']]);
    expect(Date.parse(read[0]!.earned_at)).toBe(Date.parse(order.placed_at!));
    expect(Math.abs(Date.parse(read[1]!.earned_at) - booked)).toBeLessThan(60_000);
    expect(Date.parse(read[1]!.expires_at)).toBe(Date.parse(read[0]!.expires_at));

    // The same file again changes nothing.
    expect(await importOrders(store, [{ ...order, amount: 3000 }])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await orderRows(member))[0]).toHaveLength(2);

    // Corrected past VIP's threshold: the company is VIP from now on (the tier history says so once),
    // and so is the order, its only one, as if imported at 10,000.00: 20,000 points and 500.00 in all.
    await importOrders(store, [{ ...order, amount: Number(store.tiers[2]!.min_paid_amount) }]);
    expect((await orderRows(member))).toEqual([
      [['order', 450, null], ['order_correction', 4050, null], ['order_correction', 15_500, null]],
      [['order_correction', '500.00', null]],
    ]);
    expect(await balances(member)).toEqual({ points_balance: 20_000, rebate_balance: '500.00' });
    const history = await sql<{ from_tier_id: string; to_tier_id: string; reason: string }>(
      `select from_tier_id, to_tier_id, reason from public.tier_changes where member_id = $1 order by changed_at, seq`, [member.id]);
    expect(history.slice(-1)).toEqual([{ from_tier_id: store.tiers[1]!.id, to_tier_id: store.tiers[2]!.id, reason: 'orders' }]);
  });

  it('take back what a smaller amount no longer earns, at most the balance, and record what was spent', async () => {
    const member = await addMember(store);
    // VIP: 10,000.00 earns 20,000 points and 500.00 rebate; 19,000 and 450.00 are spent.
    const order = orderRow(member, { amount: Number(store.tiers[2]!.min_paid_amount), placed_at: daysAgo(5) });
    await importOrders(store, [order]);
    ok(await store.owner.client.rpc('adjust_points', { p_member_id: member.id, p_delta: -19_000, p_note: 'Spent' }));
    ok(await store.owner.client.rpc('apply_rebate', { p_member_id: member.id, p_amount: 450, p_order_ref: 'NEXT-1' }));

    // 2,000.00 no longer reaches VIP: as Senior it earns 3,000 points and no rebate, 17,000 and
    // 500.00 too many, of which 1,000 and 50.00 are left.
    expect(await importOrders(store, [{ ...order, amount: 2000 }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await orderRows(member)).toEqual([
      [['order', 20_000, null], ['order_correction', -1000, 16_000]],
      [['order', '500.00', null], ['order_correction', '-50.00', '450.00']],
    ]);
    expect(await balances(member)).toEqual({ points_balance: 0, rebate_balance: '0.00' });

    // Back to 10,000.00: it earns what it no longer holds (what was spent is still its own), as an
    // order paid again does: 20,000 and 500.00 over all, never more.
    await importOrders(store, [order]);
    expect((await orderRows(member)).map((rows) => rows.at(-1))).toEqual([['order_correction', 1000, null], ['order_correction', '50.00', null]]);
    expect(await balances(member)).toEqual({ points_balance: 1000, rebate_balance: '50.00' });

    // A refund then takes back the correction's credit too.
    await importOrders(store, [{ ...order, status: 'refunded' }]);
    expect((await orderRows(member)).map((rows) => rows.at(-1))).toEqual([['clawback', -1000, 19_000], ['reversal', '-50.00', '450.00']]);
    expect(await balances(member)).toEqual({ points_balance: 0, rebate_balance: '0.00' });
  });

  it('settle a change of currency or exchange rate by the amount it makes in the store currency', async () => {
    const member = await addMember(store);
    // 100.00 EUR at 1.1 is 110.00 USD: 165 points as Senior.
    const order = orderRow(member, { amount: 100, currency: 'EUR', exchange_rate: 1.1, placed_at: daysAgo(3) });
    await importOrders(store, [order]);
    // 100.00 GBP at 1.25 is 125.00 USD: 187 points (187.5, rounded down as any order's).
    expect(await importOrders(store, [{ ...order, currency: 'GBP', exchange_rate: 1.25 }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    // 125.00 CHF at 1 is the same 125.00 USD: updated, nothing to settle.
    expect(await importOrders(store, [{ ...order, amount: 125, currency: 'CHF', exchange_rate: 1 }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    // The rate alone: 125.00 CHF at 0.8 is 100.00 USD, 150 points.
    await importOrders(store, [{ ...order, amount: 125, currency: 'CHF', exchange_rate: 0.8 }]);
    expect(await orderRows(member)).toEqual([[['order', 165, null], ['order_correction', 22, null], ['order_correction', -37, null]], []]);
    expect(await balances(member)).toEqual({ points_balance: 150, rebate_balance: '0.00' });
  });

  it('credit nothing for a corrected order that is refunded, and earn on the corrected figures when it is paid again', async () => {
    const member = await addMember(store);
    const order = orderRow(member, { amount: 300, placed_at: daysAgo(2) });
    await importOrders(store, [order]);
    await importOrders(store, [{ ...order, status: 'refunded' }]);
    expect(await importOrders(store, [{ ...order, amount: 3000, status: 'refunded' }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await orderRows(member)).toEqual([[['order', 450, null], ['clawback', -450, null]], []]);
    expect(await balances(member)).toEqual({ points_balance: 0, rebate_balance: '0.00' });
    await importOrders(store, [{ ...order, amount: 3000 }]);
    expect((await orderRows(member))[0]!.at(-1)).toEqual(['order', 4500, null]);
  });

  it('record the expiries due before taking back: points an order lost to expiry are not taken from the company\'s live credits', async () => {
    const expiring = await createStore({ label: 'correct-expiry' });
    await updateStore(expiring, { points_expiry_days: 30 });
    const member = await addMember(expiring);
    // A's 450 points expired 10 days ago, with no expiry row yet (nothing has asked); B's 1,500 are live.
    const a = orderRow(member, { amount: 300, placed_at: daysAgo(40) });
    const b = orderRow(member, { amount: 1000, placed_at: daysAgo(1) });
    await importOrders(expiring, [a, b]);
    expect(await orderRows(member)).toEqual([[['order', 450, null], ['order', 1500, null]], []]);

    // A cut to 100.00 would hold 150: the 300 too many have expired, so nothing is taken back.
    await importOrders(expiring, [{ ...a, amount: 100 }]);
    expect(await orderRows(member)).toEqual([[['order', 450, null], ['order', 1500, null]], []]);
    expect((await pointsLedger(member)).map((r) => [r.reason, r.delta, r.remaining])).toEqual([
      ['order', 450, 0], ['order', 1500, 1500], ['expiry', -450, null]]);
    expect(await balances(member)).toEqual({ points_balance: 1500, rebate_balance: '0.00' });
  });

  it('scale an order whose credits record no tier (written before corrections settled) by its new amount over its old one', async () => {
    /** As a credit written before migration 20261208000300: no tier (the ledgers are append-only, so past their guard). */
    async function forgetTier(order: OrderRow): Promise<void> {
      const [{ id }] = await sql<{ id: string }>(`select id from public.orders where store_id = $1 and external_ref = $2`, [store.id, order.external_ref]) as [{ id: string }];
      await sql(`begin; set local session_replication_role = replica;
        update public.points_ledger set tier_id = null where order_id = '${id}';
        update public.rebate_ledger set tier_id = null where order_id = '${id}'; commit`);
    }
    // 300.00 earned 450 as Senior; the company's tier when ordering (orders.tier_id) was none, x1.
    const senior = await addMember(store);
    const small = orderRow(senior, { amount: 300, placed_at: daysAgo(4) });
    await importOrders(store, [small]);
    await forgetTier(small);
    await importOrders(store, [{ ...small, amount: 310 }]);
    expect(await orderRows(senior)).toEqual([[['order', 450, null], ['order_correction', 15, null]], []]);

    // VIP: 20,000 points and 500.00 rebate scaled up by 1.1. Down to half of 10,000.00 the order no
    // longer reaches VIP: it earns at Senior's rates, 7,500 points and no rebate, not scaled.
    const vip = await addMember(store);
    const large = orderRow(vip, { amount: Number(store.tiers[2]!.min_paid_amount), placed_at: daysAgo(4) });
    await importOrders(store, [large]);
    await forgetTier(large);
    await importOrders(store, [{ ...large, amount: Number(store.tiers[2]!.min_paid_amount) * 1.1 }]);
    await importOrders(store, [{ ...large, amount: Number(store.tiers[2]!.min_paid_amount) / 2 }]);
    expect(await orderRows(vip)).toEqual([
      [['order', 20_000, null], ['order_correction', 2000, null], ['order_correction', -14_500, null]],
      [['order', '500.00', null], ['order_correction', '50.00', null], ['order_correction', '-550.00', null]],
    ]);
    expect(await balances(vip)).toEqual({ points_balance: 7500, rebate_balance: '0.00' });
  });
});

describe('orders re-rated when an order before them changes', () => {
  let store: Store;
  beforeAll(async () => {
    // Default tiers: Senior (x1.5) from one paid order, VIP (x2, 5 % rebate) from 10,000.00 in the year.
    store = await createStore({ label: 'rerate' });
  });

  type Row = [string, string, number, number | null, string | null];
  /** The company's order rows in both ledgers as it reads them: [reference, reason, delta, shortfall, tier]. */
  async function orderHistory(member: Member, at: Store = store): Promise<{ points: Row[]; rebate: Row[] }> {
    const tierName = (id: string | null) => ['Ordinary', 'Senior', 'VIP'][at.tiers.findIndex((t) => t.id === id)] ?? null;
    const read = async (table: 'points_ledger' | 'rebate_ledger') => (ok(await member.client.from(table)
      .select('reason, delta, shortfall, tier_id, order:orders(external_ref)').eq('member_id', member.id).not('order_id', 'is', null)
      .order('id')) as unknown as { reason: string; delta: number; shortfall: number | null; tier_id: string | null; order: { external_ref: string } }[])
      .map((r): Row => [r.order.external_ref, r.reason, r.delta, r.shortfall, tierName(r.tier_id)]);
    return { points: await read('points_ledger'), rebate: await read('rebate_ledger') };
  }

  async function tierOf(member: Member): Promise<string> {
    return (ok(await member.client.from('members').select('tier_id').eq('id', member.id).single()) as { tier_id: string }).tier_id;
  }

  const year = 365 * 86_400_000;

  it('take back the refunded order\'s own credits first, so the points left keep their expiry', async () => {
    const own = await createStore({ label: 'rerate-expiry' });
    await updateStore(own, { join_points: 200 });
    const member = await addMember(own);
    const w3 = orderRow(member, { external_ref: 'W12A-003', amount: 1700, placed_at: daysAgo(170) });
    const w4 = orderRow(member, { external_ref: 'W12A-004', amount: 4000, placed_at: daysAgo(100) });
    const w5 = orderRow(member, { external_ref: 'W12A-005', amount: 2000, placed_at: daysAgo(35) });
    await importOrders(own, [w3, w4, w5]);
    await importOrders(own, [{ ...w5, amount: 2400 }]);
    // Senior (x1.5) all along: 2,550 + 6,000 + 3,000, a correction of 600, and 200 for joining.
    expect(await balances(member)).toEqual({ points_balance: 12_350, rebate_balance: '0.00' });

    await importOrders(own, [{ ...w5, amount: 2400, status: 'refunded' }]);
    // W12A-005's own 3,000 and 600 go back; W12A-003's 2,550, the soonest to expire, stay its own.
    const credits = await sql<{ reason: string; ref: string | null; delta: string; remaining: string | null; expires_at: Date | null }>(
      `select l.reason, o.external_ref as ref, l.delta, l.remaining, l.expires_at from public.points_ledger l
       left join public.orders o on o.id = l.order_id where l.member_id = $1 order by l.id`, [member.id]);
    expect(credits.map((c) => [c.reason, c.ref, Number(c.delta), c.remaining === null ? null : Number(c.remaining)])).toEqual([
      ['join', null, 200, 200],
      ['order', 'W12A-003', 2550, 2550], ['order', 'W12A-004', 6000, 6000], ['order', 'W12A-005', 3000, 0],
      ['order_correction', 'W12A-005', 600, 0],
      ['clawback', 'W12A-005', -3600, null],
    ]);
    const expiry = (ref: string) => credits.find((c) => c.ref === ref && c.reason === 'order')!.expires_at!.getTime();
    expect(expiry('W12A-003')).toBe(Date.parse(w3.placed_at!) + year);
    expect(expiry('W12A-004')).toBe(Date.parse(w4.placed_at!) + year);
    expect(credits[4]!.expires_at!.getTime()).toBe(expiry('W12A-005'));
    expect(await balances(member)).toEqual({ points_balance: 8750, rebate_balance: '0.00' });

    // The store's points by the month they expire: W12A-005's month holds none of them.
    const month = (at: number) => new Date(at).toISOString().slice(0, 7) + '-01';
    const expected: Record<string, number> = {};
    for (const [at, points] of [[expiry('W12A-003'), 2550], [expiry('W12A-004'), 6000], [credits[0]!.expires_at!.getTime(), 200]] as const) {
      expected[month(at)] = (expected[month(at)] ?? 0) + points;
    }
    const liabilities = ok(await own.owner.client.rpc('analytics_liabilities', { p_store_id: own.id })) as
      { kind: string; expires_in: string | null; amount: number }[];
    const points = liabilities.filter((l) => l.kind === 'points');
    expect(points.find((l) => l.expires_in === null)!.amount).toBe(8750);
    expect(Object.fromEntries(points.filter((l) => l.expires_in !== null).map((l) => [l.expires_in, l.amount]))).toEqual(expected);
  });

  it('re-rate the orders a refunded order lifted, price a later correction at the tier they now earn at, and lift them back when it is paid again', async () => {
    const member = await addMember(store);
    const [r1, r2, r3, r4] = [
      orderRow(member, { external_ref: 'RR-1', amount: 4000, placed_at: daysAgo(120) }),
      orderRow(member, { external_ref: 'RR-2', amount: 2700, placed_at: daysAgo(90) }),
      orderRow(member, { external_ref: 'RR-3', amount: 2000, placed_at: daysAgo(60) }),
      orderRow(member, { external_ref: 'RR-4', amount: 1500, placed_at: daysAgo(30) }),
    ] as const;
    await importOrders(store, [r1, r2, r3]);
    await importOrders(store, [r4]);
    // RR-4 crosses 10,000.00: VIP, 3,000 points and 75.00; 60.00 of it is then used on a later order.
    expect(await orderHistory(member)).toEqual({
      points: [['RR-1', 'order', 6000, null, 'Senior'], ['RR-2', 'order', 4050, null, 'Senior'], ['RR-3', 'order', 3000, null, 'Senior'],
        ['RR-4', 'order', 3000, null, 'VIP']],
      rebate: [['RR-4', 'order', 75, null, 'VIP']],
    });
    ok(await store.owner.client.rpc('apply_rebate', { p_member_id: member.id, p_amount: 60, p_order_ref: 'NEXT-1' }));

    expect(await importOrders(store, [{ ...r3, status: 'refunded' }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    // Without RR-3 the company never reached VIP: RR-4 earns as Senior, 2,250 points and no rebate.
    // The 750 too many come back from its own credit; of its 75.00, the 15.00 left (60.00 was used).
    const refunded = await orderHistory(member);
    expect(refunded.points.slice(4)).toEqual([['RR-3', 'clawback', -3000, null, null], ['RR-4', 'order_rerated', -750, null, 'Senior']]);
    expect(refunded.rebate.slice(1)).toEqual([['RR-4', 'order_rerated', -15, 60, 'Senior']]);
    expect(await balances(member)).toEqual({ points_balance: 6000 + 4050 + 2250, rebate_balance: '0.00' });
    expect(await tierOf(member)).toBe(store.tiers[1]!.id);
    const remaining = await sql<{ ref: string; remaining: string }>(
      `select o.external_ref as ref, l.remaining from public.points_ledger l join public.orders o on o.id = l.order_id
       where l.member_id = $1 and l.reason = 'order' order by l.id`, [member.id]);
    expect(remaining.map((r) => [r.ref, Number(r.remaining)])).toEqual([['RR-1', 6000], ['RR-2', 4050], ['RR-3', 0], ['RR-4', 2250]]);

    // The same file again changes nothing.
    expect(await importOrders(store, [{ ...r3, status: 'refunded' }])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await orderHistory(member)).toEqual(refunded);

    // RR-4 corrected to 1,800.00 earns as Senior, floor(1,800 x 1.5) = 2,700 in all, no rebate (as
    // VIP, its latest credit's tier, it was +600 and +15.00), booked today.
    const booked = Date.now();
    await importOrders(store, [{ ...r4, amount: 1800 }]);
    const corrected = await orderHistory(member);
    expect(corrected.points.slice(6)).toEqual([['RR-4', 'order_correction', 450, null, 'Senior']]);
    expect(corrected.rebate).toEqual(refunded.rebate);
    const [correction] = await sql<{ earned_at: Date; expires_at: Date }>(
      `select earned_at, expires_at from public.points_ledger where member_id = $1 and reason = 'order_correction'`, [member.id]);
    expect(Math.abs(correction!.earned_at.getTime() - booked)).toBeLessThan(60_000);
    expect(correction!.expires_at.getTime()).toBe(Date.parse(r4.placed_at!) + year);

    // RR-3 paid again takes its place back: it earns as it did (Senior), and RR-4 is VIP again,
    // 3,600 points and 90.00 in all at 1,800.00, of which 60.00 was used.
    await importOrders(store, [{ ...r3, status: 'paid' }]);
    const repaid = await orderHistory(member);
    expect(repaid.points.slice(7)).toEqual([['RR-3', 'order', 3000, null, 'Senior'], ['RR-4', 'order_rerated', 900, null, 'VIP']]);
    expect(repaid.rebate.slice(2)).toEqual([['RR-4', 'order_rerated', 30, null, 'VIP']]);
    expect(await balances(member)).toEqual({ points_balance: 6000 + 4050 + 3000 + 3600, rebate_balance: '30.00' });
    expect(await tierOf(member)).toBe(store.tiers[2]!.id);
  });

  it('re-rate them when an order before them is corrected down, cancelled or paid again, and leave those whose period did not hold it', async () => {
    const member = await addMember(store);
    const [old, a, b] = [
      // A year and more before the others: in no period of theirs.
      orderRow(member, { external_ref: 'CD-0', amount: 9000, placed_at: daysAgo(400) }),
      orderRow(member, { external_ref: 'CD-1', amount: 6000, placed_at: daysAgo(200) }),
      orderRow(member, { external_ref: 'CD-2', amount: 4500, placed_at: daysAgo(20) }),
    ] as const;
    await importOrders(store, [old, a]);
    await importOrders(store, [b]);
    // CD-0 counts for no tier (x1); CD-1 Senior; CD-2 with CD-1 makes 10,500.00: VIP.
    expect(await orderHistory(member)).toEqual({
      points: [['CD-0', 'order', 9000, null, 'Ordinary'], ['CD-1', 'order', 9000, null, 'Senior'], ['CD-2', 'order', 9000, null, 'VIP']],
      rebate: [['CD-2', 'order', 225, null, 'VIP']],
    });

    // CD-1 down to 5,000.00: still Senior itself (7,500 points); CD-2's 9,500.00 are Senior's (6,750, no rebate).
    await importOrders(store, [{ ...a, amount: 5000 }]);
    expect((await orderHistory(member)).points.slice(3)).toEqual([
      ['CD-1', 'order_correction', -1500, null, 'Senior'], ['CD-2', 'order_rerated', -2250, null, 'Senior']]);
    expect((await orderHistory(member)).rebate.slice(1)).toEqual([['CD-2', 'order_rerated', -225, null, 'Senior']]);

    // CD-0 refunded, CD-1 cancelled: CD-2 stays Senior on its own, so neither writes anything for it.
    await importOrders(store, [{ ...old, status: 'refunded' }, { ...a, amount: 5000, status: 'cancelled' }]);
    const cancelled = await orderHistory(member);
    expect(cancelled.points.slice(5)).toEqual([['CD-1', 'clawback', -7500, null, null]]);
    expect(cancelled.rebate).toHaveLength(2);

    // CD-1 paid again at 6,000.00 takes its place back (Senior, 9,000) and lifts CD-2 to VIP again.
    await importOrders(store, [a]);
    const repaid = await orderHistory(member);
    expect(repaid.points.slice(6)).toEqual([['CD-1', 'order', 9000, null, 'Senior'], ['CD-2', 'order_rerated', 2250, null, 'VIP']]);
    expect(repaid.rebate.slice(2)).toEqual([['CD-2', 'order_rerated', 225, null, 'VIP']]);
    expect(await balances(member)).toEqual({ points_balance: 18_000, rebate_balance: '225.00' });
  });

  it('keep an override\'s tier on an order paid under it, lapsed or not, when an order before it changes', async () => {
    const own = await createStore({ label: 'rerate-override' });
    ok(await own.owner.client.from('tiers').update({ min_paid_orders: 2 }).eq('id', own.tiers[1]!.id).select());
    const member = await addMember(own);
    const first = orderRow(member, { external_ref: 'OV-1', amount: 2000, placed_at: daysAgo(50) });
    await importOrders(own, [first]);
    ok(await own.owner.client.rpc('set_tier_override', {
      p_member_id: member.id, p_tier_id: own.tiers[2]!.id, p_expires_at: new Date(Date.now() + 30 * 86_400_000).toISOString(), p_reason: 'Trade fair deal',
    }));
    // OV-1 alone is Ordinary's (x1); OV-2 makes two orders (Senior) but earns as VIP under the override.
    await importOrders(own, [orderRow(member, { external_ref: 'OV-2', amount: 1000, placed_at: daysAgo(10) })]);
    const earned = {
      points: [['OV-1', 'order', 2000, null, 'Ordinary'], ['OV-2', 'order', 2000, null, 'VIP']],
      rebate: [['OV-2', 'order', 50, null, 'VIP']],
    };
    expect(await orderHistory(member, own)).toEqual(earned);

    // OV-1 refunded (OV-2's figures: Senior to Ordinary) and paid again with the override in force,
    // then refunded once it is lifted: OV-2 keeps what it earned under it.
    await importOrders(own, [{ ...first, status: 'refunded' }]);
    await importOrders(own, [first]);
    ok(await own.owner.client.rpc('set_tier_override', { p_member_id: member.id, p_tier_id: null }));
    await importOrders(own, [{ ...first, status: 'refunded' }]);
    const history = await orderHistory(member, own);
    expect(history.points.filter(([ref]) => ref === 'OV-2')).toEqual(earned.points.slice(1));
    expect(history.rebate.filter(([ref]) => ref === 'OV-2')).toEqual(earned.rebate);
  });

  it('settle a refund and a concurrent import for the same company as either order of the two would', async () => {
    const members = await Promise.all([addMember(store), addMember(store), addMember(store)]);
    const files = members.map((member, i) => [
      orderRow(member, { external_ref: `CC${i}-1`, amount: 4000, placed_at: daysAgo(120) }),
      orderRow(member, { external_ref: `CC${i}-2`, amount: 2700, placed_at: daysAgo(90) }),
      orderRow(member, { external_ref: `CC${i}-3`, amount: 2000, placed_at: daysAgo(60) }),
      orderRow(member, { external_ref: `CC${i}-4`, amount: 1500, placed_at: daysAgo(30) }),
    ] as const);
    for (const [o1, o2, o3, o4] of files) {
      await importOrders(store, [o1, o2, o3]);
      await importOrders(store, [o4]);
    }
    // Each company's refund of its third order and a new order of 500.00, at once.
    await Promise.all(files.flatMap(([, , o3], i) => [
      importOrders(store, [{ ...o3, status: 'refunded' }]),
      importOrders(store, [orderRow(members[i]!, { external_ref: `CC${i}-5`, amount: 500, placed_at: daysAgo(1) })]),
    ]));
    for (const [i, member] of members.entries()) {
      // Whichever came first: without CC-3, CC-4 and CC-5 are Senior's (2,250 and 750 points, no rebate).
      const held = await sql<{ ref: string; points: string; rebate: string }>(
        `select o.external_ref as ref,
           coalesce((select sum(l.delta) from public.points_ledger l where l.order_id = o.id), 0) as points,
           coalesce((select sum(r.delta) from public.rebate_ledger r where r.order_id = o.id), 0) as rebate
         from public.orders o where o.member_id = $1 order by o.external_ref`, [member.id]);
      expect(held.map((h) => [h.ref, Number(h.points), Number(h.rebate)])).toEqual([
        [`CC${i}-1`, 6000, 0], [`CC${i}-2`, 4050, 0], [`CC${i}-3`, 0, 0], [`CC${i}-4`, 2250, 0], [`CC${i}-5`, 750, 0]]);
      expect(await balances(member)).toEqual({ points_balance: 6000 + 4050 + 2250 + 750, rebate_balance: '0.00' });
    }
  });
});

describe('migration 20261209000400 on rows written before it', () => {
  it('places each order at its first credit (a paid one that earned nothing at its import), and dates corrections when booked', { timeout: 120_000 }, async () => {
    await withDatabaseBefore('20261209000400', async (client, migrate) => {
      const store = oldStore.id;
      const member = oldStore.memberId;
      const order = (n: number) => `00000000-0000-4000-8000-00000000010${n}`;
      // As the engine left them, written past its triggers: PAID-1 credited 10 days ago and corrected
      // 2 days ago (the correction dated from the order); RE-1 credited 20 days ago, then refunded;
      // PAID-0 paid, earning nothing, imported 5 days ago; NEVER imported refunded; OLD's correction
      // booked after the order's points had expired.
      await client.query(`
        ${oldStoreRows('500 days')}
        set session_replication_role = replica;
        insert into public.orders (id, store_id, member_id, external_ref, amount, currency, placed_at, status, imported_at) values
          ('${order(1)}', '${store}', '${member}', 'PAID-1', 100, 'USD', now() - interval '30 days', 'paid', now() - interval '10 days'),
          ('${order(2)}', '${store}', '${member}', 'RE-1', 100, 'USD', now() - interval '40 days', 'refunded', now() - interval '20 days'),
          ('${order(3)}', '${store}', '${member}', 'PAID-0', 0.01, 'USD', now() - interval '6 days', 'paid', now() - interval '5 days'),
          ('${order(4)}', '${store}', '${member}', 'NEVER', 100, 'USD', now() - interval '3 days', 'refunded', now() - interval '3 days'),
          ('${order(5)}', '${store}', '${member}', 'OLD', 100, 'USD', now() - interval '400 days', 'paid', now() - interval '400 days');
        insert into public.points_ledger (store_id, member_id, delta, reason, order_id, earned_at, expires_at, remaining, created_at) values
          ('${store}', '${member}', 100, 'order', '${order(1)}', now() - interval '30 days', now() + interval '335 days', 100, now() - interval '10 days'),
          ('${store}', '${member}', 100, 'order', '${order(2)}', now() - interval '40 days', now() + interval '325 days', 0, now() - interval '20 days'),
          ('${store}', '${member}', 100, 'order', '${order(5)}', now() - interval '400 days', now() - interval '35 days', 0, now() - interval '400 days'),
          ('${store}', '${member}', 10, 'order_correction', '${order(1)}', now() - interval '30 days', now() + interval '335 days', 10, now() - interval '2 days'),
          ('${store}', '${member}', 10, 'order_correction', '${order(5)}', now() - interval '400 days', now() - interval '35 days', 0, now() - interval '2 days');
        insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, earned_at, created_at) values
          ('${store}', '${member}', 1, 'USD', 'order_correction', '${order(1)}', now() - interval '30 days', now() - interval '2 days');
        set session_replication_role = origin;`);

      expect(await migrate()).toContain('20261209000400_refunds_rerate_later_orders.sql');
      const daysAgo = (column: string) => `round(extract(epoch from now() - ${column}) / 86400)::int`;
      const placed = (await client.query(`select external_ref as ref, ${daysAgo('paid_at')} as paid from public.orders order by external_ref`)).rows;
      expect(placed).toEqual([
        { ref: 'NEVER', paid: null }, { ref: 'OLD', paid: 400 }, { ref: 'PAID-0', paid: 5 }, { ref: 'PAID-1', paid: 10 }, { ref: 'RE-1', paid: 20 }]);
      const corrections = (await client.query(`
        select 'points' as ledger, o.external_ref as ref, ${daysAgo('l.earned_at')} as earned from public.points_ledger l
        join public.orders o on o.id = l.order_id where l.reason = 'order_correction'
        union all
        select 'rebate', o.external_ref, ${daysAgo('r.earned_at')} from public.rebate_ledger r
        join public.orders o on o.id = r.order_id where r.reason = 'order_correction'
        order by 1, 2`)).rows;
      expect(corrections).toEqual([
        { ledger: 'points', ref: 'OLD', earned: 400 }, { ledger: 'points', ref: 'PAID-1', earned: 2 }, { ledger: 'rebate', ref: 'PAID-1', earned: 2 }]);
    });
  });
});

describe('the rebate wallet', () => {
  it('credits only tiers with a rebate percent, and only staff apply it, up to the balance', async () => {
    const store = await createStore({ label: 'rebate' });
    const ordinary = await addMember(store);
    await importOrders(store, [orderRow(ordinary, { amount: 100 })]);
    expect(await rebateLedger(ordinary)).toEqual([]);

    const vip = await addMember(store);
    await makeVip(store, vip);
    await importOrders(store, [orderRow(vip, { amount: 99.99 })]);
    expect((await rebateLedger(vip)).map((r) => r.delta)).toEqual(['500.00', '5.00']);

    expectError(await vip.client.rpc('apply_rebate', { p_member_id: vip.id, p_amount: 10, p_order_ref: 'MINE' }), '42501');
    expectError(await store.owner.client.rpc('apply_rebate', { p_member_id: vip.id, p_amount: 505.01, p_order_ref: 'BIG' }),
      'P0001', 'amount exceeds the rebate balance of 505.00 USD');
    expectError(await store.owner.client.rpc('apply_rebate', { p_member_id: vip.id, p_amount: 1.005, p_order_ref: 'X' }), '22023');
    expect(ok(await store.owner.client.rpc('apply_rebate', { p_member_id: vip.id, p_amount: 5, p_order_ref: 'NEXT-7' }))).toBe(500);
  });
});

describe('balances no client can write', () => {
  let store: Store;
  let member: Member;
  beforeAll(async () => {
    store = await createStore({ label: 'nowrite' });
    member = await addMember(store);
    await makeVip(store, member);
  });

  it('refuses a member PATCHing their own balances', async () => {
    expectError(await member.client.from('members').update({ points_balance: 1_000_000 }).eq('id', member.id), '42501');
    expectError(await member.client.from('members').update({ rebate_balance: 99_999 }).eq('id', member.id), '42501');
    expect(await balances(member)).toEqual({ points_balance: 20_000, rebate_balance: '500.00' });
  });

  it('refuses writes to the ledgers to members, staff and the service role alike', async () => {
    const row = { store_id: store.id, member_id: member.id, delta: 1000, reason: 'adjustment', expires_at: daysAgo(-30), remaining: 1000 };
    for (const client of [member.client, store.owner.client, serviceClient()]) {
      expectError(await client.from('points_ledger').insert(row), '42501');
      expectError(await client.from('points_ledger').update({ remaining: 1000 }).eq('member_id', member.id), '42501');
      expectError(await client.from('points_ledger').delete().eq('member_id', member.id), '42501');
      expectError(await client.from('rebate_ledger').insert({ store_id: store.id, member_id: member.id, delta: 10, currency: 'USD', reason: 'applied', applied_to_order_ref: 'X' }), '42501');
    }
    expect(await balances(member)).toEqual({ points_balance: 20_000, rebate_balance: '500.00' });
  });

  it('keeps ledger rows append-only even for the database owner, except a credit\'s remaining going down', async () => {
    const [credit] = await sql<{ id: string }>(`select id from public.points_ledger where member_id = $1 and reason = 'order'`, [member.id]);
    await expect(sql(`update public.points_ledger set delta = 1 where id = $1`, [credit!.id])).rejects.toThrow('append-only');
    await expect(sql(`update public.points_ledger set remaining = remaining + 1 where id = $1`, [credit!.id])).rejects.toThrow(/append-only|check constraint/);
  });
});
