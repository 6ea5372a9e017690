/** A store's addresses (console and portal pages) carry the store (`?s=`) and, when the page was opened with one, `?lang=`. */
export function consoleHref(path: string, slug: string, extra: Readonly<Record<string, string>> = {}): string {
  const params = new URLSearchParams({ s: slug, ...extra });
  const lang = typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('lang');
  if (lang) params.set('lang', lang);
  return `${path}?${params.toString()}`;
}

/** A member company's page in the console, where every list of companies links to it. */
export function memberHref(slug: string, memberId: string): string {
  return consoleHref('/console/member/', slug, { m: memberId });
}

/** A console address without a store, keeping the page's `?lang=`. */
export function withLang(href: string): string {
  const lang = typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('lang');
  if (!lang) return href;
  return `${href}${href.includes('?') ? '&' : '?'}lang=${encodeURIComponent(lang)}`;
}
