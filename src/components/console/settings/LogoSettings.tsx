/**
 * The merchant's logo on its card: upload (PNG, JPEG, WebP or AVIF up to 1 MB), replace, remove.
 * Owners only (the brand is theirs: the bucket's policies let only them write); plain staff see it.
 * Saved over the card as read (replaceLogo): refused because someone else changed the card or its
 * logo since, the panel offers to read it again, the file chosen staying chosen, and says whether
 * the logo was theirs to change (RereadNote).
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { loadLogoPath, logoUpload, removeLogo, replaceLogo, type LogoRead } from '../../../lib/console/store-settings.ts';
import { changedSinceRead, goneSinceRead, type FieldChanges } from '../../../lib/console/changed-since.ts';
import { RereadNote } from '../ui/RereadNote.tsx';
import { logoUrl } from '../../../lib/public-api.ts';
import { useConsoleText } from '../console-text.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { Field, FormError } from '../ui/Field.tsx';
import { apiMessage, type ApiError } from '../ui/form-errors.ts';
import { refusedByPolicy } from '../ui/refusals.ts';
import { FileInput } from '../ui/FileInput.tsx';
import { chosenImage, objectFileName } from '../ui/image-file.ts';
import { uploadRefusal } from '../ui/upload-refusal.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { useLoad } from '../ui/use-load.ts';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';

/** The card shows the logo 56 px wide: on a screen of 2 device pixels a px, a smaller image is blown up. */
const sharpLogoPixels = 112;

/**
 * Whether someone else changed the logo, read again over `from`: shown as theirs (`taken`), or kept
 * to be replaced by the file chosen (`kept`). A change of the card's texts alone changed no field here.
 */
function logoChanges(from: { logoPath: string | null; chosen: boolean }, now: string | null): FieldChanges<'logo'> {
  const changed = from.logoPath !== now;
  return { taken: changed && !from.chosen ? ['logo'] : [], kept: changed && from.chosen ? ['logo'] : [] };
}

export function LogoSettings({ store }: { store: StaffStore }) {
  const { t, locale } = useConsoleText('staff');
  const state = useLoad(() => loadLogoPath(store.id), [store.id]);
  // An object a check: the same sentence given again is a check again (FormCheck).
  const [fieldError, setFieldError] = useState<{ message: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  // A file chosen and not yet uploaded: what a reload keeps.
  const [chosen, setChosen] = useState(false);
  /** A save was refused over someone else's change: Reload is offered. */
  const [stale, setStale] = useState(false);
  /** The logo as it was read before Reload, to say once read again whether someone else changed it. */
  const [rereadFrom, setRereadFrom] = useState<{ logoPath: string | null; chosen: boolean } | null>(null);
  // Said once the read again has answered: until then the logo shown is the one read before.
  const ready = state.status === 'ready' ? state.data : null;
  const changes = useMemo(() => (rereadFrom && ready ? logoChanges(rereadFrom, ready.logoPath) : null), [rereadFrom, ready]);
  // The latest choice or upload: a file's check read after another file was chosen is not said.
  const latest = useRef(0);
  const owner = store.role === 'owner';
  // The card changed or went since it was read: either way, read again, it is as it is now.
  const changedSince = (error: ApiError) => error.code === changedSinceRead || error.code === goneSinceRead;
  const refusal = (error: ApiError) => {
    setStale(changedSince(error));
    return changedSince(error) ? t('logoChangedSince') : refusedByPolicy(error) ? t('logoNotSaved') : apiMessage(error);
  };

  async function upload(event: SubmitEvent, read: LogoRead) {
    event.preventDefault();
    latest.current++;
    const form = event.currentTarget as HTMLFormElement;
    setDone(null);
    setFormError(null);
    setRereadFrom(null);
    const file = new FormData(form).get('logo');
    if (!(file instanceof File) || file.size === 0) return setFieldError({ message: t('logoChoose') });
    const check = await chosenImage(file, logoUpload, t, locale);
    if (!check.ok) return setFieldError({ message: check.message });
    setFieldError(null);
    setBusy(true);
    const result = await replaceLogo(store, check.file, objectFileName('logo', check.extension), read);
    setBusy(false);
    // Storage's refusal is the file's, said beside it; the card's is the form's.
    if ('refused' in result && result.refused) return setFieldError({ message: uploadRefusal({ name: file.name, size: file.size, problem: result.refused }, logoUpload, t, locale) });
    if (result.error) return setFormError(refusal(result.error));
    form.reset();
    setChosen(false);
    setNatural(null);
    setDone(t('logoSaved'));
    state.reload();
  }

  /** A file refused is said as it is chosen, as a post's files are, not only once Upload is pressed. */
  async function choose(file: File | undefined) {
    const mine = ++latest.current;
    setDone(null);
    setChosen(file !== undefined);
    const check = file ? await chosenImage(file, logoUpload, t, locale) : null;
    if (mine !== latest.current) return;
    setFieldError(check && !check.ok ? { message: check.message } : null);
  }

  async function remove(read: LogoRead) {
    setBusy(true);
    setRereadFrom(null);
    const result = await removeLogo(store, read);
    setBusy(false);
    if (result.error) {
      // Said beside Reload, in the panel: the dialog asked about a logo that may be another one now.
      if (changedSince(result.error)) setConfirming(false);
      return setFormError(refusal(result.error));
    }
    setConfirming(false);
    setNatural(null);
    setDone(t('logoRemoved'));
    state.reload();
  }

  /** Reads the card's logo again over a save refused by someone else's change; a file chosen stays chosen. */
  function readAgain(read: LogoRead) {
    setStale(false);
    setFormError(null);
    setRereadFrom({ logoPath: read.logoPath, chosen });
    void state.reload();
  }

  return (
    <section aria-labelledby="logo-title" class="panel">
      <h2 id="logo-title">{t('logoTitle')}</h2>
      <LoadState state={state}>
        {(read) => (
          <>
            {read.logoPath ? (
              <div class="logo-current">
                {/* Named as the business card names it (join/MerchantCard.tsx): by the store's name alone, in its language. */}
                <img class="logo-preview" src={logoUrl(read.logoPath)} alt={store.name} lang={store.name_lang} onLoad={(event) => setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })} />
                {natural && Math.max(natural.width, natural.height) < sharpLogoPixels && <p class="field-hint">{t('logoSmall', natural)}</p>}
              </div>
            ) : (
              <p class="muted">{t('logoNone')}</p>
            )}
            {!owner && <p class="notice">{t('logoOwnerOnly')}</p>}
            <RereadNote reloaded={t('logoReread')} changes={changes} label={() => t('logoTitle')} />
            {owner && (
              <>
                <CheckedForm check={fieldError ?? undefined} class="stack" onSubmit={(event) => upload(event, read)}>
                  <Field id="logo-file" label={t('logoFileLabel')} hint={t('logoFileHint')} error={fieldError?.message} announce>
                    {(aria) => <FileInput aria={aria} name="logo" accept={logoUpload.types.join(',')} onChange={(event) => void choose(event.currentTarget.files?.[0])} />}
                  </Field>
                  <FormError message={formError} />
                  <div class="actions">
                    {stale && <BusyButton type="button" busy={busy} onClick={() => readAgain(read)}>{t('reloadLogo')}</BusyButton>}
                    <BusyButton type="submit" class="primary" busy={busy}>
                      {busy ? t('saving') : read.logoPath ? t('logoReplace') : t('logoUpload')}
                    </BusyButton>
                    {read.logoPath && (
                      <button type="button" class="danger-outline" disabled={busy} onClick={() => setConfirming(true)}>
                        {t('logoRemove')}
                      </button>
                    )}
                    {done && (
                      <p role="status" class="success">
                        {done}
                      </p>
                    )}
                  </div>
                </CheckedForm>
                {read.logoPath && (
                  <ConfirmDialog
                    open={confirming}
                    title={t('logoRemoveTitle')}
                    confirmLabel={t('logoRemove')}
                    cancelLabel={t('cancel')}
                    busy={busy}
                    error={formError}
                    onConfirm={() => void remove(read)}
                    onCancel={() => setConfirming(false)}
                  >
                    <p>{t('logoRemoveBody')}</p>
                  </ConfirmDialog>
                )}
              </>
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}
