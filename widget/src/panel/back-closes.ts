/**
 * Where the panel covers the page (a phone), the system's Back button or gesture closes it, as it
 * closes any sheet there: a CloseWatcher (Chromium on Android, from 120) hears that close request.
 * The page's history is never written: an entry of ours was a navigation the page's router heard
 * (and refetched, re-ran or undid). Where there is no CloseWatcher, Back leaves the page, as ever.
 * The signed-in frame keeps one of its own too (src/pages/embed/_EmbedFrame.tsx): a close request
 * goes to the focused frame's watchers only.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';

/** Not yet in TypeScript's DOM types. */
interface CloseWatcher {
  onclose: (() => void) | null;
  destroy(): void;
}

/** Returns whether a watcher is live, for a key handler to leave Escape (a close request too) to it. */
export function useBackCloses(open: boolean, covering: boolean, close: () => void): { readonly current: boolean } {
  const latest = useRef(close);
  latest.current = close;
  const watching = useRef(false);
  // A layout effect runs as the panel renders: created within the click that opened it (the
  // user activation a watcher's group asks for), destroyed as it closes by its ×, Escape, the
  // launcher or the page API, before the Escape's own close request could reach it (one close).
  useLayoutEffect(() => {
    const Watcher = (window as { CloseWatcher?: new () => CloseWatcher }).CloseWatcher;
    if (!open || !covering || !Watcher) return;
    const watcher = new Watcher();
    watching.current = true;
    watcher.onclose = () => {
      watching.current = false;
      latest.current();
    };
    return () => {
      watching.current = false;
      watcher.destroy();
    };
  }, [open, covering]);
  return watching;
}
