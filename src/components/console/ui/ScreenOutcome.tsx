/**
 * A console screen's line saying what its last action did, under its title. An action that
 * closes or replaces the form it was sent from (an editor saved or cancelled, an invitation
 * created, a file imported) takes the focused control away: the keyboard fell to the page's body
 * and a screen-reader user, having heard the line once, no longer knew where they were. `closed`
 * takes the focus, if it was lost, to the line, or to the screen's title when nothing was said (a
 * cancel).
 *
 * `listedBy`: what the screen's list is read for (its filter, status, page): the line goes when they
 * change, the list read again for another reason than the one it spoke of ("Marked as shipped" under
 * a list of rejected claims read it as the outcome of the filter).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useStore } from '@nanostores/preact';
import { sentenceGap } from '../../../i18n/format.ts';
import { $locale } from '../../../stores/locale.ts';
import { focusIfLost } from '../../form-focus.ts';

/**
 * A way back to what the action moved out of the list shown (an inquiry answered leaves the open
 * ones): a button at the end of the line, reached by Tab from the line that took the focus.
 */
export interface OutcomeAction {
  label: string;
  run: () => void;
}

export interface ScreenOutcome {
  /** A sentence, or its parts (an e-mail address kept whole but at its "@", emailAddress). */
  text: ComponentChildren;
  action: OutcomeAction | null;
  /** How many times something was said: the same words said again are drawn anew, and heard again. */
  said: number;
  line: { current: HTMLParagraphElement | null };
  /** Says `message`, or clears the line (null), leaving the focus where it is. */
  say: (message: ComponentChildren, action?: OutcomeAction) => void;
  /** Says `message` (null: nothing to say) once the form that had the focus is gone. */
  closed: (message: ComponentChildren, action?: OutcomeAction) => void;
}

export function useScreenOutcome(listedBy: readonly unknown[] = []): ScreenOutcome {
  const [{ text, action, said }, setOutcome] = useState<{ text: ComponentChildren; action: OutcomeAction | null; said: number }>({ text: null, action: null, said: 0 });
  const line = useRef<HTMLParagraphElement>(null);
  const drawn = useRef(false);
  useEffect(() => {
    if (drawn.current) setOutcome((before) => (before.text === null ? before : { text: null, action: null, said: before.said }));
    drawn.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, listedBy);
  function say(message: ComponentChildren, then?: OutcomeAction) {
    setOutcome((before) => ({ text: message, action: message ? (then ?? null) : null, said: before.said + 1 }));
  }
  function closed(message: ComponentChildren, then?: OutcomeAction) {
    say(message, then);
    focusIfLost(() => (message ? line.current : document.querySelector<HTMLElement>('main h1')));
  }
  return { text, action, said, line, say, closed };
}

/**
 * How a screen's editor of list rows closes: `closer(which)` is the editor `which`'s close, given
 * the message of what it saved (null: cancelled). A save closes it and is said as soon as the write
 * succeeded; `reloadAfterWrite` then reads the list again, whose writes stay held (LoadState,
 * kept.ts) until it holds what was saved: an Edit clicked in between would open the row from before the save, whose
 * next save put the old values back. Its failure is LoadState's to say. Waiting for the reload kept
 * the editor saving for as long as it took: 7 s when the network cut the read off (supabase-js
 * tries it again), 30 s when it stalled. Only the editor still shown closes (`shown`, compared by
 * key); one opened meanwhile stays, and the save is said without taking its focus. `leaving` runs
 * first when the closing editor is the one shown (its unsaved guard let go).
 *
 * `again(which, open)`: a New button's, pressed while its new editor is already shown. While that
 * one saves, it stays, and once saved and the list reloaded, `open` opens a fresh one, the save said
 * beside it: pressed while a new coupon saved, New did nothing, then the editor closed, and the
 * second coupon asked for never came. A reload that failed opens none: the list kept is out of date,
 * its writes held, and its alert says so. Not yet saving, the editor shown is the new one asked for
 * (the screen takes the focus to it): queued then, a fresh editor came unasked after its save.
 * Whether it is saving is that editor's own: its root element names its key (`data-editor`), and
 * another editor of the page being sent queues nothing here.
 */
export function useEditorCloser<K>(shown: K, close: () => void, outcome: ScreenOutcome, reloadAfterWrite: () => Promise<boolean>, leaving?: () => void) {
  const current = useRef(shown);
  current.current = shown;
  const asked = useRef<{ which: K; open: () => void } | null>(null);
  // Another editor opened (or this one cancelled) forgets the ask.
  if (asked.current && asked.current.which !== shown) asked.current = null;
  const closer = (which: K) => async (message: string | null) => {
    const reloaded = message ? reloadAfterWrite() : null;
    if (current.current !== which) return outcome.say(message);
    leaving?.();
    const open = asked.current?.which === which ? asked.current.open : null;
    asked.current = null;
    close();
    outcome.closed(message);
    // Opened once the list holds the save, the saved editor long gone (in the render that closed it,
    // a fresh one of the same key would have kept its state), and nothing else opened meanwhile:
    // the fresh editor takes the focus, and the save is said beside it (`open` clears the line).
    if (open && reloaded && (await reloaded) && current.current === null) {
      open();
      outcome.say(message);
    }
  };
  const again = (which: K, open: () => void) => {
    // That editor's form being sent, not another's on the page (each editor's root names its key).
    const editor = current.current === which ? document.querySelector(`[data-editor="${CSS.escape(String(which))}"]`) : null;
    if (editor?.matches('form[data-sending]') || editor?.querySelector('form[data-sending]')) asked.current = { which, open };
  };
  return { closer, again };
}

/**
 * On the screen from the start, empty until something is said (console.css takes its margins
 * then): a live region inserted with its words already in it, as this line was, is not announced
 * by every screen reader, and an outcome said without moving the focus (a role changed) went unheard.
 */
export function ScreenOutcomeLine({ outcome }: { outcome: ScreenOutcome }) {
  const locale = useStore($locale);
  const { text, action, said } = outcome;
  return (
    <p role="status" class="success outcome" ref={outcome.line}>
      {text && (
        <span key={said}>
          {text}
          {action && (
            <>
              {sentenceGap(locale)}
              <button type="button" class="link-button" onClick={action.run}>{action.label}</button>
            </>
          )}
        </span>
      )}
    </p>
  );
}
