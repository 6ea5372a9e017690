/**
 * A currency to choose or type, wherever the console asks for one (a new store's, a product's, an order's):
 * the currencies in use named in the page's language with their codes ("人民币（CNY）"), the
 * common ones first, to pick from a list that narrows as one types. A code, an everyday name
 * (RMB) or a currency's name is read as the currency it names (readCurrency), and the box then
 * shows that currency's name and code, so what was understood is said before anything is saved.
 *
 * Props: `id`, `name` (the form's field), `label`, `hint` (what the currency is for, before how to
 * give it), `error`, `code` (the currency shown at first),
 * `kept` (withdrawn currencies still allowed: the store's own, the product's current one),
 * `onCode` (told each currency the box comes to name as it is typed or chosen, for a form whose
 * other fields follow it: an order's exchange rate).
 * `currencySchema` is the check a form runs on the field's text: the code, or an error naming
 * what was typed.
 */
import { z } from 'zod';
import { joinSentences } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { useConsoleText } from '../console-text.ts';
import { currencyChoices, currencyLabel, isKnownCurrency, readCurrency } from '../options.ts';
import { Field } from './Field.tsx';

type Say = (key: 'errorCurrency' | 'errorRequired', values?: Record<string, string>) => string;

/** The field's text read as a currency code; refused, with what was typed, when it names none in use or kept. */
export function currencySchema(t: Say, kept: readonly (string | undefined)[] = []) {
  return z.string().transform((typed, context) => {
    const code = readCurrency(typed, kept);
    if (!code) context.addIssue({ code: 'custom', message: t('errorRequired') });
    else if (!isKnownCurrency(code, kept)) context.addIssue({ code: 'custom', message: t('errorCurrency', { typed: typed.trim() }) });
    return code;
  });
}

interface CurrencyFieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  code: string;
  kept?: readonly (string | undefined)[];
  onCode?: ((code: string) => void) | undefined;
}

export function CurrencyField({ id, name, label, hint, error, code, kept = [], onCode }: CurrencyFieldProps) {
  const { t, locale } = useConsoleText('staff');
  const listId = `${id}-list`;
  return (
    <Field id={id} label={label} hint={joinSentences([hint, t('currencyHint')], locale)} error={error}>
      {(aria) => (
        <>
          <input
            {...aria}
            name={name}
            list={listId}
            defaultValue={currencyLabel(code, locale)}
            required
            autocomplete="off"
            spellcheck={false}
            // Told as typed, not once left: Enter may send the form from the box itself.
            onInput={onCode && ((event) => {
              const named = readCurrency(event.currentTarget.value, kept);
              if (isKnownCurrency(named, kept)) onCode(named);
            })}
            onChange={(event) => shown(event.currentTarget, kept, locale)}
          />
          <datalist id={listId}>
            {currencyChoices(locale, kept).map((choice) => (
              <option key={choice.code} value={choice.label} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}

/** A currency typed by its code or another name, once left, shown as the list names it; anything else is left as typed for the check to name. */
function shown(input: HTMLInputElement, kept: readonly (string | undefined)[], locale: Locale) {
  const code = readCurrency(input.value, kept);
  if (isKnownCurrency(code, kept)) input.value = currencyLabel(code, locale);
}
