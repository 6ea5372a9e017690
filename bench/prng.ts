/** The bench's seeded randomness on the Node side: the same seed picks the same rows every run. */
import { createHash } from 'node:crypto';

/** mulberry32 seeded from a string: small, fast and reproducible across Node versions. */
export function prng(seed: string): () => number {
  let state = createHash('md5').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
