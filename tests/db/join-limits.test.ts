/**
 * Join rate limits: per login email, per client network and store, per client network (and the
 * cap on stores one login owns). Most
 * cases run join_store / accept_invitation exactly as PostgREST does — one transaction with
 * `set local role authenticated`, the JWT claims and the request headers (X-Forwarded-For)
 * as settings — so that each case can come from a network of its own. One case goes end to end
 * through supabase-js, its buyers signed in on their own devices and joining from one network.
 *
 * Windows are fixed (the hour, the UTC day): cases wait out the last seconds of an hour
 * rather than straddle two windows.
 */
import { randomInt, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveTo, newAddress, newSignedInUser, sql, stack, uniqueEmail } from '../support/clients.ts';
import { addMember, createStore, ok } from './fixtures.ts';

interface Login {
  id: string;
  email: string;
}

interface Outcome {
  value?: unknown;
  error?: pg.DatabaseError;
}

let pool: pg.Pool;
const limits: Record<string, number> = {};
const limit = (scope: 'email' | 'ip' | 'ip_store', period: 'hour' | 'day') => limits[`${scope}/${period}`]!;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: stack().dbUrl, max: 10 });
  const rows = await sql<{ scope: string; period: string; max_joins: number }>(
    `select scope, case period when interval '1 hour' then 'hour' else 'day' end as period, max_joins from private.join_limits`);
  for (const row of rows) limits[`${row.scope}/${row.period}`] = row.max_joins;
});
afterAll(() => pool.end());

/** A confirmed login created straight in auth.users: these cases need many and never sign in. */
async function login(email = uniqueEmail('joiner')): Promise<Login> {
  const id = randomUUID();
  await sql(`insert into auth.users (id, aud, role, email, email_confirmed_at) values ($1, 'authenticated', 'authenticated', $2, now())`, [id, email]);
  return { id, email };
}

/** A store written as postgres (its tiers come from the trigger). */
async function store(): Promise<{ id: string; slug: string }> {
  const slug = `limits-${randomUUID().slice(0, 8)}`;
  const [row] = await sql<{ id: string }>(`insert into public.stores (slug, name) values ($1, to_jsonb($1::text)) returning id`, [slug]);
  return { id: row!.id, slug };
}

/** An address from 198.18.0.0/15 (benchmarking), unused by anything else in the run. */
const randomIp = () => `198.${18 + randomInt(2)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** Runs one statement as PostgREST would for `who` calling from `ip` (null: no request headers). */
async function asCaller(who: Login, ip: string | null, statement: string, params: unknown[] = []): Promise<Outcome> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local role authenticated');
    await client.query(`select set_config('request.jwt.claims', $1, true)`,
      [JSON.stringify({ sub: who.id, role: 'authenticated', email: who.email, aud: 'authenticated' })]);
    if (ip !== null) await client.query(`select set_config('request.headers', $1, true)`, [JSON.stringify({ 'x-forwarded-for': ip })]);
    const { rows } = await client.query<{ value: unknown }>(statement, params);
    await client.query('commit');
    return { value: rows[0]?.value };
  } catch (error) {
    await client.query('rollback');
    return { error: error as pg.DatabaseError };
  } finally {
    client.release();
  }
}

const join = (who: Login, ip: string | null, slug: string, fields: { website?: string } = {}) =>
  asCaller(who, ip, `select public.join_store(p_store_slug => $1, p_company_name => $2, p_full_name => 'Joiner', p_country => 'DE',
    p_website => $3) as value`, [slug, `Company ${randomUUID().slice(0, 6)}`, fields.website ?? null]);

function expectJoined(outcome: Outcome): { member_id: string; joined: boolean } {
  expect(outcome.error?.message).toBeUndefined();
  return outcome.value as { member_id: string; joined: boolean };
}

/** Asserts a join-limit refusal and returns its details. */
function expectLimited(outcome: Outcome, rule: string): Record<string, unknown> {
  expect(outcome.error, 'expected a join-limit refusal').toBeDefined();
  expect(outcome.error!.code).toBe('PT429');
  expect(outcome.error!.message).toMatch(new RegExp(`^Join limit reached: ${rule}; try again after \\d{4}-\\d\\d-\\d\\d \\d\\d:00 UTC$`));
  return JSON.parse(outcome.error!.detail!) as Record<string, unknown>;
}

const memberCount = async (storeId: string) =>
  (await sql<{ n: number }>('select count(*)::int as n from public.member_contacts where store_id = $1', [storeId]))[0]!.n;

async function counter(scope: string, period: 'hour' | 'day', subject: string): Promise<number> {
  const rows = await sql<{ joins: number }>(
    `select joins from private.join_counters where scope = $1 and period = $2::interval and subject = $3
       and window_start = date_bin($2::interval, now(), timestamptz '2000-01-01 00:00:00+00')`, [scope, `1 ${period}`, subject]);
  return rows[0]?.joins ?? 0;
}

/** Puts a counter of the current window at `joins`, as if that many joins had happened. */
async function setCounter(scope: string, period: 'hour' | 'day', subject: string, joins: number): Promise<void> {
  await sql(`insert into private.join_counters (scope, period, subject, window_start, joins)
    values ($1, $2::interval, $3, date_bin($2::interval, now(), timestamptz '2000-01-01 00:00:00+00'), $4)
    on conflict (scope, period, subject, window_start) do update set joins = excluded.joins`, [scope, `1 ${period}`, subject, joins]);
}

/** Waits out the last 20 seconds of an hour (and so of a UTC day), so a case stays in one window. */
async function clearOfWindowEnd(): Promise<void> {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}

describe('the limits', () => {
  it('are the documented thresholds', () => {
    expect(limits).toEqual({ 'email/hour': 10, 'email/day': 30, 'ip_store/hour': 50, 'ip_store/day': 200, 'ip/hour': 1000 });
  });
});

describe('per client network and store', () => {
  it('lets exactly the threshold of concurrent joins from one network into one store through', async () => {
    await clearOfWindowEnd();
    const target = await store();
    const ip = randomIp();
    const max = limit('ip_store', 'hour');
    const logins = await Promise.all(Array.from({ length: max + 5 }, () => login()));

    const outcomes = await Promise.all(logins.map((who) => join(who, ip, target.slug)));
    const refused = outcomes.filter((o) => o.error);
    expect(outcomes.length - refused.length).toBe(max);
    for (const outcome of refused) {
      const details = expectLimited(outcome, `one network may join this store at most ${max} times per hour`);
      expect(details).toMatchObject({ field: 'join_limit', scope: 'ip_store', limit: max, period: 'hour' });
      expect(new Date(details.retry_after as string).getTime() % 3_600_000).toBe(0);
    }
    // Refusals roll their own increment back: the counter holds exactly the joins that happened.
    expect(await memberCount(target.id)).toBe(max);
    expect(await counter('ip_store', 'hour', `${ip} ${target.id}`)).toBe(max);
  }, 60_000);

  it('does not hold back other networks at that store, nor that network at other stores', async () => {
    await clearOfWindowEnd();
    const target = await store();
    const ip = randomIp();
    await setCounter('ip_store', 'hour', `${ip} ${target.id}`, limit('ip_store', 'hour'));
    expectLimited(await join(await login(), ip, target.slug), 'one network may join this store at most 50 times per hour');
    expectJoined(await join(await login(), randomIp(), target.slug));
    expectJoined(await join(await login(), ip, (await store()).slug));
  }, 60_000);

  it('also caps a day, across hours', async () => {
    await clearOfWindowEnd();
    const target = await store();
    const ip = randomIp();
    await setCounter('ip_store', 'day', `${ip} ${target.id}`, limit('ip_store', 'day') - 1);
    expectJoined(await join(await login(), ip, target.slug));
    const details = expectLimited(await join(await login(), ip, target.slug), 'one network may join this store at most 200 times per day');
    expect(new Date(details.retry_after as string).getTime() % 86_400_000).toBe(0);
  }, 60_000);

  it('counts an IPv6 /64 as one network, and IPv4-mapped IPv6 as its IPv4 address', async () => {
    await clearOfWindowEnd();
    const target = await store();
    const max = limit('ip_store', 'hour');
    const prefix = `2001:db8:${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}`;
    await setCounter('ip_store', 'hour', `${prefix}::/64 ${target.id}`, max);
    expectLimited(await join(await login(), `${prefix}::abcd`, target.slug), `one network may join this store at most ${max} times per hour`);
    expectLimited(await join(await login(), `[${prefix}:1:2:3:4]:443`, target.slug), `one network may join this store at most ${max} times per hour`);

    const ip = randomIp();
    await setCounter('ip_store', 'hour', `${ip} ${target.id}`, max);
    expectLimited(await join(await login(), `::ffff:${ip}`, target.slug), `one network may join this store at most ${max} times per hour`);
  }, 60_000);
});

describe('the client network', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['203.0.113.7, 10.0.0.1, 172.16.0.1', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2::abcd', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2:3:4:5:6]:443', '2001:db8:1:2::/64'],
    ['unknown', 'unknown'],
    ['', null],
  ])('X-Forwarded-For %j counts as %j', async (header, network) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('request.headers', $1, true)`, [JSON.stringify({ 'x-forwarded-for': header })]);
      expect((await client.query('select private.client_network() as n')).rows[0].n).toBe(network);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('is CF-Connecting-IP when present: the hosted edge sets it, while it only appends to X-Forwarded-For', async () => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('request.headers', $1, true)`, [
        JSON.stringify({ 'x-forwarded-for': '198.51.100.9, 203.0.113.7', 'cf-connecting-ip': '203.0.113.7' }),
      ]);
      expect((await client.query('select private.client_network() as n')).rows[0].n).toBe('203.0.113.7');
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('is unknown without request headers (seeds, back-end SQL): then only the email limits apply', async () => {
    const target = await store();
    const who = await login();
    expectJoined(await join(who, null, target.slug));
    expect(await sql('select subject from private.join_counters where subject like $1', [`% ${target.id}`])).toEqual([]);
    expect(await counter('email', 'hour', who.email)).toBe(1);
  });
});

describe('per login email', () => {
  it('lets one address start at most the threshold of memberships an hour, +tags included', async () => {
    await clearOfWindowEnd();
    const max = limit('email', 'hour');
    const mailbox = `mailbox-${randomUUID().slice(0, 8)}`;
    const first = await login(`${mailbox}+one@example.test`);
    const stores = await Promise.all(Array.from({ length: max + 1 }, () => store()));

    for (const target of stores.slice(0, max)) expectJoined(await join(first, randomIp(), target.slug));
    const details = expectLimited(await join(first, randomIp(), stores[max]!.slug), `one email address may join at most ${max} times per hour`);
    expect(details).toMatchObject({ scope: 'email', limit: max, period: 'hour' });
    expect(await memberCount(stores[max]!.id)).toBe(0);

    // Another login on the same mailbox shares the budget; another mailbox does not.
    const second = await login(`${mailbox.toUpperCase()}+two@example.test`);
    expectLimited(await join(second, randomIp(), stores[max]!.slug), `one email address may join at most ${max} times per hour`);
    expectJoined(await join(await login(), randomIp(), stores[max]!.slug));
    expect(await counter('email', 'hour', `${mailbox}@example.test`)).toBe(max);
  }, 60_000);

  it('also caps a day', async () => {
    await clearOfWindowEnd();
    const who = await login();
    await setCounter('email', 'day', who.email, limit('email', 'day') - 1);
    expectJoined(await join(who, randomIp(), (await store()).slug));
    expectLimited(await join(who, randomIp(), (await store()).slug), 'one email address may join at most 30 times per day');
  });
});

describe('per client network', () => {
  it('caps every store together', async () => {
    await clearOfWindowEnd();
    const ip = randomIp();
    await setCounter('ip', 'hour', ip, limit('ip', 'hour') - 1);
    expectJoined(await join(await login(), ip, (await store()).slug));
    const target = await store();
    expectLimited(await join(await login(), ip, target.slug), 'one network may join at most 1000 times per hour');
    expect(await memberCount(target.id)).toBe(0);
  });
});

describe('what counts', () => {
  it('only joins that commit: a refused card and a repeated join count nothing', async () => {
    await clearOfWindowEnd();
    const target = await store();
    const ip = randomIp();
    const who = await login();

    // The website is refused by the card trigger after the join was counted: both roll back.
    const refused = await join(who, ip, target.slug, { website: 'javascript:alert(1)' });
    expect(refused.error?.code).toBe('22023');
    expect(refused.error?.message).toMatch(/^website must be an http/);
    expect(await counter('email', 'hour', who.email)).toBe(0);
    expect(await counter('ip_store', 'hour', `${ip} ${target.id}`)).toBe(0);

    expect(expectJoined(await join(who, ip, target.slug)).joined).toBe(true);
    expect(expectJoined(await join(who, ip, target.slug)).joined).toBe(false);
    expect(await counter('email', 'hour', who.email)).toBe(1);
    expect(await counter('ip_store', 'hour', `${ip} ${target.id}`)).toBe(1);
    expect(await counter('ip', 'hour', ip)).toBe(1);
  });

  it('accepting an invitation is a join: limited like join_store, and the invitation stays pending when refused', async () => {
    await clearOfWindowEnd();
    const target = await store();
    const ip = randomIp();
    const primary = await login();
    const { member_id: memberId } = expectJoined(await join(primary, ip, target.slug));
    const invitee = await login();
    const invite = await asCaller(primary, ip, 'select to_jsonb(public.invite_colleague($1, $2)) as value', [memberId, invitee.email]);
    const { token } = invite.value as { token: string };
    const accept = () => asCaller(invitee, ip, `select public.accept_invitation($1, 'Colleague') as value`, [token]);

    await setCounter('email', 'hour', invitee.email, limit('email', 'hour'));
    expectLimited(await accept(), 'one email address may join at most 10 times per hour');
    expect(await sql('select accepted_at from public.member_invitations where token = $1', [token])).toEqual([{ accepted_at: null }]);
    expect(await memberCount(target.id)).toBe(1);

    await setCounter('email', 'hour', invitee.email, 0);
    expect(expectJoined(await accept()).member_id).toBe(memberId);
    expect(await counter('email', 'hour', invitee.email)).toBe(1);
    expect(await counter('ip_store', 'hour', `${ip} ${target.id}`)).toBe(2);
  });

  it('prunes windows that have ended as joins arrive', async () => {
    const stale = `stale-${randomUUID()}`;
    await sql(`insert into private.join_counters (scope, period, subject, window_start, joins)
      values ('email', '1 hour', $1, date_bin('1 hour', now() - interval '3 hours', timestamptz '2000-01-01 00:00:00+00'), 5)`, [stale]);
    expectJoined(await join(await login(), randomIp(), (await store()).slug));
    // A join of another test file running at the same time may hold the row (SKIP LOCKED) and
    // delete it itself: then it is gone once that join commits, a moment later.
    await expect.poll(() => sql('select 1 from private.join_counters where subject = $1', [stale]), { timeout: 5_000 }).toEqual([]);
  });
});

describe('through the API from one network', () => {
  it('refuses the join after the threshold into a fresh store with HTTP 429, and nothing is written', async () => {
    await clearOfWindowEnd();
    const target = await createStore({ label: 'limits-api' });
    const max = limit('ip_store', 'hour');
    const network = newAddress();
    await Promise.all(Array.from({ length: max }, () => addMember(target, undefined, { from: network })));

    // The gateway's socket address reached the function as the client network.
    const counters = await sql<{ subject: string; joins: number }>(
      `select subject, joins from private.join_counters where scope = 'ip_store' and period = '1 hour' and subject like $1`, [`% ${target.id}`]);
    expect(counters).toEqual([{ subject: `${network} ${target.id}`, joins: max }]);

    const late = { client: await moveTo((await newSignedInUser('late')).client, network) };
    // Addresses the client makes up itself are not believed.
    const result = await late.client.rpc('join_store', {
      p_store_slug: target.slug, p_company_name: 'Late Buyer GmbH', p_full_name: 'Late Buyer', p_country: 'DE',
    }).setHeader('x-forwarded-for', '198.51.100.1').setHeader('cf-connecting-ip', '198.51.100.2');
    expect(result.status).toBe(429);
    expect(result.error).toMatchObject({ code: 'PT429' });
    expect(result.error!.message).toMatch(new RegExp(`^Join limit reached: one network may join this store at most ${max} times per hour; try again after `));
    expect(JSON.parse(result.error!.details)).toMatchObject({ field: 'join_limit', scope: 'ip_store', limit: max });
    expect(await memberCount(target.id)).toBe(max);
    expect(ok(await late.client.rpc('my_membership', { p_store_slug: target.slug }))).toBeNull();
  }, 60_000);
});

describe('store creation', () => {
  it('lets one login own at most 10 stores, even when it asks for many at once', async () => {
    const owner = await newSignedInUser('owner');
    const prefix = `cap-${randomUUID().slice(0, 8)}`;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      owner.client.rpc('create_store', { p_slug: `${prefix}-${i}`, p_name: `Shop ${i}` })));
    expect(results.filter((r) => !r.error)).toHaveLength(10);
    for (const refused of results.filter((r) => r.error)) {
      expect(refused.error).toMatchObject({ code: 'P0001', message: 'Store limit reached: one login may own at most 10 stores' });
    }
    expect(await sql(`select count(*)::int as n from public.stores where slug like $1`, [`${prefix}-%`])).toEqual([{ n: 10 }]);
  });
});
