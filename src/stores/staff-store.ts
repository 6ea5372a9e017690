/**
 * The stores the signed-in user staffs and the one the console is working on, shared by every
 * console island. Read from `store_staff` (RLS lets a user read the rows of stores they staff;
 * the filter on `user_id` keeps only their own) with each store embedded, validated with zod.
 * The read has the bound of a screen's (use-load `withinBound`): stalled,
 * "Loading your stores…" stayed for good on every console screen. Its failure is kept as the API's
 * error, for the console to say in the page's language as a screen's (refusals.ts
 * `failedLoadSentence`). A reload of stores already read (after a rename, a staff change) that
 * fails keeps them, its failure beside them (`refreshError`): put in their place, it took the
 * screen away and what was typed in its other forms, unasked.
 */
import { atom } from 'nanostores';
import { z } from 'zod';
import type { ApiError } from '../components/console/ui/form-errors.ts';
import { thrownError, withinBound } from '../components/console/ui/use-load.ts';
import type { Locale } from '../i18n/locales.ts';
import { parse } from '../lib/console/result.ts';
import { supabase } from '../lib/supabase.ts';

const staffStoreSchema = z.object({
  role: z.enum(['owner', 'staff']),
  stores: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    text_langs: z.object({ name: z.enum(['en', 'zh-CN', 'es']) }),
    names: z.record(z.string(), z.string()),
    base_currency: z.string().length(3),
    default_locale: z.enum(['en', 'zh-CN', 'es']),
    statistical_period_days: z.number().int(),
    sample_period_days: z.number().int(),
    // numeric(10,4): PostgREST sends a number, some proxies a string.
    points_per_currency_unit: z.coerce.number(),
  }),
});

/** A store the user staffs, as every console screen receives it. */
export interface StaffStore {
  id: string;
  slug: string;
  /** The name in the console's language (else the store's default), and the language it is in. */
  name: string;
  name_lang: Locale;
  /** The name in every language it has, as the owner wrote it (a card's title starts as it). */
  names: Record<string, string>;
  base_currency: string;
  default_locale: Locale;
  /** The tier qualifying period: paid orders are counted over it (settings reloads the stores). */
  statistical_period_days: number;
  /** The period each tier's free samples renew over (the product editor's tier table names it). */
  sample_period_days: number;
  /** Points per unit of the base currency paid, which each tier's multiplier multiplies (the tier editor says both). */
  points_per_currency_unit: number;
  role: 'owner' | 'staff';
}

export type StaffStoresState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; stores: StaffStore[]; refreshError?: ApiError }
  | { status: 'error'; error: ApiError };

/** Every store the user staffs, by name. */
export const $staffStores = atom<StaffStoresState>({ status: 'idle' });

/** The store chosen by `?s=` among `$staffStores`; null while none is chosen. */
export const $staffStore = atom<StaffStore | null>(null);

let loadingFor: string | null = null;
/** The latest load: an earlier one settling after it (a reload forced meanwhile) changes nothing. */
let generation = 0;

/**
 * Loads (or reloads, e.g. after `create_store` or a rename) the stores `userId` staffs. A reload's
 * failure is answered (null otherwise, or when a newer load took over), and kept beside the stores
 * for the console to say (`refreshError`), unless `saidByCaller`: the screen that asked says it
 * itself, by what was just done (Settings' save), and one notice, not two, asks to try again.
 */
export async function loadStaffStores(userId: string, { force = false, saidByCaller = false } = {}): Promise<ApiError | null> {
  const current = $staffStores.get();
  if (!force && loadingFor === userId && current.status !== 'error' && current.status !== 'idle') return null;
  loadingFor = userId;
  const mine = ++generation;
  if (current.status !== 'ready') $staffStores.set({ status: 'loading' });
  const read = () =>
    supabase()
      .from('store_staff')
      .select('role, stores(id, slug, name:name_local, text_langs, names:name, base_currency, default_locale, statistical_period_days, sample_period_days, points_per_currency_unit)')
      .eq('user_id', userId);
  const parsed = await withinBound(read).then((answer) => parse(z.array(staffStoreSchema), answer), (error: unknown) => ({ ok: false as const, error: thrownError(error) }));
  if (loadingFor !== userId || mine !== generation) return null;
  if (!parsed.ok) {
    const shown = $staffStores.get();
    $staffStores.set(shown.status === 'ready' ? { status: 'ready', stores: shown.stores, ...(saidByCaller ? {} : { refreshError: parsed.error }) } : { status: 'error', error: parsed.error });
    return parsed.error;
  }
  const stores = parsed.data
    .map(({ role, stores: { text_langs, ...store } }) => ({ ...store, name_lang: text_langs.name, role }))
    .sort((a, b) => a.name.localeCompare(b.name));
  $staffStores.set({ status: 'ready', stores });
  const chosen = $staffStore.get();
  if (chosen) $staffStore.set(stores.find((store) => store.id === chosen.id) ?? null);
  return null;
}

/** Forgets everything on sign-out, so the next login never sees the previous one's stores. */
export function clearStaffStores(): void {
  loadingFor = null;
  $staffStores.set({ status: 'idle' });
  $staffStore.set(null);
}
