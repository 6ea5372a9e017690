/**
 * What one bench run generates and how long it measures, from the environment:
 * `BENCH_SCALE` (default 1, the documented size; 0.1 for quick iteration) and `BENCH_SEED`.
 */
import { z } from 'zod';

const envSchema = z.object({
  BENCH_SCALE: z.coerce.number().positive().max(1).default(1),
  BENCH_SEED: z.string().regex(/^[a-z0-9-]{1,40}$/).default('cardclub-bench-1'),
  // Skips Chromium and Lighthouse, for iterating on the database measures.
  BENCH_SKIP_BROWSER: z.enum(['0', '1']).default('0'),
  // Measures only these groups (comma-separated), for iterating on one fix; the report says so.
  BENCH_ONLY: z.string().regex(/^[a-z_,-]*$/).default(''),
});

/** The groups `BENCH_ONLY` can name, in the order a full run measures them. */
export const benchGroups = ['catalogue', 'my_membership', 'staff_members', 'imports', 'claims', 'hook', 'what_if', 'analytics', 'browser', 'explain', 'storm'] as const;
export type BenchGroup = (typeof benchGroups)[number];

export interface BenchConfig {
  scale: number;
  seed: string;
  skipBrowser: boolean;
  /** The groups measured: all of them unless `BENCH_ONLY` names some. */
  only: ReadonlySet<BenchGroup>;
  sizes: {
    members: number;
    orders: number;
    products: number;
    claims: number;
    /** The other stores stay at 200 at every scale: tenancy costs depend on their number. */
    smallStores: number;
    smallMembers: number;
    smallOrders: number;
    smallProducts: number;
    smallClaims: number;
  };
  /** Samples per latency measure; fewer at full scale where one call can take seconds. */
  samples: number;
  /** Seconds of the concurrent claim measure and of the 20-buyer storm. */
  claimSeconds: number;
  stormSeconds: number;
  /** Tries of the 10,000-row import. */
  bigImportTries: number;
}

export function benchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const parsed = envSchema.parse(env);
  const scale = parsed.BENCH_SCALE;
  const scaled = (n: number) => Math.max(1, Math.round(n * scale));
  const named = parsed.BENCH_ONLY.split(',').filter(Boolean);
  for (const name of named) {
    if (!(benchGroups as readonly string[]).includes(name)) throw new Error(`BENCH_ONLY: unknown group "${name}" (one of ${benchGroups.join(', ')})`);
  }
  return {
    scale,
    seed: parsed.BENCH_SEED,
    skipBrowser: parsed.BENCH_SKIP_BROWSER === '1',
    only: new Set((named.length ? named : benchGroups) as BenchGroup[]),
    sizes: {
      members: scaled(100_000),
      orders: scaled(1_000_000),
      products: scaled(10_000),
      claims: scaled(50_000),
      smallStores: 200,
      smallMembers: 50,
      smallOrders: 250,
      smallProducts: 30,
      smallClaims: 10,
    },
    samples: scale >= 0.5 ? 15 : 25,
    claimSeconds: scale >= 0.5 ? 10 : 5,
    stormSeconds: scale >= 0.5 ? 30 : 10,
    bigImportTries: scale >= 0.5 ? 5 : 3,
  };
}
