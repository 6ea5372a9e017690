/**
 * Who a database test can be: anon, the service role, or a signed-in user, each a real
 * supabase-js client against the local stack; plus direct SQL as postgres for set-up and
 * for asserting what RLS hides from the caller.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { inject } from 'vitest';
import './stack-info.ts';

export const stack = () => inject('stack');

const clientOptions = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } } as const;

export function anonClient(): SupabaseClient {
  return createClient(stack().apiUrl, stack().anonKey, clientOptions);
}

export function serviceClient(): SupabaseClient {
  return createClient(stack().apiUrl, stack().serviceRoleKey, clientOptions);
}

/** An address no other test uses, so tests stay independent within one database. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/** Creates a confirmed user through the auth admin API, as a seed or a test would. */
export async function createUser(email = uniqueEmail(), password = 'correct-horse-battery'): Promise<TestUser> {
  const { data, error } = await serviceClient().auth.admin.createUser({ email, password, email_confirm: true });
  if (error) throw error;
  return { id: data.user.id, email, password };
}

/** A client signed in as the user with email and password. */
export async function signIn(user: Pick<TestUser, 'email' | 'password'>): Promise<SupabaseClient> {
  const client = anonClient();
  const { error } = await client.auth.signInWithPassword({ email: user.email, password: user.password });
  if (error) throw error;
  return client;
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

/** Direct SQL as the postgres role, bypassing RLS: for fixtures and for checking what really changed. */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  pool ??= new pg.Pool({ connectionString: stack().dbUrl, max: 4, types: { getTypeParser: typeParser } });
  const { rows } = await pool.query<T>(text, params);
  return rows;
}

/**
 * Holds row locks in a transaction of its own until released, so that a test can stop another
 * transaction at a known point and act on it while it waits (cancel it, race it).
 */
export async function holdLocks(query: string, params: unknown[]): Promise<{ pid: number; release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: stack().dbUrl });
  await client.connect();
  await client.query('begin');
  await client.query(query, params);
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  return {
    pid: rows[0]!.pid,
    release: async () => {
      await client.query('rollback');
      await client.end();
    },
  };
}
