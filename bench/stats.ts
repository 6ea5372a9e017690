/** Medians and 95th percentiles of timings, and the interleaved sampling that produces them. */

export interface Stats {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile: an observed value, never an interpolation between two. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function timed(call: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await call();
  return performance.now() - start;
}

/**
 * Times a subject and its baseline alternately (A B B A ...), after warm-up calls of each, so
 * that drift on a shared machine (a colleague's test run, autovacuum) lands on both alike.
 */
export async function compare(
  subject: () => Promise<void>,
  baseline: () => Promise<void>,
  samples: number,
  warmup = 3,
): Promise<{ subject: Stats; baseline: Stats }> {
  for (let i = 0; i < warmup; i++) {
    await subject();
    await baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i % 2 === 0) {
      a.push(await timed(subject));
      b.push(await timed(baseline));
    } else {
      b.push(await timed(baseline));
      a.push(await timed(subject));
    }
  }
  return { subject: stats(a), baseline: stats(b) };
}

/** Times one call `samples` times after warm-up; the raw timings, to pool with other blocks. */
export async function sampleAll(call: () => Promise<void>, samples: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await call();
  const values: number[] = [];
  for (let i = 0; i < samples; i++) values.push(await timed(call));
  return values;
}
