/**
 * Puts the page's locale into the static parts of a page: the `lang` attribute, every element
 * carrying `data-i18n` (see components/Text.astro) and the `aria-label` of those carrying
 * `data-i18n-label`. The build wrote English, so an
 * English visitor loads no strings here. Also starts loading the page's catalogue sections,
 * which the islands (use-text.ts) then find on their way or already there.
 */
import type { SiteKey } from '../i18n/catalogues.ts';
import { pageLocale, type Locale } from '../i18n/locales.ts';
import { loadSections, pageSections, sectionMessages } from '../i18n/sections.ts';

// The same choice as `$locale` (stores/locale.ts), without the store library: this small script
// is the page's earliest, so the sections start loading before the islands' code is in.
export async function localizeStaticText(): Promise<void> {
  const locale = pageLocale();
  const loading = loadSections(locale, pageSections());
  if (locale === 'en') return;
  document.documentElement.lang = locale;
  try {
    await loading;
    const site = sectionMessages(locale, 'site') as Readonly<Record<SiteKey, string>>;
    for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
      const key = element.dataset.i18n ?? '';
      if (key in site) setText(element, site[key as SiteKey], locale);
    }
    for (const element of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
      const key = element.dataset.i18nLabel ?? '';
      if (key in site) element.setAttribute('aria-label', site[key as SiteKey]);
    }
  } finally {
    // Shown now, in the reader's language or (the catalogue failing to load) in English.
    document.documentElement.removeAttribute('data-localizing');
  }
}

/**
 * Chinese has no spaces, so a wrapped heading broke wherever its line ended, inside a word
 * (面向跨境B2B商|家的…). The browser's word segmenter gives the breaks between words instead:
 * `<wbr>` there, and global.css's `h1[data-phrased]` keeps the words themselves whole.
 */
function setText(element: HTMLElement, text: string, locale: Locale): void {
  if (locale !== 'zh-CN' || element.tagName !== 'H1' || typeof Intl.Segmenter !== 'function') {
    element.textContent = text;
    return;
  }
  const words = [...new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)].map(({ segment }) => segment);
  element.replaceChildren(...words.flatMap((word, index) => (index === 0 ? [word] : [document.createElement('wbr'), word])));
  element.dataset.phrased = '';
}
