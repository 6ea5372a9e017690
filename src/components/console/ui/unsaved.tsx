/**
 * Unsaved changes in the console's forms, kept from being lost by leaving the page. Each
 * CheckedForm says here whether it holds changes not yet saved (`useUnsaved`); while one does,
 * a link that leaves the page — the console's navigation, the header's language links, any other —
 * asks first in the page's language (`LeaveGuard`, drawn once by ConsoleLayout), and a reload or
 * closing the tab gets the browser's own prompt (`beforeunload`, whose text the browser writes).
 * A merchant typing a contact name in Spanish who clicked "English" lost it without a word.
 * Leaving by other means than a link — the store switcher, Sign out, Sign out on every device —
 * goes through `leaveThen`, which asks in the same dialog. Within a page, a screen opening another
 * row (or New) in its editor's place asks as well (`useDiscardAsk`, `DiscardDialog`).
 */
import { atom } from 'nanostores';
import { useStore } from '@nanostores/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useConsoleText } from '../console-text.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';

/** The forms (one key each) holding unsaved changes. */
const $unsaved = atom<ReadonlySet<object>>(new Set());

/** Marks the calling form's changes as unsaved or not; a form gone from the page holds none. */
export function useUnsaved(): (changed: boolean) => void {
  const key = useRef({}).current;
  useEffect(() => () => mark(key, false), []);
  return (changed) => mark(key, changed);
}

/**
 * How the page is left once the reader says leave (follow the link clicked, switch store, sign
 * out), and what staying undoes (the store switcher's choice); null while nothing is asked.
 */
const $asked = atom<{ go: () => void; stay?: (() => void) | undefined } | null>(null);

/**
 * Leaves the page by `go`: at once while no form holds unsaved changes, else once the reader
 * says leave in LeaveGuard's dialog; should they stay, `stay` puts back what asked to leave.
 */
export function leaveThen(go: () => void, stay?: () => void): void {
  if ($unsaved.get().size === 0) go();
  else $asked.set({ go, stay });
}

export interface DiscardAsk {
  /** Whether the editor shown holds changes (its own measure: a draft compared, or typed and unsaved). */
  changed: (value: boolean) => void;
  /** Opens by `go` what takes the editor's place: at once while it holds no changes, else once the reader says discard. */
  then: (go: () => void) => void;
  /** Whether DiscardDialog is asking. */
  asking: boolean;
  settle: (discard: boolean) => void;
}

/**
 * A screen's one editor, replaced by another row or New: pressed while the post (the tier) had
 * changes, New replaced them without a word. The screen opens through `then`; DiscardDialog asks.
 */
export function useDiscardAsk(): DiscardAsk {
  const changed = useRef(false);
  const [asked, setAsked] = useState<{ go: () => void } | null>(null);
  return {
    changed: (value) => {
      changed.current = value;
    },
    then: (go) => {
      if (changed.current) return setAsked({ go });
      setAsked(null);
      go();
    },
    asking: asked !== null,
    settle: (discard) => {
      setAsked(null);
      if (!discard || !asked) return;
      changed.current = false;
      asked.go();
    },
  };
}

/**
 * Asks whether to discard the editor's changes for what `ask` was asked to open; `title` names the
 * editor's thing ("Discard your changes to Gold?"). Kept, the keyboard goes to `returnFocus` (the
 * editor's title), back to the changes.
 */
export function DiscardDialog({ ask, title, returnFocus }: { ask: DiscardAsk; title: ComponentChildren; returnFocus: () => HTMLElement | null }) {
  const { t } = useConsoleText('staff');
  return (
    <ConfirmDialog
      open={ask.asking}
      title={title}
      confirmLabel={t('discardChanges')}
      cancelLabel={t('keepEditing')}
      onConfirm={() => ask.settle(true)}
      onCancel={() => ask.settle(false)}
      returnFocus={returnFocus}
    >
      <p>{t('discardBody')}</p>
    </ConfirmDialog>
  );
}

function mark(key: object, changed: boolean): void {
  const forms = $unsaved.get();
  if (forms.has(key) === changed) return;
  const next = new Set(forms);
  if (changed) next.add(key);
  else next.delete(key);
  $unsaved.set(next);
}

/**
 * The address a click on `event`'s link opens in this tab, when it leaves the page; null for a
 * click the browser takes elsewhere (a new tab or window, a download) or a link within the page.
 */
function leavingTo(event: MouseEvent): HTMLAnchorElement | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute('download') || (link.target && link.target !== '_self')) return null;
  const to = new URL(link.href, window.location.href);
  // A mailto: or tel: link opens another program and leaves the page where it is.
  if (to.protocol !== 'http:' && to.protocol !== 'https:') return null;
  const here = new URL(window.location.href);
  to.hash = '';
  here.hash = '';
  return to.href === here.href ? null : link;
}

/**
 * Asks before a link (or leaveThen) leaves the page while a form holds unsaved changes; the page
 * is left once the reader says leave.
 */
export function LeaveGuard() {
  const { t } = useConsoleText('staff');
  const unsaved = useStore($unsaved).size > 0;
  const asked = useStore($asked);
  /**
   * Set once the reader chose to leave: the link's own click (the switcher's submit) then goes
   * through, and the page's unload, with no prompt. Until the reader is seen here again: a page kept
   * in the back-forward cache shown again, or any press of a key or pointer, which comes before an
   * edit or a link followed. A second's timer let the page stay (Sign out on every device
   * cancelled, a link the page follows itself) unguarded: edited again and left at once, nothing asked.
   */
  const leaving = useRef(false);
  useEffect(() => {
    const here = (event: Event) => {
      if (event.isTrusted) leaving.current = false;
    };
    const events = ['pageshow', 'pointerdown', 'keydown'] as const;
    for (const name of events) window.addEventListener(name, here, true);
    return () => {
      for (const name of events) window.removeEventListener(name, here, true);
    };
  }, []);

  useEffect(() => {
    if (!unsaved) return;
    // Capture, so the guard runs before the link's own listeners (the language links remember
    // the language clicked, which a reader who stays has not chosen); they skip a prevented click.
    const click = (event: MouseEvent) => {
      if (leaving.current) return;
      const link = leavingTo(event);
      if (!link) return;
      event.preventDefault();
      $asked.set({ go: () => link.click() });
    };
    const unload = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
      // Chrome before 119 and Safari prompt only when returnValue is set.
      event.returnValue = '';
    };
    // Listened to only while something is unsaved: a page with a beforeunload listener is kept
    // from the browser's back-forward cache.
    document.addEventListener('click', click, true);
    window.addEventListener('beforeunload', unload);
    return () => {
      document.removeEventListener('click', click, true);
      window.removeEventListener('beforeunload', unload);
    };
  }, [unsaved]);

  return (
    <ConfirmDialog
      open={asked !== null}
      title={t('leaveTitle')}
      confirmLabel={t('leavePage')}
      cancelLabel={t('keepEditing')}
      onConfirm={() => {
        $asked.set(null);
        leaving.current = true;
        asked?.go();
      }}
      onCancel={() => {
        asked?.stay?.();
        $asked.set(null);
      }}
    >
      <p>{t('discardBody')}</p>
    </ConfirmDialog>
  );
}
