/** A store's addresses (console and portal pages) carry the store (`?s=`) and, when the page was opened with one, `?lang=`. */
export function consoleHref(path: string, slug: string, extra: Readonly<Record<string, string>> = {}): string {
  const params = new URLSearchParams({ s: slug, ...extra });
  const lang = typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('lang');
  if (lang) params.set('lang', lang);
  return `${path}?${params.toString()}`;
}

/** A console address without a store, keeping the page's `?lang=`. */
export function withLang(href: string): string {
  const lang = typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('lang');
  if (!lang) return href;
  return `${href}${href.includes('?') ? '&' : '?'}lang=${encodeURIComponent(lang)}`;
}
