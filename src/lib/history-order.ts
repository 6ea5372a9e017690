/**
 * The order a company's histories are listed in, the same on the console's member page and in
 * the member portal: newest first by when each row took effect (a ledger row's earned_at, so an
 * order imported late sits at its own date), then by id. Rows of the same time (one import, one
 * seeded transaction) keep one order too: the ledgers' ids are a sequence, so a debit lists above
 * the credits it spent; the uuids of the other histories only keep the order the same from one
 * load to the next. The tier history goes by its own sequence (seq) instead: a change an engine
 * run writes after another in the same transaction is the one in effect, and must list first.
 */
const historyTime = {
  orders: 'placed_at',
  points_ledger: 'earned_at',
  rebate_ledger: 'earned_at',
  tier_changes: 'changed_at',
  sample_claims: 'created_at',
  inquiries: 'created_at',
  member_coupons: 'claimed_at',
} as const;

export type MemberHistory = keyof typeof historyTime;

const tieBreak = (history: MemberHistory): string => (history === 'tier_changes' ? 'seq' : 'id');

/** A supabase-js query: what `newest` needs of it. */
export interface Orderable<Q> {
  order: (column: string, options: { ascending: boolean }) => Q;
}

/** A supabase-js query (the console's reads) in that order. */
export function newest<Q extends Orderable<Q>>(query: Q, history: MemberHistory): Q {
  return query.order(historyTime[history], { ascending: false }).order(tieBreak(history), { ascending: false });
}

/** That order as PostgREST's `order` parameter (the portal's reads, made without supabase-js). */
export const newestOrder = (history: MemberHistory): string => `${historyTime[history]}.desc,${tieBreak(history)}.desc`;
