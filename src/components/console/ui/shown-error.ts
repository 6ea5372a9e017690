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
 * an edited error hidden under the value typed since.
 */
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';

/** The errors object of the form's last check or refusal (any object: only its identity is read). */
export const FormCheck = createContext<object | undefined>(undefined);

/** Whether `error` is still shown: not when it was edited away since the check that gave it. */
export function errorShown(error: string | null | undefined, check: object | undefined, edited: { error: string; check: object | undefined } | null): error is string {
  return Boolean(error) && !(edited !== null && edited.error === error && edited.check === check);
}

export function useShownError(error: string | null | undefined) {
  const check = useContext(FormCheck);
  const [edited, setEdited] = useState<{ error: string; check: object | undefined } | null>(null);
  const shown = errorShown(error, check, edited);
  return {
    error: shown ? error : null,
    onInput: () => {
      if (shown) setEdited({ error, check });
    },
  };
}
