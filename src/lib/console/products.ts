/**
 * The console's products: every product of the store (staff read inactive and exclusive ones
 * too), writes through the `products` table, and images in the private `product-images`
 * bucket at `<store_id>/<product_id>/<file>` (staff of the store write their folder; the list
 * shows them through short-lived signed URLs).
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { orThrow, parse } from './result.ts';
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
});
export type ProductRow = z.infer<typeof productRowSchema>;
export type ProductFields = Omit<ProductRow, 'id' | 'name_local' | 'text_langs' | 'image_path'>;

const columns = 'id, sku, name, name_local, text_langs, description, kind, price, currency, moq, visibility, min_tier_rank, image_path, active';

export async function loadProducts(storeId: string): Promise<ProductRow[]> {
  const answer = await supabase()
    .from('products')
    .select(columns)
    .eq('store_id', storeId)
    .order('active', { ascending: false })
    .order('sku');
  return orThrow(parse(z.array(productRowSchema), answer));
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

export async function saveProduct(storeId: string, id: string | null, fields: ProductFields) {
  const query = id ? supabase().from('products').update(fields).eq('id', id) : supabase().from('products').insert({ ...fields, store_id: storeId });
  return query.select('id').single();
}

export async function setActive(id: string, active: boolean) {
  return supabase().from('products').update({ active }).eq('id', id).select('id');
}

/** Uploads the image under the product's folder, points the product at it and removes the old file. */
export async function replaceImage(storeId: string, productId: string, file: File, fileName: string, previous: string | null) {
  const path = `${storeId}/${productId}/${fileName}`;
  const upload = await supabase().storage.from(imageBucket).upload(path, file, { contentType: file.type, upsert: false });
  if (upload.error) return { error: null, refused: storageProblem(upload.error) };
  const { error } = await supabase().from('products').update({ image_path: path }).eq('id', productId);
  if (error) {
    await supabase().storage.from(imageBucket).remove([path]);
    return { error };
  }
  if (previous) await supabase().storage.from(imageBucket).remove([previous]);
  return { error: null };
}
