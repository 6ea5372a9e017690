/**
 * The store an owner just deleted, said once by the console's store list it goes to: the page it
 * was deleted from is left for /console/, and the name is kept for that one next page in this
 * tab's sessionStorage (not the address, where a reload or a shared link would say it again).
 * Taken when the signed-in console draws, not before: a sign-in form shown first keeps it for the
 * screen after. Kept with the time it was deleted, and not said after a minute: a tab whose next
 * console page came much later (a failed redirect, a session ended) would announce old news.
 * Storage that refuses (a private window's quota, a blocked site) costs the sentence, not the
 * deletion.
 */
import { z } from 'zod';
import { locales } from '../../i18n/locales.ts';

const key = 'cardclub.deletedStore';
/** Long enough for the redirect and a slow load of /console/, short enough to be this deletion's. */
const freshFor = 60_000;
const deletedSchema = z.object({ name: z.string().min(1), lang: z.enum(locales), at: z.number() });
export type DeletedStore = Omit<z.infer<typeof deletedSchema>, 'at'>;

export function rememberDeletedStore(store: DeletedStore, now = Date.now()): void {
  try {
    sessionStorage.setItem(key, JSON.stringify({ ...store, at: now }));
  } catch {
    // Not kept: the store list shows without the sentence.
  }
}

/** The store deleted just before, once: read and forgotten. */
export function takeDeletedStore(now = Date.now()): DeletedStore | null {
  try {
    const stored = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    const parsed = deletedSchema.safeParse(JSON.parse(stored ?? 'null'));
    if (!parsed.success || now - parsed.data.at > freshFor || parsed.data.at > now) return null;
    return { name: parsed.data.name, lang: parsed.data.lang };
  } catch {
    return null;
  }
}
