/**
 * What a screen shows while its data is not ready: a status line while loading, or the error
 * (role="alert") with a retry button. Props: `state` (from `useLoad`), `children(data)` once ready.
 * While a reload runs, the previous data stays on screen; a reload that fails keeps it too (with
 * any editor open in it, and what was typed there), the alert above it saying it may be out of
 * date: replaced by the error, an editor opened while another saved was lost. Kept (`stale`), it
 * is inert and dimmed until a load succeeds, Retry's included: a row read before a save, edited
 * and saved, would put the old values back. Inert hides it from screen readers too; a disabled
 * fieldset, which disabled only its controls, left a table in it undrawn in Chromium (the staff
 * list after a removal: no box, no rows). A focus inside it (or dropped to the page's body) goes
 * to Retry, the one thing to do.
 *
 * The error says what happened in the page's language, never the server's English
 * (refusals.ts `failedLoadSentence`): a login no longer staff of the store (removed in another
 * tab's time) is told so, with the way to its own stores; another refusal the console knows is
 * said as its forms say it, one it does not know by its code; an answer the page cannot read
 * (result.ts `unexpectedAnswer`) is said as such; no answer in time (`loadTimedOut`) is said so; a
 * 5xx answer is the service's problem; no answer at all is the connection. It is drawn as the
 * console's error notice, apart from a save's green line just above it.
 *
 * A reload after a write (`reloadAfterWrite`) makes the list inert until it is read again: a row
 * shown from before the save, opened and saved, would put the old values back. Only the list: an
 * editor opened meanwhile (a part of the data marked `data-editor`) stays usable, and its field keeps
 * the focus (an inert ancestor took it to the page's body, and nothing brought it back). Screen
 * readers hear "Updating the list…" (a polite status, no line drawn: one put above the data and taken
 * away moved the screen on every save), and the list is dimmed only if the reload takes a moment.
 *
 * Retry takes its own button away: the focus goes to the loading line in its place, then to the
 * retry button again if it failed, or once loaded back to what had it when the data went inert, else
 * to the screen's title (left on the page's body, a screen-reader user heard nothing of the outcome).
 * Any reload that brings inert data back gives the focus back so, had it been lost.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { focusIfLost, focusOn } from '../../form-focus.ts';
import { useText } from '../../use-text.ts';
import { useConsoleText } from '../console-text.ts';
import { withLang } from '../links.ts';
import { failedLoadSentence, isNotStaff } from './refusals.ts';
import type { Loaded } from './use-load.ts';

export function LoadState<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  const { t: site, locale } = useText();
  const { t } = useConsoleText('staff');
  const [retried, setRetried] = useState(false);
  const loadingLine = useRef<HTMLParagraphElement>(null);
  const retryButton = useRef<HTMLButtonElement>(null);
  const kept = useRef<HTMLDivElement>(null);
  const retrying = retried && state.status === 'loading';
  const { stale } = state;
  // Stale because a load failed (its alert shown), not only because a save is being read again.
  const failedBefore = useRef(false);
  if (state.status !== 'loading') failedBefore.current = state.status === 'error';
  // A write's reload, nothing failed: the list inert, not an editor. Else stale data is inert whole.
  const updating = stale && state.status === 'loading' && !retrying && !failedBefore.current;
  const locked = stale && !updating;
  // What in the data had the focus when it went (more) inert, read while drawing it, before its
  // commit drops the focus: a load that brings it back gives the focus back there (the field typed
  // in), not to the title, which left the reader to find their place again. The focus elsewhere (a
  // save's line) is not taken by inert: nothing to give back. Already dropped to the page's body,
  // what had it before stays the one.
  const inertShown = useRef<'list' | 'all' | null>(null);
  const focusedBefore = useRef<Element | null>(null);
  const inertNow = locked ? 'all' : updating ? 'list' : null;
  if (inertNow !== inertShown.current) {
    inertShown.current = inertNow;
    const focused = document.activeElement;
    if (inertNow && focused && focused !== document.body) focusedBefore.current = kept.current?.contains(focused) ? focused : null;
  }
  // The list's parts inert while a write's reload runs, each render (an editor opened or closed
  // meanwhile changes them); what is no longer to be, live again.
  const inertParts = useRef<Element[]>([]);
  useLayoutEffect(() => {
    const parts = updating && kept.current ? [...kept.current.children].filter((part) => !part.matches('[data-editor]')) : [];
    for (const part of inertParts.current) if (!parts.includes(part)) part.removeAttribute('inert');
    for (const part of parts) part.setAttribute('inert', '');
    inertParts.current = parts;
  });
  // Before painting: the control that had the focus is inert under the keyboard. A dialog open in
  // what went inert is cancelled (ConfirmDialog passes over a busy one): its buttons disabled and
  // Retry behind its modal, only Escape led out, and nothing on a touch screen.
  useLayoutEffect(() => {
    kept.current?.querySelectorAll('dialog[open]').forEach((dialog) => {
      if (dialog.closest('[inert]')) dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    });
  }, [inertNow]);
  // Its words a frame after the status is drawn: a live region inserted with its words already in it
  // is not heard by every screen reader. Drawn only then: one on every screen, empty, was a status
  // too many beside the screen's own.
  const [sayUpdating, setSayUpdating] = useState(false);
  useEffect(() => {
    setSayUpdating(false);
    if (!updating) return;
    const frame = requestAnimationFrame(() => setSayUpdating(true));
    return () => cancelAnimationFrame(frame);
  }, [updating]);
  // The focus goes to Retry once there is one: a save's reload made the list inert before it failed.
  const failedOverKept = stale && state.status === 'error';
  useLayoutEffect(() => {
    if (!failedOverKept) return;
    const focused = document.activeElement;
    if (focused === null || focused === document.body || kept.current?.contains(focused)) retryButton.current?.focus();
  }, [failedOverKept]);
  // Once loaded after Retry, or after any reload of inert data: the focus back where it was, had it
  // been lost (after Retry, else the screen's title).
  const wasStale = useRef(stale);
  useEffect(() => {
    const back = wasStale.current && state.status === 'ready';
    wasStale.current = stale;
    if (retried && state.status === 'loading') return void (loadingLine.current && focusOn(loadingLine.current));
    if (retried) setRetried(false);
    if (retried && state.status === 'error') return void retryButton.current?.focus();
    if (back || retried) focusIfLost(() => (canTakeFocus(focusedBefore.current) ? focusedBefore.current : retried ? document.querySelector<HTMLElement>('main h1') : null));
  }, [retried, state.status]);

  const shown = state.status === 'ready' || state.data !== undefined;
  let line: ComponentChildren = null;
  if (state.status === 'ready' || (state.status === 'loading' && shown && !retrying && !(stale && failedBefore.current))) {
    // No line: the data below keeps its place in the tree, and its editors what they hold. Read
    // again after a save, its list is inert (and in time dimmed) without one, said to screen
    // readers only: a line put above it and taken away moved the whole screen on every save.
  } else if (state.status === 'loading') {
    line = (
      <p role="status" aria-busy="true" class="busy" ref={loadingLine} key="line">
        {site('loading')}
      </p>
    );
  } else {
    const { error } = state;
    line = (
      <div role="alert" class="notice error-notice" key="line">
        <p>{failedLoadSentence(error, t, locale)}</p>
        {shown && <p>{t('keptStale')}</p>}
        {isNotStaff(error) && (
          <p>
            <a href={withLang('/console/')}>{t('goToYourStores')}</a>
          </p>
        )}
        <button
          type="button"
          ref={retryButton}
          onClick={() => {
            setRetried(true);
            void state.reload();
          }}
        >
          {site('retry')}
        </button>
      </div>
    );
  }
  // One wrapper whatever the state (laid out as its children, display: contents), keyed as the line
  // is: a line put before the data, or a loading line replaced by the alert, must not let Preact
  // match the wrapper to another element, which would mount the data anew and empty an editor open in it.
  return shown ? (
    <>
      {line}
      {updating && (
        <p role="status" class="visually-hidden" key="updating">
          {sayUpdating && t('updatingList')}
        </p>
      )}
      <div class="load-kept" inert={locked} ref={kept} key="kept">
        {children(state.data as T)}
      </div>
    </>
  ) : (
    line
  );
}

/** `element` is still on the page and could have the focus again (not disabled, not inert, not hidden). */
function canTakeFocus(element: Element | null): element is HTMLElement {
  if (!(element instanceof HTMLElement) || element === document.body || !element.isConnected || element.matches(':disabled') || element.closest('[inert]')) return false;
  // checkVisibility from Safari 17.4: before it, boxes drawn at all.
  return typeof element.checkVisibility === 'function' ? element.checkVisibility() : element.getClientRects().length > 0;
}
