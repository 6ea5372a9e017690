/**
 * Clients as devices of their own: Auth limits requests per client address, so each test client
 * connects from a loopback address no other client in the run uses (used by the database tests'
 * clients and the browser tests' sign-ins made through the API).
 */
import { randomInt } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';

/** A loopback address for one client: 127.1.0.1 to 127.254.255.254, never the 127.0.0.0/16 servers use. */
export function newAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/**
 * fetch whose connections come from `address` (Linux routes all of 127.0.0.0/8 to loopback).
 * The request is built as fetch builds it (a Request: FormData becomes multipart, and so on) and
 * sent with node:http, which can choose the local address.
 */
export function fetchFrom(address: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const url = new URL(request.url);
    const headers: Record<string, string> = Object.fromEntries(request.headers);
    if (body) headers['content-length'] = String(body.length);
    return new Promise<Response>((resolve, reject) => {
      const outgoing = http.request(
        { hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: request.method, headers, localAddress: address },
        (answer) => {
          const status = answer.statusCode ?? 502;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(answer.headers)) {
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, one);
          }
          const empty = request.method === 'HEAD' || status === 204 || status === 304;
          if (empty) answer.resume();
          resolve(new Response(empty ? null : (Readable.toWeb(answer) as ReadableStream), { status, statusText: answer.statusMessage ?? '', headers: responseHeaders }));
        },
      );
      outgoing.on('error', reject);
      request.signal.addEventListener('abort', () => outgoing.destroy(request.signal.reason as Error), { once: true });
      outgoing.end(body);
    });
  };
}
