/**
 * Loads a screen's data and keeps its state: `{status: 'loading' | 'error' | 'ready', data?,
 * error?, reload}`. `load` returns the data or throws: an `ApiFailure` (the API's refusal, which
 * `LoadState` says in the page's language), anything else being a failure to reach the server.
 * A reload keeps the previous data on screen while it runs. It settles once the latest load has set
 * its data (true) or failed (false), whichever load that is when a newer one started meanwhile: an
 * editor built from a row closes then, so the row it leaves on screen (and opens again on Edit) is
 * never the one from before its save.
 *
 * A load has `loadBound` to answer: one the network stalled (no answer, no error) left the screen
 * loading for good, and a dialog waiting on the reload (remove a tier, deactivate a product) busy
 * with it. It fails then as `loadTimedOut`; an answer after that is dropped (Retry loads anew).
 * Bounded here rather than in the client's fetch: the console's reads include POST calls (the
 * what-ifs, usage counts, signed image links), which a fetch cannot tell from writes, and a write
 * cut off by the page may still commit. A stalled GET is ended there, though (supabase.ts
 * `boundedReads`), once this bound has passed and the load failed: left open, it held one of the
 * browser's six connections to the API, and later reads (Retry's) queued behind the stalled ones.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiFailure, type Result } from '../../../lib/console/result.ts';
import { readBound } from '../../../lib/public-api.ts';
import type { ApiError } from './form-errors.ts';

/**
 * 30 s: the API cuts a statement off at 8 s (the `authenticated` role's statement_timeout),
 * supabase-js tries a GET the network cut off again after 1, 2 and 4 s, and a screen's load chains
 * two requests at most (tiers, then their what-if; products, then their images' links): twice 15 s.
 * A read the server is still answering is not cut off by the page, and one stalled past that is not
 * coming; the person waiting is better told to retry.
 */
export const loadBound = readBound;

/** The code of a load that had no answer within `loadBound` (no code of the API's). */
export const loadTimedOut = 'load_timed_out';

class LoadTimeout extends Error {}

/**
 * What `start` loads, or a LoadTimeout once `ms` have passed without it settling. Timed from before
 * `start` sends anything: its stalled GET, ended as late, then fails after this, never said first as
 * a failed connection.
 */
export function withinBound<T>(start: () => PromiseLike<T>, ms = loadBound): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LoadTimeout(`No answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([start(), late]).finally(() => clearTimeout(timer));
}

/**
 * `stale`: data is shown and known to be out of date: the last load that settled failed, or a write
 * changed what it shows (`reloadAfterWrite`) and it has not been read since; it stays so while a
 * Retry runs, until a load succeeds: what is shown may be older than a save made meanwhile, and
 * saved back from an editor it would undo it (LoadState holds its writes: kept.ts).
 *
 * `reloadAfterWrite`: the reload after a save, which the screen says at once rather than after the
 * reload (supabase-js tries a read the network cut off again for 7 s, a stalled one waits for the
 * bound): the data is stale from its start.
 *
 * `keptFrom`, while stale: what the data shown is from, for the screen to say so without
 * contradicting itself: `'beforeWrite'`, a save changed it since (a row marked sent still reads
 * unsent under "Marked as sent"); `'otherChoice'`, it was read for other `deps` than now, compared
 * by value (a filter or page chosen since, whose read failed: the rows are those of the one
 * before; chosen back, they are the chosen one's again); `'beforeWriteOtherChoice'`, both; else null.
 */
type Reloads = { reload: () => Promise<boolean>; reloadAfterWrite: () => Promise<boolean> };
export type KeptFrom = 'beforeWrite' | 'otherChoice' | 'beforeWriteOtherChoice' | null;
export type Loaded<T> =
  | ({ status: 'loading'; data?: T | undefined; stale: boolean; keptFrom: KeptFrom } & Reloads)
  | ({ status: 'error'; error: ApiError; data?: T | undefined; stale: boolean; keptFrom: KeptFrom } & Reloads)
  | ({ status: 'ready'; data: T; stale: false; keptFrom: null } & Reloads);

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  // `readFor`: the `deps` the data was read for.
  type State = { status: 'loading' | 'error' | 'ready'; data?: T; error?: ApiError; outdated?: boolean; written?: boolean; readFor?: readonly unknown[] };
  const [state, setState] = useState<State>({ status: 'loading' });
  const generation = useRef(0);
  const latest = useRef<Promise<boolean>>(Promise.resolve(false));
  const run = useCallback(async (written = false) => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, status: 'loading', outdated: previous.outdated === true || written, written: previous.written === true || written }));
    latest.current = withinBound(load).then(
      (data) => {
        if (mine === generation.current) setState({ status: 'ready', data, readFor: deps });
        return true;
      },
      (error: unknown) => {
        if (mine === generation.current) setState((previous) => ({ ...previous, status: 'error', error: thrownError(error), outdated: true }));
        return false;
      },
    );
    for (;;) {
      const awaited = generation.current;
      const loaded = await latest.current;
      if (awaited === generation.current) return loaded;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => void run(), [run]);
  const reloads = useMemo(() => ({ reload: () => run(), reloadAfterWrite: () => run(true) }), [run]);
  if (state.status === 'ready') return { status: 'ready', data: state.data as T, stale: false, keptFrom: null, ...reloads };
  const stale = state.data !== undefined && state.outdated === true;
  // Compared as the hooks compare deps: what reads anew is what counts as another choice.
  const otherChoice = state.readFor !== undefined && (state.readFor.length !== deps.length || state.readFor.some((value, index) => !Object.is(value, deps[index])));
  const keptFrom: KeptFrom = !stale ? null : state.written ? (otherChoice ? 'beforeWriteOtherChoice' : 'beforeWrite') : otherChoice ? 'otherChoice' : null;
  if (state.status === 'error') return { status: 'error', error: state.error ?? { message: '' }, data: state.data, stale, keptFrom, ...reloads };
  return { status: 'loading', data: state.data, stale, keptFrom, ...reloads };
}

/** What was thrown, as the API's error; without a code when the server was not reached (or answered no refusal), `loadTimedOut` when it did not answer in time. */
export function thrownError(error: unknown): ApiError {
  if (error instanceof ApiFailure) return error.api;
  if (error instanceof LoadTimeout) return { code: loadTimedOut, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** What a screen's load (which throws, for useLoad) answers, as a Result: its failure as the API's error (thrownError). */
export function asResult<T>(loading: PromiseLike<T>): Promise<Result<T>> {
  return Promise.resolve(loading).then((data) => ({ ok: true, data }), (error: unknown) => ({ ok: false, error: thrownError(error) }));
}
