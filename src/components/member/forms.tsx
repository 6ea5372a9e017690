/**
 * Forms of the member sections: values are checked with zod before sending, and errors are
 * shown next to their field — the schema's, or the API's `details` ({field, reason}) — or, when
 * no field matches, as one sentence above the button; both in the member's words (refusals.ts).
 */
import type { ComponentChildren, JSX } from 'preact';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import { countriesFirst } from '../../i18n/countries.ts';
import { formatNumber } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { readTyped } from '../../lib/numbers.ts';
import { MemberApiError } from '../../lib/member-api.ts';
import { BusyButton } from '../BusyButton.tsx';
import { focusRefusal, keepInView, reasonForTheEar, refusalScope } from '../form-focus.ts';
import { useSectionText } from '../use-text.ts';
import { fieldRefusal, formatExample, refusalMessage } from './refusals.ts';

export interface FormErrors {
  fields: Record<string, string>;
  message: string | null;
}

const noErrors: FormErrors = { fields: {}, message: null };

const formatRules = ['fieldEmail', 'fieldWebsite', 'fieldPhone', 'fieldWhatsapp', 'fieldWechat', 'fieldAmount'] as const;
const isFormatRule = (message: string): message is (typeof formatRules)[number] => (formatRules as readonly string[]).includes(message);

/** Submits a form: validates with `schema`, runs `action`, and keeps errors for the fields. */
export function useForm<Schema extends z.ZodMiniType>(schema: Schema, fields: readonly string[]) {
  const { t, locale } = useSectionText('member');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(raw: unknown, action: (values: z.output<Schema>) => Promise<void>): Promise<boolean> {
    const scope = refusalScope();
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        found[field] ??= fieldMessage(issue, (raw as Record<string, unknown> | null)?.[field]);
      }
      setErrors(fieldsRefused(found, scope));
      focusRefusal(scope);
      return false;
    }
    return run(() => action(parsed.data), scope);
  }

  /**
   * Runs the form's submit, or another of its buttons' actions (Load the current details) on the
   * form as typed, unchecked: busy meanwhile; refused, said at its field or as the form's message.
   */
  async function run(action: () => Promise<void>, scope = refusalScope()): Promise<boolean> {
    setBusy(true);
    try {
      await action();
      setErrors(noErrors);
      return true;
    } catch (error) {
      if (error instanceof MemberApiError && error.field && error.reason) {
        // The API names nested fields as `ship_to.city`; the form's field is the last part.
        const field = error.field.split('.').at(-1) ?? error.field;
        if (fields.includes(field)) {
          setErrors(fieldsRefused({ [field]: fieldRefusal(error, t, locale) }, scope));
          focusRefusal(scope);
          return false;
        }
      }
      setErrors({ fields: {}, message: refusalMessage(error, t, locale) });
      focusRefusal(scope);
      return false;
    } finally {
      setBusy(false);
    }
  }

  /**
   * Fields to correct, and the alert that says so. A form of one field needs no note that "the marked fields" need
   * correcting under that field's own reason, which the alert repeats for the ear only (FormMessage) where nothing
   * else reads it (reasonForTheEar).
   */
  function fieldsRefused(found: Record<string, string>, scope: Element | null): FormErrors {
    if (fields.length > 1) return { fields: found, message: t('fieldsToCorrect') };
    const reason = Object.values(found)[0];
    return { fields: found, message: reason === undefined ? null : reasonForTheEar(fields[0]!, reason, scope) };
  }

  /** What is wrong with `value`, in the member's words: the rule it broke, not only that it broke one. */
  function fieldMessage(issue: z.core.$ZodIssue, value: unknown): string {
    // Any rule a field left empty breaks (a phone's 4 characters, a country's two letters) says it is missing.
    if (String(value ?? '').trim() === '') return t('fieldRequired');
    switch (issue.code) {
      case 'too_small':
        if (issue.origin !== 'string') return t('fieldAtLeast', { min: formatNumber(Number(issue.minimum), locale) });
        return Number(issue.minimum) === 1 ? t('fieldRequired') : t('fieldTooShort', { min: formatNumber(Number(issue.minimum), locale) });
      case 'too_big':
        return t(issue.origin === 'string' ? 'fieldTooLong' : 'fieldAtMost', { max: formatNumber(Number(issue.maximum), locale) });
      case 'invalid_type':
        // A field's own rule first: "12.5元左右" in a target price is no amount, not "no whole number".
        if (isFormatRule(issue.message)) return t(issue.message, formatExample(locale));
        return issue.expected === 'int' || issue.expected === 'number' ? t('fieldWholeNumber') : t('fieldInvalid');
      case 'invalid_format':
      case 'custom':
        // A schema's own rule names its message (member-api.ts); zod's e-mail format is the same rule.
        if (issue.code === 'invalid_format' && issue.format === 'email') return t('fieldEmail');
        return isFormatRule(issue.message) ? t(issue.message, formatExample(locale)) : t('fieldInvalid');
      default:
        return t('fieldInvalid');
    }
  }

  return { errors, busy, submit, run, reset: () => setErrors(noErrors) };
}

export { valuesOf as formValues } from '../form-values.ts';

/**
 * A number typed as the page's language writes it ("12,50" and "1.000" in Spanish), for a text
 * field: a number input would read "12,50" as 1250 in Chromium, and "1.000" as one. NaN when it is
 * no number, which the field's rule refuses.
 */
export function optionalTypedNumber(value: string | undefined, locale: Locale): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const read = readTyped(value, locale);
  return read === null ? Number.NaN : Number(read);
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'label'>;

export interface FieldProps extends InputProps {
  /** Unique on the page: ids of the input and its error derive from it. */
  id: string;
  name: string;
  label: string;
  errors: FormErrors;
  multiline?: boolean;
  /** A choice from a list (a `<select>`) instead of typed text. */
  options?: readonly { value: string; label: string }[] | undefined;
  /** Said under the label, and to screen readers with the field. */
  hint?: string | undefined;
}

export function Field({ id, name, label, errors, multiline, options, hint, ...input }: FieldProps) {
  const error = errors.fields[name];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [hint && hintId, error && errorId].filter(Boolean).join(' ') || undefined;
  const shared = { id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': described };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="field-hint">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea {...shared} rows={3} required={input.required} defaultValue={input.defaultValue as string | undefined} maxLength={input.maxLength as number | undefined} />
      ) : options ? (
        <select {...shared} required={input.required} autocomplete={input.autocomplete}>
          {/* Preact has no defaultValue for a select: the first value is the option's `selected`. */}
          {options.map((option) => (
            <option key={option.value} value={option.value} selected={option.value === input.defaultValue}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...input} {...shared} />
      )}
      {error && (
        <p id={errorId} class="error field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The button that opens a form in place (a sample request, an inquiry, a reward's address): how it
 * was pressed says where the keyboard goes in the form (focusOpened), and the form's Cancel takes
 * the keyboard back to it, found by its id once the form is gone — drawn anew where the form had
 * taken its place (a reward's Redeem). `closed` goes with the state change that closes the form.
 */
export function useOpener() {
  const pressed = useRef<{ id: string; byKeyboard: boolean; back: boolean } | null>(null);
  useLayoutEffect(() => {
    const button = pressed.current;
    if (!button?.back) return;
    button.back = false;
    document.getElementById(button.id)?.focus();
  });
  return {
    opened: (event: MouseEvent) => {
      pressed.current = { id: (event.currentTarget as HTMLElement).id, byKeyboard: event.detail === 0, back: false };
    },
    byKeyboard: () => pressed.current?.byKeyboard ?? false,
    closed: () => {
      if (pressed.current) pressed.current.back = true;
    },
  };
}

/**
 * Escape cancels what is open (a question, a form with its Cancel) and goes no further: in the
 * widget's frame, left to the document, it closes the whole panel, by the frame's key handler or as
 * a close request to its CloseWatcher, which a keydown whose default is prevented does not make.
 * While `busy`, Escape is still kept from the panel, and what is under way settles first.
 */
export function escapeCancels(cancel: () => void, busy: boolean) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    if (!busy) cancel();
  };
}

/** An opened form's buttons: its own, and Cancel, which closes it (useOpener); give its form escapeCancels. */
export function FormButtons({ label, busy, onCancel }: { label: string; busy: boolean; onCancel: () => void }) {
  const { t } = useSectionText('member');
  return (
    <div class="actions">
      <BusyButton type="submit" busy={busy}>
        {label}
      </BusyButton>
      <button type="button" class="secondary" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}

/** The form-level error (a refusal no field matches); a field's own reason, shown beside it, only for the ear. */
export function FormMessage({ errors }: { errors: FormErrors }) {
  const beside = errors.message !== null && Object.values(errors.fields).includes(errors.message);
  return errors.message ? (
    <p role="alert" class={beside ? 'visually-hidden' : 'error'}>
      {errors.message}
    </p>
  ) : null;
}

/**
 * A two-step button: the first press asks, the second (within the same view) does it, and the
 * question closes once it is done: left open, a second press did it again (a reward redeemed
 * twice). With `look` 'danger', the console's pattern: the asking button outlined in red and the
 * one that does it filled. Asked, the keyboard goes to the question, not to the button that does
 * it (a stray Enter then does nothing), and Escape cancels, as the console's dialog does.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  question,
  cancelLabel,
  busy,
  onConfirm,
  look,
}: {
  /** The button's text, which also names the question's group (a store's name in it keeps its lang). */
  label: ComponentChildren;
  confirmLabel: string;
  question: ComponentChildren;
  cancelLabel: string;
  busy: boolean;
  /** What the second press does; the question stays (its buttons unavailable) until it settles. */
  onConfirm: () => Promise<void>;
  /** Besides the page's main action: `secondary`; one that destroys: `danger` (a red outline). */
  look?: 'secondary' | 'danger';
}) {
  const [asking, setAsking] = useState(false);
  const [doing, setDoing] = useState(false);
  const labelId = useId();
  // Closing the question takes the keyboard back to the button that asked, not to the top of the page;
  // at once (a layout effect), so the section's focusIfLost a frame later finds the focus placed.
  const opener = useRef<HTMLButtonElement>(null);
  const asked = useRef<HTMLParagraphElement>(null);
  const group = useRef<HTMLDivElement>(null);
  const closed = useRef(false);
  // The question and its buttons in view, whole, and kept there while sections above still draw
  // (leaving, at My membership's foot, was pushed out of sight under the keyboard's focus).
  useLayoutEffect(() => {
    if (asking && group.current && asked.current) keepInView(group.current, asked.current, 'nearest');
    else if (closed.current) {
      closed.current = false;
      opener.current?.focus();
    }
  }, [asking]);
  const close = () => {
    closed.current = true;
    setAsking(false);
  };
  const confirm = async () => {
    setDoing(true);
    try {
      await onConfirm();
    } finally {
      setDoing(false);
      close();
    }
  };
  if (!asking) {
    return (
      <button ref={opener} type="button" class={look === 'danger' ? 'danger-outline' : look} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div ref={group} class="confirm" role="group" aria-labelledby={labelId} onKeyDown={escapeCancels(close, doing)}>
      {/* Named by the label as the button showed it, elements and all: an attribute would hold text alone. */}
      <span id={labelId} hidden>
        {label}
      </span>
      <p ref={asked} tabIndex={-1}>{question}</p>
      <BusyButton type="button" class={look === 'danger' ? 'danger' : undefined} busy={busy || doing} onClick={() => void confirm()}>
        {confirmLabel}
      </BusyButton>{' '}
      <BusyButton type="button" class="secondary" busy={doing} onClick={close}>
        {cancelLabel}
      </BusyButton>
    </div>
  );
}

/**
 * The country list by name in the reader's language, for a `Field`'s options; none chosen first,
 * then the countries the browser's languages name, as the join card's list (中国 sorts last in Chinese).
 */
export function useCountryChoices(): { value: string; label: string }[] {
  const { t, locale } = useSectionText('member');
  return useMemo(() => [{ value: '', label: t('chooseCountry') }, ...countriesFirst(locale, navigator.languages ?? []).map(({ code, name }) => ({ value: code, label: name }))], [locale]);
}
