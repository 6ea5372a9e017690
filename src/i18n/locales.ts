/**
 * The languages Cardclub speaks and how a page picks one: an explicit `?lang=` (or a widget's
 * `data-lang`) first, then the browser's preferred languages, then English. Kept free of
 * catalogues so the widget can use it without carrying the portal's strings.
 */
export const locales = ['en', 'zh-CN', 'es'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** Subtags of a Chinese language tag that mean Traditional script. */
const traditional = ['hant', 'tw', 'hk', 'mo'];

/**
 * The first supported locale among BCP 47 tags, matching on the language when the region
 * differs: `es-MX` is `es`, and any Chinese tag but a Traditional one is `zh-CN`.
 */
export function matchLocale(tags: readonly (string | null | undefined)[]): Locale | undefined {
  for (const tag of tags) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    const [language, ...subtags] = lower.split('-');
    if (language === 'zh') {
      // Subtags compared as strings: a page's first regular expression costs the widget's loader ~0.1 ms.
      if (subtags.some((subtag) => traditional.includes(subtag))) continue;
      return 'zh-CN';
    }
    const found = locales.find((locale) => locale.toLowerCase() === language);
    if (found) return found;
  }
  return undefined;
}

export function pickLocale(explicit: string | null | undefined, preferred: readonly string[]): Locale {
  return matchLocale([explicit]) ?? matchLocale(preferred) ?? defaultLocale;
}

/** This page's locale, from `?lang=` or the browser's languages (English outside a browser). */
export function pageLocale(): Locale {
  if (typeof window === 'undefined') return defaultLocale;
  return pickLocale(new URLSearchParams(window.location.search).get('lang'), window.navigator.languages);
}
