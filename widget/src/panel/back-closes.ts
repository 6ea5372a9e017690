/**
 * The browser's Back closes the panel where it covers the page (a phone), as it closes any sheet
 * there, rather than leaving the merchant's page under it: opening adds one history entry at the
 * same address, and leaving that entry closes the panel. The page's own history stays the page's:
 * the entry carries the page's state (a router reading `history.state` finds its own) plus a
 * marker, so a popstate between two of the page's entries (a single-page store's own navigation)
 * is never taken for ours, and no one's popstate is stopped.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

const marker = 'cardclubPanel';

const onTop = (entry: number) => {
  const state: unknown = history.state;
  return typeof state === 'object' && state !== null && (state as Record<string, unknown>)[marker] === entry;
};

interface Wanted {
  open: boolean;
  covering: boolean;
  close: () => void;
}

function backEntry(wanted: () => Wanted) {
  let pushed = 0;
  /** Our entry, while it is in the history. */
  let entry: number | null = null;
  /** Our history.back() is on its way: an entry pushed before it lands would be the one it leaves. */
  let leaving = false;

  function reconcile() {
    if (leaving) return;
    const { open, covering } = wanted();
    if (open && covering && entry === null) {
      entry = ++pushed;
      const state: unknown = history.state;
      history.pushState({ ...(typeof state === 'object' && state !== null ? state : {}), [marker]: entry }, '');
    } else if (!open && entry !== null) {
      // Closed by its own ×, Escape or the launcher: the entry goes with it, unless the page has
      // since added entries of its own above it, which going back would undo.
      leaving = onTop(entry);
      entry = null;
      if (leaving) history.back();
    }
  }

  function popped() {
    if (leaving) {
      leaving = false;
      reconcile();
    } else if (entry !== null && !onTop(entry)) {
      entry = null;
      wanted().close();
    }
  }

  return {
    reconcile,
    listen() {
      addEventListener('popstate', popped);
      return () => {
        removeEventListener('popstate', popped);
        if (entry !== null && onTop(entry)) history.back();
      };
    },
  };
}

export function useBackCloses(open: boolean, covering: boolean, close: () => void): void {
  const latest = useRef<Wanted>({ open, covering, close });
  latest.current = { open, covering, close };
  const [entry] = useState(() => backEntry(() => latest.current));
  useEffect(() => entry.listen(), []);
  useEffect(entry.reconcile, [open, covering]);
}
