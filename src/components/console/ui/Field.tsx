/**
 * A form field: its label, an optional hint and the error text, tied to the control through
 * `aria-describedby` and `aria-invalid`.
 *
 * Props: `id` (the control's id), `label`, `hint?`, `error?` (shown with role="alert" styling
 * under the control), `children(aria)` — render the control and spread `aria` on it:
 *
 *   <Field id="store-name" label={t('storeName')} error={errors.name}>
 *     {(aria) => <input {...aria} name="name" value={name} />}
 *   </Field>
 *
 * `aria` carries `id`, `aria-describedby` (hint and error ids when present) and
 * `aria-invalid`. For a group of checkboxes or radios use `FieldSet` (legend + error). Both
 * drop their error once their control is edited, until the form checks again (useShownError: the
 * form gives its errors object around its fields as `FormCheck`).
 *
 * `announce`: the error is said as it appears (role="alert"), for one that comes of a choice made
 * in the control (files chosen) rather than of a submit, which takes the keyboard to the field.
 *
 * `ofList`: the error speaks of what the form holds (files chosen into a list of its own), not of
 * the control's value, so using the control does not hide it: shown until the list no longer
 * gives it, and, announced, said again only when its words change, not each time the control is
 * used (hidden by the input event and shown by the list's change, it was a new alert each time).
 *
 * `readOnly` (plain staff on a screen only owners change): the label and `shown`, the value as
 * text, in a `ReadOnlyField` instead of the control, its hint (an editor's) and error.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useConsoleText } from '../console-text.ts';
import { useShownError } from './shown-error.ts';

export interface FieldAria {
  id: string;
  'aria-describedby'?: string | undefined;
  'aria-invalid'?: 'true';
}

interface FieldProps {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren | undefined;
  error?: string | null | undefined;
  /**
   * The error as drawn, when a part of it is marked (a store's name in its language): `error` is
   * still its sentence, compared to keep it hidden once edited.
   */
  errorParts?: ComponentChildren;
  children: (aria: FieldAria) => JSX.Element;
  class?: string | undefined;
  announce?: boolean | undefined;
  ofList?: boolean | undefined;
  readOnly?: boolean | undefined;
  /** The value as read when `readOnly`; null, undefined or '' when it is not set. */
  shown?: ComponentChildren;
}

export function Field({ id, label, hint, error: given, errorParts, children, class: className, announce, ofList, readOnly, shown }: FieldProps) {
  const { error, onInput } = useShownError(given);
  if (readOnly) return <ReadOnlyField label={label}>{shown}</ReadOnlyField>;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={['field', className].filter(Boolean).join(' ')} onInput={ofList ? undefined : onInput}>
      <label for={id}>{label}</label>
      <FieldHint id={hintId} hint={hint} />
      {children({ id, 'aria-describedby': describedBy, ...(error ? { 'aria-invalid': 'true' } : {}) })}
      {error && (
        <p id={errorId} class="field-error" role={announce ? 'alert' : undefined}>
          {errorParts ?? error}
        </p>
      )}
    </div>
  );
}

/**
 * A value that can be read and not changed, with its label: a definition list of one term, so a
 * screen reader says both, and nothing in the tab order that does nothing (a disabled control
 * looked editable and was skipped). `children` is the value (a value not set says so), or the
 * `dd`s themselves when `values` (a text's languages, each with its own `lang`).
 */
export function ReadOnlyField({ label, children, values }: { label: ComponentChildren; children?: ComponentChildren; values?: JSX.Element[] | undefined }) {
  const { t } = useConsoleText('staff');
  const unset = children === null || children === undefined || children === '';
  return (
    <dl class="field read-only">
      <dt>{label}</dt>
      {values?.length ? values : <dd>{unset ? <span class="muted">{t('notSet')}</span> : children}</dd>}
    </dl>
  );
}

/** A field's hint under its name, `id` for the controls' `aria-describedby`; nothing without one. */
export function FieldHint({ id, hint }: { id: string | undefined; hint: ComponentChildren }) {
  return hint ? (
    <p id={id} class="field-hint">
      {hint}
    </p>
  ) : null;
}

interface FieldSetProps {
  legend: ComponentChildren;
  hint?: ComponentChildren | undefined;
  error?: string | null | undefined;
  id: string;
  children: ComponentChildren;
}

/** A group of controls (checkboxes, radios) with one legend, a hint and one error. */
export function FieldSet({ legend, hint, error: given, id, children }: FieldSetProps) {
  const { error, onInput } = useShownError(given);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset class="field" id={id} aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined} onInput={onInput}>
      <legend>{legend}</legend>
      <FieldHint id={hintId} hint={hint} />
      {children}
      {error && (
        <p id={errorId} class="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A form-level error (the server's sentence when it names no field), announced when it appears. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" class="error">
      {message}
    </p>
  );
}
