/**
 * `npm run bench`: a throw-away local stack filled with one large merchant and 200 small
 * ones, the measures of issue 9 through the gateway as the real callers, plans of the slow
 * paths, and bench/results/latest.{json,md}. `BENCH_SCALE=0.1 npm run bench` for a quick run.
 */
import path from 'node:path';
import { startStack } from '../supabase/local/stack.ts';
import { benchConfig, benchGroups, type BenchGroup } from './config.ts';
import { checkConsistency } from './consistency.ts';
import type { BenchContext } from './context.ts';
import { explainAll } from './explain.ts';
import { prepareFixtures } from './fixtures.ts';
import { generate } from './generate.ts';
import type { Measure } from './measure.ts';
import { measureBrowser } from './measure-browser.ts';
import { measureClaims, measureStorm } from './measure-claims.ts';
import { measureImports } from './measure-imports.ts';
import { measureAnalytics, measureCatalogue, measureMyMembership, measurePeriodChange, measurePreRequest, measureStaffMembers, measureWhatIf } from './measure-reads.ts';
import { guarded, unmeasured } from './measure.ts';
import { describeMachine, writeReport } from './report.ts';

const resultsDir = path.join(import.meta.dirname, 'results');
const config = benchConfig();
const startedAt = new Date().toISOString();
const log = (line: string) => console.log(`[${((performance.now()) / 1000).toFixed(0).padStart(4)} s] ${line}`);

log(`bench at scale ${config.scale} (seed ${config.seed}): starting a throw-away stack`);
const stack = await startStack();
try {
  const data = await generate(stack.dbUrl, config, log);
  log(`data: ${JSON.stringify(data.counts)}`);
  const consistency = await checkConsistency(stack.dbUrl);
  for (const c of consistency) log(`  ${c.violations === 0 ? 'ok  ' : 'FAIL'} ${c.name}${c.violations ? ` (${c.violations})` : ''}`);
  const fx = await prepareFixtures(stack.dbUrl, stack.apiUrl, stack.anonKey);
  const ctx: BenchContext = { apiUrl: stack.apiUrl, dbUrl: stack.dbUrl, anonKey: stack.anonKey, serviceRoleKey: stack.serviceRoleKey, config, fx };

  const measures: Measure[] = [];
  const run = async (group: BenchGroup, name: string, measure: () => Promise<Measure[]>) => {
    if (!config.only.has(group)) return;
    log(`measuring ${name}`);
    const results = await measure();
    for (const m of results) log(`  ${m.id}: ${m.status} median ${m.median} ${m.unit} ratio ${m.ratio} ${m.pass === null ? '' : m.pass ? 'pass' : 'FAIL'} ${m.note ?? ''}`);
    measures.push(...results);
  };
  await run('catalogue', 'catalogue', () => measureCatalogue(ctx));
  await run('my_membership', 'my_membership', () => measureMyMembership(ctx));
  await run('staff_members', 'staff_members', () => measureStaffMembers(ctx));
  await run('imports', 'imports', () => measureImports(ctx));
  await run('claims', 'claims', () => measureClaims(ctx));
  await run('hook', 'pre-request hook', () => measurePreRequest(ctx));
  await run('what_if', 'console what-if', () => measureWhatIf(ctx));
  await run('what_if', 'console period change', () => measurePeriodChange(ctx));
  await run('analytics', 'console analytics', () => measureAnalytics(ctx));
  if (config.skipBrowser) await run('browser', 'browser', async () => [unmeasured('browser', 'widget and Lighthouse', 'skipped', 'BENCH_SKIP_BROWSER=1')]);
  else await run('browser', 'browser', () => guarded('browser', 'widget and Lighthouse', () => measureBrowser(ctx)));
  let explainFiles: string[] = [];
  if (config.only.has('explain')) {
    log('explaining the slow paths as their callers');
    explainFiles = (await explainAll(ctx, path.join(resultsDir, 'explain'))).map((f) => path.relative(path.dirname(resultsDir), f));
  }
  // Last: the storm commits its claims and redemptions.
  await run('storm', 'storm', () => measureStorm(ctx));

  const report = {
    startedAt, finishedAt: new Date().toISOString(), scale: config.scale, seed: config.seed,
    only: config.only.size === benchGroups.length ? null : [...config.only],
    machine: await describeMachine(stack.dbUrl), data, consistency, measures, explainFiles,
  };
  const files = writeReport(report, resultsDir);
  log(`wrote ${path.relative(process.cwd(), files.json)} and ${path.relative(process.cwd(), files.md)}`);
} finally {
  await stack.stop();
}
