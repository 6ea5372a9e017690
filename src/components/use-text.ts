/** The current locale's translators for islands; re-renders when `$locale` changes. */
import { useStore } from '@nanostores/preact';
import { useMemo } from 'preact/hooks';
import { catalogues } from '../i18n/catalogues.ts';
import { interpolate, type Translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { $locale } from '../stores/locale.ts';

type Sections = (typeof catalogues)['en'];

export function useText() {
  const locale = useStore($locale);
  return useMemo(() => {
    const catalogue = catalogues[locale];
    return { locale, t: sectionTranslator(locale, 'site'), tiersText: sectionTranslator(locale, 'tiers'), catalogue };
  }, [locale]);
}

/** One area's translator in a locale; `sectionTranslator('es', 'member')('title')`. */
export function sectionTranslator<Section extends keyof Sections>(
  locale: Locale,
  section: Section,
): Translate<Extract<keyof Sections[Section], string>> {
  const messages = catalogues[locale][section] as Readonly<Record<string, string>>;
  return (key, values) => interpolate(messages[key] ?? key, values);
}

/** An island's translator for one area (`useSectionText('member')`); re-renders on a locale change. */
export function useSectionText<Section extends keyof Sections>(section: Section) {
  const locale = useStore($locale);
  return useMemo(() => ({ locale, t: sectionTranslator(locale, section) }), [locale, section]);
}
