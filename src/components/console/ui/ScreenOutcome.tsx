/**
 * A console screen's line saying what its last action did, under its title. An action that
 * closes or replaces the form it was sent from (an editor saved or cancelled, an invitation
 * created, a file imported) takes the focused control away: the keyboard fell to the page's body
 * and a screen-reader user, having heard the line once, no longer knew where they were. `closed`
 * takes the focus, if it was lost, back to the control that opened the form where there was one and
 * it is still in the page, else to the line, or to the screen's title when nothing was said (a
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
import { canTakeFocus, focusIfLost } from '../../form-focus.ts';
import { sending } from './CheckedForm.tsx';

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
  /**
   * Says `message` (null: nothing to say) once the form that had the focus is gone. `back.opener`:
   * the control that opened the form, which takes the focus while it is in the page (WAI-ARIA's
   * disclosure and dialog patterns: the reader is back at the row they were working on, not at the
   * top of the page to travel back to it). `back.drawn`: the list read again after the save, drawn
   * anew once it settles, which takes the focus from the opener (the saved row's button moved by the
   * sort; gone with its row, filtered out): it goes back there, or to the line, unless the reader
   * went on meanwhile.
   */
  closed: (message: ComponentChildren, action?: OutcomeAction, back?: { opener: Element | null; drawn: Promise<unknown> | null }) => void;
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
  function closed(message: ComponentChildren, then?: OutcomeAction, back?: { opener: Element | null; drawn: Promise<unknown> | null }) {
    say(message, then);
    const opener = back?.opener ?? null;
    const target = () => (canTakeFocus(opener) ? opener : message ? line.current : document.querySelector<HTMLElement>('main h1'));
    focusIfLost(target);
    if (!opener || !back?.drawn) return;
    // What took the focus last: the focus lost from the opener (no focusin), or the reader gone on.
    let last: EventTarget | null = null;
    const note = (event: FocusEvent) => {
      last = event.target;
    };
    document.addEventListener('focusin', note, true);
    void back.drawn.then(() => {
      document.removeEventListener('focusin', note, true);
      if (last === opener) focusIfLost(target);
    });
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
 *
 * Closed, the editor gives the keyboard back to the control that opened it (ScreenOutcome `closed`):
 * the one last pressed or focused outside the page's editors and dialogs when it opened (a row's
 * Edit, the row itself, New), not the discard question's button that let it replace another. A
 * close that `removed` the row (a tier removed) has none: the line saying so takes the keyboard, not
 * the row's button on its way out.
 */
export function useEditorCloser<K>(shown: K, close: () => void, outcome: ScreenOutcome, reloadAfterWrite: () => Promise<boolean>, leaving?: () => void) {
  const current = useRef(shown);
  current.current = shown;
  const pressed = useLastPressed();
  // Noted in the render that shows the editor: what was pressed to open it.
  const opened = useRef<{ which: K; by: Element | null }>({ which: shown, by: null });
  if (opened.current.which !== shown) opened.current = { which: shown, by: shown === null ? null : pressed.current };
  const asked = useRef<{ which: K; open: () => void } | null>(null);
  // Another editor opened (or this one cancelled) forgets the ask.
  if (asked.current && asked.current.which !== shown) asked.current = null;
  const closer = (which: K) => async (message: string | null, removed = false) => {
    const reloaded = message ? reloadAfterWrite() : null;
    if (current.current !== which) return outcome.say(message);
    leaving?.();
    const open = asked.current?.which === which ? asked.current.open : null;
    asked.current = null;
    const opener = removed ? null : opened.current.by;
    close();
    outcome.closed(message, undefined, { opener, drawn: reloaded });
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
    if (current.current === which && sending(document.querySelector(`[data-editor="${CSS.escape(String(which))}"]`))) asked.current = { which, open };
  };
  return { closer, again };
}

/**
 * The control last pressed or focused outside the page's editors (`data-editor`) and dialogs. A
 * press counts too: Safari focuses no button a mouse clicks.
 */
function useLastPressed(): { current: Element | null } {
  const last = useRef<Element | null>(null);
  useEffect(() => {
    const note = (event: Event) => {
      const control = event.target instanceof Element ? event.target.closest('button, a[href], input, select, textarea, [tabindex]') : null;
      if (control && !control.closest('dialog, [data-editor]')) last.current = control;
    };
    document.addEventListener('focusin', note, true);
    document.addEventListener('pointerdown', note, true);
    return () => {
      document.removeEventListener('focusin', note, true);
      document.removeEventListener('pointerdown', note, true);
    };
  }, []);
  return last;
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
