/**
 * Several countries chosen by name: a select that adds one at a time (the field's label names it)
 * and the chosen ones listed after it, each with a button that takes it out. A select rather than
 * a typed list of codes, so staff never need to know that Germany is DE; a native select, so the
 * keyboard's type-ahead and every screen reader work as they do on any form.
 */
import { useRef } from 'preact/hooks';
import { countryOptions } from '../../../i18n/countries.ts';
import type { Locale } from '../../../i18n/locales.ts';
import type { FieldAria } from '../../console/ui/Field.tsx';

interface CountryPickerProps {
  aria: FieldAria;
  /** ISO 3166-1 alpha-2 codes, in the order they were added. */
  value: readonly string[];
  onChange: (codes: string[]) => void;
  locale: Locale;
  text: { add: string; chosen: string; remove: (country: string) => string };
}

export function CountryPicker({ aria, value, onChange, locale, text }: CountryPickerProps) {
  const select = useRef<HTMLSelectElement>(null);
  const countries = countryOptions(locale);
  const name = (code: string) => countries.find((country) => country.code === code)?.name ?? code;
  return (
    <>
      <select
        {...aria}
        ref={select}
        value=""
        onChange={(event) => {
          const code = event.currentTarget.value;
          if (code && !value.includes(code)) onChange([...value, code]);
          event.currentTarget.value = '';
        }}
      >
        <option value="">{text.add}</option>
        {countries.filter((country) => !value.includes(country.code)).map((country) => (
          <option key={country.code} value={country.code}>{country.name}</option>
        ))}
      </select>
      {value.length > 0 && (
        <ul class="chosen" aria-label={text.chosen}>
          {value.map((code) => (
            <li key={code}>
              {name(code)}
              <button
                type="button"
                aria-label={text.remove(name(code))}
                onClick={() => {
                  onChange(value.filter((chosen) => chosen !== code));
                  // The button goes with its country; the select is where the next choice is made.
                  select.current?.focus();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
