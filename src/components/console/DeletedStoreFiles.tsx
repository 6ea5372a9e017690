/**
 * Under the signed-in console's header: the files of the stores this login deleted are removed
 * from Storage (removeDeletedStoreFiles), once a page, and said store by store: while they go, when
 * they are gone, and when some could not be removed (one Try again for all; the next console page
 * tries again too). Nothing is said to a login with nothing left to remove, which is nearly
 * everyone. The removal's state lives outside the component, for the login it runs for: the
 * layout drawing again (sign-in, the store list loading) neither starts a second removal nor
 * forgets the first, and another login signing in this tab starts its own and hears nothing of
 * the first's.
 */
import { useStore } from '@nanostores/preact';
import { atom } from 'nanostores';
import { useEffect, useRef } from 'preact/hooks';
import { interpolateParts } from '../../i18n/format.ts';
import { removeDeletedStoreFiles, type StoreWithFiles } from '../../lib/console/deleted-store-files.ts';
import { $session } from '../../stores/session.ts';
import { focusOn } from '../form-focus.ts';
import { merchantName } from '../merchant-name.tsx';
import { useText } from '../use-text.ts';
import { useConsoleText } from './console-text.ts';

type Removal = { userId: string | null; status: 'idle' | 'removing' | 'done' | 'failed'; stores: StoreWithFiles[] };

const $removal = atom<Removal>({ userId: null, status: 'idle', stores: [] });

/** Removes `userId`'s leftovers, unless a removal of theirs is under way (a double click on Try again). */
async function remove(userId: string): Promise<void> {
  const before = $removal.get();
  if (before.userId === userId && before.status === 'removing') return;
  // Try again keeps the stores already said: their lines stay while it runs, and it ends on them.
  const known = before.userId === userId ? before.stores : [];
  const mine = () => $removal.get().userId === userId;
  $removal.set({ userId, status: 'removing', stores: known });
  const { stores, error, stopped } = await removeDeletedStoreFiles({
    known,
    progress: (met) => mine() && $removal.set({ userId, status: 'removing', stores: met }),
    stillSignedIn: () => mine() && $session.get()?.user.id === userId,
  });
  if (!stopped && mine()) $removal.set({ userId, status: error ? 'failed' : 'done', stores });
}

export function DeletedStoreFiles({ userId }: { userId: string }) {
  const { t } = useConsoleText('staff');
  const { t: site } = useText();
  const removal = useStore($removal);
  // The live region is drawn empty from the start, so that its first line is announced too.
  const status = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if ($removal.get().userId !== userId) void remove(userId);
  }, [userId]);

  const said = removal.userId === userId ? removal : { status: 'idle' as const, stores: [] };
  const line = (key: 'deletedFilesRemoving' | 'deletedFilesRemoved' | 'deletedFilesFailed', store: StoreWithFiles) => (
    <p key={store.storeId}>{interpolateParts(t(key), { store: merchantName('store', store.name, store.lang) })}</p>
  );
  return (
    <>
      <div role="status" class={`console-narrow${said.status === 'done' ? ' success' : ''}`} ref={status}>
        {said.status === 'removing' && said.stores.map((store) => line('deletedFilesRemoving', store))}
        {said.status === 'done' && said.stores.map((store) => line('deletedFilesRemoved', store))}
      </div>
      {said.status === 'failed' && said.stores.length > 0 && (
        <div role="alert" class="notice error-notice console-narrow">
          {said.stores.map((store) => line('deletedFilesFailed', store))}
          <p>{t('deletedFilesRetryLater')}</p>
          <button
            type="button"
            onClick={() => {
              // The alert and its button go as the removal starts: the keyboard goes on where it is said.
              if (status.current) focusOn(status.current);
              void remove(userId);
            }}
          >
            {site('retry')}
          </button>
        </div>
      )}
    </>
  );
}
