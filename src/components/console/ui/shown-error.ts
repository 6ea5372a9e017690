/**
 * A field's error as shown (Field, FieldSet, LocalizedTextField). Once the field is edited the
 * error goes, with its aria-invalid and aria-describedby: it spoke of a value no longer there, and
 * a reader correcting a field should not hear it is still wrong until the form checks it again.
 * The form's own errors are left as they are: its alert (FormError) is about the form, never a
 * field. Input events bubble, so the element holding `onInput` hears every control inside it,
 * however the form renders them.
 *
 * "Checks it again" is the form producing a new errors object (`FormCheck`, given around its
 * fields): each check or refusal, a submit or not (the tier editor's what-if, a pager), shows
 * whatever it says, the same sentence included; a request in flight, which produces none, keeps
 * an edited error hidden under the value typed since. A form without one shows its next error
 * once the field's error went (errorMemory).
 */
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';

/** The errors object of the form's last check or refusal (any object: only its identity is read). */
export const FormCheck = createContext<object | undefined>(undefined);

type Edited = { error: string; check: object | undefined } | null;

/** Whether `error` is still shown: not when it was edited away since the check that gave it. */
export function errorShown(error: string | null | undefined, check: object | undefined, edited: Edited): error is string {
  return Boolean(error) && !(edited !== null && edited.error === error && edited.check === check);
}

/**
 * useShownError's memory, apart from Preact: called at each render with the field's error and the
 * form's check, it says what is shown and how an edit hides it. A render without an error forgets
 * the edit: a form without a FormCheck (a typed name's mismatch, a dialog kept mounted for the next
 * row) clears the error as the field is edited, and its next attempt, the same sentence included,
 * must be shown again.
 */
export function errorMemory() {
  let edited: Edited = null;
  return (error: string | null | undefined, check: object | undefined) => {
    if (!error) edited = null;
    const shown = errorShown(error, check, edited);
    return {
      error: shown ? error : null,
      /** Hides the error as edited; whether it was shown until now. */
      edit: () => {
        if (shown) edited = { error, check };
        return shown;
      },
    };
  };
}

export function useShownError(given: string | null | undefined) {
  const check = useContext(FormCheck);
  const [memory] = useState(errorMemory);
  const [, hidden] = useState(0);
  const { error, edit } = memory(given, check);
  return {
    error,
    onInput: () => {
      if (edit()) hidden((count) => count + 1);
    },
  };
}
