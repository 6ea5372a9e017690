/**
 * The store's orders, newest first, a page at a time, read through the orders' select policy
 * (staff read their store's): optionally those of one status, and those whose reference begins
 * with the search or whose company's name contains it (both case-insensitive, `%`, `_` and `\`
 * literal; `*`, which PostgREST reads as `%` with no way to escape it, refused). Paged in the order of orders_store_placed_idx (migration 20261206000400).
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { orderChangesEmbed } from '../order-changes.ts';
import { orderChangesOrder, orderSchema } from './members.ts';
import { parse, type Result } from './result.ts';

export const orderStatuses = ['paid', 'refunded', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orderPageSize = 25;

/** The search as typed, checked before the list is asked (as the member list's). */
export const orderSearchSchema = z.string().trim().max(100, 'vTooLong').refine((search) => !search.includes('*'), 'vNoAsterisk');

// The exchange rate it was paid at: a change sent from the list (orderChangeSchema) keeps it.
const listedOrderSchema = orderSchema.extend({ member_id: z.uuid(), exchange_rate: z.number(), member: z.object({ company_name: z.string(), left_at: z.string().nullable() }) });
export type ListedOrder = z.infer<typeof listedOrderSchema>;

/** A LIKE pattern matching `text` literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** A value inside PostgREST's `or=(…)`: quoted, so commas and brackets stay the value's own. */
const quoted = (value: string) => `"${value.replace(/[\\"]/g, '\\$&')}"`;

export async function listOrders(storeId: string, search: string, status: OrderStatus | null, page: number): Promise<Result<{ rows: ListedOrder[]; total: number }>> {
  const columns = `id, external_ref, amount, currency, exchange_rate, amount_base, placed_at, status, delivered_at, member_id, member:members(company_name, left_at), ${orderChangesEmbed}`;
  // The company matched by name is a second, empty embedding of the same member: an `or` may
  // test whether it is there, beside the reference's prefix.
  let query = supabase().from('orders').select(search ? `${columns}, matched:members()` : columns, { count: 'exact' }).eq('store_id', storeId).order(...orderChangesOrder);
  if (search) {
    const like = literal(search);
    query = query.ilike('matched.company_name', `%${like}%`).or(`external_ref.ilike.${quoted(`${like}%`)},matched.not.is.null`);
  }
  if (status) query = query.eq('status', status);
  const from = page * orderPageSize;
  const answer = await query.order('placed_at', { ascending: false }).order('external_ref', { ascending: false }).range(from, from + orderPageSize - 1);
  const rows = parse(z.array(listedOrderSchema), answer);
  return rows.ok ? { ok: true, data: { rows: rows.data, total: answer.count ?? rows.data.length } } : rows;
}
