/**
 * Serves the demo merchant page (a wig store's static page carrying the widget's script tag,
 * placements and the page API's queue) on its own origin, pointing the tag at the given portal.
 * Used by `npm run dev` and the browser tests.
 * - `/?store=<slug>` shows the widget of another store than the demo's;
 * - `/?hostile=1` adds a hostile stylesheet (global `!important` resets, a header at the top z-index);
 * - `/?csp=strict` sends a strict Content-Security-Policy: no inline script or style but the
 *   page's own stylesheet (by its hash), only the portal's scripts and frame and the API's
 *   connections (docs/widget.md's minimum); `/?csp=no-frame`, the same without the portal in
 *   `frame-src` (an integrator's policy that forgot it).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The portal origin written in index.html, so the file also works opened as is. */
const pagePortalUrl = 'http://localhost:4321';
const pageStore = 'data-store="demo-wigs"';
/** The slug rule of public.stores, so a `?store=` value can only ever be a slug in the page. */
const slugPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;
const assets: Record<string, string> = {
  '/hostile.css': 'text/css; charset=utf-8',
  '/demo.js': 'text/javascript; charset=utf-8',
};

export interface DemoOptions {
  /** 0 picks a free port. */
  port: number;
  /** The portal's origin, e.g. `http://localhost:4321`; widget.js is loaded from it. */
  portalUrl: string;
  /** The Supabase API the widget talks to, for the strict CSP's connect-src. */
  apiUrl?: string;
  host?: string;
}

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

export async function serveDemo({ port, portalUrl, apiUrl, host = '127.0.0.1' }: DemoOptions): Promise<DemoServer> {
  const template = await fs.readFile(new URL('./index.html', import.meta.url), 'utf8');
  const portal = new URL(portalUrl).origin;
  const page = template.replaceAll(`${pagePortalUrl}/widget.js`, `${portal}/widget.js`);
  const files = Object.fromEntries(
    await Promise.all(Object.keys(assets).map(async (path) => [path, await fs.readFile(new URL(`.${path}`, import.meta.url))] as const)),
  );
  // The page's inline stylesheet, allowed by its hash as a shop with a strict policy does; the widget's styles need nothing.
  const pageStyle = /<style>([\s\S]*?)<\/style>/.exec(template)?.[1];
  if (pageStyle === undefined) throw new Error('widget/demo/index.html has lost its <style> element.');
  const styleHash = `'sha256-${createHash('sha256').update(pageStyle).digest('base64')}'`;
  const strictCsp = [
    "default-src 'none'",
    `script-src 'self' ${portal}`,
    `style-src 'self' ${styleHash}`,
    `connect-src ${apiUrl ? new URL(apiUrl).origin : portal}`,
    `frame-src ${portal}`,
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const noFrameCsp = strictCsp.replace(`frame-src ${portal}`, "frame-src 'none'");

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo');
    const path = url.pathname;
    const store = url.searchParams.get('store');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/' || path === '/index.html') {
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };
      const csp = url.searchParams.get('csp');
      if (csp === 'strict' || csp === 'no-frame') headers['content-security-policy'] = csp === 'strict' ? strictCsp : noFrameCsp;
      let body = store && slugPattern.test(store) ? page.replace(pageStore, `data-store="${store}"`) : page;
      if (url.searchParams.get('hostile') === '1') body = body.replace('</head>', '    <link rel="stylesheet" href="/hostile.css" />\n  </head>');
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } else if (path in assets) {
      res.writeHead(200, { 'content-type': assets[path]!, 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : files[path]);
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
