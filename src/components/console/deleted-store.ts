/**
 * The store an owner just deleted, said once by the console's store list it goes to: the page it
 * was deleted from is left for /console/, and the name is kept for that one next page in this
 * tab's sessionStorage (not the address, where a reload or a shared link would say it again).
 * Storage that refuses (a private window's quota, a blocked site) costs the sentence, not the
 * deletion.
 */
import { z } from 'zod';

const key = 'cardclub.deletedStore';
const deletedSchema = z.object({ name: z.string(), lang: z.string() });
export type DeletedStore = z.infer<typeof deletedSchema>;

export function rememberDeletedStore(store: DeletedStore): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(store));
  } catch {
    // Not kept: the store list shows without the sentence.
  }
}

/** The store deleted just before, once: read and forgotten. */
export function takeDeletedStore(): DeletedStore | null {
  try {
    const stored = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    const parsed = deletedSchema.safeParse(JSON.parse(stored ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
