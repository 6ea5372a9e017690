/** Saves text as a file from the browser (CSV exports of segments and analytics tables). */
import Papa from 'papaparse';

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
