/**
 * A console form. `check` is the errors object of its last check or refusal: given to its fields
 * (FormCheck), so that a field's error shows until the field is edited. And when a submit is
 * refused — by the form's check, or by the server once `onSubmit`'s promise settles — the keyboard
 * is taken to the first field to correct, else to the form's alert (focusRefusal), as the member
 * and join forms do: a refused form otherwise changed nothing where the reader was (the focus on
 * the submit button, far below the field in error on a phone; a screen reader heard nothing). A
 * check clearing the errors before the request is no refusal and does not end the wait for one;
 * a check not following a submit (a what-if, a pager) leaves the focus where it is, and so does
 * one arriving once the reader has moved on to a field. Always `noValidate`: the fields' rules
 * are the console's and the server's, said in the reader's language, not the browser's bubbles.
 *
 * What is typed is unsaved (unsaved.tsx: leaving the page asks first) from the first edit until
 * the form is sent and not refused (a field or the form's alert says why); `onSubmit` answering
 * `false` says nothing was sent (a confirmation still open). A form whose confirmation sends
 * later gives `changed` instead.
 * `changed`, where the form knows better (the tier editor compares its draft with the saved tier,
 * so undoing an edit is no change), replaces that; `onUnsaved` tells the screen what is marked
 * without it (posts: whether New asks before discarding, unsaved.tsx `useDiscardAsk`). `leaveFreely`: what the form holds is no edit to
 * lose (a search, a date range, a sign-in).
 *
 * In data a screen keeps out of date (kept.ts), the form is an editor: held, its submit doing
 * nothing and its buttons unavailable, only once the data's read failed (not while a save's list
 * is read again, when one opened meanwhile stays usable).
 *
 * `escapeCancels`: Escape in an editor or a row's form is its Cancel.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { focusRefusal, refusalIn } from '../../form-focus.ts';
import { editorKept, KeptData, useKept } from './kept.ts';
import { FormCheck } from './shown-error.ts';
import { useUnsaved } from './unsaved.tsx';

type FormProps = Omit<JSX.HTMLAttributes<HTMLFormElement>, 'ref' | 'noValidate' | 'onSubmit'>;

export function CheckedForm({ check, onSubmit, changed, onUnsaved, leaveFreely = false, children, ...form }: FormProps & {
  check: object | undefined;
  onSubmit: (event: SubmitEvent) => unknown;
  changed?: boolean | undefined;
  onUnsaved?: ((unsaved: boolean) => void) | undefined;
  leaveFreely?: boolean | undefined;
  children: ComponentChildren;
}) {
  const element = useRef<HTMLFormElement>(null);
  // What had the focus when the form was sent (its submit button, a field on Enter); null when no submit waits for its answer.
  const sentFrom = useRef<Element | null>(null);
  const sending = useRef(false);
  const unsaved = useUnsaved();
  const kept = editorKept(useKept());
  const typed = (value: boolean) => {
    if (leaveFreely || changed !== undefined) return;
    unsaved(value);
    onUnsaved?.(value);
  };
  useEffect(() => {
    if (!leaveFreely && changed !== undefined) unsaved(changed);
  }, [changed, leaveFreely]);
  /** Once the submit waited for is refused (a field or the form's alert says why): unsaved again, and the keyboard there. */
  const focusRefused = () => {
    if (!sentFrom.current || !refusalIn(element.current)) return;
    typed(true);
    focusRefusal(element.current, sentFrom.current);
    sentFrom.current = null;
  };
  useEffect(focusRefused, [check]);
  return (
    <form
      {...form}
      ref={element}
      noValidate
      onInput={() => typed(true)}
      onChange={() => typed(true)}
      onSubmit={(event) => {
        // One send at a time: a press while one is out (an image still being read before the
        // button is busy) would send the form twice.
        if (sending.current || kept) return event.preventDefault();
        sending.current = true;
        // Marked while sent, for what depends on whether it saves (a New pressed then: ScreenOutcome `again`).
        element.current?.setAttribute('data-sending', '');
        const from = (sentFrom.current = document.activeElement ?? document.body);
        // Settled, and its answer drawn (a store's update re-renders a timer later): a refusal not
        // in `check` (a sign-in's, an upload's) is found then. The form stays unsaved until it is
        // sent and not refused: an answer of `false` says nothing was sent (a confirmation still
        // open, or cancelled). After a save that keeps the form, the keyboard goes back where it
        // was, had saving taken it (a field its fieldset disabled while saving).
        void Promise.resolve(onSubmit(event as unknown as SubmitEvent))
          .then((answer) => answer !== false)
          // A handler that throws sent nothing, as a refusal it did not say: the developer is told.
          .catch((error: unknown) => {
            console.error('The form could not be sent:', error);
            return false;
          })
          .then((sent) =>
            setTimeout(() => {
              sending.current = false;
              element.current?.removeAttribute('data-sending');
              const refused = refusalIn(element.current);
              focusRefused();
              sentFrom.current = null;
              if (!sent || refused) return;
              typed(false);
              if ((document.activeElement === null || document.activeElement === document.body) && from.isConnected) (from as HTMLElement).focus?.();
            }),
          );
      }}
    >
      <KeptData.Provider value={kept}>
        <FormCheck.Provider value={check}>{children}</FormCheck.Provider>
      </KeptData.Provider>
    </form>
  );
}

/** Whether a form at or in `root` is being sent: marked `data-sending` from its submit until its answer. */
export function sending(root: Element | null): boolean {
  return !!root && (root.matches('form[data-sending]') || root.querySelector('form[data-sending]') !== null);
}

/**
 * The key handler of an editor's (or a row's form's) root, its title included: Escape does what
 * its Cancel does, as in the console's dialogs (it did nothing, the keyboard left in the field). Not
 * while Cancel is unavailable (`busy`), nor while a form in it is being sent: Escape waits for the
 * answer. Pressed in a dialog of the editor's own (a review, a confirmation), it is the dialog's.
 */
export function escapeCancels(cancel: () => void, busy: boolean) {
  return (event: JSX.TargetedKeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented || busy || sending(event.currentTarget)) return;
    if (event.target instanceof Element && event.target.closest('dialog')) return;
    event.preventDefault();
    cancel();
  };
}
