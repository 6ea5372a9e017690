/**
 * The languages Cardclub speaks and how a page picks one: an explicit `?lang=` (or a widget's
 * `data-lang`) first, then the language last chosen in the portal's header, then the browser's
 * preferred languages, then English. Kept free of
 * catalogues so the widget can use it without carrying the portal's strings.
 */
export const locales = ['en', 'zh-CN', 'es'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/**
 * The first supported locale among BCP 47 tags, matching on the language when the region
 * differs: `es-MX` is `es`, and any Chinese tag but a Traditional one is `zh-CN`: one naming the
 * Simplified script is Simplified wherever its region ("zh-Hans-HK"), others are Traditional by the
 * region too ("zh-HK").
 * The layout's first script (layouts/Base.astro) applies the same rule before the first paint,
 * written out there; i18n.test.ts holds the two to the same answers.
 */
export function matchLocale(tags: readonly (string | null | undefined)[], supported: readonly Locale[] = locales): Locale | undefined {
  // Subtags of a Chinese language tag that mean Traditional script.
  const traditional = ['hant', 'tw', 'hk', 'mo'];
  for (const tag of tags) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    const [language, ...subtags] = lower.split('-');
    if (language === 'zh') {
      // Subtags compared as strings: a page's first regular expression costs the widget's loader ~0.1 ms.
      if (!subtags.includes('hans') && subtags.some((subtag) => traditional.includes(subtag))) continue;
      return 'zh-CN';
    }
    const found = supported.find((locale) => locale.toLowerCase() === language);
    if (found) return found;
  }
  return undefined;
}

export function pickLocale(explicit: string | null | undefined, preferred: readonly string[]): Locale {
  return matchLocale([explicit]) ?? matchLocale(preferred) ?? defaultLocale;
}

/** Where the portal keeps the language chosen with the header's switcher (lib/site-header.ts). */
export const chosenLocaleKey = 'cardclub-lang';

/** The language chosen in the header, if any (storage may be blocked, e.g. in a sandboxed frame). */
function chosenLocale(): string | null {
  try {
    return window.localStorage.getItem(chosenLocaleKey);
  } catch {
    return null;
  }
}

/**
 * This page's locale, from `?lang=`, the language chosen in the header or the browser's languages
 * (English outside a browser). `?lang=` still wins over the choice: a link carrying it (a shared
 * address, the widget's frame) means that language.
 */
export function pageLocale(): Locale {
  if (typeof window === 'undefined') return defaultLocale;
  return pickLocale(new URLSearchParams(window.location.search).get('lang'), [chosenLocale() ?? '', ...window.navigator.languages]);
}
