/**
 * Data of the signed-in member's pages, shared by every island and section on a page: one
 * atom per request (keyed by login, store and language), loaded when first watched, reloaded
 * on demand (a retry, after a write changed it, or unasked once stale). Sections of the widget
 * frame and of /me/ read the same atoms, so two sections needing `my_membership` make one
 * request. A write reloads only the requests something still watches: atoms are kept (one per
 * search a member ran), and reloading them all would make the write's confirmation wait for
 * every past search; one watched again loads anew then, so it never shows what the write made
 * stale. An answer can tell that others are stale too (the summary's count of samples used grew:
 * the list of claims has a new one), and reloads those (`follow`).
 */
import { atom, onMount, type WritableAtom } from 'nanostores';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'failed'; message: string };

interface Entry {
  atom: WritableAtom<Resource<unknown>>;
  load: () => Promise<unknown>;
  /**
   * Loads anew, as part of `read` (one call's reads, see `reads`); `keep`: a failure leaves an
   * answer already shown (a read nobody asked to see).
   */
  run: (read: number, keep?: boolean) => Promise<void>;
  /** The read its latest load is part of: a later one has not read it yet. */
  read: number;
  /** Someone listens (nanostores ends a watch about a second after the last listener goes). */
  watched: boolean;
  /**
   * When the last load ended (Date.now()), answered or failed; 0 before it. A failure counts: a
   * read unasked moments after one failed would most likely fail too, and the reader asked for
   * neither (Retry and Send read at once).
   */
  settledAt: number;
  /** A load is under way: what it answers is fresher than any answer so far. */
  loading: boolean;
}

const entries = new Map<string, Entry>();

/**
 * Counts calls that read (a first watch, a refresh, a revalidation): the requests one call starts
 * share its number, so a request started beside another is not read again for what the other
 * found (a write reloading the summary and the claims together).
 */
let reads = 0;

/** What an answer under `prefix` says of other requests: the prefixes of those it made stale. */
interface Rule {
  prefix: string;
  stale: (before: unknown, after: unknown) => readonly string[];
}

const rules: Rule[] = [];

/**
 * Declares that an answer under `prefix` differing from the one before it as `stale` says makes
 * the watched requests under the prefixes it returns stale ('' for every other one): those not
 * started in the same read are read anew, unasked (a failure keeps what they show, as a
 * revalidation's does). An answer is compared with its own request's last one only.
 */
export function follow<T>(prefix: string, stale: (before: T, after: T) => readonly string[]): void {
  rules.push({ prefix, stale: stale as Rule['stale'] });
}

/**
 * The atom for `key`, loading through `load` while someone watches it. A key names exactly one
 * request, so callers build it from everything the request depends on.
 */
export function resource<T>(key: string, load: () => Promise<T>): WritableAtom<Resource<T>> {
  let entry = entries.get(key);
  if (!entry) {
    const store = atom<Resource<unknown>>({ status: 'loading' });
    let generation = 0;
    // The newest run: one it superseded resolves with it, not before. Its caller awaited a reload
    // (a claim's, then onDone), and went on while the atom still held the answer before it.
    let latest: Promise<void> = Promise.resolve();
    const created: Entry = {
      atom: store,
      load,
      run: (read, keep = false) =>
        (latest = (async () => {
          const mine = ++generation;
          created.read = read;
          created.loading = true;
          if (store.get().status === 'failed') store.set({ status: 'loading' });
          try {
            const data = await created.load().finally(() => {
              if (mine !== generation) return;
              created.loading = false;
              created.settledAt = Date.now();
            });
            if (mine !== generation) return latest;
            const before = store.get();
            store.set({ status: 'ready', data });
            if (before.status === 'ready') followAnswer(key, before.data, data, read);
          } catch (error) {
            console.error(error);
            if (mine !== generation) return latest;
            if (!(keep && store.get().status === 'ready')) {
              store.set({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
            }
          }
        })()),
      read: 0,
      watched: false,
      settledAt: 0,
      loading: false,
    };
    onMount(store, () => {
      created.watched = true;
      void created.run(++reads);
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

const under = (key: string, prefixes: readonly string[]) => prefixes.some((prefix) => key.startsWith(prefix));

/** Reloads every watched request whose key starts with one of `prefixes` (after a write). */
export function refresh(...prefixes: string[]): Promise<void[]> {
  const read = ++reads;
  return Promise.all(watched((key) => under(key, prefixes)).map((entry) => entry.run(read)));
}

/** Reads anew what `key`'s new answer (part of `read`) makes stale by the rules, unless that read has begun already. */
function followAnswer(key: string, before: unknown, after: unknown, read: number) {
  const stale = rules.filter((rule) => key.startsWith(rule.prefix)).flatMap((rule) => rule.stale(before, after));
  if (stale.length === 0) return;
  for (const entry of watched((other, entry) => other !== key && entry.read < read && under(other, stale))) void entry.run(read, true);
}

/**
 * Reads anew, unasked, the watched requests under `prefixes` last read (answered or failed) more
 * than `maxAge` ms ago and not being read already (two callers revalidating before the first answer, as the
 * reopened frame and the sample form it opens do, make one request). Nobody is waiting on it, so a failure keeps the answer shown (said in the console only):
 * an older answer is worth more to the reader than an error in its place.
 */
export function revalidate(maxAge: number, ...prefixes: string[]): Promise<void[]> {
  const now = Date.now();
  const read = ++reads;
  return Promise.all(watched((key, entry) => under(key, prefixes) && !entry.loading && now - entry.settledAt > maxAge).map((entry) => entry.run(read, true)));
}

/**
 * Sample requests this page sent that went through (a count): the widget frame tells the merchant's
 * page of each (`sample-claimed`). Not the summary's count used, which grows with colleagues'
 * requests found by any read.
 */
export const sampleClaimed = atom(0);
