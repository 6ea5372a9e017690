/**
 * The store's orders, newest first, a page at a time, read through the orders' select policy
 * (staff read their store's): optionally those of one status, and those whose reference begins
 * with the search or whose company's name contains it (both case-insensitive, `%`, `_` and `\`
 * literal; `*`, which PostgREST reads as `%` with no way to escape it, refused), and one order by its
 * exact reference (a link's `?order=`, any characters). Paged in the order of orders_store_placed_idx (migration 20261206000400).
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { orderChangeKinds, orderChangesEmbed } from '../order-changes.ts';
import { orderChangesOrder, orderSchema } from './members.ts';
import { parse, type Result } from './result.ts';
import { untilBeforeFrom } from '../day-range.ts';

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

export async function listOrders(
  storeId: string,
  search: string,
  status: OrderStatus | null,
  page: number,
  ref: string | null = null,
): Promise<Result<{ rows: ListedOrder[]; total: number }>> {
  const columns = `id, external_ref, amount, currency, exchange_rate, amount_base, placed_at, status, delivered_at, member_id, member:members(company_name, left_at), ${orderChangesEmbed}`;
  // The company matched by name is a second, empty embedding of the same member: an `or` may
  // test whether it is there, beside the reference's prefix.
  let query = supabase().from('orders').select(search ? `${columns}, matched:members()` : columns, { count: 'exact' }).eq('store_id', storeId).order(...orderChangesOrder);
  if (search) {
    const like = literal(search);
    query = query.ilike('matched.company_name', `%${like}%`).or(`external_ref.ilike.${quoted(`${like}%`)},matched.not.is.null`);
  }
  if (status) query = query.eq('status', status);
  // An equality is sent as the value itself: `*` is a character here, not a wildcard.
  if (ref !== null) query = query.eq('external_ref', ref);
  const from = page * orderPageSize;
  const answer = await query.order('placed_at', { ascending: false }).order('external_ref', { ascending: false }).range(from, from + orderPageSize - 1);
  const rows = parse(z.array(listedOrderSchema), answer);
  return rows.ok ? { ok: true, data: { rows: rows.data, total: answer.count ?? rows.data.length } } : rows;
}

/** What the import (or a Change from the list) did to a paid order, as order_changes says it. */
export type OrderChangeKind = (typeof orderChangeKinds)[number];

export const orderChangePageSize = 25;

/**
 * The periods the changes list offers, on the reader's clock (the screen names its zone); `dates`
 * takes a day range.
 */
export const changePeriods = ['this_month', 'last_month', 'dates', 'all'] as const;
export type ChangePeriod = (typeof changePeriods)[number];

/** A day range, both days included: the first required, the last not before it. */
export const changeDatesSchema = z
  .object({ from: z.iso.date('vDate'), to: z.iso.date('vDate') })
  .refine((dates) => !untilBeforeFrom(dates.from, dates.to), { path: ['to'], message: 'vDateOrder' });
export type ChangeDates = z.infer<typeof changeDatesSchema>;

/**
 * The instant a day starts on the reader's clock, `month` 0-based and either one past its end
 * rolling over. setFullYear, as `new Date(year, …)` reads years 0–99 as 1900–1999.
 */
const localMidnight = (year: number, month: number, day: number) => {
  const at = new Date(2000, 0, 1);
  at.setFullYear(year, month, day);
  return at.toISOString();
};

/** A YYYY-MM-DD day as numbers, its month 0-based. */
const dayParts = (day: string) => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return [year, month - 1, date] as const;
};

/**
 * The instants [from, to) a period covers on the reader's clock (a month or days as the staff
 * member lives them, not UTC's: a day of 23 or 25 hours where the clock changes), null for an open
 * end.
 */
export function periodBounds(period: ChangePeriod, dates: ChangeDates | null, now = new Date()): { from: string | null; to: string | null } {
  const month = (offset: number) => localMidnight(now.getFullYear(), now.getMonth() + offset, 1);
  if (period === 'this_month') return { from: month(0), to: null };
  if (period === 'last_month') return { from: month(-1), to: month(0) };
  if (period === 'dates' && dates) {
    const [year, monthOf, day] = dayParts(dates.to);
    return { from: localMidnight(...dayParts(dates.from)), to: localMidnight(year, monthOf, day + 1) };
  }
  return { from: null, to: null };
}

const listedChangeSchema = z.object({
  id: z.number(),
  changed_at: z.string(),
  kind: z.enum(orderChangeKinds),
  order_ref: z.string(),
  member_id: z.uuid(),
  member: z.object({ company_name: z.string(), left_at: z.string().nullable() }),
  amount_before: z.number(),
  currency_before: z.string(),
  amount_base_before: z.number(),
  amount_after: z.number(),
  currency_after: z.string(),
  amount_base_after: z.number(),
  /**
   * Null: not recorded (before 20261216000200 kept authors). A staff login's e-mail as it was at the
   * change; the service role's has none, nor Cardclub's repair of data written before a rule
   * ('migration', 20261217000100).
   */
  author: z.object({ via: z.enum(['staff', 'service_role', 'migration']), email: z.string().nullable(), login_deleted: z.boolean(), is_staff: z.boolean() }).nullable(),
});
export type ListedChange = z.infer<typeof listedChangeSchema>;

/**
 * The store's order changes newest first, a page at a time (store_order_changes, staff only), and
 * `asOf`, the instant the server read them at: the list reads its next pages up to it (`bounds.to`
 * no later), so a change recorded meanwhile does not shift them.
 */
export async function listOrderChanges(
  storeId: string,
  bounds: { from: string | null; to: string | null },
  kind: OrderChangeKind | null,
  page: number,
): Promise<Result<{ rows: ListedChange[]; total: number; asOf: string }>> {
  const answer = await supabase().rpc('store_order_changes', {
    p_store_id: storeId,
    ...(bounds.from ? { p_from: bounds.from } : {}),
    ...(bounds.to ? { p_to: bounds.to } : {}),
    ...(kind ? { p_kind: kind } : {}),
    p_limit: orderChangePageSize,
    p_offset: page * orderChangePageSize,
  });
  const read = parse(z.object({ as_of: z.string(), total: z.number(), changes: z.array(listedChangeSchema) }), answer);
  return read.ok ? { ok: true, data: { rows: read.data.changes, total: read.data.total, asOf: read.data.as_of } } : read;
}
