/**
 * Loads a screen's data and keeps its state: `{status: 'loading' | 'error' | 'ready', data?,
 * error?, reload}`. `load` returns the data or throws: an `ApiFailure` (the API's refusal, which
 * `LoadState` says in the page's language), anything else being a failure to reach the server.
 * A reload keeps the previous data on screen while it runs. It settles once the latest load has set
 * its data (true) or failed (false), whichever load that is when a newer one started meanwhile: an
 * editor built from a row closes then, so the row it leaves on screen (and opens again on Edit) is
 * never the one from before its save.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure } from '../../../lib/console/result.ts';
import type { ApiError } from './form-errors.ts';

export type Loaded<T> =
  | { status: 'loading'; data?: T | undefined; reload: () => Promise<boolean> }
  | { status: 'error'; error: ApiError; data?: T | undefined; reload: () => Promise<boolean> }
  | { status: 'ready'; data: T; reload: () => Promise<boolean> };

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ status: 'loading' | 'error' | 'ready'; data?: T; error?: ApiError }>({ status: 'loading' });
  const generation = useRef(0);
  const latest = useRef<Promise<boolean>>(Promise.resolve(false));
  const run = useCallback(async () => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, status: 'loading' }));
    latest.current = load().then(
      (data) => {
        if (mine === generation.current) setState({ status: 'ready', data });
        return true;
      },
      (error: unknown) => {
        if (mine === generation.current) setState((previous) => ({ ...previous, status: 'error', error: thrownError(error) }));
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
  if (state.status === 'ready') return { status: 'ready', data: state.data as T, reload: run };
  if (state.status === 'error') return { status: 'error', error: state.error ?? { message: '' }, data: state.data, reload: run };
  return { status: 'loading', data: state.data, reload: run };
}

/** What was thrown, as the API's error; without a code when the server was not reached (or answered no refusal). */
export function thrownError(error: unknown): ApiError {
  if (error instanceof ApiFailure) return error.api;
  return { message: error instanceof Error ? error.message : String(error) };
}
