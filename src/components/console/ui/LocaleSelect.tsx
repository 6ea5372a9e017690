/** A store's default language as a `<select>` inside a `Field`, each language in its own name. */
import { localeOptions } from '../options.ts';
import type { FieldAria } from './Field.tsx';

/** `chosen` is marked `selected`: Preact has no defaultValue for a select (it stayed on the first, English). */
export function LocaleSelect({ aria, chosen }: { aria: FieldAria; chosen: string }) {
  return (
    <select {...aria} name="default_locale">
      {localeOptions.map((option) => (
        <option key={option.code} value={option.code} lang={option.code} selected={option.code === chosen}>
          {option.name}
        </option>
      ))}
    </select>
  );
}
