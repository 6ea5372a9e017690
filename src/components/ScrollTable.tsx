/**
 * A table that scrolls sideways on a phone, with its `caption` written above the scrolling part
 * and naming the table (aria-labelledby): a <caption> is as wide as its table, so on a phone it
 * ran off the screen with the columns. With `label` the scrolling part is a named, focusable
 * group, so a keyboard can scroll a table with nothing focusable of its own (My membership's,
 * the analytics figures); without it, the table's own focusable rows reach it (DataTable).
 * A shadow marks the side where columns are out of sight (global.css, .table-scroll). With
 * `stacks` the wrapper is a container that a narrow width turns the rows into stacked blocks
 * (DataTable's, global.css), and the table keeps role="table" through that change of display;
 * `stacks="wide"`, a table of many columns, stacks at a greater width.
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** From this many columns a table stacks up to 60rem (global.css, .table-stacks-wide). */
export const stacksFor = (columns: number) => (columns >= 7 ? 'wide' : true);

interface ScrollTableProps {
  caption?: string | undefined;
  /** Names the table for a screen reader only (a heading above already shows what it is). */
  captionHidden?: boolean | undefined;
  label?: string | undefined;
  class?: string | undefined;
  stacks?: boolean | 'wide' | undefined;
  children: ComponentChildren;
}

export function ScrollTable({ caption, captionHidden, label, class: className, stacks, children }: ScrollTableProps) {
  const captionId = useId();
  return (
    <>
      {caption && (
        <p id={captionId} class={captionHidden ? 'visually-hidden' : 'table-caption'}>
          {caption}
        </p>
      )}
      <div class={['table-scroll', stacks && 'table-stacks', stacks === 'wide' && 'table-stacks-wide'].filter(Boolean).join(' ')} {...(label ? { tabIndex: 0, role: 'group', 'aria-label': label } : {})}>
        <table class={className} role={stacks ? 'table' : undefined} aria-labelledby={caption ? captionId : undefined}>
          {children}
        </table>
      </div>
    </>
  );
}
