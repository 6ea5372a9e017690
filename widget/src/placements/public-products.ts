/**
 * What a visitor may be told of the page's products: their kind, which decides the prepayment
 * every tier asks (regular or customized), and their name (for the placement's button), read from
 * `store_catalogue` as the anon role, so only the store's active public products answer. A SKU that
 * does not answer is an exclusive product or none at all: a visitor cannot tell which, and is
 * promised no prepayment for it.
 */
import type { Locale } from '../../../src/i18n/locales.ts';

export interface PublicProduct {
  kind: 'regular' | 'customized';
  name: string;
}

/** Those of `skus` that are public products of the store, with their names in `locale`, in one request. */
export async function publicProducts(store: string, skus: string[], locale: Locale): Promise<Map<string, PublicProduct>> {
  // PostgREST's list syntax: each value quoted, with its quotes and backslashes escaped.
  const list = skus.map((sku) => `"${sku.replace(/["\\]/g, '\\$&')}"`).join(',');
  const query = new URLSearchParams({ p_store_slug: store, p_locale: locale, select: 'sku,kind,name', sku: `in.(${list})` });
  const response = await fetch(`${__CARDCLUB_SUPABASE_URL__}/rest/v1/rpc/store_catalogue?${query}`, {
    headers: { apikey: __CARDCLUB_ANON_KEY__, authorization: `Bearer ${__CARDCLUB_ANON_KEY__}`, accept: 'application/json' },
  });
  // An unknown store is said by the store's own read; its products are then none.
  if (response.status === 404) return new Map();
  if (!response.ok) throw new Error(`Cardclub: loading the page's products failed with HTTP ${response.status}.`);
  const rows: unknown = await response.json();
  const products = new Map<string, PublicProduct>();
  for (const row of Array.isArray(rows) ? (rows as Record<string, unknown>[]) : []) {
    if (typeof row.sku === 'string' && (row.kind === 'regular' || row.kind === 'customized') && typeof row.name === 'string') products.set(row.sku, { kind: row.kind, name: row.name });
  }
  return products;
}
