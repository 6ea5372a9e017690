/**
 * One HTTP port with Supabase's URL layout, standing where Kong stands in `supabase start`:
 * checks the API key, answers CORS, and routes /rest/v1 to PostgREST and /auth/v1 and
 * /storage/v1 to the local stand-ins.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson, type Handler } from './http.ts';

export interface GatewayOptions {
  port: number;
  restUrl: string;
  auth: Handler;
  storage: Handler;
  /** The keys a client may present as `apikey`: the anon and service-role keys. */
  apiKeys: string[];
}

const corsHeaders = {
  'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers':
    'authorization, apikey, x-client-info, content-type, accept, accept-profile, content-profile, prefer, range, ' +
    'x-upsert, cache-control, x-supabase-api-version, x-retry-count',
  'access-control-expose-headers': 'content-range, content-location, content-length, x-total-count, etag, range-unit',
  'access-control-max-age': '3600',
};

/**
 * Routes Kong leaves open without an API key: links followed from e-mails and public or
 * signed storage URLs, which browsers fetch as plain GETs.
 */
function isKeyless(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return (
    path === '/auth/v1/verify' ||
    path === '/auth/v1/health' ||
    path.startsWith('/storage/v1/object/public/') ||
    path.startsWith('/storage/v1/object/sign/')
  );
}

function apiKeyOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.apikey;
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('apikey') ?? undefined;
}

export function startGateway(options: GatewayOptions): Promise<http.Server> {
  const rest = new URL(options.restUrl);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const method = req.method ?? 'GET';
    // Browsers may call from any merchant's origin (the widget); like Supabase, the API
    // key and the user's JWT, never cookies, decide what a caller gets.
    res.setHeader('access-control-allow-origin', '*');
    if (method === 'OPTIONS') {
      res.writeHead(204, corsHeaders);
      res.end();
      return;
    }
    for (const [name, value] of Object.entries(corsHeaders)) res.setHeader(name, value);
    // The stand-ins and join limits count per client address: never trust one the client supplied.
    req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
    delete req.headers['cf-connecting-ip'];

    if (!isKeyless(method, url.pathname)) {
      const key = apiKeyOf(req, url);
      if (!key) {
        sendJson(res, 401, { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
        return;
      }
      if (!options.apiKeys.includes(key)) {
        sendJson(res, 401, { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
        return;
      }
    }

    const [, service, version, ...rest_] = url.pathname.split('/');
    const subPath = `/${rest_.join('/')}`;
    if (version !== 'v1') return sendJson(res, 404, { message: 'no Route matched with those values' });
    switch (service) {
      case 'rest':
        return proxy(req, res, rest, subPath + url.search);
      case 'auth':
        // GoTrue's own CORS exposes its API version header: supabase-js reads it in a browser to
        // take `error.code` from an error's body (without it, only the status reaches the page).
        res.setHeader('access-control-expose-headers', 'x-total-count, link, x-supabase-api-version');
        return options.auth(req, res, subPath);
      case 'storage':
        return options.storage(req, res, subPath);
      default:
        return sendJson(res, 404, { message: 'no Route matched with those values' });
    }
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error('[gateway]', error);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal gateway error' });
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * How long the gateway waits for PostgREST's answer. A hosted project lets a request run up to
 * 60 s (the longest statement_timeout the migrations give a function, a period change at a large
 * store), and the database's own refusal at that bound is what the client gets; the stand-in must
 * not end such a request sooner (it ended them at 30 s, answering 503).
 */
export const upstreamTimeoutMs = 65_000;

/** Streams a request to PostgREST; while it is down, answers a clean 503 instead of hanging. */
function proxy(req: IncomingMessage, res: ServerResponse, target: URL, path: string): Promise<void> {
  return new Promise((resolve) => {
    // PostgREST reads the JWT, not the API key; the key stops here as it does at Kong.
    const headers: http.OutgoingHttpHeaders = { ...req.headers, host: target.host };
    delete headers['apikey'];
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, method: req.method, path, headers, timeout: upstreamTimeoutMs },
      (answer) => {
        const out = { ...answer.headers };
        for (const name of Object.keys(corsHeaders)) delete out[name];
        delete out['access-control-allow-origin'];
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', () => {
          res.destroy();
          resolve();
        });
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
    upstream.on('error', () => {
      if (!res.headersSent) {
        sendJson(res, 503, {
          code: 'PGRST000',
          message: 'The REST API is temporarily unavailable. Retry shortly.',
          details: null,
          hint: null,
        });
      } else res.destroy();
      resolve();
    });
    req.pipe(upstream);
  });
}

export function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
