/**
 * One section of My membership: its heading, and its data's loading, failed (with retry),
 * empty and ready states, so every section behaves the same way on the page and in the widget.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Resource } from '../../stores/member.ts';
import { focusIfLost, focusOn } from '../form-focus.ts';
import { useSectionText } from '../use-text.ts';
import { loadedLine } from './loaded-line.ts';
import type { MoreRows } from './use-member.ts';

export interface SectionProps<T> {
  id: string;
  /** Text, or parts of it (a store's name marked with its language: interpolateParts). */
  title: ComponentChildren;
  state: Resource<T>;
  retry: () => void;
  /** True when the data has nothing to show; `empty` is said instead. */
  isEmpty?: (data: T) => boolean;
  empty?: string;
  children: (data: T) => ComponentChildren;
  /** Shown above the data whatever its state (e.g. a form that creates the first row). */
  intro?: ComponentChildren;
  /** A list read a page at a time (usePagedResource): its "show more" button, labelled. */
  more?: (MoreRows & { label: string }) | null;
}

/**
 * Where the keyboard goes after a "show more" or "show all" (call the returned function as it is
 * pressed): on the button while it stays; once the last rows are drawn and the button has gone
 * with them, dropping the focus on the body, to the first row it added. `rows`: the list's rows as
 * drawn; `waiting` while the rows asked for are read.
 */
export function useShownRowsFocus(rows: () => HTMLCollection | undefined, waiting: boolean): () => void {
  const shownBefore = useRef<number | null>(null);
  useEffect(() => {
    const before = shownBefore.current;
    if (before === null || waiting) return;
    shownBefore.current = null;
    focusIfLost(() => rows()?.[before] as HTMLElement | undefined);
  });
  return () => {
    shownBefore.current ??= rows()?.length ?? null;
  };
}

/**
 * True until `loading` first ends (answered or failed): the widget frame holds back what follows
 * a section on its first read (_embed.css). A later read (a retry, the lists read anew for
 * another company) keeps them: the buyer has read them, and they vanished and came back.
 */
export function useFirstLoad(loading: boolean): boolean {
  const loaded = useRef(false);
  if (!loading) loaded.current = true;
  return !loaded.current;
}

/**
 * The section's title while its polite line says it has loaded (loaded-line.ts), for a reader who
 * waited for it there; null otherwise.
 */
function useLoadedLine(status: Resource<unknown>['status'], section: { current: HTMLElement | null }): string | null {
  const [line, setLine] = useState<string | null>(null);
  const before = useRef(status);
  useEffect(() => {
    const was = before.current;
    before.current = status;
    const own = section.current;
    const readerIn = own?.contains(document.activeElement) ? (own.querySelector('h2')?.textContent ?? null) : null;
    setLine((said) => loadedLine(said, was, status, readerIn));
  }, [status]);
  return line;
}

/**
 * The rows of the list a section reads a page at a time: its last list (a table's body, a list of
 * cards or rows) that is no row's part; one before it (Points' rewards) is no page.
 */
function pagedRows(section: HTMLElement | null): HTMLCollection | undefined {
  const lists = [...(section?.querySelectorAll('tbody, .card-list, .row-list') ?? [])];
  return lists.filter((list) => !list.parentElement?.closest('tbody, .card-list, .row-list')).at(-1)?.children;
}

export function Section<T>({ id, title, state, retry, isEmpty, empty, children, intro, more }: SectionProps<T>) {
  const { t } = useSectionText('member');
  const own = useRef<HTMLElement>(null);
  const showing = useShownRowsFocus(() => pagedRows(own.current), !!more?.busy || state.status !== 'ready');
  const firstLoad = useFirstLoad(state.status === 'loading');
  const loaded = useLoadedLine(state.status, own);
  return (
    <section ref={own} id={id} class="member-section" aria-labelledby={`${id}-title`} aria-busy={state.status === 'loading'}
      data-first-load={firstLoad || undefined}>
      {/* Focusable: a link to the section gives it the keyboard (the summary's figures in the frame, Summary.tsx; on the page, drawn-sections.ts). */}
      <h2 id={`${id}-title`} tabIndex={-1}>{title}</h2>
      {/* There, polite and silent, from the section's first drawing (a live region drawn with its words
          is seldom read); no status of its own beside the section's "Loading…" and what its forms say. */}
      <p aria-live="polite" class="visually-hidden">{loaded && t('sectionLoaded', { section: loaded })}</p>
      {intro}
      <StateView state={state} retry={retry} loading={t('loading')} failed={t('loadFailed')} retryLabel={t('retry')}>
        {(data) => (isEmpty?.(data) ? <p class="muted">{empty}</p> : children(data))}
      </StateView>
      {more?.failed && state.status === 'ready' && (
        <p role="alert" class="error">
          {t('loadFailed')}
        </p>
      )}
      {more && state.status === 'ready' && (
        <p>
          {/* Stays where it is (focus too) while the next rows load above it. */}
          <button type="button" class="secondary" aria-busy={more.busy}
            onClick={() => {
              showing();
              more.show();
            }}>
            {more.label}
          </button>
        </p>
      )}
    </section>
  );
}

interface StateViewProps<T> {
  state: Resource<T>;
  retry: () => void;
  loading: string;
  failed: string;
  retryLabel: string;
  children: (data: T) => ComponentChildren;
}

type Loaded = { state: Resource<unknown>; retry: () => void };

/**
 * Several requests as one: ready when all are, failed when one failed (retry reloads the
 * failed ones), loading otherwise — so a part of the page appears at once, not piece by piece.
 */
export function combine<Parts extends Record<string, Loaded>>(
  parts: Parts,
): { state: Resource<{ [Key in keyof Parts]: Parts[Key]['state'] extends Resource<infer T> ? T : never }>; retry: () => void } {
  const entries = Object.entries(parts);
  const retry = () => entries.filter(([, part]) => part.state.status === 'failed').forEach(([, part]) => part.retry());
  const failed = entries.find(([, part]) => part.state.status === 'failed');
  if (failed) return { state: failed[1].state as Resource<never>, retry };
  if (entries.some(([, part]) => part.state.status === 'loading')) return { state: { status: 'loading' }, retry };
  const data = Object.fromEntries(entries.map(([key, part]) => [key, (part.state as { data: unknown }).data]));
  return { state: { status: 'ready', data: data as never }, retry };
}

/** Loading, failed-with-retry, or the data. */
export function StateView<T>({ state, retry, loading, failed, retryLabel, children }: StateViewProps<T>) {
  // A status there with its words: reached, it says what the part is doing; drawn with many others
  // as a page loads, none of them is announced.
  if (state.status === 'loading') return <p role="status" class="muted">{loading}</p>;
  if (state.status === 'failed') return <LoadFailed failed={failed} retryLabel={retryLabel} retry={retry} />;
  return <>{children(state.data)}</>;
}

/** The failure on screen said as an alert (LoadFailed), while it is shown. */
let alerting: object | null = null;

/**
 * Whether this failure is the one said as an alert: the first while none other is shown, so
 * sections that fail together (the connection lost, or their code not loaded as a keyboard's first
 * Tab draws them all) say it once, not once each. The others show the same words and Try again,
 * read where they are.
 */
function useTheAlert(): boolean {
  const [own] = useState(() => {
    const claim = {};
    alerting ??= claim;
    return { claim, said: alerting === claim };
  });
  useEffect(() => () => {
    if (alerting === own.claim) alerting = null;
  }, []);
  return own.said;
}

/**
 * A read that failed, said, with the button asking again. Pressed, it gives way to "Loading…":
 * the keyboard goes to the heading of what it loads (its section's, or the page's; the part itself
 * where it has none yet), not the page's body.
 */
export function LoadFailed({ failed, retryLabel, retry }: { failed: string; retryLabel: string; retry: () => void }) {
  const said = useTheAlert();
  return (
    <div role={said ? 'alert' : undefined} class="error-box">
      <p>{failed}</p>
      <button type="button" onClick={(event) => {
        const part = event.currentTarget.closest<HTMLElement>('section, article');
        const heading = part?.querySelector<HTMLElement>('h1, h2, h3') ?? part;
        retry();
        if (heading) focusOn(heading);
      }}>
        {retryLabel}
      </button>
    </div>
  );
}

