/**
 * The box in a ConfirmDialog where an owner types a name to confirm what cannot be undone (erasing
 * a company, deleting a store), as GitHub and Polaris confirm it: a button alone is pressed out of
 * habit. The hint names what to type; once a typed name does not match, the error says it instead
 * (one line of the two, so the dialog fits a phone) until the box is edited.
 */
import type { Ref } from 'preact';
import { Field } from './Field.tsx';

/**
 * The name as typed matches `name` letter for letter, spaces around it and Unicode forms aside,
 * and the direction isolates the hint wraps the name in, which a copy of it carries along (the
 * server compares the same way: delete_store).
 */
export const sameName = (typed: string, name: string) => {
  const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '').normalize('NFC').trim();
  return plain(typed) === plain(name);
};

interface TypedNameFieldProps {
  id: string;
  label: string;
  hint: string;
  /** The error shown while `mismatch`. */
  mismatchText: string;
  mismatch: boolean;
  value: string;
  onInput: (value: string) => void;
  inputRef: Ref<HTMLInputElement>;
}

export function TypedNameField({ id, label, hint, mismatchText, mismatch, value, onInput, inputRef }: TypedNameFieldProps) {
  return (
    <Field id={id} label={label} hint={mismatch ? null : hint} error={mismatch ? mismatchText : null}>
      {(aria) => (
        <input
          {...aria}
          ref={inputRef}
          autocomplete="off"
          spellcheck={false}
          value={value}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}
