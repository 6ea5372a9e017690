/** Saves text as a file from the browser, and writes the console's CSV downloads (segments, members, analytics tables). */
import Papa from 'papaparse';
import { amountDigits } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { decimalSymbol } from '../numbers.ts';

export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A byte-order mark so spreadsheet programs read UTF-8 (Chinese names, accents) correctly.
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * `<store>-<name>-<day>.csv`, the day as the staff member's calendar has it. Letters of any script
 * are kept: a segment named in Chinese is named so in the file's name; anything else between them
 * is one dash, none at either end ("Spring offer!" is Spring-offer).
 */
export function csvFileName(slug: string, name: string, day: Date): string {
  const date = [day.getFullYear(), day.getMonth() + 1, day.getDate()].map((part) => String(part).padStart(2, '0')).join('-');
  return `${slug}-${name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '')}-${date}.csv`;
}

/**
 * How a spreadsheet opens a CSV as a table in the console's language as the reader's region writes
 * it: where its decimal symbol is a comma (Spain), Excel and LibreOffice split columns at ";" and
 * read "4554,00" as a number; elsewhere (Mexico, China, English) at "," with "4554.00". Intl's
 * symbol, not a list of languages, as the console's number fields read what is typed.
 */
export function csvLayout(locale: Locale): { delimiter: ';' | ','; decimal: string } {
  const decimal = decimalSymbol(locale);
  return { delimiter: decimal === ',' ? ';' : ',', decimal };
}

/**
 * Text a spreadsheet would run as a formula, as OWASP's CSV injection guidance lists it: starting
 * with = + - @, a tab or a CR. A phone number ("+52 55 5550 0103") is one too, read as a sum and
 * shown as an error; prefixed with ' it is text, as a name written "=HYPERLINK(…)" is.
 */
const formulaStart = /^[=+\-@\t\r]/;

/** A number written with so many decimals: an amount with its currency's digits (csvAmount). */
export interface Decimals {
  readonly value: number;
  readonly digits: number;
}

/** A table's cell: text, a number (a count, points, a rate), an amount, or nothing. */
export type Cell = string | number | Decimals | null;

/**
 * A table as CSV in `locale`'s layout (csvLayout): a header row, then the rows. Text that would run
 * as a formula is prefixed with ' and quoted (OWASP); numbers are written bare with the layout's
 * decimal symbol and no grouping, negative ones too, so a spreadsheet sums them.
 */
export function tableCsv(header: readonly string[], rows: readonly (readonly Cell[])[], locale: Locale): string {
  const { delimiter, decimal } = csvLayout(locale);
  const write = (cell: Cell): string => {
    if (cell === null) return '';
    if (typeof cell === 'string') return formulaStart.test(cell) ? `'${cell}` : cell;
    return (typeof cell === 'number' ? String(cell) : cell.value.toFixed(cell.digits)).replace('.', decimal);
  };
  // Quoted: every text starting with ', the defused ones among them (numbers never start so).
  return Papa.unparse({ fields: header.map(write), data: rows.map((row) => row.map(write)) }, { delimiter, quotes: (value: string) => value.startsWith("'") });
}

/** A day as spreadsheets read and sort it (2026-12-05), on the staff member's own calendar. */
export const csvDay = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('sv-SE') : null);

/** A time as spreadsheets read and sort it (2026-12-07 22:31), on the staff member's own clock, as csvDay. */
export const csvTime = (iso: string) =>
  new Date(iso).toLocaleString('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/**
 * An amount as a number with its currency's digits ("424.20", "424,20" in a Spanish file; yen
 * "150000", cents a yen amount holds kept as formatMoney keeps them): the currency goes in the
 * column's header.
 */
export const csvAmount = (amount: number, currency: string): Decimals => ({ value: amount, digits: amountDigits(amount, currency) });
