/**
 * How a tier takes a rank another tier holds, as the database does it when the tier is saved
 * (migration 20261203001100) and as the console previews it: the tier holding that rank and those
 * right above it, up to the first free rank, move up one. Rank 0 is the ordinary tier's alone.
 */

/**
 * A rank as merchants see it: positions count from 1 (the ordinary tier's is 1), where the
 * database counts from 0. The console converts at its edges: shown in tables, typed in the editor.
 */
export const shownRank = (rank: number): number => rank + 1;
export const storedRank = (shown: number): number => shown - 1;

/** The other tiers (`others` leaves out the tier being placed) once one takes `rank`. */
export function makeRoom<Tier extends { rank: number }>(others: readonly Tier[], rank: number): Tier[] {
  const taken = new Set(others.map((tier) => tier.rank));
  let free = rank;
  while (rank > 0 && taken.has(free)) free++;
  return others.map((tier) => (tier.rank >= rank && tier.rank < free ? { ...tier, rank: tier.rank + 1 } : tier));
}

interface Thresholds {
  rank: number;
  min_paid_orders: number;
  min_paid_amount: number;
}

/**
 * The tiers no member reaches by orders, each with the tier they get instead: a member takes the
 * highest-ranked tier whose minimums their paid orders meet (`evaluate_tier`), so a tier is out of
 * reach when one ranked above it asks for no more orders and no more amount (the ordinary tier too,
 * below a tier that asks for nothing). Such a tier is still given by an override.
 */
export function outOfReach<Tier extends Thresholds>(tiers: readonly Tier[]): { tier: Tier; instead: Tier }[] {
  return tiers.flatMap((tier) => {
    const instead = tiers
      .filter((other) => other.rank > tier.rank && other.min_paid_orders <= tier.min_paid_orders && other.min_paid_amount <= tier.min_paid_amount)
      .sort((a, b) => b.rank - a.rank)[0];
    return instead ? [{ tier, instead }] : [];
  });
}
