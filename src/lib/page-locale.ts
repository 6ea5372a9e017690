/**
 * Puts the page's locale into the static parts of a page: the `lang` attribute and every
 * element carrying `data-i18n` (see components/Text.astro). The build wrote English, so an
 * English visitor loads no strings here. Also starts loading the page's catalogue sections,
 * which the islands (use-text.ts) then find on their way or already there.
 */
import type { SiteKey } from '../i18n/catalogues.ts';
import { pageLocale } from '../i18n/locales.ts';
import { loadSections, pageSections, sectionMessages } from '../i18n/sections.ts';

// The same choice as `$locale` (stores/locale.ts), without the store library: this small script
// is the page's earliest, so the sections start loading before the islands' code is in.
export async function localizeStaticText(): Promise<void> {
  const locale = pageLocale();
  const loading = loadSections(locale, pageSections());
  if (locale === 'en') return;
  document.documentElement.lang = locale;
  await loading;
  const site = sectionMessages(locale, 'site') as Readonly<Record<SiteKey, string>>;
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = element.dataset.i18n ?? '';
    if (key in site) element.textContent = site[key as SiteKey];
  }
}
