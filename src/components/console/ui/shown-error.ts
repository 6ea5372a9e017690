/**
 * A field's error as shown (Field, FieldSet, LocalizedTextField). Once the field is edited the
 * error goes, with its aria-invalid and aria-describedby: it spoke of a value no longer there, and
 * a reader correcting a field should not hear it is still wrong until the form checks it again.
 * The form's own errors are left as they are: its alert (FormError) is about the form, never a
 * field. The next submit of the field's form, or another error for it, shows whatever the form
 * then says. Input events bubble, so the element holding `ref` and `onInput` hears every control
 * inside it, however the form renders them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export function useShownError<E extends HTMLElement>(error: string | null | undefined) {
  // The error the reader has edited away since it was given.
  const [edited, setEdited] = useState<string | null>(null);
  const ref = useRef<E>(null);
  useEffect(() => {
    const form = ref.current?.closest('form');
    const again = () => setEdited(null);
    form?.addEventListener('submit', again);
    return () => form?.removeEventListener('submit', again);
  }, []);
  useEffect(() => {
    if (!error) setEdited(null);
  }, [error]);
  return {
    error: error && error !== edited ? error : null,
    ref,
    onInput: () => {
      if (error) setEdited(error);
    },
  };
}
