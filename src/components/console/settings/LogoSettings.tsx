/**
 * The merchant's logo on its card: upload (PNG, JPEG, WebP or AVIF up to 1 MB), replace, remove.
 * Owners only (the brand is theirs: the bucket's policies let only them write); plain staff see it.
 * Saved over the logo as read (replaceLogo): refused because someone else changed the logo since
 * (or made the store's card), the panel offers to read it again, the file chosen staying chosen,
 * and says whether the logo was theirs to change (RereadNote). A change of the card's own fields
 * refuses nothing here: they have a time of their own.
 */
import { useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { loadLogoPath, logoUpload, removeLogo, replaceLogo, type LogoRead } from '../../../lib/console/store-settings.ts';
import type { FieldChanges } from '../../../lib/read-again.ts';
import { RereadNote } from '../ui/RereadNote.tsx';
import { useReread } from '../ui/reread.ts';
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
import { asResult, useLoad } from '../ui/use-load.ts';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';

/** The card shows the logo 56 px wide: on a screen of 2 device pixels a px, a smaller image is blown up. */
const sharpLogoPixels = 112;

/**
 * Whether someone else changed the logo, read again over `before`: shown as theirs (`taken`), or kept
 * to be replaced by the file chosen (`kept`). A card someone else made without a logo changed none.
 */
function logoChanges(before: LogoRead, now: LogoRead, chosen: boolean): FieldChanges<'logo'> {
  const changed = before.logoPath !== now.logoPath;
  return { taken: changed && !chosen ? ['logo'] : [], kept: changed && chosen ? ['logo'] : [] };
}

export function LogoSettings({ store }: { store: StaffStore }) {
  const { t } = useConsoleText('staff');
  const state = useLoad(() => loadLogoPath(store.id), [store.id]);
  return (
    <section aria-labelledby="logo-title" class="panel">
      <h2 id="logo-title">{t('logoTitle')}</h2>
      <LoadState state={state}>{(loaded) => <LogoForm store={store} loaded={loaded} reload={state.reload} />}</LoadState>
    </section>
  );
}

function LogoForm({ store, loaded, reload }: { store: StaffStore; loaded: LogoRead; reload: () => Promise<boolean> }) {
  const { t, locale } = useConsoleText('staff');
  // An object a check: the same sentence given again is a check again (FormCheck).
  const [fieldError, setFieldError] = useState<{ message: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const doneLine = useRef<HTMLParagraphElement>(null);
  // Set once the logo is removed, for the dialog closing then: its Remove button goes with the logo,
  // and the focus went with it to the page's body; the line saying so takes it.
  const removed = useRef(false);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  // A file chosen and not yet uploaded: what a reload keeps.
  const [chosen, setChosen] = useState(false);
  /** Reload's read, over the panel's read `over`: shown until the panel reads the logo anew (a save's). */
  const [reread, setReread] = useState<{ over: LogoRead; now: LogoRead } | null>(null);
  const read = reread?.over === loaded ? reread.now : loaded;
  // Reload, over a save refused because someone else changed the logo, or made the card, since: the
  // file chosen stays chosen, to replace theirs.
  const saves = useReread({
    one: true,
    read,
    load: () => asResult(loadLogoPath(store.id)),
    merge: (before, now) => {
      setReread({ over: loaded, now });
      setFormError(null);
      return logoChanges(before, now, chosen);
    },
    say: setFormError,
    setBusy,
  });
  // The latest choice or upload: a file's check read after another file was chosen is not said.
  const latest = useRef(0);
  const owner = store.role === 'owner';
  /** Says a write refused; whether it was refused over someone else's change (Reload offered). */
  function refused(error: ApiError) {
    if (saves.refused(error, t('logoChangedSince'))) return true;
    setFormError(refusedByPolicy(error) ? t('logoNotSaved') : apiMessage(error));
    return false;
  }

  async function upload(event: SubmitEvent) {
    event.preventDefault();
    latest.current++;
    const form = event.currentTarget as HTMLFormElement;
    setDone(null);
    setFormError(null);
    const file = new FormData(form).get('logo');
    if (!(file instanceof File) || file.size === 0) return setFieldError({ message: t('logoChoose') });
    const check = await chosenImage(file, logoUpload, t, locale);
    if (!check.ok) return setFieldError({ message: check.message });
    setFieldError(null);
    setBusy(true);
    saves.saving();
    const result = await replaceLogo(store, check.file, objectFileName('logo', check.extension), read);
    setBusy(false);
    // Storage's refusal is the file's, said beside it; the card's is the form's.
    if ('refused' in result && result.refused) return setFieldError({ message: uploadRefusal({ name: file.name, size: file.size, problem: result.refused }, logoUpload, t, locale) });
    if (result.error) return void refused(result.error);
    form.reset();
    setChosen(false);
    setNatural(null);
    setDone(t('logoSaved'));
    void reload();
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

  async function remove() {
    setBusy(true);
    saves.saving();
    const result = await removeLogo(store, read);
    setBusy(false);
    if (result.error) {
      // Said beside Reload, in the panel: the dialog asked about a logo that may be another one now.
      if (refused(result.error)) setConfirming(false);
      return;
    }
    removed.current = true;
    setConfirming(false);
    setNatural(null);
    setDone(t('logoRemoved'));
    void reload();
  }

  return (
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
      <RereadNote reloaded={t('logoReread')} changes={saves.changes} label={() => t('logoTitle')} />
      {owner && (
        <>
          <CheckedForm check={fieldError ?? undefined} class="stack" onSubmit={upload}>
            <Field id="logo-file" label={t('logoFileLabel')} hint={t('logoFileHint')} error={fieldError?.message} announce>
              {(aria) => <FileInput aria={aria} name="logo" accept={logoUpload.types.join(',')} onChange={(event) => void choose(event.currentTarget.files?.[0])} />}
            </Field>
            <FormError message={formError} />
            <div class="actions">
              {saves.stale && <BusyButton type="button" busy={busy} onClick={() => void saves.readAgain()}>{t('reloadLogo')}</BusyButton>}
              <BusyButton type="submit" class="primary" busy={busy}>
                {busy ? t('saving') : read.logoPath ? t('logoReplace') : t('logoUpload')}
              </BusyButton>
              {read.logoPath && (
                <button type="button" class="danger-outline" disabled={busy} onClick={() => { removed.current = false; setConfirming(true); }}>
                  {t('logoRemove')}
                </button>
              )}
              {done && (
                <p role="status" class="success" ref={doneLine}>
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
              onConfirm={() => void remove()}
              onCancel={() => setConfirming(false)}
              returnFocus={() => (removed.current ? doneLine.current : null)}
            >
              <p>{t('logoRemoveBody')}</p>
            </ConfirmDialog>
          )}
        </>
      )}
    </>
  );
}
