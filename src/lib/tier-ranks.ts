/**
 * How a tier takes a rank another tier holds, as the database does it when the tier is saved
 * (migration 20261203001100) and as the console previews it: the tier holding that rank and those
 * right above it, up to the first free rank, move up one. Rank 0 is the ordinary tier's alone.
 */

/** The other tiers (`others` leaves out the tier being placed) once one takes `rank`. */
export function makeRoom<Tier extends { rank: number }>(others: readonly Tier[], rank: number): Tier[] {
  const taken = new Set(others.map((tier) => tier.rank));
  let free = rank;
  while (rank > 0 && taken.has(free)) free++;
  return others.map((tier) => (tier.rank >= rank && tier.rank < free ? { ...tier, rank: tier.rank + 1 } : tier));
}
