/**
 * What a screen shows while its data is not ready: a status line while loading, or the error
 * (role="alert") with a retry button. Props: `state` (from `useLoad`), `children(data)` once ready.
 * While a reload runs, the previous data stays on screen (aria-busy); a reload that fails keeps it
 * too (with any editor open in it, and what was typed there), the alert above it saying what the
 * kept rows are: from before a save (which the rows may contradict: a reward marked sent still
 * reads unsent), still those of the filter or page chosen before (the new one not applied: Try
 * again applies it; `keptOtherChoice` says so in the screen's own words where what it shows is no
 * list: analytics names the figures' dates), or perhaps out of date. Replaced by the error, an
 * editor opened while another saved was lost.
 *
 * Kept (`stale`), the data stays readable, copyable and navigable by everyone, screen readers
 * included, until a load succeeds, Retry's included; what would write from it is held (kept.ts:
 * its controls read the context given here, aria-disabled and described by the line saying why): a
 * row read before a save, edited and saved, would put the old values back. Not inert, which took
 * the list from screen readers ("showing the list as it was", and no list); not a disabled
 * fieldset, which left a table in it undrawn in Chromium (the staff list after a removal: no box,
 * no rows), even laid out as its contents.
 *
 * The error says what happened in the page's language, never the server's English
 * (refusals.ts `failedLoadSentence`): a login no longer staff of the store (removed in another
 * tab's time) is told so, with the way to its own stores; another refusal the console knows is
 * said as its forms say it, one it does not know by its code; an answer the page cannot read
 * (result.ts `unexpectedAnswer`) is said as such; no answer in time (`loadTimedOut`) is said so; a
 * 5xx answer is the service's problem; no answer at all is the connection. It is drawn as the
 * console's error notice, apart from a save's green line just above it.
 *
 * A reload after a write (`reloadAfterWrite`) holds the list's actions until it is read again; an
 * editor opened meanwhile (a form, CheckedForm) stays usable, and its field keeps the focus. The
 * line "Updating the list…" is drawn at once (a polite status), above the list: a save that
 * showed nothing for its first 0.3 s looked like one that did nothing.
 *
 * The focus stays where it is (a held control keeps it); dropped to the page's body, it goes to
 * Retry once there is one. Retry takes its own button away: the focus goes to the loading line in
 * its place, then to the retry button again if it failed and the focus is still lost with the line
 * (not when the reader went on to a filter meanwhile), or once loaded back to what in the data
 * had it when the data was held, else to the screen's title (left on the page's body, a
 * screen-reader user heard nothing of the outcome).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useSaidAfterFrame } from '../../use-said-after-frame.ts';
import { canTakeFocus, focusIfLost, focusOn } from '../../form-focus.ts';
import { useText } from '../../use-text.ts';
import { useConsoleText } from '../console-text.ts';
import { withLang } from '../links.ts';
import { failedLoadSentence, isNotStaff } from './refusals.ts';
import { KeptData, type Kept } from './kept.ts';
import type { KeptFrom, Loaded } from './use-load.ts';

/** The line under a failed read saying what the rows kept are (use-load.ts keptFrom). */
const keptLines = { beforeWrite: 'keptBeforeSave', otherChoice: 'keptOtherChoice', beforeWriteOtherChoice: 'keptBeforeSaveOtherChoice' } as const satisfies Record<NonNullable<KeptFrom>, string>;

export function LoadState<T>({ state, children, keptOtherChoice }: {
  state: Loaded<T>;
  children: (data: T) => ComponentChildren;
  keptOtherChoice?: ((data: T) => string) | undefined;
}) {
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
  // A write's reload, nothing failed: the list held, not an editor. Else stale data is held whole.
  const updating = stale && state.status === 'loading' && !retrying && !failedBefore.current;
  const locked = stale && !updating;
  const reason = useId();
  const heldNow: Kept['why'] | null = locked ? 'failed' : updating ? 'updating' : null;
  const held = useRef<Kept | null>(null);
  // What in the data had the focus when it was held, read while drawing it: a load that brings it
  // back gives the focus back there (the field typed in), had it been lost meanwhile (Retry
  // pressed, rows drawn anew), not to the title, which left the reader to find their place again.
  const focusedBefore = useRef<Element | null>(null);
  if (heldNow !== (held.current?.why ?? null)) {
    held.current = heldNow ? { why: heldNow, reason } : null;
    const focused = document.activeElement;
    if (heldNow && focused && focused !== document.body) focusedBefore.current = kept.current?.contains(focused) ? focused : null;
  }
  // Before painting: a dialog open in what is held is cancelled (ConfirmDialog passes over a busy
  // one): what it asks about was read before, and its confirmation is held; an editor's own stays
  // while a save's list is read again, as the editor does.
  useLayoutEffect(() => {
    kept.current?.querySelectorAll('dialog[open]').forEach((dialog) => {
      if (heldNow === 'failed' || (heldNow === 'updating' && !dialog.closest('[data-editor]'))) dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    });
  }, [heldNow]);
  // Drawn only while updating: one on every screen, empty, was a status too many beside the
  // screen's own.
  const sayUpdating = useSaidAfterFrame(updating);
  // A failure puts the focus on Retry only when it was lost (a row drawn anew, an editor closed,
  // Retry's own loading line gone): a reader who went on meanwhile (another status chosen with the
  // arrow keys, each press a read) stays in their choice; the alert is heard as one.
  const focusRetryIfLost = () => {
    const focused = document.activeElement;
    if (focused === null || focused === document.body) retryButton.current?.focus();
  };
  const failedOverKept = stale && state.status === 'error';
  useLayoutEffect(() => {
    if (failedOverKept) focusRetryIfLost();
  }, [failedOverKept]);
  // Once loaded after Retry, or after any reload of held data: the focus back where it was, had it
  // been lost (after Retry, else the screen's title).
  const wasStale = useRef(stale);
  useEffect(() => {
    const back = wasStale.current && state.status === 'ready';
    wasStale.current = stale;
    if (retried && state.status === 'loading') return void (loadingLine.current && focusOn(loadingLine.current));
    if (retried) setRetried(false);
    if (retried && state.status === 'error') return focusRetryIfLost();
    if (back || retried) focusIfLost(() => (canTakeFocus(focusedBefore.current) ? focusedBefore.current : retried ? document.querySelector<HTMLElement>('main h1') : null));
  }, [retried, state.status]);

  const shown = state.status === 'ready' || state.data !== undefined;
  let line: ComponentChildren = null;
  if (state.status === 'ready' || (state.status === 'loading' && shown && !retrying && !(stale && failedBefore.current))) {
    // No line but the one saying the list is updating after a save: the data below keeps its place
    // in the tree, and its editors what they hold.
  } else if (state.status === 'loading') {
    line = (
      <p role="status" aria-busy="true" class="busy" ref={loadingLine} id={reason} key="line">
        {site('loading')}
      </p>
    );
  } else {
    const { error } = state;
    line = (
      <div role="alert" class="notice error-notice" key="line">
        <p>{failedLoadSentence(error, t, locale)}</p>
        {shown && <p id={reason}>{state.keptFrom === 'otherChoice' && keptOtherChoice ? keptOtherChoice(state.data as T) : t(state.keptFrom ? keptLines[state.keptFrom] : 'keptStale')}</p>}
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
        <p role="status" class="busy updating" id={reason} key="updating">
          {sayUpdating && t('updatingList')}
        </p>
      )}
      <div class="load-kept" aria-busy={state.status === 'loading' || undefined} ref={kept} key="kept">
        <KeptData.Provider value={held.current}>{children(state.data as T)}</KeptData.Provider>
      </div>
    </>
  ) : (
    line
  );
}
