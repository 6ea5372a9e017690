/**
 * EXPLAIN (ANALYZE, BUFFERS) of each slow path as its real caller (`set local role` and
 * `request.jwt.claims`), with auto_explain logging the nested statements of functions,
 * triggers and policies to the client, so the plans inside RPCs are visible too. Each plan set
 * goes to bench/results/explain/<case>.txt; everything runs in a transaction that is rolled back.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { BenchContext } from './context.ts';
import { newOrders } from './measure-imports.ts';

interface Case {
  name: string;
  email: string;
  sql: string;
  params: unknown[];
}

/** Statements whose slowest plan is printed in full; the summary lists every statement. */
const plansShown = 12;

interface Statement {
  text: string;
  calls: number;
  totalMs: number;
  slowestMs: number;
  slowestPlan: string;
}

/**
 * auto_explain's notices grouped by statement: calls, total and slowest time, the slowest
 * plan. A function's statement includes the time of the statements nested in it.
 */
function summarise(notices: string[]): string {
  const byText = new Map<string, Statement>();
  for (const notice of notices) {
    const ms = Number(/^duration: ([\d.]+) ms/.exec(notice)?.[1] ?? 0);
    const text = (/Query Text: ([\s\S]*?)(?:\nQuery Parameters:|\n[^\n]*\(cost=)/.exec(notice)?.[1] ?? notice).trim().replace(/\s+/g, ' ');
    const entry = byText.get(text) ?? { text, calls: 0, totalMs: 0, slowestMs: -1, slowestPlan: '' };
    entry.calls++;
    entry.totalMs += ms;
    if (ms > entry.slowestMs) Object.assign(entry, { slowestMs: ms, slowestPlan: notice });
    byText.set(text, entry);
  }
  const statements = [...byText.values()].sort((a, b) => b.totalMs - a.totalMs);
  const table = statements.map((st) => `${st.calls.toString().padStart(7)} ${st.totalMs.toFixed(1).padStart(10)} ${st.slowestMs.toFixed(1).padStart(9)}  ${st.text.slice(0, 140)}`);
  return ['  calls   total ms   max ms  statement', ...table, '', ...statements.slice(0, plansShown).map((st) => st.slowestPlan)].join('\n');
}

async function explainCase(dbUrl: string, c: Case): Promise<string> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const plans: string[] = [];
  client.on('notice', (notice) => {
    if (notice.message?.startsWith('duration')) plans.push(notice.message);
  });
  try {
    const { rows } = await client.query<{ id: string }>('select id from auth.users where email = $1', [c.email]);
    await client.query('begin');
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: rows[0]!.id, role: 'authenticated', email: c.email })]);
    await client.query(`load 'auto_explain'`);
    for (const setting of ['log_min_duration = 0', 'log_analyze = on', 'log_buffers = on', 'log_nested_statements = on', 'log_triggers = on', `log_level = 'notice'`]) {
      await client.query(`set local auto_explain.${setting}`);
    }
    await client.query(`set local client_min_messages = notice`);
    await client.query(`set local role authenticated`);
    const start = performance.now();
    await client.query(c.sql, c.params);
    const ms = performance.now() - start;
    await client.query('rollback');
    return `-- ${c.name} as ${c.email}: ${ms.toFixed(1)} ms in all; ${plans.length} statements logged\n-- ${c.sql}\n\n${summarise(plans)}\n`;
  } finally {
    await client.end();
  }
}

export async function explainAll(ctx: BenchContext, outDir: string): Promise<string[]> {
  const { fx } = ctx;
  const cases: Case[] = [
    { name: 'catalogue_page', email: fx.topVip.email, params: [fx.storeId],
      sql: `select id, sku, name, kind, price, currency, moq, visibility, min_tier_rank from public.products where store_id = $1 and active order by name limit 24` },
    { name: 'my_membership', email: fx.topVip.email, params: [fx.storeSlug], sql: 'select public.my_membership($1)' },
    { name: 'staff_members', email: fx.staff.email, params: [fx.storeId, fx.tierIds.VIP],
      sql: 'select * from public.staff_members($1, $2, p_limit => 50)' },
    { name: 'import_orders_1000', email: fx.staff.email, params: [fx.storeId, JSON.stringify(newOrders(ctx, 1000, 'explain'))],
      sql: 'select public.import_orders($1, $2::jsonb)' },
    { name: 'claim_sample', email: fx.claimers[0]!.email, params: [fx.publicProductIds[0]],
      sql: `select public.claim_sample($1, '{"name": "Bench", "line1": "1 Market Street", "city": "Lagos", "country": "NG", "phone": "+234 1 234 5678"}')` },
  ];
  fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const c of cases) {
    const file = path.join(outDir, `${c.name}.txt`);
    try {
      fs.writeFileSync(file, await explainCase(ctx.dbUrl, c));
    } catch (error) {
      fs.writeFileSync(file, `-- ${c.name}: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    written.push(file);
  }
  return written;
}
