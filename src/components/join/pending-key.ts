/**
 * Where pending.ts keeps a store's exchange in progress, apart from it so that the store page
 * can ask whether there is one without loading zod and the card's schema.
 */
export const pendingKey = (slug: string) => `cardclub.join.${slug}`;

/** Whether this tab keeps an exchange in progress at `slug`; what it holds is for pending.ts to check. */
export function hasPending(slug: string): boolean {
  try {
    return sessionStorage.getItem(pendingKey(slug)) !== null;
  } catch {
    return false;
  }
}
