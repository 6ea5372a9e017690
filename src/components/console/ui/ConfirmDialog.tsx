/**
 * Asks before a destructive action, in a modal `<dialog>` (the browser traps focus, Escape
 * cancels, focus returns to the opener when it closes).
 *
 * Props: `open`, `title`, `label?` (the dialog's name as text, for a title drawn in parts that a
 * name read from would say in pieces: an e-mail address, emailAddress), `children` (what will
 * happen, in a sentence), `confirmLabel`
 * (names the action: "Remove Ana"), `cancelLabel`, `busy` (disables both buttons while the
 * action runs), `error` (the action's failure, shown inside the dialog, which stays open: it
 * takes the focus the busy buttons dropped), `onConfirm`,
 * `onCancel`, `returnFocus?` (where the focus goes once it closes, when not back to the opener:
 * what the action opened, or the line saying what it did, focused by script if it is no control). The confirm button is styled as dangerous, or with `tone="primary"` as
 * the page's main action (a check of what is about to be added, before it is: a rebate credit).
 * The initial focus is on the first field to fill in (a reason, a name to type: opened on Cancel,
 * the dialog left the keyboard past what it asks), else on Cancel, so a stray Enter never confirms.
 * In data a screen keeps out of date (kept.ts) the confirm button is held: what it confirms was
 * read before.
 *
 * `check?`, for a dialog whose fields are checked before confirming (a rejection's reason): the
 * errors object of their last check or refusal, as a CheckedForm's, which the dialog then is while
 * open, the confirm button its submit. A refused confirm takes the keyboard to the field to
 * correct, its error its description, as the console's other forms do: the error was drawn and not
 * said, the focus left on the button. `onConfirm` gives the promise of its request, for a refusal
 * of the server's to be found once it settles.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef } from 'preact/hooks';
import { focusOn } from '../../form-focus.ts';
import { CheckedForm } from './CheckedForm.tsx';
import { heldAttributes, useKept } from './kept.ts';

interface ConfirmDialogProps {
  open: boolean;
  /** A string, or parts with a name marked with its language (merchantName). */
  title: ComponentChildren;
  label?: string | undefined;
  children: ComponentChildren;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean | undefined;
  error?: string | null | undefined;
  tone?: 'danger' | 'primary';
  check?: object | undefined;
  onConfirm: () => unknown;
  onCancel: () => void;
  returnFocus?: (() => HTMLElement | null) | undefined;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, label, children, confirmLabel, cancelLabel, busy = false, error, tone = 'danger', check, onConfirm, onCancel, returnFocus } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const alert = useRef<HTMLParagraphElement>(null);
  const kept = useKept();
  const titleId = useId();
  const bodyId = useId();

  // Before the browser paints: a dialog closed by the same update that changed what it says (a
  // pause confirmed, the next question now "Resume…") showed that next question for a frame.
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      (element.querySelector<HTMLElement>('input, select, textarea') ?? cancel.current)?.focus();
    } else if (!open && element.open) {
      element.close();
      const target = returnFocus?.();
      if (target) focusOn(target);
    }
  }, [open]);

  // The buttons, disabled while the action ran, dropped the focus, and the modal keeps it from the
  // page behind: a refusal takes it, to be read with the way on (Cancel, or trying again) a Tab
  // away. Focus the caller put in the dialog (a field to correct) stays.
  useEffect(() => {
    if (open && error && !busy && !dialog.current?.contains(document.activeElement)) alert.current?.focus();
  }, [error, busy]);

  const content = (
    <>
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>{children}</div>
      {error && (
        <p role="alert" class="error" ref={alert} tabIndex={-1}>
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" ref={cancel} disabled={busy} onClick={onCancel}>
          {cancelLabel}
        </button>
        <button
          type={check === undefined ? 'button' : 'submit'}
          class={tone}
          disabled={busy}
          aria-busy={busy}
          {...heldAttributes(kept)}
          onClick={check === undefined ? () => kept || onConfirm() : undefined}
        >
          {confirmLabel}
        </button>
      </div>
    </>
  );

  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby={label ? undefined : titleId}
      aria-label={label}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {check === undefined ? content : open && (
        // Only while open: what is typed is unsaved (a reload asks first) until confirmed or cancelled.
        <CheckedForm
          check={check}
          onSubmit={(event) => {
            event.preventDefault();
            return kept ? false : onConfirm();
          }}
        >
          {content}
        </CheckedForm>
      )}
    </dialog>
  );
}
