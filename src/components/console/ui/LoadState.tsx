/**
 * What a screen shows while its data is not ready: a status line while loading, or the error
 * (role="alert") with a retry button. Props: `state` (from `useLoad`), `children(data)` once ready.
 * While a reload runs, the previous data stays on screen.
 */
import type { ComponentChildren } from 'preact';
import { useText } from '../../use-text.ts';
import { useConsoleText } from '../console-text.ts';
import type { Loaded } from './use-load.ts';

export function LoadState<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  const { t: site } = useText();
  const { t } = useConsoleText('staff');
  if (state.status === 'ready' || (state.status === 'loading' && state.data !== undefined)) return <>{children(state.data as T)}</>;
  if (state.status === 'loading') {
    return (
      <p role="status" aria-busy="true" class="busy">
        {site('loading')}
      </p>
    );
  }
  return (
    <div role="alert" class="notice">
      <p>{t('loadFailed')}</p>
      <p class="muted">{state.error}</p>
      <button type="button" onClick={state.reload}>
        {site('retry')}
      </button>
    </div>
  );
}
