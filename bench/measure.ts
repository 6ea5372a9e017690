/** One figure of the bench as latest.json records it. */
import { round, type Stats } from './stats.ts';

export interface Measure {
  id: string;
  title: string;
  unit: string;
  median: number | null;
  p95: number | null;
  baseline: { label: string; median: number | null; p95: number | null } | null;
  /** subject median / baseline median (for a throughput: how the rate held up). */
  ratio: number | null;
  goal: string;
  /** null: no goal to hold it to, skipped, or not built yet. */
  pass: boolean | null;
  status: 'measured' | 'skipped' | 'not built yet' | 'failed';
  note?: string;
  details?: Record<string, unknown>;
}

/** A latency beside its baseline, passing when the median ratio stays within `maxRatio`. */
export function ratioMeasure(
  base: { id: string; title: string; baselineLabel: string; maxRatio: number; goal?: string },
  result: { subject: Stats; baseline: Stats },
  details?: Record<string, unknown>,
): Measure {
  const ratio = result.subject.median / result.baseline.median;
  return {
    id: base.id,
    title: base.title,
    unit: 'ms',
    median: round(result.subject.median),
    p95: round(result.subject.p95),
    baseline: { label: base.baselineLabel, median: round(result.baseline.median), p95: round(result.baseline.p95) },
    ratio: round(ratio),
    goal: base.goal ?? `≤ ${base.maxRatio}×`,
    pass: ratio <= base.maxRatio,
    status: 'measured',
    details: { samples: result.subject.n, ...details },
  };
}

export function unmeasured(id: string, title: string, status: Measure['status'], note: string, goal = '—'): Measure {
  return { id, title, unit: '', median: null, p95: null, baseline: null, ratio: null, goal, pass: null, status, note };
}

/** Runs a measure; an exception becomes a failed entry instead of ending the run. */
export async function guarded(id: string, title: string, run: () => Promise<Measure | Measure[]>): Promise<Measure[]> {
  try {
    const result = await run();
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    return [unmeasured(id, title, 'failed', error instanceof Error ? error.message : String(error))];
  }
}
