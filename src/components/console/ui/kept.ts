/**
 * Whether the data LoadState shows may be acted on. While a save's reload runs (`updating`) or
 * after a reload failed (`failed`), the rows on screen stay there to be read, copied and moved
 * through (they were made inert, which took them from screen readers too: "could not update,
 * showing the list as it was", and then no list to read), but what would write from them, or open
 * a form whose save would (a row read before a save, edited and saved, puts the old values back),
 * is held: its control reads this context and is marked aria-disabled, keeping the focus, and
 * described by `reason`, the id of the line saying why ("Updating the list…", or the alert's).
 * Reads stay live: a filter, a pager, a link to a member, Retry.
 *
 * An editor (a form: CheckedForm gives its fields this context as `editorKept` says) is held only
 * once a read failed: one opened while a save's list is read again is a new thing or another row,
 * and what is typed there stays usable, with the keyboard.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface Kept {
  why: 'updating' | 'failed';
  /** The id of the line saying why. */
  reason: string;
}

export const KeptData = createContext<Kept | null>(null);

export function useKept(): Kept | null {
  return useContext(KeptData);
}

/** What an editor inside kept data is held by: nothing while a save's list is read again. */
export function editorKept(kept: Kept | null): Kept | null {
  return kept?.why === 'failed' ? kept : null;
}

/** A held control's attributes: unavailable, and why (its own description comes first). */
export function heldAttributes(kept: Kept | null, describedBy?: string) {
  if (!kept) return {};
  return { 'aria-disabled': true as const, 'aria-describedby': [describedBy, kept.reason].filter(Boolean).join(' '), 'data-held': '' };
}
