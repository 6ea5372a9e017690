/**
 * Loads a screen's data and keeps its state: `{status: 'loading' | 'error' | 'ready', data?,
 * error?, reload}`. `load` returns the data or throws an Error whose message is shown (with a
 * retry) by `LoadState`. A reload keeps the previous data on screen while it runs.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export type Loaded<T> =
  | { status: 'loading'; data?: T | undefined; reload: () => void }
  | { status: 'error'; error: string; data?: T | undefined; reload: () => void }
  | { status: 'ready'; data: T; reload: () => void };

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ status: 'loading' | 'error' | 'ready'; data?: T; error?: string }>({ status: 'loading' });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, status: 'loading' }));
    load().then(
      (data) => mine === generation.current && setState({ status: 'ready', data }),
      (error: unknown) => mine === generation.current && setState((previous) => ({ ...previous, status: 'error', error: error instanceof Error ? error.message : String(error) })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  if (state.status === 'ready') return { status: 'ready', data: state.data as T, reload: run };
  if (state.status === 'error') return { status: 'error', error: state.error ?? '', data: state.data, reload: run };
  return { status: 'loading', data: state.data, reload: run };
}

/** Throws the supabase-js error as an Error, or returns the data. */
export function unwrap<T>(answer: { data: T; error: { message: string } | null }): NonNullable<T> | T {
  if (answer.error) throw new Error(answer.error.message);
  return answer.data;
}
