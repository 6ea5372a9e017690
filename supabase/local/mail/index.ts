/**
 * The dev inbox on port 54324, standing in for Mailpit in `supabase start`: the auth
 * stand-in delivers here, and scripts read messages through Mailpit's JSON API.
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { BodyTooLarge, readBody, sendJson, type Handler } from '../http.ts';
import { detail, MessageStore, parseSearch, summary, type OutgoingMessage, type StoredMessage } from './inbox.ts';
import { inboxPage, pageSecurityHeaders } from './page.ts';

export type { OutgoingMessage, StoredMessage } from './inbox.ts';

export interface Inbox {
  deliver(message: OutgoingMessage): void;
  handler: Handler;
  /** Newest first. */
  messages(): readonly StoredMessage[];
}

const deleteSchema = z.object({ IDs: z.array(z.string()).optional() });
const messagePath = /^\/api\/v1\/message\/([^/]+)$/;
const bodyLimit = 64 * 1024;

/** Mailpit's list response; `start` and `limit` page through it. */
function listResponse(res: ServerResponse, all: readonly StoredMessage[], matching: readonly StoredMessage[], url: URL): void {
  const start = Math.max(0, Number.parseInt(url.searchParams.get('start') ?? '0', 10) || 0);
  const limit = Math.max(1, Number.parseInt(url.searchParams.get('limit') ?? '50', 10) || 50);
  const page = matching.slice(start, start + limit);
  sendJson(res, 200, {
    total: all.length,
    unread: all.filter((m) => !m.Read).length,
    count: page.length,
    messages_count: matching.length,
    messages_unread: matching.filter((m) => !m.Read).length,
    start,
    tags: [],
    messages: page.map(summary),
  });
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Mailpit answers DELETE /api/v1/messages with `{"IDs": [...]}` or no body (everything). */
async function idsToDelete(req: Parameters<Handler>[0]): Promise<string[] | undefined> {
  const raw = await readBody(req, bodyLimit);
  if (raw.length === 0) return undefined;
  const parsed = deleteSchema.safeParse(JSON.parse(raw.toString('utf8')));
  if (!parsed.success) throw new SyntaxError('Expected {"IDs": ["…"]}');
  return parsed.data.IDs && parsed.data.IDs.length > 0 ? parsed.data.IDs : undefined;
}

export function createInbox(): Inbox {
  const store = new MessageStore();

  const handler: Handler = async (req, res, path) => {
    const url = new URL(req.url ?? '/', 'http://inbox');
    const method = req.method ?? 'GET';
    // Read from browsers on other local ports (the portal in dev), like Mailpit's --api-cors.
    res.setHeader('access-control-allow-origin', '*');

    if (method === 'GET' && path === '/') {
      const html = inboxPage(store.all());
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), ...pageSecurityHeaders });
      res.end(html);
      return;
    }
    if (method === 'GET' && path === '/api/v1/messages') return listResponse(res, store.all(), store.all(), url);
    if (method === 'GET' && path === '/api/v1/search') {
      return listResponse(res, store.all(), store.all().filter(parseSearch(url.searchParams.get('query') ?? '')), url);
    }
    if (method === 'DELETE' && path === '/api/v1/messages') {
      try {
        store.delete(await idsToDelete(req));
      } catch (error) {
        if (error instanceof SyntaxError || error instanceof BodyTooLarge) return sendText(res, 400, error.message);
        throw error;
      }
      return sendText(res, 200, 'ok');
    }
    const id = messagePath.exec(path)?.[1];
    if (method === 'GET' && id !== undefined) {
      const message = store.get(id);
      if (!message) return sendText(res, 404, 'message not found');
      message.Read = true;
      return sendJson(res, 200, detail(message));
    }
    sendText(res, 404, 'not found');
  };

  return {
    deliver: (message) => void store.add(message),
    handler,
    messages: () => store.all(),
  };
}
