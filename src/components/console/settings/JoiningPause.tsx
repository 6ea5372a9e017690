/**
 * Whether the store takes new members: owners pause joining (tiers being reworked, a programme
 * winding down) and resume it, each asked first in a dialog saying what buyers will meet; every
 * staff member reads the state, since they answer the buyers who ask. Members are not affected
 * either way (set_joining_paused).
 */
import { useState } from 'preact/hooks';
import { formatDate, interpolateParts } from '../../../i18n/format.ts';
import { loadJoiningPausedAt, setJoiningPaused } from '../../../lib/console/store-settings.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { merchantName } from '../../merchant-name.tsx';
import { useConsoleText } from '../console-text.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { apiMessage } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { useLoad } from '../ui/use-load.ts';

export function JoiningPause({ store }: { store: StaffStore }) {
  const { t } = useConsoleText('staff');
  const state = useLoad(() => loadJoiningPausedAt(store.id), [store.id]);
  return (
    <section class="panel" aria-labelledby="joining-title">
      <h2 id="joining-title">{t('joiningTitle')}</h2>
      <LoadState state={state}>{(pausedAt) => <JoiningState store={store} loadedPausedAt={pausedAt} />}</LoadState>
    </section>
  );
}

function JoiningState({ store, loadedPausedAt }: { store: StaffStore; loadedPausedAt: string | null }) {
  const { t, locale } = useConsoleText('staff');
  // Once changed, the state is what set_joining_paused answered, at once: read again, the page
  // went on showing the old one (and offering the same change again) until the read returned.
  const [pausedAt, setPausedAt] = useState(loadedPausedAt);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const paused = pausedAt !== null;
  const owner = store.role === 'owner';

  async function confirm() {
    if (busy) return;
    setBusy(true);
    const result = await setJoiningPaused(store.id, !paused);
    setBusy(false);
    if (!result.ok) return setError(apiMessage(result.error));
    setPausedAt(result.data);
    setOpen(false);
    setDone(t(paused ? 'joiningResumed' : 'joiningPausedDone'));
  }

  return (
    <>
      <p class={paused ? 'notice' : undefined}>
        {paused ? t('joiningPausedSince', { date: formatDate(pausedAt, locale, true) }) : t('joiningOpen')}
      </p>
      {!owner && <p class="muted">{t('joiningOwnersOnly')}</p>}
      {owner && (
        <div class="actions">
          <button
            type="button"
            class={paused ? 'primary' : 'danger-outline'}
            disabled={busy}
            onClick={() => {
              setError(null);
              setDone(null);
              setOpen(true);
            }}
          >
            {t(paused ? 'joiningResume' : 'joiningPause')}
          </button>
          {/* Present before it speaks, so the change is announced. */}
          <p role="status" class={done ? 'success' : undefined}>
            {done}
          </p>
        </div>
      )}
      <ConfirmDialog
        open={open}
        title={interpolateParts(t(paused ? 'joiningResumeTitle' : 'joiningPauseTitle'), { store: merchantName('store', store.name, store.name_lang) })}
        confirmLabel={t(paused ? 'joiningResume' : 'joiningPause')}
        cancelLabel={t('cancel')}
        tone={paused ? 'primary' : 'danger'}
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(false)}
      >
        <p>{t(paused ? 'joiningResumeWhat' : 'joiningPauseWhat')}</p>
        {!paused && <p>{t('joiningPauseKept')}</p>}
      </ConfirmDialog>
    </>
  );
}
