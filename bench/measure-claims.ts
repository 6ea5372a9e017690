/**
 * Concurrent writers: claim_sample throughput with ten buyers (and whether it holds as the
 * number of stores grows), then twenty buyers claiming and redeeming for a while, checked in
 * SQL afterwards.
 */
import pg from 'pg';
import { as, type BenchContext } from './context.ts';
import type { Login } from './fixtures.ts';
import { rest } from './http.ts';
import { guarded, type Measure } from './measure.ts';
import { prng } from './prng.ts';
import { round, stats } from './stats.ts';

const shipTo = { name: 'Bench Buyer', line1: '1 Market Street', city: 'Lagos', country: 'NG', phone: '+234 1 234 5678' };

interface Tally {
  ok: number;
  /** 4xx business refusals the API documents (quota reached, points short). */
  refused: number;
  /** Anything else: 5xx, deadlocks, timeouts. */
  errors: number;
  errorSamples: string[];
  latencies: number[];
}

/** Each login runs `step` back to back until the deadline: one worker per buyer, bounded by time. */
async function workers(logins: Login[], seconds: number, step: (login: Login, i: number) => Promise<{ status: number; body: unknown }>): Promise<Tally> {
  const tally: Tally = { ok: 0, refused: 0, errors: 0, errorSamples: [], latencies: [] };
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(logins.map(async (login) => {
    for (let i = 0; performance.now() < deadline; i++) {
      const start = performance.now();
      const { status, body } = await step(login, i);
      tally.latencies.push(performance.now() - start);
      if (status < 300) tally.ok++;
      else if (status === 400 && (body as { code?: string }).code === 'P0001') tally.refused++;
      else {
        tally.errors++;
        if (tally.errorSamples.length < 5) tally.errorSamples.push(`${status} ${JSON.stringify(body).slice(0, 200)}`);
      }
    }
  }));
  return tally;
}

async function claimRate(ctx: BenchContext, seconds: number): Promise<{ perSecond: number; tally: Tally }> {
  const products = ctx.fx.publicProductIds;
  const tally = await workers(ctx.fx.claimers, seconds, (login, i) =>
    rest(ctx.apiUrl, as(ctx, login), 'rpc/claim_sample',
      { body: { p_product_id: products[i % products.length], p_ship_to: shipTo, p_quantity: 1 }, rollback: true }));
  if (tally.errors > 0 || tally.refused > 0) throw new Error(`claims failed: ${tally.errorSamples.join('; ') || `${tally.refused} refused`}`);
  return { perSecond: tally.ok / seconds, tally };
}

export async function measureClaims(ctx: BenchContext): Promise<Measure[]> {
  const id = 'claim_sample';
  const title = '`claim_sample` throughput with 10 buyers, and with 800 more stores';
  return guarded(id, title, async () => {
    const client = new pg.Client({ connectionString: ctx.dbUrl });
    await client.connect();
    try {
      const seconds = ctx.config.claimSeconds;
      await claimRate(ctx, 2);
      // A B A: as generated, with 800 more stores, as generated again, so that drift on a
      // shared machine does not pass for an effect of the number of stores.
      const first = await claimRate(ctx, seconds);
      // 800 more empty stores (each with its three default tiers, as create_store makes them).
      await client.query(`insert into public.stores (slug, name) select format('bench-extra-%s', n), to_jsonb(format('Extra %s', n)) from generate_series(1, 800) n`);
      await client.query('analyze public.stores, public.tiers');
      let after;
      try {
        await claimRate(ctx, 2);
        after = await claimRate(ctx, seconds);
      } finally {
        await client.query(`delete from public.stores where slug like 'bench-extra-%'`);
        await client.query('analyze public.stores, public.tiers');
      }
      const second = await claimRate(ctx, seconds);
      const before = {
        perSecond: (first.perSecond + second.perSecond) / 2,
        tally: { ...first.tally, latencies: [...first.tally.latencies, ...second.tally.latencies] },
      };
      const stores = Number((await client.query<{ n: string }>('select count(*) as n from public.stores')).rows[0]!.n);
      const a = stats(before.tally.latencies);
      const b = stats(after.tally.latencies);
      const ratio = after.perSecond / before.perSecond;
      return [
        {
          id, title: '`claim_sample` throughput with 10 buyers (claims/s, committed work rolled back)', unit: 'claims/s',
          median: round(before.perSecond, 1), p95: null,
          baseline: null, ratio: null, goal: '— (the issue measured 22-34/s at a fifth of this size)', pass: null, status: 'measured',
          details: { stores, buyers: ctx.fx.claimers.length, seconds: seconds * 2, runs_per_s: [round(first.perSecond, 1), round(second.perSecond, 1)],
            latency_ms: { median: round(a.median), p95: round(a.p95) } },
        },
        {
          id: 'claim_sample_stores', title: '`claim_sample` throughput with 800 more stores vs as generated (flat in the number of stores)', unit: 'claims/s',
          median: round(after.perSecond, 1), p95: null,
          baseline: { label: `${stores} stores, as generated`, median: round(before.perSecond, 1), p95: null },
          ratio: round(ratio), goal: '≥ 0.9 (flat)', pass: ratio >= 0.9, status: 'measured',
          details: { stores_after: stores + 800, latency_ms: { median: round(b.median), p95: round(b.p95) } },
        },
      ];
    } finally {
      await client.end();
    }
  });
}

/** After the storm: every quota and balance rule, over the whole store, must have held. */
const stormChecks: Record<string, string> = {
  balances_negative: `select count(*) from public.members m where m.points_balance < 0 or m.rebate_balance < 0`,
  balance_differs_from_ledger: `select count(*) from public.members m where m.id = any ($1)
    and m.points_balance <> (select coalesce(sum(l.delta), 0) from public.points_ledger l where l.member_id = m.id)`,
  credits_overspent: `select count(*) from public.points_ledger l where l.member_id = any ($1) and (l.remaining < 0 or l.remaining > l.delta)`,
  quota_exceeded: `select count(*) from public.members m join public.tiers t on t.id = private.evaluate_tier(m.id)
    where m.id = any ($1) and t.sample_quota is not null and private.samples_used(m.id) > t.sample_quota`,
};

export async function measureStorm(ctx: BenchContext): Promise<Measure[]> {
  const id = 'storm';
  const title = `20 buyers claiming samples and redeeming points for ${ctx.config.stormSeconds} s`;
  return guarded(id, title, async () => {
    const products = ctx.fx.publicProductIds;
    const random = prng(`${ctx.config.seed}:storm`);
    const seconds = ctx.config.stormSeconds;
    const tally = await workers(ctx.fx.storm, seconds, (login, i) =>
      i % 2 === 0
        ? rest(ctx.apiUrl, as(ctx, login), 'rpc/claim_sample',
          { body: { p_product_id: products[Math.floor(random() * products.length)], p_ship_to: shipTo, p_quantity: 1 } })
        // The store sends the generated reward (no coupon): redeem_reward requires where to.
        : rest(ctx.apiUrl, as(ctx, login), 'rpc/redeem_reward', { body: { p_reward_id: ctx.fx.rewardId, p_ship_to: shipTo } }));
    const client = new pg.Client({ connectionString: ctx.dbUrl });
    await client.connect();
    const violations: Record<string, number> = {};
    try {
      const members = ctx.fx.storm.map((l) => l.memberId);
      for (const [name, sql] of Object.entries(stormChecks)) {
        const { rows } = await client.query<{ count: string }>(sql, name === 'balances_negative' ? [] : [members]);
        violations[name] = Number(rows[0]!.count);
      }
    } finally {
      await client.end();
    }
    const s = stats(tally.latencies);
    const clean = Object.values(violations).every((v) => v === 0);
    return {
      id, title, unit: 'ops/s', median: round(tally.ok / seconds, 1), p95: null,
      baseline: null, ratio: null, goal: 'no errors but business refusals; no quota or balance exceeded',
      pass: clean && tally.errors === 0, status: 'measured',
      note: `${tally.ok} succeeded, ${tally.refused} refused (quota or points), ${tally.errors} errors`,
      details: { violations, latency_ms: { median: round(s.median), p95: round(s.p95) }, error_samples: tally.errorSamples },
    };
  });
}
