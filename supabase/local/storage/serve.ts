/** Sends a stored object's bytes with the headers Storage sets from its metadata. */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { ObjectRow } from './db.ts';
import { noSuchKey } from './errors.ts';
import type { ObjectFiles } from './files.ts';

/**
 * Storage never serves HTML as HTML: an uploaded page would run as script on the API's
 * origin (stored XSS), so `text/html` goes out as `text/plain`, as Storage's renderer does.
 */
function servedContentType(mimetype: string | undefined): string {
  if (!mimetype) return 'application/octet-stream';
  return mimetype.toLowerCase().includes('text/html') ? 'text/plain' : mimetype;
}

export async function sendObject(req: IncomingMessage, res: ServerResponse, files: ObjectFiles, row: ObjectRow): Promise<void> {
  if (!row.version) throw noSuchKey();
  const filePath = files.pathOf(row.version);
  const stat = await fs.promises.stat(filePath).catch(() => undefined);
  // A row without bytes (inserted by SQL, say) is as missing as Storage's S3 would report it.
  if (!stat) throw noSuchKey();
  const metadata = row.metadata;
  const headers: Record<string, string> = {
    'content-type': servedContentType(metadata?.mimetype),
    'content-length': String(stat.size),
    'cache-control': metadata?.cacheControl ?? 'no-cache',
    'last-modified': (metadata?.lastModified ? new Date(metadata.lastModified) : row.updated_at).toUTCString(),
  };
  if (metadata?.eTag) headers.etag = metadata.eTag;
  const download = new URL(req.url ?? '/', 'http://storage').searchParams.get('download');
  if (download !== null) {
    const filename = download || row.name.split('/').at(-1)!;
    headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
  }
  if (metadata?.eTag && req.headers['if-none-match'] === metadata.eTag) {
    res.writeHead(304, { etag: metadata.eTag, 'cache-control': headers['cache-control']! });
    res.end();
    return;
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(fs.createReadStream(filePath), res);
}
