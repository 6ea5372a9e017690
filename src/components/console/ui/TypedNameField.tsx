/**
 * The box in a ConfirmDialog where an owner types a name to confirm what cannot be undone (erasing
 * a company, deleting a store), as GitHub and Polaris confirm it: a button alone is pressed out of
 * habit. The hint names what to type; once a typed name does not match, the error says it instead
 * (one line of the two, so the dialog fits a phone) until the box is edited.
 */
import type { ComponentChildren, Ref } from 'preact';
import { Field } from './Field.tsx';

/**
 * The spaces a typed name loses around it, written out as the server's private.typed_name lists
 * them (JavaScript's trim() set, a no-break space copied from a page included): a set left to
 * each side's idea of a space let a name pass here that the server refused.
 */
const spaces = '\\u0009-\\u000d\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const around = new RegExp(`^[${spaces}]+|[${spaces}]+$`, 'g');

/**
 * The name as typed matches `name` letter for letter, those spaces around it and Unicode forms
 * aside, and the direction isolates the hint wraps the name in, which a copy of it carries along
 * (the server compares the same way: private.typed_name).
 */
export const sameName = (typed: string, name: string) => {
  const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '').replace(around, '').normalize('NFC');
  return plain(typed) === plain(name);
};

interface TypedNameFieldProps {
  id: string;
  label: string;
  hint: ComponentChildren;
  /** The error shown while `mismatch`, and its parts as drawn when the name in it is marked. */
  mismatchText: string;
  mismatchParts?: ComponentChildren;
  mismatch: boolean;
  value: string;
  onInput: (value: string) => void;
  inputRef: Ref<HTMLInputElement>;
}

export function TypedNameField({ id, label, hint, mismatchText, mismatchParts, mismatch, value, onInput, inputRef }: TypedNameFieldProps) {
  return (
    <Field id={id} label={label} hint={mismatch ? null : hint} error={mismatch ? mismatchText : null} errorParts={mismatchParts}>
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
