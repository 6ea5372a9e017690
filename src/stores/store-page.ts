/**
 * The public store page's data. The store comes from `?s=<slug>` because one static build
 * serves every store, including those created after it. A visitor's page loads no
 * supabase-js: only when this browser holds a session does the page load the session store
 * (shared with every other island, refreshed by supabase-js) and ask again with its token, so
 * a signed-in member sees their own prices.
 */
import { atom, onMount, task } from 'nanostores';
import { showStoreColor } from '../lib/brand-color.ts';
import { hasStoredSession } from '../lib/public-api.ts';
import { slugFromQuery } from '../lib/query-slug.ts';
import { fetchMoreProducts, fetchStorePage, type StorePage } from '../lib/store-api.ts';
import { $locale } from './locale.ts';

export type StorePageState =
  | { status: 'loading'; slug: string }
  | { status: 'missing-slug' }
  | { status: 'not-found'; slug: string }
  | { status: 'failed'; slug: string }
  | { status: 'ready'; slug: string; page: StorePage };

export const $storePage = atom<StorePageState>({ status: 'missing-slug' });

/** The stored session's access token, once supabase-js has read (and if needed refreshed) it. */
async function storedToken(): Promise<string | null> {
  if (!hasStoredSession()) return null;
  const { $session } = await import('./session.ts');
  const session = await new Promise<Awaited<ReturnType<typeof $session.get>>>((resolve) => {
    const stop = $session.subscribe((value) => {
      if (value === undefined) return;
      queueMicrotask(() => stop());
      resolve(value);
    });
  });
  return session?.access_token ?? null;
}

/** Loads (or reloads, after a failure or a sign-in) the store named in the page's address. */
export function loadStorePage(): Promise<void> {
  const slug = slugFromQuery();
  if (!slug) {
    $storePage.set({ status: 'missing-slug' });
    return Promise.resolve();
  }
  if ($storePage.get().status !== 'ready') $storePage.set({ status: 'loading', slug });
  return task(async () => {
    try {
      const token = await storedToken();
      const page = await fetchStorePage(slug, $locale.get(), token ?? undefined);
      if (page) showStoreColor(page.store.brand_color);
      $storePage.set(page ? { status: 'ready', slug, page } : { status: 'not-found', slug });
    } catch (error) {
      console.error(error);
      $storePage.set({ status: 'failed', slug });
    }
  });
}

/** Loading the next page of products: under way, or failed (the button then offers it again). */
export const $moreProducts = atom<'idle' | 'loading' | 'failed'>('idle');

/** Appends the next page of public products to a loaded page. */
export async function loadMoreProducts(): Promise<void> {
  const state = $storePage.get();
  if (state.status !== 'ready' || $moreProducts.get() === 'loading') return;
  $moreProducts.set('loading');
  try {
    const token = await storedToken();
    const next = await fetchMoreProducts(state.slug, $locale.get(), state.page.products.length, token ?? undefined);
    const current = $storePage.get();
    // A reload (a sign-in) in the meantime replaced the page: its own first page stands.
    if (current !== state) return void $moreProducts.set('idle');
    $storePage.set({ ...state, page: { ...state.page, products: [...state.page.products, ...next.products], moreProducts: next.more } });
    $moreProducts.set('idle');
  } catch (error) {
    console.error(error);
    $moreProducts.set('failed');
  }
}

onMount($storePage, () => {
  void loadStorePage();
});
