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

/**
 * Those of `skus` that are public products of the store, with their names in `locale`: one request
 * per 50 SKUs, the most store_catalogue's `p_skus` takes. A SKU over its 100 characters (counted
 * as the database counts them, not in UTF-16 units) is not sent, so that it cannot make the others
 * refused: a product's SKU has at most 64 besides spaces around it.
 */
export async function publicProducts(store: string, skus: string[], locale: Locale): Promise<Map<string, PublicProduct>> {
  const products = new Map<string, PublicProduct>();
  const asked = skus.filter((sku) => [...sku].length <= 100);
  const reads = [];
  for (let at = 0; at < asked.length; at += 50) reads.push(read(store, asked.slice(at, at + 50), locale, products));
  await Promise.all(reads);
  return products;
}

async function read(store: string, skus: string[], locale: Locale, products: Map<string, PublicProduct>): Promise<void> {
  // An array literal: each SKU quoted, with its quotes and backslashes escaped (a SKU may hold commas).
  const list = skus.map((sku) => `"${sku.replace(/["\\]/g, '\\$&')}"`).join(',');
  const query = new URLSearchParams({ p_store_slug: store, p_locale: locale, p_skus: `{${list}}`, select: 'sku,kind,name' });
  const response = await fetch(`${__CARDCLUB_SUPABASE_URL__}/rest/v1/rpc/store_catalogue?${query}`, {
    headers: { apikey: __CARDCLUB_ANON_KEY__, authorization: `Bearer ${__CARDCLUB_ANON_KEY__}`, accept: 'application/json' },
  });
  // An unknown store is said by the store's own read; its products are then none.
  if (response.status === 404) return;
  if (!response.ok) throw new Error(`Cardclub: loading the page's products failed with HTTP ${response.status}.`);
  const rows: unknown = await response.json();
  for (const row of Array.isArray(rows) ? (rows as Record<string, unknown>[]) : []) {
    if (typeof row.sku === 'string' && (row.kind === 'regular' || row.kind === 'customized') && typeof row.name === 'string') products.set(row.sku, { kind: row.kind, name: row.name });
  }
}
