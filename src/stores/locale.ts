/**
 * The page's locale, shared by every island and the static text of the layout. Chosen once
 * per page load from `?lang=` or the browser's languages; pages are static, so the build
 * cannot know it.
 */
import { atom } from 'nanostores';
import { pageLocale, type Locale } from '../i18n/locales.ts';

export const $locale = atom<Locale>(pageLocale());
