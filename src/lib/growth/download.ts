/** Saves text as a file from the browser, and writes the console's CSV downloads (segments, members, analytics tables). */
import Papa from 'papaparse';
import { amountDigits } from '../../i18n/format.ts';

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
 * Cells a spreadsheet would run as a formula (= @ tab CR, or + - followed by anything but a
 * number) get papaparse's quote prefix; phone numbers such as +49 30 1234567 stay as they are,
 * because the mailer or SMS tool importing the file needs them whole.
 */
export const formulaCells = /^(?:[=@\t\r]|[+-](?![\d ().\/-]+$))/;

/** A table as CSV: a header row, then the rows, formula-like cells escaped. */
export type Cell = string | number | null;

export function tableCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return Papa.unparse({ fields: [...header], data: rows.map((row) => row.map((cell) => cell ?? '')) }, { escapeFormulae: formulaCells });
}

/** A day as spreadsheets read and sort it (2026-12-05), on the staff member's own calendar. */
export const csvDay = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString('sv-SE') : null);

/**
 * An amount as spreadsheets read it in any language, a plain number (a dot, no grouping), with
 * its currency's digits ("424.20", yen "150000", cents a yen amount holds kept as formatMoney
 * keeps them): the currency goes in the column's header.
 */
export const csvAmount = (amount: number, currency: string) => amount.toFixed(amountDigits(amount, currency));
