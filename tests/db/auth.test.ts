/**
 * The local auth stand-in through the unmodified supabase-js client: e-mail codes read from
 * the dev inbox, password sign-up with confirmation, password sign-in, e-mail and password
 * changes, token refresh and reuse detection, the user's own account, sign-out and the admin
 * API, with GoTrue's status codes and error codes — and the rate limits of
 * supabase/config.toml at their configured size.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { AuthApiError, createClient, isAuthSessionMissingError, isAuthWeakPasswordError, type Session, type SupabaseClient } from '@supabase/supabase-js';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { decodeJwt } from 'jose';
import { parse } from 'yaml';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../supabase/local/auth/index.ts';
import { bucketCapacity } from '../../supabase/local/auth/rate-limits.ts';
import { readAuthSettings } from '../../supabase/local/auth/settings.ts';
import { createInbox } from '../../supabase/local/mail/index.ts';
import { anonClient, createUser, newAddress, serviceClient, signIn, sql, stack, uniqueEmail } from '../support/clients.ts';
import { allowNextCode, codeIn, latestMessageTo, latestOtpFor, messagesTo } from '../support/inbox.ts';
import { addMember, createStore, ok } from './fixtures.ts';

/** The settings a hosted project gets from `supabase config push`, which the stack enforces. */
const settings = readAuthSettings();

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

/** The columns GoTrue keeps for a user's address and a pending change of it. */
async function addressColumns(id: string) {
  const [row] = await sql<{ email: string; email_change: string | null; confirm_status: number; confirmed: boolean; has_password: boolean }>(
    `select email, nullif(email_change, '') as email_change, email_change_confirm_status as confirm_status,
            email_confirmed_at is not null as confirmed, coalesce(encrypted_password, '') <> '' as has_password
       from auth.users where id = $1`,
    [id],
  );
  return row!;
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

    // In the language of the page that asked (user_metadata.locale).
    const message = await latestMessageTo(email);
    expect(message.Subject).toBe('Tu código de confirmación de Cardclub');
    expect(message.HTML).toMatch(/^<div lang="es">/);
    const code = codeIn(message);
    expect(message.Text).toContain(code);
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
    await allowNextCode(email);
    const session = await signInWithCode(email);
    expect((await latestMessageTo(email)).Subject).toBe('Your Cardclub sign-in code');
    expect(session.user.email).toBe(email);
  });

  it("keeps speaking the language the login was created in: a later request's data changes nothing", async () => {
    const email = uniqueEmail('otp-zh');
    const client = anonClient();
    expect((await client.auth.signInWithOtp({ email, options: { data: { locale: 'zh-CN' } } })).error).toBeNull();
    const confirmation = await latestMessageTo(email);
    expect(confirmation.Subject).toBe('您的Cardclub邮箱验证码');
    expect((await client.auth.verifyOtp({ email, token: codeIn(confirmation), type: 'email' })).error).toBeNull();

    await allowNextCode(email);
    expect((await anonClient().auth.signInWithOtp({ email, options: { data: { locale: 'es' } } })).error).toBeNull();
    const later = await latestMessageTo(email, { subject: '您的Cardclub登录验证码' });
    expect(later.HTML).toMatch(/^<div lang="zh-CN">/);
    expect((await sql('select raw_user_meta_data from auth.users where email = $1', [email]))[0]).toEqual({ raw_user_meta_data: { locale: 'zh-CN' } });
  });

  it('sends nothing and creates nobody when the template cannot be rendered, as GoTrue: a locale that is not text', async () => {
    const email = uniqueEmail('otp-bad-locale');
    // supabase-js takes any 5xx for a passing fault (AuthRetryableFetchError).
    const { error } = await anonClient().auth.signInWithOtp({ email, options: { data: { locale: 7 } } });
    expect(error).toMatchObject({ status: 500, message: 'Error sending confirmation email' });
    expect(await messagesTo(email)).toEqual([]);
    expect(await sql('select id from auth.users where email = $1', [email])).toEqual([]);
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
    // GoTrue times a code from when it was sent (confirmation_sent_at), otp_expiry long.
    await sql(`update auth.users set confirmation_sent_at = now() - make_interval(secs => $2 + 1) where email = $1`, [email, settings.email.otpExpirySeconds]);
    await expectAuthError(anonClient().auth.verifyOtp({ email, token: code, type: 'email' }), 403, 'otp_expired');
  });

  it("refuses a confirmed member's expired sign-in code", async () => {
    // A confirmed address gets a magic-link code, timed from recovery_sent_at instead.
    const { email } = await createUser(uniqueEmail('otp-expired-member'));
    await anonClient().auth.signInWithOtp({ email });
    const code = await latestOtpFor(email);
    await sql(`update auth.users set recovery_sent_at = now() - make_interval(secs => $2 + 1) where email = $1`, [email, settings.email.otpExpirySeconds]);
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

describe('signing up with a password (enable_confirmations)', () => {
  it('gives no session until the e-mailed code proves the address; password sign-in waits for that too', async () => {
    const email = uniqueEmail('password');
    const device = anonClient();
    const signUp = await device.auth.signUp({ email, password: 'correct-horse', options: { data: { name: 'Ana' } } });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session).toBeNull();
    expect(signUp.data.user).toMatchObject({ email, user_metadata: { name: 'Ana' } });
    expect(signUp.data.user!.email_confirmed_at).toBeUndefined();
    expect(conformsTo('UserSchema', signUp.data.user)).toEqual([]);
    const hash = await sql<{ encrypted_password: string }>('select encrypted_password from auth.users where email = $1', [email]);
    expect(hash[0]!.encrypted_password).toMatch(/^\$2a\$/);

    const unproved = await expectAuthError(anonClient().auth.signInWithPassword({ email, password: 'correct-horse' }), 400, 'email_not_confirmed');
    expect(unproved.message).toBe('Email not confirmed');
    const wrong = await expectAuthError(anonClient().auth.signInWithPassword({ email, password: 'wrong-horse' }), 400, 'invalid_credentials');
    expect(wrong.message).toBe('Invalid login credentials');

    const message = await latestMessageTo(email);
    expect(message.Subject).toBe('Your Cardclub confirmation code');
    const code = codeIn(message);
    const { data, error } = await device.auth.verifyOtp({ email, token: code, type: 'signup' });
    expect(error).toBeNull();
    expect(data.session!.user.email_confirmed_at).toBeTruthy();
    expect(decodeJwt(data.session!.access_token)['amr']).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);
    await expectAuthError(anonClient().auth.signInWithPassword({ email: uniqueEmail('nobody'), password: 'x' }), 400, 'invalid_credentials');
  });

  it('answers a sign-up for a proved address with an obfuscated user: no session, no e-mail, the real user untouched', async () => {
    const owner = await createUser();
    const before = await sql('select encrypted_password, raw_user_meta_data, updated_at from auth.users where id = $1', [owner.id]);
    const { data, error } = await anonClient().auth.signUp({ email: owner.email, password: 'attackers-password', options: { data: { name: 'Mallory' } } });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user!.id).not.toBe(owner.id);
    expect(data.user!.identities).toEqual([]);
    expect(await messagesTo(owner.email)).toEqual([]);
    expect(await sql('select encrypted_password, raw_user_meta_data, updated_at from auth.users where id = $1', [owner.id])).toEqual(before);
    await expectAuthError(anonClient().auth.signInWithPassword({ email: owner.email, password: 'attackers-password' }), 400, 'invalid_credentials');
    await signIn(owner);
  });

  it("gives a stranger who signs up with a colleague's invited address no session, so no invitation", async () => {
    const store = await createStore({ label: 'invited' });
    const buyer = await addMember(store);
    const invited = uniqueEmail('colleague');
    const invitation = ok(await buyer.client.rpc('invite_colleague', { p_member_id: buyer.id, p_email: invited })) as { token: string };

    const stranger = anonClient();
    const { data, error } = await stranger.auth.signUp({ email: invited, password: 'strangers-password' });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    await expectAuthError(stranger.auth.signInWithPassword({ email: invited, password: 'strangers-password' }), 400, 'email_not_confirmed');
    // Without a session the stranger is anon, and anon may not accept invitations.
    expect((await stranger.rpc('accept_invitation', { p_token: invitation.token, p_full_name: 'Stranger' })).error).not.toBeNull();
    expect(await sql(`select 1 from public.member_invitations where token = $1 and accepted_at is not null`, [invitation.token])).toEqual([]);
  });

  it('closes pre-account takeover: a password set on an address before its owner proved it does not survive the proof', async () => {
    const victim = uniqueEmail('victim');
    const attacker = anonClient();
    const squatted = await attacker.auth.signUp({ email: victim, password: 'attackers-password' });
    expect(squatted.error).toBeNull();
    expect(squatted.data.session).toBeNull();
    const userId = squatted.data.user!.id;
    // Signing up again changes nothing: GoTrue cannot tell who claims the address.
    await allowNextCode(victim);
    expect((await attacker.auth.signUp({ email: victim, password: 'second-password' })).data.session).toBeNull();
    await expectAuthError(anonClient().auth.signInWithPassword({ email: victim, password: 'second-password' }), 400, 'invalid_credentials');

    // Later the owner of the address signs in with an e-mailed code, as the member portal does.
    await allowNextCode(victim);
    const owner = anonClient();
    expect((await owner.auth.signInWithOtp({ email: victim })).error).toBeNull();
    const { data, error } = await owner.auth.verifyOtp({ email: victim, token: await latestOtpFor(victim), type: 'email' });
    expect(error).toBeNull();
    expect(data.session!.user.id).toBe(userId);
    expect(await addressColumns(userId)).toMatchObject({ confirmed: true, has_password: false });

    // The attacker's password opens nothing, and nothing the attacker did gave them a session.
    await expectAuthError(attacker.auth.signInWithPassword({ email: victim, password: 'attackers-password' }), 400, 'invalid_credentials');
    const sessions = await sql<{ amr: string }>(
      `select c.authentication_method as amr from auth.sessions s join auth.mfa_amr_claims c on c.session_id = s.id where s.user_id = $1`,
      [userId],
    );
    expect(sessions).toEqual([{ amr: 'otp' }]);
  });

  it('refuses a password shorter than 6 characters with weak_password reasons', async () => {
    const { error } = await anonClient().auth.signUp({ email: uniqueEmail('weak'), password: '12345' });
    expect(isAuthWeakPasswordError(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });
  });
});

describe('changing the e-mail address (double_confirm_changes)', () => {
  it('needs the codes sent to both addresses; until both are entered the old address stands', async () => {
    const user = await createUser();
    const client = await signIn(user);
    const newEmail = uniqueEmail('moved');

    const asked = await client.auth.updateUser({ email: newEmail });
    expect(asked.error).toBeNull();
    expect(asked.data.user).toMatchObject({ email: user.email, new_email: newEmail });
    expect(conformsTo('UserSchema', asked.data.user)).toEqual([]);
    expect(await addressColumns(user.id)).toMatchObject({ email: user.email, email_change: newEmail, confirm_status: 0 });
    const subject = 'Confirm the change of your Cardclub email address';
    const [toCurrent, toNew] = [await latestOtpFor(user.email, subject), await latestOtpFor(newEmail, subject)];

    // A code works only with the address it was sent to.
    if (toCurrent !== toNew) {
      await expectAuthError(anonClient().auth.verifyOtp({ email: newEmail, token: toCurrent, type: 'email_change' }), 403, 'otp_expired');
    }
    // The current address's code alone: accepted, no session, and the address is still the old one.
    const first = await anonClient().auth.verifyOtp({ email: user.email, token: toCurrent, type: 'email_change' });
    expect(first.error).toBeNull();
    expect(first.data.session).toBeNull();
    expect(await addressColumns(user.id)).toMatchObject({ email: user.email, email_change: newEmail, confirm_status: 1 });
    expect((await client.auth.getUser()).data.user!.email).toBe(user.email);
    await expectAuthError(anonClient().auth.verifyOtp({ email: user.email, token: toCurrent, type: 'email_change' }), 403, 'otp_expired');

    // The new address's code completes the change and signs in.
    const second = await anonClient().auth.verifyOtp({ email: newEmail, token: toNew, type: 'email_change' });
    expect(second.error).toBeNull();
    expect(second.data.session!.user.email).toBe(newEmail);
    expect(await addressColumns(user.id)).toEqual({ email: newEmail, email_change: null, confirm_status: 0, confirmed: true, has_password: true });
    expect(await sql('select token_type from auth.one_time_tokens where user_id = $1', [user.id])).toEqual([]);
    await signIn({ email: newEmail, password: user.password });
    await expectAuthError(anonClient().auth.signInWithPassword({ email: user.email, password: user.password }), 400, 'invalid_credentials');
  });

  it('is not completed by the new address alone, however often its code is tried', async () => {
    const user = await createUser();
    const client = await signIn(user);
    const newEmail = uniqueEmail('half');
    expect((await client.auth.updateUser({ email: newEmail })).error).toBeNull();
    const toNew = await latestOtpFor(newEmail, 'Confirm the change of your Cardclub email address');
    expect((await anonClient().auth.verifyOtp({ email: newEmail, token: toNew, type: 'email_change' })).data.session).toBeNull();
    await expectAuthError(anonClient().auth.verifyOtp({ email: newEmail, token: toNew, type: 'email_change' }), 403, 'otp_expired');
    expect(await addressColumns(user.id)).toMatchObject({ email: user.email, email_change: newEmail, confirm_status: 1 });
  });

  it("refuses an address another login already has, and leaves the caller's address as it is", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const client = await signIn(user);
    await expectAuthError(client.auth.updateUser({ email: other.email }), 422, 'email_exists');
    expect(await addressColumns(user.id)).toMatchObject({ email: user.email, email_change: null });
    expect(await messagesTo(other.email)).toEqual([]);
  });
});

describe('changing the password (secure_password_change)', () => {
  it('ends every other session; from a session older than 24 hours it needs the e-mailed nonce', async () => {
    const user = await createUser();
    const [client, elsewhere] = [await signIn(user), await signIn(user)];
    const elsewhereRefresh = (await elsewhere.auth.getSession()).data.session!.refresh_token;
    const sessionId = decodeJwt((await client.auth.getSession()).data.session!.access_token)['session_id'] as string;

    await sql(`update auth.sessions set created_at = now() - interval '25 hours' where id = $1`, [sessionId]);
    const refused = await expectAuthError(client.auth.updateUser({ password: 'a-stolen-session-password' }), 400, 'reauthentication_needed');
    expect(refused.message).toBe('Password update requires reauthentication');
    await expectAuthError(client.auth.updateUser({ password: 'a-stolen-session-password', nonce: '000000' }), 422, 'reauthentication_not_valid');

    expect((await client.auth.reauthenticate()).error).toBeNull();
    const nonce = await latestOtpFor(user.email, 'Your Cardclub verification code');
    expect((await client.auth.updateUser({ password: 'a-new-password', nonce })).error).toBeNull();
    await signIn({ email: user.email, password: 'a-new-password' });
    // The nonce worked once; the other session ended with the change.
    await expectAuthError(client.auth.updateUser({ password: 'yet-another-password', nonce }), 422, 'reauthentication_not_valid');
    await expectAuthError(anonClient().auth.refreshSession({ refresh_token: elsewhereRefresh }), 400, 'refresh_token_not_found');
    expect((await client.auth.getUser()).error).toBeNull();
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

/**
 * The stack's limits at their configured size (config.toml). GoTrue's buckets hold
 * `bucketCapacity` requests per client address and refill at the configured number per 5
 * minutes; a test may see a token or so come back while it runs, never more.
 */
const refilledDuring = (perFiveMinutes: number, startedAt: number) => Math.ceil(((Date.now() - startedAt) / 1000) * (perFiveMinutes / 300));

/** Status codes of many requests fired at once. */
async function statuses(requests: Promise<{ error: unknown }>[]): Promise<number[]> {
  return (await Promise.all(requests)).map((r) => (r.error ? (r.error as AuthApiError).status : 200));
}

describe('limits per client address', () => {
  it('limits password sign-in: after the bucket of wrong passwords, the right one is refused too', async () => {
    const user = await createUser();
    const device = anonClient(user.address);
    const startedAt = Date.now();
    const wrong = await statuses(Array.from({ length: bucketCapacity + 10 }, () => device.auth.signInWithPassword({ email: user.email, password: 'guess' })));
    const answered = wrong.filter((status) => status === 400).length;
    expect(answered).toBeGreaterThanOrEqual(bucketCapacity);
    expect(answered).toBeLessThanOrEqual(bucketCapacity + refilledDuring(settings.rateLimit.tokenRefresh, startedAt));
    expect(wrong.filter((status) => status !== 400).every((status) => status === 429)).toBe(true);

    const right = await expectAuthError(device.auth.signInWithPassword({ email: user.email, password: user.password }), 429, 'over_request_rate_limit');
    expect(right.message).toBe('Request rate limit reached');
    // Another device is not limited by this one's guesses.
    await signIn({ email: user.email, password: user.password });
  });

  it('lets concurrent verifications use only what is left of the bucket', async () => {
    const device = anonClient();
    const email = uniqueEmail('verify-burst');
    const guess = () => device.auth.verifyOtp({ email, token: '000000', type: 'email' });
    const left = 10;
    const startedAt = Date.now();
    for (let i = 0; i < bucketCapacity - left; i++) expect((await guess()).error).toMatchObject({ status: 403 });
    const burst = await statuses(Array.from({ length: 40 }, guess));
    const admitted = burst.filter((status) => status === 403).length;
    expect(admitted).toBeGreaterThanOrEqual(left);
    expect(admitted).toBeLessThanOrEqual(left + refilledDuring(settings.rateLimit.tokenVerifications, startedAt));
    expect(burst.filter((status) => status !== 403).every((status) => status === 429)).toBe(true);
  });

  it('lets concurrent code requests use only what is left of the bucket', async () => {
    const address = newAddress();
    const left = 5;
    const startedAt = Date.now();
    for (let i = 0; i < bucketCapacity - left; i++) {
      expect((await anonClient(address).auth.signInWithOtp({ email: uniqueEmail('codes') })).error).toBeNull();
    }
    const emails = Array.from({ length: 20 }, () => uniqueEmail('codes-burst'));
    const burst = await statuses(emails.map((email) => anonClient(address).auth.signInWithOtp({ email })));
    const sent = burst.filter((status) => status === 200).length;
    expect(sent).toBeGreaterThanOrEqual(left);
    expect(sent).toBeLessThanOrEqual(left + refilledDuring(settings.rateLimit.signInSignUps, startedAt));
    expect(burst.filter((status) => status !== 200).every((status) => status === 429)).toBe(true);
    let mailed = 0;
    for (const email of emails) mailed += (await messagesTo(email)).length;
    expect(mailed).toBe(sent);
  });
});

describe('the e-mail budget of a freshly started auth server', () => {
  // GoTrue counts e-mails per server process, project-wide. A second stand-in on the same
  // database, with config.toml's settings and counters of its own, is such a fresh server; it
  // is reached directly (no gateway), so each request names its client address.
  const inbox = createInbox();
  let pool: pg.Pool;
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    const dbUrl = new URL(stack().dbUrl);
    dbUrl.username = 'supabase_auth_admin';
    pool = new pg.Pool({ connectionString: dbUrl.href, max: 10 });
    const handle = createAuth({ pool, jwtSecret: stack().jwtSecret, issuer: 'http://fresh.test/auth/v1', mailer: inbox, limiterScope: randomUUID() });
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

  const from = (ip: string): SupabaseClient['auth'] =>
    createClient(url, stack().anonKey, { auth: { persistSession: false, autoRefreshToken: false }, global: { headers: { 'x-forwarded-for': ip } } }).auth;

  it('sends no more than email_sent an hour, however many requests race for the last ones', async () => {
    const budget = settings.rateLimit.emailSent;
    const left = 5;
    // Spend all but `left`, spread over enough addresses that no address's own bucket refuses first.
    const perAddress = bucketCapacity - 5;
    const spend = Array.from({ length: budget - left }, (_, i) => ({ ip: `198.18.${Math.floor(i / perAddress)}.1`, email: uniqueEmail('budget') }));
    for (let i = 0; i < spend.length; i += 20) {
      const batch = await Promise.all(spend.slice(i, i + 20).map(({ ip, email }) => from(ip).signInWithOtp({ email })));
      for (const { error } of batch) expect(error).toBeNull();
    }
    expect(inbox.messages()).toHaveLength(budget - left);

    const racing = Array.from({ length: 20 }, (_, i) => from(`198.19.0.${i + 1}`).signInWithOtp({ email: uniqueEmail('budget-race') }));
    const results = await Promise.all(racing);
    expect(results.filter((r) => r.error === null)).toHaveLength(left);
    for (const { error } of results.filter((r) => r.error !== null)) {
      expect(error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit', message: 'email rate limit exceeded' });
    }
    expect(inbox.messages()).toHaveLength(budget);
    // Mail sent by the stack's own auth server is counted there, not here.
    expect((await anonClient().auth.signInWithOtp({ email: uniqueEmail('other-server') })).error).toBeNull();
  }, 60_000);
});
