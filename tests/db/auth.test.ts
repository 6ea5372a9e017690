/**
 * The local auth stand-in through the unmodified supabase-js client: e-mail codes read from
 * the dev inbox, password sign-in, token refresh and reuse detection, the user's own
 * account, sign-out and the admin API, with GoTrue's status codes and error codes.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthApiError, createClient, isAuthSessionMissingError, isAuthWeakPasswordError, type Session } from '@supabase/supabase-js';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { decodeJwt } from 'jose';
import { parse } from 'yaml';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../supabase/local/auth/index.ts';
import { createInbox } from '../../supabase/local/mail/index.ts';
import { anonClient, createUser, serviceClient, signIn, sql, stack, uniqueEmail } from '../support/clients.ts';
import { latestMessageTo, latestOtpFor } from '../support/inbox.ts';

/** Responses checked against the GoTrue OpenAPI document the product conforms to. */
const spec = parse(fs.readFileSync(new URL('../../docs/specs/supabase-auth-openapi.yaml', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addFormat('phone', true);
ajv.addSchema(spec, 'openapi');
const conformsTo = (schema: string, body: unknown) => {
  const validate = ajv.getSchema(`openapi#/components/schemas/${schema}`)!;
  return validate(body) ? [] : validate.errors;
};

async function expectAuthError(promise: Promise<{ error: unknown }>, status: number, code: string): Promise<AuthApiError> {
  const { error } = await promise;
  expect(error).toBeInstanceOf(AuthApiError);
  expect(error).toMatchObject({ status, code });
  return error as AuthApiError;
}

/** Lets the next code be requested at once instead of after the 60-second interval. */
async function forgetRecentCodeRequests(email: string): Promise<void> {
  await sql(`update auth.rate_limit_events set created_at = created_at - interval '2 minutes' where email = $1`, [email]);
}

async function signInWithCode(email: string): Promise<Session> {
  const client = anonClient();
  const sent = await client.auth.signInWithOtp({ email });
  expect(sent.error).toBeNull();
  const { data, error } = await client.auth.verifyOtp({ email, token: await latestOtpFor(email), type: 'email' });
  expect(error).toBeNull();
  return data.session!;
}

describe('signing in with an e-mailed code', () => {
  it('creates the user, mails a 6-digit code and trades it for a session with Supabase claims', async () => {
    const email = uniqueEmail('otp');
    const client = anonClient();
    expect((await client.auth.signInWithOtp({ email, options: { data: { locale: 'es' } } })).error).toBeNull();

    const message = await latestMessageTo(email);
    expect(message.Subject).toBe('Confirm Your Signup');
    const code = /Your code is (\d{6})/.exec(message.Text)?.[1];
    expect(message.HTML).toContain(code);
    const stored = await sql<{ token_hash: string }>(
      `select t.token_hash from auth.one_time_tokens t join auth.users u on u.id = t.user_id where u.email = $1`,
      [email],
    );
    expect(stored[0]!.token_hash).not.toContain(code);

    const { data, error } = await client.auth.verifyOtp({ email, token: code!, type: 'email' });
    expect(error).toBeNull();
    const session = data.session!;
    expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(session.refresh_token.length).toBeGreaterThanOrEqual(12);
    expect(session.user).toMatchObject({ email, user_metadata: { locale: 'es' }, app_metadata: { provider: 'email', providers: ['email'] } });
    expect(session.user.email_confirmed_at).toBeTruthy();
    expect(session.user.last_sign_in_at).toBeTruthy();

    const claims = decodeJwt(session.access_token);
    expect(claims).toMatchObject({
      iss: `${stack().apiUrl}/auth/v1`,
      sub: session.user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email,
      phone: '',
      aal: 'aal1',
      is_anonymous: false,
      user_metadata: { locale: 'es' },
      app_metadata: { provider: 'email', providers: ['email'] },
    });
    expect(claims['amr']).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(typeof claims['session_id']).toBe('string');

    expect((await client.auth.getUser()).data.user?.id).toBe(session.user.id);
  });

  it('sends a confirmed user a magic-link code', async () => {
    const email = uniqueEmail('otp-again');
    await signInWithCode(email);
    await forgetRecentCodeRequests(email);
    const session = await signInWithCode(email);
    expect((await latestMessageTo(email)).Subject).toBe('Your Magic Link');
    expect(session.user.email).toBe(email);
  });

  it('refuses a wrong code and accepts each code only once', async () => {
    const email = uniqueEmail('otp-wrong');
    const client = anonClient();
    await client.auth.signInWithOtp({ email });
    const code = await latestOtpFor(email);
    const wrong = code === '000000' ? '000001' : '000000';

    const error = await expectAuthError(client.auth.verifyOtp({ email, token: wrong, type: 'email' }), 403, 'otp_expired');
    expect(error.message).toBe('Token has expired or is invalid');
    expect((await client.auth.verifyOtp({ email, token: code, type: 'email' })).error).toBeNull();
    await expectAuthError(anonClient().auth.verifyOtp({ email, token: code, type: 'email' }), 403, 'otp_expired');
  });

  it('refuses an expired code', async () => {
    const email = uniqueEmail('otp-expired');
    await anonClient().auth.signInWithOtp({ email });
    const code = await latestOtpFor(email);
    await sql(
      `update auth.one_time_tokens set created_at = created_at - interval '61 minutes'
        where user_id = (select id from auth.users where email = $1)`,
      [email],
    );
    await expectAuthError(anonClient().auth.verifyOtp({ email, token: code, type: 'email' }), 403, 'otp_expired');
  });

  it('rate-limits codes to one per address per interval', async () => {
    const email = uniqueEmail('otp-limit');
    expect((await anonClient().auth.signInWithOtp({ email })).error).toBeNull();
    const error = await expectAuthError(anonClient().auth.signInWithOtp({ email }), 429, 'over_email_send_rate_limit');
    expect(error.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/);
  });

  it('does not create a user when create_user is false', async () => {
    const email = uniqueEmail('otp-nocreate');
    await expectAuthError(anonClient().auth.signInWithOtp({ email, options: { shouldCreateUser: false } }), 422, 'otp_disabled');
    expect(await sql('select 1 from auth.users where email = $1', [email])).toHaveLength(0);
  });

  it('answers bad input with validation errors, never a server error', async () => {
    await expectAuthError(anonClient().auth.signInWithOtp({ email: 'not-an-address' }), 400, 'validation_failed');
    const raw = await fetch(`${stack().apiUrl}/auth/v1/verify`, {
      method: 'POST',
      headers: { apikey: stack().anonKey, 'content-type': 'application/json' },
      body: '{"type": "email", "email": ',
    });
    expect(raw.status).toBe(400);
    const body = await raw.json();
    expect(body).toMatchObject({ code: 400, error_code: 'bad_json' });
    expect(conformsTo('ErrorSchema', body)).toEqual([]);
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh returns a new token and the old one is used up', async () => {
    const first = await signInWithCode(uniqueEmail('refresh'));
    const client = anonClient();
    const { data, error } = await client.auth.refreshSession({ refresh_token: first.refresh_token });
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(data.session!.access_token)['session_id']).toBe(decodeJwt(first.access_token)['session_id']);
    expect(conformsTo('AccessTokenResponseSchema', data.session)).toEqual([]);
  });

  it('revoke the whole session when a used token is presented again', async () => {
    const first = await signInWithCode(uniqueEmail('reuse'));
    const second = (await anonClient().auth.refreshSession({ refresh_token: first.refresh_token })).data.session!;

    const error = await expectAuthError(anonClient().auth.refreshSession({ refresh_token: first.refresh_token }), 400, 'refresh_token_already_used');
    expect(error.message).toBe('Invalid Refresh Token: Already Used');
    // The legitimate holder's current token went with the family.
    await expectAuthError(anonClient().auth.refreshSession({ refresh_token: second.refresh_token }), 400, 'refresh_token_already_used');
  });

  it('refuse an unknown token', async () => {
    await expectAuthError(anonClient().auth.refreshSession({ refresh_token: 'no-such-token-here' }), 400, 'refresh_token_not_found');
  });
});

describe('email and password', () => {
  it('signs up (auto-confirmed) and signs in; a wrong password is refused', async () => {
    const email = uniqueEmail('password');
    const signUp = await anonClient().auth.signUp({ email, password: 'correct-horse', options: { data: { name: 'Ana' } } });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session?.user.user_metadata).toEqual({ name: 'Ana' });

    const signedIn = await anonClient().auth.signInWithPassword({ email, password: 'correct-horse' });
    expect(signedIn.error).toBeNull();
    expect(decodeJwt(signedIn.data.session!.access_token)['amr']).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
    const hash = await sql<{ encrypted_password: string }>('select encrypted_password from auth.users where email = $1', [email]);
    expect(hash[0]!.encrypted_password).toMatch(/^\$2a\$/);

    const error = await expectAuthError(anonClient().auth.signInWithPassword({ email, password: 'wrong-horse' }), 400, 'invalid_credentials');
    expect(error.message).toBe('Invalid login credentials');
    await expectAuthError(anonClient().auth.signInWithPassword({ email: uniqueEmail('nobody'), password: 'x' }), 400, 'invalid_credentials');
    await expectAuthError(anonClient().auth.signUp({ email, password: 'another-one' }), 422, 'user_already_exists');
  });

  it('refuses a password shorter than 6 characters with weak_password reasons', async () => {
    const { error } = await anonClient().auth.signUp({ email: uniqueEmail('weak'), password: '12345' });
    expect(isAuthWeakPasswordError(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });
  });
});

describe("a user's own account", () => {
  it('reads and updates metadata and password', async () => {
    const user = await createUser();
    const client = await signIn(user);
    const { data, error } = await client.auth.updateUser({ data: { company: 'Acme', locale: 'zh' } });
    expect(error).toBeNull();
    expect(data.user?.user_metadata).toEqual({ company: 'Acme', locale: 'zh' });
    expect(conformsTo('UserSchema', data.user)).toEqual([]);

    await client.auth.updateUser({ data: { locale: null } });
    expect((await client.auth.getUser()).data.user?.user_metadata).toEqual({ company: 'Acme' });

    await expectAuthError(client.auth.updateUser({ password: user.password }), 422, 'same_password');
    expect((await client.auth.updateUser({ password: 'a-new-password' })).error).toBeNull();
    await signIn({ email: user.email, password: 'a-new-password' });
  });

  it('signs out: the session and its refresh token end', async () => {
    const user = await createUser();
    const client = await signIn(user);
    const { session } = (await client.auth.getSession()).data;
    expect((await client.auth.signOut()).error).toBeNull();

    await expectAuthError(anonClient().auth.refreshSession({ refresh_token: session!.refresh_token }), 400, 'refresh_token_not_found');
    const { error } = await anonClient().auth.getUser(session!.access_token);
    expect(isAuthSessionMissingError(error)).toBe(true);
  });

  it("signs out other sessions only with scope 'others'", async () => {
    const user = await createUser();
    const kept = await signIn(user);
    const other = await signIn(user);
    const otherSession = (await other.auth.getSession()).data.session!;
    expect((await kept.auth.signOut({ scope: 'others' })).error).toBeNull();

    expect((await kept.auth.getUser()).error).toBeNull();
    await expectAuthError(anonClient().auth.refreshSession({ refresh_token: otherSession.refresh_token }), 400, 'refresh_token_not_found');
  });
});

describe('the admin API', () => {
  it('creates, lists, reads, updates and deletes users with the service role key', async () => {
    const admin = serviceClient().auth.admin;
    const email = uniqueEmail('admin');
    const created = await admin.createUser({
      email,
      password: 'admin-made-password',
      email_confirm: true,
      user_metadata: { name: 'Li' },
      app_metadata: { merchant: true },
    });
    expect(created.error).toBeNull();
    const id = created.data.user!.id;
    expect(created.data.user!.app_metadata).toEqual({ merchant: true, provider: 'email', providers: ['email'] });
    expect(conformsTo('UserSchema', created.data.user)).toEqual([]);
    await expectAuthError(admin.createUser({ email, password: 'admin-made-password' }), 422, 'email_exists');

    await createUser();
    const page = await admin.listUsers({ page: 1, perPage: 1 });
    expect(page.error).toBeNull();
    expect(page.data.users).toHaveLength(1);
    // Parsed by supabase-js from the Link and X-Total-Count headers.
    expect(page.data).toMatchObject({ nextPage: 2, total: expect.any(Number) });

    expect((await admin.getUserById(id)).data.user?.email).toBe(email);
    const updated = await admin.updateUserById(id, { user_metadata: { name: 'Li Wei' } });
    expect(updated.data.user?.user_metadata).toEqual({ name: 'Li Wei' });

    // The token's app_metadata carries what the admin stored.
    const client = await signIn({ email, password: 'admin-made-password' });
    const claims = decodeJwt((await client.auth.getSession()).data.session!.access_token);
    expect(claims['app_metadata']).toEqual({ merchant: true, provider: 'email', providers: ['email'] });

    expect((await admin.deleteUser(id)).error).toBeNull();
    await expectAuthError(admin.getUserById(id), 404, 'user_not_found');
  });

  it('is refused with the anon key', async () => {
    await expectAuthError(anonClient().auth.admin.listUsers(), 403, 'not_admin');
    await expectAuthError(anonClient().auth.admin.createUser({ email: uniqueEmail('intruder') }), 403, 'not_admin');
  });
});

describe('limits per client address', () => {
  // A second auth stand-in on the same database with small limits and a 1-second code
  // lifetime, so the shared stack's defaults stay untouched. Without the gateway in front,
  // a client can name its address in X-Forwarded-For: each test takes its own.
  const inbox = createInbox();
  let pool: pg.Pool;
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    const dbUrl = new URL(stack().dbUrl);
    dbUrl.username = 'supabase_auth_admin';
    pool = new pg.Pool({ connectionString: dbUrl.href, max: 2 });
    const handle = createAuth({
      pool,
      jwtSecret: stack().jwtSecret,
      issuer: 'http://limits.test/auth/v1',
      mailer: inbox,
      otpTtlSeconds: 1,
      otpIntervalSeconds: 0,
      otpPerIpPerHour: 2,
      verifyFailuresPerIpPerHour: 2,
    });
    server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://auth').pathname.replace(/^\/auth\/v1/, '');
      void handle(req, res, path);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await pool.end();
  });

  const clientFrom = (ip: string) =>
    createClient(url, stack().anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { headers: { 'x-forwarded-for': ip } },
    }).auth;
  const codeIn = (email: string) => /Your code is (\d{6})/.exec(inbox.messages().find((m) => m.To[0]?.Address === email)!.Text)![1]!;

  it('caps the codes one address may have sent per hour', async () => {
    const auth = clientFrom('198.51.100.1');
    expect((await auth.signInWithOtp({ email: uniqueEmail('ip-cap') })).error).toBeNull();
    expect((await auth.signInWithOtp({ email: uniqueEmail('ip-cap') })).error).toBeNull();
    const error = await expectAuthError(auth.signInWithOtp({ email: uniqueEmail('ip-cap') }), 429, 'over_email_send_rate_limit');
    expect(error.message).toBe('email rate limit exceeded');
    expect((await clientFrom('198.51.100.2').signInWithOtp({ email: uniqueEmail('ip-cap') })).error).toBeNull();
  });

  it('stops an address guessing codes after too many wrong ones, even the right one', async () => {
    const auth = clientFrom('198.51.100.3');
    const email = uniqueEmail('guess');
    await auth.signInWithOtp({ email });
    const code = codeIn(email);
    const wrong = code === '000000' ? '000001' : '000000';
    await expectAuthError(auth.verifyOtp({ email, token: wrong, type: 'email' }), 403, 'otp_expired');
    await expectAuthError(auth.verifyOtp({ email, token: wrong, type: 'email' }), 403, 'otp_expired');
    await expectAuthError(auth.verifyOtp({ email, token: code, type: 'email' }), 429, 'over_request_rate_limit');
  });

  it('expires codes after the configured lifetime', async () => {
    const auth = clientFrom('198.51.100.4');
    const email = uniqueEmail('ttl');
    await auth.signInWithOtp({ email });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expectAuthError(auth.verifyOtp({ email, token: codeIn(email), type: 'email' }), 403, 'otp_expired');
  });
});
