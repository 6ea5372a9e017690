/** A store's default language as a `<select>` inside a `Field`, each language in its own name. */
import type { Locale } from '../../../i18n/locales.ts';
import { localeOptions } from '../options.ts';
import type { FieldAria } from './Field.tsx';

/**
 * `chosen` is marked `selected`: Preact has no defaultValue for a select (it stayed on the first,
 * English). `onChange` hears another language chosen (the texts that must have it follow it).
 */
export function LocaleSelect({ aria, chosen, onChange }: { aria: FieldAria; chosen: string; onChange?: (locale: Locale) => void }) {
  return (
    <select {...aria} name="default_locale" onChange={onChange && ((event) => onChange(event.currentTarget.value as Locale))}>
      {localeOptions.map((option) => (
        <option key={option.code} value={option.code} lang={option.code} selected={option.code === chosen}>
          {option.name}
        </option>
      ))}
    </select>
  );
}
