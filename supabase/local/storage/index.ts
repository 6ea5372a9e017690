/**
 * The local stand-in for Supabase Storage: the subset of Storage API's HTTP routes that
 * supabase-js's storage client calls, mounted by the gateway under /storage/v1. Metadata
 * lives in storage.buckets and storage.objects under the project's RLS policies; bytes
 * live on local disk under `rootDir`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { discardUnreadBody, sendJson, type Handler } from '../http.ts';
import { createBucket, deleteBucket, emptyBucket, getBucket, listBuckets, updateBucket } from './buckets.ts';
import type { StorageContext } from './context.ts';
import { notFound, sendStorageError, StorageError } from './errors.ts';
import { ObjectFiles } from './files.ts';
import { listObjects } from './list.ts';
import { copy, download, downloadPublic, info, move, removeMany, removeOne, upload } from './objects.ts';
import { downloadSigned, signMany, signOne } from './signing.ts';

export interface StorageOptions {
  /** Connected as supabase_storage_admin. */
  pool: pg.Pool;
  jwtSecret: string;
  /** Where object bytes are kept. */
  rootDir: string;
  /** Largest single upload, whatever a bucket allows (Storage's default global limit is 50 MB). */
  maxUploadBytes?: number;
}

type Route = (ctx: StorageContext, req: IncomingMessage, res: ServerResponse, rest: string) => Promise<void>;

/** Picks the route for a method and a path below /storage/v1; `rest` is what follows the matched prefix. */
function route(method: string, path: string): { run: Route; rest: string } | undefined {
  const read = method === 'GET' || method === 'HEAD';
  const after = (prefix: string) => (path.startsWith(prefix) ? path.slice(prefix.length) : undefined);
  const oneSegment = (rest: string | undefined) => rest !== undefined && rest !== '' && !rest.includes('/');
  let rest: string | undefined;

  if (path === '/bucket' || path === '/bucket/') {
    if (method === 'GET') return { run: (ctx, req, res) => listBuckets(ctx, req, res), rest: '' };
    if (method === 'POST') return { run: (ctx, req, res) => createBucket(ctx, req, res), rest: '' };
    return undefined;
  }
  if ((rest = after('/bucket/')) !== undefined) {
    if (method === 'POST' && rest.endsWith('/empty')) return { run: emptyBucket, rest: rest.slice(0, -'/empty'.length) };
    if (!oneSegment(rest)) return undefined;
    if (method === 'GET') return { run: getBucket, rest };
    if (method === 'PUT') return { run: updateBucket, rest };
    if (method === 'DELETE') return { run: deleteBucket, rest };
    return undefined;
  }
  if (method === 'POST' && path === '/object/move') return { run: (ctx, req, res) => move(ctx, req, res), rest: '' };
  if (method === 'POST' && path === '/object/copy') return { run: (ctx, req, res) => copy(ctx, req, res), rest: '' };
  if (method === 'POST' && (rest = after('/object/list/')) !== undefined) return { run: listObjects, rest };
  if ((rest = after('/object/sign/')) !== undefined) {
    if (read) return { run: downloadSigned, rest };
    if (method === 'POST') return { run: oneSegment(rest) ? signMany : signOne, rest };
    return undefined;
  }
  if (read && (rest = after('/object/public/')) !== undefined) return { run: downloadPublic, rest };
  if (read && (rest = after('/object/authenticated/')) !== undefined) return { run: download, rest };
  if (method === 'GET' && (rest = after('/object/info/authenticated/') ?? after('/object/info/')) !== undefined) return { run: info, rest };
  if ((rest = after('/object/')) !== undefined) {
    if (read) return { run: download, rest };
    if (method === 'POST' || method === 'PUT') return { run: upload, rest };
    if (method === 'DELETE') return { run: oneSegment(rest) ? removeMany : removeOne, rest };
  }
  return undefined;
}

export function createStorage(options: StorageOptions): Handler {
  const ctx: StorageContext = {
    pool: options.pool,
    secret: new TextEncoder().encode(options.jwtSecret),
    files: new ObjectFiles(options.rootDir),
    maxUploadBytes: options.maxUploadBytes ?? 50 * 1024 * 1024,
  };

  return async (req, res, fullPath) => {
    const path = fullPath.split('?')[0]!;
    const method = req.method ?? 'GET';
    if (method === 'GET' && (path === '/status' || path === '/health')) return sendJson(res, 200, { status: 'ok' });
    const matched = route(method, path);
    try {
      if (!matched) throw notFound();
      await matched.run(ctx, req, res, matched.rest);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      await discardUnreadBody(req, res, ctx.maxUploadBytes);
      if (error instanceof StorageError) return sendStorageError(res, error);
      console.error('[storage]', error);
      sendStorageError(res, new StorageError(500, 'InternalError', 'Internal server error', 'Internal'));
    }
  };
}
