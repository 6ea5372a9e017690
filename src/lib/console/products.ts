/**
 * The console's products: every product of the store (staff read inactive and exclusive ones
 * too), (de)activation through the `products` table, and images in the private `product-images`
 * bucket at `<store_id>/<product_id>/<file>` (staff of the store write their folder; the list
 * shows them through short-lived signed URLs). A product is saved with its tiers' own prices
 * through save_product, in one transaction.
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { fieldChanges } from '../read-again.ts';
import { orThrow, parse, type Result } from './result.ts';
import { storageProblem, type UploadRules } from '../../components/console/ui/upload-refusal.ts';

export const productRowSchema = z.object({
  id: z.uuid(),
  sku: z.string(),
  name: z.record(z.string(), z.string()),
  name_local: z.string().nullable(),
  /** The language each `_local` text came in, for its `lang` attribute. */
  text_langs: z.record(z.string(), z.string().nullable()).nullable(),
  description: z.record(z.string(), z.string()),
  kind: z.enum(['regular', 'customized']),
  price: z.coerce.number(),
  currency: z.string().length(3),
  moq: z.number().int(),
  visibility: z.enum(['public', 'members', 'tier']),
  min_tier_rank: z.number().int(),
  image_path: z.string().nullable(),
  active: z.boolean(),
  /** Tiers' own prices of the product (product_tier_prices): each replaces its tier's discount. */
  tier_prices: z.array(z.object({ tier_id: z.uuid(), price: z.coerce.number() })),
});
export type ProductRow = z.infer<typeof productRowSchema>;
export type ProductFields = Omit<ProductRow, 'id' | 'name_local' | 'text_langs' | 'image_path' | 'tier_prices'>;
/** A tier's own price by tier id: the whole set a product keeps. */
export type TierPrices = Record<string, number>;

/** A product's tiers' prices as read: save_product is told the set it replaces. */
const tierPricesOf = (product: ProductRow): TierPrices => Object.fromEntries(product.tier_prices.map((own) => [own.tier_id, own.price]));
/** A product's own fields as read, image_path included: save_product is told the product it replaces. */
const fieldsOf = ({ sku, name, description, kind, price, currency, moq, visibility, min_tier_rank, image_path, active }: ProductRow) =>
  ({ sku, name, description, kind, price, currency, moq, visibility, min_tier_rank, image_path, active });

const columns = 'id, sku, name, name_local, text_langs, description, kind, price, currency, moq, visibility, min_tier_rank, image_path, active, tier_prices:product_tier_prices(tier_id, price)';

export async function loadProducts(storeId: string): Promise<ProductRow[]> {
  const answer = await supabase()
    .from('products')
    .select(columns)
    .eq('store_id', storeId)
    .order('active', { ascending: false })
    .order('sku');
  return orThrow(parse(z.array(productRowSchema), answer));
}

/** One product of the store as the list reads it: the editor reads it again after a save refused over someone else's change. */
export async function loadProduct(storeId: string, id: string) {
  return parse(productRowSchema, await supabase().from('products').select(columns).eq('store_id', storeId).eq('id', id).single());
}

/** A product's fields as the editor names them: its own prices as one (`tier_prices`), its image as `image`. */
export type EditedField = keyof ProductFields | 'tier_prices' | 'image';

const editedFields = ['sku', 'name', 'description', 'kind', 'price', 'currency', 'moq', 'visibility', 'min_tier_rank', 'active'] as const;

/**
 * A save refused because someone else changed the product since `read`, the product read again
 * (`now`): what the editor shows next and which fields someone else changed (fieldChanges), what
 * staff typed being `typed` and `prices`. A new image chosen stays chosen.
 */
export function reread(read: ProductRow, now: ProductRow, typed: ProductFields, prices: TierPrices, newImage: boolean) {
  const shown: ProductRow = { ...now };
  const { weigh, changes } = fieldChanges<EditedField>();
  for (const field of editedFields) {
    if (weigh(field, typed[field], read[field], now[field])) Object.assign(shown, { [field]: typed[field] });
  }
  if (weigh('tier_prices', prices, tierPricesOf(read), tierPricesOf(now))) {
    shown.tier_prices = Object.entries(prices).map(([tier_id, price]) => ({ tier_id, price }));
  }
  // A new image chosen is never what they saved ('' names no object).
  weigh('image', newImage ? '' : read.image_path, read.image_path, now.image_path);
  return { shown, ...changes };
}

/**
 * Whether `search` (trimmed, any case) is in the product's SKU or its name in any language: the
 * list holds every product of the store already, so it is searched where it is shown.
 */
export function productMatches(product: Pick<ProductRow, 'sku' | 'name'>, search: string): boolean {
  const wanted = search.trim().toLocaleLowerCase();
  return [product.sku, ...Object.values(product.name)].some((text) => text.toLocaleLowerCase().includes(wanted));
}

export const imageBucket = 'product-images';
/** The bucket's allowed_mime_types and file_size_limit (20261124000200_membership_engine.sql). */
export const imageUpload: UploadRules = { target: 'productImage', types: ['image/jpeg', 'image/png', 'image/webp', 'image/avif'], maxBytes: 5 * 1024 * 1024 };

/** Signed URLs (an hour) for the images of the listed products, by path. */
export async function signedImageUrls(paths: string[]): Promise<Map<string, string>> {
  if (paths.length === 0) return new Map();
  const { data, error } = await supabase().storage.from(imageBucket).createSignedUrls(paths, 3600);
  if (error) return new Map();
  return new Map(data.flatMap((entry) => (entry.path && entry.signedUrl ? [[entry.path, entry.signedUrl] as const] : [])));
}

/** An image checked by the console, to be stored under the product's folder as `fileName`. */
export interface ProductImage {
  file: File;
  fileName: string;
}

/**
 * Saves a product, new (`read` null) or as it was read, with its tiers' own prices (the whole set:
 * a tier left out gets its discount) and its new image if one is given, product and prices in one
 * transaction (save_product). The fields and prices read go with them: when another member of staff
 * changed them since, the save is refused (on `product_read` or `tier_prices_read`) rather than
 * overwriting or deleting their change unseen. The image goes up first and the row is written with its path in the same call:
 * written first, a row whose image Storage then refused was left behind as a product without it,
 * and a new one's editor, still "new", inserted it again on the next Save ("SKU taken"). Nothing
 * is written when Storage refuses (`refused`); an image whose row is refused (a SKU taken) is
 * removed again. The object's path must name the product (products_image_in_store_folder), so a
 * new product's id is chosen here, before it exists. The image replaced is removed once the row
 * points at the new one.
 */
export async function saveProduct(storeId: string, read: ProductRow | null, fields: ProductFields, tierPrices: TierPrices, image: ProductImage | null) {
  const productId = read?.id ?? crypto.randomUUID();
  const previousImage = read?.image_path ?? null;
  const path = image ? `${storeId}/${productId}/${image.fileName}` : null;
  if (image && path) {
    const upload = await supabase().storage.from(imageBucket).upload(path, image.file, { contentType: image.file.type, upsert: false });
    if (upload.error) return { error: null, refused: storageProblem(upload.error) };
  }
  const answer = parse(z.unknown(), await supabase().rpc('save_product', {
    p_store_id: storeId,
    p_product_id: productId,
    p_new: read === null,
    p_product: path ? { ...fields, image_path: path } : fields,
    p_tier_prices: tierPrices,
    ...(read && { p_product_read: fieldsOf(read), p_tier_prices_read: tierPricesOf(read) }),
  }));
  if (!answer.ok) {
    // Only a refusal the server answered: a write whose answer was lost (no code) may have
    // committed, and its row would point at a removed image.
    if (path && answer.error.code) await supabase().storage.from(imageBucket).remove([path]);
    return { error: answer.error, refused: null };
  }
  if (path && previousImage) await supabase().storage.from(imageBucket).remove([previousImage]);
  return { error: null, refused: null };
}

export async function setActive(id: string, active: boolean): Promise<Result<unknown>> {
  return parse(z.unknown(), await supabase().from('products').update({ active }).eq('id', id).select('id'));
}

