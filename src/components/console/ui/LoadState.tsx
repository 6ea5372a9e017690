/**
 * What a screen shows while its data is not ready: a status line while loading, or the error
 * (role="alert") with a retry button. Props: `state` (from `useLoad`), `children(data)` once ready.
 * While a reload runs, the previous data stays on screen.
 *
 * The error says what happened in the page's language, never the server's English: a login no
 * longer staff of the store (removed in another tab's time) is told so, with the way to its own
 * stores; another refusal the console knows is said as its forms say it (refusals.ts), one it
 * does not know by its code; an answer the page cannot read (result.ts `unexpectedAnswer`) is said
 * as such; no answer at all is the connection.
 */
import type { ComponentChildren } from 'preact';
import { useText } from '../../use-text.ts';
import { useConsoleText } from '../console-text.ts';
import { withLang } from '../links.ts';
import { isNotStaff, pageRefusals } from './refusals.ts';
import type { Loaded } from './use-load.ts';

export function LoadState<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  const { t: site, locale } = useText();
  const { t } = useConsoleText('staff');
  if (state.status === 'ready' || (state.status === 'loading' && state.data !== undefined)) return <>{children(state.data as T)}</>;
  if (state.status === 'loading') {
    return (
      <p role="status" aria-busy="true" class="busy">
        {site('loading')}
      </p>
    );
  }
  const { error } = state;
  const said = error.code ? (pageRefusals(locale).knownSentence(error) ?? t('loadRefused', { code: error.code })) : t('loadFailed');
  return (
    <div role="alert" class="notice">
      <p>{said}</p>
      {isNotStaff(error) && (
        <p>
          <a href={withLang('/console/')}>{t('goToYourStores')}</a>
        </p>
      )}
      <button type="button" onClick={state.reload}>
        {site('retry')}
      </button>
    </div>
  );
}
