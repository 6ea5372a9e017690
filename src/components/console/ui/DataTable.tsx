/**
 * A table that works from the keyboard: Tab reaches the table once (the current row), Up/Down
 * (and Home/End, PageUp/PageDown by 10) move between rows, Enter or Space on a row calls
 * `onActivate` (e.g. open the editor), and Tab continues into the row's own buttons. Narrow
 * screens scroll it sideways (the focusable rows make the scroll area reachable).
 *
 * Props: `caption` (the table's accessible name, visible above it unless `captionHidden`, for a
 * table whose heading already says what it is), `columns` (`{key, header, cell(row), numeric?,
 * nowrap?, wide?}`; nowrap keeps short values such as dates on one line, wide gives running text
 * such as a description a readable width on a phone), `rows`, `rowKey(row)`, `onActivate?(row)`,
 * `rowLabel?(row)` (what a screen reader hears for the row; defaults to its cells), `empty` (shown
 * instead of an empty table), `selectedKey?` (marks the row being edited with aria-current).
 * A cell given as text keeps its codes and e-mail addresses whole (`wholeCodes`).
 */
import type { ComponentChildren, JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ScrollTable } from '../../ScrollTable.tsx';
import { wholeCodes } from './whole-codes.tsx';

export interface Column<Row> {
  key: string;
  header: ComponentChildren;
  cell: (row: Row) => ComponentChildren;
  numeric?: boolean | undefined;
  nowrap?: boolean | undefined;
  wide?: boolean | undefined;
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
}

export function DataTable<Row>({ caption, captionHidden, columns, rows, rowKey, onActivate, rowLabel, empty, selectedKey }: DataTableProps<Row>) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [current, setCurrent] = useState(0);
  if (rows.length === 0) return <p class="empty">{empty}</p>;
  const active = Math.min(current, rows.length - 1);

  function focusRow(index: number) {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setCurrent(next);
    body.current?.querySelectorAll<HTMLTableRowElement>(':scope > tr')[next]?.focus();
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
      onActivate(row);
    }
  }

  const cellClass = (column: Column<Row>) => [column.numeric && 'num', column.nowrap && 'nowrap', column.wide && 'wide'].filter(Boolean).join(' ') || undefined;

  return (
    <ScrollTable caption={caption} captionHidden={captionHidden} class="data-table">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col" class={column.numeric ? 'num' : undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody ref={body}>
        {rows.map((row, index) => {
          const key = rowKey(row);
          return (
            <tr
              key={key}
              tabIndex={index === active ? 0 : -1}
              aria-label={rowLabel?.(row)}
              aria-current={selectedKey === key ? 'true' : undefined}
              onFocus={() => setCurrent(index)}
              onKeyDown={(event) => onKeyDown(event, index, row)}
              onDblClick={onActivate ? () => onActivate(row) : undefined}
            >
              {columns.map((column) => (
                <td key={column.key} class={cellClass(column)}>
                  {cellContent(column.cell(row))}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}

function cellContent(content: ComponentChildren): ComponentChildren {
  return typeof content === 'string' ? wholeCodes(content) : content;
}
