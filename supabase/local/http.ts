/**
 * What the gateway and the auth and storage stand-ins share: the handler shape and
 * Supabase's JSON error bodies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A stand-in mounted under a prefix; `path` is the request path with the prefix removed. */
export type Handler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export class BodyTooLarge extends Error {}

/**
 * The request's chunks, for `for await`. Leaving such a loop early (a limit hit) must not
 * destroy the request, as the default iterator does: that tears the socket down and the
 * client sees a reset instead of our error. discardUnreadBody() deals with the rest.
 */
export function requestChunks(req: IncomingMessage): AsyncIterable<Buffer> {
  return req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
}

/** Reads a request body, refusing more than `limit` bytes instead of buffering it. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge(`Body of ${declared} bytes exceeds ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of requestChunks(req)) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge(`Body exceeds ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** How long a connection stays half-closed for the client to read our answer (Go's server waits 500 ms too). */
const lingerMs = 500;

/**
 * After an early refusal the client may still be sending. Answering before its body is in
 * makes the socket close under the client's feet (undici reports "fetch failed" instead of
 * our error), so read and drop the rest first. Past `maxBytes`, answer at once, then
 * half-close and linger: closing outright (Connection: close) lets the kernel reset a
 * connection with unread data, and the client can lose the answer it already received.
 */
export function discardUnreadBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let dropped = 0;
    const stop = () => {
      req.off('data', onData);
      const socket = req.socket;
      res.once('finish', () => {
        // The rest of the body is still read and dropped (the request keeps flowing).
        socket.end();
        setTimeout(() => socket.destroy(), lingerMs).unref();
      });
      resolve();
    };
    const onData = (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > maxBytes) stop();
    };
    req.on('data', onData);
    req.once('end', resolve);
    req.once('error', stop);
    req.resume();
  });
}

/**
 * True when a string anywhere in a parsed JSON value (keys included) holds U+0000, which
 * Postgres cannot store in text or jsonb: refused up front rather than failing in SQL.
 */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') return Object.entries(value).some(([key, v]) => key.includes('\0') || containsNul(v));
  return false;
}

/** The client address, as the gateway forwards it (for per-IP rate limits). */
export function clientIp(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}
