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
import { localDateInput } from '../local-clock.ts';
import { supabase } from '../supabase.ts';
import type { ApiError, ApiErrorDetails } from '../../components/console/ui/form-errors.ts';
import { parseDetails } from '../../components/console/ui/form-errors.ts';
import { isKnownCurrency, readCurrency } from '../../components/console/options.ts';
import { formatCalendar, formatListParts, formatListStart } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { readFileNumber, readTyped, typedText } from '../numbers.ts';
import { fileDayOrder, isoDate, readFileDate, withReaderOffset, type DayOrder, type TwoWayDate } from './file-dates.ts';
import { count, crossCheck, oneLine, parse, plainAmount, typedNumber, type Result } from './result.ts';

/** The template's columns, in its order; docs/api.md "Orders CSV" says what each means. */
export const importColumns = ['external_ref', 'member_id', 'email', 'amount', 'currency', 'exchange_rate', 'placed_at', 'status', 'delivered_at'] as const;
export type ImportColumn = (typeof importColumns)[number];
const requiredColumns: readonly ImportColumn[] = ['external_ref', 'amount', 'placed_at', 'status'];

/** import_orders' statuses, as the file writes them. */
export const orderStatuses = ['paid', 'partially_refunded', 'refunded', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/**
 * The words a file may write for each status besides its code: their names as the console shows
 * them (orderStatus_*: 'Pagado', '部分退款') in each of its languages, exactly, in any case: the file
 * is the merchant's system's, written in its language whoever uploads it. Keyed in lower case.
 */
export type StatusWords = ReadonlyMap<string, OrderStatus>;

/** Column names a file may head its columns with besides the template's: the console's own labels of them, in lower case. */
export type ColumnWords = ReadonlyMap<string, ImportColumn>;

/** What a file may write in the console's words: statuses and column names. */
export interface FileWords {
  statuses: StatusWords;
  columns: ColumnWords;
}

/**
 * The labels the console gives each column in its forms and lists (the record form's fields, the
 * orders list's headers), by catalogue key: a Spanish shop's "Importe;Moneda;Estado" is the
 * template's amount, currency and status. Only labels naming the column alone ("Fecha" could be
 * any date; the rate's label names the store's currency).
 */
const columnLabels: Readonly<Partial<Record<ImportColumn, readonly string[]>>> = {
  external_ref: ['recordRef', 'colOrderRef'],
  member_id: ['colMemberId'],
  amount: ['colAmount'],
  currency: ['recordCurrency'],
  placed_at: ['recordPlaced', 'colPlaced'],
  status: ['colStatus'],
  delivered_at: ['recordDelivered', 'colDelivered'],
};

const wordKey = (text: string) => text.normalize('NFKC').trim().toLowerCase();

/** The statuses and column names of `catalogues` (the operations section in each of the console's languages). */
export function fileWords(catalogues: readonly Readonly<Record<string, string>>[]): FileWords {
  const statuses = new Map<string, OrderStatus>();
  const columns = new Map<string, ImportColumn>();
  for (const messages of catalogues) {
    for (const status of orderStatuses) {
      const name = messages[`orderStatus_${status}`];
      if (name) statuses.set(wordKey(name), status);
    }
    for (const [column, keys] of Object.entries(columnLabels) as [ImportColumn, readonly string[]][]) {
      for (const key of keys) if (messages[key]) columns.set(wordKey(messages[key]), column);
    }
  }
  return { statuses, columns };
}

const noWords: FileWords = { statuses: new Map(), columns: new Map() };

/** The largest file the console takes (the rows are held and previewed in the browser). */
export const maxFileRows = 50_000;

/**
 * The encodings a file that is not UTF-8 is read in: what a spreadsheet saves as "CSV" in the
 * staff's language (Excel in English or Spanish, Windows-1252; in Chinese, GBK, which GB18030
 * holds), the other one to choose.
 */
export const legacyEncodings = ['windows-1252', 'gb18030'] as const;
export type LegacyEncoding = (typeof legacyEncodings)[number];
export const localeEncoding = (locale: Locale): LegacyEncoding => (locale === 'zh-CN' ? 'gb18030' : 'windows-1252');

/**
 * A file's text: UTF-8 when its bytes are (a BOM dropped), otherwise read in `legacy`, `encoding`
 * saying so. Read as UTF-8 regardless, a Windows-1252 "W17-EÑ-001" was imported as "W17-E�-001".
 */
export function decodeFile(bytes: ArrayBuffer | Uint8Array, legacy: LegacyEncoding): { text: string; encoding?: LegacyEncoding } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { text: new TextDecoder(legacy).decode(bytes), encoding: legacy };
  }
}

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
  /** Values that are days (ISO, UTC), for the screen to write in the reader's language (formatCalendar). */
  days?: Record<string, string>;
  /** The file rows it names, as `{rows}`, for the screen to list in the reader's language (rowList). */
  rows?: readonly number[];
  /** The columns it names, as `{columns}`, listed so too ("placed_at and status", "placed_at和status"). */
  columns?: readonly string[];
  /** The number whose plural form the key takes (src/i18n/plural.ts), where its words change with one. */
  count?: number;
}

/** A message's values as the screen fills them: its days written in `locale`, as the console's refusals write them, its rows and columns listed. */
export function messageValues(message: Message, locale: Locale): Record<string, string | number> {
  return {
    ...message.values,
    ...Object.fromEntries(Object.entries(message.days ?? {}).map(([name, day]) => [name, formatCalendar(day, locale)])),
    ...(message.rows ? { rows: rowList(message.rows, locale) } : {}),
    ...(message.columns ? { columns: columnList(message.columns, locale) } : {}),
  };
}

/** A file's columns as `locale` writes a list ("notas and colour", "notas和colour", "notas y colour"): joined by commas, Chinese read "notas, colour". */
export function columnList(columns: readonly string[], locale: Locale): string {
  return formatListParts(columns, locale, (column) => column).join('');
}

/**
 * Spreadsheet rows as a file mistake lists them, as `locale` writes a list ("2, 7 and 9", "2、7和9",
 * "2, 7 y 9"; joined by commas, Chinese read "第3, 4行"): the first ten, then said to go on.
 */
export function rowList(rows: readonly number[], locale: Locale): string {
  const shown = rows.slice(0, 10).map(String);
  return rows.length > 10 ? formatListStart(shown, locale) : formatListParts(shown, locale, (row) => row).join('');
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
  status: OrderStatus;
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
  /** The rows that passed their own checks, with their file row: `checkBuyers` asks whether import_orders would refuse their references. */
  passed: { row: number; order: OrderRow }[];
  /** Extra columns of the file (a shop's own export), not imported. */
  ignored: string[];
  /**
   * Set when the file's numeric dates (5/3/2026) could all be day or month first: the order they
   * are read in (the reader's region's, or the one chosen) and one that reads otherwise in the
   * other, for the preview to say so and offer the other order.
   */
  twoWayDates?: { order: DayOrder; example: TwoWayDate };
  /** The first date sent with a time the file gave without a zone, read on the reader's clock: the preview names that clock. */
  readerTime?: string;
  /** Currencies the file names otherwise than by their code (RMB, 人民币), each as written with the code it is read as and its rows ("row 2", "rows 2 and 7"): the preview says so. */
  currencyNames?: { typed: string; code: string; rows: number[] }[];
  /** Set when the file is not UTF-8: the encoding it was read in, for the preview to say so and offer the other. */
  encoding?: LegacyEncoding;
}

const blank = (value: string | undefined) => (value ?? '').trim() === '';
const isoDateOrTime = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** A time's zone at the end of a value: Z or an offset. */
const zoned = /(Z|[+-]\d{2}:?\d{2})$/i;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (blank(value as string) ? undefined : value), schema.optional());
// A day alone is noon UTC, as import_orders stores it (migration 20261204000900); a time without
// a zone is on the reader's clock, as ISO 8601 and Date.parse read it (and as it is sent:
// withReaderOffset). An offset without its colon (+0800), which Postgres takes, is NaN to some
// engines (older Safari): it gets one.
const when = (day: string) => Date.parse(!/T/.test(day) ? `${day}T12:00:00Z` : day.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
/**
 * Too far ahead, as import_orders decides (private.latest_order_day): a day alone is the merchant's
 * own, in any zone, so only until it has begun at UTC+14, the first to reach it; a time more than a
 * day ahead of the clock (slack for clocks).
 */
const ahead = (day: string) => (/T/.test(day) ? when(day) > Date.now() + 86_400_000 : Date.parse(`${day}T00:00:00+14:00`) > Date.now());
/**
 * A date written as ISO whose day or month is none ("2026-02-30", "2026-13-01"), or whose time is
 * none (25:00): Date.parse reads some of them on into the next month, and Postgres refuses them.
 */
function unreal(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  // In a year of the same place in the 400-year leap cycle: Date.UTC reads years below 100 as 19xx.
  const date = new Date(Date.UTC(2000 + (year % 400), month - 1, day));
  return date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || Number.isNaN(when(value));
}

/**
 * A date of the file as import_orders takes it: ISO as written, another form a merchant's region
 * writes read into ISO (file-dates.ts), a numeric one with the year last in the file's `order`; a
 * time without a zone, ISO's too, with the reader's clock's offset then (the wall-clock time an ERP
 * writes, which import_orders would take as UTC). What is not one is refused with the row's own
 * value, as a date that does not exist is.
 */
const fileWhen = (order: DayOrder) =>
  z
    .string()
    .trim()
    // Empty, it is missing, as any required field: not a date "«»" in the wrong format.
    .min(1, { message: 'vRequired', abort: true })
    .transform((text, context) => {
      const read = isoDateOrTime.test(text) ? undefined : readFileDate(text);
      const day = read === undefined ? (unreal(text) ? null : /T/.test(text) && !zoned.test(text) ? withReaderOffset(text) : text) : read && isoDate(read, order);
      if (day) return day;
      context.addIssue({ code: 'custom', message: read === null ? 'vDateValue' : 'vDateUnreal', params: { value: text } });
      return z.NEVER;
    })
    .refine((day) => when(day) >= Date.parse('2000-01-01T00:00:00Z'), 'vFrom2000')
    .refine((day) => !ahead(day), 'vNotFuture');

/**
 * A number of the file as plain text (numbers.ts), refused when it can be read two ways; what is no
 * number is left as written for the column's rule to refuse. An amount has at most two decimals, so
 * "1,234" can only mean the whole number there and is told how to write it, while "1.500" could
 * also be 1.50 and is given both ("write 1000 or 1000.00" left a merchant who meant one dollar no
 * way to say it); a rate of three decimals (1.085) is as likely as a thousand, so its message gives
 * both readings, each decimal written with the value's own mark ("1,0850" for "1,085"). `mark`, the
 * column's decimal mark where the file shows one (columnMark): "2.000" beside "350,00" is two thousand.
 */
const fileNumber = (column: 'amount' | 'rate', mark?: DecimalMark) =>
  z.string().transform((text, context) => {
    const read = readFileNumber(text);
    if (read && 'ambiguous' in read) {
      const written = /[.,]/.exec(text)![0];
      // The decimal reading with the value's own mark, without the fourth decimal that tells it from a group.
      if (mark) return mark === written ? read.decimal.slice(0, -1) : read.whole;
      const cents = Number(read.decimal) * 100;
      context.addIssue(column === 'rate'
        ? { code: 'custom', message: 'vAmbiguousRate', params: { value: text, whole: read.whole, point: read.decimal.replace('.', written) } }
        : Number.isInteger(Math.round(cents * 1e6) / 1e6)
          ? { code: 'custom', message: 'vAmbiguousAmountBoth', params: { value: text, whole: read.whole, point: Number(read.decimal).toFixed(2).replace('.', written) } }
          : { code: 'custom', message: 'vAmbiguousAmount', params: { value: text, whole: read.whole } });
    }
    return read && 'value' in read ? read.value : text;
  });

type DecimalMark = '.' | ',';

/**
 * The decimal mark a value shows beyond doubt: the last of two different marks ("1.234,56"), or one
 * not before exactly three digits ("350,00", "12.5"); none for "2.000" or "1.234.567".
 */
function shownMark(text: string): DecimalMark | undefined {
  // What is no number ("1,08 €") shows nothing: it is refused as it is.
  if (!readFileNumber(text)) return undefined;
  const marks = text.replace(/[^\d.,]/g, '');
  const last = /[.,](\d*)$/.exec(marks);
  if (!last) return undefined;
  const mark = last[0][0] as DecimalMark;
  if (marks.includes(mark === '.' ? ',' : '.')) return mark;
  return marks.indexOf(mark) === marks.lastIndexOf(mark) && last[1]!.length !== 3 ? mark : undefined;
}

/**
 * A column's decimal mark, as its values show it (shownMark): one writer wrote them all, so a
 * value that reads both ways is read with it. None when they show none, or both (then each value
 * that reads both ways is asked about).
 */
export function columnMark(values: readonly (string | undefined)[]): DecimalMark | undefined {
  const marks = new Set(values.map((value) => shownMark(value ?? '')).filter((mark) => mark !== undefined));
  return marks.size === 1 ? [...marks][0] : undefined;
}

/** How a row names its buyer: by member id, or by a contact's e-mail. */
const buyerColumns = {
  member_id: optional(z.uuid('vUuid')),
  email: optional(z.email('vEmail').max(254, 'vTooLong')),
};
/** Each buyer column on its own: a row naming one well and the other badly still names its buyer. */
const buyerSchemas = { member_id: z.object({ member_id: buyerColumns.member_id }), email: z.object({ email: buyerColumns.email }) };

/**
 * One CSV row (all text, keys trimmed) as import_orders takes it; `base` is the store's currency,
 * `order` the file's for its numeric dates (fileDayOrder). `amount` reads the amount's text: a
 * file's by its own shape (and its column's decimal mark), a form's as its language types it; `rate`
 * so too, for a file; `words`, statuses written otherwise.
 * A currency not in use is refused at its row, as import_orders refuses it, unless `kept` (the
 * store's own whatever it is; an order's own when it is changed, the server's to judge); `currency`,
 * a form's rule for it in place of the file's (blank the store's).
 */
function rowSchema(base: string, order: DayOrder, { amount = fileNumber('amount'), rate = fileNumber('rate'), words = new Map(), kept = [base], currency }: {
  amount?: z.ZodType<string, string>;
  rate?: z.ZodType<string, string>;
  words?: StatusWords;
  kept?: readonly string[];
  currency?: z.ZodType<string, string> | undefined;
} = {}) {
  return z
    .object({
      external_ref: oneLine(100).min(1, 'vRequired'),
      ...buyerColumns,
      amount: z.string().trim().min(1, 'vRequired').pipe(amount).pipe(plainAmount()),
      // A code in any case, RMB or a currency's name, read as the console's currency fields read them.
      // Not in use, it is said before its rate is asked for (the rate's rule waits for the currency):
      // XYZ without a rate was told to give one, and given one, refused for the whole file.
      currency: currency ?? optional(z.string().transform((typed, context) => {
        // A symbol several currencies write: which one is for the merchant to say.
        const symbol = typed.normalize('NFKC').trim();
        if (!(symbol in sharedSymbols)) return readCurrency(typed, [base]);
        context.addIssue({ code: 'custom', message: 'vCurrencySymbol', params: { value: symbol, codes: sharedSymbols[symbol]! } });
        return z.NEVER;
      }).pipe(z.string().regex(/^[A-Z]{3}$/, 'vCurrency')).transform((code, context) => {
        if (!isKnownCurrency(code, kept)) context.addIssue({ code: 'custom', message: 'vCurrencyUnknown', params: { value: code } });
        return code;
      })),
      exchange_rate: optional(
        z.string().trim().pipe(rate).pipe(z.string().regex(/^\d+(\.\d+)?$/, 'vRate').transform(Number).refine((n) => n >= 0.00000001 && n <= 9999999999, 'vRate')),
      ),
      placed_at: fileWhen(order),
      status: z.string().trim().min(1, { message: 'vRequired', abort: true }).transform((text, context) => {
        const word = wordKey(text);
        const status = (orderStatuses as readonly string[]).includes(word) ? (word as OrderStatus) : words.get(word);
        if (!status) context.addIssue({ code: 'custom', message: 'vStatus', params: { value: text } });
        return status ?? z.NEVER;
      }),
      delivered_at: optional(fileWhen(order)),
    })
    .check(
      crossCheck(['member_id', 'email'], (row, context) => {
        if (!row.member_id && !row.email) context.addIssue({ code: 'custom', path: ['member_id'], message: 'vBuyer' });
      }),
      crossCheck(['currency', 'exchange_rate'], (row, context) => {
        const currency = row.currency ?? base;
        if (currency !== base && row.exchange_rate === undefined) context.addIssue({ code: 'custom', path: ['exchange_rate'], message: 'vRateRequired' });
        if (currency === base && row.exchange_rate !== undefined && row.exchange_rate !== 1) context.addIssue({ code: 'custom', path: ['exchange_rate'], message: 'vRateBase' });
      }),
      crossCheck(['amount', 'currency', 'exchange_rate'], (row, context) => {
        if (row.currency && row.exchange_rate && row.amount * row.exchange_rate >= 1e12) context.addIssue({ code: 'custom', path: ['amount'], message: 'vConvertedMax' });
      }),
      crossCheck(['placed_at', 'delivered_at'], (row, context) => {
        if (row.delivered_at && when(row.delivered_at) < when(row.placed_at)) context.addIssue({ code: 'custom', path: ['delivered_at'], message: 'vDeliveredBefore' });
      }),
    );
}

/**
 * Currency symbols that stand for more than one currency (€ and £ do not: readCurrency reads them),
 * with codes they are written for, for the refusal to offer.
 */
const sharedSymbols: Readonly<Record<string, string>> = { '$': 'USD, MXN, CAD, AUD', '¥': 'CNY, JPY' };

/** A checked row as import_orders is sent it: the columns left blank left out. */
const sentRow = (row: object) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as unknown as OrderRow;

/** An order the store has, as a change to it needs it (the orders list's row). */
export interface StoredOrder {
  external_ref: string;
  member_id: string;
  amount: number;
  currency: string;
  exchange_rate: number;
  placed_at: string;
  status: 'paid' | 'refunded' | 'cancelled';
  delivered_at: string | null;
}

/** What the change form holds: the status, the amount as typed and the delivery day (YYYY-MM-DD, or blank). */
export interface OrderChangeForm {
  status: OrderRow['status'];
  amount: string;
  delivered_at: string;
}

/** The change form filled from `order`, its amount as `locale` writes it for editing. */
export function orderChangeForm(order: StoredOrder, locale: Locale): OrderChangeForm {
  return { status: order.status, amount: typedText(order.amount, locale, true), delivered_at: order.delivered_at ? localDateInput(order.delivered_at) : '' };
}

/**
 * The change form as ONE row of import_orders for `order`, checked by the file's own row rules (so
 * a change is refused as the same row in a file would be): the order's reference, buyer, currency,
 * placing time and rate, with the form's status, amount (typed in `locale`, typedNumber) and delivery. A
 * delivery day left as it was filled sends the stored instant: its day alone would move a time of
 * delivery to noon UTC. Issues are on the form's fields (status, amount, delivered_at).
 */
export function orderChangeSchema(order: StoredOrder, locale: Locale, baseCurrency: string) {
  const filled = orderChangeForm(order, locale);
  return z
    .object({ status: z.string(), amount: z.string(), delivered_at: z.string() })
    .transform((form): z.input<ReturnType<typeof rowSchema>> => ({
      external_ref: order.external_ref,
      member_id: order.member_id,
      amount: form.amount,
      currency: order.currency,
      // Eight decimals, as stored: "1.085" alone reads as a thousand or a decimal to the file's rules.
      exchange_rate: order.exchange_rate.toFixed(8),
      placed_at: order.placed_at,
      status: form.status,
      delivered_at: order.delivered_at && form.delivered_at === filled.delivered_at ? order.delivered_at : form.delivered_at,
    }))
    // Its dates are ISO (as stored, or the date field's): no order of day and month to decide.
    .pipe(rowSchema(baseCurrency, 'day', { amount: typedNumber(locale), kept: [baseCurrency, order.currency] }))
    .transform(sentRow);
}

/** What the record form holds: the buyer picked (none until one is), and the order's fields as typed. */
export interface OrderRecordForm {
  member_id?: string | undefined;
  external_ref: string;
  amount: string;
  currency: string;
  exchange_rate?: string | undefined;
  placed_at: string;
  status: string;
  delivered_at: string;
}

/**
 * A new order typed in the record form, as ONE row of import_orders checked by the file's own row
 * rules (refused as the same row in a file would be): the buyer by the member id picked, the
 * currency as its field reads it (`currency`: CurrencyField's rule, a name or RMB read as its code
 * and one naming none refused; by default the file's), the amount and
 * exchange rate typed in `locale`, the rate sent only for another currency than the store's (a rate
 * left in a field the store's currency hid is no mistake), the days the date fields' (ISO). Issues
 * are on the form's fields, which are the row's columns, all of them at once: the currency is judged
 * with the others by the row's rules (judged before them, an unknown one hid a negative amount's
 * mistake until it was mended).
 */
export function orderRecordSchema(locale: Locale, baseCurrency: string, currency?: z.ZodType<string, string>) {
  return z
    .object({
      member_id: z.string().optional(),
      external_ref: z.string(),
      amount: z.string(),
      currency: z.string(),
      exchange_rate: z.string().optional(),
      placed_at: z.string(),
      status: z.string(),
      delivered_at: z.string(),
    })
    .transform((form): z.input<ReturnType<typeof rowSchema>> => {
      const rate = readCurrency(form.currency, [baseCurrency]) === baseCurrency ? '' : (form.exchange_rate ?? '').trim();
      const typed = rate ? readTyped(rate, locale) : null;
      // Eight decimals, as the change form sends a rate: "1.085", typed in English, reads as a
      // thousand or a decimal to the file's rules, which cannot know the form's language.
      return { ...form, exchange_rate: typed && /^\d+(\.\d+)?$/.test(typed) ? Number(typed).toFixed(8) : rate };
    })
    // Its dates are ISO (the date fields'): no order of day and month to decide.
    .pipe(rowSchema(baseCurrency, 'day', { amount: typedNumber(locale), currency }))
    .transform(sentRow);
}

/** The advice on where a buyer who changed e-mail is found: said under the mistakes, as none of them. */
export const emailChangedAdvice = 'fileUnknownEmailChanged';

/**
 * How many mistakes keep `preview` from being imported, the file's and its rows' together: each the
 * file's box lists and each row's. Its advice on where a buyer who changed e-mail is found is no
 * mistake. The count said under the box counted the
 * rows' alone: "1 problem to fix" above a file refused for an unknown e-mail too.
 */
export function problemCount(preview: Pick<Preview, 'fileErrors' | 'rowErrors'>): number {
  return preview.fileErrors.filter((error) => error.key !== emailChangedAdvice).length + preview.rowErrors.length;
}

const noBuyers = (): Buyers => ({ member_id: new Map(), email: new Map() });

/** Levenshtein's edit distance: the fewest letters added, removed or changed to turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** The order column `column` looks like a misspelling of: a letter or so apart (one per four letters). */
function lookalike(column: string): ImportColumn | undefined {
  return importColumns.find((known) => editDistance(column.replace(/[\s-]/g, '_'), known) <= Math.max(1, Math.floor(known.length / 4)));
}

/**
 * The examples of a file's refusals, written as a CSV value unquoted (the template's "1250.00"): the
 * console's in the reader's region ("1234,50", "1,08") would need quoting in a comma-separated file.
 */
const fileExamples = { vNumber: { example: '1250.00' }, vRate: { rate: '1.08' } };

/**
 * A spreadsheet's totals line under the orders: no reference, an amount, and at most one word
 * beside it ("Total", "合计"). Read as an order, it was told to fill in three columns.
 */
function totalsRow(record: Record<string, string>): boolean {
  if (!blank(record.external_ref) || blank(record.amount)) return false;
  const others = Object.entries(record).filter(([column, value]) => column !== 'amount' && !blank(String(value ?? '')));
  return others.length <= 1 && others.every(([, value]) => /^\p{L}[\p{L} ]*[:：]?$/u.test(String(value).trim()));
}

/** An amount written below 0 ("-20.00", "(20.00)"): a refund, which the file records by its status. */
const negative = (text: string | undefined) => /^\s*[-−(]/.test(text ?? '');

/**
 * Checks parsed CSV records (header → text) for import into a store with `baseCurrency`, statuses
 * written as codes or as `words`, columns headed so too, numeric dates the file does not say the
 * order of read in `order`; `sheetRows`, each record's row as a spreadsheet numbers it (blank rows counted; the header is
 * row 1).
 */
export function checkRecords(fields: readonly string[], given: readonly Record<string, string>[], baseCurrency: string, order: DayOrder, words: FileWords = noWords, sheetRows: readonly number[] = given.map((_, index) => index + 2)): Preview {
  const fileErrors: Message[] = [];
  // A column headed with the console's label of one is that one, unless the file has it by its own name too.
  const columnOf = (field: string) => {
    const column = words.columns.get(wordKey(field));
    return column && !fields.some((other) => other.trim() === column) ? column : field.trim();
  };
  const present = fields.map(columnOf);
  const records = present.some((field, index) => field !== fields[index])
    ? given.map((record) => Object.fromEntries(Object.entries(record).map(([field, value]) => [columnOf(field), value])))
    : given;
  // Nothing in it (0 bytes, blank lines, separators alone): not "a file that is not the template".
  // Papa names a header's blank columns after the first "_1", "_2".
  if (records.length === 0 && present.every((field) => /^(_\d+)?$/.test(field))) {
    return { rows: [], rowErrors: [], fileErrors: [{ key: 'fileEmpty' }], buyers: noBuyers(), passed: [], ignored: [] };
  }
  // No column of the template at all (a note, another report): its first line read as columns
  // ("hello world") and all of them missing only said the same thing at length.
  if (!present.some((field) => (importColumns as readonly string[]).includes(field) || lookalike(field))) {
    return { rows: [], rowErrors: [], fileErrors: [{ key: 'fileNotTemplate' }], buyers: noBuyers(), passed: [], ignored: [] };
  }
  const unknown = present.filter((field) => field !== '' && !(importColumns as readonly string[]).includes(field));
  // A shop's export has columns of its own, which are left out; one spelt like an order column is
  // a mistake: imported without it, a row would lose its delivery date or its exchange rate.
  const ignored: string[] = [];
  for (const column of unknown) {
    const like = lookalike(column);
    if (like) fileErrors.push({ key: 'fileMisspeltColumn', values: { column, like } });
    else ignored.push(column);
  }
  const missing = requiredColumns.filter((column) => !present.includes(column));
  if (missing.length) fileErrors.push({ key: 'fileMissingColumns', columns: missing, count: missing.length });
  // A column of its own may be the missing one under a name of the merchant's: said by name, not only "left out".
  if (missing.length && ignored.length) fileErrors.push({ key: 'fileColumnsUnknown', columns: ignored, count: ignored.length });
  // Either names the buyer: "member_id" missing alone read as if the file needed it.
  if (!present.includes('member_id') && !present.includes('email')) fileErrors.push({ key: 'fileMissingBuyerColumn' });
  if (records.length === 0) fileErrors.push({ key: 'fileNoRows' });
  if (records.length > maxFileRows) fileErrors.push({ key: 'fileTooManyRows', values: { max: maxFileRows } });
  if (fileErrors.length) return { rows: [], rowErrors: [], fileErrors, buyers: noBuyers(), passed: [], ignored };

  // Both date columns of all rows: one writer wrote them, in one order.
  const dates = fileDayOrder(records.flatMap((record, index) => [record.placed_at, record.delivered_at].map((value) => ({ row: sheetRows[index]!, value: value ?? '' }))), order);
  if ('conflict' in dates) {
    const { day, month } = dates.conflict;
    fileErrors.push({ key: 'fileDateOrders', values: { dayValue: day.value, dayRow: day.row, monthValue: month.value, monthRow: month.row } });
  }
  const schema = rowSchema(baseCurrency, dates.order, {
    words: words.statuses,
    amount: fileNumber('amount', columnMark(records.map((record) => record.amount))),
    rate: fileNumber('rate', columnMark(records.map((record) => record.exchange_rate))),
  });
  const seen = new Map<string, number>();
  const rows: OrderRow[] = [];
  const rowErrors: RowError[] = [];
  const buyers = noBuyers();
  const passed: Preview['passed'] = [];
  let readerTime: string | undefined;
  const currencyNames = new Map<string, { code: string; rows: number[] }>();
  records.forEach((record, index) => {
    const row = sheetRows[index]!;
    if (totalsRow(record)) {
      rowErrors.push({ row, column: '', message: { key: 'vTotalsRow' } });
      return;
    }
    // A currency written otherwise than by its code is said with the one it is read as, as the
    // clock a file's times are read on is: what will be recorded is seen before it is sent. Of
    // every row, a refused one's too.
    const typed = record.currency?.trim() ?? '';
    const code = readCurrency(typed, [baseCurrency]);
    if (code !== typed.toUpperCase() && isKnownCurrency(code, [baseCurrency])) {
      const named = currencyNames.get(typed);
      if (named) named.rows.push(row);
      else currencyNames.set(typed, { code, rows: [row] });
    }
    const parsed = schema.safeParse(record);
    // A character the file's encoding did not have (U+FFFD, "�") would be imported in place of the
    // one the merchant wrote: the row is refused at it, whatever else it passes.
    const unread = importColumns.filter((column) => record[column]?.includes('\uFFFD'));
    for (const column of unread) rowErrors.push({ row, column, message: { key: 'vUnreadChar', values: { value: record[column]!.trim() } } });
    if (!parsed.success) {
      // The first mistake per column: a malformed date need not also be called too early.
      const named = new Set<string>(unread);
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '');
        // A custom issue carries the values its message names (the row's own value, as written);
        // an example is the file's own form, which the screen's region form ("1,08") is not.
        const values = issue.code === 'custom' ? (issue.params as Message['values']) : undefined;
        const example = fileExamples[issue.message as keyof typeof fileExamples];
        // A refund written as a negative amount is told how the file records one.
        const key = issue.message === 'vAmount' && negative(record.amount) ? 'vAmountRefund' : issue.message;
        if (!named.has(column)) rowErrors.push({ row, column, message: { key, ...(values || example ? { values: { ...example, ...values } } : {}) } });
        named.add(column);
      }
    }
    // A reference repeated in the file is named even when one of the two rows has other mistakes.
    const ref = (record.external_ref ?? '').trim();
    const first = ref ? seen.get(ref) : undefined;
    if (first !== undefined) rowErrors.push({ row, column: 'external_ref', message: { key: 'vRepeats', values: { row: first } } });
    else if (ref) seen.set(ref, row);
    // The buyer is asked about even on a row with other mistakes, when it is named well: an
    // unknown buyer said only once the date was mended made a second round of corrections.
    const named = parsed.success ? parsed.data : { ...buyerSchemas.email.safeParse(record).data, ...buyerSchemas.member_id.safeParse(record).data };
    if (named?.member_id || named?.email) {
      // member_id wins when both are given, as in import_orders.
      const [field, buyer] = named.member_id ? (['member_id', named.member_id.toLowerCase()] as const) : (['email', named.email!.toLowerCase()] as const);
      const at = buyers[field].get(buyer);
      if (at) at.push(row);
      else buyers[field].set(buyer, [row]);
    }
    if (!parsed.success || first !== undefined || unread.length) return;
    const value = parsed.data;
    const order = sentRow(value);
    rows.push(order);
    passed.push({ row, order });
    readerTime ??= (['placed_at', 'delivered_at'] as const).map((column) => (zoned.test(record[column]?.trim() ?? '') ? undefined : order[column])).find((sent) => sent?.includes('T'));
  });
  // All or nothing: a file with any mistake offers nothing to import.
  const twoWayDates = 'example' in dates ? { twoWayDates: { order: dates.order, example: dates.example } } : {};
  const named = currencyNames.size ? { currencyNames: [...currencyNames].map(([typed, { code, rows }]) => ({ typed, code, rows })) } : {};
  return { rows: fileErrors.length || rowErrors.length ? [] : rows, rowErrors, fileErrors, buyers, passed, ignored, ...twoWayDates, ...(readerTime ? { readerTime } : {}), ...named };
}

/** unknown_order_buyers takes at most this many member ids, and as many e-mails, per call; order_ref_refusals as many rows. */
export const buyerCheckValues = 10_000;

/** order_ref_refusals' answer: the rows of a call (1 = its first) whose reference import_orders would refuse, and why. */
const refusalsSchema = z.array(
  z.discriminatedUnion('refusal', [
    z.object({ row: z.number().int().positive(), refusal: z.literal('taken') }),
    z.object({ row: z.number().int().positive(), refusal: z.literal('left'), left_at: z.iso.datetime({ offset: true }) }),
  ]),
);
export type Refusal = z.infer<typeof refusalsSchema>[number];

/**
 * A call's refusals as row mistakes of the file, `part` being the rows the call was sent: another
 * member's reference at its external_ref; a former member's new order at its member_id, with the
 * day it left (UTC, as import_orders' refusal of the same row says it; written in the reader's
 * language by the screen).
 */
export function refusedRows(part: Preview['passed'], refusals: readonly Refusal[]): RowError[] {
  return refusals.flatMap((refusal) => {
    const { row, order } = part[refusal.row - 1]!;
    return [refusal.refusal === 'taken'
      ? { row, column: 'external_ref', message: { key: 'vRefTaken', values: { ref: order.external_ref } } }
      : { row, column: 'member_id', message: { key: 'vFormerMember', days: { date: new Date(refusal.left_at).toISOString().slice(0, 10) } } }];
  });
}

/**
 * The rows (of those that passed their own checks) import_orders would refuse for their
 * reference, each a row mistake: it refuses one, and with it every row of its batch.
 * order_ref_refusals decides as import_orders does (the buyer, the order's time, the store's
 * orders and when a company left), `buyerCheckValues` rows per call.
 */
async function refusedRefs(storeId: string, passed: Preview['passed']): Promise<Result<RowError[]>> {
  const refused: RowError[] = [];
  for (let start = 0; start < passed.length; start += buyerCheckValues) {
    const part = passed.slice(start, start + buyerCheckValues);
    const answer = parse(
      // A row outside the call would be a refusal named nowhere: an answer this screen cannot use.
      refusalsSchema.refine((refusals) => refusals.every(({ row }) => row <= part.length), 'a refusal names a row that was not sent'),
      await supabase().rpc('order_ref_refusals', {
        p_store_id: storeId,
        p_refs: part.map(({ order }) => order.external_ref),
        // One value per row, null where the row names its buyer the other way (the RPC's contract).
        p_member_ids: part.map(({ order }) => order.member_id ?? null) as string[],
        p_emails: part.map(({ order }) => (order.member_id ? null : order.email!)) as string[],
        p_placed_ats: part.map(({ order }) => order.placed_at),
      }),
    );
    if (!answer.ok) return answer;
    refused.push(...refusedRows(part, answer.data));
  }
  return { ok: true, data: refused };
}

/**
 * Asks the store which of the file's buyers it does not have (unknown_order_buyers matches them
 * as import_orders does: member ids of its members, confirmed login e-mails of its contacts), each
 * distinct value once, and refuses the file for them: each row of an unknown buyer is a row
 * mistake, listed with the others (said in the file's box alone, it was counted among them but
 * not found there). Then which rows' references import_orders would refuse (refusedRefs): another
 * member's order, or a new order of a company that had left.
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
  const refused = await refusedRefs(storeId, preview.passed);
  if (!refused.ok) return refused;
  const strangers = unknown.flatMap(({ field, value }) => (preview.buyers[field].get(value) ?? []).map((row): RowError => (
    { row, column: field, message: { key: field === 'email' ? 'vUnknownEmail' : 'vUnknownMemberId', values: { [field]: value } } }
  )));
  const found = [...refused.data, ...strangers];
  const checked = { ...preview, rowErrors: [...preview.rowErrors, ...found].sort((a, b) => a.row - b.row) };
  if (unknown.length === 0) return { ok: true, data: found.length ? { ...checked, rows: [] } : preview };
  // Orders follow a buyer's sign-in address: after a change, a file carrying the old one names them here.
  const moved: Message[] = unknown.some(({ field }) => field === 'email') ? [{ key: emailChangedAdvice }] : [];
  return { ok: true, data: { ...checked, rows: [], fileErrors: [...preview.fileErrors, ...moved] } };
}

/** Reads a CSV file in the browser, in its encoding (decodeFile; `legacy` for one not UTF-8), and checks it (previewText). */
export async function previewFile(file: File, baseCurrency: string, order: DayOrder, words: FileWords, legacy: LegacyEncoding): Promise<Preview> {
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (error) {
    return { rows: [], rowErrors: [], fileErrors: [{ key: 'fileUnreadable', values: { detail: (error as Error).message } }], buyers: noBuyers(), passed: [], ignored: [] };
  }
  const { text, encoding } = decodeFile(bytes, legacy);
  return { ...previewText(text, baseCurrency, order, words), ...(encoding ? { encoding } : {}) };
}

/**
 * Parses a CSV file's text (header row; delimiter detected) and checks it (checkRecords), each row
 * named as a spreadsheet numbers it: papaparse leaves blank rows out, and a value of the 5th row
 * after a blank one was said to be in row 4.
 */
export function previewText(text: string, baseCurrency: string, order: DayOrder, words?: FileWords): Preview {
  const result = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  // Every row, blank ones too, cut as the records were: the records' are those with a value, the header first.
  const cut = Papa.parse<string[]>(text, { delimiter: result.meta.delimiter, newline: result.meta.linebreak as '\n' }).data;
  const at = cut.flatMap((cells, index) => (cells.join('').trim() === '' ? [] : [index + 1])).slice(1);
  const preview = checkRecords(result.meta.fields ?? [], result.data, baseCurrency, order, words, at);
  // Rows whose field count does not match the header are reported where they are.
  const shapeErrors = result.errors
    .filter((error) => error.row !== undefined)
    .map((error) => ({ row: at[error.row!]!, column: '', message: { key: 'vRowShape', values: { detail: error.message } } }));
  return { ...preview, rowErrors: [...shapeErrors, ...preview.rowErrors], rows: shapeErrors.length ? [] : preview.rows };
}

/**
 * The file's rows (a preview's `passed`) in import_orders' batches: the rows, their file rows `at`
 * (spreadsheet numbering, blank rows counted) and the first and last of them.
 */
export function batches(passed: Preview['passed'], size = importBatchRows): { first: number; last: number; at: number[]; rows: OrderRow[] }[] {
  const out = [];
  for (let start = 0; start < passed.length; start += size) {
    const part = passed.slice(start, start + size);
    out.push({ first: part[0]!.row, last: part.at(-1)!.row, at: part.map(({ row }) => row), rows: part.map(({ order }) => order) });
  }
  return out;
}

export interface BatchResult {
  index: number;
  first: number;
  last: number;
  /** Its rows' file rows, in order: the server counts them from 1. */
  at: number[];
  status: 'done' | 'failed' | 'pending';
  counts?: { inserted: number; updated: number; unchanged: number };
  error?: ApiError;
  /** The failing row in the file, when the server named one. */
  failedRow?: number;
}

const countsSchema = z.object({ inserted: count, updated: count, unchanged: count });

/**
 * Sends rows to import_orders (one batch, one order changed from the list, or one recorded by
 * hand, `newOnly`: refused if its number is the store's already): what it inserted, updated and
 * left unchanged.
 */
export async function importRows(storeId: string, rows: OrderRow[], { newOnly = false } = {}): Promise<Result<z.infer<typeof countsSchema>>> {
  return parse(countsSchema, await supabase().rpc('import_orders', { p_store_id: storeId, p_rows: rows as unknown as never, ...(newOnly ? { p_new_only: true } : {}) }));
}

/**
 * import_orders' refusals of a row whose order number the store already has: for new orders only
 * (`newOnly`) whoever's order it is, and in any import another company's (found before the locks).
 */
export function newOrderTaken(details: ApiErrorDetails | null): boolean {
  return details?.field === 'external_ref'
    && (details.reason === 'is already an order of this store; p_new_only records new orders only' || details.reason === 'already belongs to another member\'s order');
}

/** Imports one batch; a failure names the file row the server refused, when it named one. */
export async function importBatch(storeId: string, batch: { at: number[]; rows: OrderRow[] }): Promise<Pick<BatchResult, 'status' | 'counts' | 'error' | 'failedRow'>> {
  const answer = await importRows(storeId, batch.rows);
  if (answer.ok) return { status: 'done', counts: answer.data };
  const row = parseDetails(answer.error)?.row;
  const failedRow = row ? batch.at[row - 1] : undefined;
  return { status: 'failed', error: answer.error, ...(failedRow ? { failedRow } : {}) };
}
