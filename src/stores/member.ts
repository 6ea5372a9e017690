/**
 * Data of the signed-in member's pages, shared by every island and section on a page: one
 * atom per request (keyed by login, store and language), loaded when first watched, reloaded
 * on demand (a retry, after a write changed it, or unasked once stale). Sections of the widget
 * frame and of /me/ read the same atoms, so two sections needing `my_membership` make one
 * request. A write reloads only the requests something still watches: atoms are kept (one per
 * search a member ran), and reloading them all would make the write's confirmation wait for
 * every past search; one watched again loads anew then, so it never shows what the write made
 * stale.
 */
import { atom, onMount, type WritableAtom } from 'nanostores';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'failed'; message: string };

interface Entry {
  atom: WritableAtom<Resource<unknown>>;
  load: () => Promise<unknown>;
  /** Loads anew; `keep`: a failure leaves an answer already shown (a read nobody asked to see). */
  run: (keep?: boolean) => Promise<void>;
  /** Someone listens (nanostores ends a watch about a second after the last listener goes). */
  watched: boolean;
  /** When the last answer came (Date.now()); 0 before it. */
  answeredAt: number;
}

const entries = new Map<string, Entry>();

/**
 * The atom for `key`, loading through `load` while someone watches it. A key names exactly one
 * request, so callers build it from everything the request depends on.
 */
export function resource<T>(key: string, load: () => Promise<T>): WritableAtom<Resource<T>> {
  let entry = entries.get(key);
  if (!entry) {
    const store = atom<Resource<unknown>>({ status: 'loading' });
    let generation = 0;
    const created: Entry = {
      atom: store,
      load,
      run: async (keep = false) => {
        const mine = ++generation;
        if (store.get().status === 'failed') store.set({ status: 'loading' });
        try {
          const data = await created.load();
          if (mine !== generation) return;
          created.answeredAt = Date.now();
          store.set({ status: 'ready', data });
        } catch (error) {
          console.error(error);
          if (mine === generation && !(keep && store.get().status === 'ready')) {
            store.set({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
          }
        }
      },
      watched: false,
      answeredAt: 0,
    };
    onMount(store, () => {
      created.watched = true;
      void created.run();
      return () => {
        created.watched = false;
      };
    });
    entries.set(key, created);
    entry = created;
  }
  entry.load = load;
  return entry.atom as WritableAtom<Resource<T>>;
}

function watched(match: (key: string, entry: Entry) => boolean): Entry[] {
  return [...entries].filter(([key, entry]) => entry.watched && match(key, entry)).map(([, entry]) => entry);
}

const under = (key: string, prefixes: string[]) => prefixes.some((prefix) => key.startsWith(prefix));

/** Reloads every watched request whose key starts with one of `prefixes` (after a write). */
export function refresh(...prefixes: string[]): Promise<void[]> {
  return Promise.all(watched((key) => under(key, prefixes)).map((entry) => entry.run()));
}

/** Reloads every watched request but those whose key starts with one of `prefixes` (just read anew). */
export function refreshAllBut(...prefixes: string[]): Promise<void[]> {
  return Promise.all(watched((key) => !under(key, prefixes)).map((entry) => entry.run()));
}

/**
 * Reads anew, unasked, the watched requests under `prefix` last answered more than `maxAge` ms
 * ago. Nobody is waiting on it, so a failure keeps the answer shown (said in the console only):
 * an older answer is worth more to the reader than an error in its place.
 */
export function revalidate(prefix: string, maxAge: number): Promise<void[]> {
  const now = Date.now();
  return Promise.all(watched((key, entry) => key.startsWith(prefix) && now - entry.answeredAt > maxAge).map((entry) => entry.run(true)));
}
