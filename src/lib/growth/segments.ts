/**
 * Segments: the builder's form, checked with zod and turned into the API's filter object
 * (docs/api.md "Segment filters"); saved segments (table `segments`); the live size, the member
 * preview and the consent-only export (segment_size, segment_members, segment_export).
 */
import { z } from 'zod';
import { languageName, regionName } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { supabase } from '../supabase.ts';
import { csvDay, tableCsv, type Cell } from './download.ts';
import { count, parse, type Result } from '../console/result.ts';
import { savedAsRead } from '../console/changed-since.ts';
import { rereadForm } from '../read-again.ts';
import type { ApiError } from '../../components/console/ui/form-errors.ts';
import { stages } from '../console/members.ts';
import { untilBeforeFrom } from '../day-range.ts';

const isoDate = z.union([z.literal(''), z.iso.date('vDate')]);
const wholeNumber = (min: number, max: number) =>
  z.union([z.literal(''), z.string().trim().regex(/^\d+$/, 'vWhole').refine((v) => Number(v) >= min && Number(v) <= max, 'vRange')]);
/** "wigs, lace ; salons" → ['wigs', 'lace', 'salons']. */
const list = (text: string) => [...new Set(text.split(/[,;\n]/).map((part) => part.trim()).filter(Boolean))];

/**
 * An industry as segments compare it (private.industry_key): "Hair  Salons " and "hair salons"
 * are one industry, one choice and one filter value.
 */
export const industryKey = (industry: string) => industry.trim().replace(/\s+/g, ' ').toLowerCase();

/** The builder's fields as the form holds them. */
export const segmentFormSchema = z
  .object({
    tiers: z.array(z.uuid()),
    stages: z.array(z.enum(stages)),
    churn: z.enum(['', 'yes', 'no']),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'vCountries')),
    // Chosen from those members wrote (segment_industries), and typed: the filter takes any wording.
    industries: z.array(z.string()),
    otherIndustries: z.string().refine((v) => list(v).every((c) => c.length <= 120), 'vTooLong'),
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
  tiers: [], stages: [], churn: '', countries: [], industries: [], otherIndustries: '', joined_from: '', joined_to: '', last_order_from: '',
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
  // One value per industry: a typed wording of one already chosen adds nothing.
  const industries = [...new Map([...form.industries, ...list(form.otherIndustries)].map((i) => [industryKey(i), i.trim()])).values()];
  if (industries.length) filters.industries = industries;
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
    // All as chosen: the builder lists one no member writes any more beside those they do.
    industries: strings(filters.industries),
    otherIndustries: '',
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

/** `updated_at`: when it last changed, which a save is made over (saveSegment). */
const segmentSchema = z.object({ id: z.uuid(), name: z.string(), filters: z.record(z.string(), z.unknown()), updated_at: z.string() });
export type Segment = z.infer<typeof segmentSchema>;
const segmentColumns = 'id, name, filters, updated_at';

export async function loadSegments(storeId: string): Promise<Result<Segment[]>> {
  return parse(z.array(segmentSchema), await supabase().from('segments').select(segmentColumns).eq('store_id', storeId).order('name'));
}

/** Inserts (`read` null) or updates a segment over the segment as read (savedAsRead: once someone else changed or deleted it since, nothing is written). */
export async function saveSegment(storeId: string, read: Segment | null, name: string, filters: Record<string, unknown>): Promise<Result<Segment>> {
  if (!read) return parse(segmentSchema, await supabase().from('segments').insert({ store_id: storeId, name, filters: filters as never }).select(segmentColumns).single());
  return savedAsRead(segmentSchema, read.updated_at,
    await supabase().from('segments').update({ name, filters: filters as never }).eq('id', read.id).eq('updated_at', read.updated_at).select(segmentColumns).maybeSingle(),
    () => supabase().from('segments').select('updated_at').eq('id', read.id).maybeSingle());
}

/** One segment of the store, null when it is gone: the builder reads it again after a save refused over someone else's change. */
export async function loadSegment(storeId: string, id: string): Promise<Result<Segment | null>> {
  return parse(segmentSchema.nullable(), await supabase().from('segments').select(segmentColumns).eq('store_id', storeId).eq('id', id).maybeSingle());
}

/** A segment's name and filters as the builder shows them. */
export type SegmentFields = SegmentForm & { name: string };

/**
 * A segment read again (`now`) over a save of `typed` refused since `read` (rereadForm): its name
 * compared trimmed, each list of choices in any order.
 */
export function rereadSegment(read: Segment, now: Segment, typed: SegmentFields) {
  const fields = (segment: Segment): SegmentFields => ({ name: segment.name, ...toForm(segment.filters) });
  const sorted = (values: readonly string[]) => [...values].sort();
  const said = (form: SegmentFields): SegmentFields =>
    ({ ...form, name: form.name.trim(), tiers: sorted(form.tiers), stages: sorted(form.stages) as SegmentForm['stages'], countries: sorted(form.countries), industries: sorted(form.industries) });
  return rereadForm(fields(read), fields(now), typed, said);
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

/** The preview's companies a page. */
export const previewPageSize = 10;

/** The preview's page `page` (0-based) of the companies `filters` select. */
export async function segmentMembers(storeId: string, filters: Record<string, unknown>, page = 0): Promise<Result<SegmentMember[]>> {
  return parse(z.array(memberSchema), await supabase().rpc('segment_members', { p_store_id: storeId, p_filters: filters as never, p_limit: previewPageSize, p_offset: page * previewPageSize }));
}

const industriesSchema = z.array(z.object({ industry: z.string(), members: count }));
export type IndustryChoice = z.infer<typeof industriesSchema>[number];

/** The industries the store's members wrote, most common first, with how many companies wrote each. */
export async function segmentIndustries(storeId: string): Promise<Result<IndustryChoice[]>> {
  return parse(industriesSchema, await supabase().rpc('segment_industries', { p_store_id: storeId }));
}

/**
 * The export's columns, in the CSV's order (docs/api.md "segment_export"): the card's, then the
 * company's as the preview shows them, added last so that a mailer's saved mapping still holds.
 */
export const exportColumns = [
  'full_name', 'company_name', 'email', 'phone', 'whatsapp', 'language', 'tier', 'stage', 'churn_risk', 'country', 'last_order_at',
] as const;

export type ExportColumn = (typeof exportColumns)[number];

const text = z.string().nullable();

/** One contact, one line of the file: a row of segment_export and of campaign_export alike. */
export const exportRowSchema = z.object({
  full_name: text, company_name: text, email: text, phone: text, whatsapp: text, language: text, tier: text, stage: z.enum(stages).nullable(),
  churn_risk: z.boolean().nullable(), country: text, last_order_at: text,
} satisfies Record<ExportColumn, z.ZodType>);

const exportSchema = z.object({ members: count, contacts_without_consent: count, rows: z.array(exportRowSchema) });

export type ExportRow = z.infer<typeof exportRowSchema>;

/** The words of the file: each column's header, and the stages and churn risk as the console names them. */
export type ContactsText = (key: `csv_${ExportColumn}` | `stage_${(typeof stages)[number]}` | 'churnYes' | 'churnNo') => string;

/**
 * The consenting contacts as CSV: a header row, then one row per contact. The file is opened in a
 * spreadsheet by the merchant as often as it is imported by a mailer (which asks which column is
 * the e-mail whatever the header), so the header says each column in the staff member's language,
 * and the stage and churn risk as the console names them, as the tier comes named in the
 * console's language: a file read beside the screen, not the API's codes ("cognitive" for
 * "Aware"). The language a contact reads and the company's country are named in `locale` too
 * ("Simplified Chinese", "chino simplificado"): codes (zh-CN) were the one column left raw, and a
 * mailer maps its fields from whatever the column holds, so no code column is kept for it. The
 * last paid order is a day as spreadsheets read it (csvDay), and the file is laid out as a
 * spreadsheet in `locale` opens it (csvLayout: ";" between columns in Spanish).
 */
export function contactsCsv(rows: readonly ExportRow[], t: ContactsText, locale: Locale): string {
  const cell = (row: ExportRow, column: ExportColumn): Cell => {
    switch (column) {
      case 'language': return row.language && languageName(row.language, locale);
      case 'stage': return row.stage && t(`stage_${row.stage}`);
      case 'churn_risk': return row.churn_risk === null ? null : t(row.churn_risk ? 'churnYes' : 'churnNo');
      case 'country': return row.country && regionName(row.country, locale);
      case 'last_order_at': return csvDay(row.last_order_at);
      default: return row[column];
    }
  };
  return tableCsv(exportColumns.map((column) => t(`csv_${column}`)), rows.map((row) => exportColumns.map((column) => cell(row, column))), locale);
}

/** A filter set's consenting contacts as CSV (contactsCsv), how many rows it has and how many were left out. */
export async function exportSegment(
  storeId: string,
  filters: Record<string, unknown>,
  t: ContactsText,
  locale: Locale,
): Promise<Result<{ csv: string; rows: number; withoutConsent: number }>> {
  const answer = parse(exportSchema, await supabase().rpc('segment_export', { p_store_id: storeId, p_filters: filters as never }));
  if (!answer.ok) return answer;
  const csv = contactsCsv(answer.data.rows, t, locale);
  return { ok: true, data: { csv, rows: answer.data.rows.length, withoutConsent: answer.data.contacts_without_consent } };
}
