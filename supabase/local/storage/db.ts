/**
 * Metadata access. Every statement a caller triggers runs in a transaction as the caller's
 * role with their claims, exactly as Storage does, so the RLS policies migrations put on
 * storage.objects and storage.buckets decide; service_role bypasses RLS. Only bucket
 * settings (public flag, limits) are read as the tables' owner, as Storage reads them.
 */
import pg from 'pg';
import { fromDatabaseError, noSuchBucket } from './errors.ts';
import type { Identity } from './identity.ts';

export async function asCaller<T>(pool: pg.Pool, identity: Identity, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    // The role comes from a fixed allow-list (identify()), so interpolating it is safe.
    await client.query(`set local role ${identity.role}`);
    await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(identity.claims)]);
    // As hosted Storage does, transaction-local, in every request it scopes: storage.protect_delete
    // refuses deletes in SQL without it (rows go only with their bytes); RLS still decides which rows.
    await client.query(`select set_config('storage.allow_delete_query', 'true', true)`);
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw fromDatabaseError(error);
  } finally {
    client.release();
  }
}

/** Runs `work` as the caller and always rolls back: a permission probe, as Storage's testPermission. */
export async function probeAsCaller(pool: pg.Pool, identity: Identity, work: (client: pg.PoolClient) => Promise<unknown>): Promise<void> {
  const rollback = new Error('probe');
  try {
    await asCaller(pool, identity, async (client) => {
      await work(client);
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
}

export interface BucketRow {
  id: string;
  name: string;
  owner: string | null;
  public: boolean;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
  created_at: Date;
  updated_at: Date;
}

/** Bucket columns as Storage returns them; the bigint limit cast so it arrives as a number. */
export const bucketColumns =
  'id, name, owner, public, file_size_limit::float8 as file_size_limit, allowed_mime_types, created_at, updated_at';

/** A bucket's settings regardless of the caller, or Storage's "Bucket not found". */
export async function bucketSettings(pool: pg.Pool, id: string): Promise<BucketRow> {
  const { rows } = await pool.query<BucketRow>(
    `select ${bucketColumns} from storage.buckets where id = $1`,
    [id],
  );
  if (!rows[0]) throw noSuchBucket();
  return rows[0];
}

export interface ObjectRow {
  id: string;
  bucket_id: string;
  name: string;
  owner: string | null;
  version: string | null;
  metadata: ObjectMetadata | null;
  user_metadata: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  last_accessed_at: Date;
}

/** The metadata jsonb Storage keeps per object. */
export interface ObjectMetadata {
  eTag: string;
  size: number;
  mimetype: string;
  cacheControl: string;
  lastModified: string;
  contentLength: number;
  httpStatusCode: number;
}

export const objectColumns = 'id, bucket_id, name, owner, version, metadata, user_metadata, created_at, updated_at, last_accessed_at';
