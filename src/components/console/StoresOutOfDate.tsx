/**
 * The stores read again (after a rename, a staff change) failed, so the header's names and roles,
 * and the period screens count by, may be out of date; the screen stays (its forms and what is
 * typed in them, a save's line, the focus). Said once: above the screen by the console
 * (ConsoleLayout), or by the screen whose save read them, beside its Save (`loadStaffStores`'
 * `saidByCaller`). Try again keeps its focus while it runs (BusyButton); once the stores are read
 * the notice goes, and the keyboard, had it none, is on `backTo` (the screen's title, that Save).
 */
import { useState } from 'preact/hooks';
import { BusyButton } from '../BusyButton.tsx';
import { focusIfLost } from '../form-focus.ts';
import { useText } from '../use-text.ts';
import { useConsoleText } from './console-text.ts';
import type { ApiError } from './ui/form-errors.ts';
import { failedLoadSentence } from './ui/refusals.ts';

interface StoresOutOfDateProps {
  error: ApiError;
  /** Reads the stores again. */
  retry: () => Promise<unknown>;
  backTo: () => HTMLElement | null;
  class?: string | undefined;
}

export function StoresOutOfDate({ error, retry, backTo, class: className }: StoresOutOfDateProps) {
  const { t: site } = useText();
  const { t, locale } = useConsoleText('staff');
  const [busy, setBusy] = useState(false);
  return (
    <div role="alert" class={['notice error-notice', className].filter(Boolean).join(' ')}>
      <p>{t('storesRefreshFailed', { reason: failedLoadSentence(error, t, locale) })}</p>
      <BusyButton
        type="button"
        busy={busy}
        onClick={async () => {
          setBusy(true);
          await retry();
          setBusy(false);
          focusIfLost(backTo);
        }}
      >
        {site('retry')}
      </BusyButton>
    </div>
  );
}
