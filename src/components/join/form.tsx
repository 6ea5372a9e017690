/**
 * Form plumbing of the join and sign-in forms: values checked with a zod schema whose messages
 * are keys of the `join` catalogue, errors shown next to their field (the schema's, or the API's
 * `details.field`) in the reader's language, and any other refusal (rate limit, session ended)
 * above the button as the member pages say it (member/refusals.ts): never the server's English.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { CountedAlert, useCounted } from '../counted-alert.tsx';
import type { z } from 'zod';
import { isolate, sentenceGap } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { MemberApiError } from '../../lib/member-api.ts';
import { focusRefusal, reasonForTheEar, refusalScope } from '../form-focus.ts';
import { fieldRefusal, refusalMessage, type MemberText } from '../member/refusals.ts';
import { useSectionText, type sectionTranslator } from '../use-text.ts';

type JoinText = ReturnType<typeof sectionTranslator<'join'>>;
type JoinKey = Parameters<JoinText>[0];

export interface FormState {
  /** Field name → message shown next to it. */
  fields: Record<string, string>;
  message: string | null;
  /** Refusals shown since the form last went through: each is a new alert (FormAlert). */
  refusals: number;
}

/** A refusal as the form shows it, before it is counted. */
type Refusal = Omit<FormState, 'refusals'>;

const clear: FormState = { fields: {}, message: null, refusals: 0 };

/** The form's own wording for a field the API refused, where it has one; else the member pages' rule for it. */
const apiFieldMessages: Record<string, JoinKey> = {
  email: 'errorEmail',
  phone: 'errorPhone',
  whatsapp: 'errorWhatsapp',
  wechat: 'errorWechat',
  website: 'errorWebsite',
  country: 'errorCountry',
  code: 'errorCodeWrong',
};

/**
 * Fields to correct, and the alert that says so: for several, that the marked fields need
 * correcting; one field's own reason only where nothing else reads it (reasonForTheEar: Enter in
 * the code field, say).
 */
function fieldsRefusal(fields: Record<string, string>, t: JoinText, scope: Element | null): Refusal {
  const refused = Object.entries(fields);
  if (refused.length !== 1) return { fields, message: t('errorSummary') };
  const [name, reason] = refused[0]!;
  return { fields, message: reasonForTheEar(name, reason, scope) };
}

/**
 * A refusal as the form shows it: beside its field when the form has that field, else above the
 * button. `scope`: the part of the page the form was sent from (refusalScope).
 */
export function refusalState(error: unknown, fields: readonly string[], t: JoinText, member: MemberText, locale: Locale, scope: Element | null): Refusal {
  if (error instanceof MemberApiError && error.field && fields.includes(error.field)) {
    const key = apiFieldMessages[error.field];
    return fieldsRefusal({ [error.field]: key ? t(key) : fieldRefusal(error, member, locale) }, t, scope);
  }
  return { fields: {}, message: refusalMessage(error, member, locale) };
}

export function useJoinForm<Schema extends z.ZodType>(schema: Schema, fields: readonly string[]) {
  const { t, locale } = useSectionText('join');
  const member = useSectionText('member').t;
  const [refused, refuse] = useCounted<Refusal>();
  const state: FormState = refused ? { ...refused.said, refusals: refused.count } : clear;
  const [busy, setBusy] = useState(false);

  /** Parses `raw`; on failure shows every field's first problem and returns null. */
  function check(raw: unknown): z.output<Schema> | null {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const found: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      // A length rule says its limit (the card's fields have no maxlength that would cut a paste short).
      found[field] ??= t(issue.message as JoinKey, issue.code === 'too_big' ? { max: String(issue.maximum) } : undefined);
    }
    const scope = refusalScope();
    refuse(fieldsRefusal(found, t, scope));
    focusRefusal(scope);
    return null;
  }

  /** Runs `action`, putting a refusal next to its field or, failing that, above the button. */
  async function run(action: () => Promise<void>): Promise<boolean> {
    const scope = refusalScope();
    setBusy(true);
    try {
      await action();
      refuse(null);
      return true;
    } catch (error) {
      refuse(refusal(error, scope));
      return false;
    } finally {
      setBusy(false);
    }
  }

  function refusal(error: unknown, scope: Element | null): Refusal {
    focusRefusal(scope);
    return refusalState(error, fields, t, member, locale, scope);
  }

  return { state, busy, check, run, show: (error: unknown) => refuse(refusal(error, refusalScope())), reset: () => refuse(null) };
}

interface FieldShell {
  id: string;
  /** Text, or a sentence with an e-mail address in it (emailAddress), whose input then names itself with aria-label. */
  label: ComponentChildren;
  state: FormState;
  name: string;
  hint?: string | undefined;
  optionalLabel?: string | undefined;
  /** The id of a hint several fields share (the join form's "at least one of phone, WhatsApp or WeChat"). */
  describedBy?: string | undefined;
}

function describedBy(id: string, error: string | undefined, hint: string | undefined, shared?: string): string | undefined {
  return [shared ?? '', hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/**
 * A field's label, hint and refusal around its control; for radios (`radios`), a fieldset its
 * legend names, described as a whole by the hint and refusal.
 */
function Shell({ id, label, state, name, hint, optionalLabel, radios, children }: FieldShell & { radios?: boolean; children: ComponentChildren }) {
  const { locale } = useSectionText('join');
  const error = state.fields[name];
  const named = (
    <>
      {label}
      {optionalLabel && (
        <span class="muted">
          {sentenceGap(locale)}
          {optionalLabel}
        </span>
      )}
    </>
  );
  const described = (
    <>
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} class="error field-error">
          {error}
        </p>
      )}
    </>
  );
  return radios ? (
    <fieldset id={id} class="field radios" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)}>
      <legend>{named}</legend>
      {described}
    </fieldset>
  ) : (
    <div class="field">
      <label for={id}>{named}</label>
      {described}
    </div>
  );
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'label'>;

export function TextField({ id, label, state, name, hint, optionalLabel, describedBy: shared, ...input }: FieldShell & InputProps) {
  const error = state.fields[name];
  return (
    <Shell {...{ id, label, state, name, hint, optionalLabel }}>
      <input {...input} id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint, shared)} />
    </Shell>
  );
}

export function SelectField({
  id,
  label,
  state,
  name,
  hint,
  optionalLabel,
  options,
  required,
  defaultValue,
}: FieldShell & { options: { value: string; label: string }[]; required?: boolean; defaultValue?: string }) {
  const error = state.fields[name];
  return (
    <Shell {...{ id, label, state, name, hint, optionalLabel }}>
      <select
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {/* Preact sets a select's props before its options exist, so defaultValue on the select chose nothing. */}
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === defaultValue}>
            {option.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

/**
 * One choice of a few, as radios in a fieldset its label names (GOV.UK's advice for up to about
 * seven): each option's words wrap to the width, where a closed select cuts a long one at a
 * phone's edge ("De 200.000 US$ a menos de 1.000.000 US$").
 */
export function RadioField({ id, label, state, name, hint, optionalLabel, options, defaultValue }: FieldShell & { options: { value: string; label: string }[]; defaultValue?: string }) {
  return (
    <Shell {...{ id, label, state, name, hint, optionalLabel }} radios>
      {options.map((option, index) => (
        <div class="field check" key={option.value}>
          <input id={`${id}-${index}`} type="radio" name={name} value={option.value} defaultChecked={option.value === (defaultValue ?? '')} />
          <label for={`${id}-${index}`}>{option.label}</label>
        </div>
      ))}
    </Shell>
  );
}

/**
 * A checkbox beside its label, its hint under the label. Sent with its form, or, with `onChange`
 * and `checked`, saved as it is ticked (the member's consent on their card).
 */
export function CheckField({ id, label, name, hint, defaultChecked, checked, disabled, onChange }: {
  id: string;
  label: ComponentChildren;
  name: string;
  hint?: ComponentChildren;
  defaultChecked?: boolean;
  checked?: boolean;
  disabled?: boolean;
  onChange?: (checked: boolean) => void;
}) {
  return (
    <div class="field check">
      <input id={id} name={name} type="checkbox" value="yes" defaultChecked={defaultChecked} checked={checked} disabled={disabled}
        onChange={onChange && ((event) => onChange(event.currentTarget.checked))} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * The form-level message: the refusal's sentence, or the note that fields need correcting. Each
 * refusal is a new alert, so a screen reader announces a refusal repeated word for word (an alert
 * that keeps its text says nothing). One field's own reason, on screen beside it, is for the ear.
 */
export function FormAlert({ state }: { state: FormState }) {
  if (!state.message) return null;
  const beside = Object.values(state.fields).includes(state.message);
  return (
    <CountedAlert count={state.refusals} class={beside ? 'visually-hidden' : 'error'}>
      {state.message}
    </CountedAlert>
  );
}

export { currentValues, valuesOf } from '../form-values.ts';

/**
 * A new code refused for an address a code went to within the minute: the one sent before still
 * works, so the buyer is offered to enter it (the join card and the sign-in alike).
 */
export function SentCodeOffer({ email, onEnter }: { email: string; onEnter: () => void }) {
  const { t } = useSectionText('join');
  return (
    <div class="stack">
      <p role="alert">{t('codeNotResent', { email: isolate(email) })}</p>
      <button type="button" onClick={onEnter}>
        {t('enterSentCode')}
      </button>
    </div>
  );
}
