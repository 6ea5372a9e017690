/**
 * Where pending.ts keeps a store's exchange in progress, apart from it so that the store page
 * can ask whether there is one, and a sign-out forget them all, without loading zod and the
 * card's schema.
 */
const prefix = 'cardclub.join.';

export const pendingKey = (slug: string) => `${prefix}${slug}`;

/** Whether this browser keeps an exchange in progress at `slug`; what it holds is for pending.ts to check. */
export function hasPending(slug: string): boolean {
  try {
    return localStorage.getItem(pendingKey(slug)) !== null;
  } catch {
    return false;
  }
}

/** Forgets every store's exchange in progress: the card typed is not left for whoever uses this browser next. */
export function forgetPendingJoins(): void {
  try {
    const keys = Array.from({ length: localStorage.length }, (_, index) => localStorage.key(index));
    for (const key of keys) if (key?.startsWith(prefix)) localStorage.removeItem(key);
  } catch {
    // Storage refused: nothing was kept.
  }
}
