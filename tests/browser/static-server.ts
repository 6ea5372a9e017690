/**
 * Serves a built static site the way a static host does: directory index, 404 otherwise, and the
 * caching README's Deploy asks for. Astro's hashed assets under /_astro/ are kept for good, so a
 * test's later pages take their scripts from the cache, compiled code included (without it every
 * page of a test fetched and compiled them again); every other file, whose name stays from build
 * to build (pages, widget.js), is revalidated by its ETag.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export async function serveStatic(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://static').pathname);
    let file = path.join(root, path.normalize(pathname));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    try {
      const stat = await fs.stat(file);
      const etag = `"${stat.size.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}"`;
      const caching = pathname.startsWith('/_astro/') ? { 'cache-control': 'public, max-age=31536000, immutable' } : { 'cache-control': 'no-cache', etag };
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, caching).end();
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream', ...caching });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
