/**
 * Requests through the gateway exactly as supabase-js sends them (apikey, bearer token,
 * PostgREST's Prefer header), with the bench's one addition: `Prefer: tx=rollback`, which the
 * local PostgREST honours, so a measured write can be repeated against the same data.
 */
export interface Caller {
  apiKey: string;
  token: string;
}

export interface RestResult {
  status: number;
  body: unknown;
}

export async function rest(
  apiUrl: string,
  caller: Caller,
  path: string,
  options: { method?: 'GET' | 'POST' | 'PATCH'; body?: unknown; rollback?: boolean; representation?: boolean } = {},
): Promise<RestResult> {
  const headers: Record<string, string> = {
    apikey: caller.apiKey,
    authorization: `Bearer ${caller.token}`,
    'content-type': 'application/json',
  };
  const prefer = [options.rollback && 'tx=rollback', options.representation && 'return=representation'].filter(Boolean);
  if (prefer.length > 0) headers.prefer = prefer.join(',');
  const res = await fetch(`${apiUrl}/rest/v1/${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (an empty body): keep the text.
  }
  return { status: res.status, body };
}

/** The same call, failing loudly unless it answered 2xx: a measure must not time errors. */
export async function restOk(apiUrl: string, caller: Caller, path: string, options: Parameters<typeof rest>[3] = {}): Promise<unknown> {
  const result = await rest(apiUrl, caller, path, options);
  if (result.status >= 300) throw new Error(`${path} answered ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`);
  return result.body;
}
