/**
 * Public reads of a store for its portal page: the store, its tiers and its public products,
 * through PostgREST with the anon key (or the visitor's session), the merchant's text in the
 * page's language (the `store_profile` and `store_catalogue` RPCs apply the fallback). Every
 * response is validated, so a schema change shows up as one clear error here instead of odd
 * rendering elsewhere.
 */
import type { Client } from './supabase.ts';
import { z } from 'zod';
import type { Locale } from '../i18n/locales.ts';
import type { TierRights } from './tier-rights.ts';

// PostgREST sends `numeric` as JSON numbers, but some proxies and older versions send strings.
const amount = z.coerce.number().nonnegative();

const tierSchema = z.object({
  id: z.uuid(),
  rank: z.number().int().nonnegative(),
  name: z.string(),
  name_lang: z.string(),
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
  perks_lang: z.string().nullable(),
}) satisfies z.ZodType<TierRights & { id: string }>;

const profileSchema = z.object({
  store: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    /** ISO 4217; tier thresholds are in this currency. */
    base_currency: z.string().length(3),
    default_locale: z.string(),
    /** Rolling window of paid orders the tier rules count. */
    statistical_period_days: z.number().int().positive(),
  }),
  tiers: z.array(tierSchema).transform((tiers) => tiers.toSorted((a, b) => a.rank - b.rank)),
});

const productSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The language `name` is written in, to mark a fallback with its `lang`. */
  name_lang: z.string(),
  kind: z.enum(['regular', 'customized']),
  list_price: amount,
  /** ISO 4217; every price carries its own currency. */
  currency: z.string().length(3),
});

export type Tier = z.infer<typeof tierSchema>;
export type Product = z.infer<typeof productSchema>;
export type Store = z.infer<typeof profileSchema>['store'];

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

/**
 * The store's public page data with the merchant's text in `locale`, or null when no store has
 * that slug. Products come in the catalogue's order: by name in `locale`'s collation.
 */
export async function fetchStorePage(client: Client, slug: string, locale: Locale): Promise<StorePage | null> {
  const profile = await client.rpc('store_profile', { p_store_slug: slug, p_locale: locale });
  if (profile.error?.code === 'PT404') return null;
  if (profile.error) throw new StoreApiError(`Loading store "${slug}" failed: ${profile.error.message}`);
  const { store, tiers } = parse(profileSchema, profile.data, 'store');

  // The filtered column is selected too: PostgREST 12 filters a function's result after the
  // select, so `visibility` unselected answers 400 "column record.visibility does not exist"
  // (PostgREST/postgrest#3965).
  const products = await client
    .rpc('store_catalogue', { p_store_slug: slug, p_locale: locale })
    .select('id,name,name_lang,kind,list_price,currency,visibility')
    .eq('visibility', 'public');
  if (products.error) throw new StoreApiError(`Loading products of "${slug}" failed: ${products.error.message}`);
  return { store, tiers, products: parse(z.array(productSchema), products.data, 'products') };
}
