/**
 * The console's removal of a deleted store's files (removeDeletedStoreFiles) against a client
 * that answers as deleted_store_files and Storage's remove do — a page of the files left, and the
 * rows removed — so that its stop conditions are seen: done when none is left, the same files
 * listed again after a round that removed none (refused) is an error and not a loop, files another
 * tab removed meanwhile are no error, a login that changed stops it. The database's side is
 * tests/db/delete-store.test.ts; the screen's, tests/browser/console-screens.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { removeDeletedStoreFiles, type FilesClient } from '../../src/lib/console/deleted-store-files.ts';

const [shop, other] = ['0d8f1c43-7c55-4a8e-9a57-5b1f3e0c9a01', '5e2b7a90-1f0c-4c3d-8e6a-2b9d4f7c1e02'];
const file = (store: string, bucket: string, name: string) => ({
  store_id: store,
  store_name: store === shop ? 'Lumina Hair' : '露米娜',
  store_lang: store === shop ? 'en' : 'zh-CN',
  bucket_id: bucket,
  name: `${store}/${name}`,
});
type File = ReturnType<typeof file>;

/**
 * Files left, `page` a listing; `keep` files Storage will not remove; `removeError` refuses
 * that bucket; `beforeRemove` runs at each remove (another tab's removal).
 */
function fakeClient(files: File[], { page = 1000, keep = [] as string[], removeError = '', beforeRemove = () => {}, listError = false } = {}) {
  const left = [...files];
  const calls = { lists: 0, removes: [] as string[][] };
  const client: FilesClient = {
    rpc: async () => {
      calls.lists += 1;
      if (listError) return { data: null, error: { message: 'Failed to fetch', code: '' } };
      return { data: left.slice(0, page), error: null };
    },
    storage: {
      from: (bucket) => ({
        remove: async (names) => {
          calls.removes.push(names);
          beforeRemove();
          if (bucket === removeError) return { data: null, error: { message: 'Internal Server Error' } };
          const gone = left.filter((f) => f.bucket_id === bucket && names.includes(f.name) && !keep.includes(f.name));
          for (const f of gone) left.splice(left.indexOf(f), 1);
          return { data: gone.map((f) => ({ name: f.name })), error: null };
        },
      }),
    },
  };
  return { client, calls, left };
}

describe('removing a deleted store\'s files', () => {
  it('removes every page, bucket by bucket, until none is listed, naming each store once in the order met', async () => {
    const files = [file(shop, 'merchant-logos', 'logo.png'), file(shop, 'product-images', 'p/a.png'), file(shop, 'product-images', 'p/b.png'), file(other, 'post-attachments', 'x/r.pdf')];
    const { client, calls, left } = fakeClient(files, { page: 3 });
    const heard: string[][] = [];
    const done = await removeDeletedStoreFiles({ client, progress: (stores) => heard.push(stores.map((s) => s.name)) });
    expect(done).toEqual({
      stores: [{ storeId: shop, name: 'Lumina Hair', lang: 'en' }, { storeId: other, name: '露米娜', lang: 'zh-CN' }],
      error: null,
      stopped: false,
    });
    expect(left).toEqual([]);
    expect(calls.lists).toBe(3);
    expect(heard).toEqual([['Lumina Hair'], ['Lumina Hair', '露米娜']]);
  });

  it('asks Storage 1,000 names a request', async () => {
    const files = Array.from({ length: 2500 }, (_, i) => file(shop, 'product-images', `p/${i}.png`));
    const { client, calls } = fakeClient(files, { page: 2500 });
    expect((await removeDeletedStoreFiles({ client })).error).toBeNull();
    expect(calls.removes.map((names) => names.length)).toEqual([1000, 1000, 500]);
  });

  it('files another tab removed meanwhile (Storage answers none removed) end it as done, not as an error', async () => {
    const files = [file(shop, 'merchant-logos', 'logo.png')];
    const fake = fakeClient(files, { beforeRemove: () => fake.left.splice(0) });
    expect(await removeDeletedStoreFiles({ client: fake.client })).toMatchObject({ error: null, stopped: false });
    expect(fake.calls.lists).toBe(2);
  });

  it('the same files listed again after a round that removed none: an error, after one more listing, not a loop', async () => {
    const files = [file(shop, 'merchant-logos', 'logo.png'), file(shop, 'product-images', 'p/a.png')];
    const { client, calls } = fakeClient(files, { keep: files.map((f) => f.name) });
    const refused = await removeDeletedStoreFiles({ client });
    expect(refused.error).toMatchObject({ code: 'storage' });
    expect(refused.stores.map((s) => s.name)).toEqual(['Lumina Hair']);
    expect(calls.lists).toBe(2);
    expect(calls.removes).toHaveLength(2);
  });

  it('a refused listing or removal is an error that keeps the stores already said', async () => {
    const known = [{ storeId: shop, name: 'Lumina Hair', lang: 'en' as const }];
    const listing = await removeDeletedStoreFiles({ client: fakeClient([], { listError: true }).client, known });
    expect(listing).toEqual({ stores: known, error: { message: 'Failed to fetch', code: '' }, stopped: false });
    const removing = await removeDeletedStoreFiles({ client: fakeClient([file(other, 'post-attachments', 'x/r.pdf')], { removeError: 'post-attachments' }).client, known });
    expect(removing.error).toEqual({ code: 'storage', message: 'Internal Server Error' });
    expect(removing.stores.map((s) => s.storeId)).toEqual([shop, other]);
  });

  it('stops where it is once the login it runs for is no longer signed in', async () => {
    let signedIn = true;
    const files = [file(shop, 'merchant-logos', 'logo.png'), file(shop, 'product-images', 'p/a.png')];
    const { client, calls } = fakeClient(files, { beforeRemove: () => (signedIn = false) });
    expect(await removeDeletedStoreFiles({ client, stillSignedIn: () => signedIn })).toMatchObject({ stopped: true, error: null });
    expect(calls.removes).toHaveLength(1);
    expect(calls.lists).toBe(1);
  });
});
