/**
 * Whether this browser was last seen signed in as a member of the store, kept on the merchant's
 * origin so the next page view loads the signed-in frame for the placements' member terms
 * without a click, while a visitor's page loads no frame at all. Not a secret and not a
 * session: only the frame's report that a member is signed in, which the placements then show
 * the page anyway; the frame's next report (signed out, or someone else) clears it. A page that
 * sets it itself only makes the frame load.
 *
 * The hint is the existence of an empty IndexedDB database named `cardclub:member:<slug>`,
 * listed with `indexedDB.databases()`: asynchronous, so reading it costs the page a callback,
 * where a page's first localStorage access blocks its main thread on the browser's storage
 * (tens of ms at 4× CPU throttling in Chromium on a fresh profile, several times the widget's budget).
 */
const name = (store: string) => `cardclub:member:${store}`;

// Storage can be switched off or unsupported; the hint is an optimisation, so its failures mean "no hint".
export async function memberHint(store: string): Promise<boolean> {
  try {
    return (await indexedDB.databases()).some((database) => database.name === name(store));
  } catch {
    return false;
  }
}

export function setMemberHint(store: string, member: boolean): void {
  try {
    if (member) {
      const request = indexedDB.open(name(store));
      request.onsuccess = () => request.result.close();
    } else {
      indexedDB.deleteDatabase(name(store));
    }
  } catch {
    // See memberHint.
  }
}
