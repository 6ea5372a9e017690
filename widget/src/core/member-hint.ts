/**
 * Whether this browser was last seen signed in as a member of the store, kept in the merchant
 * page's own localStorage (`cardclub:member:<slug>` = `1`) so the next page view loads the
 * signed-in frame for the placements' member terms without a click, and a visitor's page loads
 * no frame at all. Not a secret and not a session: only the frame's report that a member is
 * signed in, which the placements then show the page anyway; the frame's next report (signed
 * out, or another person) clears it. A page that sets it itself only makes the frame load.
 */
const key = (store: string) => `cardclub:member:${store}`;

// Storage can be switched off or full; the hint is an optimisation, so its failures are ignored.
export function memberHint(store: string): boolean {
  try {
    return localStorage.getItem(key(store)) === '1';
  } catch {
    return false;
  }
}

export function setMemberHint(store: string, member: boolean): void {
  try {
    if (member) localStorage.setItem(key(store), '1');
    else localStorage.removeItem(key(store));
  } catch {
    // See memberHint.
  }
}
