/**
 * The console's translators (its `staff`, `operations` and `growth` sections): `useSectionText`'s,
 * except that a number among a string's values is written in the page's language with
 * `formatNumber`, so a count, a limit or a row reads "1,000" in English, "1.000" in Spanish and
 * never a bare "1000" beside a formatted "1,000" elsewhere. Values already formatted (amounts,
 * percentages, dates: strings) pass through unchanged.
 */
import { useMemo } from 'preact/hooks';
import { formatNumber, type Translate } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { Sections } from '../../i18n/sections.ts';
import { sectionTranslator, useSectionText } from '../use-text.ts';

type ConsoleSection = 'staff' | 'operations' | 'growth';
type Values = Readonly<Record<string, string | number>>;

/** `values` with every number formatted in `locale`. */
function localizedValues(values: Values, locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === 'number' ? formatNumber(value, locale) : value]));
}

function withNumbers<Key extends string>(t: Translate<Key>, locale: Locale): Translate<Key> {
  return (key, values) => t(key, values && localizedValues(values, locale));
}

/** One console section's translator in a locale, numbers formatted (`consoleTranslator('es', 'growth')`). */
export function consoleTranslator<Section extends ConsoleSection>(locale: Locale, section: Section): Translate<Extract<keyof Sections[Section], string>> {
  return withNumbers(sectionTranslator(locale, section), locale);
}

/** An island's translator for one console section; re-renders on a locale change. */
export function useConsoleText<Section extends ConsoleSection>(section: Section) {
  const { locale, t } = useSectionText(section);
  return useMemo(() => ({ locale, t: withNumbers(t, locale) }), [locale, t]);
}
