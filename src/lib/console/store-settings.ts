/**
 * The console's store settings and merchant logo: `stores` (owners update; everyone reads),
 * `merchant_cards.logo_path` and the public `merchant-logos` bucket (staff write their store's
 * folder, `<store_id>/<file>`), and deleting the store (`delete_store`, owners). Answers are
 * checked with zod. The settings are saved in one transaction over the settings as read
 * (save_store_settings), the logo over the logo as read (changed-since.ts): once another owner
 * saved either since, nothing is written.
 */
import { z } from 'zod';
import { logoBucket } from '../public-api.ts';
import { supabase } from '../supabase.ts';
import { orThrow, parse, typedNumber, type Result } from './result.ts';
import { addedAsRead, savedAsRead } from './changed-since.ts';
import { changedSinceRead, goneSinceRead } from '../read-again.ts';
import { readTyped, twoWays, typedText } from '../numbers.ts';
import type { Locale } from '../../i18n/locales.ts';
import { storageProblem, type UploadRules } from '../../components/console/ui/upload-refusal.ts';
import { parseDetails } from '../../components/console/ui/form-errors.ts';

export const settingsSchema = z.object({
  id: z.uuid(),
  /** Per language: `{en: "…", "zh-CN": "…"}` (private.merchant_text_fields). */
  name: z.record(z.string(), z.string()),
  default_locale: z.enum(['en', 'zh-CN', 'es']),
  statistical_period_days: z.number().int(),
  sample_period_days: z.number().int(),
  churn_threshold_days: z.number().int(),
  points_expiry_days: z.number().int(),
  points_per_currency_unit: z.coerce.number(),
  join_points: z.number().int(),
  review_points: z.number().int(),
  brand_color: z.string().nullable(),
  embed_origins: z.array(z.string()),
  /** When the settings last changed: a save is made over the settings as read (saveSettings). */
  updated_at: z.string(),
});
export type StoreSettings = z.infer<typeof settingsSchema>;
export type SettingsUpdate = Omit<StoreSettings, 'id' | 'updated_at'>;

/** The decimals points_per_currency_unit keeps (numeric(10,4)), as shown and as checked. */
export const pointsRateDigits = 4;

/**
 * The points rate field's refusals: blank, no number from 0 to 1000, a number in range with more
 * decimals than the column keeps (pointsRateDigits), read two ways (vAmbiguousPointsRate's
 * values), and read by the region as a whole number over 1000 where the decimal was allowed
 * (vPointsRateReadAs's).
 */
export interface PointsRateMessages {
  required: string;
  invalid: string;
  decimals: string;
  twoWays: (values: { value: string; whole: string; point: string }) => string;
  readAs: (values: { value: string; whole: string; max: string; point: string }) => string;
}

/** The most points a unit of the store's currency earns (a CHECK on stores). */
export const pointsRateMax = 1000;

/**
 * The points per currency unit as typed in `locale`: 0 to 1000, up to four decimals. Its typist's
 * region decides what "1.000" or "1,000" is (a thousand in Spain, one in Mexico; an English page in
 * Germany reads "1.000" as a thousand), and both are rates it allows, so such a text is asked about
 * (twoWays) as the orders import asks about a file's: the whole number, or the decimal. A text such
 * as "1.125", which the region reads as 1125 (beyond the rate's 1000) while its decimal reading is
 * allowed, is refused saying how it was read and how to write the decimal: "Enter a number from 0
 * to 1.000" beside "1.125" read as if 1.125 were over 1 (and taking the decimal would save a rate a
 * thousand times below one meant as 1125). Where the region reads it as the decimal ("1.125" in the
 * US), it is that. The other numbers typed in the console allow two decimals at most, or none, and
 * refuse the decimal reading of such a text.
 */
export const pointsRateSchema = (locale: Locale, messages: PointsRateMessages) =>
  z
    .string()
    .superRefine((text, context) => {
      const either = twoWays(text);
      if (!either) return;
      const whole = Number(either.whole);
      const values = { value: text.trim(), whole: typedText(whole, locale), point: typedText(Number(either.decimal), locale) };
      if (whole >= 0 && whole <= pointsRateMax) context.addIssue({ code: 'custom', message: messages.twoWays(values) });
      else if (whole > pointsRateMax && readTyped(text, locale) === either.whole)
        context.addIssue({ code: 'custom', message: messages.readAs({ ...values, max: typedText(pointsRateMax, locale) }) });
    })
    .pipe(
      typedNumber(locale, messages.required).pipe(
        z.string().transform((text, context) => {
          const rate = Number(text);
          // A rate in range with a fifth decimal is refused for its decimals, not as out of range.
          const fault = !/^\d+(\.\d+)?$/.test(text) || rate > pointsRateMax ? messages.invalid
            : (text.split('.')[1] ?? '').length > pointsRateDigits ? messages.decimals : undefined;
          if (fault) context.addIssue({ code: 'custom', message: fault });
          return rate;
        }),
      ),
    );

/** The rule `stores.embed_origins` holds each entry to (private.is_embed_origin). */
const originRule = /^https?:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$/;

/**
 * A site the merchant typed, as the origin a browser reports for its pages (what the widget's
 * frame compares with the list): lower case, no trailing slash, no default port, an
 * international domain in its xn-- form; null for anything else (a path, a query, a port out of
 * range, another scheme, a space), which would never match.
 *
 * A site typed without its scheme (`shop.example.com`, `localhost:4395`, as an address bar shows
 * it) is taken as https, the scheme of any shop on the web; a local one (localhost, 127.0.0.1) as
 * http, which is what a development server answers on.
 */
export function toOrigin(typed: string): string | null {
  const site = typed.trim().replace(/\/+$/, '');
  // A space within is a mistyped site, and URL would drop a tab or a line break without a word.
  if (/\s/.test(site)) return null;
  const local = /^(localhost|127\.0\.0\.1)(:|$)/i.test(site);
  let url: URL;
  try {
    url = new URL(site.includes('://') ? site : `${local ? 'http' : 'https'}://${site}`);
  } catch {
    return null;
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || url.port === '0') return null;
  return originRule.test(url.origin) && url.origin.length <= 300 ? url.origin : null;
}

const columns = 'id, name, default_locale, statistical_period_days, sample_period_days, churn_threshold_days, points_expiry_days, points_per_currency_unit, join_points, review_points, brand_color, embed_origins, updated_at';

export async function loadSettings(storeId: string): Promise<StoreSettings> {
  return orThrow(parse(settingsSchema, await supabase().from('stores').select(columns).eq('id', storeId).single()));
}

/** Where each merchant text lives (private.merchant_text_fields' tables). */
export const merchantTextTables = ['stores', 'tiers', 'products', 'coupons', 'rewards', 'merchant_cards'] as const;
export type MerchantTextTable = (typeof merchantTextTables)[number];

const languageGapsSchema = z.array(z.object({
  table: z.enum(merchantTextTables),
  field: z.string(),
  count: z.number().int(),
  /** The first 100 by name; `name` in the store's default language (a coupon's code). */
  rows: z.array(z.object({ id: z.uuid(), name: z.string().nullable() })),
}));
export type LanguageGaps = z.infer<typeof languageGapsSchema>;

/** A text's row lacking a language: each once, with every field it lacks. */
export interface LanguageGapRow {
  id: string;
  name: string | null;
  fields: string[];
}

/**
 * One kind's rows lacking a language, each once with every field it lacks, in the order of their
 * names in `locale` (the language they are read in; unnamed rows last), and how many texts that
 * kind lacks in all: the server lists each field's first rows apart, in that field's order.
 */
export function languageGapsByKind(gaps: LanguageGaps, table: MerchantTextTable, locale: string): { rows: LanguageGapRow[]; texts: number } {
  const rows = new Map<string, LanguageGapRow>();
  let texts = 0;
  for (const gap of gaps.filter((group) => group.table === table)) {
    texts += gap.count;
    for (const { id, name } of gap.rows) {
      const row = rows.get(id) ?? { id, name, fields: [] };
      row.fields.push(gap.field);
      rows.set(id, row);
    }
  }
  const collator = new Intl.Collator(locale);
  const sorted = [...rows.values()].sort((a, b) =>
    a.name === null || b.name === null ? Number(a.name === null) - Number(b.name === null) : collator.compare(a.name, b.name));
  return { rows: sorted, texts };
}

/** The texts a change of default language to `locale` waits for (texts_lacking_locale): empty when it would be saved. */
export async function loadLanguageGaps(storeId: string, locale: string): Promise<LanguageGaps> {
  return orThrow(parse(languageGapsSchema, await supabase().rpc('texts_lacking_locale', { p_store_id: storeId, p_locale: locale })));
}

/**
 * Owners only. Saved in one transaction (save_store_settings), the statistical period with the
 * rest: a refusal or a failure anywhere writes nothing, so the settings as `read` stay what the next
 * save is made over. The save carries the database function's own statement timeout, as a new
 * period re-evaluates every member and may take seconds at a large store. Made over the settings as
 * `read`: once someone else changed them since, refused as changed since (changedSinceRead), or
 * as deleted since once the store is gone (goneSinceRead). Answers the settings as stored.
 */
export async function saveSettings(storeId: string, read: StoreSettings, update: SettingsUpdate): Promise<Result<StoreSettings>> {
  const saved = parse(settingsSchema, await supabase().rpc('save_store_settings', { p_store_id: storeId, p_settings: update, p_settings_read: read.updated_at }).select(columns).single());
  if (saved.ok) return saved;
  const field = parseDetails(saved.error)?.field;
  if (saved.error.code === 'P0001' && field === 'settings_read') return { ok: false, error: { code: changedSinceRead, message: saved.error.message } };
  if (saved.error.code === 'PT404' && field === 'store_id') return { ok: false, error: { code: goneSinceRead, message: saved.error.message } };
  return saved;
}

/** The merchant-logos bucket's allowed_mime_types and file_size_limit (20261203000100_widget_embed.sql). */
export const logoUpload: UploadRules = { target: 'logo', types: ['image/png', 'image/jpeg', 'image/webp', 'image/avif'], maxBytes: 1024 * 1024 };

/**
 * The card's logo as read: `updatedAt` when it last changed (the card's `logo_updated_at`; null: the
 * store has no card yet), which the logo is saved over. The card's own fields have their own time
 * (merchant-card.ts): a change of those refuses no logo.
 */
export interface LogoRead {
  updatedAt: string | null;
  logoPath: string | null;
}

export async function loadLogoPath(storeId: string): Promise<LogoRead> {
  const answer = await supabase().from('merchant_cards').select('logo_path, logo_updated_at').eq('store_id', storeId).maybeSingle();
  const data = orThrow(parse(z.object({ logo_path: z.string().nullable(), logo_updated_at: z.string() }).nullable(), answer));
  return { updatedAt: data?.logo_updated_at ?? null, logoPath: data?.logo_path ?? null };
}

/**
 * Uploads the logo to `<store_id>/<file>`, points the card as `read` at it (creating the card with
 * the store's name, in each of its languages, as its title when there was none) and removes the
 * file it replaced. Once someone else changed the logo since it was read, or made the card, nothing
 * is written (changedSinceRead, goneSinceRead) and the file uploaded is removed again.
 */
export async function replaceLogo(store: { id: string; names: Record<string, string> }, file: File, fileName: string, read: LogoRead) {
  const path = `${store.id}/${fileName}`;
  const upload = await supabase().storage.from(logoBucket).upload(path, file, { contentType: file.type, upsert: false });
  if (upload.error) return { error: null, refused: storageProblem(upload.error) };
  const saved = await setLogoPath(store, read, path);
  if (!saved.ok) {
    await supabase().storage.from(logoBucket).remove([path]);
    return { error: saved.error };
  }
  if (read.logoPath) await supabase().storage.from(logoBucket).remove([read.logoPath]);
  return { error: null, path };
}

/** Takes the logo off the card as `read` and removes its file; refused as replaceLogo is. */
export async function removeLogo(store: { id: string; names: Record<string, string> }, read: LogoRead) {
  const saved = await setLogoPath(store, read, null);
  if (!saved.ok) return { error: saved.error };
  if (read.logoPath) await supabase().storage.from(logoBucket).remove([read.logoPath]);
  return { error: null };
}

const logoSaved = z.object({ store_id: z.uuid() });

async function setLogoPath(store: { id: string; names: Record<string, string> }, read: LogoRead, path: string | null): Promise<Result<unknown>> {
  if (read.updatedAt === null) return addedAsRead(logoSaved, await supabase().from('merchant_cards').insert({ store_id: store.id, title: store.names, logo_path: path }).select('store_id').single());
  return savedAsRead(logoSaved, read.updatedAt,
    await supabase().from('merchant_cards').update({ logo_path: path }).eq('store_id', store.id).eq('logo_updated_at', read.updatedAt).select('store_id').maybeSingle(),
    () => supabase().from('merchant_cards').select('updated_at:logo_updated_at').eq('store_id', store.id).maybeSingle());
}

/** Since when the store has paused taking new members; null while it takes them. */
export async function loadJoiningPausedAt(storeId: string): Promise<string | null> {
  const read = parse(z.object({ joining_paused_at: z.string().nullable() }), await supabase().from('stores').select('joining_paused_at').eq('id', storeId).single());
  return orThrow(read).joining_paused_at;
}

/** Owners pause (true) or resume (false) taking new members (set_joining_paused): since when it is paused, or null. */
export async function setJoiningPaused(storeId: string, paused: boolean) {
  return parse(z.string().nullable(), await supabase().rpc('set_joining_paused', { p_store_id: storeId, p_paused: paused }));
}

/**
 * Owners only: deletes the store with everything in it and its files (delete_store), once
 * `typedName` is its name in its default language. Answers the deleted store's id.
 */
export async function deleteStore(storeId: string, typedName: string) {
  return parse(z.object({ id: z.uuid() }), await supabase().rpc('delete_store', { p_store_id: storeId, p_confirm_name: typedName }));
}
