/**
 * A small PostgREST client over plain fetch with the anon key (or a signed-in user's access
 * token): a visitor's store page does not load supabase-js, and My membership draws its first
 * screen before supabase-js has loaded. It also reads the session supabase-js stores, without
 * loading it: supabase-js keeps it in localStorage under `sb-<first label of the project
 * host>-auth-token`; only when that key exists does a page load the session store (which
 * refreshes the token).
 */
import { publicEnv } from './public-env.ts';

/** A refused or failed request, with PostgREST's code (`PT404`, …) when it sent one. */
export class PublicApiError extends Error {
  override name = 'PublicApiError';
  readonly code: string | undefined;
  readonly status: number;
  constructor(message: string, status: number, code: string | undefined) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface RpcOptions {
  /** A signed-in user's access token; the anon key otherwise. */
  token?: string | undefined;
  /** PostgREST select/filter query, e.g. `select=id,name&visibility=eq.public`. */
  query?: string;
  /**
   * The page's language, sent as Accept-Language: the engine picks the merchant's texts by it (a
   * table's `*_local` columns, a function's store name). Without it the browser sends its own,
   * and a page read in Spanish on an English browser gets the English texts.
   */
  locale?: string | undefined;
}

/** Answers of requests started early (startEarly), each kept for the first identical request. */
const early = new Map<string, Promise<unknown>>();
let startingEarly = false;

/**
 * Runs `start`, whose requests are sent now and their answers kept for the first identical
 * request made later: a page's small script asks for what its island will, while the island's
 * code is still loading, and the island's own request then takes that answer instead of
 * starting when its code is in. A request made again (a retry, a reload) asks anew.
 */
export function startEarly(start: () => void): void {
  startingEarly = true;
  try {
    start();
  } finally {
    startingEarly = false;
  }
}

let sessionEnded: ((token: string) => void) | undefined;

/**
 * `handler` hears of every request refused because its token's session has ended (the request
 * guard's `PT401`: signed out on another device, or everywhere), with that token.
 */
export function onSessionEnded(handler: (token: string) => void): void {
  sessionEnded = handler;
}

function request(path: string, what: string, init: { method: 'GET' | 'POST'; body?: string }, options: RpcOptions): Promise<unknown> {
  const key = JSON.stringify([path, init, options]);
  const kept = early.get(key);
  if (kept) {
    early.delete(key);
    return heard(kept, options.token);
  }
  const answer = send(path, what, init, options);
  if (startingEarly) {
    early.set(key, answer);
    // Its failure is reported to the request that takes it, not where it was started.
    answer.catch(() => undefined);
    return answer;
  }
  return heard(answer, options.token);
}

/**
 * The answer, told to `onSessionEnded` when it refuses `token`'s ended session; told when the
 * island takes it, since an early start runs before the session store has set its handler.
 */
function heard(answer: Promise<unknown>, token: string | undefined): Promise<unknown> {
  return answer.catch((error: unknown) => {
    if (token && error instanceof PublicApiError) refusedWith(token, error.code);
    throw error;
  });
}

/** Tells `onSessionEnded` of a request with `token` the API refused with `code` (any JSON value), if that is the ended session's PT401. */
export function refusedWith(token: string, code: unknown): void {
  if (code === 'PT401') sessionEnded?.(token);
}

/** The time a read has to answer: a console screen's load bound too (use-load.ts `loadBound`, supabase.ts). */
export const readBound = 30_000;

/**
 * Every request here is a read (a table's rows, or a function that writes nothing): one the API
 * has not begun to answer within `readBound` is ended, and said as failed, with the section's Try
 * again, where the page said "Loading…" for as long as the connection stayed open.
 */
async function send(path: string, what: string, init: { method: 'GET' | 'POST'; body?: string }, { token, query, locale }: RpcOptions): Promise<unknown> {
  const { supabaseUrl, anonKey } = publicEnv();
  const bound = new AbortController();
  const timer = setTimeout(() => bound.abort(), readBound);
  const response = await fetch(`${supabaseUrl}/rest/v1/${path}${query ? `?${query}` : ''}`, {
    ...init,
    signal: bound.signal,
    headers: { apikey: anonKey, authorization: `Bearer ${token ?? anonKey}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...(locale ? { 'Accept-Language': locale } : {}) },
  }).finally(() => clearTimeout(timer));
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body ?? {}) as { message?: unknown; code?: unknown };
    throw new PublicApiError(
      typeof error.message === 'string' ? error.message : `${what} answered HTTP ${response.status}`,
      response.status,
      typeof error.code === 'string' ? error.code : undefined,
    );
  }
  return body;
}

export function publicRpc(name: string, args: Record<string, unknown>, options: RpcOptions = {}): Promise<unknown> {
  return request(`rpc/${name}`, name, { method: 'POST', body: JSON.stringify(args) }, options);
}

/**
 * Rows of a table or view as the token's role may read them (RLS decides): `params` are
 * PostgREST's select, filters and order; `locale` picks the language of `*_local` columns; without
 * `token`, as a visitor reads them.
 */
export function publicSelect(table: string, { token, params, locale }: { token?: string | undefined; params: Record<string, string>; locale?: string | undefined }): Promise<unknown> {
  const query = String(new URLSearchParams(params));
  return request(table, table, { method: 'GET' }, { token, query, locale });
}

/**
 * Signed addresses (for `expiresIn` seconds) of objects in a private Storage bucket, for the
 * token's user (a visitor without one): those the bucket's read policy hides come back without one.
 */
async function signedUrls(bucket: string, paths: string[], expiresIn: number, token?: string): Promise<Map<string, string>> {
  const { supabaseUrl, anonKey } = publicEnv();
  const response = await fetch(`${supabaseUrl}/storage/v1/object/sign/${bucket}`, {
    method: 'POST',
    headers: { apikey: anonKey, authorization: `Bearer ${token ?? anonKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ expiresIn, paths }),
  });
  if (!response.ok) throw new PublicApiError(`signing ${bucket} objects answered HTTP ${response.status}`, response.status, undefined);
  const signed = (await response.json()) as { path?: string | null; signedURL?: string | null }[];
  const urls = new Map<string, string>();
  for (const entry of signed) if (entry.path && entry.signedURL) urls.set(entry.path, encodeURI(`${supabaseUrl}/storage/v1${entry.signedURL}`));
  return urls;
}

/**
 * Products with their photos' signed addresses (`image_url`, null without a photo or when it
 * cannot be signed), in one request for them all, as `token`'s user may read them: a photo that
 * fails to sign is shown as none, and the products still load.
 */
export async function withImageUrls<Product extends { image_path: string | null }>(products: Product[], token?: string): Promise<(Product & { image_url: string | null })[]> {
  const paths = products.flatMap((product) => (product.image_path ? [product.image_path] : []));
  const urls = paths.length > 0 ? await signedUrls('product-images', paths, 3600, token).catch(() => new Map<string, string>()) : new Map<string, string>();
  return products.map((product) => ({ ...product, image_url: product.image_path ? (urls.get(product.image_path) ?? null) : null }));
}

/** The localStorage key supabase-js keeps the project's session under. */
export function sessionStorageKey(): string {
  return `sb-${new URL(publicEnv().supabaseUrl).hostname.split('.')[0]}-auth-token`;
}

/** Whether supabase-js has a session stored in this browser for the project (no library loaded). */
export function hasStoredSession(): boolean {
  try {
    return localStorage.getItem(sessionStorageKey()) !== null;
  } catch {
    return false;
  }
}

/** What supabase-js stores of a session and the page reads without it. */
export interface StoredSession {
  access_token: string;
  /** Unix seconds. */
  expires_at: number;
  user: { id: string; email?: string };
}

/**
 * A stored access token is used before supabase-js has loaded only while it stays valid this
 * long: more than supabase-js's own margin (90 s), within which it refreshes the token first.
 */
const storedTokenMarginSeconds = 120;

/**
 * The session supabase-js stored, when its access token stays valid for a while yet
 * (storedTokenMarginSeconds); null otherwise (none stored, unreadable, or due for a refresh,
 * which only supabase-js does). `refreshAt` is when it falls due, in ms since the epoch.
 */
export function storedSession(): (StoredSession & { refreshAt: number }) | null {
  try {
    const stored = JSON.parse(localStorage.getItem(sessionStorageKey()) ?? 'null') as Partial<StoredSession> | null;
    if (typeof stored?.access_token !== 'string' || typeof stored.expires_at !== 'number' || typeof stored.user?.id !== 'string') return null;
    const refreshAt = (stored.expires_at - storedTokenMarginSeconds) * 1000;
    return refreshAt > Date.now() ? { ...(stored as StoredSession), refreshAt } : null;
  } catch {
    return null;
  }
}

/** The Storage bucket of merchants' logos (public to read; staff write their store's folder). */
export const logoBucket = 'merchant-logos';

/**
 * The public address of a logo (the store page, the merchant's card and the console show it),
 * built without supabase-js so a visitor's page need not load it.
 */
export function logoUrl(logoPath: string): string {
  const path = logoPath.split('/').map(encodeURIComponent).join('/');
  return `${publicEnv().supabaseUrl}/storage/v1/object/public/${logoBucket}/${path}`;
}
