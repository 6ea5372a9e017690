/**
 * Object routes: upload (POST, or PUT to replace), download, info, delete, move and copy.
 * Each metadata statement runs as the caller (see db.ts), so a refused insert is Storage's
 * 403 "new row violates row-level security policy" and a row hidden by RLS is "Object not
 * found". Bytes reach their final place only after the row that points at them commits.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { sendJson } from '../http.ts';
import { readJson, stringArray, type StorageContext } from './context.ts';
import { asCaller, bucketSettings, objectColumns, probeAsCaller, type ObjectMetadata, type ObjectRow } from './db.ts';
import { invalidRequest, noSuchBucket, noSuchKey } from './errors.ts';
import type { PendingFile } from './files.ts';
import { identify, type Identity } from './identity.ts';
import { bucketAndName, bucketFromPath, checkBucketName, checkObjectName } from './names.ts';
import { sendObject } from './serve.ts';
import { receiveUpload } from './upload.ts';

interface NewRow {
  bucket: string;
  name: string;
  version: string;
  metadata: ObjectMetadata | null;
  userMetadata: Record<string, unknown> | null;
}

/**
 * Inserts the row, or with `upsert` replaces an existing one (which RLS lets through only
 * with insert, update and select rights, as on Storage). Returns the id and the version
 * the row pointed at before, whose bytes are then obsolete.
 */
async function writeRow(db: pg.PoolClient, identity: Identity, row: NewRow, upsert: boolean) {
  // owner (uuid) and owner_id (text) both hold the caller's sub.
  const values = [row.bucket, row.name, identity.owner, row.version, row.metadata, row.userMetadata, identity.owner];
  const insert = `insert into storage.objects (bucket_id, name, owner, version, metadata, user_metadata, owner_id)
    values ($1, $2, $3, $4, $5, $6, $7)`;
  const sql = upsert
    ? `with previous as (select version from storage.objects where bucket_id = $1 and name = $2)
       ${insert} on conflict (bucket_id, name) do update set
         owner = excluded.owner, owner_id = excluded.owner_id, version = excluded.version,
         metadata = excluded.metadata, user_metadata = excluded.user_metadata,
         updated_at = now(), last_accessed_at = now()
       returning id, (select version from previous) as previous_version`
    : `${insert} returning id, null as previous_version`;
  const { rows } = await db.query<{ id: string; previous_version: string | null }>(sql, values);
  return rows[0]!;
}

function metadataOf(size: number, eTag: string, mimetype: string, cacheControl: string): ObjectMetadata {
  return { eTag, size, mimetype, cacheControl, lastModified: new Date().toISOString(), contentLength: size, httpStatusCode: 200 };
}

/**
 * Makes a pending file an object: writes the row as the caller, then moves the bytes into
 * place. If the row is refused the bytes are dropped, so nothing half-done remains.
 */
async function commitObject(ctx: StorageContext, identity: Identity, file: PendingFile, row: NewRow, upsert: boolean) {
  try {
    const written = await asCaller(ctx.pool, identity, (db) => writeRow(db, identity, row, upsert));
    await file.commit();
    await ctx.files.remove([written.previous_version]);
    return written;
  } catch (error) {
    await file.discard();
    throw error;
  }
}

/** POST /object/{bucket}/{name} (x-upsert: true to replace) and PUT (always replaces). */
export async function upload(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const { bucket, name } = bucketAndName(rest);
  const settings = await bucketSettings(ctx.pool, bucket);
  const upsert = req.method === 'PUT' || req.headers['x-upsert'] === 'true';
  // Ask the policies first, as Storage does, so a refused caller never streams a body.
  await probeAsCaller(ctx.pool, identity, (db) =>
    writeRow(db, identity, { bucket, name, version: 'probe', metadata: null, userMetadata: null }, upsert),
  );
  const maxBytes = Math.min(ctx.maxUploadBytes, settings.file_size_limit ?? Number.POSITIVE_INFINITY);
  const received = await receiveUpload(req, ctx.files, { maxBytes, allowedMimeTypes: settings.allowed_mime_types });
  const metadata = metadataOf(received.file.size, received.eTag, received.mimetype, received.cacheControl);
  const written = await commitObject(
    ctx,
    identity,
    received.file,
    { bucket, name, version: received.file.version, metadata, userMetadata: received.userMetadata },
    upsert,
  );
  sendJson(res, 200, { Id: written.id, Key: `${bucket}/${name}` });
}

async function findAsCaller(ctx: StorageContext, identity: Identity, bucket: string, name: string): Promise<ObjectRow> {
  const { rows } = await asCaller(ctx.pool, identity, (db) =>
    db.query<ObjectRow>(`select ${objectColumns} from storage.objects where bucket_id = $1 and name = $2`, [bucket, name]),
  );
  if (!rows[0]) throw noSuchKey();
  return rows[0];
}

/** GET /object/{bucket}/{name} and /object/authenticated/…: what the caller's policies let them select. */
export async function download(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const { bucket, name } = bucketAndName(rest);
  await sendObject(req, res, ctx.files, await findAsCaller(ctx, identity, bucket, name));
}

/** GET /object/public/{bucket}/{name}: any object of a public bucket, no key and no policies. */
export async function downloadPublic(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
  const { bucket, name } = bucketAndName(rest);
  const settings = await bucketSettings(ctx.pool, bucket);
  if (!settings.public) throw noSuchBucket();
  const { rows } = await ctx.pool.query<ObjectRow>(
    `select ${objectColumns} from storage.objects where bucket_id = $1 and name = $2`,
    [bucket, name],
  );
  if (!rows[0]) throw noSuchKey();
  await sendObject(req, res, ctx.files, rows[0]);
}

/** GET /object/info/{bucket}/{name}: what storage-js's info() and exists() read. */
export async function info(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const { bucket, name } = bucketAndName(rest);
  const row = await findAsCaller(ctx, identity, bucket, name);
  sendJson(res, 200, {
    id: row.id,
    name: row.name,
    version: row.version,
    bucket_id: row.bucket_id,
    size: row.metadata?.size ?? null,
    content_type: row.metadata?.mimetype ?? null,
    cache_control: row.metadata?.cacheControl ?? null,
    etag: row.metadata?.eTag ?? null,
    metadata: row.user_metadata,
    last_modified: row.updated_at,
    created_at: row.created_at,
  });
}

/** DELETE /object/{bucket} { prefixes } -> the rows the caller was allowed to delete. */
export async function removeMany(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, bucketParam: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const bucket = bucketFromPath(bucketParam);
  const names = stringArray((await readJson(req)).prefixes, 'prefixes');
  if (names.length > 1000) throw invalidRequest('Bulk object requests are limited to 1000 objects per request.');
  const { rows } = await asCaller(ctx.pool, identity, (db) =>
    db.query<ObjectRow>(`delete from storage.objects where bucket_id = $1 and name = any($2) returning ${objectColumns}`, [
      bucket,
      names,
    ]),
  );
  await ctx.files.remove(rows.map((r) => r.version));
  sendJson(res, 200, rows);
}

/** DELETE /object/{bucket}/{name}. */
export async function removeOne(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const { bucket, name } = bucketAndName(rest);
  const { rows } = await asCaller(ctx.pool, identity, (db) =>
    db.query<{ version: string | null }>('delete from storage.objects where bucket_id = $1 and name = $2 returning version', [bucket, name]),
  );
  if (!rows[0]) throw noSuchKey();
  await ctx.files.remove([rows[0].version]);
  sendJson(res, 200, { message: 'Successfully deleted' });
}

interface Transfer {
  bucket: string;
  from: string;
  toBucket: string;
  to: string;
}

function transferOf(body: Record<string, unknown>): Transfer {
  const { bucketId, sourceKey, destinationKey, destinationBucket } = body;
  if (typeof sourceKey !== 'string' || typeof destinationKey !== 'string') {
    throw invalidRequest('sourceKey and destinationKey are required');
  }
  const bucket = checkBucketName(bucketId);
  return {
    bucket,
    from: checkObjectName(sourceKey),
    toBucket: destinationBucket === undefined || destinationBucket === null ? bucket : checkBucketName(destinationBucket),
    to: checkObjectName(destinationKey),
  };
}

/** POST /object/move: renames the row (update policies see old and new name); the bytes stay. */
export async function move(ctx: StorageContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const t = transferOf(await readJson(req));
  await bucketSettings(ctx.pool, t.toBucket);
  const { rows } = await asCaller(ctx.pool, identity, (db) =>
    db.query<{ id: string }>(
      `update storage.objects set bucket_id = $3, name = $4, owner = $5, owner_id = $6, updated_at = now()
       where bucket_id = $1 and name = $2 returning id`,
      [t.bucket, t.from, t.toBucket, t.to, identity.owner, identity.owner],
    ),
  );
  if (!rows[0]) throw noSuchKey();
  sendJson(res, 200, { message: 'Successfully moved', Id: rows[0].id, Key: `${t.toBucket}/${t.to}` });
}

/** POST /object/copy: the caller must be able to read the source and insert the destination. */
export async function copy(ctx: StorageContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const body = await readJson(req);
  const t = transferOf(body);
  await bucketSettings(ctx.pool, t.toBucket);
  const source = await findAsCaller(ctx, identity, t.bucket, t.from);
  if (!source.version) throw noSuchKey();
  const file = await ctx.files.copyOf(source.version);
  const metadata = source.metadata && { ...source.metadata, lastModified: new Date().toISOString() };
  const written = await commitObject(
    ctx,
    identity,
    file,
    { bucket: t.toBucket, name: t.to, version: file.version, metadata, userMetadata: source.user_metadata },
    req.headers['x-upsert'] === 'true',
  );
  sendJson(res, 200, { Id: written.id, Key: `${t.toBucket}/${t.to}` });
}
