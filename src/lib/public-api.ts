/**
 * A small PostgREST client for the public store page: RPCs over plain fetch with the anon key
 * (or a signed-in visitor's access token), so a visitor's page does not load supabase-js, and
 * whether a session is stored without loading it either. supabase-js keeps its session in
 * localStorage under `sb-<first label of the project host>-auth-token`; only when that key
 * exists does the page load the session store (which refreshes the token).
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
}

export async function publicRpc(name: string, args: Record<string, unknown>, { token, query }: RpcOptions = {}): Promise<unknown> {
  const { supabaseUrl, anonKey } = publicEnv();
  const response = await fetch(`${supabaseUrl}/rest/v1/rpc/${name}${query ? `?${query}` : ''}`, {
    method: 'POST',
    headers: { apikey: anonKey, authorization: `Bearer ${token ?? anonKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body ?? {}) as { message?: unknown; code?: unknown };
    throw new PublicApiError(
      typeof error.message === 'string' ? error.message : `${name} answered HTTP ${response.status}`,
      response.status,
      typeof error.code === 'string' ? error.code : undefined,
    );
  }
  return body;
}

/** Whether supabase-js has a session stored in this browser for the project (no library loaded). */
export function hasStoredSession(): boolean {
  try {
    const host = new URL(publicEnv().supabaseUrl).hostname.split('.')[0];
    return localStorage.getItem(`sb-${host}-auth-token`) !== null;
  } catch {
    return false;
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
