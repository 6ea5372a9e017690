/**
 * A day, or with `time` a day and time, typed in a native control (a Field), with what was chosen
 * written under it in the page's language ("2026年9月8日", "8 sept 2026", "Dec 6, 2026, 11:07 PM
 * GMT+8"), as the control's description: the browser writes the control in its own locale's order
 * and clock (mm/dd/yyyy hh:mm AM/PM in a Chinese or Spanish page on an English browser), which left
 * staff to guess what they had chosen. A time is the staff member's clock, named by its offset as
 * the console's tables name it (formatDate), at the chosen day's own offset (summer time); an hour
 * the clock skips is written as the instant it is saved as.
 *
 * Either controlled (`value` with `onValue`) or left to the form (`name`, `defaultValue`, read
 * with FormData), its written day following what is typed and the form's reset.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { formatCalendar, formatDate } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { useConsoleText } from '../console-text.ts';
import { Field } from './Field.tsx';

interface DateFieldProps {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren | undefined;
  error?: string | null | undefined;
  name?: string | undefined;
  /** The day as the control holds it (yyyy-mm-dd, or yyyy-mm-ddThh:mm with `time`; '' for none), when the screen keeps it. */
  value?: string | undefined;
  onValue?: ((day: string) => void) | undefined;
  defaultValue?: string | undefined;
  /** A day and time on the staff member's clock (a `datetime-local` control). */
  time?: boolean | undefined;
  class?: string | undefined;
  /** The error is said as it appears (Field's `announce`): one checked as the day is typed. */
  announce?: boolean | undefined;
}

/**
 * What the control holds as the page writes it, or null: the value is whole or empty (a partly
 * typed one reads as empty). A day is a calendar day (UTC, as formatCalendar counts them); a
 * day and time, without a zone, is read on the browser's clock, as the screens save it.
 */
function written(value: string, time: boolean, locale: Locale): string | null {
  if (!time) return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatCalendar(`${value}T00:00:00Z`, locale) : null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : formatDate(at.toISOString(), locale, true);
}

export function DateField({ id, label, hint, error, name, value, onValue, defaultValue, time = false, class: className, announce }: DateFieldProps) {
  const { locale } = useConsoleText('staff');
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState(defaultValue ?? '');
  const chosen = value ?? typed;
  // A form's reset puts the control back to its default without an input event.
  useEffect(() => {
    const form = input.current?.form;
    if (!form || value !== undefined) return;
    const reset = () => setTyped(defaultValue ?? '');
    form.addEventListener('reset', reset);
    return () => form.removeEventListener('reset', reset);
  }, [value, defaultValue]);
  const writtenId = `${id}-written`;
  const text = written(chosen, time, locale);
  return (
    <Field id={id} class={className} label={label} hint={hint} error={error} announce={announce}>
      {(aria) => (
        <div class="date-field">
          <input
            {...aria}
            ref={input}
            type={time ? 'datetime-local' : 'date'}
            name={name}
            {...(value === undefined ? { defaultValue } : { value })}
            aria-describedby={[text && writtenId, aria['aria-describedby']].filter(Boolean).join(' ') || undefined}
            onInput={(event) => {
              setTyped(event.currentTarget.value);
              onValue?.(event.currentTarget.value);
            }}
          />
          {text && (
            <p id={writtenId} class="field-hint">
              {text}
            </p>
          )}
        </div>
      )}
    </Field>
  );
}
