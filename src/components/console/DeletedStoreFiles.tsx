/**
 * Under the signed-in console's header: the files of the stores this owner deleted are removed
 * from Storage (removeDeletedStoreFiles), once a page, and said store by store while it goes, when
 * it is done and when some could not be removed (with Try again; the next console page tries
 * again too). Nothing is drawn for an owner with nothing left to remove, which is nearly everyone.
 * The removal's state lives outside the component, so the layout drawing it again (sign-in, the
 * store list loading) neither starts a second removal nor forgets the first.
 */
import { useStore } from '@nanostores/preact';
import { atom } from 'nanostores';
import { useEffect, useRef } from 'preact/hooks';
import { interpolateParts } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { removeDeletedStoreFiles, type DeletedStoreFiles as StoreFiles } from '../../lib/console/deleted-store-files.ts';
import { focusOn } from '../form-focus.ts';
import { merchantName } from '../merchant-name.tsx';
import { useText } from '../use-text.ts';
import { useConsoleText } from './console-text.ts';

type Removal = { status: 'idle' } | { status: 'removing' | 'done' | 'failed'; stores: StoreFiles[] };

const $removal = atom<Removal>({ status: 'idle' });

async function remove(): Promise<void> {
  // Try again keeps the stores said until the server names them again: the button's line stays.
  const said = $removal.get();
  $removal.set({ status: 'removing', stores: said.status === 'idle' ? [] : said.stores });
  const { stores, error } = await removeDeletedStoreFiles((progress) => $removal.set({ status: 'removing', stores: progress }));
  $removal.set({ status: error ? 'failed' : 'done', stores });
}

export function DeletedStoreFiles() {
  const { t, locale } = useConsoleText('staff');
  const { t: site } = useText();
  const removal = useStore($removal);
  // Try again goes with the alert holding it: the focus moves to the lines that stay.
  const lines = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if ($removal.get().status === 'idle') void remove();
  }, []);

  if (removal.status === 'idle' || removal.stores.length === 0) return null;
  const named = (key: Parameters<typeof t>[0], store: StoreFiles) =>
    interpolateParts(t(key, { count: store.removed }), { store: merchantName('store', store.name, store.lang) });
  return (
    <div class="console-narrow" ref={lines}>
      {removal.stores.map((store) =>
        removal.status === 'removing' ? (
          <p key={store.storeId} role="status" class="muted">
            {named('deletedFilesRemoving', store)}
          </p>
        ) : removal.status === 'done' ? (
          <p key={store.storeId} role="status" class="success">
            {named(pluralKey('deletedFilesRemoved', store.removed, locale), store)}
          </p>
        ) : (
          <div key={store.storeId} role="alert" class="notice error-notice">
            <p>{named('deletedFilesFailed', store)}</p>
            <button
              type="button"
              onClick={() => {
                void remove();
                if (lines.current) focusOn(lines.current);
              }}
            >
              {site('retry')}
            </button>
          </div>
        ),
      )}
    </div>
  );
}
