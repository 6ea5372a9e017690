/**
 * Abuse of the auth stand-in that tests/db/auth.test.ts does not already cover: the client
 * address the limits count is the gateway's, not one the client claims; the per-address
 * code limit holds for every spelling of an address and under concurrent requests; a code
 * opens only its own address and only while it is the newest; sign-out and reuse detection
 * revoke every refresh token they should, with GoTrue's error codes.
 */
import { AuthApiError, createClient, type Session } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { anonClient, createUser, fetchFrom, newAddress, serviceClient, signIn, sql, stack, uniqueEmail } from '../support/clients.ts';
import { allowNextCode, latestOtpFor, messagesTo } from '../support/inbox.ts';

async function expectAuthError(promise: Promise<{ error: unknown }>, status: number, code: string): Promise<void> {
  const { error } = await promise;
  expect(error).toBeInstanceOf(AuthApiError);
  expect(error).toMatchObject({ status, code });
}

/** How many e-mails the dev inbox holds for `email`. */
const mailsTo = async (email: string) => (await messagesTo(email)).length;

const wrongCode = (code: string) => (code === '000000' ? '000001' : '000000');

describe('rate limits count the address the gateway saw', () => {
  it('ignores an X-Forwarded-For the client sends: limits and sessions count the socket address', async () => {
    const address = newAddress();
    const spoofing = createClient(stack().apiUrl, stack().anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { fetch: fetchFrom(address), headers: { 'x-forwarded-for': '203.0.113.77, 198.51.100.1', 'x-real-ip': '203.0.113.77' } },
    }).auth;
    const email = uniqueEmail('spoof');
    expect((await spoofing.signInWithOtp({ email })).error).toBeNull();
    const buckets = await sql<{ key: string }>(`select key from auth.rate_limits where limiter = 'otp' and key in ($1, '203.0.113.77')`, [address]);
    expect(buckets).toEqual([{ key: address }]);

    const user = await createUser(uniqueEmail('spoof-session'));
    const { data, error } = await spoofing.signInWithPassword({ email: user.email, password: user.password });
    expect(error).toBeNull();
    const sessionId = JSON.parse(Buffer.from(data.session!.access_token.split('.')[1]!, 'base64url').toString())['session_id'];
    const sessions = await sql<{ ip: string }>(`select host(ip) as ip from auth.sessions where id = $1`, [sessionId]);
    expect(sessions).toEqual([{ ip: address }]);
  });
});

describe('one code per address per interval', () => {
  it('counts every spelling of an address as the same address', async () => {
    const email = uniqueEmail('spelling');
    expect((await anonClient().auth.signInWithOtp({ email })).error).toBeNull();
    for (const variant of [email.toUpperCase(), `  ${email}  `, email.replace(/^./, (c) => c.toUpperCase())]) {
      await expectAuthError(anonClient().auth.signInWithOtp({ email: variant }), 429, 'over_email_send_rate_limit');
    }
    expect(await mailsTo(email)).toBe(1);
    expect(await sql('select 1 from auth.users where lower(email) = $1', [email])).toHaveLength(1);
  });

  it('lets exactly one of many concurrent requests through, and sends one e-mail', async () => {
    const email = uniqueEmail('burst');
    const results = await Promise.all(Array.from({ length: 8 }, () => anonClient().auth.signInWithOtp({ email })));
    const errors = results.map((r) => r.error);
    expect(errors.filter((e) => e === null)).toHaveLength(1);
    for (const error of errors.filter((e) => e !== null)) expect(error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
    expect(await mailsTo(email)).toBe(1);
    const users = await sql<{ sent: boolean }>('select confirmation_sent_at is not null as sent from auth.users where email = $1', [email]);
    expect(users).toEqual([{ sent: true }]);
  });
});

describe('codes', () => {
  it('open only the address they were sent to', async () => {
    const [first, second] = [uniqueEmail('code-a'), uniqueEmail('code-b')];
    await anonClient().auth.signInWithOtp({ email: first });
    await anonClient().auth.signInWithOtp({ email: second });
    const firstCode = await latestOtpFor(first);
    const secondCode = await latestOtpFor(second);
    if (firstCode !== secondCode) {
      await expectAuthError(anonClient().auth.verifyOtp({ email: second, token: firstCode, type: 'email' }), 403, 'otp_expired');
    }
    expect((await anonClient().auth.verifyOtp({ email: first, token: firstCode, type: 'email' })).error).toBeNull();
  });

  it('stop working once a newer code is sent; the newer one works once', async () => {
    const email = uniqueEmail('code-newer');
    await anonClient().auth.signInWithOtp({ email });
    const older = await latestOtpFor(email);
    await allowNextCode(email);
    await anonClient().auth.signInWithOtp({ email });
    const newer = await latestOtpFor(email);
    if (older !== newer) {
      await expectAuthError(anonClient().auth.verifyOtp({ email, token: older, type: 'email' }), 403, 'otp_expired');
    }
    await expectAuthError(anonClient().auth.verifyOtp({ email, token: wrongCode(newer), type: 'email' }), 403, 'otp_expired');
    expect((await anonClient().auth.verifyOtp({ email, token: newer, type: 'email' })).error).toBeNull();
    await expectAuthError(anonClient().auth.verifyOtp({ email, token: newer, type: 'email' }), 403, 'otp_expired');
    expect(await sql('select 1 from auth.one_time_tokens t join auth.users u on u.id = t.user_id where u.email = $1', [email])).toHaveLength(0);
  });

  it('refuse a sign-up code presented as a magic-link code', async () => {
    const email = uniqueEmail('code-kind');
    await anonClient().auth.signInWithOtp({ email });
    const code = await latestOtpFor(email);
    await expectAuthError(anonClient().auth.verifyOtp({ email, token: code, type: 'magiclink' }), 403, 'otp_expired');
    expect((await anonClient().auth.verifyOtp({ email, token: code, type: 'signup' })).error).toBeNull();
  });
});

describe('refresh tokens', () => {
  async function rotate(token: string): Promise<Session> {
    const { data, error } = await anonClient().auth.refreshSession({ refresh_token: token });
    expect(error).toBeNull();
    return data.session!;
  }

  it('revoke the whole family when any older token in a long chain comes back', async () => {
    const user = await createUser();
    const client = await signIn(user);
    const chain = [(await client.auth.getSession()).data.session!];
    for (let i = 0; i < 3; i++) chain.push(await rotate(chain.at(-1)!.refresh_token));

    await expectAuthError(anonClient().auth.refreshSession({ refresh_token: chain[1]!.refresh_token }), 400, 'refresh_token_already_used');
    for (const session of [chain[3]!, chain[0]!, chain[2]!]) {
      await expectAuthError(anonClient().auth.refreshSession({ refresh_token: session.refresh_token }), 400, 'refresh_token_already_used');
    }
    const sessionId = JSON.parse(Buffer.from(chain[0]!.access_token.split('.')[1]!, 'base64url').toString())['session_id'];
    expect(await sql('select 1 from auth.refresh_tokens where session_id = $1 and not revoked', [sessionId])).toHaveLength(0);
    // Another session of the same user is not the thief's family and keeps working.
    const other = await signIn(user);
    expect((await rotate((await other.auth.getSession()).data.session!.refresh_token)).refresh_token).toBeTruthy();
  });

  it("end with a global sign-out in every session; a local sign-out ends only the caller's", async () => {
    const user = await createUser();
    const [a, b, c] = [await signIn(user), await signIn(user), await signIn(user)];
    const tokens = await Promise.all([a, b, c].map(async (client) => (await client.auth.getSession()).data.session!.refresh_token));

    expect((await a.auth.signOut({ scope: 'local' })).error).toBeNull();
    await expectAuthError(anonClient().auth.refreshSession({ refresh_token: tokens[0]! }), 400, 'refresh_token_not_found');
    const bRotated = await rotate(tokens[1]!);

    const signedInB = anonClient();
    await signedInB.auth.setSession({ access_token: bRotated.access_token, refresh_token: bRotated.refresh_token });
    expect((await signedInB.auth.signOut({ scope: 'global' })).error).toBeNull();
    for (const token of [bRotated.refresh_token, tokens[2]!]) {
      await expectAuthError(anonClient().auth.refreshSession({ refresh_token: token }), 400, 'refresh_token_not_found');
    }
    expect(await sql('select 1 from auth.sessions where user_id = $1', [user.id])).toHaveLength(0);
    // A signed-out access token no longer reads the user.
    const answer = await fetch(`${stack().apiUrl}/auth/v1/user`, {
      headers: { apikey: stack().anonKey, authorization: `Bearer ${bRotated.access_token}` },
    });
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ error_code: 'session_not_found' });
  });

  it("go with the user: a deleted user's refresh token is not found", async () => {
    const user = await createUser();
    const session = (await (await signIn(user)).auth.getSession()).data.session!;
    expect((await serviceClient().auth.admin.deleteUser(user.id)).error).toBeNull();
    await expectAuthError(anonClient().auth.refreshSession({ refresh_token: session.refresh_token }), 400, 'refresh_token_not_found');
    expect(await sql('select 1 from auth.refresh_tokens where user_id = $1', [user.id])).toHaveLength(0);
  });
});
