/**
 * A button while its action (or its form's) runs. Disabled, it lost the focus: the keyboard fell
 * to the page's body, where a screen-reader user heard nothing more and had lost their place.
 * Marked aria-disabled instead, it keeps the focus and is said to be unavailable, and a press
 * meanwhile (a click, or Enter in its form's field, which clicks it) does nothing.
 *
 * Held the same way, described by the line saying why, in data a console screen keeps while it is
 * read again or after its reload failed (kept.ts): what it would do acts on rows out of date.
 * `busy` is left out by such a button with no action of its own running (a row's Edit).
 */
import type { JSX } from 'preact';
import { heldAttributes, useKept } from './console/ui/kept.ts';

export function BusyButton({ busy = false, onClick, ...button }: JSX.ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean }) {
  const kept = useKept();
  const describedBy = button['aria-describedby'];
  const held = heldAttributes(kept, typeof describedBy === 'string' ? describedBy : undefined);
  return (
    <button
      {...button}
      aria-disabled={busy || undefined}
      {...held}
      onClick={(event) => {
        if (busy || kept) event.preventDefault();
        else onClick?.(event);
      }}
    />
  );
}
