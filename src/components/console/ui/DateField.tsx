/**
 * A day typed in a native date control (a Field), with the chosen day written under it in the
 * page's language ("2026年9月8日", "8 sept 2026"), as the control's description: the browser writes
 * the control in its own locale's order (mm/dd/yyyy in a Chinese or Spanish page on an English
 * browser), which left staff to guess what they had chosen.
 *
 * Either controlled (`value` with `onValue`) or left to the form (`name`, `defaultValue`, read
 * with FormData), its written day following what is typed and the form's reset.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { formatCalendar } from '../../../i18n/format.ts';
import { useConsoleText } from '../console-text.ts';
import { Field } from './Field.tsx';

interface DateFieldProps {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren | undefined;
  error?: string | null | undefined;
  name?: string | undefined;
  /** The day as the control holds it (yyyy-mm-dd, '' for none), when the screen keeps it. */
  value?: string | undefined;
  onValue?: ((day: string) => void) | undefined;
  defaultValue?: string | undefined;
}

export function DateField({ id, label, hint, error, name, value, onValue, defaultValue }: DateFieldProps) {
  const { locale } = useConsoleText('staff');
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState(defaultValue ?? '');
  const day = value ?? typed;
  // A form's reset puts the control back to its default without an input event.
  useEffect(() => {
    const form = input.current?.form;
    if (!form || value !== undefined) return;
    const reset = () => setTyped(defaultValue ?? '');
    form.addEventListener('reset', reset);
    return () => form.removeEventListener('reset', reset);
  }, [value, defaultValue]);
  const writtenId = `${id}-day`;
  // The control's value is a whole day or empty (a partly typed one reads as empty).
  const written = /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatCalendar(`${day}T00:00:00Z`, locale) : null;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(aria) => (
        <div class="date-field">
          <input
            {...aria}
            ref={input}
            type="date"
            name={name}
            {...(value === undefined ? { defaultValue } : { value })}
            aria-describedby={[written && writtenId, aria['aria-describedby']].filter(Boolean).join(' ') || undefined}
            onInput={(event) => {
              setTyped(event.currentTarget.value);
              onValue?.(event.currentTarget.value);
            }}
          />
          {written && (
            <p id={writtenId} class="field-hint">
              {written}
            </p>
          )}
        </div>
      )}
    </Field>
  );
}
