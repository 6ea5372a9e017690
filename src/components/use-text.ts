/**
 * The current locale's translators for islands; re-renders when `$locale` changes. Importing
 * this module waits for the page's catalogue sections in the visitor's locale (top-level
 * await), so an island hydrates with its strings at hand and never renders keys or a flash.
 */
import { useStore } from '@nanostores/preact';
import { useMemo } from 'preact/hooks';
import { interpolate, type Translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { loadSections, pageSections, sectionMessages, type Sections } from '../i18n/sections.ts';
import { $locale } from '../stores/locale.ts';

await loadSections($locale.get(), pageSections());

export function useText() {
  const locale = useStore($locale);
  return useMemo(() => ({ locale, t: sectionTranslator(locale, 'site'), tiersText: sectionTranslator(locale, 'tiers') }), [locale]);
}

/** One area's translator in a locale; `sectionTranslator('es', 'member')('title')`. */
export function sectionTranslator<Section extends keyof Sections>(
  locale: Locale,
  section: Section,
): Translate<Extract<keyof Sections[Section], string>> {
  // Looked up when a string is used, so a translator the island never calls needs no section.
  return (key, values) => interpolate(sectionMessages(locale, section)[key] ?? key, values);
}

/** An island's translator for one area (`useSectionText('member')`); re-renders on a locale change. */
export function useSectionText<Section extends keyof Sections>(section: Section) {
  const locale = useStore($locale);
  return useMemo(() => ({ locale, t: sectionTranslator(locale, section) }), [locale, section]);
}
