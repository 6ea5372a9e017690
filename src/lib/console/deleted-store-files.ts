/**
 * The files of the stores the signed-in owner deleted, removed through the Storage API, which takes
 * their bytes with them: delete_store leaves the rows for this (migration 20261212000100), and the
 * console removes them at once after a deletion and on that owner's later console pages while any
 * is left (a closed tab, a failed request). The server answers 1,000 at most a call
 * (deleted_store_files), so this removes what it got and asks again until none is left.
 */
import { z } from 'zod';
import { locales, type Locale } from '../../i18n/locales.ts';
import type { ApiError } from '../../components/console/ui/form-errors.ts';
import { supabase } from '../supabase.ts';
import { parse, type Result } from './result.ts';

const fileSchema = z.object({
  store_id: z.uuid(),
  store_name: z.string(),
  store_lang: z.enum(locales),
  bucket_id: z.string(),
  name: z.string(),
});
type LeftFile = z.infer<typeof fileSchema>;

/** A deleted store's files, as far as this page has removed them. */
export interface DeletedStoreFiles {
  storeId: string;
  name: string;
  lang: Locale;
  removed: number;
}

/** Storage removes at most this many names a request. */
const removeNames = 1000;

/** The files left in one bucket, in requests Storage takes; what it removed, or its refusal. */
async function removeFromBucket(bucket: string, files: LeftFile[]): Promise<Result<LeftFile[]>> {
  const removed: LeftFile[] = [];
  for (let start = 0; start < files.length; start += removeNames) {
    const part = files.slice(start, start + removeNames);
    const answer = await supabase().storage.from(bucket).remove(part.map((file) => file.name));
    if (answer.error) return { ok: false, error: { code: 'storage', message: answer.error.message } };
    const gone = new Set(answer.data.map((object) => object.name));
    removed.push(...part.filter((file) => gone.has(file.name)));
  }
  return { ok: true, data: removed };
}

/**
 * Removes every file left of the caller's deleted stores. `progress` hears each store with what
 * is removed so far (stores in the order they were deleted); the answer is the same list, or the
 * refusal with the stores met so far. A round that removes nothing stops as a refusal: the files
 * are there but this login may not remove them, and asking again would loop.
 */
export async function removeDeletedStoreFiles(
  progress: (stores: DeletedStoreFiles[]) => void = () => {},
): Promise<{ stores: DeletedStoreFiles[]; error: ApiError | null }> {
  const stores = new Map<string, DeletedStoreFiles>();
  const seen = () => [...stores.values()];
  for (;;) {
    const left = parse(z.array(fileSchema), await supabase().rpc('deleted_store_files'));
    if (!left.ok) return { stores: seen(), error: left.error };
    if (left.data.length === 0) return { stores: seen(), error: null };
    for (const file of left.data) {
      if (!stores.has(file.store_id)) stores.set(file.store_id, { storeId: file.store_id, name: file.store_name, lang: file.store_lang, removed: 0 });
    }
    progress(seen());
    const byBucket = new Map<string, LeftFile[]>();
    for (const file of left.data) {
      const files = byBucket.get(file.bucket_id);
      if (files) files.push(file);
      else byBucket.set(file.bucket_id, [file]);
    }
    let removedNow = 0;
    for (const [bucket, files] of byBucket) {
      const removed = await removeFromBucket(bucket, files);
      if (!removed.ok) return { stores: seen(), error: removed.error };
      for (const file of removed.data) stores.get(file.store_id)!.removed += 1;
      removedNow += removed.data.length;
      progress(seen());
    }
    if (removedNow === 0) return { stores: seen(), error: { code: 'storage', message: 'Storage removed none of the files it was asked to remove' } };
  }
}
