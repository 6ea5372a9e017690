/**
 * The page's locale, shared by every island and the static text of the layout. Chosen once
 * per page load from `?lang=` or the browser's languages; pages are static, so the build
 * cannot know it.
 */
import { atom } from 'nanostores';
import { defaultLocale, pickLocale, type Locale } from '../i18n/locales.ts';

function detectLocale(): Locale {
  if (typeof window === 'undefined') return defaultLocale;
  return pickLocale(new URLSearchParams(window.location.search).get('lang'), window.navigator.languages);
}

export const $locale = atom<Locale>(detectLocale());
