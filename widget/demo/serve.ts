/**
 * Serves the demo merchant page (a wig store's static page carrying the widget's script tag)
 * on its own origin, pointing the tag at the given portal. Used by `npm run dev` and the
 * browser tests. `/?store=<slug>` shows the widget of another store than the demo's.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The portal origin written in index.html, so the file also works opened as is. */
const pagePortalUrl = 'http://localhost:4321';
const pageStore = 'data-store="demo-wigs"';
/** The slug rule of public.stores, so a `?store=` value can only ever be a slug in the page. */
const slugPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;

export interface DemoOptions {
  /** 0 picks a free port. */
  port: number;
  /** The portal's origin, e.g. `http://localhost:4321`; widget.js is loaded from it. */
  portalUrl: string;
  host?: string;
}

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

export async function serveDemo({ port, portalUrl, host = '127.0.0.1' }: DemoOptions): Promise<DemoServer> {
  const template = await fs.readFile(new URL('./index.html', import.meta.url), 'utf8');
  const page = template.replaceAll(`${pagePortalUrl}/widget.js`, `${new URL(portalUrl).origin}/widget.js`);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo');
    const path = url.pathname;
    const store = url.searchParams.get('store');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      const body = store && slugPattern.test(store) ? page.replace(pageStore, `data-store="${store}"`) : page;
      res.end(req.method === 'HEAD' ? undefined : body);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${actualPort}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
