/**
 * POST /object/list/{bucket}: one folder level, as Storage's `storage.search` returns it.
 * Names are relative to the prefix; a deeper path shows as a folder entry whose id,
 * timestamps and metadata are null. Sorted by name, folders and files interleave
 * case-insensitively; sorted by a timestamp, folders come first. RLS decides which
 * objects (and so which folders) the caller sees.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';
import { readJson, type StorageContext } from './context.ts';
import { asCaller } from './db.ts';
import { invalidRequest } from './errors.ts';
import { identify } from './identity.ts';
import { bucketFromPath } from './names.ts';

const sortColumns = ['name', 'updated_at', 'created_at', 'last_accessed_at'] as const;
type SortColumn = (typeof sortColumns)[number];

/** Storage's own ceiling on one page. */
const maxLimit = 1500;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

interface ListOptions {
  prefix: string;
  search: string;
  limit: number;
  offset: number;
  column: SortColumn;
  descending: boolean;
}

function listOptions(body: Record<string, unknown>): ListOptions {
  let prefix = typeof body.prefix === 'string' ? body.prefix : '';
  // Storage treats the prefix as a folder.
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  const limit = body.limit ?? 100;
  const offset = body.offset ?? 0;
  // Safe integers only: a larger one (1e20) overflows Postgres's bigint and fails in SQL.
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) throw invalidRequest('limit must be a positive integer');
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) throw invalidRequest('offset must be a non-negative integer');
  const sortBy = (body.sortBy ?? {}) as { column?: unknown; order?: unknown };
  const column = sortColumns.includes(sortBy.column as SortColumn) ? (sortBy.column as SortColumn) : 'name';
  return {
    prefix,
    search: typeof body.search === 'string' ? body.search : '',
    limit: Math.min(limit, maxLimit),
    offset,
    column,
    descending: String(sortBy.order ?? 'asc').toLowerCase() === 'desc',
  };
}

function listQuery(options: ListOptions): string {
  const direction = options.descending ? 'desc' : 'asc';
  // Both the column and the direction come from fixed lists above.
  const order =
    options.column === 'name'
      ? `lower(name) collate "C" ${direction}`
      : `(id is null) desc, lower(name) collate "C" ${direction}, ${options.column} ${direction}`;
  return `
    with matching as (
      select substr(name, $2 + 1) as relative, id, updated_at, created_at, last_accessed_at, metadata
      from storage.objects
      where bucket_id = $1 and lower(name) like lower($3) escape '\\'
    ),
    entries as (
      select split_part(relative, '/', 1) as name, null::uuid as id, null::timestamptz as updated_at,
             null::timestamptz as created_at, null::timestamptz as last_accessed_at, null::jsonb as metadata
      from matching where strpos(relative, '/') > 0
      group by 1
      union all
      select relative, id, updated_at, created_at, last_accessed_at, metadata
      from matching where strpos(relative, '/') = 0
    )
    select * from entries order by ${order} limit $4 offset $5`;
}

export async function listObjects(ctx: StorageContext, req: IncomingMessage, res: ServerResponse, bucketParam: string): Promise<void> {
  const identity = await identify(req, ctx.secret);
  const bucket = bucketFromPath(bucketParam);
  const options = listOptions(await readJson(req));
  const pattern = `${escapeLike(options.prefix + options.search)}%`;
  const { rows } = await asCaller(ctx.pool, identity, (db) =>
    db.query(listQuery(options), [bucket, options.prefix.length, pattern, options.limit, options.offset]),
  );
  sendJson(res, 200, rows);
}
