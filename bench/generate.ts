/**
 * Fills a fresh bench database from generate.sql, one timed step at a time, as postgres.
 * Returns how long each step took and what the data turned out to be (the skew actually drawn).
 */
import fs from 'node:fs';
import pg from 'pg';
import type { BenchConfig } from './config.ts';

const sqlFile = new URL('./generate.sql', import.meta.url);

export interface GeneratedData {
  steps: { step: string; seconds: number }[];
  counts: Record<string, number>;
  skew: { topBuyerOrders: number; buyersWith100Plus: number; membersWithOrders: number; medianOrdersPerBuyer: number };
  tiers: Record<string, number>;
}

function steps(seed: string): { step: string; sql: string }[] {
  const text = fs.readFileSync(sqlFile, 'utf8').replaceAll(':seed', seed);
  return text.split(/^-- step: /m).slice(1).map((chunk) => {
    const newline = chunk.indexOf('\n');
    return { step: chunk.slice(0, newline).trim(), sql: chunk.slice(newline + 1) };
  });
}

export async function generate(dbUrl: string, config: BenchConfig, log: (line: string) => void): Promise<GeneratedData> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const s = config.sizes;
    const params: Record<string, number> = {
      members: s.members, orders: s.orders, products: s.products, claims: s.claims, small_stores: s.smallStores,
      small_members: s.smallMembers, small_orders: s.smallOrders, small_products: s.smallProducts, small_claims: s.smallClaims,
    };
    for (const [name, value] of Object.entries(params)) await client.query('select set_config($1, $2, false)', [`bench.${name}`, String(value)]);
    // Generation is one big batch on a throw-away database; no statement should be cut short.
    await client.query(`set statement_timeout = 0; set maintenance_work_mem = '256MB'; set work_mem = '128MB'`);
    const timings: GeneratedData['steps'] = [];
    for (const { step, sql } of steps(config.seed)) {
      const start = performance.now();
      await client.query(sql);
      const seconds = (performance.now() - start) / 1000;
      timings.push({ step, seconds: Math.round(seconds * 10) / 10 });
      log(`  generated ${step} in ${seconds.toFixed(1)} s`);
    }
    const count = async (table: string) =>
      Number((await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]!.n);
    const counts: Record<string, number> = {};
    for (const table of ['public.stores', 'public.members', 'public.member_contacts', 'auth.users', 'public.orders',
      'public.products', 'public.sample_claims', 'public.points_ledger', 'public.rebate_ledger', 'public.tier_changes']) {
      counts[table.replace(/^\w+\./, '')] = await count(table);
    }
    const big = (await client.query<{ store_id: string }>(`select store_id from bench.plan where store_no = 0`)).rows[0]!.store_id;
    const skew = (await client.query(`
      with per as (select o.member_id, count(*) as n from public.orders o where o.store_id = $1 group by o.member_id)
      select max(n)::int as top, count(*) filter (where n >= 100)::int as hundred, count(*)::int as buyers,
        percentile_disc(0.5) within group (order by n)::int as median from per`, [big])).rows[0];
    const tiers = (await client.query<{ name: string; n: number }>(`
      select (array['Ordinary', 'Senior', 'VIP'])[t.rank + 1] as name, count(*)::int as n
      from public.members m join public.tiers t on t.id = m.tier_id
      where m.store_id = $1 group by t.rank order by t.rank`, [big])).rows;
    return {
      steps: timings,
      counts,
      skew: { topBuyerOrders: skew.top, buyersWith100Plus: skew.hundred, membersWithOrders: skew.buyers, medianOrdersPerBuyer: skew.median },
      tiers: Object.fromEntries(tiers.map((t) => [t.name, t.n])),
    };
  } finally {
    await client.end();
  }
}
