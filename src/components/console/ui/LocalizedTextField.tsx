/**
 * Edits one merchant text in every language (docs/api.md "Merchant text in several languages"): a
 * map `{en: "…", "zh-CN": "…", es: "…"}`. Every such field is laid out alike: the languages
 * stacked, each box as wide as the form and named by its language, what the form knows of a box
 * under it. The store's default language comes first; the others fold behind one "Other
 * languages" button, which says which of them are written (a card's four texts in three
 * languages each were four screens on a phone), and open by themselves when one needs a look: its
 * translation to check, or its error. Opened, they stay open while the form is.
 *
 * The store's default language is required when `required` (and whenever any language has text,
 * as the database says); empty languages say readers get the default's text, and are left out of
 * the saved map. Its lack is said by the field itself, alike in every form, whichever check or
 * refusal found it (fieldError): under the default's box, naming the language. Another language's
 * text is only there to see: whether it says what the default
 * says, the form cannot know, so such a box says nothing under it. What it does know: a language
 * whose text was last typed (or, untouched, shown) while the default's text read otherwise asks to
 * be checked (not while the default's is empty: nothing was written there to check it against).
 *
 * `items`: a text of one item a line (a tier's perks): each item a one-line box of its own, with
 * Remove, and Add under a language's items; Enter adds the next item, a pasted list splits into
 * items. The map still holds one text a language, its items a line each.
 *
 * Props: `id`, `label`, `value` (the map), `onChange(map)`, `defaultLocale`, `required?`,
 * `multiline?`, `maxLength` (a box's, an item's with `items`), `error?` (for the whole field, or
 * with `errorLocale?` for one language's box, which the server names as `name.es`), `readOnly?`
 * (the text in each language it is written in, default first, each marked with its language, as a
 * `ReadOnlyField`).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { z } from 'zod';
import { locales, type Locale } from '../../../i18n/locales.ts';
import { useConsoleText } from '../console-text.ts';
import { FieldHint, ReadOnlyField } from './Field.tsx';
import { useShownError } from './shown-error.ts';
import { formatListParts, joinSentences, languageName } from '../../../i18n/format.ts';
import { localeNames } from '../options.ts';

export type TextMap = Partial<Record<Locale, string>>;

/** The words of a field of items, `language` named in the page's language ("Perk 2 (Spanish)"). */
interface Items {
  max: number;
  label: (number: number, language: string) => string;
  /** Add's text, and its name naming the language. */
  add: string;
  addTo: (language: string) => string;
  /** Remove's name; its text is "Remove" (removeItem). */
  remove: (number: number, language: string) => string;
}

interface LocalizedTextFieldProps {
  id: string;
  label: string;
  value: TextMap;
  onChange: (value: TextMap) => void;
  defaultLocale: Locale;
  required?: boolean | undefined;
  multiline?: boolean | undefined;
  items?: Items | undefined;
  maxLength: number;
  /** Under the field's name, for every language's box (a rule of the text, e.g. at most 20 perks). */
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

/**
 * `pasted` put over the selection `start`–`end` of item `index`: its first line joins the text
 * before the selection, its last the text after it, the lines between become items of their own
 * (a one-line box would run a pasted list into one item). `focus`: the item the last line went to.
 */
export function pasteItems(items: readonly string[], index: number, start: number, end: number, pasted: string): { items: string[]; focus: number } {
  const current = items[index] ?? '';
  const lines = pasted.split(/\r\n|\r|\n/);
  lines[0] = current.slice(0, start) + lines[0];
  lines[lines.length - 1] += current.slice(end);
  return { items: [...items.slice(0, index), ...lines, ...items.slice(index + 1)], focus: index + lines.length - 1 };
}

type RuleText = (key: 'errorNeedsDefaultLanguage' | 'errorTooLong' | 'errorSingleLine', values?: Record<string, string | number>) => string;

/**
 * The error a field shows and the language box it stands under (none: the whole field). An error
 * given (not one about another language's box) while the default language's text is lacking, as
 * the rule wants it (`required`, or any language written), is about that lack, whoever said it:
 * it is said under the default's box, which the keyboard is taken to, naming the language; and,
 * nothing written at all, that the text is required. A form's own sentence ("give this text in the
 * store's default language too") stood under the languages written, named none, and left the
 * focused empty box without a word.
 */
export function fieldError(
  t: (key: 'errorNeedsDefaultLanguage' | 'errorRequired', values?: Record<string, string>) => string,
  { error, errorLocale, value, defaultLocale, required, language }: { error: string | null; errorLocale: Locale | null | undefined; value: TextMap; defaultLocale: Locale; required: boolean; language: string },
): { error: string | null; locale: Locale | null } {
  if (!error || !lacksDefault(value, defaultLocale, required) || (errorLocale && errorLocale !== defaultLocale)) return { error, locale: errorLocale ?? null };
  return { error: Object.keys(cleanTextMap(value)).length > 0 ? t('errorNeedsDefaultLanguage', { language }) : t('errorRequired'), locale: defaultLocale };
}

/** Whether `value` lacks the default language's text where the rule wants it: `required`, or any language written. */
export function lacksDefault(value: TextMap, defaultLocale: Locale, required: boolean): boolean {
  const texts = cleanTextMap(value);
  return !texts[defaultLocale] && (required || Object.keys(texts).length > 0);
}

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
  const { id, label, value, onChange, defaultLocale, required = false, multiline = false, items, maxLength, hint, readOnly } = props;
  const { t, locale: pageLocale } = useConsoleText('staff');
  // Named in the sentences under the boxes, so in the page's language (a box's label names its own).
  const language = languageName(defaultLocale, pageLocale);
  // Gone once the box it is about is edited, or any box when it is about the whole text.
  const shown = useShownError(props.error);
  const edited = shown.onInput;
  const { error, locale: errorLocale } = fieldError(t, { error: shown.error, errorLocale: props.errorLocale, value, defaultLocale, required, language });
  const [unfolded, setUnfolded] = useState(false);
  // The item to take the focus once drawn: the one Add or Enter made, Remove's neighbour.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    // Kept till the item is drawn: an effect of an earlier render may run first (typed, then Enter at once).
    const item = focusNext.current && document.getElementById(focusNext.current);
    if (!item) return;
    item.focus();
    focusNext.current = null;
  });
  const defaultText = (value[defaultLocale] ?? '').trim();
  // The default's text when each language was last typed in; the one it had on opening for the
  // rest. Taken anew when the default language changes: a text written beside the English name
  // says nothing of whether it matches the Spanish one.
  const baseline = useRef({ defaultLocale, atStart: defaultText, typedAgainst: {} as Partial<Record<Locale, string>> });
  if (baseline.current.defaultLocale !== defaultLocale) baseline.current = { defaultLocale, atStart: defaultText, typedAgainst: {} };
  const { atStart, typedAgainst } = baseline.current;
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const ordered = [defaultLocale, ...locales.filter((locale) => locale !== defaultLocale)];
  const errorText = error && (
    <p id={errorId} class="field-error">
      {error}
    </p>
  );
  const boxes = ordered.map((locale) => {
    const text = value[locale] ?? '';
    const missing = text.trim() === '';
    const isDefault = locale === defaultLocale;
    // A box with text says nothing more of it (its text is there to see and is read with it),
    // unless the default's text changed after it was written.
    const toCheck = !isDefault && !missing && defaultText !== '' && defaultText !== (typedAgainst[locale] ?? atStart);
    const status = isDefault ? t('defaultLanguageText') : missing ? t('missingLanguage', { language }) : toCheck ? t('translationToCheck', { language }) : null;
    const erring = Boolean(error) && (errorLocale ? locale === errorLocale : isDefault || !missing);
    return { locale, text, missing, isDefault, status, erring, needsLook: !isDefault && (toCheck || erring) };
  });
  const others = boxes.slice(1);
  const needsLook = others.some((box) => box.needsLook);
  // Unfolded for good once something asked for a look: folding again as the reader puts it right
  // would take the box from under their typing.
  useEffect(() => {
    if (needsLook) setUnfolded(true);
  }, [needsLook]);
  if (readOnly) {
    const written = ordered.filter((locale) => (value[locale] ?? '').trim() !== '');
    return (
      <ReadOnlyField
        label={label}
        values={written.map((locale) => (
          <dd key={locale} lang={locale} class={multiline || items ? 'lang-value multiline' : 'lang-value'}>
            <span class="lang-name">{localeNames[locale]}</span> {value[locale]}
          </dd>
        ))}
      />
    );
  }
  const open = unfolded || needsLook;
  const othersId = `${id}-others`;
  const foldStateId = `${id}-others-state`;
  // Languages' names, not merchant text: joined without formatList's isolation.
  const names = (list: typeof others) => formatListParts(list.map((box) => languageName(box.locale, pageLocale)), pageLocale, (name) => name).join('');
  const written = others.filter((box) => !box.missing);
  const empty = others.filter((box) => box.missing);
  const foldState = joinSentences([written.length > 0 && t('languagesWritten', { languages: names(written) }), empty.length > 0 && t('languagesEmpty', { languages: names(empty), language })], pageLocale);
  const foldLabel = t('otherLanguages', { count: others.length });

  function change(locale: Locale, text: string) {
    // Drawn again by onChange's new value.
    if (locale !== defaultLocale) typedAgainst[locale] = defaultText;
    const next = { ...value, [locale]: text };
    // An edit ending the default's lack answers it too (a description's one language cleared).
    if (!errorLocale || locale === errorLocale || !lacksDefault(next, defaultLocale, required)) edited();
    onChange(next);
  }

  const box = ({ locale, text, isDefault, status, erring }: (typeof boxes)[number]) => {
    const inputId = `${id}-${locale}`;
    const statusId = status ? `${inputId}-status` : undefined;
    const control = {
      lang: locale,
      maxLength,
      'aria-describedby': [hintId, statusId, (!errorLocale || erring) && errorId].filter(Boolean).join(' ') || undefined,
      'aria-invalid': erring ? ('true' as const) : undefined,
    };
    const statusText = status && (
      <p id={statusId} class="field-hint">
        {status}
      </p>
    );
    if (items) {
      // One text a language, an item a line: an empty language is one empty box to type in.
      const list = text.split('\n');
      const itemId = (index: number) => (index === 0 ? inputId : `${inputId}-${index + 1}`);
      const setList = (next: string[], focus: number) => {
        focusNext.current = itemId(focus);
        change(locale, next.join('\n'));
      };
      const named = languageName(locale, pageLocale);
      return (
        <fieldset class="field lang-items" key={locale}>
          <legend>
            <span lang={locale}>{localeNames[locale]}</span>
          </legend>
          <ol>
            {list.map((line, index) => (
              <li key={index}>
                <input
                  {...control}
                  id={itemId(index)}
                  value={line}
                  required={isDefault && required && index === 0}
                  aria-label={items.label(index + 1, named)}
                  onInput={(event) => change(locale, list.map((item, at) => (at === index ? event.currentTarget.value : item)).join('\n'))}
                  onKeyDown={(event) => {
                    // Enter is the next line, as it was in the text; not while an input method composes (Chinese).
                    if (event.key !== 'Enter' || event.isComposing) return;
                    event.preventDefault();
                    if (list.length < items.max) setList([...list.slice(0, index + 1), '', ...list.slice(index + 1)], index + 1);
                  }}
                  onPaste={(event) => {
                    const pasted = event.clipboardData?.getData('text') ?? '';
                    if (!/[\r\n]/.test(pasted.trim())) return;
                    event.preventDefault();
                    const input = event.currentTarget;
                    const result = pasteItems(list, index, input.selectionStart ?? line.length, input.selectionEnd ?? line.length, pasted.trim());
                    setList(result.items, result.focus);
                  }}
                />
                {(list.length > 1 || line !== '') && (
                  <button
                    type="button"
                    aria-label={items.remove(index + 1, named)}
                    // The item that takes its place, or the one before the last.
                    onClick={() => setList(list.length > 1 ? list.filter((_, at) => at !== index) : [''], Math.min(index, Math.max(list.length - 2, 0)))}
                  >
                    {t('removeItem')}
                  </button>
                )}
              </li>
            ))}
          </ol>
          {statusText}
          <button type="button" class="link-button" aria-label={items.addTo(named)} disabled={list.length >= items.max} onClick={() => setList([...list, ''], list.length)}>
            {items.add}
          </button>
          {locale === errorLocale && errorText}
        </fieldset>
      );
    }
    const onInput = (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => change(locale, event.currentTarget.value);
    return (
      <div class="field" key={locale}>
        <label for={inputId}>
          <span lang={locale}>{localeNames[locale]}</span>
        </label>
        {/* rows: the height where a textarea cannot follow its text (field-sizing). */}
        {multiline ? (
          <textarea {...control} id={inputId} value={text} required={isDefault && required} rows={maxLength > 1000 ? 6 : 3} onInput={onInput} />
        ) : (
          <input {...control} id={inputId} value={text} required={isDefault && required} onInput={onInput} />
        )}
        {statusText}
        {locale === errorLocale && errorText}
      </div>
    );
  };

  return (
    <fieldset class="field localized" aria-describedby={errorId}>
      <legend>{label}</legend>
      <FieldHint id={hintId} hint={hint} />
      <div class="lang-stack">
        {box(boxes[0]!)}
        {needsLook ? (
          <p class="lang-fold">{foldLabel}</p>
        ) : (
          <button type="button" class="lang-fold" aria-expanded={open} aria-controls={othersId} aria-describedby={open ? undefined : foldStateId} onClick={() => setUnfolded(!open)}>
            {foldLabel}
          </button>
        )}
        {!open && (
          <p id={foldStateId} class="field-hint lang-fold-state">
            {foldState}
          </p>
        )}
        <div id={othersId} class="lang-stack" hidden={!open}>
          {others.map(box)}
        </div>
      </div>
      {!errorLocale && errorText}
    </fieldset>
  );
}
