/**
 * Orders import from a CSV file: the template's columns, parsing (papaparse), per-row checks
 * with zod that mirror import_orders' own (so the preview names the row and column of every
 * mistake before anything is sent), file-level checks, the buyers looked up at the store (one
 * e-mail of nobody there refused a whole batch of import_orders), and the import itself in
 * batches of `importBatchRows` — each batch all-or-nothing on the server, and the whole import
 * safe to run again because import_orders is idempotent by `external_ref`.
 */
import Papa from 'papaparse';
import { z } from 'zod';
import { importBatchRows } from '../import-batch.ts';
import { supabase } from '../supabase.ts';
import type { ApiError } from '../../components/console/ui/form-errors.ts';
import { parseDetails } from '../../components/console/ui/form-errors.ts';
import { amountText, count, oneLine, parse, type Result } from './result.ts';

/** The template's columns, in its order; docs/api.md "Orders CSV" says what each means. */
export const importColumns = ['external_ref', 'member_id', 'email', 'amount', 'currency', 'exchange_rate', 'placed_at', 'status', 'delivered_at'] as const;
export type ImportColumn = (typeof importColumns)[number];
const requiredColumns: readonly ImportColumn[] = ['external_ref', 'amount', 'placed_at', 'status'];

/** The largest file the console takes (the rows are held and previewed in the browser). */
export const maxFileRows = 50_000;

/** The downloadable template: the header and two example rows (one by e-mail, one by member id, in another currency). */
export function templateCsv(baseCurrency: string): string {
  return Papa.unparse({
    fields: [...importColumns],
    data: [
      ['ORD-1001', '', 'buyer@example.com', '1250.00', baseCurrency, '', '2026-03-01', 'paid', '2026-03-10'],
      ['ORD-1002', '00000000-0000-4000-8000-000000000000', '', '980.50', baseCurrency === 'EUR' ? 'USD' : 'EUR', '1.08', '2026-03-02T09:30:00Z', 'refunded', ''],
    ],
  });
}

/** A message for the screen: a key of the console's catalogue and its values. */
export interface Message {
  key: string;
  values?: Record<string, string | number>;
  /** The number whose plural form the key takes (src/i18n/plural.ts), where its words change with one. */
  count?: number;
}

export interface RowError {
  /** The row as a spreadsheet numbers it (the header is row 1). */
  row: number;
  column: string;
  message: Message;
}

/** import_orders' row, as JSON. */
export interface OrderRow {
  external_ref: string;
  member_id?: string;
  email?: string;
  amount: number;
  currency?: string;
  exchange_rate?: number;
  placed_at: string;
  status: 'paid' | 'refunded' | 'cancelled';
  delivered_at?: string;
}

/** The file rows naming each buyer, by member id and by e-mail (in lower case: import_orders compares them so). */
export interface Buyers {
  member_id: Map<string, number[]>;
  email: Map<string, number[]>;
}

export interface Preview {
  rows: OrderRow[];
  rowErrors: RowError[];
  fileErrors: Message[];
  /** Of the rows that passed their own checks; `checkBuyers` asks the store about them. */
  buyers: Buyers;
}

const blank = (value: string | undefined) => (value ?? '').trim() === '';
const isoDateOrTime = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (blank(value as string) ? undefined : value), schema.optional());
// A day alone is noon UTC, as import_orders stores it (migration 20261204000900).
const when = (day: string) => Date.parse(/T/.test(day) ? day : `${day}T12:00:00Z`);
const isoWhen = z
  .string()
  .trim()
  .regex(isoDateOrTime, 'vIsoDate')
  .refine((day) => !Number.isNaN(when(day)), 'vIsoDate')
  .refine((day) => when(day) >= Date.parse('2000-01-01T00:00:00Z'), 'vFrom2000')
  .refine((day) => when(day) <= Date.now() + 86_400_000, 'vNotFuture');

/** One CSV row (all text, keys trimmed) as import_orders takes it; `base` is the store's currency. */
function rowSchema(base: string) {
  return z
    .object({
      external_ref: oneLine(100).min(1, 'vRequired'),
      member_id: optional(z.uuid('vUuid')),
      email: optional(z.email('vEmail').max(254, 'vTooLong')),
      amount: z.string().trim().min(1, 'vRequired').pipe(amountText),
      currency: optional(z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'vCurrency')),
      exchange_rate: optional(
        z.string().trim().regex(/^\d+(\.\d+)?$/, 'vRate').transform(Number).refine((n) => n >= 0.00000001 && n <= 9999999999, 'vRate'),
      ),
      placed_at: isoWhen,
      status: z.string().trim().toLowerCase().pipe(z.enum(['paid', 'refunded', 'cancelled'], 'vStatus')),
      delivered_at: optional(isoWhen),
    })
    .superRefine((row, context) => {
      if (!row.member_id && !row.email) context.addIssue({ code: 'custom', path: ['member_id'], message: 'vBuyer' });
      const currency = row.currency ?? base;
      if (currency !== base && row.exchange_rate === undefined) context.addIssue({ code: 'custom', path: ['exchange_rate'], message: 'vRateRequired' });
      if (currency === base && row.exchange_rate !== undefined && row.exchange_rate !== 1) context.addIssue({ code: 'custom', path: ['exchange_rate'], message: 'vRateBase' });
      if (row.currency && row.exchange_rate && row.amount * row.exchange_rate >= 1e12) context.addIssue({ code: 'custom', path: ['amount'], message: 'vConvertedMax' });
      if (row.delivered_at && when(row.delivered_at) < when(row.placed_at)) context.addIssue({ code: 'custom', path: ['delivered_at'], message: 'vDeliveredBefore' });
    });
}

/** Currencies the browser knows (ISO 4217); a code outside them is a file-level mistake. */
function knownCurrencies(): Set<string> {
  return new Set(Intl.supportedValuesOf('currency'));
}

/** Spreadsheet rows as a file mistake lists them: the first ten. */
const rowList = (rows: readonly number[]) => rows.slice(0, 10).join(', ') + (rows.length > 10 ? ' …' : '');

const noBuyers = (): Buyers => ({ member_id: new Map(), email: new Map() });

/** Checks parsed CSV records (header → text) for import into a store with `baseCurrency`. */
export function checkRecords(fields: readonly string[], records: readonly Record<string, string>[], baseCurrency: string): Preview {
  const fileErrors: Message[] = [];
  const present = fields.map((field) => field.trim());
  const unknown = present.filter((field) => field !== '' && !(importColumns as readonly string[]).includes(field));
  if (unknown.length) fileErrors.push({ key: 'fileUnknownColumns', values: { columns: unknown.join(', ') } });
  const missing = requiredColumns.filter((column) => !present.includes(column));
  if (!present.includes('member_id') && !present.includes('email')) missing.push('member_id');
  if (missing.length) fileErrors.push({ key: 'fileMissingColumns', values: { columns: missing.join(', ') } });
  if (records.length === 0) fileErrors.push({ key: 'fileNoRows' });
  if (records.length > maxFileRows) fileErrors.push({ key: 'fileTooManyRows', values: { max: maxFileRows } });
  if (fileErrors.length) return { rows: [], rowErrors: [], fileErrors, buyers: noBuyers() };

  const schema = rowSchema(baseCurrency);
  const currencies = knownCurrencies();
  const unknownCurrencies = new Map<string, number[]>();
  const seen = new Map<string, number>();
  const rows: OrderRow[] = [];
  const rowErrors: RowError[] = [];
  const buyers = noBuyers();
  records.forEach((record, index) => {
    const row = index + 2;
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      // The first mistake per column: a malformed date need not also be called too early.
      const named = new Set<string>();
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '');
        if (!named.has(column)) rowErrors.push({ row, column, message: { key: issue.message } });
        named.add(column);
      }
    }
    // A reference repeated in the file is named even when one of the two rows has other mistakes.
    const ref = (record.external_ref ?? '').trim();
    const first = ref ? seen.get(ref) : undefined;
    if (first !== undefined) rowErrors.push({ row, column: 'external_ref', message: { key: 'vRepeats', values: { row: first } } });
    else if (ref) seen.set(ref, row);
    if (!parsed.success || first !== undefined) return;
    const value = parsed.data;
    if (value.currency && !currencies.has(value.currency)) unknownCurrencies.set(value.currency, [...(unknownCurrencies.get(value.currency) ?? []), row]);
    // member_id wins when both are given, as in import_orders.
    const [field, buyer] = value.member_id ? (['member_id', value.member_id.toLowerCase()] as const) : (['email', value.email!.toLowerCase()] as const);
    const at = buyers[field].get(buyer);
    if (at) at.push(row);
    else buyers[field].set(buyer, [row]);
    rows.push(Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as unknown as OrderRow);
  });
  for (const [currency, at] of unknownCurrencies) {
    fileErrors.push({ key: 'fileUnknownCurrency', values: { currency, rows: rowList(at) } });
  }
  // All or nothing: a file with any mistake offers nothing to import.
  return { rows: fileErrors.length || rowErrors.length ? [] : rows, rowErrors, fileErrors, buyers };
}

/** unknown_order_buyers takes at most this many member ids, and as many e-mails, per call. */
export const buyerCheckValues = 10_000;

/** How many unknown buyers the check names one by one (the rest are counted). */
const namedBuyers = 20;

/**
 * Asks the store which of the file's buyers it does not have (unknown_order_buyers matches them
 * as import_orders does: member ids of its members, confirmed login e-mails of its contacts), each
 * distinct value once, and refuses the file for them: each unknown buyer is a file mistake
 * naming its rows.
 */
export async function checkBuyers(storeId: string, preview: Preview): Promise<Result<Preview>> {
  const ids = [...preview.buyers.member_id.keys()];
  const emails = [...preview.buyers.email.keys()];
  const unknown: { field: keyof Buyers; value: string }[] = [];
  for (let start = 0; start < Math.max(ids.length, emails.length); start += buyerCheckValues) {
    const answer = parse(
      z.array(z.object({ field: z.enum(['member_id', 'email']), value: z.string() })),
      await supabase().rpc('unknown_order_buyers', {
        p_store_id: storeId,
        p_member_ids: ids.slice(start, start + buyerCheckValues),
        p_emails: emails.slice(start, start + buyerCheckValues),
      }),
    );
    if (!answer.ok) return answer;
    unknown.push(...answer.data);
  }
  if (unknown.length === 0) return { ok: true, data: preview };
  const named = unknown.slice(0, namedBuyers).map(({ field, value }): Message => {
    const rows = preview.buyers[field].get(value) ?? [];
    return { key: field === 'email' ? 'fileUnknownEmail' : 'fileUnknownMemberId', values: { [field]: value, rows: rowList(rows) }, count: rows.length };
  });
  const more: Message[] = unknown.length > namedBuyers ? [{ key: 'fileUnknownBuyersMore', values: { count: unknown.length - namedBuyers } }] : [];
  return { ok: true, data: { ...preview, rows: [], fileErrors: [...preview.fileErrors, ...named, ...more] } };
}

/** Parses a CSV file in the browser (header row; delimiter detected; BOM dropped) and checks it. */
export function previewFile(file: File, baseCurrency: string): Promise<Preview> {
  return new Promise((resolve) => {
    Papa.parse<Record<string, string>>(file, {
      header: true,
      skipEmptyLines: 'greedy',
      transformHeader: (header) => header.trim().toLowerCase(),
      complete: (result) => {
        const preview = checkRecords(result.meta.fields ?? [], result.data, baseCurrency);
        // Rows whose field count does not match the header are reported where they are.
        const shapeErrors = result.errors
          .filter((error) => error.row !== undefined)
          .map((error) => ({ row: (error.row ?? 0) + 2, column: '', message: { key: 'vRowShape', values: { detail: error.message } } }));
        resolve({ ...preview, rowErrors: [...shapeErrors, ...preview.rowErrors], rows: shapeErrors.length ? [] : preview.rows });
      },
      error: (error) => resolve({ rows: [], rowErrors: [], fileErrors: [{ key: 'fileUnreadable', values: { detail: error.message } }], buyers: noBuyers() }),
    });
  });
}

/** The file's rows in import_orders' batches: `[first, last]` file rows (spreadsheet numbering) and the rows. */
export function batches(rows: readonly OrderRow[], size = importBatchRows): { first: number; last: number; rows: OrderRow[] }[] {
  const out = [];
  for (let start = 0; start < rows.length; start += size) {
    const part = rows.slice(start, start + size);
    out.push({ first: start + 2, last: start + part.length + 1, rows: part });
  }
  return out;
}

export interface BatchResult {
  index: number;
  first: number;
  last: number;
  status: 'done' | 'failed' | 'pending';
  counts?: { inserted: number; updated: number; unchanged: number };
  error?: ApiError;
  /** The failing row in the file, when the server named one. */
  failedRow?: number;
}

const countsSchema = z.object({ inserted: count, updated: count, unchanged: count });

/** Imports one batch; a failure names the file row the server refused, when it named one. */
export async function importBatch(storeId: string, batch: { first: number; rows: OrderRow[] }): Promise<Pick<BatchResult, 'status' | 'counts' | 'error' | 'failedRow'>> {
  const answer = parse(countsSchema, await supabase().rpc('import_orders', { p_store_id: storeId, p_rows: batch.rows as unknown as never }));
  if (answer.ok) return { status: 'done', counts: answer.data };
  const row = parseDetails(answer.error)?.row;
  return { status: 'failed', error: answer.error, ...(row ? { failedRow: batch.first + row - 1 } : {}) };
}
