/** The read paths of issue 9's table, each beside its baseline from the same run. */
import fs from 'node:fs';
import pg from 'pg';
import { as, asService, type BenchContext } from './context.ts';
import { rest, restOk } from './http.ts';
import { guarded, ratioMeasure, unmeasured, type Measure } from './measure.ts';
import { compare, round, sampleAll, stats } from './stats.ts';

const catalogueColumns = 'id,sku,name,kind,price,currency,moq,visibility,min_tier_rank';

export async function measureCatalogue(ctx: BenchContext): Promise<Measure[]> {
  const title = 'catalogue page (24 products) as the top VIP vs the same request as service role';
  return guarded('catalogue_page', title, async () => {
    const path = `products?select=${catalogueColumns}&store_id=eq.${ctx.fx.storeId}&active=is.true&order=name&limit=24`;
    const vip = as(ctx, ctx.fx.topVip);
    const rows = (await restOk(ctx.apiUrl, vip, path)) as unknown[];
    if (rows.length !== 24) throw new Error(`the VIP's catalogue page had ${rows.length} rows, not 24`);
    const result = await compare(
      async () => void (await restOk(ctx.apiUrl, vip, path)),
      async () => void (await restOk(ctx.apiUrl, asService(ctx), path)),
      ctx.config.samples * 2,
    );
    return ratioMeasure({ id: 'catalogue_page', title, baselineLabel: 'same request as service role', maxRatio: 1.3 }, result);
  });
}

export async function measureMyMembership(ctx: BenchContext): Promise<Measure[]> {
  const title = '`my_membership` vs a trivial `select 1` RPC through the same gateway';
  return guarded('my_membership', title, async () => {
    const vip = as(ctx, ctx.fx.topVip);
    const result = await compare(
      async () => void (await restOk(ctx.apiUrl, vip, 'rpc/my_membership', { body: { p_store_slug: ctx.fx.storeSlug } })),
      async () => void (await restOk(ctx.apiUrl, vip, 'rpc/bench_select_1', { body: {} })),
      ctx.config.samples * 2,
    );
    return ratioMeasure({ id: 'my_membership', title, baselineLabel: '`bench_select_1()` RPC as the same VIP', maxRatio: 2 }, result,
      { caller: 'top VIP (most orders)' });
  });
}

export async function measureStaffMembers(ctx: BenchContext): Promise<Measure[]> {
  const title = '`staff_members` (tier filter, 50 rows) vs a plain indexed select of 50 members';
  return guarded('staff_members', title, async () => {
    const staff = as(ctx, ctx.fx.staff);
    const vipTier = ctx.fx.tierIds.VIP;
    const body = { p_store_id: ctx.fx.storeId, p_tier_id: vipTier, p_limit: 50 };
    // At full scale a call may be cancelled at the 8 s statement timeout: timed (a lower
    // bound) and counted rather than ending the measure.
    const failures: string[] = [];
    const subject = async () => {
      const result = await rest(ctx.apiUrl, staff, 'rpc/staff_members', { body });
      if (result.status === 500 && (result.body as { code?: string }).code === '57014') failures.push('57014');
      else if (result.status >= 300) throw new Error(`staff_members answered ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`);
      else if ((result.body as unknown[]).length !== 50) throw new Error(`staff_members returned ${(result.body as unknown[]).length} rows, not 50`);
    };
    const plain = `members?select=id,company_name,country,tier_id,points_balance,rebate_balance,joined_at&store_id=eq.${ctx.fx.storeId}&tier_id=eq.${vipTier}&limit=50`;
    const samples = ctx.config.scale >= 0.5 ? 5 : ctx.config.samples;
    const result = await compare(subject, async () => void (await restOk(ctx.apiUrl, staff, plain)), samples, 1);
    const measure = ratioMeasure({ id: 'staff_members', title, baselineLabel: '`GET members?tier_id=eq.…&limit=50` as the same staff', maxRatio: 3 }, result, { failures });
    if (failures.length > 0) {
      measure.pass = false;
      measure.note = `${failures.length} of ${samples + 1} calls cancelled at the statement timeout; their time counts as a lower bound`;
    }
    return measure;
  });
}

const guardMigration = new URL('../supabase/migrations/20261202000100_request_guard.sql', import.meta.url);

/**
 * The pre-request hook's cost: the same request with `pgrst.db_pre_request` set on the
 * authenticator role and with it reset, the setting restored afterwards. PostgREST rereads
 * role settings on `NOTIFY pgrst, 'reload config'`.
 */
export async function measurePreRequest(ctx: BenchContext): Promise<Measure[]> {
  const id = 'pre_request_hook';
  const title = 'pre-request hook: the same request with `pgrst.db_pre_request` on vs reset';
  if (!fs.existsSync(guardMigration)) {
    return [unmeasured(id, title, 'skipped', 'supabase/migrations/20261202000100_request_guard.sql is not there yet: no hook to measure')];
  }
  return guarded(id, title, async () => {
    const client = new pg.Client({ connectionString: ctx.dbUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ value: string | null }>(`
        select (select split_part(c, '=', 2) from unnest(s.setconfig) c where c like 'pgrst.db_pre_request=%') as value
        from pg_db_role_setting s where s.setrole = 'authenticator'::regrole and s.setdatabase = 0`);
      const hook = rows[0]?.value;
      if (!hook) return unmeasured(id, title, 'skipped', 'the request_guard migration sets no pgrst.db_pre_request on authenticator');
      const member = as(ctx, ctx.fx.topVip);
      const request = async () => void (await restOk(ctx.apiUrl, member, 'rpc/bench_select_1', { body: {} }));
      const reload = async (sql: string) => {
        await client.query(sql);
        await client.query(`notify pgrst, 'reload config'`);
        await new Promise((r) => setTimeout(r, 1500));
      };
      // on, off, on, off: drift on a shared machine lands on both.
      const on: number[] = [];
      const off: number[] = [];
      const block = async (into: number[]) => {
        const s = await sampleAll(request, Math.ceil((ctx.config.samples * 3) / 2), 5);
        into.push(...s);
      };
      try {
        for (let i = 0; i < 2; i++) {
          await block(on);
          await reload(`alter role authenticator reset pgrst.db_pre_request`);
          await block(off);
          await reload(`alter role authenticator set pgrst.db_pre_request = '${hook.replaceAll("'", "''")}'`);
        }
      } finally {
        await reload(`alter role authenticator set pgrst.db_pre_request = '${hook.replaceAll("'", "''")}'`);
      }
      const measure = ratioMeasure({ id, title, baselineLabel: 'same request, hook reset', maxRatio: 1.2, goal: '≤ 1.2× (no goal in the issue)' },
        { subject: stats(on), baseline: stats(off) }, { hook, request: '`bench_select_1()` as a member' });
      measure.details = { ...measure.details, added_ms_median: Math.round((stats(on).median - stats(off).median) * 100) / 100 };
      return measure;
    } finally {
      await client.end();
    }
  });
}

/**
 * The console's what-if (issue 13): the store's members placed into proposed tiers, as staff,
 * beside the plain select of 50 members. Its goal is absolute — well under a second — so the
 * ratio is only reported.
 */
export async function measureWhatIf(ctx: BenchContext): Promise<Measure[]> {
  const title = 'console: what-if of new tier thresholds (`tier_what_if`, the whole store, first 100 moves)';
  return guarded('console_what_if', title, async () => {
    const staff = as(ctx, ctx.fx.staff);
    const { Ordinary, Senior, VIP } = ctx.fx.tierIds;
    // Senior from two orders, VIP from half today's amount: many members move both ways.
    const body = {
      p_store_id: ctx.fx.storeId,
      p_tiers: [
        { id: Ordinary, rank: 0, min_paid_orders: 0, min_paid_amount: 0 },
        { id: Senior, rank: 1, min_paid_orders: 2, min_paid_amount: 0 },
        { id: VIP, rank: 2, min_paid_orders: 1, min_paid_amount: 5000 },
      ],
    };
    const plain = `members?select=id,company_name,tier_id&store_id=eq.${ctx.fx.storeId}&limit=50`;
    const result = await compare(
      async () => void (await restOk(ctx.apiUrl, staff, 'rpc/tier_what_if', { body })),
      async () => void (await restOk(ctx.apiUrl, staff, plain)),
      ctx.config.samples,
    );
    const measure = ratioMeasure({ id: 'console_what_if', title, baselineLabel: '`GET members?limit=50` as the same staff', maxRatio: Infinity,
      goal: 'median < 1000 ms' }, result);
    measure.pass = result.subject.median < 1000;
    return measure;
  });
}

/**
 * The owner changing the statistical period in the console's settings (`save_store_settings`, the
 * period alone), rolled back: the store's members' cached tiers are invalidated and their analytics
 * state (paid_once, paid_twice) recomputed in the same statement, so at a large store it must stay
 * inside the function's own 60 s statement timeout, with a margin.
 */
export async function measurePeriodChange(ctx: BenchContext): Promise<Measure[]> {
  const id = 'period_change';
  const title = 'console: the owner changes `statistical_period_days` of the large store (`save_store_settings`, rolled back) within its own 60 s statement timeout';
  return guarded(id, title, async () => {
    const owner = as(ctx, ctx.fx.staff);
    const durations: number[] = [];
    const outcomes: string[] = [];
    // The settings as the console reads them, which the change is made over; each try rolled back leaves them so.
    const [{ updated_at: settingsRead }] = (await restOk(ctx.apiUrl, owner, `stores?id=eq.${ctx.fx.storeId}&select=updated_at`)) as [{ updated_at: string }];
    // 365 → 180 and 730 days alternately: a shorter period and a longer one.
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const result = await rest(ctx.apiUrl, owner, 'rpc/save_store_settings', {
        body: { p_store_id: ctx.fx.storeId, p_settings: { statistical_period_days: i % 2 === 0 ? 180 : 730 }, p_settings_read: settingsRead }, rollback: true,
      });
      durations.push(performance.now() - start);
      const code = (result.body as { code?: string } | null)?.code;
      outcomes.push(result.status < 300 ? 'ok' : `${result.status} ${code ?? ''}`.trim());
    }
    const ok = outcomes.filter((o) => o === 'ok').length;
    const s = stats(durations);
    return {
      id, title, unit: 'ms', median: round(s.median), p95: round(s.p95),
      baseline: { label: 'statement timeout of `save_store_settings` (hoisted by PostgREST)', median: 60_000, p95: 60_000 },
      ratio: round(s.median / 60_000), goal: 'all tries succeed, p95 ≤ 30 s (half the timeout)',
      pass: ok === outcomes.length && s.p95 <= 30_000, status: 'measured',
      note: `${ok} of ${outcomes.length} tries succeeded`,
      details: { outcomes, durations: durations.map((d) => round(d)), rolled_back: true },
    };
  });
}

/** The console's analytics page (issue 14): its RPCs, each as the store's staff over the last year. */
const analyticsCalls = (storeId: string, from: string, to: string): [string, Record<string, unknown>][] => [
  ['analytics_members_over_time', { p_store_id: storeId, p_from: from, p_to: to, p_period: 'month' }],
  ['analytics_conversions', { p_store_id: storeId, p_from: from, p_to: to }],
  ['analytics_order_value', { p_store_id: storeId, p_from: from, p_to: to }],
  ['analytics_liabilities', { p_store_id: storeId }],
  ['analytics_coupons', { p_store_id: storeId, p_from: from, p_to: to }],
];

/**
 * The analytics page's queries (migration 20261203000500, GROWTH), when they exist: the whole
 * page's calls one after another (the database work it costs), and each call's median. No goal
 * in the issue; a console page should answer within a second.
 */
export async function measureAnalytics(ctx: BenchContext): Promise<Measure[]> {
  const id = 'console_analytics';
  const title = 'console: analytics page (its five `analytics_*` RPCs over the last 12 months, one after another)';
  const client = new pg.Client({ connectionString: ctx.dbUrl });
  await client.connect();
  const { rows } = await client.query<{ n: number }>(
    `select count(*)::int as n from pg_proc where pronamespace = 'public'::regnamespace and proname = any ($1)`,
    [analyticsCalls('', '', '').map(([name]) => name)]);
  await client.end();
  if (rows[0]!.n < analyticsCalls('', '', '').length) {
    return [unmeasured(id, title, 'not built yet', 'the analytics RPCs of migration 20261203000500 are not (all) there')];
  }
  return guarded(id, title, async () => {
    const staff = as(ctx, ctx.fx.staff);
    const to = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
    const from = new Date(to.getTime() - 365 * 86_400_000);
    const calls = analyticsCalls(ctx.fx.storeId, from.toISOString(), to.toISOString());
    const each: Record<string, number[]> = Object.fromEntries(calls.map(([name]) => [name, []]));
    // A call cancelled at the statement timeout is timed (a lower bound) and counted.
    const failures: string[] = [];
    const page = async () => {
      for (const [name, body] of calls) {
        const start = performance.now();
        const result = await rest(ctx.apiUrl, staff, `rpc/${name}`, { body });
        each[name]!.push(performance.now() - start);
        if (result.status === 500 && (result.body as { code?: string }).code === '57014') failures.push(name);
        else if (result.status >= 300) throw new Error(`${name} answered ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`);
      }
    };
    const plain = `members?select=id,company_name,tier_id&store_id=eq.${ctx.fx.storeId}&limit=50`;
    const result = await compare(page, async () => void (await restOk(ctx.apiUrl, staff, plain)), Math.max(3, Math.round(ctx.config.samples / 3)), 1);
    const measure = ratioMeasure({ id, title, baselineLabel: '`GET members?limit=50` as the same staff', maxRatio: Infinity,
      goal: 'median < 1000 ms (no goal in the issue)' }, result,
      { per_call_median_ms: Object.fromEntries(Object.entries(each).map(([name, ms]) => [name, Math.round(stats(ms).median)])) });
    measure.pass = result.subject.median < 1000 && failures.length === 0;
    if (failures.length > 0) {
      measure.note = `${failures.length} calls cancelled at the statement timeout (${[...new Set(failures)].join(', ')}); their time counts as a lower bound`;
    }
    // What staff wait for: the console sends the calls at once (lib/growth/analytics.ts), so the
    // page takes as long as its slowest call while the others run beside it.
    const together: number[] = [];
    for (let i = 0; i < result.subject.n; i++) {
      const start = performance.now();
      const answers = await Promise.all(calls.map(([name, body]) => rest(ctx.apiUrl, staff, `rpc/${name}`, { body })));
      together.push(performance.now() - start);
      const failed = answers.find((answer) => answer.status >= 300);
      if (failed) throw new Error(`a call answered ${failed.status}: ${JSON.stringify(failed.body).slice(0, 300)}`);
    }
    const wait = stats(together);
    return [measure, {
      id: 'console_analytics_wait', title: 'console: analytics page as the console loads it (the same five RPCs sent at once; what staff wait for)', unit: 'ms',
      median: round(wait.median), p95: round(wait.p95),
      baseline: { label: 'the five one after another (row above)', median: round(result.subject.median), p95: round(result.subject.p95) },
      ratio: round(wait.median / result.subject.median), goal: 'median < 1000 ms (no goal in the issue)', pass: wait.median < 1000, status: 'measured',
    } satisfies Measure];
  });
}
