import { describe, expect, it } from 'vitest';
import { highestRank, makeRoom, outOfReach } from '../../src/lib/tier-ranks.ts';

const tiers = (...ranks: number[]) => ranks.map((rank, i) => ({ id: `t${i}`, rank }));
const ranksOf = (list: { rank: number }[]) => list.map((tier) => tier.rank);

describe('makeRoom: the console\'s preview of the rank rule the database applies', () => {
  it('moves the tiers from a new tier\'s rank up one', () => {
    expect(ranksOf(makeRoom(tiers(0, 1, 2), 2))).toEqual([0, 1, 3]);
    expect(ranksOf(makeRoom(tiers(0, 1, 2, 3), 1))).toEqual([0, 2, 3, 4]);
    expect(ranksOf(makeRoom(tiers(0, 1, 2), 3))).toEqual([0, 1, 2]);
  });

  it('moves the tiers in between one place: up when a tier moves down, down when it moves up', () => {
    // The tier at 3 of 0-4 moves to 1: those at 1 and 2 go up.
    expect(ranksOf(makeRoom(tiers(0, 1, 2, 4), 1, 3))).toEqual([0, 2, 3, 4]);
    // The tier at 1 of 0-4 moves to 3: those at 2 and 3 come down.
    expect(ranksOf(makeRoom(tiers(0, 2, 3, 4), 3, 1))).toEqual([0, 1, 2, 4]);
  });

  it('moves nothing for the tier\'s own rank or for rank 0, and keeps the tiers and their order', () => {
    expect(makeRoom(tiers(0, 1, 3), 2, 2)).toEqual(tiers(0, 1, 3));
    expect(makeRoom(tiers(0, 1, 2), 0)).toEqual(tiers(0, 1, 2));
    expect(makeRoom(tiers(0, 2, 1), 1).map((tier) => tier.id)).toEqual(['t0', 't1', 't2']);
  });
});

describe('highestRank: the top a tier may take', () => {
  it('is one above the other tiers above the ordinary one', () => {
    expect(highestRank(tiers(0, 1, 2))).toBe(3);
    expect(highestRank(tiers(0))).toBe(1);
  });
});

describe('outOfReach: tiers no member reaches by orders, as evaluate_tier picks', () => {
  const tier = (name: string, rank: number, min_paid_orders: number, min_paid_amount: number) => ({ name, rank, min_paid_orders, min_paid_amount });
  const names = (found: ReturnType<typeof outOfReach<ReturnType<typeof tier>>>) => found.map((f) => `${f.tier.name}→${f.instead.name}`);

  it('finds a tier below one that asks for no more orders and no more amount, with the highest such tier', () => {
    // Platinum asks $50,000 at rank 2, under VIP's $10,000 at rank 3: meeting Platinum means meeting VIP.
    const set = [tier('Ordinary', 0, 0, 0), tier('Senior', 1, 1, 0), tier('Platinum', 2, 0, 50_000), tier('VIP', 3, 0, 10_000)];
    expect(names(outOfReach(set))).toEqual(['Platinum→VIP']);
    // Equal minimums: the higher rank always wins.
    expect(names(outOfReach([tier('A', 1, 2, 100), tier('B', 2, 2, 100), tier('C', 3, 2, 100)]))).toEqual(['A→C', 'B→C']);
  });

  it('keeps tiers that ask less in one measure than every tier above them', () => {
    expect(outOfReach([tier('Ordinary', 0, 0, 0), tier('Senior', 1, 1, 0), tier('VIP', 2, 0, 10_000)])).toEqual([]);
  });

  it('finds the ordinary tier below a tier that asks for nothing', () => {
    expect(names(outOfReach([tier('Ordinary', 0, 0, 0), tier('Free', 1, 0, 0)]))).toEqual(['Ordinary→Free']);
  });
});

