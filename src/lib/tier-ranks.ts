/**
 * How a tier takes a rank, as the database does it when the tier is saved (migration
 * 20261223000100) and as the console previews it: a store's ranks go 0, 1, 2, … without gaps, so
 * the tiers between the rank a tier leaves and the one it takes move one place to make room. Rank
 * 0 is the ordinary tier's alone.
 */

/**
 * A rank as merchants see it: positions count from 1 (the ordinary tier's is 1), where the
 * database counts from 0. The console converts at its edges: shown in tables, typed in the editor.
 */
export const shownRank = (rank: number): number => rank + 1;
export const storedRank = (shown: number): number => shown - 1;

/** The highest rank a tier may take: the top for one of `others`' store, one above it for a new one. */
export const highestRank = (others: readonly { rank: number }[]): number => others.filter((tier) => tier.rank > 0).length + 1;

/**
 * The other tiers (`others` leaves out the tier being placed) once one takes `rank`, leaving `from`
 * (none for a new tier): in from above or down, those from `rank` up to `from` move up one; up,
 * those above `from` up to `rank` move down one.
 */
export function makeRoom<Tier extends { rank: number }>(others: readonly Tier[], rank: number, from?: number): Tier[] {
  if (rank === 0 || rank === from) return [...others];
  const [low, high, by] = from === undefined ? [rank, Infinity, 1] : rank < from ? [rank, from - 1, 1] : [from + 1, rank, -1];
  return others.map((tier) => (tier.rank >= low && tier.rank <= high ? { ...tier, rank: tier.rank + by } : tier));
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
