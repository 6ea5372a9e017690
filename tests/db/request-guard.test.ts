/**
 * PostgREST's pre-request hook (private.guard_request, migration 20261202000100): an access
 * token whose session was signed out, expired or deleted is refused at once, at tables and RPCs
 * alike, while the user's other sessions keep working; planned and estimated counts, which the
 * planner computes from rows the caller cannot read, are refused for anon and authenticated on
 * every table and RPC; exact counts and the service role are unaffected.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signIn, sql, stack } from '../support/clients.ts';
import { addMember, createStore, expectError, importOrders, ok, orderRow, type Member, type Store } from './fixtures.ts';

let store: Store;
let otherStore: Store;
let member: Member;
let outsider: Member;

beforeAll(async () => {
  [store, otherStore] = await Promise.all([createStore({ label: 'guard' }), createStore({ label: 'guard-other' })]);
  [member, outsider] = await Promise.all([addMember(store), addMember(otherStore)]);
  // Volume at store A that store B's member must not learn: orders and their ledger rows.
  await importOrders(store, Array.from({ length: 40 }, () => orderRow(member, { amount: 25 })));
});

async function accessToken(client: SupabaseClient): Promise<string> {
  const { data } = await client.auth.getSession();
  return data.session!.access_token;
}

/** A client that presents this access token and nothing else: what a stolen or cached token does. */
function withToken(token: string): SupabaseClient {
  return createClient(stack().apiUrl, stack().anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { authorization: `Bearer ${token}` } },
  });
}

/** A table read and an RPC, each as the token's caller; both must answer alike. */
async function tableAndRpc(token: string) {
  const client = withToken(token);
  return {
    table: await client.from('members').select('id').eq('store_id', store.id),
    rpc: await client.rpc('my_membership', { p_store_slug: store.slug }),
  };
}

async function expectWorks(token: string, label: string, company: Member = member) {
  const { table, rpc } = await tableAndRpc(token);
  expect(table.error, `${label}: table`).toBeNull();
  expect(table.data, `${label}: table`).toEqual([{ id: company.id }]);
  expect(rpc.error, `${label}: rpc`).toBeNull();
}

async function expectSessionEnded(token: string, label: string) {
  const { table, rpc } = await tableAndRpc(token);
  for (const [what, result] of [['table', table], ['rpc', rpc]] as const) {
    expect(result.status, `${label}: ${what}`).toBe(401);
    expect(result.data, `${label}: ${what}`).toBeNull();
    expectError(result, 'PT401', /^Session ended/);
  }
  // The same header an expired JWT gets, so generic clients know to sign in again.
  const raw = await fetch(`${stack().apiUrl}/rest/v1/members?select=id`, { headers: { apikey: stack().anonKey, authorization: `Bearer ${token}` } });
  expect(raw.status, `${label}: raw`).toBe(401);
  expect(raw.headers.get('www-authenticate'), `${label}: raw`).toBe('Bearer error="invalid_token", error_description="Session ended"');
}

describe('signed-out sessions at PostgREST', () => {
  it('refuses a signed-out token at tables and RPCs; the user\'s other sessions keep working', async () => {
    const [leaving, staying] = [await signIn(member.user), await signIn(member.user)];
    const leavingToken = await accessToken(leaving);
    await expectWorks(leavingToken, 'before sign-out');

    expect((await leaving.auth.signOut({ scope: 'local' })).error).toBeNull();

    await expectSessionEnded(leavingToken, 'signed out');
    await expectWorks(await accessToken(staying), 'other session');
    await expectWorks(await accessToken(member.client), 'the first session');
  });

  it('scope "others" ends every other session and keeps this one; scope "global" ends all', async () => {
    const [buyer, everywhere] = await Promise.all([addMember(store), addMember(store)]);
    const [keeper, other] = [await signIn(buyer.user), await signIn(buyer.user)];
    const others = [await accessToken(other), await accessToken(buyer.client)];
    expect((await keeper.auth.signOut({ scope: 'others' })).error).toBeNull();
    for (const [index, token] of others.entries()) await expectSessionEnded(token, `other session ${index} after "others"`);
    await expectWorks(await accessToken(keeper), 'the session that signed the others out', buyer);

    const [first, second] = [await signIn(everywhere.user), await signIn(everywhere.user)];
    const tokens = [await accessToken(first), await accessToken(second), await accessToken(everywhere.client)];
    expect((await first.auth.signOut({ scope: 'global' })).error).toBeNull();
    for (const [index, token] of tokens.entries()) await expectSessionEnded(token, `session ${index} after "global"`);
  });

  it('refuses a token whose session is past not_after, or whose user was deleted', async () => {
    const timed = await signIn(member.user);
    const timedToken = await accessToken(timed);
    await expectWorks(timedToken, 'before not_after');
    await sql(`update auth.sessions set not_after = now() - interval '1 second' where id = $1`, [decodeJwt(timedToken)['session_id']]);
    await expectSessionEnded(timedToken, 'past not_after');

    const doomed = await addMember(store);
    const doomedToken = await accessToken(doomed.client);
    expect((await serviceClient().auth.admin.deleteUser(doomed.user.id)).error).toBeNull();
    const { table } = await tableAndRpc(doomedToken);
    expectError(table, 'PT401', /^Session ended/);
  });

  describe('tokens signed with the project secret but bound to no live session of their user', () => {
    let claims: JWTPayload;
    const sign = (payload: JWTPayload) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(stack().jwtSecret));

    beforeAll(async () => {
      claims = decodeJwt(await accessToken(member.client));
    });

    it('the control: the same claims re-signed are accepted', async () => {
      await expectWorks(await sign(claims), 're-signed');
    });

    it('refuses one without session_id, with a malformed one, or naming another user\'s session', async () => {
      const { session_id: _dropped, ...withoutSession } = claims;
      const otherUsersSession = decodeJwt(await accessToken(outsider.client))['session_id'];
      for (const [label, payload] of [
        ['no session_id', withoutSession],
        ['null session_id', { ...claims, session_id: null }],
        ['not a uuid', { ...claims, session_id: `${String(claims['session_id'])}' or true --` }],
        ['another user\'s session', { ...claims, session_id: otherUsersSession }],
        ['no sub', { ...claims, sub: undefined }],
      ] as const) {
        const { table, rpc } = await tableAndRpc(await sign(payload as JWTPayload));
        expect(table.status, label).toBe(401);
        expectError(table, 'PT401', /^Session ended/);
        expect(rpc.status, label).toBe(401);
      }
    });
  });

  it('leaves the anon key and the service-role key alone: they name no session', async () => {
    expect(ok(await anonClient().from('stores').select('id').eq('id', store.id))).toEqual([{ id: store.id }]);
    expect(ok(await serviceClient().from('members').select('id').eq('id', member.id))).toEqual([{ id: member.id }]);
    expect(ok(await anonClient().rpc('tier_teasers', { p_store_slug: store.slug }))).not.toHaveLength(0);
  });
});

describe('planned and estimated counts', () => {
  let tables: string[];
  const modes = ['planned', 'estimated'] as const;

  beforeAll(async () => {
    tables = (await sql<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') order by 1`,
    )).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['orders', 'members', 'points_ledger', 'stores']));
  });

  const callers = () => ({ anon: anonClient(), 'another store\'s member': outsider.client, 'the member': member.client });

  it('refuses them on every exposed table and view, for anon and authenticated, with PT400', async () => {
    for (const [caller, client] of Object.entries(callers())) {
      for (const table of tables) {
        for (const count of modes) {
          const result = await client.from(table).select('*', { count, head: true });
          expect(result.status, `${caller} ${table} ${count}`).toBe(400);
          expect(result.count, `${caller} ${table} ${count}`).toBeNull();
          // A HEAD answer has no body: the same request as GET shows the message.
          const get = await client.from(table).select('*', { count }).limit(1);
          expectError(get, 'PT400', /^Planned and estimated counts are not available/);
          expect(get.error!.hint).toBe('Use Prefer: count=exact');
        }
      }
    }
  });

  it('refuses them on RPCs returning rows', async () => {
    for (const [caller, client] of Object.entries(callers())) {
      for (const count of modes) {
        for (const fn of ['store_catalogue', 'tier_teasers']) {
          const result = await client.rpc(fn, { p_store_slug: store.slug }, { count });
          expectError(result, 'PT400', /^Planned and estimated counts are not available/);
          expect(result.count, `${caller} ${fn} ${count}`).toBeNull();
        }
      }
    }
  });

  it('refuses them however the Prefer header is spelled or split', async () => {
    for (const prefer of [
      ['count=planned'],
      ['return=minimal, count=estimated'],
      ['COUNT=PLANNED'],
      ['return=minimal', 'count=planned'],
      ['count=planned', 'return=minimal'],
    ]) {
      const headers = new Headers({ apikey: stack().anonKey, authorization: `Bearer ${await accessToken(outsider.client)}` });
      for (const value of prefer) headers.append('prefer', value);
      const res = await fetch(`${stack().apiUrl}/rest/v1/orders?select=id&limit=1`, { headers });
      expect(res.status, prefer.join(' | ')).toBe(400);
      expect(res.headers.get('content-range'), prefer.join(' | ')).toBeNull();
    }
  });

  it('keeps count=exact, which counts only rows the caller can read', async () => {
    const exact = async (client: SupabaseClient) => (await client.from('orders').select('*', { count: 'exact', head: true })).count;
    expect(await exact(member.client)).toBe(40);
    expect(await exact(outsider.client)).toBe(0);
    expect((await anonClient().from('stores').select('*', { count: 'exact', head: true }).eq('id', store.id)).count).toBe(1);
    const rpc = await anonClient().rpc('tier_teasers', { p_store_slug: store.slug }, { count: 'exact' });
    expect(rpc.error).toBeNull();
    expect(rpc.count).toBe((rpc.data as unknown[]).length);
  });

  it('leaves the service role\'s planned and estimated counts alone: it reads every row anyway', async () => {
    for (const count of modes) {
      const result = await serviceClient().from('orders').select('id', { count, head: true });
      expect(result.error, count).toBeNull();
      expect(result.count, count).toBeGreaterThanOrEqual(0);
    }
  });
});
