/**
 * What this tab knows of the e-mail change waiting that the auth server does not say: which of
 * its two codes were accepted (the server keeps it, email_change_confirm_status, but gives it to
 * no client) and whether its last code met an address another login had taken meanwhile. Kept
 * in sessionStorage for that request only, named by its new address and its codes' time (asked
 * again, the codes and what they did are new), so a reload or "Not now" does not ask again for a
 * code already used up. Without zod: a sign-out forgets it, and session.ts loads on every page.
 */

/** Which of the two codes: the one sent to the address signed in with, or to the new one. */
export type Side = 'current' | 'new';

/** A change waiting, as the session's user says it: its new address and when its codes went out. */
export type Pending = { email: string; sentAt: number };

export type Remembered = Pending & { accepted: readonly Side[]; taken: boolean };

const key = 'cardclub.email-change';

/** Where storage refuses, the page itself remembers, until it is left. */
let kept: Remembered | null = null;

function stored(): Remembered | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Partial<Remembered> | null;
    if (
      typeof value?.email === 'string' &&
      typeof value.sentAt === 'number' &&
      Array.isArray(value.accepted) &&
      value.accepted.every((side) => side === 'current' || side === 'new') &&
      typeof value.taken === 'boolean'
    ) {
      return value as Remembered;
    }
  } catch {
    // Storage refused or held something else: what the page kept stands.
  }
  return kept;
}

/** What is known of `pending`: nothing yet unless this tab saw one of its codes answered. */
export function rememberedFor(pending: Pending): Remembered {
  const known = stored();
  return known && known.email === pending.email && known.sentAt === pending.sentAt
    ? known
    : { ...pending, accepted: [], taken: false };
}

export function remember(known: Remembered): void {
  kept = known;
  try {
    sessionStorage.setItem(key, JSON.stringify(known));
  } catch {
    // Storage refused: kept for this page only.
  }
}

/** At sign-out: the new address asked for is not left for whoever uses this tab next. */
export function forgetEmailChange(): void {
  kept = null;
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Storage refused: nothing was kept there.
  }
}
