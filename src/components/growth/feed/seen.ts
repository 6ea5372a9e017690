/**
 * When this device last opened a store's feed, for the "new posts" count
 * (`my_new_posts_count(slug, since)`). Kept in localStorage under `cardclub.posts.seen.<slug>`
 * on the portal's origin, which the widget's frame (/embed/) shares.
 */
import { storedInstant, storeInstant } from '../../../lib/stored-instant.ts';

const key = (slug: string) => `cardclub.posts.seen.${slug}`;

export function lastSeen(slug: string): string | null {
  return storedInstant(key(slug));
}

/** Storage refused (private mode): the count simply stays as it was. */
export function markSeen(slug: string, at = new Date()): void {
  storeInstant(key(slug), at);
}
