/**
 * The store a page is about, from its `?s=` (a link, or the frame's address built from the
 * widget's `data-store`): trimmed and in lower case, the only case slugs have (create_store), so
 * an address typed or printed in capitals shows the same store and shares its data on the page.
 */
export function slugFromQuery(): string | null {
  return new URLSearchParams(window.location.search).get('s')?.trim().toLowerCase() || null;
}
