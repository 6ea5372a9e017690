/**
 * Who a database test can be: anon, the service role, or a signed-in user, each a real
 * supabase-js client against the local stack; plus direct SQL as postgres for set-up and
 * for asserting what RLS hides from the caller.
 *
 * Auth limits requests per client address, as hosted Supabase does. Each test client is a
 * device of its own: it connects from a loopback address (127.x.y.z) no other client in the run
 * uses, so the gateway sees as many addresses as a real store sees buyers, and every limit
 * counts at its configured size. A test that needs clients on one network names the address.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { inject } from 'vitest';
import './stack-info.ts';
import { fetchFrom, newAddress } from './addresses.ts';

export { fetchFrom, newAddress };

export const stack = () => inject('stack');

const clientOptions = (address: string) =>
  ({ auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }, global: { fetch: fetchFrom(address) } }) as const;

/** An anonymous visitor, from an address of its own unless one is given. */
export function anonClient(address = newAddress()): SupabaseClient {
  return createClient(stack().apiUrl, stack().anonKey, clientOptions(address));
}

/** The merchant's back end (the admin API is not rate-limited), from 127.0.0.1. */
export function serviceClient(): SupabaseClient {
  return createClient(stack().apiUrl, stack().serviceRoleKey, clientOptions('127.0.0.1'));
}

/** An address no other test uses, so tests stay independent within one database. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** The user's own device: where their sign-ins come from. */
  address: string;
}

/** Creates a confirmed user through the auth admin API, as a seed or a test would. */
export async function createUser(email = uniqueEmail(), password = 'correct-horse-battery'): Promise<TestUser> {
  const { data, error } = await serviceClient().auth.admin.createUser({ email, password, email_confirm: true });
  if (error) throw error;
  return { id: data.user.id, email, password, address: newAddress() };
}

/** A client signed in as the user with email and password, from the user's device (a new one if they have none). */
export async function signIn(user: Pick<TestUser, 'email' | 'password'> & { address?: string }): Promise<SupabaseClient> {
  const client = anonClient(user.address ?? newAddress());
  const { error } = await client.auth.signInWithPassword({ email: user.email, password: user.password });
  if (error) throw error;
  return client;
}

/**
 * The same session carried to another network, as a phone signed in at home keeps its
 * session on the office Wi-Fi: a client from `address` holding the session of `client`.
 */
export async function moveTo(client: SupabaseClient, address: string): Promise<SupabaseClient> {
  const { session } = (await client.auth.getSession()).data;
  if (!session) throw new Error('moveTo: the client is not signed in');
  const moved = anonClient(address);
  const { error } = await moved.auth.setSession(session);
  if (error) throw error;
  return moved;
}

/** A new user and a client signed in as them. */
export async function newSignedInUser(label?: string): Promise<{ user: TestUser; client: SupabaseClient }> {
  const user = await createUser(uniqueEmail(label));
  return { user, client: await signIn(user) };
}

let pool: pg.Pool | undefined;

/**
 * bigint (points, ledger ids, counts) as a number, as PostgREST's JSON gives it to supabase-js,
 * so that direct SQL and API results compare equal; a value past 2^53 fails loudly.
 */
function typeParser(oid: number, format?: 'text' | 'binary') {
  if (oid !== pg.types.builtins.INT8) return pg.types.getTypeParser(oid, format ?? 'text');
  return (value: string) => {
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new Error(`bigint ${value} does not fit a JavaScript number: select it ::text`);
    return parsed;
  };
}

/**
 * Direct SQL as the postgres role, bypassing RLS: for fixtures and for checking what really changed.
 * `prepared`, for one statement a file runs over and over (a fingerprint of every table before and
 * after each case): prepared once per pooled connection, under a name taken from its text, so its
 * long union is planned once rather than at every call (hostile-input's 1,164 fingerprints spent
 * most of their 12 ms each planning). One statement only, as the extended protocol takes.
 */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = [], { prepared = false } = {}): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: stack().dbUrl, max: 4, types: { getTypeParser: typeParser } });
  const name = prepared ? `reused-${createHash('sha1').update(text).digest('hex')}` : undefined;
  const { rows } = await pool.query<T>({ name, text, values: params });
  return rows;
}

/**
 * Runs `statement` as a writer past the tables' triggers (session_replication_role = replica, in a
 * transaction of its own), where a constraint must still hold. Not ALTER TABLE … DISABLE TRIGGER:
 * its ACCESS EXCLUSIVE lock waited for every open transaction on the table, another file's held
 * ones included, and queued every other file's reads and writes of it behind it (statement
 * timeouts, and a race test whose request waited on the ALTER instead of the lock it was meant for).
 */
export async function pastTriggers(statement: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: stack().dbUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(statement, params);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Holds row locks in a transaction of its own until released, so that a test can stop another
 * transaction at a known point and act on it while it waits (cancel it, race it). `run` acts in
 * the holding transaction (as another session's change made while the others wait) and `commit`
 * lets go keeping it; `release` lets go undoing it.
 */
export async function holdLocks(query: string, params: unknown[]): Promise<{
  pid: number;
  run: (query: string, params?: unknown[]) => Promise<pg.QueryResult>;
  commit: () => Promise<void>;
  release: () => Promise<void>;
}> {
  const client = new pg.Client({ connectionString: stack().dbUrl });
  await client.connect();
  await client.query('begin');
  await client.query(query, params);
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  const end = async (how: 'commit' | 'rollback') => {
    await client.query(how);
    await client.end();
  };
  return {
    pid: rows[0]!.pid,
    run: (text, values = []) => client.query(text, values),
    commit: () => end('commit'),
    release: () => end('rollback'),
  };
}

/**
 * Waits until `count` sessions wait on the session `pid`, directly or behind one another (20 s at
 * most: on a machine short of CPU a request once took over 10 s to reach its lock). On giving up,
 * it says what the other sessions were doing, to tell a request that never came from one that did
 * not wait.
 */
export async function untilWaiting(pid: number, count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [waiting] = await sql<{ n: number }>(
      `with recursive waiting (pid) as (
         select a.pid from pg_stat_activity a where $1 = any(pg_blocking_pids(a.pid))
         union select a.pid from pg_stat_activity a join waiting w on w.pid = any(pg_blocking_pids(a.pid)))
       select count(*)::int as n from waiting`, [pid]);
    if (waiting!.n === count) return;
    if (Date.now() > deadline) {
      const sessions = await sql<{ line: string }>(
        `select format('%s %s %s/%s blocked by %s: %s', a.pid, a.state, a.wait_event_type, a.wait_event, pg_blocking_pids(a.pid), left(regexp_replace(a.query, '\\s+', ' ', 'g'), 120)) as line
         from pg_stat_activity a where a.backend_type = 'client backend' and a.pid <> pg_backend_pid() and a.state <> 'idle'`);
      throw new Error(`only ${waiting!.n} of the ${count} requests reached the lock of ${pid}; the sessions at work:\n${sessions.map((s) => s.line).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * `requests` run at one moment: the locks `query` takes (as holdLocks) are held until every one of
 * them waits, on those locks or behind another of them, and then let go. Their answers.
 */
export async function releasedTogether<T>(query: string, params: unknown[], requests: PromiseLike<T>[]): Promise<T[]> {
  const blocker = await holdLocks(query, params);
  const answers = Promise.all(requests);
  try {
    await untilWaiting(blocker.pid, requests.length);
  } finally {
    await blocker.release();
  }
  return answers;
}

/**
 * `requests` queued in turn on the locks `query` takes (as holdLocks): each is sent once the one
 * before it waits, so they take those locks in that order once let go. Their answers, in order.
 */
export async function releasedInTurn<T>(query: string, params: unknown[], requests: (() => PromiseLike<T>)[]): Promise<T[]> {
  const blocker = await holdLocks(query, params);
  const answers: Promise<T>[] = [];
  try {
    for (const request of requests) {
      answers.push(Promise.resolve(request()));
      await untilWaiting(blocker.pid, answers.length);
    }
  } finally {
    await blocker.release();
  }
  return Promise.all(answers);
}
