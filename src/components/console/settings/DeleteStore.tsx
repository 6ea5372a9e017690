/**
 * The settings page's last panel, its danger zone: an owner deletes the store with everything in
 * it (delete_store), asked first in a dialog that names the store, says what goes (members are
 * sent no e-mail: their memberships end), where to download what to keep first, and that it cannot be undone, and has the owner type the store's name in its default language, as the
 * server checks it. Then the console's store list says it was deleted (deletedStoreNotice) and
 * removes its files from Storage (DeletedStoreFiles, as on every console page while any is left),
 * and the browser's other console tabs showing the store say so in its place. Plain
 * staff see no panel: an owner decides this, and a note about it would only be noise to them.
 */
import { useRef, useState } from 'preact/hooks';
import { interpolateParts, isolate } from '../../../i18n/format.ts';
import { deleteStore } from '../../../lib/console/store-settings.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { merchantName } from '../../merchant-name.tsx';
import { consoleHref, withLang } from '../links.ts';
import { useConsoleText } from '../console-text.ts';
import { announceDeletedStore, rememberDeletedStore } from '../deleted-store.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { apiMessage, parseDetails } from '../ui/form-errors.ts';
import { sameName, TypedNameField } from '../ui/TypedNameField.tsx';

export function DeleteStore({ store }: { store: StaffStore }) {
  const { t } = useConsoleText('staff');
  const { t: growth } = useConsoleText('growth');
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // The name the server compares: the one in the store's default language.
  const name = store.names[store.default_locale] ?? store.name;
  // Marked with its language wherever a sentence names it (title, hint, mismatch).
  const named = (key: 'deleteStoreDialogTitle' | 'deleteStoreTypeHint' | 'deleteStoreTypeMismatch') =>
    interpolateParts(t(key), { store: merchantName('store', name, store.default_locale) });

  if (store.role !== 'owner') return null;

  function ask() {
    setTyped('');
    setMismatch(false);
    setError(null);
    setOpen(true);
  }

  async function confirm() {
    if (!sameName(typed, name)) {
      setMismatch(true);
      input.current?.focus();
      return;
    }
    setBusy(true);
    const result = await deleteStore(store.id, typed);
    if (!result.ok) {
      setBusy(false);
      // Compared as here (private.typed_name), the name typed is refused only when the store's
      // name is no longer the one this page read: renamed in another tab, or its default
      // language changed. Said as a name not matching, with the way to the one to type.
      return setError(parseDetails(result.error)?.field === 'confirm_name' ? t('deleteStoreNameRefused') : apiMessage(result.error));
    }
    rememberDeletedStore({ name, lang: store.default_locale });
    announceDeletedStore(store.id, { name, lang: store.default_locale });
    window.location.assign(withLang('/console/'));
  }

  return (
    <section class="panel danger-zone" aria-labelledby="delete-store-title">
      <h2 id="delete-store-title">{t('deleteStoreTitle')}</h2>
      <p class="muted">{t('deleteStoreIntro')}</p>
      <div class="actions">
        <button type="button" class="danger-outline" disabled={busy} onClick={ask}>
          {t('deleteStoreButton')}
        </button>
      </div>
      <ConfirmDialog
        open={open}
        title={named('deleteStoreDialogTitle')}
        confirmLabel={t('deleteStoreButton')}
        cancelLabel={t('cancel')}
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setOpen(false)}
      >
        <p>{t('deleteStoreGoes')}</p>
        <p>{t('deleteStoreMembersTold')}</p>
        {/* The console's own downloads, named as its navigation names their pages: nothing is left to download after. */}
        <p>
          {interpolateParts(t('deleteStoreSaveFirst'), {
            members: <a key="members" href={consoleHref('/console/members/', store.slug)}>{t('navMembers')}</a>,
            analytics: <a key="analytics" href={consoleHref('/console/analytics/', store.slug)}>{growth('navAnalytics')}</a>,
          })}
        </p>
        <p>{t('deleteStoreKept')}</p>
        <p>
          <strong>{t('deleteStoreFinal')}</strong>
        </p>
        <TypedNameField
          id="delete-store-name"
          label={t('deleteStoreTypeLabel')}
          hint={named('deleteStoreTypeHint')}
          mismatchText={t('deleteStoreTypeMismatch', { store: isolate(name) })}
          mismatchParts={named('deleteStoreTypeMismatch')}
          mismatch={mismatch}
          value={typed}
          onInput={(value) => {
            setTyped(value);
            setMismatch(false);
          }}
          inputRef={input}
        />
      </ConfirmDialog>
    </section>
  );
}
