/**
 * The local Storage stand-in through the unmodified supabase-js client: storage.objects RLS
 * policies decide who uploads, reads, lists and deletes; bucket size and MIME limits hold;
 * signed and public URLs open exactly what they should. Every refusal is checked against
 * the rows in storage.objects, not only against the error.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { createClient, StorageApiError, type SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../supabase/local/storage/index.ts';
import { anonClient, holdLocks, newSignedInUser, serviceClient, sql, stack, type TestUser } from '../support/clients.ts';

const suffix = randomUUID().slice(0, 8);
/** Private: each user may write and read only under a folder named by their id. */
const privateBucket = `member-files-${suffix}`;
const publicBucket = `public-images-${suffix}`;
const sizeLimit = 1024;

let alice: { user: TestUser; client: SupabaseClient };
let bob: { user: TestUser; client: SupabaseClient };

const text = (body: string) => new Blob([body], { type: 'text/plain' });

async function objectRows(bucket: string, name?: string) {
  return sql<{ name: string; owner: string | null; metadata: Record<string, unknown> }>(
    `select name, owner, metadata from storage.objects where bucket_id = $1 and ($2::text is null or name = $2) order by name`,
    [bucket, name ?? null],
  );
}

function expectStorageError(error: unknown, statusCode: string, message?: string | RegExp): void {
  expect(error).toBeInstanceOf(StorageApiError);
  expect((error as StorageApiError).statusCode).toBe(statusCode);
  if (message) expect((error as StorageApiError).message).toMatch(message);
}

async function signToken(claims: Record<string, unknown>, secret: string, expiresAt: number): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(expiresAt - 60)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

beforeAll(async () => {
  await sql(
    `insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
     values ($1, $1, false, $3, array['text/plain', 'image/*']), ($2, $2, true, null, null)`,
    [privateBucket, publicBucket, sizeLimit],
  );
  // The policies a migration would write: one per operation, to authenticated, own folder only.
  const ownFolder = `bucket_id = '${privateBucket}' and (storage.foldername(name))[1] = (select auth.uid())::text`;
  for (const [operation, clause] of [
    ['insert', `with check (${ownFolder})`],
    ['select', `using (${ownFolder})`],
    ['update', `using (${ownFolder}) with check (${ownFolder})`],
    ['delete', `using (${ownFolder})`],
  ] as const) {
    await sql(`create policy "Members ${operation} files in their folder ${suffix}" on storage.objects for ${operation} to authenticated ${clause}`);
  }
  [alice, bob] = await Promise.all([newSignedInUser('storage-alice'), newSignedInUser('storage-bob')]);
});

describe('uploading', () => {
  it('refuses anon with Storage\'s RLS error and stores nothing', async () => {
    const { data, error } = await anonClient().storage.from(privateBucket).upload(`${alice.user.id}/anon.txt`, text('nope'));
    expect(data).toBeNull();
    expectStorageError(error, '403', 'new row violates row-level security policy');
    expect(await objectRows(privateBucket)).toHaveLength(0);
  });

  it('lets a member upload into their own folder and records owner and metadata', async () => {
    const name = `${alice.user.id}/contract.txt`;
    const { data, error } = await alice.client.storage.from(privateBucket).upload(name, text('signed contract'), { cacheControl: '60' });
    expect(error).toBeNull();
    expect(data).toMatchObject({ path: name, fullPath: `${privateBucket}/${name}` });

    const [row] = await objectRows(privateBucket, name);
    expect(row!.owner).toBe(alice.user.id);
    expect(row!.metadata).toMatchObject({ size: 15, contentLength: 15, mimetype: 'text/plain', cacheControl: 'max-age=60', httpStatusCode: 200 });
    expect(row!.metadata.eTag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it("refuses a member writing into another member's folder", async () => {
    const name = `${bob.user.id}/planted.txt`;
    const { error } = await alice.client.storage.from(privateBucket).upload(name, text('planted'));
    expectStorageError(error, '403', 'new row violates row-level security policy');
    expect(await objectRows(privateBucket, name)).toHaveLength(0);
  });

  it('takes raw bodies too (ArrayBuffer with an explicit content type)', async () => {
    const name = `${bob.user.id}/pixel.png`;
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    const { error } = await bob.client.storage.from(privateBucket).upload(name, bytes.buffer, { contentType: 'image/png' });
    expect(error).toBeNull();
    const { data } = await bob.client.storage.from(privateBucket).download(name);
    expect(new Uint8Array(await data!.arrayBuffer())).toEqual(bytes);
    expect(data!.type).toBe('image/png');
  });

  it('refuses to overwrite without upsert, replaces with it, and keeps one row', async () => {
    const name = `${alice.user.id}/notes.txt`;
    const files = alice.client.storage.from(privateBucket);
    expect((await files.upload(name, text('first'))).error).toBeNull();
    expectStorageError((await files.upload(name, text('second'))).error, '409', 'The resource already exists');
    expect((await files.upload(name, text('third'), { upsert: true })).error).toBeNull();
    expect(await (await files.download(name)).data!.text()).toBe('third');
    expect((await files.update(name, text('fourth'))).error).toBeNull();
    expect(await (await files.download(name)).data!.text()).toBe('fourth');
    expect(await objectRows(privateBucket, name)).toHaveLength(1);
  });

  it("enforces the bucket's file_size_limit with Storage's 413", async () => {
    const name = `${alice.user.id}/too-big.txt`;
    const { error } = await alice.client.storage.from(privateBucket).upload(name, text('x'.repeat(sizeLimit + 1)));
    expectStorageError(error, '413', 'exceeded the maximum allowed size');
    expect(await objectRows(privateBucket, name)).toHaveLength(0);
  });

  it("enforces the bucket's allowed_mime_types with Storage's 415", async () => {
    const name = `${alice.user.id}/tool.exe`;
    const blob = new Blob(['MZ'], { type: 'application/x-msdownload' });
    const { error } = await alice.client.storage.from(privateBucket).upload(name, blob);
    expectStorageError(error, '415', 'mime type application/x-msdownload is not supported');
    expect(await objectRows(privateBucket, name)).toHaveLength(0);
  });

  it('rejects object names Storage would reject, with a clear 400', async () => {
    const { error } = await alice.client.storage.from(privateBucket).upload(`${alice.user.id}/naïve.txt`, text('x'));
    expectStorageError(error, '400', /Invalid key/);
  });

  it('answers "Bucket not found" for a bucket that does not exist', async () => {
    const { error } = await alice.client.storage.from(`missing-${suffix}`).upload(`${alice.user.id}/a.txt`, text('x'));
    expectStorageError(error, '404', 'Bucket not found');
  });

  it('refuses a forged or expired bearer token before touching the database', async () => {
    const forged = await signToken({ role: 'service_role' }, 'not-the-project-secret-but-long-enough-32', Math.floor(Date.now() / 1000) + 60);
    const client = createClient(stack().apiUrl, stack().anonKey, {
      auth: { persistSession: false },
      global: { headers: { Authorization: `Bearer ${forged}` } },
    });
    const { error } = await client.storage.from(privateBucket).upload('forged.txt', text('x'));
    expectStorageError(error, '403', 'signature verification failed');

    const expired = await signToken({ role: 'authenticated', sub: alice.user.id }, stack().jwtSecret, Math.floor(Date.now() / 1000) - 5);
    const late = createClient(stack().apiUrl, stack().anonKey, {
      auth: { persistSession: false },
      global: { headers: { Authorization: `Bearer ${expired}` } },
    });
    expectStorageError((await late.storage.from(privateBucket).list(alice.user.id)).error, '403', 'jwt expired');
    expect(await objectRows(privateBucket, 'forged.txt')).toHaveLength(0);
  });
});

describe('reading and listing', () => {
  beforeAll(async () => {
    await alice.client.storage.from(privateBucket).upload(`${alice.user.id}/reports/q1.txt`, text('q1 figures'));
  });

  it('lets the owner download and hides the object from others as "Object not found"', async () => {
    const name = `${alice.user.id}/contract.txt`;
    const own = await alice.client.storage.from(privateBucket).download(name);
    expect(await own.data!.text()).toBe('signed contract');

    for (const stranger of [bob.client, anonClient()]) {
      const { data, error } = await stranger.storage.from(privateBucket).download(name);
      expect(data).toBeNull();
      expectStorageError(error, '404', 'Object not found');
    }
    expect(await alice.client.storage.from(privateBucket).exists(name)).toMatchObject({ data: true });
    expect(await bob.client.storage.from(privateBucket).exists(name)).toMatchObject({ data: false });
  });

  it("lists one folder level in Supabase's shape, only what policies show", async () => {
    const { data: root } = await alice.client.storage.from(privateBucket).list();
    expect(root).toEqual([{ name: alice.user.id, id: null, updated_at: null, created_at: null, last_accessed_at: null, metadata: null }]);

    const { data: folder } = await alice.client.storage.from(privateBucket).list(alice.user.id);
    expect(folder!.map((e) => e.name)).toEqual(['contract.txt', 'notes.txt', 'reports']);
    expect(folder![0]).toMatchObject({ id: expect.any(String), metadata: { size: 15, mimetype: 'text/plain' } });
    expect(folder![2]!.id).toBeNull();

    const { data: searched } = await alice.client.storage.from(privateBucket).list(alice.user.id, { search: 'no' });
    expect(searched!.map((e) => e.name)).toEqual(['notes.txt']);

    const { data: bobsView } = await bob.client.storage.from(privateBucket).list(alice.user.id);
    expect(bobsView).toEqual([]);
    const { data: serviceView } = await serviceClient().storage.from(privateBucket).list();
    expect(serviceView!.map((e) => e.name).sort()).toEqual([alice.user.id, bob.user.id].sort());
  });
});

describe('signed URLs', () => {
  const name = () => `${alice.user.id}/contract.txt`;

  it('signs for a reader and opens the object to anyone holding the URL, without a key', async () => {
    const { data, error } = await alice.client.storage.from(privateBucket).createSignedUrl(name(), 60);
    expect(error).toBeNull();
    const answer = await fetch(data!.signedUrl);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('signed contract');
    const token = new URL(data!.signedUrl).searchParams.get('token')!;
    expect(decodeJwt(token)).toMatchObject({ url: `${privateBucket}/${name()}` });
  });

  it('refuses to sign what the caller cannot read', async () => {
    const { error } = await bob.client.storage.from(privateBucket).createSignedUrl(name(), 60);
    expectStorageError(error, '404', 'Object not found');
    const { data } = await bob.client.storage.from(privateBucket).createSignedUrls([name(), `${bob.user.id}/pixel.png`], 60);
    expect(data!.map((d) => d.error === null)).toEqual([false, true]);
  });

  it('rejects an expired token, a forged one and one for another object', async () => {
    const url = `${privateBucket}/${name()}`;
    const base = `${stack().apiUrl}/storage/v1/object/sign/${url}`;
    const now = Math.floor(Date.now() / 1000);
    const attempts = {
      expired: await signToken({ url, scope: 'download' }, stack().jwtSecret, now - 10),
      forged: await signToken({ url, scope: 'download' }, 'an-attackers-secret-of-at-least-32-chars', now + 60),
      otherObject: await signToken({ url: `${privateBucket}/${bob.user.id}/pixel.png`, scope: 'download' }, stack().jwtSecret, now + 60),
      userAccessToken: (await alice.client.auth.getSession()).data.session!.access_token,
    };
    for (const [label, token] of Object.entries(attempts)) {
      const answer = await fetch(`${base}?token=${token}`);
      expect(answer.status, label).toBe(400);
      expect((await answer.json()) as { statusCode: string }, label).toMatchObject({ statusCode: '400' });
    }
  });
});

describe('public buckets', () => {
  it('serves any object of a public bucket at its public URL, without a key', async () => {
    const service = serviceClient().storage.from(publicBucket);
    const { error } = await service.upload('banners/spring.txt', text('spring sale'), { contentType: 'text/plain' });
    expect(error).toBeNull();
    const answer = await fetch(service.getPublicUrl('banners/spring.txt').data.publicUrl);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain');
    expect(await answer.text()).toBe('spring sale');
  });

  it('serves nothing from a private bucket at a public URL', async () => {
    const publicUrl = alice.client.storage.from(privateBucket).getPublicUrl(`${alice.user.id}/contract.txt`).data.publicUrl;
    const answer = await fetch(publicUrl);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ statusCode: '404' });
  });
});

describe('buckets', () => {
  it('shows buckets only to service_role when no bucket policies exist', async () => {
    expect((await anonClient().storage.listBuckets()).data).toEqual([]);
    const { data } = await serviceClient().storage.getBucket(privateBucket);
    expect(data).toMatchObject({ id: privateBucket, public: false, file_size_limit: sizeLimit, allowed_mime_types: ['text/plain', 'image/*'] });
  });

  it('lets service_role create and delete a bucket and refuses a member', async () => {
    const id = `scratch-${suffix}`;
    expectStorageError((await alice.client.storage.createBucket(id)).error, '403', 'new row violates row-level security policy');
    expect((await serviceClient().storage.createBucket(id, { public: true, fileSizeLimit: '2MB' })).error).toBeNull();
    expect(await sql(`select file_size_limit from storage.buckets where id = $1`, [id])).toEqual([{ file_size_limit: 2 * 1024 ** 2 }]);
    expect((await serviceClient().storage.deleteBucket(id)).error).toBeNull();
    expect(await sql(`select 1 from storage.buckets where id = $1`, [id])).toHaveLength(0);
  });
});

describe('removing', () => {
  it("removes only what the caller's policies allow and reports what went", async () => {
    const name = `${alice.user.id}/reports/q1.txt`;
    const byBob = await bob.client.storage.from(privateBucket).remove([name]);
    expect(byBob).toMatchObject({ data: [], error: null });
    expect(await objectRows(privateBucket, name)).toHaveLength(1);

    const byAlice = await alice.client.storage.from(privateBucket).remove([name]);
    expect(byAlice.data!.map((o) => o.name)).toEqual([name]);
    expect(await objectRows(privateBucket, name)).toHaveLength(0);
    expectStorageError((await alice.client.storage.from(privateBucket).download(name)).error, '404');
  });

  it('refuses deleting rows in SQL, as hosted Storage does, unless the transaction says it means it', async () => {
    const name = `${alice.user.id}/reports/sql.txt`;
    expect((await alice.client.storage.from(privateBucket).upload(name, text('kept'))).error).toBeNull();
    for (const statement of ['delete from storage.objects where bucket_id = $1', 'delete from storage.buckets where id = $1']) {
      await expect(sql(statement, [privateBucket])).rejects.toMatchObject({
        code: '42501',
        message: 'Direct deletion from storage tables is not allowed. Use the Storage API instead.',
      });
    }
    expect(await objectRows(privateBucket, name)).toHaveLength(1);
    // The transaction-local setting Storage's own removals set (and a migration may, knowing the bytes stay).
    const meaning = await holdLocks(`select set_config('storage.allow_delete_query', 'true', true)`, []);
    const gone = await meaning.run('delete from storage.objects where bucket_id = $1 and name = $2', [privateBucket, name]);
    await meaning.commit();
    expect(gone.rowCount).toBe(1);
  });
});

/**
 * The bytes behind the rows, through a stand-in of this file's own (same database, a root
 * directory the test can inspect, a 64 KB global cap): refused or failed uploads leave no
 * file, replaced and removed objects leave no stale one.
 */
describe('files on disk', () => {
  const rootDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardclub-storage-test-'));
  const maxUploadBytes = 64 * 1024;
  let pool: pg.Pool;
  let server: http.Server;
  let baseUrl: string;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: stack().dbUrl.replace('postgres:postgres@', 'supabase_storage_admin:postgres@'), max: 4 });
    const storage = createStorage({ pool, jwtSecret: stack().jwtSecret, rootDir, maxUploadBytes });
    server = http.createServer((req, res) => void storage(req, res, req.url!.replace(/^\/storage\/v1/, '')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await pool?.end();
    fs.rmSync(rootDir, { recursive: true, force: true });
  });

  const filesIn = (dir: string) => fs.readdirSync(path.join(rootDir, dir));
  const asAlice = async () => {
    const token = (await alice.client.auth.getSession()).data.session!.access_token;
    return createClient(baseUrl, stack().anonKey, { auth: { persistSession: false }, global: { headers: { Authorization: `Bearer ${token}` } } })
      .storage.from(privateBucket);
  };

  it('keeps one file per object: an upsert drops the replaced bytes, a removal drops the file', async () => {
    const files = await asAlice();
    const name = `${alice.user.id}/disk.txt`;
    const before = filesIn('objects').length;
    expect((await files.upload(name, text('one'))).error).toBeNull();
    expect((await files.upload(name, text('two'), { upsert: true })).error).toBeNull();
    expect(filesIn('objects')).toHaveLength(before + 1);
    expect(await (await files.download(name)).data!.text()).toBe('two');
    expect((await files.remove([name])).data).toHaveLength(1);
    expect(filesIn('objects')).toHaveLength(before);
    expect(filesIn('tmp')).toEqual([]);
  });

  it('leaves neither a row nor a file behind when an upload is refused', async () => {
    const files = await asAlice();
    const before = filesIn('objects').length;
    const refused = [
      await files.upload(`${bob.user.id}/rls.txt`, text('x')),
      await files.upload(`${alice.user.id}/big.txt`, text('x'.repeat(sizeLimit * 2))),
      await files.upload(`${alice.user.id}/app.exe`, new Blob(['MZ'], { type: 'application/x-msdownload' })),
    ];
    expect(refused.map((r) => (r.error as StorageApiError | null)?.statusCode)).toEqual(['403', '413', '415']);
    expect(filesIn('objects')).toHaveLength(before);
    expect(filesIn('tmp')).toEqual([]);
    expect(await objectRows(privateBucket, `${alice.user.id}/big.txt`)).toHaveLength(0);
  });

  it('stops a streamed body of unknown length at the global cap', async () => {
    const chunk = Buffer.alloc(16 * 1024, 'x');
    const body = Readable.from((function* () {
      for (let sent = 0; sent <= maxUploadBytes * 4; sent += chunk.length) yield chunk;
    })());
    // Served by a bucket without its own limit, so only the stand-in's cap applies.
    const answer = await fetch(`${baseUrl}/storage/v1/object/${publicBucket}/streamed.bin`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack().serviceRoleKey}`, 'content-type': 'application/octet-stream' },
      body: Readable.toWeb(body) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ statusCode: '413', error: 'Payload too large' });
    expect(await objectRows(publicBucket, 'streamed.bin')).toHaveLength(0);
    expect(filesIn('tmp')).toEqual([]);
  });
});
