/**
 * Puts the page's locale into the static parts of a page: the `lang` attribute and every
 * element carrying `data-i18n` (see components/Text.astro). Islands follow `$locale` themselves.
 */
import { catalogues, type SiteKey } from '../i18n/catalogues.ts';
import { $locale } from '../stores/locale.ts';

function isSiteKey(key: string): key is SiteKey {
  return key in catalogues.en.site;
}

export function localizeStaticText(): void {
  $locale.subscribe((locale) => {
    document.documentElement.lang = locale;
    const site = catalogues[locale].site;
    for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
      const key = element.dataset.i18n ?? '';
      if (isSiteKey(key)) element.textContent = site[key];
    }
  });
}
