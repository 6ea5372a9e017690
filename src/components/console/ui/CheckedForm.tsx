/**
 * A console form. `check` is the errors object of its last check or refusal: given to its fields
 * (FormCheck), so that a field's error shows until the field is edited; and once a check or refusal
 * follows a submit, the keyboard is taken to the first field to correct, else to the form's alert
 * (focusRefusal), as the member and join forms do. Without that a refused form changed nothing
 * where the reader was: the focus stayed on the submit button, far below the field in error on a
 * phone, and a screen reader heard nothing. A check not following a submit (a what-if, a pager)
 * leaves the focus where it is, and so does one arriving once the reader has moved on to a field. Always `noValidate`: the fields' rules are the console's and the
 * server's, said in the reader's language, not the browser's bubbles.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { focusRefusal } from '../../form-focus.ts';
import { FormCheck } from './shown-error.ts';

type FormProps = Omit<JSX.HTMLAttributes<HTMLFormElement>, 'ref' | 'noValidate' | 'onSubmit'>;

export function CheckedForm({ check, onSubmit, children, ...form }: FormProps & {
  check: object | undefined;
  onSubmit: (event: SubmitEvent) => unknown;
  children: ComponentChildren;
}) {
  const element = useRef<HTMLFormElement>(null);
  // What had the focus when the form was sent (its submit button, a field on Enter); null when no submit waits for its check.
  const sentFrom = useRef<Element | null>(null);
  useEffect(() => {
    if (!sentFrom.current) return;
    focusRefusal(element.current, sentFrom.current);
    sentFrom.current = null;
  }, [check]);
  return (
    <form
      {...form}
      ref={element}
      noValidate
      onSubmit={(event) => {
        sentFrom.current = document.activeElement ?? document.body;
        onSubmit(event as unknown as SubmitEvent);
      }}
    >
      <FormCheck.Provider value={check}>{children}</FormCheck.Provider>
    </form>
  );
}
