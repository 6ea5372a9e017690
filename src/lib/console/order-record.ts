/**
 * One order recorded by hand on the orders screen (a wire payment taken without a file): its buyer
 * found by the members list's own search (staff_member_search, through listMembers), the order
 * checked by the import's row rules (orderRecordSchema) and sent as one row of import_orders
 * (importRows, as a Change sends one), then what it earned read back from the ledgers.
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { findOrder, listMembers, noFilters, type ListedMember } from './members.ts';
import { parseDetails } from '../../components/console/ui/form-errors.ts';
import { importRows, newOrderTaken, type OrderRow } from './orders-import.ts';
import { count, oneLine, parse, type Result } from './result.ts';

/** How many companies a search offers to pick from: more says to search more precisely. */
export const buyerChoices = 8;

/** The buyer search as staff_member_search takes it (not blank, at most 100 characters). */
export const buyerSearchSchema = oneLine(100).min(1, 'vRequired');

/**
 * The store's companies whose name, or a contact's name or e-mail, contains `search`; the first
 * `buyerChoices`. Former members too (`left_at` set): an order placed before one left is recorded
 * (earning nothing), and import_orders refuses one placed since, at the buyer.
 */
export async function findBuyers(storeId: string, search: string): Promise<Result<{ rows: ListedMember[]; total: number }>> {
  return listMembers(storeId, { ...noFilters, search, churn: '', membership: 'any' }, 0, buyerChoices);
}

/** What a recorded order earned: its points and rebate (the store's currency), and the company's tier after it. */
export interface Earned {
  points: number;
  rebate: number;
  tier: string | null;
}

const earnedSchema = z.object({
  amount_base: z.number(),
  points: z.array(z.object({ delta: count })),
  rebates: z.array(z.object({ delta: z.number() })),
  member: z.object({ tier: z.object({ name: z.string() }).nullable() }),
});

/** Adds without binary fractions showing (0.1 + 0.2). */
const sum = (values: number[]) => Math.round(values.reduce((total, value) => total + value * 100, 0)) / 100;

/**
 * What the outcome of `recordOrder` says: the new order, what it earned and its amount in the
 * store's currency as the orders table rounds it (both null when reading it back failed: the order
 * is in, which matters more).
 */
export interface Recorded {
  kind: 'new';
  earned: Earned | null;
  amountBase: number | null;
}

/**
 * Records `row` as a new order: `taken` when the store already has its number. That is asked
 * first, to say so before anything is sent; then the row is sent as the import sends it, for new
 * orders only (import_orders' p_new_only), its refusals the import's: one that another import
 * recorded meanwhile is refused there, nothing written (a plain import would take it as a change
 * to that order), and is `taken` too. Then what the order earned, and its amount in the store's
 * currency, are read back.
 */
export async function recordOrder(storeId: string, row: OrderRow): Promise<Result<Recorded | { kind: 'taken' }>> {
  const known = await findOrder(storeId, row.external_ref);
  if (!known.ok) return known;
  if (known.data) return { ok: true, data: { kind: 'taken' } };
  const sent = await importRows(storeId, [row], { newOnly: true });
  if (!sent.ok) return newOrderTaken(parseDetails(sent.error)) ? { ok: true, data: { kind: 'taken' } } : sent;
  const read = parse(
    earnedSchema,
    await supabase()
      .from('orders')
      .select('amount_base, points:points_ledger(delta), rebates:rebate_ledger(delta), member:members(tier:tiers!members_tier_id_store_id_fkey(name:name_local))')
      .eq('store_id', storeId)
      .eq('external_ref', row.external_ref)
      .single(),
  );
  const earned = read.ok ? { points: sum(read.data.points.map((entry) => entry.delta)), rebate: sum(read.data.rebates.map((entry) => entry.delta)), tier: read.data.member.tier?.name ?? null } : null;
  return { ok: true, data: { kind: 'new', earned, amountBase: read.ok ? read.data.amount_base : null } };
}
