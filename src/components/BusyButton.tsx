/**
 * A button while its action (or its form's) runs. Disabled, it lost the focus: the keyboard fell
 * to the page's body, where a screen-reader user heard nothing more and had lost their place.
 * Marked aria-disabled instead, it keeps the focus and is said to be unavailable, and a press
 * meanwhile (a click, or Enter in its form's field, which clicks it) does nothing.
 */
import type { JSX } from 'preact';

export function BusyButton({ busy, onClick, ...button }: Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> & { busy: boolean }) {
  return (
    <button
      {...button}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (busy) event.preventDefault();
        else onClick?.(event);
      }}
    />
  );
}
