/**
 * Segments: the builder's form, checked with zod and turned into the API's filter object
 * (docs/api.md "Segment filters"); saved segments (table `segments`); the live size, the member
 * preview and the consent-only export (segment_size, segment_members, segment_export).
 */
import Papa from 'papaparse';
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { formulaCells } from './download.ts';
import { count, parse, type Result } from '../console/result.ts';
import type { ApiError } from '../../components/console/ui/form-errors.ts';
import { stages } from '../console/members.ts';
import { untilBeforeFrom } from '../day-range.ts';

const isoDate = z.union([z.literal(''), z.iso.date('vDate')]);
const wholeNumber = (min: number, max: number) =>
  z.union([z.literal(''), z.string().trim().regex(/^\d+$/, 'vWhole').refine((v) => Number(v) >= min && Number(v) <= max, 'vRange')]);
/** "wigs, lace ; salons" → ['wigs', 'lace', 'salons']. */
const list = (text: string) => [...new Set(text.split(/[,;\n]/).map((part) => part.trim()).filter(Boolean))];

/** The builder's fields as the form holds them. */
export const segmentFormSchema = z
  .object({
    tiers: z.array(z.uuid()),
    stages: z.array(z.enum(stages)),
    churn: z.enum(['', 'yes', 'no']),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'vCountries')),
    industries: z.string().refine((v) => list(v).every((c) => c.length <= 120), 'vTooLong'),
    joined_from: isoDate,
    joined_to: isoDate,
    last_order_from: isoDate,
    last_order_to: isoDate,
    sampled_never_ordered: z.boolean(),
    points_at_least: wholeNumber(1, 1e15),
    coupon_expires_within_days: wholeNumber(1, 3650),
  })
  .refine((f) => !untilBeforeFrom(f.joined_from, f.joined_to), { path: ['joined_to'], message: 'vDateOrder' })
  .refine((f) => !untilBeforeFrom(f.last_order_from, f.last_order_to), { path: ['last_order_to'], message: 'vDateOrder' });
export type SegmentForm = z.input<typeof segmentFormSchema>;
export const segmentFields = Object.keys(segmentFormSchema.shape) as (keyof SegmentForm)[];

export const emptySegmentForm: SegmentForm = {
  tiers: [], stages: [], churn: '', countries: [], industries: '', joined_from: '', joined_to: '', last_order_from: '',
  last_order_to: '', sampled_never_ordered: false, points_at_least: '', coupon_expires_within_days: '',
};

/** The API's filters: "to" days are inclusive in the form, exclusive (the next day's start) in the API. */
export function toFilters(form: z.output<typeof segmentFormSchema>): Record<string, unknown> {
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const filters: Record<string, unknown> = {};
  if (form.tiers.length) filters.tiers = form.tiers;
  if (form.stages.length) filters.stages = form.stages;
  if (form.churn) filters.churn_risk = form.churn === 'yes';
  if (form.countries.length) filters.countries = form.countries;
  if (list(form.industries).length) filters.industries = list(form.industries);
  if (form.joined_from) filters.joined_from = form.joined_from;
  if (form.joined_to) filters.joined_to = nextDay(form.joined_to);
  if (form.last_order_from) filters.last_order_from = form.last_order_from;
  if (form.last_order_to) filters.last_order_to = nextDay(form.last_order_to);
  if (form.sampled_never_ordered) filters.sampled_never_ordered = true;
  if (form.points_at_least) filters.points_at_least = Number(form.points_at_least);
  if (form.coupon_expires_within_days) filters.coupon_expires_within_days = Number(form.coupon_expires_within_days);
  return filters;
}

/** A saved segment's normalised filters back into the form (dates back to inclusive days). */
export function toForm(filters: Record<string, unknown>): SegmentForm {
  const day = (value: unknown, inclusiveEnd = false) => {
    if (typeof value !== 'string') return '';
    const at = Date.parse(value) - (inclusiveEnd ? 86_400_000 : 0);
    return Number.isNaN(at) ? '' : new Date(at).toISOString().slice(0, 10);
  };
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  return {
    tiers: strings(filters.tiers),
    stages: strings(filters.stages).filter((s): s is (typeof stages)[number] => (stages as readonly string[]).includes(s)),
    churn: filters.churn_risk === true ? 'yes' : filters.churn_risk === false ? 'no' : '',
    countries: strings(filters.countries),
    industries: strings(filters.industries).join(', '),
    joined_from: day(filters.joined_from),
    joined_to: day(filters.joined_to, true),
    last_order_from: day(filters.last_order_from),
    last_order_to: day(filters.last_order_to, true),
    sampled_never_ordered: filters.sampled_never_ordered === true,
    points_at_least: typeof filters.points_at_least === 'number' ? String(filters.points_at_least) : '',
    coupon_expires_within_days: typeof filters.coupon_expires_within_days === 'number' ? String(filters.coupon_expires_within_days) : '',
  };
}

/** The API names filter errors `filters.<name>`; the form's fields are the names alone. */
export function withFormField(error: ApiError): ApiError {
  if (!error.details) return error;
  return { ...error, details: error.details.replace(/"field":\s*"filters\.([a-z_]+)"/, '"field": "$1"') };
}

const segmentSchema = z.object({ id: z.uuid(), name: z.string(), filters: z.record(z.string(), z.unknown()), updated_at: z.string() });
export type Segment = z.infer<typeof segmentSchema>;

export async function loadSegments(storeId: string): Promise<Result<Segment[]>> {
  return parse(z.array(segmentSchema), await supabase().from('segments').select('id, name, filters, updated_at').eq('store_id', storeId).order('name'));
}

export async function saveSegment(storeId: string, id: string | null, name: string, filters: Record<string, unknown>): Promise<Result<Segment>> {
  const table = supabase().from('segments');
  const answer = id
    ? await table.update({ name, filters: filters as never }).eq('id', id).select('id, name, filters, updated_at').single()
    : await table.insert({ store_id: storeId, name, filters: filters as never }).select('id, name, filters, updated_at').single();
  return parse(segmentSchema, answer);
}

export async function deleteSegment(id: string): Promise<Result<unknown>> {
  return parse(z.unknown(), await supabase().from('segments').delete().eq('id', id));
}

const sizeSchema = z.array(z.object({ members: count, contacts: count, consenting_contacts: count })).length(1).transform((rows) => rows[0]!);
export type SegmentSize = z.infer<typeof sizeSchema>;

export async function segmentSize(storeId: string, filters: Record<string, unknown>): Promise<Result<SegmentSize>> {
  return parse(sizeSchema, await supabase().rpc('segment_size', { p_store_id: storeId, p_filters: filters as never }));
}

const memberSchema = z.object({
  member_id: z.uuid(),
  company_name: z.string(),
  country: z.string().nullable(),
  tier_name: z.string().nullable(),
  stage: z.enum(stages),
  churn_risk: z.boolean(),
  last_order_at: z.string().nullable(),
  consenting_contacts: z.number(),
  total: count,
});
export type SegmentMember = z.infer<typeof memberSchema>;

export async function segmentMembers(storeId: string, filters: Record<string, unknown>, limit = 10): Promise<Result<SegmentMember[]>> {
  return parse(z.array(memberSchema), await supabase().rpc('segment_members', { p_store_id: storeId, p_filters: filters as never, p_limit: limit }));
}

/** The export's columns, in the CSV's order (docs/api.md "segment_export"). */
export const exportColumns = ['full_name', 'company_name', 'email', 'phone', 'whatsapp', 'language', 'tier', 'stage'] as const;

const exportSchema = z.object({
  members: count,
  contacts_without_consent: count,
  rows: z.array(z.object(Object.fromEntries(exportColumns.map((c) => [c, z.string().nullable()])) as Record<(typeof exportColumns)[number], z.ZodNullable<z.ZodString>>)),
});

/**
 * The consenting contacts as CSV (header row, then one row per contact) and how many were left
 * out. The stage is written as `stageLabel` names it, as the tier comes named in the console's
 * language: a file read beside the screen, not the API's codes ("cognitive" for "Aware").
 */
export async function exportSegment(
  storeId: string,
  filters: Record<string, unknown>,
  stageLabel: (stage: string) => string,
): Promise<Result<{ csv: string; rows: number; withoutConsent: number }>> {
  const answer = parse(exportSchema, await supabase().rpc('segment_export', { p_store_id: storeId, p_filters: filters as never }));
  if (!answer.ok) return answer;
  const cell = (row: (typeof answer.data.rows)[number], column: (typeof exportColumns)[number]) =>
    column === 'stage' && row.stage ? stageLabel(row.stage) : (row[column] ?? '');
  const csv = Papa.unparse({ fields: [...exportColumns], data: answer.data.rows.map((row) => exportColumns.map((c) => cell(row, c))) }, { escapeFormulae: formulaCells });
  return { ok: true, data: { csv, rows: answer.data.rows.length, withoutConsent: answer.data.contacts_without_consent } };
}
