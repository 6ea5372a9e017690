/**
 * Bucket routes. Like Storage, they run as the caller against storage.buckets under RLS:
 * with no bucket policies (the usual case: migrations create buckets with
 * `insert into storage.buckets`) only service_role sees, creates, changes or deletes them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';
import { readJson, type StorageContext } from './context.ts';
import { asCaller, bucketColumns, type BucketRow } from './db.ts';
import { bucketNotEmpty, entityTooLarge, invalidMimeType, invalidRequest, noSuchBucket } from './errors.ts';
import { identify } from './identity.ts';
import { bucketFromPath, checkBucketName } from './names.ts';

const sizeUnits: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/**
 * file_size_limit as storage-js passes it: bytes, or a string such as "20MB". Like Storage,
 * a limit above the global upload cap is refused (which also keeps it inside bigint).
 */
function fileSizeLimitOf(value: unknown, globalLimit: number): number | null {
  if (value === undefined || value === null) return null;
  let bytes: number | undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) bytes = value;
  const match = typeof value === 'string' ? /^(\d+)\s*(B|KB|MB|GB)?$/i.exec(value.trim()) : null;
  if (match) bytes = Number(match[1]) * sizeUnits[(match[2] ?? 'B').toUpperCase()]!;
  if (bytes === undefined) throw invalidRequest('Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B');
  if (bytes > globalLimit) throw entityTooLarge();
  return bytes;
}

/** A type and subtype (or `*`), optionally with a charset, as Storage validates them. */
const mimeTypePattern = /^[A-Za-z0-9+.-]+\/([A-Za-z0-9+.-]+|\*)(;\s*charset=[A-Za-z0-9-]+)?$/;

function mimeTypesOf(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw invalidRequest('allowed_mime_types must be an array of strings');
  }
  const invalid = value.find((v) => v.length > 1000 || !mimeTypePattern.test(v));
  if (invalid !== undefined) throw invalidMimeType(invalid.slice(0, 100));
  return value;
}

/** `public` must be a boolean when given; storage-js never sends anything else. */
function publicFlagOf(value: unknown): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw invalidRequest('public must be a boolean');
  return value;
}

/** A paging number from the query string: absent, or a whole number in Postgres's bigint range. */
function pageParam(query: URLSearchParams, name: string, min: number): number | null {
  const text = query.get(name);
  if (text === null || text === '') return null;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw invalidRequest(`${name} must be an integer of at least ${min}`);
  return value;
}

export async function listBuckets(ctx: StorageContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const query = new URL(req.url ?? '/', 'http://storage').searchParams;
  const sortColumn = ['id', 'name', 'created_at', 'updated_at'].find((c) => c === query.get('sortColumn')) ?? 'name';
  const sortOrder = query.get('sortOrder')?.toLowerCase() === 'desc' ? 'desc' : 'asc';
  const limit = pageParam(query, 'limit', 1);
  const offset = pageParam(query, 'offset', 0) ?? 0;
  const search = query.get('search') ?? '';
  if (search.includes('\0')) throw invalidRequest('search must not contain NUL characters');
  const { rows } = await asCaller(ctx.pool, identity, (db) =>
    db.query<BucketRow>(
      `select ${bucketColumns} from storage.buckets where name ilike '%' || $1 || '%'
       order by ${sortColumn} ${sortOrder} limit $2 offset $3`,
      [search.replace(/[\\%_]/g, (c) => `\\${c}`), limit, offset],
    ),
  );
  sendJson(res, 200, rows);
}

export async function getBucket(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, idParam: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const { rows } = await asCaller(ctx.pool, identity, (db) =>
    db.query<BucketRow>(`select ${bucketColumns} from storage.buckets where id = $1`, [bucketFromPath(idParam)]),
  );
  if (!rows[0]) throw noSuchBucket();
  sendJson(res, 200, rows[0]);
}

export async function createBucket(ctx: StorageContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const body = await readJson(req);
  const id = checkBucketName(body.id ?? body.name);
  await asCaller(ctx.pool, identity, (db) =>
    db.query(
      `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        id,
        identity.owner,
        identity.owner,
        publicFlagOf(body.public) ?? false,
        fileSizeLimitOf(body.file_size_limit, ctx.maxUploadBytes),
        mimeTypesOf(body.allowed_mime_types),
      ],
    ),
  );
  sendJson(res, 200, { name: id });
}

export async function updateBucket(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, idParam: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const body = await readJson(req);
  // Fields left out keep their value; storage-js sends undefined ones as absent.
  const { rowCount } = await asCaller(ctx.pool, identity, (db) =>
    db.query(
      `update storage.buckets set
         public = coalesce($2, public),
         file_size_limit = case when $3 then $4 else file_size_limit end,
         allowed_mime_types = case when $5 then $6 else allowed_mime_types end,
         updated_at = now()
       where id = $1`,
      [
        bucketFromPath(idParam),
        publicFlagOf(body.public),
        'file_size_limit' in body,
        fileSizeLimitOf(body.file_size_limit, ctx.maxUploadBytes),
        'allowed_mime_types' in body,
        mimeTypesOf(body.allowed_mime_types),
      ],
    ),
  );
  if (rowCount === 0) throw noSuchBucket();
  sendJson(res, 200, { message: 'Successfully updated' });
}

export async function deleteBucket(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, idParam: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const id = bucketFromPath(idParam);
  const { rows } = await ctx.pool.query('select 1 from storage.objects where bucket_id = $1 limit 1', [id]);
  if (rows.length > 0) throw bucketNotEmpty();
  const { rowCount } = await asCaller(ctx.pool, identity, (db) => db.query('delete from storage.buckets where id = $1', [id]));
  if (rowCount === 0) throw noSuchBucket();
  sendJson(res, 200, { message: 'Successfully deleted' });
}

/** POST /bucket/{id}/empty: deletes every object the caller's policies let them delete. */
export async function emptyBucket(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, idParam: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const id = bucketFromPath(idParam);
  const versions = await asCaller(ctx.pool, identity, async (db) => {
    const bucket = await db.query('select 1 from storage.buckets where id = $1', [id]);
    if (bucket.rowCount === 0) throw noSuchBucket();
    const { rows } = await db.query<{ version: string | null }>('delete from storage.objects where bucket_id = $1 returning version', [id]);
    return rows.map((r) => r.version);
  });
  await ctx.files.remove(versions);
  sendJson(res, 200, { message: 'Successfully emptied' });
}
