/**
 * The console's tiers: every column owners edit (names and perks as merchant-text maps), writes
 * through the `tiers` table (owners of the store; rank 0 stays), and `tier_what_if` — how members
 * would fall into a proposed set of thresholds (or `period_what_if`: over a proposed statistical
 * period), computed in the database without writing.
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import type { ApiError } from '../../components/console/ui/form-errors.ts';
import { savedAsRead } from './changed-since.ts';
import { orThrow, parse, type Result } from './result.ts';

const amount = z.coerce.number();

export const tierRowSchema = z.object({
  id: z.uuid(),
  rank: z.number().int(),
  name: z.record(z.string(), z.string()),
  name_local: z.string().nullable(),
  /** The language each `_local` text came in (`{name: 'es'}`), for its `lang` attribute. */
  text_langs: z.record(z.string(), z.string().nullable()).nullable(),
  min_paid_orders: z.number().int(),
  min_paid_amount: amount,
  discount_percent: amount,
  moq_override: z.number().int().nullable(),
  prepay_regular_percent: amount,
  prepay_customized_percent: amount,
  sample_quota: z.number().int().nullable(),
  free_freight: z.boolean(),
  logistics_upgrade: z.boolean(),
  priority_delivery: z.boolean(),
  points_multiplier: amount,
  rebate_percent: amount,
  perks: z.record(z.string(), z.array(z.string())),
  /** When it last changed: a save is made over the tier as read (updateTier). */
  updated_at: z.string(),
});
export type TierRow = z.infer<typeof tierRowSchema>;
export type TierFields = Omit<TierRow, 'id' | 'name_local' | 'text_langs' | 'updated_at'>;

/** The most tiers a store may have, as the database's private.tier_limit(), which refuses another. */
export const tierLimit = 20;

const columns =
  'id, rank, name, name_local, text_langs, min_paid_orders, min_paid_amount, discount_percent, moq_override, prepay_regular_percent, prepay_customized_percent, sample_quota, free_freight, logistics_upgrade, priority_delivery, points_multiplier, rebate_percent, perks, updated_at';

export async function loadTiers(storeId: string): Promise<TierRow[]> {
  return orThrow(parse(z.array(tierRowSchema), await supabase().from('tiers').select(columns).eq('store_id', storeId).order('rank')));
}

/** One tier of the store as the list reads it, null when it is gone: the editor reads it again after a save refused over someone else's change. */
export async function loadTier(storeId: string, id: string): Promise<Result<TierRow | null>> {
  return parse(tierRowSchema.nullable(), await supabase().from('tiers').select(columns).eq('store_id', storeId).eq('id', id).maybeSingle());
}

const saved = z.object({ id: z.uuid() });

/**
 * Saves the tier over the tier as read (savedAsRead): once someone else changed or removed it
 * since, nothing is written. A tier's names and perks are its row's, so the one check covers them.
 */
export async function updateTier(read: TierRow, fields: TierFields): Promise<Result<{ id: string }>> {
  return savedAsRead(saved, read.updated_at, await supabase().from('tiers').update(fields).eq('id', read.id).eq('updated_at', read.updated_at).select('id').maybeSingle(),
    () => supabase().from('tiers').select('updated_at').eq('id', read.id).maybeSingle());
}

export async function insertTier(storeId: string, fields: TierFields): Promise<Result<{ id: string }>> {
  return parse(saved, await supabase().from('tiers').insert({ ...fields, store_id: storeId }).select('id').single());
}

/** The tier deleted; none when row security hid it (an owner no more, refusedByPolicy). */
export async function deleteTier(id: string): Promise<Result<{ id: string }[]>> {
  return parse(z.array(saved), await supabase().from('tiers').delete().eq('id', id).select('id'));
}

/** One tier of a proposed set: an existing tier (`id`) or a new one. */
export interface ProposedTier {
  id?: string | undefined;
  rank: number;
  min_paid_orders: number;
  min_paid_amount: number;
}

const whatIfSchema = z.object({
  members: z.number().int(),
  tiers: z.array(z.object({ index: z.number().int(), id: z.uuid().nullable(), rank: z.number().int(), members: z.number().int(), members_now: z.number().int() })),
  moved_up: z.number().int(),
  moved_down: z.number().int(),
  moves: z.array(
    z.object({
      member_id: z.uuid(),
      company_name: z.string(),
      paid_orders: z.number().int(),
      paid_amount: amount,
      overridden: z.boolean(),
      from_tier_id: z.uuid().nullable(),
      from_rank: z.number().int().nullable(),
      to_index: z.number().int(),
      to_tier_id: z.uuid().nullable(),
      to_rank: z.number().int(),
      direction: z.enum(['up', 'down', 'across']),
    }),
  ),
});
export type WhatIf = z.infer<typeof whatIfSchema>;

export const whatIfPageSize = 100;

/**
 * Where a removed tier's members would go, by the what-if of the other tiers: each tier that
 * would gain members, with how many (only the removed tier's members move, so its gain is theirs).
 */
export function removalDestinations(result: WhatIf): { id: string; members: number }[] {
  return result.tiers.flatMap((row) => (row.id && row.members > row.members_now ? [{ id: row.id, members: row.members - row.members_now }] : []));
}

/** A what-if's error, or its moves; an answer of another shape is an error too, never thrown at the form. */
function whatIf(answer: { data: unknown; error: ApiError | null; status: number }) {
  const parsed = parse(whatIfSchema, answer);
  return parsed.ok ? { error: null, data: parsed.data } : { error: parsed.error, data: null };
}

export async function tierWhatIf(storeId: string, tiers: ProposedTier[], offset = 0) {
  return whatIf(await supabase().rpc('tier_what_if', {
    p_store_id: storeId,
    p_tiers: tiers.map(({ id, ...rest }) => (id ? { id, ...rest } : rest)),
    p_limit: whatIfPageSize,
    p_offset: offset,
  }));
}

/** tier_what_if over a proposed statistical period, with the store's tiers as they are. */
export async function periodWhatIf(storeId: string, days: number, offset = 0) {
  return whatIf(await supabase().rpc('period_what_if', { p_store_id: storeId, p_days: days, p_limit: whatIfPageSize, p_offset: offset }));
}
