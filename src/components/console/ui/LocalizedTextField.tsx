/**
 * Edits one merchant text in every language side by side (docs/api.md "Merchant text in
 * several languages"): a map `{en: "…", "zh-CN": "…", es: "…"}`. A one-line text longer than a
 * name (a trading title of 120 characters) gives each language a row of its own, as a column cut
 * it off; a multi-line one grows with its text (console.css, textarea). The store's default language
 * is required when `required` (and whenever any language has text, as the database says); empty
 * languages say readers get the default's text, and are left out of the saved map. Another
 * language's text is only there to see: whether it says what the default says, the form cannot
 * know, so such a box says nothing under it. What it does know: a language whose text was last typed (or, untouched, shown) while the
 * default's text read otherwise asks to be checked (not while the default's is empty: nothing was
 * written there to check it against).
 *
 * Props: `id`, `label`, `value` (the map), `onChange(map)`, `defaultLocale`, `required?`,
 * `multiline?`, `maxLength`, `error?` (for the whole field, or with `errorLocale?` for one
 * language's box, which the server names as `name.es`), `readOnly?` (the text in each language it
 * is written in, default first, each marked with its language, as a `ReadOnlyField`).
 */
import { useRef } from 'preact/hooks';
import { z } from 'zod';
import { locales, type Locale } from '../../../i18n/locales.ts';
import { useConsoleText } from '../console-text.ts';
import { FieldHint, ReadOnlyField } from './Field.tsx';
import { useShownError } from './shown-error.ts';
import { languageName } from '../../../i18n/format.ts';
import { localeNames } from '../options.ts';

export type TextMap = Partial<Record<Locale, string>>;

/** The longest one-line text (a tier's name: 60) that still fits a column beside the others. */
const longLine = 60;

interface LocalizedTextFieldProps {
  id: string;
  label: string;
  value: TextMap;
  onChange: (value: TextMap) => void;
  defaultLocale: Locale;
  required?: boolean | undefined;
  multiline?: boolean | undefined;
  maxLength: number;
  /** Under the field's name, for every language's box (a rule of the text, e.g. one perk per line). */
  hint?: string | undefined;
  error?: string | null | undefined;
  /** The language `error` is about: only its box is marked, and the error stands under it. */
  errorLocale?: Locale | null | undefined;
  readOnly?: boolean | undefined;
}

/** The map without blank languages, trimmed, as the API stores it. */
export function cleanTextMap(value: TextMap): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value)
      .map(([locale, text]) => [locale, (text ?? '').trim()] as const)
      .filter(([, text]) => text !== ''),
  );
}

/** Reads a stored map (or a legacy plain string) into a TextMap. */
export function toTextMap(value: unknown, defaultLocale: Locale): TextMap {
  if (typeof value === 'string') return { [defaultLocale]: value };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, text]) => typeof text === 'string')) as TextMap;
}

/** One line: no control characters nor line or paragraph separators (private.is_single_line). */
export const singleLine = (text: string) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text);

type RuleText = (key: 'errorNeedsDefaultLanguage' | 'errorTooLong' | 'errorSingleLine', values?: Record<string, string | number>) => string;

/**
 * A merchant text's rule as the engine holds it (private.merchant_text_fields), said before the
 * request in `locale`, the page's language, which names the default language in its sentence: the
 * cleaned map has the default language when `required` or when any language has text, at most
 * `max` characters a language, and one line each when `line`.
 */
export function textMapSchema(t: RuleText, defaultLocale: Locale, locale: Locale, { max, required, line }: { max: number; required: boolean; line: boolean }) {
  return z
    .record(z.string(), z.string().optional())
    .transform(cleanTextMap)
    .refine((map) => (required || Object.keys(map).length > 0 ? Boolean(map[defaultLocale]) : true), {
      message: t('errorNeedsDefaultLanguage', { language: languageName(defaultLocale, locale) }),
      // About the default's box alone (checkErrors' locales): the languages filled in are not wrong.
      path: [defaultLocale],
    })
    .refine((map) => Object.values(map).every((text) => text.length <= max), t('errorTooLong', { max }))
    .refine((map) => !line || Object.values(map).every(singleLine), t('errorSingleLine'));
}

export function LocalizedTextField(props: LocalizedTextFieldProps) {
  const { id, label, value, onChange, defaultLocale, required = false, multiline = false, maxLength, hint, errorLocale, readOnly } = props;
  const { t, locale: pageLocale } = useConsoleText('staff');
  // Gone once the box it is about is edited, or any box when it is about the whole text.
  const { error, onInput: edited } = useShownError(props.error);
  const defaultText = (value[defaultLocale] ?? '').trim();
  // The default's text when each language was last typed in; the one it had on opening for the
  // rest. Taken anew when the default language changes: a text written beside the English name
  // says nothing of whether it matches the Spanish one.
  const baseline = useRef({ defaultLocale, atStart: defaultText, typedAgainst: {} as Partial<Record<Locale, string>> });
  if (baseline.current.defaultLocale !== defaultLocale) baseline.current = { defaultLocale, atStart: defaultText, typedAgainst: {} };
  const { atStart, typedAgainst } = baseline.current;
  // Named in the sentences under the boxes, so in the page's language (a box's label names its own).
  const language = languageName(defaultLocale, pageLocale);
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const ordered = [defaultLocale, ...locales.filter((locale) => locale !== defaultLocale)];
  if (readOnly) {
    const written = ordered.filter((locale) => (value[locale] ?? '').trim() !== '');
    return (
      <ReadOnlyField
        label={label}
        values={written.map((locale) => (
          <dd key={locale} lang={locale} class={multiline ? 'lang-value multiline' : 'lang-value'}>
            <span class="lang-name">{localeNames[locale]}</span> {value[locale]}
          </dd>
        ))}
      />
    );
  }
  const rows = !multiline && maxLength > longLine;
  const errorText = error && (
    <p id={errorId} class="field-error">
      {error}
    </p>
  );
  return (
    <fieldset class="field localized" aria-describedby={errorId}>
      <legend>{label}</legend>
      <FieldHint id={hintId} hint={hint} />
      <div class={rows ? 'lang-grid lang-rows' : 'lang-grid'}>
        {ordered.map((locale) => {
          const inputId = `${id}-${locale}`;
          const text = value[locale] ?? '';
          const missing = text.trim() === '';
          const isDefault = locale === defaultLocale;
          // A box with text says nothing more of it (its text is there to see and is read with it),
          // unless the default's text changed after it was written.
          const status = isDefault
            ? t('defaultLanguageText')
            : missing
              ? t('missingLanguage', { language })
              : defaultText !== '' && defaultText !== (typedAgainst[locale] ?? atStart)
                ? t('translationToCheck', { language })
                : null;
          const statusId = status ? `${inputId}-status` : undefined;
          const erring = errorLocale ? locale === errorLocale : isDefault || !missing;
          const control = {
            id: inputId,
            lang: locale,
            value: text,
            maxLength,
            required: isDefault && required,
            'aria-describedby': [hintId, statusId, (!errorLocale || erring) && errorId].filter(Boolean).join(' ') || undefined,
            'aria-invalid': error && erring ? ('true' as const) : undefined,
            onInput: (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
              // Drawn again by onChange's new value.
              if (!isDefault) typedAgainst[locale] = defaultText;
              if (!errorLocale || locale === errorLocale) edited();
              onChange({ ...value, [locale]: event.currentTarget.value });
            },
          };
          return (
            <div class="field" key={locale}>
              <label for={inputId}>
                <span lang={locale}>{localeNames[locale]}</span>
              </label>
              {/* rows: the height where a textarea cannot follow its text (field-sizing). */}
              {multiline ? <textarea rows={maxLength > 1000 ? 6 : 3} {...control} /> : <input {...control} />}
              {status && (
                <p id={statusId} class="field-hint">
                  {status}
                </p>
              )}
              {locale === errorLocale && errorText}
            </div>
          );
        })}
      </div>
      {!errorLocale && errorText}
    </fieldset>
  );
}
