import { describe, expect, it } from 'vitest';
import { makeRoom } from '../../src/lib/tier-ranks.ts';

const tiers = (...ranks: number[]) => ranks.map((rank, i) => ({ id: `t${i}`, rank }));
const ranksOf = (list: { rank: number }[]) => list.map((tier) => tier.rank);

describe('makeRoom: the console\'s preview of the rank rule the database applies', () => {
  it('moves the tier at a taken rank and those right above it up one, up to the first free rank', () => {
    expect(ranksOf(makeRoom(tiers(0, 1, 2), 2))).toEqual([0, 1, 3]);
    expect(ranksOf(makeRoom(tiers(0, 1, 2, 3, 7), 2))).toEqual([0, 1, 3, 4, 7]);
    expect(ranksOf(makeRoom(tiers(0, 1, 3), 1))).toEqual([0, 2, 3]);
  });

  it('moves nothing for a free rank or for rank 0, and keeps the tiers and their order', () => {
    expect(makeRoom(tiers(0, 1, 2), 5)).toEqual(tiers(0, 1, 2));
    expect(makeRoom(tiers(0, 1, 2), 0)).toEqual(tiers(0, 1, 2));
    expect(makeRoom(tiers(0, 2, 1), 1).map((tier) => tier.id)).toEqual(['t0', 't1', 't2']);
  });
});
