/**
 * Public reads of a store for its portal page: the store with its merchant's card, its tiers,
 * how many exclusive products each tier unlocks, and its public products — with the merchant's
 * text in the page's language (the RPCs apply the fallback). A signed-in member's token makes
 * the catalogue carry their own price. Plain fetch (public-api.ts), not supabase-js, so a
 * visitor's page stays small. Every response is validated, so a schema change shows up as one
 * clear error here instead of odd rendering elsewhere.
 */
// zod/mini: the same validation as zod's classic API in a fraction of the bytes, for the one
// page every visitor loads first; member-api.ts composes `tierSchema` into its classic schemas.
import * as z from 'zod/mini';
import type { Locale } from '../i18n/locales.ts';
import { PublicApiError, publicRpc, withImageUrls } from './public-api.ts';
import type { TierRights } from './tier-rights.ts';

// PostgREST sends `numeric` as JSON numbers, but some proxies and older versions send strings.
const amount = z.coerce.number().check(z.nonnegative());
const text = z.nullable(z.string());
const count = z.number().check(z.int(), z.nonnegative());

/** A tier with its rights as `store_profile` and `my_membership` give it (shared with member-api). */
export const tierSchema = z.object({
  id: z.uuid(),
  rank: count,
  name: z.string(),
  name_lang: z.string(),
  min_paid_orders: count,
  min_paid_amount: amount,
  discount_percent: amount,
  prepay_regular_percent: amount,
  prepay_customized_percent: amount,
  sample_quota: z.nullable(count),
  free_freight: z.boolean(),
  logistics_upgrade: z.boolean(),
  priority_delivery: z.boolean(),
  points_multiplier: amount,
  rebate_percent: amount,
  perks: z.pipe(z.nullable(z.array(z.string())), z.transform((perks) => perks ?? [])),
  perks_lang: z.nullable(z.string()),
}) satisfies z.ZodMiniType<TierRights & { id: string }>;

/** A gift-pack coupon as the store advertises it: no code, which only a member holding it sees. */
const giftCouponSchema = z.object({
  kind: z.enum(['percent', 'amount']),
  value: amount,
  currency: text,
  min_order_amount: z.nullable(amount),
  valid_until: text,
  description: text,
  description_lang: text,
});

/** What a company joining now receives; null when the store gives nothing on joining. */
const giftPackSchema = z.nullable(z.object({ points: count, coupons: z.array(giftCouponSchema) }));

/** The merchant's business card as `store_profile` gives it: null until an owner writes one (shared with member-api). */
export const merchantCardSchema = z.nullable(
  z.object({
    title: text,
    title_lang: text,
    contact_name: text,
    contact_title: text,
    contact_title_lang: text,
    email: text,
    phone: text,
    whatsapp: text,
    wechat: text,
    website: text,
    address: text,
    address_lang: text,
    introduction: text,
    introduction_lang: text,
    logo_path: text,
  }),
);

const profileSchema = z.object({
  store: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    /** The language `name` is written in, to mark a fallback with its `lang`. */
    name_lang: z.string(),
    /** ISO 4217; tier thresholds are in this currency. */
    base_currency: z.string().check(z.length(3)),
    default_locale: z.string(),
    /** Rolling window of paid orders the tier rules count. */
    statistical_period_days: z.number().check(z.int(), z.positive()),
    /** Rolling window a tier's free-sample quota counts claims in. */
    sample_period_days: z.number().check(z.int(), z.positive()),
    /**
     * Points per unit of `base_currency` paid, which a tier's points multiplier multiplies; 0 from a
     * server before migration 20261226000800, so the cards say no rate rather than fail.
     */
    points_per_currency_unit: z.pipe(z.optional(amount), z.transform((value) => value ?? 0)),
    brand_color: z.pipe(z.optional(z.nullable(z.string())), z.transform((value) => value ?? null)),
    embed_origins: z.pipe(z.optional(z.array(z.string())), z.transform((value) => value ?? [])),
    /** True while the store's owners have paused taking new members (set_joining_paused). */
    joining_paused: z.pipe(z.optional(z.boolean()), z.transform((value) => value ?? false)),
  }),
  card: merchantCardSchema,
  tiers: z.pipe(z.array(tierSchema), z.transform((tiers) => tiers.toSorted((a, b) => a.rank - b.rank))),
  gift_pack: giftPackSchema,
  /** The signed-in login had this store's gift pack in an earlier membership: joining again gives none (false signed out). */
  gift_pack_received_before: z.boolean(),
});

const teaserSchema = z.object({ rank: count, exclusive_products: count });

const productSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The language `name` is written in, to mark a fallback with its `lang`. */
  name_lang: z.string(),
  kind: z.enum(['regular', 'customized']),
  list_price: amount,
  /** The caller's own price (after their tier's discount); null for visitors and non-members. */
  member_price: z.nullable(amount),
  /** ISO 4217; every price carries its own currency. */
  currency: z.string().check(z.length(3)),
  /** The photo staff uploaded, in the private product-images bucket (readable as the product row is). */
  image_path: z.nullable(z.string()),
});

const memberSchema = z.nullable(z.object({ tier: z.object({ id: z.uuid(), name: z.string(), name_lang: z.string() }) }));

export type Tier = z.infer<typeof tierSchema>;
/** A product as the store page lists it, its photo as a signed address (null without one, or when signing failed). */
export type Product = z.infer<typeof productSchema> & { image_url: string | null };
export type Profile = z.infer<typeof profileSchema>;
export type GiftPackOffer = NonNullable<Profile['gift_pack']>;
export type Store = Profile['store'];

export interface StorePage extends Profile {
  /** Exclusive (non-public) products each tier unlocks, by rank. */
  teasers: Map<number, number>;
  /** The first page of public products (productPageSize); `moreProducts` when others follow. */
  products: Product[];
  moreProducts: boolean;
  /** The signed-in visitor's tier here, or null (a visitor, or a login that is not a member). */
  membership: { tierId: string; tierName: string; tierNameLang: string } | null;
}

/** A failed request or a response that does not have the expected shape. */
export class StoreApiError extends Error {
  override name = 'StoreApiError';
}

function parse<T>(schema: z.ZodMiniType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new StoreApiError(`Unexpected ${what} from the API: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** `store_profile`'s answer, checked: the store page's and the business-card exchange's one reading of it. */
export function parseStoreProfile(data: unknown): Profile {
  return parse(profileSchema, data, 'store');
}

/**
 * The store's public page data with the merchant's text in `locale`, or null when no store has
 * that slug. Products (a first page of them) come in the catalogue's order: by name in `locale`'s collation. With a
 * signed-in member's `token`, products carry their own price and `membership` their tier.
 */
export async function fetchStorePage(slug: string, locale: Locale, token?: string): Promise<StorePage | null> {
  const args = { p_store_slug: slug, p_locale: locale };
  try {
    const [profile, teasers, products, member] = await Promise.all([
      publicRpc('store_profile', args, { token }),
      publicRpc('tier_teasers', args, { token, query: 'select=rank,exclusive_products' }),
      fetchProductPage(slug, locale, token, 0),
      token ? publicRpc('my_membership', args, { token }) : Promise.resolve(null),
    ]);
    const tier = parse(memberSchema, member, 'membership')?.tier;
    return {
      ...parseStoreProfile(profile),
      teasers: new Map(parse(z.array(teaserSchema), teasers, 'teasers').map((row) => [row.rank, row.exclusive_products])),
      products: products.products,
      moreProducts: products.more,
      membership: tier ? { tierId: tier.id, tierName: tier.name, tierNameLang: tier.name_lang } : null,
    };
  } catch (error) {
    if (error instanceof PublicApiError && error.code === 'PT404') return null;
    if (error instanceof PublicApiError) throw new StoreApiError(`Loading store "${slug}" failed: ${error.message}`);
    throw error;
  }
}

/** The store's name as anyone reads it (store_profile is public), in the language the engine picks for `locale`; null when no store has that slug. */
export async function fetchStoreName(slug: string, locale: Locale): Promise<{ name: string; lang: string } | null> {
  try {
    const { store } = parseStoreProfile(await publicRpc('store_profile', { p_store_slug: slug, p_locale: locale }));
    return { name: store.name, lang: store.name_lang };
  } catch (error) {
    if (error instanceof PublicApiError && error.code === 'PT404') return null;
    throw error;
  }
}

/** Public products shown at a time: a store may list thousands, and a phone draws only these. */
export const productPageSize = 24;

async function fetchProductPage(slug: string, locale: Locale, token: string | undefined, offset: number): Promise<{ products: Product[]; more: boolean }> {
  // Filtered and cut by the function's parameters, not PostgREST's: those apply after the
  // function has built the whole catalogue. One row past the page tells whether another follows.
  const rows = await publicRpc(
    'store_catalogue',
    { p_store_slug: slug, p_locale: locale, p_visibility: ['public'], p_limit: productPageSize + 1, p_offset: offset },
    { token, query: 'select=id,name,name_lang,kind,list_price,member_price,currency,image_path' },
  );
  const products = parse(z.array(productSchema), rows, 'products');
  return { products: await withImageUrls(products.slice(0, productPageSize), token), more: products.length > productPageSize };
}

/** The public products after the first `offset`, in the catalogue's order (see fetchStorePage). */
export async function fetchMoreProducts(slug: string, locale: Locale, offset: number, token?: string): Promise<{ products: Product[]; more: boolean }> {
  try {
    return await fetchProductPage(slug, locale, token, offset);
  } catch (error) {
    if (error instanceof PublicApiError) throw new StoreApiError(`Loading more products of "${slug}" failed: ${error.message}`);
    throw error;
  }
}
