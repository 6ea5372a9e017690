/**
 * The files of the stores the signed-in owner deleted, removed through the Storage API, which takes
 * their bytes with them: delete_store leaves the rows for this (migration 20261212000100), and the
 * console removes them at once after a deletion and on that owner's later console pages while any
 * is left (a closed tab, a failed request). The server answers a page of them a call
 * (deleted_store_files), so this removes what it got and asks again until none is left.
 */
import { z } from 'zod';
import { locales, type Locale } from '../../i18n/locales.ts';
import type { ApiError } from '../../components/console/ui/form-errors.ts';
import { supabase } from '../supabase.ts';
import { parse } from './result.ts';

const fileSchema = z.object({
  store_id: z.uuid(),
  store_name: z.string(),
  store_lang: z.enum(locales),
  bucket_id: z.string(),
  name: z.string(),
});
type LeftFile = z.infer<typeof fileSchema>;

/** A deleted store whose files this page met. */
export interface StoreWithFiles {
  storeId: string;
  name: string;
  lang: Locale;
}

/** What the removal reads and removes through: the browser's client, or a test's. */
export interface FilesClient {
  rpc(fn: 'deleted_store_files'): PromiseLike<{ data: unknown; error: ApiError | null }>;
  storage: { from(bucket: string): { remove(names: string[]): PromiseLike<{ data: { name: string }[] | null; error: { message: string } | null }> } };
}

export interface Removal {
  /** Every store met, those given as `known` first, in the order they were deleted. */
  stores: StoreWithFiles[];
  error: ApiError | null;
  /** Given up because the login changed (`stillSignedIn`): nothing to say to the next one. */
  stopped: boolean;
}

/** Storage removes at most this many names a request. */
const removeNames = 1000;

/** One bucket's files, in requests Storage takes: how many it removed, or its refusal. */
async function removeFromBucket(client: FilesClient, bucket: string, names: string[]): Promise<number | ApiError> {
  let removed = 0;
  for (let start = 0; start < names.length; start += removeNames) {
    const answer = await client.storage.from(bucket).remove(names.slice(start, start + removeNames));
    if (answer.error) return { code: 'storage', message: answer.error.message };
    removed += answer.data?.length ?? 0;
  }
  return removed;
}

/**
 * Removes every file left of the caller's deleted stores. Storage answers only what it removed,
 * so a round removing nothing is read again: files another tab removed meanwhile are gone from
 * the list (done), the same files still listed are refused to this login (an error, not a loop).
 * `progress` hears the stores as they are met; `stillSignedIn` is asked before each request, and
 * a login signed out (or another signed in) stops the removal where it is.
 */
export async function removeDeletedStoreFiles({
  client = supabase(),
  known = [],
  progress = () => {},
  stillSignedIn = () => true,
}: {
  client?: FilesClient;
  known?: readonly StoreWithFiles[];
  progress?: (stores: StoreWithFiles[]) => void;
  stillSignedIn?: () => boolean;
} = {}): Promise<Removal> {
  const stores = new Map(known.map((store) => [store.storeId, store]));
  const answer = (error: ApiError | null, stopped = false): Removal => ({ stores: [...stores.values()], error, stopped });
  let stuck: string | null = null;
  for (;;) {
    if (!stillSignedIn()) return answer(null, true);
    const left = parse(z.array(fileSchema), await client.rpc('deleted_store_files'));
    if (!left.ok) return answer(left.error);
    if (left.data.length === 0) return answer(null);
    const listed = left.data.map((file) => `${file.bucket_id}/${file.name}`).join('\n');
    if (listed === stuck) return answer({ code: 'storage', message: 'Storage kept files this login was listed to remove' });
    for (const file of left.data) {
      if (!stores.has(file.store_id)) stores.set(file.store_id, { storeId: file.store_id, name: file.store_name, lang: file.store_lang });
    }
    progress([...stores.values()]);
    const byBucket = new Map<string, LeftFile[]>();
    for (const file of left.data) {
      const files = byBucket.get(file.bucket_id);
      if (files) files.push(file);
      else byBucket.set(file.bucket_id, [file]);
    }
    let removed = 0;
    for (const [bucket, files] of byBucket) {
      if (!stillSignedIn()) return answer(null, true);
      const gone = await removeFromBucket(client, bucket, files.map((file) => file.name));
      if (typeof gone !== 'number') return answer(gone);
      removed += gone;
    }
    stuck = removed === 0 ? listed : null;
  }
}
