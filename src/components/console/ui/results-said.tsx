/**
 * Says what a list's filters found once they are applied: a search sent, a status chosen, Clear.
 * `ask(focus)` is called as they are applied; once the rows asked for have come (or failed), not at
 * once on the previous ones still shown, the results are said. With `focus` (a search sent on a
 * phone, where the filters pushed the list below the fold) they take the keyboard, read out there;
 * without (wider, or a select, whose keyboard stays on it), the polite line `line(id)` says them,
 * keyed by the try: the same count after another search is said again. A failure is its own alert.
 * `results` goes on the box the list's LoadState is drawn in.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Loaded } from './use-load.ts';

export function useResultsSaid(state: Loaded<unknown>) {
  const results = useRef<HTMLDivElement>(null);
  const askedFor = useRef<{ shown: unknown; focus: boolean } | null>(null);
  const [announced, setAnnounced] = useState<{ text: string; try: number } | null>(null);
  useEffect(() => {
    const asked = askedFor.current;
    if (!asked || state.status === 'loading' || (state.status === 'ready' && state.data === asked.shown)) return;
    askedFor.current = null;
    // What was found, named: the table's caption with its count, the empty result saying which
    // filters found nothing, or the failure (the whole results' box read out as one, unnamed),
    // first when there is one: the table a failure keeps is the one from before.
    const answers = state.status === 'error' ? ['.notice', '.table-caption', '.empty'] : ['.table-caption', '.empty', '.notice'];
    const said = answers.map((answer) => results.current?.querySelector<HTMLElement>(answer)).find(Boolean);
    if (!said) return;
    if (!asked.focus) {
      if (state.status === 'ready') setAnnounced((before) => ({ text: said.textContent ?? '', try: (before?.try ?? 0) + 1 }));
      return;
    }
    setAnnounced(null);
    said.tabIndex = -1;
    said.focus();
  }, [state]);
  return {
    results,
    ask: (focus: boolean) => {
      askedFor.current = { shown: state.data, focus };
    },
    // There, polite and silent, before anything is asked: a live region drawn with its first words is seldom read.
    line: (id: string) => <p id={id} class="visually-hidden" role="status">{announced && <span key={announced.try}>{announced.text}</span>}</p>,
  };
}
