/**
 * A console screen's line saying what its last action did, under its title. An action that
 * closes or replaces the form it was sent from (an editor saved or cancelled, an invitation
 * created, a file imported) takes the focused control away: the keyboard fell to the page's body
 * and a screen-reader user, having heard the line once, no longer knew where they were. `closed`
 * takes the focus, if it was lost, to the line, or to the screen's title when nothing was said (a
 * cancel).
 */
import { useRef, useState } from 'preact/hooks';
import { focusIfLost } from '../../form-focus.ts';

export interface ScreenOutcome {
  text: string | null;
  /** How many times something was said: the same words said again are drawn anew, and heard again. */
  said: number;
  line: { current: HTMLParagraphElement | null };
  /** Says `message`, or clears the line (null), leaving the focus where it is. */
  say: (message: string | null) => void;
  /** Says `message` (null: nothing to say) once the form that had the focus is gone. */
  closed: (message: string | null) => void;
}

export function useScreenOutcome(): ScreenOutcome {
  const [{ text, said }, setOutcome] = useState<{ text: string | null; said: number }>({ text: null, said: 0 });
  const line = useRef<HTMLParagraphElement>(null);
  function say(message: string | null) {
    setOutcome((before) => ({ text: message, said: before.said + 1 }));
  }
  function closed(message: string | null) {
    say(message);
    focusIfLost(() => (message ? line.current : document.querySelector<HTMLElement>('main h1')));
  }
  return { text, said, line, say, closed };
}

/**
 * On the screen from the start, empty until something is said (console.css takes its margins
 * then): a live region inserted with its words already in it, as this line was, is not announced
 * by every screen reader, and an outcome said without moving the focus (a role changed) went unheard.
 */
export function ScreenOutcomeLine({ outcome }: { outcome: ScreenOutcome }) {
  return (
    <p role="status" class="success outcome" ref={outcome.line}>
      {outcome.text && <span key={outcome.said}>{outcome.text}</span>}
    </p>
  );
}
