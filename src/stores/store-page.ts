/**
 * The public store page's data. The store comes from `?s=<slug>` because one static build
 * serves every store, including those created after it.
 */
import { atom, onMount, task } from 'nanostores';
import { fetchStorePage, type StorePage } from '../lib/store-api.ts';
import { supabase } from '../lib/supabase.ts';
import { $locale } from './locale.ts';

export type StorePageState =
  | { status: 'loading'; slug: string }
  | { status: 'missing-slug' }
  | { status: 'not-found'; slug: string }
  | { status: 'failed'; slug: string }
  | { status: 'ready'; slug: string; page: StorePage };

export const $storePage = atom<StorePageState>({ status: 'missing-slug' });

function slugFromLocation(): string | null {
  return new URLSearchParams(window.location.search).get('s')?.trim() || null;
}

/** Loads (or reloads, after a failure) the store named in the page's address. */
export function loadStorePage(): Promise<void> {
  const slug = slugFromLocation();
  if (!slug) {
    $storePage.set({ status: 'missing-slug' });
    return Promise.resolve();
  }
  $storePage.set({ status: 'loading', slug });
  return task(async () => {
    try {
      const page = await fetchStorePage(supabase(), slug, $locale.get());
      $storePage.set(page ? { status: 'ready', slug, page } : { status: 'not-found', slug });
    } catch (error) {
      console.error(error);
      $storePage.set({ status: 'failed', slug });
    }
  });
}

onMount($storePage, () => {
  void loadStorePage();
});
