/**
 * The loader's options, read from its own script tag:
 *
 *   <script async src="https://PORTAL/widget.js" data-store="SLUG" data-lang="es"></script>
 *
 * - `data-store` (required): the store's slug.
 * - `data-lang` (optional): a tag of English, Simplified Chinese or Spanish, matched on its language as
 *   matchLocale does (`es-MX`, `zh`, `zh-cn`); default: the visitor's browser languages, then English.
 * The portal origin (for links to the member portal) is the origin of the script's `src`.
 */
import { matchLocale, pickLocale, type Locale } from '../../../src/i18n/locales.ts';

export interface WidgetOptions {
  store: string;
  locale: Locale;
  portalOrigin: string;
}

export function readOptions(script: HTMLScriptElement, browserLanguages: () => readonly string[]): WidgetOptions {
  // getAttribute rather than dataset, and the browser's languages only without data-lang: the first
  // use of `navigator` or `dataset` on a page builds its object, which a launcher need not pay for.
  const store = script.getAttribute('data-store')?.trim();
  if (!store) throw new Error('The script tag needs data-store="<your store slug>".');
  let portalOrigin: string | undefined;
  return {
    store,
    locale: matchLocale([script.getAttribute('data-lang')]) ?? pickLocale(null, browserLanguages()),
    // Parsed when first asked for (a chunk, a link): a page that only shows the launcher skips it.
    get portalOrigin() {
      return (portalOrigin ??= new URL(script.src).origin);
    },
  };
}
