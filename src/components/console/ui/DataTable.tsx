/**
 * A table that works from the keyboard: Tab reaches the table once (the current row), Up/Down
 * (and Home/End, PageUp/PageDown by 10) move between rows, Enter or Space on a row calls
 * `onActivate` (e.g. open the editor), and Tab continues into the row's own buttons.
 *
 * Where its wrapper is narrow (a phone, a small tablet: 48rem; 60rem for seven columns or more,
 * ScrollTable's stacksFor, which in Spanish scrolled sideways on a tablet) each row reads as a block, as
 * Polaris's condensed IndexTable does: its `primary` cell (a name, a code) as its heading, then a
 * line per cell, its column's header beside it, and its buttons last, all in view (global.css;
 * scrolled sideways, only the first two columns fitted a phone, so Approve or Edit was out of
 * sight). Each cell's `data-label` is its column's header, given as text; a header given as an
 * element (a visually hidden "Actions") labels no line. A matrix of figures (analytics' periods by
 * tiers) is a ScrollTable of its own, which stacks by the same rules: its row's header the heading.
 *
 * Props: `caption` (the table's accessible name, visible above it unless `captionHidden`, for a
 * table whose heading already says what it is), `columns` (`{key, header, cell(row), numeric?,
 * nowrap?, breaks?, prose?, primary?, labelled?, wholeHeader?}`; nowrap keeps short values such as dates on one line, breaks lets a
 * message quoting a file's value ("2026-03-01T10:00:00Z") break inside a word rather than run past a
 * phone's edge, prose puts a sentence (a reason with a staff note) under its label when stacked, across the row's width, primary
 * marks the row's heading when stacked, else the first column is; labelled keeps
 * the heading's label, for a date that alone does not say which), `rows`, `rowKey(row)`, `onActivate?(row)`,
 * `rowLabel?(row)` (what a screen reader hears for the row; defaults to its cells), `empty` (shown
 * instead of an empty table), `selectedKey?` (marks the row being edited with aria-current),
 * `stacksWide?` (stacks up to 60rem as a table of many columns does, for one of few whose cells
 * need the room: an address beside its row's action), `detail?` (a row's own form, mark a reward
 * sent, in a line across the table under the row of that key: opened below the table, it landed under
 * every other row on a phone, a screen or more from the row whose button opened it).
 * A cell given as text keeps its codes and e-mail addresses whole (`wholeCodes`).
 */
import { Fragment, type ComponentChildren, type JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ScrollTable, stacksFor } from '../../ScrollTable.tsx';
import { heldAttributes, useKept } from './kept.ts';
import { wholeCodes } from './whole-codes.tsx';

export interface Column<Row> {
  key: string;
  header: ComponentChildren;
  cell: (row: Row) => ComponentChildren;
  numeric?: boolean | undefined;
  nowrap?: boolean | undefined;
  breaks?: boolean | undefined;
  /**
   * Stacked, its label above it and the text across the row: beside the label, at 360 px a note's
   * 20-digit order number, kept whole, was wider than the value's column.
   */
  prose?: boolean | undefined;
  primary?: boolean | undefined;
  /** Stacked, the heading line keeps its label: a date alone does not say which ("Changed on 3 Mar 2026"). */
  labelled?: boolean | undefined;
  /** The header on one line: beside a column of long text, "Points spent" broke over two above a figure. */
  wholeHeader?: boolean | undefined;
}

interface DataTableProps<Row> {
  caption: string;
  captionHidden?: boolean | undefined;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  onActivate?: (row: Row) => void | undefined;
  rowLabel?: (row: Row) => string | undefined;
  empty: ComponentChildren;
  selectedKey?: string | null | undefined;
  stacksWide?: boolean | undefined;
  detail?: { key: string; content: ComponentChildren } | null | undefined;
}

export function DataTable<Row>({ caption, captionHidden, columns, rows, rowKey, onActivate, rowLabel, empty, selectedKey, stacksWide, detail }: DataTableProps<Row>) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [current, setCurrent] = useState(0);
  const kept = useKept();
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  const active = Math.min(current, rows.length - 1);

  function focusRow(index: number) {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setCurrent(next);
    body.current?.querySelectorAll<HTMLTableRowElement>(':scope > tr:not(.row-detail)')[next]?.focus();
  }

  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLTableRowElement>, index: number, row: Row) {
    // Keys pressed on a button or field inside the row belong to it.
    if (event.target !== event.currentTarget) return;
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1, PageDown: index + 10, PageUp: index - 10 };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      focusRow(target);
    } else if ((event.key === 'Enter' || event.key === ' ') && onActivate) {
      event.preventDefault();
      activate(row);
    }
  }

  // Not in data kept out of date (kept.ts: rows read again after a save, or a failed reload's): a
  // row read before a save would open an editor whose save undoes it. Such a row says so as a held
  // button does: unavailable, described by the line saying why.
  const held = onActivate ? heldAttributes(kept) : {};
  function activate(row: Row) {
    if (onActivate && !kept) onActivate(row);
  }

  const primary = (columns.find((column) => column.primary) ?? columns[0])?.key;
  const cellClass = (column: Column<Row>) => [column.numeric && 'num', column.nowrap && 'nowrap', column.breaks && 'breaks', column.prose && 'prose', column.key === primary && 'primary'].filter(Boolean).join(' ') || undefined;
  // The heading line needs no label, unless it is a number (a row's, a batch's) or asks for one.
  const label = (column: Column<Row>) => (typeof column.header === 'string' && (column.key !== primary || column.numeric || column.labelled) ? column.header : undefined);

  // Explicit roles: Safari drops a table's semantics from its parts once CSS stacks them.
  return (
    <ScrollTable caption={caption} captionHidden={captionHidden} class={columns.length >= 9 ? 'data-table crowded' : 'data-table'} stacks={stacksWide ? 'wide' : stacksFor(columns.length)}>
      <thead role="rowgroup">
        <tr role="row">
          {columns.map((column) => (
            <th key={column.key} scope="col" role="columnheader" class={[column.numeric && 'num', column.wholeHeader && 'nowrap'].filter(Boolean).join(' ') || undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody ref={body} role="rowgroup">
        {rows.map((row, index) => {
          const key = rowKey(row);
          return (
            <Fragment key={key}>
              <tr
                role="row"
                tabIndex={index === active ? 0 : -1}
                aria-label={rowLabel?.(row)}
                aria-current={selectedKey === key ? 'true' : undefined}
                {...held}
                onFocus={() => setCurrent(index)}
                onKeyDown={(event) => onKeyDown(event, index, row)}
                onDblClick={onActivate ? () => activate(row) : undefined}
              >
                {columns.map((column) => (
                  <td key={column.key} role="cell" class={cellClass(column)} data-label={label(column)}>
                    {cellContent(column.cell(row))}
                  </td>
                ))}
              </tr>
              {detail?.key === key && (
                <tr class="row-detail" role="row">
                  <td role="cell" colSpan={columns.length}>{detail.content}</td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}

function cellContent(content: ComponentChildren): ComponentChildren {
  return typeof content === 'string' ? wholeCodes(content) : content;
}
