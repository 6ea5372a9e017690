/**
 * Hostile input against the auth (/auth/v1) and storage (/storage/v1) stand-ins, through
 * the gateway with raw HTTP (and supabase-js where a client would send it): malformed,
 * wrong-typed, oversized and injected input, path traversal, forged tokens. Every refusal
 * must come back quickly in Supabase's error shape with the right status, and must change
 * nothing: checked in auth.users and storage.objects, and on disk next to the stack.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createClient } from '@supabase/supabase-js';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { decodeJwt, SignJWT } from 'jose';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, newAddress, signIn, sql, stack, type TestUser } from '../support/clients.ts';
import { codeIn, latestMessageTo, latestOtpFor } from '../support/inbox.ts';

/** Every payload carries this, so whatever it left behind can be searched for. */
const marker = `hostile${randomUUID().slice(0, 8)}`;
const markedEmail = (label: string) => `${label}-${marker}-${randomUUID().slice(0, 4)}@example.test`;

// ---------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => unknown;
}

type Body = string | Buffer | undefined;

/**
 * A body streamed with no declared length, through fetch as a browser or storage-js would
 * send it (undici reads the answer even while the server stops reading the body).
 */
async function streamed(method: string, urlPath: string, headers: Record<string, string>, body: Readable): Promise<Answer> {
  const answer = await fetch(`${stack().apiUrl}${urlPath}`, {
    method,
    headers: { apikey: stack().anonKey, ...headers },
    body: Readable.toWeb(body) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const text = await answer.text();
  return { status: answer.status, headers: Object.fromEntries(answer.headers), text, json: () => JSON.parse(text) };
}

/**
 * One request with exactly this path (fetch would normalise `..` and `%2e%2e` before
 * sending) and these headers; the API key goes along unless `apikey` is set to null. Each
 * comes from a client address of its own, so Auth's per-address limits never answer for the
 * hostile input under test.
 */
function raw(method: string, urlPath: string, options: { headers?: Record<string, string | null>; body?: Body } = {}): Promise<Answer> {
  const api = new URL(stack().apiUrl);
  const headers: Record<string, string> = { apikey: stack().anonKey };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  const { body } = options;
  if (typeof body === 'string' || Buffer.isBuffer(body)) headers['content-length'] ??= String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: api.hostname, port: api.port, method, path: urlPath, headers, agent: false, localAddress: newAddress() }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = (value: unknown) => JSON.stringify(value);
const jsonHeaders = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...extra });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const service = () => ({ apikey: stack().serviceRoleKey, ...bearer(stack().serviceRoleKey) });

/** An endless body of `chunkSize` chunks, counting what the server actually pulled. */
function endlessBody(chunk: Buffer): { stream: Readable; sent: () => number } {
  let sent = 0;
  const limit = 1024 * 1024 * 1024;
  const stream = Readable.from(
    (function* () {
      while (sent < limit) {
        sent += chunk.length;
        yield chunk;
      }
    })(),
  );
  return { stream, sent: () => sent };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = Date.now();
  const result = await work();
  return { result, ms: Date.now() - start };
}

// ---------------------------------------------------------------------------------------
// Error shapes
// ---------------------------------------------------------------------------------------

const spec = parse(fs.readFileSync(new URL('../../docs/specs/supabase-auth-openapi.yaml', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addFormat('phone', true);
ajv.addSchema(spec, 'openapi');
const errorSchema = ajv.getSchema('openapi#/components/schemas/ErrorSchema')!;

/** GoTrue's error as the spec documents it (clients without X-Supabase-Api-Version). */
function expectAuthError(answer: Answer, status: number, errorCode: string, msg?: string | RegExp): void {
  const context = `${status} ${errorCode}: ${answer.text.slice(0, 300)}`;
  expect(answer.status, context).toBe(status);
  expect(answer.headers['content-type'], context).toMatch(/^application\/json/);
  const body = answer.json() as Record<string, unknown>;
  expect(body, context).toEqual({ code: status, error_code: errorCode, msg: expect.any(String) });
  if (msg) expect(body['msg'], context).toMatch(msg);
  expect(errorSchema(body), context).toBe(true);
}

/** Storage's error: HTTP 400 (or Fastify's own status) with the meaning in the body. */
function expectStorageError(answer: Answer, statusCode: string, code: string, httpStatus = 400): void {
  const context = `${statusCode} ${code}: ${answer.text.slice(0, 300)}`;
  expect(answer.status, context).toBe(httpStatus);
  expect(answer.json(), context).toEqual({ statusCode, code, error: expect.any(String), message: expect.any(String) });
}

// ---------------------------------------------------------------------------------------
// What must not change
// ---------------------------------------------------------------------------------------

/** Users whose address contains `fragment` (labels from markedEmail(), or the marker itself). */
async function usersWith(fragment: string): Promise<number> {
  const rows = await sql<{ n: number }>(`select count(*)::int as n from auth.users where strpos(email, $1) > 0`, [fragment]);
  return rows[0]!.n;
}
const labelled = (label: string) => `${label}-${marker}`;

async function userRow(id: string) {
  const rows = await sql(
    `select email, encrypted_password, raw_user_meta_data, raw_app_meta_data, role, aud, updated_at from auth.users where id = $1`,
    [id],
  );
  return rows[0];
}

async function objectsMarked(): Promise<string[]> {
  const rows = await sql<{ name: string }>(
    `select bucket_id || '/' || name as name from storage.objects where strpos(name, $1) > 0`,
    [marker],
  );
  return rows.map((r) => r.name);
}

let dataDir: string;

/**
 * Files under the stack's data directory (Postgres's own aside) whose name or bytes carry
 * the marker, and any entry next to that directory whose name does (a traversal's target).
 */
function filesCarryingMarker(): string[] {
  const found: string[] = [];
  const needle = Buffer.from(marker);
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (full === path.join(dataDir, 'postgres')) continue;
      if (entry.name.includes(marker)) found.push(full);
      else if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.statSync(full).size < 8 * 1024 * 1024 && fs.readFileSync(full).includes(needle)) found.push(full);
    }
  };
  walk(dataDir);
  for (const name of fs.readdirSync(path.dirname(dataDir))) if (name.includes(marker)) found.push(path.join(path.dirname(dataDir), name));
  return found;
}

beforeAll(async () => {
  // The stack keeps Postgres in <dataDir>/postgres and object bytes in <dataDir>/storage.
  const [row] = await sql<{ dir: string }>(`select current_setting('data_directory') as dir`);
  dataDir = path.dirname(row!.dir);
  expect(fs.readdirSync(path.join(dataDir, 'storage')).sort()).toEqual(['objects', 'tmp']);
});

// ---------------------------------------------------------------------------------------
// Auth
// ---------------------------------------------------------------------------------------

let member: TestUser;
let memberToken: string;
let memberRefresh: string;

async function signedInMember(): Promise<void> {
  member = await createUser(markedEmail('member'));
  const client = await signIn(member);
  const session = (await client.auth.getSession()).data.session!;
  memberToken = session.access_token;
  memberRefresh = session.refresh_token;
}

/** Every auth endpoint that reads a JSON body, with the caller it needs. */
const bodyEndpoints = () =>
  [
    ['POST', '/auth/v1/otp', {}],
    ['POST', '/auth/v1/verify', {}],
    ['POST', '/auth/v1/signup', {}],
    ['POST', '/auth/v1/token?grant_type=password', {}],
    ['POST', '/auth/v1/token?grant_type=refresh_token', {}],
    ['PUT', '/auth/v1/user', bearer(memberToken)],
    ['POST', '/auth/v1/admin/users', service()],
  ] as const;

describe('auth: bodies that are not what GoTrue expects', () => {
  beforeAll(signedInMember);

  it('answers bad_json for broken JSON, empty bodies, non-objects and form posts, on every endpoint', async () => {
    const before = await userRow(member.id);
    const bodies = [
      `{"email": "${markedEmail('broken')}", "password": `,
      '',
      '[]',
      `["${markedEmail('array')}"]`,
      '"a string"',
      '42',
      'true',
    ];
    for (const [method, url, headers] of bodyEndpoints()) {
      for (const body of bodies) {
        expectAuthError(await raw(method, url, { headers: jsonHeaders(headers), body }), 400, 'bad_json', /^Could not parse request body as JSON: /);
      }
      const form = `email=${encodeURIComponent(markedEmail('form'))}&password=form-password`;
      const answer = await raw(method, url, { headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: form });
      expectAuthError(answer, 400, 'bad_json');
    }
    for (const label of ['broken', 'array', 'form']) expect(await usersWith(labelled(label))).toBe(0);
    expect(await userRow(member.id)).toEqual(before);
  });

  it('answers bad_json for fields of the wrong JSON type, as Go decoding does', async () => {
    const email = markedEmail('typed');
    const cases: [string, string, Record<string, string>, unknown][] = [
      ['POST', '/auth/v1/otp', {}, { email: 123 }],
      ['POST', '/auth/v1/otp', {}, { email: [email] }],
      ['POST', '/auth/v1/otp', {}, { email: { $ne: null } }],
      ['POST', '/auth/v1/otp', {}, { email, create_user: 'yes' }],
      ['POST', '/auth/v1/otp', {}, { email, data: ['not', 'an', 'object'] }],
      ['POST', '/auth/v1/verify', {}, { type: 'email', email, token: 123456 }],
      ['POST', '/auth/v1/verify', {}, { type: 7, email, token: '123456' }],
      ['POST', '/auth/v1/signup', {}, { email, password: 12345678 }],
      ['POST', '/auth/v1/signup', {}, { email, password: 'long-enough', data: 'metadata' }],
      ['POST', '/auth/v1/token?grant_type=password', {}, { email: true, password: 'whatever' }],
      ['POST', '/auth/v1/token?grant_type=refresh_token', {}, { refresh_token: 123456789012345 }],
      ['POST', '/auth/v1/token?grant_type=refresh_token', {}, { refresh_token: [memberRefresh] }],
      ['PUT', '/auth/v1/user', bearer(memberToken), { data: [1, 2] }],
      ['PUT', '/auth/v1/user', bearer(memberToken), { password: { length: 10 } }],
      ['POST', '/auth/v1/admin/users', service(), { email, password: 'long-enough', email_confirm: 'true' }],
      ['POST', '/auth/v1/admin/users', service(), { email, user_metadata: 'x' }],
    ];
    const before = await userRow(member.id);
    for (const [method, url, headers, body] of cases) {
      expectAuthError(await raw(method, url, { headers: jsonHeaders(headers), body: json(body) }), 400, 'bad_json', /cannot unmarshal/);
    }
    expect(await usersWith(labelled('typed'))).toBe(0);
    expect(await userRow(member.id)).toEqual(before);
    // The refresh token that was sent inside an array is still good: nothing was consumed.
    const { data, error } = await anonClient().auth.refreshSession({ refresh_token: memberRefresh });
    expect(error).toBeNull();
    memberToken = data.session!.access_token;
    memberRefresh = data.session!.refresh_token;
  });

  it('treats null fields as absent (validation_failed), as GoTrue does', async () => {
    expectAuthError(await raw('POST', '/auth/v1/otp', { headers: jsonHeaders(), body: '{"email": null}' }), 400, 'validation_failed');
    expectAuthError(await raw('POST', '/auth/v1/signup', { headers: jsonHeaders(), body: 'null' }), 400, 'validation_failed');
  });

  it('parses JSON whatever the content type says, like GoTrue', async () => {
    const body = json({ email: member.email, password: 'not-the-password' });
    const answer = await raw('POST', '/auth/v1/token?grant_type=password', { headers: { 'content-type': 'text/plain' }, body });
    expectAuthError(answer, 400, 'invalid_credentials', 'Invalid login credentials');
  });

  it('refuses a declared body over 1 MB with 413 at once, and nothing is created', async () => {
    const body = json({ email: markedEmail('big'), password: 'long-enough', data: { blob: 'x'.repeat(2 * 1024 * 1024) } });
    for (const [method, url, headers] of bodyEndpoints()) {
      const { result, ms } = await timed(() => raw(method, url, { headers: jsonHeaders(headers), body }));
      expectAuthError(result, 413, 'request_entity_too_large', 'Request body too large (max 1048576 bytes)');
      expect(ms).toBeLessThan(2_000);
    }
    expect(await usersWith(labelled('big'))).toBe(0);
  });

  it('stops an endless body of unknown length at the limit instead of reading it all', async () => {
    for (const url of ['/auth/v1/signup', '/auth/v1/otp']) {
      const endless = endlessBody(Buffer.alloc(64 * 1024, ' '));
      const { result, ms } = await timed(() => streamed('POST', url, jsonHeaders(), endless.stream));
      expectAuthError(result, 413, 'request_entity_too_large');
      expect(ms).toBeLessThan(5_000);
      // Drained at most a few megabytes past the limit, then the connection was closed.
      expect(endless.sent()).toBeLessThan(64 * 1024 * 1024);
      endless.stream.destroy();
    }
    // The service is unharmed.
    expectAuthError(await raw('POST', '/auth/v1/otp', { headers: jsonHeaders(), body: '{"email":"x"}' }), 400, 'validation_failed');
  });

  it('accepts metadata up to the limit and keeps it byte for byte', async () => {
    const email = markedEmail('roomy');
    const data = { notes: 'n'.repeat(200 * 1024), nested: { list: Array.from({ length: 500 }, (_, i) => ({ i, s: `${i}` })) } };
    const answer = await raw('POST', '/auth/v1/signup', { headers: jsonHeaders(), body: json({ email, password: 'long-enough', data }) });
    expect(answer.status).toBe(200);
    const [row] = await sql<{ raw_user_meta_data: unknown }>('select raw_user_meta_data from auth.users where email = $1', [email]);
    expect(row!.raw_user_meta_data).toEqual(data);
  });
});

describe('auth: hostile values', () => {
  beforeAll(async () => {
    if (!member) await signedInMember();
  });

  it('refuses addresses made of SQL with validation_failed and leaves auth.users alone', async () => {
    const { n: usersBefore } = (await sql<{ n: number }>('select count(*)::int as n from auth.users'))[0]!;
    const oursBefore = await usersWith(marker);
    const addresses = [
      `"; drop table auth.users; --`,
      `' or '1'='1`,
      `${marker}@example.test' --`,
      `${marker}@example.test'; delete from auth.users; --`,
      `${marker}@example.test" or ""="`,
      `%${marker}%`,
      `*`,
    ];
    for (const email of addresses) {
      for (const [url, body] of [
        ['/auth/v1/otp', { email }],
        ['/auth/v1/signup', { email, password: 'long-enough' }],
        ['/auth/v1/token?grant_type=password', { email, password: 'long-enough' }],
        ['/auth/v1/verify', { type: 'email', email, token: '123456' }],
      ] as const) {
        expectAuthError(await raw('POST', url, { headers: jsonHeaders(), body: json(body) }), 400, 'validation_failed', /email/i);
      }
      const admin = await raw('POST', '/auth/v1/admin/users', { headers: jsonHeaders(service()), body: json({ email }) });
      expectAuthError(admin, 400, 'validation_failed');
    }
    const { n: usersAfter } = (await sql<{ n: number }>('select count(*)::int as n from auth.users'))[0]!;
    // Other test files add users meanwhile; none went missing and none of ours appeared.
    expect(usersAfter).toBeGreaterThanOrEqual(usersBefore);
    expect(await usersWith(marker)).toBe(oursBefore);
  });

  it("stores a valid address with quotes and dashes as plain data (a'--@…)", async () => {
    const email = `o'brien--${marker}@example.test`;
    const { data, error } = await anonClient().auth.signUp({ email, password: 'quote-password' });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    expect(await sql('select email from auth.users where email = $1', [email])).toEqual([{ email }]);
    // The confirmation code reaches that very address and signs it in.
    const confirmed = await anonClient().auth.verifyOtp({ email, token: await latestOtpFor(email), type: 'signup' });
    expect(confirmed.error).toBeNull();
    expect(confirmed.data.session!.user.email).toBe(email);
    const refused = await anonClient().auth.signInWithPassword({ email: `o'brien--${marker}@example.test' or '1'='1`, password: 'x' });
    expect(refused.error).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('refuses an address over 255 characters', async () => {
    const email = `${'a'.repeat(250)}-${marker}@example.test`;
    for (const [url, body, headers] of [
      ['/auth/v1/otp', { email }, {}],
      ['/auth/v1/signup', { email, password: 'long-enough' }, {}],
      ['/auth/v1/admin/users', { email, password: 'long-enough' }, service()],
    ] as const) {
      expectAuthError(await raw('POST', url, { headers: jsonHeaders(headers), body: json(body) }), 400, 'validation_failed', 'An email address is too long');
    }
  });

  it('refuses passwords over bcrypt\'s 72 bytes wherever one is set, and a huge one at sign-in is just wrong', async () => {
    const before = await userRow(member.id);
    for (const password of ['p'.repeat(73), 'é'.repeat(40), 'x'.repeat(500 * 1024)]) {
      const email = markedEmail('longpass');
      for (const [method, url, body, headers] of [
        ['POST', '/auth/v1/signup', { email, password }, {}],
        ['POST', '/auth/v1/admin/users', { email, password }, service()],
        ['PUT', `/auth/v1/admin/users/${member.id}`, { password }, service()],
        ['PUT', '/auth/v1/user', { password }, bearer(memberToken)],
      ] as const) {
        const answer = await raw(method, url, { headers: jsonHeaders(headers), body: json(body) });
        expectAuthError(answer, 400, 'validation_failed', 'Password cannot be longer than 72 characters');
      }
    }
    expect(await userRow(member.id)).toEqual(before);
    // supabase-js asks for the 2024-01-01 API and gets the same refusal as { code, message }.
    const viaClient = await anonClient().auth.signUp({ email: markedEmail('longpass'), password: 'p'.repeat(73) });
    expect(viaClient.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Password cannot be longer than 72 characters' });
    const { result, ms } = await timed(() =>
      raw('POST', '/auth/v1/token?grant_type=password', { headers: jsonHeaders(), body: json({ email: member.email, password: 'x'.repeat(900 * 1024) }) }),
    );
    expectAuthError(result, 400, 'invalid_credentials');
    expect(ms).toBeLessThan(2_000);
    expect(await usersWith(labelled('longpass'))).toBe(0);
  });

  it('refuses NUL characters (which Postgres cannot store) with a 400, not a server error', async () => {
    const before = await userRow(member.id);
    for (const [method, url, body, headers] of [
      ['POST', '/auth/v1/signup', { email: markedEmail('nul'), password: 'long\u0000enough' }, {}],
      ['POST', '/auth/v1/signup', { email: markedEmail('nul'), password: 'long-enough', data: { bio: 'a\u0000b' } }, {}],
      ['POST', '/auth/v1/otp', { email: markedEmail('nul'), data: { 'k\u0000': 1 } }, {}],
      ['POST', '/auth/v1/token?grant_type=refresh_token', { refresh_token: 'abc\u0000def' }, {}],
      ['POST', '/auth/v1/verify', { type: 'email', email: member.email, token: '12\u00003456' }, {}],
      ['PUT', '/auth/v1/user', { data: { nested: ['\u0000'] } }, bearer(memberToken)],
      ['POST', '/auth/v1/admin/users', { email: markedEmail('nul'), app_metadata: { x: '\u0000' } }, service()],
    ] as const) {
      expectAuthError(await raw(method, url, { headers: jsonHeaders(headers), body: json(body) }), 400, 'validation_failed', /NUL/);
    }
    expect(await userRow(member.id)).toEqual(before);
    expect(await usersWith(labelled('nul'))).toBe(0);
  });

  it('keeps HTML and script in metadata as inert data: verbatim in the row, the token and the API, never in mail', async () => {
    const data = {
      bio: '<script>alert(document.cookie)</script>',
      '<img src=x onerror=alert(1)>': '"><svg onload=alert(1)>',
      nested: { html: '</script><script>fetch("//evil.test")</script>' },
    };
    const email = markedEmail('script');
    const signedUp = await raw('POST', '/auth/v1/signup', { headers: jsonHeaders(), body: json({ email, password: 'script-password', data }) });
    expect(signedUp.status).toBe(200);
    expect(signedUp.headers['content-type']).toMatch(/^application\/json/);
    // Confirmations are on: the sign-up answers with the user, and the session comes with the code.
    const signedUpUser = signedUp.json() as { id: string; user_metadata: unknown };
    expect(signedUpUser.user_metadata).toEqual(data);
    const confirmation = await latestMessageTo(email);
    expect(confirmation.HTML).not.toMatch(/<script|onerror|onload|<svg/i);
    const verified = await raw('POST', '/auth/v1/verify', { headers: jsonHeaders(), body: json({ type: 'signup', email, token: codeIn(confirmation) }) });
    const session = verified.json() as { access_token: string; user: { id: string; user_metadata: unknown } };
    expect(session.user.user_metadata).toEqual(data);
    expect(decodeJwt(session.access_token)['user_metadata']).toEqual(data);
    expect((await userRow(session.user.id))!['raw_user_meta_data']).toEqual(data);

    const user = await raw('GET', '/auth/v1/user', { headers: bearer(session.access_token) });
    expect(user.headers['content-type']).toMatch(/^application\/json/);
    expect((user.json() as { user_metadata: unknown }).user_metadata).toEqual(data);

    const otpEmail = markedEmail('script-otp');
    expect((await anonClient().auth.signInWithOtp({ email: otpEmail, options: { data } })).error).toBeNull();
    const mail = await latestMessageTo(otpEmail);
    expect(mail.HTML).not.toMatch(/<script|onerror|onload|<svg/i);
    expect(mail.Text).not.toMatch(/<script|onerror|onload|<svg/i);
  });

  it("ignores what a user may not set on their own account (app_metadata, role, aud, confirmation)", async () => {
    const before = await userRow(member.id);
    const answer = await raw('PUT', '/auth/v1/user', {
      headers: jsonHeaders(bearer(memberToken)),
      body: json({ app_metadata: { role: 'service_role', merchant: true }, role: 'service_role', aud: 'admin', email_confirmed_at: null, id: randomUUID() }),
    });
    expect(answer.status).toBe(200);
    const after = await userRow(member.id);
    expect(after!['raw_app_meta_data']).toEqual(before!['raw_app_meta_data']);
    expect([after!['role'], after!['aud']]).toEqual(['authenticated', 'authenticated']);
  });

  it('answers hostile admin paths and paging with 400/404, never a server error', async () => {
    for (const query of ['page=99999999999999999999', 'page=-1', 'page=1.5', 'per_page=0', 'per_page=abc', 'per_page=100000']) {
      expectAuthError(await raw('GET', `/auth/v1/admin/users?${query}`, { headers: service() }), 400, 'validation_failed');
    }
    for (const id of [`'%20or%201=1%20--`, '..%2F..%2Fsettings', '%00', 'x'.repeat(2000)]) {
      expectAuthError(await raw('GET', `/auth/v1/admin/users/${id}`, { headers: service() }), 404, 'validation_failed', 'user_id must be an UUID');
      expectAuthError(await raw('DELETE', `/auth/v1/admin/users/${id}`, { headers: service() }), 404, 'validation_failed');
    }
    expectAuthError(await raw('POST', '/auth/v1/token?grant_type=password%00', { headers: jsonHeaders(), body: '{}' }), 400, 'invalid_credentials');
    expectAuthError(await raw('POST', `/auth/v1/logout?scope=global'--`, { headers: bearer(memberToken) }), 400, 'validation_failed');
  });
});

describe('auth: forged, expired and unsigned tokens', () => {
  beforeAll(async () => {
    if (!member) await signedInMember();
  });

  const secret = () => new TextEncoder().encode(stack().jwtSecret);
  const wrongSecret = new TextEncoder().encode('an-attackers-own-secret-of-at-least-32-chars');
  const now = () => Math.floor(Date.now() / 1000);

  const unsigned = (claims: Record<string, unknown>) =>
    `${Buffer.from(json({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(json(claims)).toString('base64url')}.`;
  const signed = (claims: Record<string, unknown>, key: Uint8Array, alg = 'HS256') =>
    new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);

  async function userTokens(): Promise<Record<string, string>> {
    const real = decodeJwt(memberToken);
    return {
      unsigned: unsigned({ ...real, exp: now() + 3600 }),
      unsignedNoDot: unsigned({ ...real, exp: now() + 3600 }).slice(0, -1),
      wrongSecret: await signed({ ...real, exp: now() + 3600 }, wrongSecret),
      expired: await signed({ ...real, iat: now() - 7200, exp: now() - 3600 }, secret()),
      hs512: await signed({ ...real, exp: now() + 3600 }, secret(), 'HS512'),
      tamperedPayload: (() => {
        const [head, , signature] = memberToken.split('.');
        return `${head}.${Buffer.from(json({ ...real, role: 'service_role' })).toString('base64url')}.${signature}`;
      })(),
      garbage: 'not.a.jwt',
      sqlInToken: `'or'1'='1'--`,
    };
  }

  it('refuses each on /user, PUT /user and /logout with 403 bad_jwt, and the real session lives on', async () => {
    const before = await userRow(member.id);
    for (const [label, token] of Object.entries(await userTokens())) {
      for (const [method, url, body] of [
        ['GET', '/auth/v1/user', undefined],
        ['PUT', '/auth/v1/user', json({ data: { pwned: label } })],
        ['POST', '/auth/v1/logout', undefined],
      ] as const) {
        const answer = await raw(method, url, { headers: jsonHeaders(bearer(token)), body });
        expectAuthError(answer, 403, 'bad_jwt', /^invalid JWT: unable to parse or verify signature/);
      }
    }
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', memberToken]) {
      const answer = await raw('GET', '/auth/v1/user', { headers: { authorization } });
      expectAuthError(answer, 401, 'no_authorization');
    }
    expect(await userRow(member.id)).toEqual(before);
    const { data, error } = await anonClient().auth.refreshSession({ refresh_token: memberRefresh });
    expect(error).toBeNull();
    memberRefresh = data.session!.refresh_token;
    memberToken = data.session!.access_token;
  });

  it('refuses forged service-role tokens on the admin API, and a user token as not_admin', async () => {
    const serviceClaims = { role: 'service_role', iss: 'supabase-demo', iat: now(), exp: now() + 3600 };
    const forged = {
      unsigned: unsigned(serviceClaims),
      wrongSecret: await signed(serviceClaims, wrongSecret),
      expired: await signed({ ...serviceClaims, iat: now() - 7200, exp: now() - 3600 }, secret()),
    };
    const email = markedEmail('forged-admin');
    for (const token of Object.values(forged)) {
      const create = await raw('POST', '/auth/v1/admin/users', { headers: jsonHeaders(bearer(token)), body: json({ email, password: 'long-enough' }) });
      expectAuthError(create, 403, 'bad_jwt');
      expectAuthError(await raw('GET', '/auth/v1/admin/users', { headers: bearer(token) }), 403, 'bad_jwt');
      expectAuthError(await raw('DELETE', `/auth/v1/admin/users/${member.id}`, { headers: bearer(token) }), 403, 'bad_jwt');
    }
    const asMember = await raw('POST', '/auth/v1/admin/users', { headers: jsonHeaders(bearer(memberToken)), body: json({ email, password: 'long-enough' }) });
    expectAuthError(asMember, 403, 'not_admin');
    expect(await sql('select 1 from auth.users where email = $1', [email])).toHaveLength(0);
    expect(await userRow(member.id)).toBeDefined();
  });

  it('refuses an unknown or forged API key at the gateway before the stand-in sees the request', async () => {
    const email = markedEmail('badkey');
    for (const apikey of [await signed({ role: 'anon' }, wrongSecret), unsigned({ role: 'service_role' }), 'x']) {
      const answer = await raw('POST', '/auth/v1/signup', { headers: jsonHeaders({ apikey }), body: json({ email, password: 'long-enough' }) });
      expect(answer.status).toBe(401);
      expect(answer.json()).toMatchObject({ message: 'Invalid API key' });
    }
    expect(await sql('select 1 from auth.users where email = $1', [email])).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------------------

/** Private, at most 1 KB, PNG or plain text only. */
const limited = `limited-${marker}`;
/** Public, no limits of its own. */
const open = `open-${marker}`;
const sizeLimit = 1024;
/** An object that must come through everything below untouched. */
const keeper = `folder/keeper-${marker}.txt`;
const keeperText = `keep me ${marker}`;

const objectPath = (bucket: string, name: string) => `/storage/v1/object/${bucket}/${name}`;

async function objectRow(bucket: string, name: string) {
  const rows = await sql(`select id, name, version, metadata, updated_at from storage.objects where bucket_id = $1 and name = $2`, [bucket, name]);
  return rows[0];
}

describe('storage: hostile input', () => {
  beforeAll(async () => {
    await sql(
      `insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
       values ($1, $1, false, $3, array['image/png', 'text/plain']), ($2, $2, true, null, null)`,
      [limited, open, sizeLimit],
    );
    const upload = await raw('POST', objectPath(limited, keeper), { headers: { ...service(), 'content-type': 'text/plain' }, body: keeperText });
    expect(upload.status, upload.text).toBe(200);
  });

  /** The keeper is still there with its bytes, nothing else of ours is stored, nothing leaked to disk. */
  async function expectNothingChanged(keeperBefore?: Record<string, unknown>): Promise<void> {
    expect((await objectsMarked()).sort()).toEqual([`${limited}/${keeper}`]);
    if (keeperBefore) expect(await objectRow(limited, keeper)).toEqual(keeperBefore);
    const download = await raw('GET', objectPath(limited, keeper), { headers: service() });
    expect(download.text).toBe(keeperText);
    // The one file holding the marker is the keeper's own bytes, named by its version.
    const { version } = (await objectRow(limited, keeper)) as { version: string };
    expect(filesCarryingMarker()).toEqual([path.join(dataDir, 'storage', 'objects', version)]);
    expect(fs.readdirSync(path.join(dataDir, 'storage')).sort()).toEqual(['objects', 'tmp']);
  }

  it("refuses an upload over the bucket's file_size_limit at once, declared or streamed without a length", async () => {
    const before = await objectRow(limited, keeper);
    const declared = await timed(() =>
      raw('POST', objectPath(limited, `big-${marker}.txt`), { headers: { ...service(), 'content-type': 'text/plain' }, body: `${marker} `.repeat(4096) }),
    );
    expectStorageError(declared.result, '413', 'EntityTooLarge');
    expect(declared.ms).toBeLessThan(2_000);

    const endless = endlessBody(Buffer.from(`${marker} `.repeat(4096)));
    const sent = await timed(() =>
      streamed('POST', objectPath(limited, `endless-${marker}.txt`), { ...service(), 'content-type': 'text/plain' }, endless.stream),
    );
    expectStorageError(sent.result, '413', 'EntityTooLarge');
    expect(sent.ms).toBeLessThan(5_000);
    expect(endless.sent()).toBeLessThan(200 * 1024 * 1024);
    endless.stream.destroy();

    const client = createClient(stack().apiUrl, stack().serviceRoleKey, { auth: { persistSession: false } }).storage.from(limited);
    const viaClient = await client.upload(`client-big-${marker}.png`, new Blob([Buffer.alloc(64 * 1024, marker)], { type: 'image/png' }));
    expect(viaClient.error).toMatchObject({ statusCode: '413' });
    await expectNothingChanged(before);
  });

  it('refuses MIME types the bucket does not allow, including a .png name carrying text/html', async () => {
    const html = `<html><script>alert("${marker}")</script></html>`;
    const multipart = (partType: string, fields: Record<string, string> = {}) => {
      const boundary = `----hostile${marker}`;
      const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
      const body =
        parts.join('') +
        `--${boundary}\r\ncontent-disposition: form-data; name=""; filename="x.png"\r\ncontent-type: ${partType}\r\n\r\n${html}\r\n--${boundary}--\r\n`;
      return { headers: { ...service(), 'content-type': `multipart/form-data; boundary=${boundary}` }, body };
    };
    const attempts = [
      raw('POST', objectPath(limited, `page-${marker}.png`), { headers: { ...service(), 'content-type': 'text/html' }, body: html }),
      raw('POST', objectPath(limited, `page-${marker}.png`), { headers: { ...service(), 'content-type': 'image/svg+xml' }, body: html }),
      raw('POST', objectPath(limited, `page-${marker}.png`), { headers: { ...service(), 'content-type': 'image' }, body: html }),
      raw('POST', objectPath(limited, `page-${marker}.png`), multipart('text/html')),
      // storage-js sends an explicit contentType as a field before the file: that one counts.
      raw('POST', objectPath(limited, `page-${marker}.png`), multipart('image/png', { contentType: 'text/html' })),
    ];
    for (const answer of await Promise.all(attempts)) expectStorageError(answer, '415', 'InvalidMimeType');
    await expectNothingChanged();
  });

  it('refuses malformed multipart bodies', async () => {
    const boundary = `----hostile${marker}`;
    const part = `--${boundary}\r\ncontent-disposition: form-data; name=""; filename="a.txt"\r\ncontent-type: text/plain\r\n\r\n${marker}`;
    const bodies: [string, string][] = [
      ['multipart/form-data', `${part}\r\n--${boundary}--\r\n`],
      [`multipart/form-data; boundary=${boundary}`, part],
      [`multipart/form-data; boundary=${boundary}`, `--${boundary}XX\r\n`],
      [`multipart/form-data; boundary=${boundary}`, `--${boundary}\r\ncontent-disposition: form-data; name="x"\r\n\r\nfield only\r\n--${boundary}--\r\n`],
      [`multipart/form-data; boundary=${boundary}`, `--${boundary}\r\n${'x-junk: y\r\n'.repeat(4000)}\r\n${marker}\r\n--${boundary}--\r\n`],
    ];
    for (const [type, body] of bodies) {
      expectStorageError(await raw('POST', objectPath(limited, `multi-${marker}.txt`), { headers: { ...service(), 'content-type': type }, body }), '400', 'InvalidRequest');
    }
    await expectNothingChanged();
  });

  it('never serves stored HTML as HTML (Storage answers text/html as text/plain)', async () => {
    const name = `page-${randomUUID()}.html`;
    const html = '<html><script>alert(document.domain)</script></html>';
    const upload = await raw('POST', objectPath(open, name), { headers: { ...service(), 'content-type': 'text/html; charset=utf-8' }, body: html });
    expect(upload.status, upload.text).toBe(200);
    for (const url of [`/storage/v1/object/public/${open}/${name}`, objectPath(open, name)]) {
      const answer = await raw('GET', url, { headers: service() });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('text/plain');
      expect(answer.text).toBe(html);
    }
    await raw('DELETE', objectPath(open, name), { headers: service() });
  });

  /** Object names that must never be accepted, as they go on the wire (each segment already encoded). */
  const hostileNames = [
    `..%2F..%2Fescape-${marker}.txt`,
    `%2e%2e%2fescape-${marker}.txt`,
    `folder/..%2F..%2F..%2Fescape-${marker}.txt`,
    `folder%2F..%2F..%2Fescape-${marker}.txt`,
    `%2E%2E%2F%2E%2E%2Fescape-${marker}.txt`,
    `%2Fetc%2Fescape-${marker}`,
    `%2F%2Fabsolute-${marker}.txt`,
    `C%3A%5CWindows%5Cescape-${marker}.txt`,
    `..%5C..%5Cescape-${marker}.txt`,
    `nul%00byte-${marker}.txt`,
    `newline%0D%0Aescape-${marker}.txt`,
    `folder//double-${marker}.txt`,
    `${'a'.repeat(1100)}-${marker}.txt`,
    `broken%E0%A4%A-${marker}.txt`,
  ];

  it('refuses traversal, absolute, NUL and overlong names with InvalidKey on every object route', async () => {
    const before = await objectRow(limited, keeper);
    for (const name of hostileNames) {
      const text = { headers: { ...service(), 'content-type': 'text/plain' }, body: marker };
      const sign = { headers: jsonHeaders(service()), body: json({ expiresIn: 60 }) };
      for (const answer of [
        await raw('POST', objectPath(limited, name), text),
        await raw('PUT', objectPath(limited, name), text),
        await raw('POST', objectPath(open, name), text),
        await raw('GET', objectPath(limited, name), { headers: service() }),
        await raw('GET', `/storage/v1/object/authenticated/${limited}/${name}`, { headers: service() }),
        await raw('GET', `/storage/v1/object/info/${limited}/${name}`, { headers: service() }),
        await raw('GET', `/storage/v1/object/public/${open}/${name}`, { headers: { apikey: null } }),
        await raw('POST', `/storage/v1/object/sign/${limited}/${name}`, sign),
        await raw('GET', `/storage/v1/object/sign/${limited}/${name}?token=x`, { headers: { apikey: null } }),
        await raw('DELETE', objectPath(limited, name), { headers: service() }),
      ]) {
        expectStorageError(answer, '400', 'InvalidKey');
      }
    }
    await expectNothingChanged(before);
  });

  it('refuses traversal names sent through storage-js too (fetch normalises them into nonsense routes)', async () => {
    const files = createClient(stack().apiUrl, stack().serviceRoleKey, { auth: { persistSession: false } }).storage.from(limited);
    for (const name of [`../escape-${marker}.txt`, `folder/../../escape-${marker}.txt`, `../../../auth/v1/admin/users`, `nul\u0000-${marker}.txt`]) {
      const { data, error } = await files.upload(name, new Blob([marker], { type: 'text/plain' }));
      expect(data, name).toBeNull();
      expect(error, name).toMatchObject({ statusCode: expect.stringMatching(/^4\d\d$/) });
    }
    const moved = await files.move(keeper, `../escape-${marker}.txt`);
    expect(moved.error).toMatchObject({ statusCode: '400' });
    await expectNothingChanged();
  });

  it('refuses hostile keys in move and copy, and the source stays where it was', async () => {
    const before = await objectRow(limited, keeper);
    const destinations = [
      `../escape-${marker}.txt`,
      `folder/../../escape-${marker}.txt`,
      `/absolute-${marker}.txt`,
      `nul\u0000-${marker}.txt`,
      `back\\slash-${marker}.txt`,
      `${'b'.repeat(1100)}-${marker}`,
      '',
    ];
    for (const route of ['move', 'copy']) {
      for (const destinationKey of destinations) {
        const answer = await raw('POST', `/storage/v1/object/${route}`, {
          headers: jsonHeaders(service()),
          body: json({ bucketId: limited, sourceKey: keeper, destinationKey }),
        });
        // NUL never reaches the name check: the body is refused as a whole.
        expectStorageError(answer, '400', destinationKey.includes('\u0000') ? 'InvalidRequest' : 'InvalidKey');
      }
      for (const body of [
        { bucketId: limited, sourceKey: `../${keeper}`, destinationKey: `moved-${marker}.txt` },
        { bucketId: limited, sourceKey: 42, destinationKey: `moved-${marker}.txt` },
        { bucketId: limited, sourceKey: [keeper], destinationKey: `moved-${marker}.txt` },
        { bucketId: `../${limited}`, sourceKey: keeper, destinationKey: `moved-${marker}.txt` },
        { bucketId: limited, sourceKey: keeper, destinationKey: `moved-${marker}.txt`, destinationBucket: '../../tmp' },
        { bucketId: { $ne: null }, sourceKey: keeper, destinationKey: `moved-${marker}.txt` },
      ]) {
        const answer = await raw('POST', `/storage/v1/object/${route}`, { headers: jsonHeaders(service()), body: json(body) });
        expect(answer.status, answer.text).toBe(400);
        expect((answer.json() as { statusCode: string }).statusCode).toBe('400');
      }
    }
    await expectNothingChanged(before);
  });

  it('lists safely whatever the options: LIKE wildcards and SQL are text, bad numbers are 400s', async () => {
    const list = (body: unknown) => raw('POST', `/storage/v1/object/list/${limited}`, { headers: jsonHeaders(service()), body: json(body) });
    const names = async (body: unknown) => {
      const answer = await list(body);
      expect(answer.status, answer.text).toBe(200);
      return (answer.json() as { name: string }[]).map((e) => e.name);
    };
    expect(await names({ prefix: 'folder' })).toEqual([`keeper-${marker}.txt`]);
    expect(await names({ prefix: '%' })).toEqual([]);
    expect(await names({ prefix: '_older' })).toEqual([]);
    expect(await names({ prefix: 'folder', search: '%' })).toEqual([]);
    expect(await names({ prefix: 'folder', search: `'; drop table storage.objects; --` })).toEqual([]);
    expect(await names({ prefix: '../..' })).toEqual([]);
    expect(await names({ prefix: 'folder', sortBy: { column: 'name; drop table storage.objects', order: 'desc; drop table x' } })).toEqual([
      `keeper-${marker}.txt`,
    ]);
    for (const body of [
      { prefix: '', limit: 'abc' },
      { prefix: '', limit: -1 },
      { prefix: '', limit: 1.5 },
      { prefix: '', offset: -1 },
      { prefix: '', offset: 1e20 },
      { prefix: '', search: 'a\u0000' },
    ]) {
      expectStorageError(await list(body), '400', 'InvalidRequest');
    }
    await expectNothingChanged();
  });

  it('answers malformed, non-object, mistyped and oversized JSON bodies cleanly on every JSON route', async () => {
    const jsonRoutes: [string, string][] = [
      ['POST', `/storage/v1/object/list/${limited}`],
      ['POST', `/storage/v1/object/sign/${limited}`],
      ['POST', `/storage/v1/object/sign/${limited}/${keeper}`],
      ['DELETE', `/storage/v1/object/${limited}`],
      ['POST', '/storage/v1/object/move'],
      ['POST', '/storage/v1/object/copy'],
      ['POST', '/storage/v1/bucket'],
      ['PUT', `/storage/v1/bucket/${limited}`],
    ];
    const before = await objectRow(limited, keeper);
    const [bucketBefore] = await sql('select * from storage.buckets where id = $1', [limited]);
    for (const [method, url] of jsonRoutes) {
      for (const body of [`{"prefixes": ["${keeper}"], `, '[]', `["${keeper}"]`, '"x"', '42', 'null']) {
        expectStorageError(await raw(method, url, { headers: jsonHeaders(service()), body }), '400', 'InvalidRequest');
      }
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
        const answer = await raw(method, url, { headers: { ...service(), 'content-type': type }, body: json({ prefixes: [keeper] }) });
        expectStorageError(answer, '415', 'InvalidMimeType');
      }
      const big = await timed(() => raw(method, url, { headers: jsonHeaders(service()), body: json({ prefixes: [keeper], pad: 'x'.repeat(2 * 1024 * 1024) }) }));
      expectStorageError(big.result, '413', 'EntityTooLarge', 413);
      expect(big.ms).toBeLessThan(2_000);
    }
    // An empty body is refused (Fastify's FST_ERR_CTP_EMPTY_JSON_BODY), with or without a content type.
    for (const [method, url] of jsonRoutes) {
      expectStorageError(await raw(method, url, { headers: jsonHeaders(service()), body: '' }), '400', 'InvalidRequest');
      expectStorageError(await raw(method, url, { headers: service() }), '400', 'InvalidRequest');
    }
    const endless = endlessBody(Buffer.alloc(64 * 1024, ' '));
    const sent = await timed(() => streamed('POST', `/storage/v1/object/list/${limited}`, jsonHeaders(service()), endless.stream));
    expectStorageError(sent.result, '413', 'EntityTooLarge', 413);
    expect(sent.ms).toBeLessThan(5_000);
    expect(endless.sent()).toBeLessThan(200 * 1024 * 1024);
    endless.stream.destroy();

    for (const body of [{ prefixes: keeper }, { prefixes: [keeper, 42] }, { prefixes: Array.from({ length: 1001 }, (_, i) => `${i}`) }]) {
      expectStorageError(await raw('DELETE', `/storage/v1/object/${limited}`, { headers: jsonHeaders(service()), body: json(body) }), '400', 'InvalidRequest');
    }
    // Hostile names in a bulk delete match nothing: the call succeeds and removes nothing.
    const bulk = await raw('DELETE', `/storage/v1/object/${limited}`, {
      headers: jsonHeaders(service()),
      body: json({ prefixes: [`../${keeper}`, `/${keeper}`, `${keeper}' or '1'='1`, '%', `folder/%`] }),
    });
    expect([bulk.status, bulk.json()]).toEqual([200, []]);
    expect((await sql('select * from storage.buckets where id = $1', [limited]))[0]).toEqual(bucketBefore);
    await expectNothingChanged(before);
  });

  it('refuses bad signing requests and hostile signed-URL tokens', async () => {
    const sign = (body: unknown, name = keeper) =>
      raw('POST', `/storage/v1/object/sign/${limited}/${name}`, { headers: jsonHeaders(service()), body: json(body) });
    for (const expiresIn of ['60', -1, 0, 1.5, null, [60], { seconds: 60 }]) {
      expectStorageError(await sign({ expiresIn }), '400', 'InvalidRequest');
    }
    const many = await raw('POST', `/storage/v1/object/sign/${limited}`, {
      headers: jsonHeaders(service()),
      body: json({ expiresIn: 60, paths: [`../${keeper}`, `/${keeper}`, '%', keeper] }),
    });
    expect(many.status).toBe(200);
    expect((many.json() as { signedURL: string | null }[]).map((entry) => entry.signedURL !== null)).toEqual([false, false, false, true]);

    const url = `${limited}/${keeper}`;
    const now = Math.floor(Date.now() / 1000);
    const key = new TextEncoder().encode(stack().jwtSecret);
    const claims = { url, scope: 'download', iat: now, exp: now + 60 };
    const tokens = {
      unsigned: `${Buffer.from(json({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(json(claims)).toString('base64url')}.`,
      expired: await new SignJWT({ ...claims, iat: now - 120, exp: now - 60 }).setProtectedHeader({ alg: 'HS256' }).sign(key),
      traversal: await new SignJWT({ ...claims, url: `${limited}/folder/../${keeper}` }).setProtectedHeader({ alg: 'HS256' }).sign(key),
      otherScope: await new SignJWT({ ...claims, scope: 'upload' }).setProtectedHeader({ alg: 'HS256' }).sign(key),
      serviceKey: stack().serviceRoleKey,
      huge: 'x'.repeat(8 * 1024),
    };
    for (const [label, token] of Object.entries(tokens)) {
      const answer = await raw('GET', `/storage/v1/object/sign/${url}?token=${token}`, { headers: { apikey: null } });
      expect(answer.status, label).toBe(400);
      expect((answer.json() as { statusCode: string }).statusCode, label).toBe('400');
      expect(answer.text).not.toContain(keeperText);
    }
  });

  it('refuses unsigned, forged and wrong-role bearer tokens before touching anything', async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = new TextEncoder().encode(stack().jwtSecret);
    const tokens = [
      `${Buffer.from(json({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(json({ role: 'service_role', exp: now + 60 })).toString('base64url')}.`,
      await new SignJWT({ role: 'service_role', exp: now + 60 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('an-attackers-own-secret-of-at-least-32-chars')),
      await new SignJWT({ role: 'postgres', exp: now + 60 }).setProtectedHeader({ alg: 'HS256' }).sign(key),
      await new SignJWT({ role: 'service_role; drop table storage.objects', exp: now + 60 }).setProtectedHeader({ alg: 'HS256' }).sign(key),
      await new SignJWT({ role: 'supabase_storage_admin', exp: now + 60 }).setProtectedHeader({ alg: 'HS256' }).sign(key),
    ];
    for (const token of tokens) {
      const headers = bearer(token);
      for (const answer of [
        await raw('POST', objectPath(limited, `forged-${marker}.txt`), { headers: { ...headers, 'content-type': 'text/plain' }, body: marker }),
        await raw('GET', objectPath(limited, keeper), { headers }),
        await raw('DELETE', `/storage/v1/object/${limited}`, { headers: jsonHeaders(headers), body: json({ prefixes: [keeper] }) }),
        await raw('POST', `/storage/v1/bucket`, { headers: jsonHeaders(headers), body: json({ id: `forged-${marker}` }) }),
        await raw('DELETE', `/storage/v1/bucket/${limited}`, { headers }),
      ]) {
        expectStorageError(answer, '403', 'AccessDenied');
      }
    }
    expect(await sql(`select 1 from storage.buckets where id like '%' || $1 || '%'`, [marker])).toHaveLength(2);
    await expectNothingChanged();
  });

  it('refuses hostile bucket ids and settings with 400s, never a server error', async () => {
    const create = (body: unknown) => raw('POST', '/storage/v1/bucket', { headers: jsonHeaders(service()), body: json(body) });
    for (const id of [`../escape-${marker}`, `a/b-${marker}`, `${'c'.repeat(101)}${marker}`, `nul-${marker}\u0001`, 42, ['x'], '']) {
      expectStorageError(await create({ id, name: id }), '400', 'InvalidBucketName');
    }
    for (const file_size_limit of [-1, 'abc', '1e3', 1.5, '-5MB', 1e20, '99999999999999999999GB', [1]]) {
      const answer = await create({ id: `size-${marker}`, file_size_limit });
      expect(answer.status, `${file_size_limit}: ${answer.text}`).toBe(400);
      expect((answer.json() as { statusCode: string }).statusCode).toMatch(/^4\d\d$/);
    }
    for (const allowed_mime_types of ['image/png', [1], [null], { 0: 'image/png' }]) {
      expectStorageError(await create({ id: `mime-${marker}`, allowed_mime_types }), '400', 'InvalidRequest');
    }
    for (const allowed_mime_types of [['<script>'], ['text/plain<script>alert(1)</script>'], ['image/png', 'a'.repeat(2000) + '/b'], ['image/png;']]) {
      expectStorageError(await create({ id: `mime-${marker}`, allowed_mime_types }), '415', 'InvalidMimeType');
    }
    for (const isPublic of ['yes', ['x'], {}]) {
      expectStorageError(await create({ id: `public-${marker}`, public: isPublic }), '400', 'InvalidRequest');
    }
    const update = await raw('PUT', `/storage/v1/bucket/${limited}`, { headers: jsonHeaders(service()), body: json({ file_size_limit: 1e20 }) });
    expect(update.status).toBe(400);
    for (const query of ['limit=-1', 'offset=-1', 'offset=1e20', 'limit=1.5', 'search=%00']) {
      expectStorageError(await raw('GET', `/storage/v1/bucket?${query}`, { headers: service() }), '400', 'InvalidRequest');
    }
    for (const id of ['..%2F..%2Fescape', '%00', 'a%2Fb']) {
      expectStorageError(await raw('GET', `/storage/v1/bucket/${id}`, { headers: service() }), '400', 'InvalidBucketName');
      expectStorageError(await raw('DELETE', `/storage/v1/bucket/${id}`, { headers: service() }), '400', 'InvalidBucketName');
    }
    expect((await sql(`select id from storage.buckets where id like '%' || $1 || '%' order by id`, [marker])).map((r) => r['id'])).toEqual([
      limited,
      open,
    ]);
    expect((await sql<{ file_size_limit: number }>('select file_size_limit from storage.buckets where id = $1', [limited]))[0]!.file_size_limit).toBe(
      sizeLimit,
    );
  });

  it('ignores or refuses hostile upload metadata instead of failing in SQL', async () => {
    const upload = (name: string, metadata: string) =>
      raw('POST', objectPath(open, name), { headers: { ...service(), 'content-type': 'text/plain', 'x-metadata': metadata }, body: 'data' });
    const garbageName = `meta-garbage-${randomUUID()}.txt`;
    const garbage = await upload(garbageName, '%%%not-base64%%%');
    expect(garbage.status, garbage.text).toBe(200);
    const nul = await upload(`meta-nul-${marker}.txt`, Buffer.from(json({ note: 'a\u0000b' })).toString('base64'));
    expectStorageError(nul, '400', 'InvalidRequest');
    const script = { note: `<script>alert("${randomUUID()}")</script>` };
    const name = `meta-script-${randomUUID()}.txt`;
    expect((await upload(name, Buffer.from(json(script)).toString('base64'))).status).toBe(200);
    expect((await sql('select user_metadata from storage.objects where bucket_id = $1 and name = $2', [open, name]))[0]).toEqual({ user_metadata: script });
    await expectNothingChanged();
    await raw('DELETE', `/storage/v1/object/${open}`, { headers: jsonHeaders(service()), body: json({ prefixes: [name, garbageName] }) });
  });
});
