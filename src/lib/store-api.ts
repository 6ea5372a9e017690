/**
 * Public reads of a store for its portal page: the store, its tiers and its public products,
 * through PostgREST with the anon key (or the visitor's session). Every response is validated,
 * so a schema change shows up as one clear error here instead of odd rendering elsewhere.
 */
import type { Client } from './supabase.ts';
import { z } from 'zod';
import { tierRightsColumns, type TierRights } from './tier-rights.ts';

// PostgREST sends `numeric` as JSON numbers, but some proxies and older versions send strings.
const amount = z.coerce.number().nonnegative();

const tierSchema = z.object({
  id: z.uuid(),
  rank: z.number().int().nonnegative(),
  name: z.string(),
  min_paid_orders: z.number().int().nonnegative(),
  min_paid_amount: amount,
  discount_percent: amount,
  prepay_regular_percent: amount,
  prepay_customized_percent: amount,
  sample_quota: z.number().int().nonnegative().nullable(),
  free_freight: z.boolean(),
  logistics_upgrade: z.boolean(),
  priority_delivery: z.boolean(),
  points_multiplier: amount,
  rebate_percent: amount,
  perks: z.array(z.string()).nullable().transform((perks) => perks ?? []),
}) satisfies z.ZodType<TierRights & { id: string }>;

const storeSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  /** ISO 4217; tier thresholds are in this currency. */
  base_currency: z.string().length(3),
  default_locale: z.string(),
  /** Rolling window of paid orders the tier rules count. */
  statistical_period_days: z.number().int().positive(),
  tiers: z.array(tierSchema).transform((tiers) => tiers.toSorted((a, b) => a.rank - b.rank)),
});

const productSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['regular', 'customized']),
  price: amount,
  /** ISO 4217; every price carries its own currency. */
  currency: z.string().length(3),
});

export type Tier = z.infer<typeof tierSchema>;
export type Product = z.infer<typeof productSchema>;
export type Store = Omit<z.infer<typeof storeSchema>, 'tiers'>;

export interface StorePage {
  store: Store;
  tiers: Tier[];
  products: Product[];
}

/** A failed request or a response that does not have the expected shape. */
export class StoreApiError extends Error {
  override name = 'StoreApiError';
}

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new StoreApiError(`Unexpected ${what} from the API: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** The store's public page data, or null when no store has that slug. */
export async function fetchStorePage(client: Client, slug: string): Promise<StorePage | null> {
  const stores = await client
    .from('stores')
    .select(`id,slug,name,base_currency,default_locale,statistical_period_days,tiers(id,${tierRightsColumns})`)
    .eq('slug', slug)
    .maybeSingle();
  if (stores.error) throw new StoreApiError(`Loading store "${slug}" failed: ${stores.error.message}`);
  if (!stores.data) return null;
  const { tiers, ...store } = parse(storeSchema, stores.data, 'store');

  const products = await client
    .from('products')
    .select('id,name,kind,price,currency')
    .eq('store_id', store.id)
    .eq('visibility', 'public')
    .eq('active', true)
    .order('name');
  if (products.error) throw new StoreApiError(`Loading products of "${slug}" failed: ${products.error.message}`);
  return { store, tiers, products: parse(z.array(productSchema), products.data, 'products') };
}
