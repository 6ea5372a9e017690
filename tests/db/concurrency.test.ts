/**
 * Invariants under mixed concurrent load on one store, through supabase-js and PostgREST as real
 * clients send it: contacts of several companies claim samples and coupons and redeem rewards
 * while staff adjust points and apply rebates beyond the balance, and the merchant's back end
 * and staff import the same new-orders batch and the same refund batch several times at once.
 * Afterwards SQL checks every rule that must hold whatever the interleaving, and every request
 * that lost a race must have been told so with a business error, never a 500.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { holdLocks, serviceClient, sql } from '../support/clients.ts';
import {
  addColleague, addMember, addProduct, addStaff, createStore, daysAgo, importOrders, makeVip, ok, orderRow, shipTo,
  type Actor, type Member, type OrderRow, type Product, type Store,
} from './fixtures.ts';

interface Outcome {
  kind: string;
  company: string;
  /** Points or money the request moves, where it matters for the ledger check. */
  amount: number;
  status: number;
  data: unknown;
  error: { code?: string; message: string } | null;
}

interface Op {
  kind: string;
  company: string;
  amount: number;
  run: () => PromiseLike<{ status: number; data: unknown; error: { code?: string; message: string } | null }>;
}

/** What a request that lost a race may answer: a business rule's refusal, with its reason. */
const allowedRefusals: Record<string, RegExp> = {
  claim_sample: /^Sample quota reached \(\d+ of \d+ used\)$/,
  claim_coupon: /^coupon limit reached \(2 of 2 held\)$/,
  redeem_kit: /^points balance is \d+, 100 needed$/,
  redeem_voucher: /^coupon limit reached \(3 of 3 held\)$/,
  adjust_points: /^points balance is \d+, \d+ needed$/,
  apply_rebate: /^amount exceeds the rebate balance of [\d.]+ USD$/,
};

/** How many requests of a kind (by one company) succeeded. */
function count(outcomes: Outcome[], kind: string, company?: string): number {
  return outcomes.filter((o) => o.kind === kind && (company === undefined || o.company === company) && !o.error).length;
}

/** A fixed shuffle: each company's requests interleave with everyone else's, the same way every run. */
function interleave<T>(items: T[]): T[] {
  const shuffled = [...items];
  let seed = 20_261_125;
  for (let i = shuffled.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = seed % (i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}

describe('a storm of mixed requests on one store', () => {
  let store: Store;
  let staff: Actor[];
  let product: Product;
  const coupon = { claimable: '', voucher: '' };
  const reward = { kit: '', voucher: '' };
  // A and B: ordinary (3 samples); C: senior (5 samples); D: VIP whose orders get refunded;
  // E: VIP with a rebate wallet only staff spend; F and G: first orders arrive in the storm.
  const company: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', Member[]> = { A: [], B: [], C: [], D: [], E: [], F: [], G: [] };
  let refundable: OrderRow[];
  let cancellableClaim: string;
  /** A's claims from before the storm (one shipped, one requested). */
  let earlierClaims: string[];

  beforeAll(async () => {
    store = await createStore({ label: 'storm' });
    staff = [store.owner, await addStaff(store)];
    product = await addProduct(store);
    const owner = store.owner.client;
    coupon.claimable = (ok(await owner.from('coupons').insert({ store_id: store.id, code: 'STORM-5', kind: 'percent', value: 5, per_member_limit: 2 }).select('id').single()) as { id: string }).id;
    coupon.voucher = (ok(await owner.from('coupons').insert({
      store_id: store.id, code: 'VOUCHER-5', kind: 'amount', value: 5, currency: 'USD', claimable: false, per_member_limit: 3,
    }).select('id').single()) as { id: string }).id;
    reward.kit = (ok(await owner.from('rewards').insert({ store_id: store.id, name: 'Sample kit', points_cost: 100 }).select('id').single()) as { id: string }).id;
    reward.voucher = (ok(await owner.from('rewards').insert({ store_id: store.id, name: '5 USD voucher', points_cost: 50, coupon_id: coupon.voucher }).select('id').single()) as { id: string }).id;

    const [a, b, c, d, e, f, g] = await Promise.all(Array.from({ length: 7 }, () => addMember(store)));
    company.A = [a!, await addColleague(a!), await addColleague(a!)];
    company.B = [b!, await addColleague(b!)];
    company.C = [c!, await addColleague(c!)];
    company.D = [d!];
    company.E = [e!];
    company.F = [f!];
    company.G = [g!];

    ok(await owner.rpc('adjust_points', { p_member_id: a!.id, p_delta: 400, p_note: 'Storm budget' }));
    ok(await owner.rpc('adjust_points', { p_member_id: b!.id, p_delta: 300, p_note: 'Storm budget' }));
    await importOrders(store, [orderRow(c!, { placed_at: daysAgo(20) }), orderRow(c!, { placed_at: daysAgo(10) })]);
    refundable = Array.from({ length: 5 }, (_, i) => orderRow(d!, { external_ref: `REFUND-${i}`, amount: 2500, placed_at: daysAgo(30 + i) }));
    await importOrders(store, refundable);
    await makeVip(store, e!);

    // A already holds 2 of its 3 samples: one shipped, one requested that a colleague cancels
    // during the storm, which frees a slot while others race for it.
    const shipped = ok(await a!.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo })) as { id: string };
    ok(await owner.rpc('approve_sample', { p_claim_id: shipped.id }));
    ok(await owner.rpc('ship_sample', { p_claim_id: shipped.id, p_tracking_number: 'TRACK-1' }));
    cancellableClaim = (ok(await a!.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo })) as { id: string }).id;
    earlierClaims = [shipped.id, cancellableClaim];
  }, 60_000);

  it('keeps every quota, limit, balance and history consistent, and refuses losers with business errors', async () => {
    const { A, B, C, D, E, F, G } = company;
    const newOrders: OrderRow[] = [
      orderRow(C[0]!, { external_ref: 'NEW-C-1', amount: 100 }),
      orderRow(D[0]!, { external_ref: 'NEW-D-1', amount: 100 }),
      orderRow(D[0]!, { external_ref: 'NEW-D-2', amount: 100 }),
      ...Array.from({ length: 10 }, (_, i) => orderRow(F[0]!, { external_ref: `NEW-F-${i}`, amount: 100, placed_at: daysAgo(i) })),
      orderRow(G[0]!, { external_ref: 'NEW-G-1', amount: 10_000 }),
      orderRow(G[0]!, { external_ref: 'NEW-G-2', amount: 50 }),
    ];
    const refunds = refundable.map((row) => ({ ...row, status: 'refunded' as const }));
    const importers: SupabaseClient[] = [serviceClient(), store.owner.client, serviceClient(), staff[1]!.client];

    const [before] = await sql<{ points: string; rebates: string }>(`
      select (select coalesce(max(id), 0) from public.points_ledger) as points,
        (select coalesce(max(id), 0) from public.rebate_ledger) as rebates`);

    const op = (kind: string, who: string, run: Op['run'], amount = 0): Op => ({ kind, company: who, amount, run });
    const each = (contacts: Member[], times: number, kind: string, who: string, run: (m: Member) => Op['run']) =>
      contacts.flatMap((m) => Array.from({ length: times }, () => op(kind, who, run(m))));
    const claimSample = (m: Member) => () => m.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo });
    const claimCoupon = (m: Member) => () => m.client.rpc('claim_coupon', { p_coupon_id: coupon.claimable });
    // The kit is the store's to send: it takes an address, the voucher (a coupon) none.
    const redeem = (id: string) => (m: Member) => () => m.client.rpc('redeem_reward', { p_reward_id: id, ...(id === reward.kit && { p_ship_to: shipTo }) });
    const adjust = (m: Member, delta: number, by: number) =>
      op('adjust_points', m === A[0] ? 'A' : 'D', () => staff[by]!.client.rpc('adjust_points', { p_member_id: m.id, p_delta: delta, p_note: `storm ${delta}` }), delta);
    const applyRebate = (m: Member, amount: number, i: number) =>
      op('apply_rebate', m === E[0] ? 'E' : 'D', () => staff[i % 2]!.client.rpc('apply_rebate', { p_member_id: m.id, p_amount: amount, p_order_ref: `NEXT-${i}` }), -amount);

    const ops: Op[] = interleave([
      ...each(A, 6, 'claim_sample', 'A', claimSample),
      ...each(B, 6, 'claim_sample', 'B', claimSample),
      ...each(C, 8, 'claim_sample', 'C', claimSample),
      op('cancel_sample', 'A', () => A[1]!.client.rpc('cancel_sample', { p_claim_id: cancellableClaim })),
      ...each(A, 3, 'claim_coupon', 'A', claimCoupon),
      ...each(B, 3, 'claim_coupon', 'B', claimCoupon),
      ...each(A, 3, 'redeem_kit', 'A', redeem(reward.kit)),
      ...each(D, 10, 'redeem_kit', 'D', redeem(reward.kit)),
      ...each(B, 3, 'redeem_voucher', 'B', redeem(reward.voucher)),
      adjust(A[0]!, 50, 0), adjust(A[0]!, 50, 1), adjust(A[0]!, -150, 0), adjust(A[0]!, -150, 1), adjust(A[0]!, -400, 0),
      adjust(D[0]!, -4000, 0), adjust(D[0]!, -4000, 1), adjust(D[0]!, -4000, 0), adjust(D[0]!, 500, 1), adjust(D[0]!, 500, 0),
      ...Array.from({ length: 12 }, (_, i) => applyRebate(E[0]!, 60, i)),
      ...Array.from({ length: 6 }, (_, i) => applyRebate(D[0]!, 100, 100 + i)),
      ...importers.map((client) => op('import_new', 'CDFG', () => client.rpc('import_orders', { p_store_id: store.id, p_rows: newOrders }))),
      ...importers.map((client) => op('import_refunds', 'D', () => client.rpc('import_orders', { p_store_id: store.id, p_rows: refunds }))),
      ...[A[2]!, C[1]!, F[0]!, G[0]!].map((m) => op('my_membership', '-', () => m.client.rpc('my_membership', { p_store_slug: store.slug }))),
      ...staff.map((s) => op('evaluate_tiers', '-', () => s.client.rpc('evaluate_tiers', { p_store_id: store.id }))),
    ]);

    const outcomes: Outcome[] = await Promise.all(ops.map(async (o) => {
      const { status, data, error } = await o.run();
      return { kind: o.kind, company: o.company, amount: o.amount, status, data, error };
    }));

    // Losers are told why, with a business error; nothing fails any other way.
    const unexpected = outcomes.filter((o) => o.error && !(o.error.code === 'P0001' && o.status === 400 && allowedRefusals[o.kind]?.test(o.error.message)));
    expect(unexpected.map((o) => `${o.kind} (${o.company}): ${o.status} ${o.error?.code} ${o.error?.message}`)).toEqual([]);
    for (const o of outcomes.filter((x) => !x.error && ['redeem_kit', 'redeem_voucher'].includes(x.kind))) {
      expect((o.data as { points_balance: number }).points_balance).toBeGreaterThanOrEqual(0);
    }
    for (const o of outcomes.filter((x) => !x.error && ['adjust_points', 'apply_rebate'].includes(x.kind))) {
      expect(Number(o.data)).toBeGreaterThanOrEqual(0);
    }

    // Samples: counted claims (requested, approved, shipped) never exceed the tier's quota; B
    // and C filled theirs exactly, and every accepted claim is a row.
    const samples = Object.fromEntries((await sql<{ member_id: string; counted: number; created: number }>(`
      select member_id, count(*) filter (where status in ('requested', 'approved', 'shipped'))::int as counted,
        count(*) filter (where id <> all($2::uuid[]))::int as created
      from public.sample_claims where store_id = $1 group by member_id`, [store.id, earlierClaims])).map((r) => [r.member_id, r]));
    expect(samples[B[0]!.id]).toEqual({ member_id: B[0]!.id, counted: 3, created: 3 });
    expect(samples[C[0]!.id]).toEqual({ member_id: C[0]!.id, counted: 5, created: 5 });
    expect(count(outcomes, 'claim_sample', 'B')).toBe(3);
    expect(count(outcomes, 'claim_sample', 'C')).toBe(5);
    const cancelled = count(outcomes, 'cancel_sample');
    expect(cancelled).toBe(1);
    expect(samples[A[0]!.id]!.counted).toBeLessThanOrEqual(3);
    expect(samples[A[0]!.id]!.counted).toBe(2 - cancelled + count(outcomes, 'claim_sample', 'A'));
    expect(samples[A[0]!.id]!.created).toBe(count(outcomes, 'claim_sample', 'A'));
    expect(Object.keys(samples).sort()).toEqual([A[0]!.id, B[0]!.id, C[0]!.id].sort());

    // Coupons: never more copies than the limit, numbered 1..n without gaps or repeats.
    const held = await sql<{ member_id: string; coupon_id: string; slots: number[]; per_member_limit: number }>(`
      select mc.member_id, mc.coupon_id, array_agg(mc.slot order by mc.slot) as slots, c.per_member_limit
      from public.member_coupons mc join public.coupons c on c.id = mc.coupon_id
      where mc.store_id = $1 group by mc.member_id, mc.coupon_id, c.per_member_limit`, [store.id]);
    for (const h of held) {
      expect(h.slots).toEqual(Array.from({ length: h.slots.length }, (_, i) => i + 1));
      expect(h.slots.length).toBeLessThanOrEqual(h.per_member_limit);
    }
    const slotsOf = (m: Member, id: string) => held.find((h) => h.member_id === m.id && h.coupon_id === id)?.slots ?? [];
    expect(slotsOf(A[0]!, coupon.claimable)).toEqual([1, 2]);
    expect(slotsOf(B[0]!, coupon.claimable)).toEqual([1, 2]);
    expect(slotsOf(B[0]!, coupon.voucher)).toEqual([1, 2, 3]);
    expect(count(outcomes, 'claim_coupon', 'A')).toBe(2);
    expect(count(outcomes, 'claim_coupon', 'B')).toBe(2);
    expect(count(outcomes, 'redeem_voucher', 'B')).toBe(3);

    // Balances: each equals its ledger's sum and never goes below zero; points also equal what
    // is left of the unexpired credits.
    const balances = await sql<{ id: string; points: number; ledger: number; open_credits: number; rebate: string; rebate_ledger: string }>(`
      select m.id, m.points_balance as points,
        coalesce((select sum(l.delta) from public.points_ledger l where l.member_id = m.id), 0)::int as ledger,
        coalesce((select sum(l.remaining) from public.points_ledger l where l.member_id = m.id and l.remaining > 0 and l.expires_at > now()), 0)::int as open_credits,
        m.rebate_balance::text as rebate,
        coalesce((select sum(r.delta) from public.rebate_ledger r where r.member_id = m.id), 0)::numeric(14,2)::text as rebate_ledger
      from public.members m where m.store_id = $1`, [store.id]);
    expect(balances).toHaveLength(7);
    for (const b of balances) {
      expect(b.points).toBeGreaterThanOrEqual(0);
      expect({ ledger: b.ledger, open_credits: b.open_credits, rebate_ledger: b.rebate_ledger }).toEqual({ ledger: b.points, open_credits: b.points, rebate_ledger: b.rebate });
      expect(Number(b.rebate)).toBeGreaterThanOrEqual(0);
    }
    expect(balances.find((b) => b.id === B[0]!.id)!.points).toBe(300 - 3 * 50);
    expect(balances.find((b) => b.id === E[0]!.id)!.rebate).toBe('20.00');

    // Every accepted spend, adjustment and rebate is exactly one ledger row, of its amount.
    const written = await sql<{ member_id: string; reason: string; n: number; total: number }>(`
      select member_id, reason, count(*)::int as n, sum(delta)::float8 as total from public.points_ledger
      where store_id = $1 and id > $2 group by member_id, reason
      union all
      select member_id, 'rebate_' || reason, count(*)::int, sum(delta)::float8 from public.rebate_ledger
      where store_id = $1 and id > $3 group by member_id, reason`, [store.id, before!.points, before!.rebates]);
    const rows = (m: Member, reason: string) => written.find((w) => w.member_id === m.id && w.reason === reason) ?? { n: 0, total: 0 };
    const moved = (kind: string, who: string) =>
      outcomes.filter((o) => o.kind === kind && o.company === who && !o.error).reduce((total, o) => total + o.amount, 0);
    // 0 - x, not -x: a member with no redemption reads total 0, and -(100 * 0) is -0, which
    // toMatchObject tells apart from 0.
    const spent = (n: number, each: number) => 0 - each * n;
    expect(rows(A[0]!, 'redemption')).toMatchObject({ n: count(outcomes, 'redeem_kit', 'A'), total: spent(count(outcomes, 'redeem_kit', 'A'), 100) });
    expect(rows(B[0]!, 'redemption')).toMatchObject({ n: 3, total: -150 });
    expect(rows(D[0]!, 'redemption')).toMatchObject({ n: count(outcomes, 'redeem_kit', 'D'), total: spent(count(outcomes, 'redeem_kit', 'D'), 100) });
    expect(rows(A[0]!, 'adjustment')).toMatchObject({ n: count(outcomes, 'adjust_points', 'A'), total: moved('adjust_points', 'A') });
    expect(rows(D[0]!, 'adjustment')).toMatchObject({ n: count(outcomes, 'adjust_points', 'D'), total: moved('adjust_points', 'D') });
    expect(count(outcomes, 'apply_rebate', 'E')).toBe(8);
    expect(rows(E[0]!, 'rebate_applied')).toMatchObject({ n: 8, total: -480 });
    expect(rows(D[0]!, 'rebate_applied')).toMatchObject({ n: count(outcomes, 'apply_rebate', 'D'), total: moved('apply_rebate', 'D') });

    // Orders: one row per external reference however often a batch was sent; the first import
    // of each batch did the work and the others found nothing to change.
    const [orders] = await sql<{ n: number; refs: number }>(`select count(*)::int as n, count(distinct external_ref)::int as refs from public.orders where store_id = $1`, [store.id]);
    expect(orders).toEqual({ n: 2 + 5 + 1 + newOrders.length, refs: 2 + 5 + 1 + newOrders.length });
    const sum = (kind: string, key: 'inserted' | 'updated' | 'unchanged') =>
      outcomes.filter((o) => o.kind === kind).reduce((total, o) => total + (o.data as Record<string, number>)[key]!, 0);
    expect([sum('import_new', 'inserted'), sum('import_new', 'updated'), sum('import_new', 'unchanged')]).toEqual([newOrders.length, 0, 3 * newOrders.length]);
    expect([sum('import_refunds', 'inserted'), sum('import_refunds', 'updated'), sum('import_refunds', 'unchanged')]).toEqual([0, refunds.length, 3 * refunds.length]);

    // Each new paid order earned once; each refund was clawed back and reversed exactly once.
    const perOrder = await sql<{ external_ref: string; status: string; credits: number; clawbacks: number; rebates: number; reversals: number }>(`
      select o.external_ref, o.status,
        (select count(*)::int from public.points_ledger l where l.order_id = o.id and l.reason = 'order') as credits,
        (select count(*)::int from public.points_ledger l where l.order_id = o.id and l.reason = 'clawback') as clawbacks,
        (select count(*)::int from public.rebate_ledger r where r.order_id = o.id and r.reason = 'order') as rebates,
        (select count(*)::int from public.rebate_ledger r where r.order_id = o.id and r.reason = 'reversal') as reversals
      from public.orders o where o.store_id = $1 and (o.external_ref like 'NEW-%' or o.external_ref like 'REFUND-%')
      order by o.external_ref`, [store.id]);
    // D's orders of 2,500 reach VIP's 10,000 at the fourth oldest, REFUND-1: it and REFUND-0 earned a rebate.
    for (const o of perOrder.filter((x) => x.external_ref.startsWith('REFUND-'))) {
      const vip = Number(['REFUND-0', 'REFUND-1'].includes(o.external_ref));
      expect(o).toMatchObject({ status: 'refunded', credits: 1, clawbacks: 1, rebates: vip, reversals: vip });
    }
    for (const o of perOrder.filter((x) => x.external_ref.startsWith('NEW-'))) {
      expect(o).toMatchObject({ status: 'paid', credits: 1, clawbacks: 0, reversals: 0 });
    }

    // Tier history: per company one path from the join to the current tier, no step recorded
    // twice, no step that changes nothing; F and G changed exactly once however many imports
    // of their first orders raced.
    const broken = await sql(`
      select m.id, t.name ->> 'en' as name, (select count(*) from public.tier_changes h where h.member_id = m.id and h.to_tier_id = t.id)
          - (select count(*) from public.tier_changes h where h.member_id = m.id and h.from_tier_id = t.id) as net
      from public.members m join public.tiers t on t.store_id = m.store_id
      where m.store_id = $1
        and (select count(*) from public.tier_changes h where h.member_id = m.id and h.to_tier_id = t.id)
          - (select count(*) from public.tier_changes h where h.member_id = m.id and h.from_tier_id = t.id)
          <> case when t.id = m.tier_id then 1 else 0 end`, [store.id]);
    expect(broken).toEqual([]);
    expect(await sql(`
      select member_id from public.tier_changes where store_id = $1
      group by member_id having count(*) filter (where from_tier_id is null) <> 1 or bool_or(from_tier_id = to_tier_id)`, [store.id])).toEqual([]);
    const history = async (m: Member) => (await sql<{ step: string }>(`
      select reason || ':' || coalesce(from_tier_name ->> 'en', '-') || '>' || (to_tier_name ->> 'en') as step
      from public.tier_changes where member_id = $1 order by changed_at`, [m.id])).map((r) => r.step);
    expect(await history(F[0]!)).toEqual(['join:->Ordinary', 'orders:Ordinary>Senior']);
    expect(await history(G[0]!)).toEqual(['join:->Ordinary', 'orders:Ordinary>VIP']);
    expect(await history(C[0]!)).toEqual(['join:->Ordinary', 'orders:Ordinary>Senior']);
  });
});

/** Waits until two imports wait on a lock: on the blocker itself, or (queued behind it) on each other. */
async function twoImportsWaitingOn(blockerPid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [waiting] = await sql<{ n: number }>(`
      with first as (select a.pid from pg_stat_activity a where a.query ilike '%import_orders%' and $1 = any(pg_blocking_pids(a.pid)))
      select count(*)::int as n from pg_stat_activity a
      where a.query ilike '%import_orders%' and a.wait_event_type = 'Lock'
        and (a.pid in (select pid from first) or exists (select 1 from first f where f.pid = any(pg_blocking_pids(a.pid))))`, [blockerPid]);
    if (waiting!.n === 2) return;
    if (Date.now() > deadline) throw new Error(`only ${waiting!.n} of the 2 imports reached the blocker`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs two imports that overlap: both are held by the blocker until both wait, then let go together. */
async function overlappingImports(store: Store, blocker: { pid: number; release: () => Promise<void> }, batches: OrderRow[][]) {
  const imports = batches.map(async (rows) => await serviceClient().rpc('import_orders', { p_store_id: store.id, p_rows: rows }));
  try {
    await twoImportsWaitingOn(blocker.pid);
  } finally {
    await blocker.release();
  }
  const results = await Promise.all(imports);
  return results.map((r) => r.error && `${r.status} ${r.error.code} ${r.error.message}`);
}

describe('imports that overlap in time', () => {
  // A merchant back end may send each order as it happens (a webhook per order), so imports for
  // one buyer overlap. The inserts' foreign-key checks take FOR KEY SHARE on the buyer's row and
  // the ledger trigger then needs FOR UPDATE: without import_orders locking the batch's members
  // FOR UPDATE first, in id order, each waits for the other (40P01, HTTP 500).
  it('of different new orders for one buyer both succeed', async () => {
    const store = await createStore({ label: 'import-race' });
    const buyer = await addMember(store);
    // FOR NO KEY UPDATE lets both imports insert (FOR KEY SHARE passes) and holds both at the
    // ledger trigger's FOR UPDATE, so they overlap on every machine, not only by luck.
    const blocker = await holdLocks('select 1 from public.members where id = $1 for no key update', [buyer.id]);
    const errors = await overlappingImports(store, blocker, [[orderRow(buyer, { external_ref: 'RACE-1' })], [orderRow(buyer, { external_ref: 'RACE-2' })]]);
    expect(errors).toEqual([null, null]);
    expect(await sql(`select count(*)::int as n from public.orders where member_id = $1`, [buyer.id])).toEqual([{ n: 2 }]);
  });

  // Overlapping batches, or a sync job re-sending "changed since" in another sort, carry some
  // of the same orders in a different order; import_orders writes them in external_ref order so
  // the two never lock shared order rows in opposite orders (40P01, HTTP 500).
  it('of overlapping batches listing shared orders in another order both succeed', async () => {
    const store = await createStore({ label: 'import-order' });
    const buyer = await addMember(store);
    const order = Object.fromEntries(['a', 'b', 'x', 'y'].map((ref) => [ref, orderRow(buyer, { external_ref: `SORT-${ref}` })]));
    await importOrders(store, Object.values(order));
    const refund = (ref: string) => ({ ...order[ref]!, status: 'refunded' as const });
    // Each batch takes its first shared order, then waits on the blocker's row (x or y); let go
    // together, each needs the shared order the other holds.
    const blocker = await holdLocks(`select 1 from public.orders where store_id = $1 and external_ref in ('SORT-x', 'SORT-y') for update`, [store.id]);
    const errors = await overlappingImports(store, blocker, [[refund('a'), refund('x'), refund('b')], [refund('b'), refund('y'), refund('a')]]);
    expect(errors).toEqual([null, null]);
    expect(await sql(`select count(*)::int as n from public.orders where store_id = $1 and status = 'refunded'`, [store.id])).toEqual([{ n: 4 }]);
  });
});
