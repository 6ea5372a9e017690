/**
 * The merchant's logo on its card: upload (PNG, JPEG, WebP or AVIF up to 1 MB), replace, remove.
 * Owners only (the brand is theirs: the bucket's policies let only them write); plain staff see it.
 */
import { useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { loadLogoPath, logoUpload, removeLogo, replaceLogo } from '../../../lib/console/store-settings.ts';
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
  // The latest choice or upload: a file's check read after another file was chosen is not said.
  const latest = useRef(0);
  const owner = store.role === 'owner';
  const refusal = (error: ApiError) => (refusedByPolicy(error) ? t('logoNotSaved') : apiMessage(error));

  async function upload(event: SubmitEvent, previous: string | null) {
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
    const result = await replaceLogo(store, check.file, objectFileName('logo', check.extension), previous);
    setBusy(false);
    // Storage's refusal is the file's, said beside it; the card's is the form's.
    if ('refused' in result && result.refused) return setFieldError({ message: uploadRefusal({ name: file.name, size: file.size, problem: result.refused }, logoUpload, t, locale) });
    if (result.error) return setFormError(refusal(result.error));
    form.reset();
    setNatural(null);
    setDone(t('logoSaved'));
    state.reload();
  }

  /** A file refused is said as it is chosen, as a post's files are, not only once Upload is pressed. */
  async function choose(file: File | undefined) {
    const mine = ++latest.current;
    setDone(null);
    const check = file ? await chosenImage(file, logoUpload, t, locale) : null;
    if (mine !== latest.current) return;
    setFieldError(check && !check.ok ? { message: check.message } : null);
  }

  async function remove(previous: string) {
    setBusy(true);
    const result = await removeLogo(store, previous);
    setBusy(false);
    if (result.error) return setFormError(refusal(result.error));
    setConfirming(false);
    setNatural(null);
    setDone(t('logoRemoved'));
    state.reload();
  }

  return (
    <section aria-labelledby="logo-title" class="panel">
      <h2 id="logo-title">{t('logoTitle')}</h2>
      <LoadState state={state}>
        {({ logoPath }) => (
          <>
            {logoPath ? (
              <div class="logo-current">
                {/* Named as the business card names it (join/MerchantCard.tsx): by the store's name alone, in its language. */}
                <img class="logo-preview" src={logoUrl(logoPath)} alt={store.name} lang={store.name_lang} onLoad={(event) => setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })} />
                {natural && Math.max(natural.width, natural.height) < sharpLogoPixels && <p class="field-hint">{t('logoSmall', natural)}</p>}
              </div>
            ) : (
              <p class="muted">{t('logoNone')}</p>
            )}
            {!owner && <p class="notice">{t('logoOwnerOnly')}</p>}
            {owner && (
              <>
                <CheckedForm check={fieldError ?? undefined} class="stack" onSubmit={(event) => upload(event, logoPath)}>
                  <Field id="logo-file" label={t('logoFileLabel')} hint={t('logoFileHint')} error={fieldError?.message} announce>
                    {(aria) => <FileInput aria={aria} name="logo" accept={logoUpload.types.join(',')} onChange={(event) => void choose(event.currentTarget.files?.[0])} />}
                  </Field>
                  <FormError message={formError} />
                  <div class="actions">
                    <BusyButton type="submit" class="primary" busy={busy}>
                      {busy ? t('saving') : logoPath ? t('logoReplace') : t('logoUpload')}
                    </BusyButton>
                    {logoPath && (
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
                {logoPath && (
                  <ConfirmDialog
                    open={confirming}
                    title={t('logoRemoveTitle')}
                    confirmLabel={t('logoRemove')}
                    cancelLabel={t('cancel')}
                    busy={busy}
                    error={formError}
                    onConfirm={() => void remove(logoPath)}
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
