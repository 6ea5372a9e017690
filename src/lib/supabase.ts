/**
 * The portal's one browser Supabase client (anon key; the user's session lives in
 * localStorage). Created on first use so that modules importing it stay side-effect free
 * when Astro evaluates them at build time. The page's language is fixed per load (`?lang=` or
 * the browser's), so one header serves the client's whole life.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { pageLocale } from '../i18n/locales.ts';
import type { Database } from './database.types.ts';
import { readBound, refusedWith } from './public-api.ts';
import { publicEnv } from './public-env.ts';

/** Typed by the schema generated from the migrations (`npm run db:types`). */
export type Client = SupabaseClient<Database>;

let client: Client | undefined;

export function supabase(): Client {
  if (!client) {
    const { supabaseUrl, anonKey } = publicEnv();
    // Every read in the page's language: the `_local` columns and the RPCs that name tiers,
    // products or rewards pick the merchant's text by Accept-Language (else the store's default).
    client = createClient<Database>(supabaseUrl, anonKey, { global: { headers: { 'Accept-Language': pageLocale() }, fetch: heardFetch } });
  }
  return client;
}

/**
 * fetch for supabase-js, hearing the request guard's PT401 as public-api.ts's reads do: a
 * console left open in one browser after "Sign out on every device" in another forgets the
 * ended session at its next read and asks to sign in, instead of failing every read.
 */
async function heardFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await boundedReads(input, init);
  const token = response.status === 401 ? new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') : undefined;
  if (token && token !== publicEnv().anonKey) {
    refusedWith(token, ((await response.clone().json().catch(() => null)) as { code?: unknown } | null)?.code);
  }
  return response;
}


/**
 * fetch, ending a GET or HEAD without an answer within `readBound` (none of the caller's own
 * signal): the page gave up on it then, and, left open, it held one of the browser's six
 * connections to the API, so that later reads (a Retry's) queued behind the stalled ones. Only
 * reads: a write cut off by the page may still commit. The answer's body, once it has begun, is
 * not cut.
 */
export async function boundedReads(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  if ((method !== 'GET' && method !== 'HEAD') || init?.signal) return fetch(input, init);
  const bound = new AbortController();
  const timer = setTimeout(() => bound.abort(), readBound);
  try {
    return await fetch(input, { ...init, signal: bound.signal });
  } finally {
    clearTimeout(timer);
  }
}
