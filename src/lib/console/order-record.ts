/**
 * One order recorded by hand on the orders screen (a wire payment taken without a file): its buyer
 * found by the members list's own search (staff_member_search, through listMembers), the order
 * checked by the import's row rules (orderRecordSchema) and sent as one row of import_orders
 * (importRows, as a Change sends one), then what it earned read back from the ledgers.
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { findOrder, listMembers, noFilters, type ListedMember } from './members.ts';
import { importRows, type OrderRow } from './orders-import.ts';
import { count, oneLine, parse, type Result } from './result.ts';

/** How many companies a search offers to pick from: more says to search more precisely. */
export const buyerChoices = 8;

/** The buyer search as staff_member_search takes it (not blank, at most 100 characters). */
export const buyerSearchSchema = oneLine(100).min(1, 'vRequired');

/** The store's current companies whose name, or a contact's name or e-mail, contains `search`; the first `buyerChoices`. */
export async function findBuyers(storeId: string, search: string): Promise<Result<{ rows: ListedMember[]; total: number }>> {
  return listMembers(storeId, { ...noFilters, search, churn: '', membership: '' }, 0, buyerChoices);
}

/** What a recorded order earned: its points and rebate (the store's currency), and the company's tier after it. */
export interface Earned {
  points: number;
  rebate: number;
  tier: string | null;
}

const earnedSchema = z.object({
  points: z.array(z.object({ delta: count })),
  rebates: z.array(z.object({ delta: z.number() })),
  member: z.object({ tier: z.object({ name: z.string() }).nullable() }),
});

/** Adds without binary fractions showing (0.1 + 0.2). */
const sum = (values: number[]) => Math.round(values.reduce((total, value) => total + value * 100, 0)) / 100;

/**
 * What the outcome of `recordOrder` says: a new order (`earned` null when reading it back failed:
 * the order is in, which matters more), or one that already was the store's by the time it was
 * sent (another staff member's import meanwhile), which import_orders then updated or left alone.
 */
export type Recorded = { kind: 'new'; earned: Earned | null } | { kind: 'updated' | 'unchanged' };

/**
 * Records `row` as a new order. A reference the store already has is refused at the order number
 * before anything is sent: import_orders takes a known one as a change to that order, which a
 * form for a new order must not make unseen (`taken`, with its company's id). Then the row is
 * sent as the import sends it, its refusals the import's, and what the order earned read back.
 */
export async function recordOrder(storeId: string, row: OrderRow): Promise<Result<Recorded | { kind: 'taken' }>> {
  const known = await findOrder(storeId, row.external_ref);
  if (!known.ok) return known;
  if (known.data) return { ok: true, data: { kind: 'taken' } };
  const sent = await importRows(storeId, [row]);
  if (!sent.ok) return sent;
  if (!sent.data.inserted) return { ok: true, data: { kind: sent.data.updated ? 'updated' : 'unchanged' } };
  const read = parse(
    earnedSchema,
    await supabase()
      .from('orders')
      .select('points:points_ledger(delta), rebates:rebate_ledger(delta), member:members(tier:tiers!members_tier_id_store_id_fkey(name:name_local))')
      .eq('store_id', storeId)
      .eq('external_ref', row.external_ref)
      .single(),
  );
  const earned = read.ok ? { points: sum(read.data.points.map((entry) => entry.delta)), rebate: sum(read.data.rebates.map((entry) => entry.delta)), tier: read.data.member.tier?.name ?? null } : null;
  return { ok: true, data: { kind: 'new', earned } };
}
