/**
 * A row's own form, opened under it in a DataTable (`detail`, the row marked by `selectedKey`): an
 * order's change, a claim's shipment, a reward marked sent. The form holds the keyboard, so its end
 * says where it goes: cancelled, back to the row's button that opened it; done, where the screen
 * says what was done.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/**
 * `rowKey`, the table's; `buttonId(row)`, the id of the row's button that opens its form.
 */
export function useRowForm<Row>(rowKey: (row: Row) => string, buttonId: (row: Row) => string) {
  const [row, setRow] = useState<Row | null>(null);
  return {
    /** The row whose form is open; null when none is. */
    row,
    /** Opens the row's form (another row's closes), or none: a list changed under it may not hold its row. */
    open: setRow,
    /**
     * DataTable's `rowKey`, `selectedKey` and `detail`: `form(row, onDone)` under its row, its
     * onDone closing it, then the keyboard back to the row's button (no message: cancelled), else
     * `done(message)`.
     */
    table(form: (row: Row, onDone: (message: string | null) => void) => ComponentChildren, done: (message: string) => void) {
      return {
        rowKey,
        selectedKey: row === null ? null : rowKey(row),
        detail: row === null ? null : {
          key: rowKey(row),
          content: form(row, (message) => {
            setRow(null);
            if (!message) return document.getElementById(buttonId(row))?.focus();
            done(message);
          }),
        },
      };
    },
  };
}
