/**
 * The stack supervises Postgres and PostgREST as hosted Supabase and `supabase start` do: a
 * process killed hard is restarted with a log line, and the API answers again with its data;
 * one that keeps dying stops the whole stack, which names it. This file runs its own stack,
 * since it kills services that other tests rely on.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, isFree } from '../../supabase/local/ports.ts';
import { startStack, type Stack } from '../../supabase/local/stack.ts';
import { eventually } from '../support/eventually.ts';

let local: Stack;
let service: SupabaseClient;
let anon: SupabaseClient;
const reports: string[] = [];

beforeAll(async () => {
  local = await startStack({ report: (line) => reports.push(line) });
  const options = { auth: { persistSession: false, autoRefreshToken: false } };
  service = createClient(local.apiUrl, local.serviceRoleKey, options);
  anon = createClient(local.apiUrl, local.anonKey, options);
}, 120_000);
afterAll(() => local?.stop());

async function writeStore(): Promise<string> {
  const slug = `supervised-${randomUUID().slice(0, 8)}`;
  const { error } = await service.from('stores').insert({ slug, name: 'Supervised' });
  expect(error).toBeNull();
  return slug;
}

async function served(slug: string): Promise<boolean> {
  const { data } = await anon.from('stores').select('slug').eq('slug', slug);
  return data?.length === 1;
}

async function authAnswers(): Promise<boolean> {
  const { error } = await anon.auth.signInWithPassword({ email: 'nobody@example.test', password: 'wrong-password' });
  return error?.status === 400;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function kill(service: 'db' | 'rest'): number {
  const pid = local.pid(service);
  if (pid === undefined) throw new Error(`${service} is not running`);
  process.kill(pid, 'SIGKILL');
  return pid;
}

describe('supervision', () => {
  it('restarts PostgREST killed with SIGKILL, says so, and serves the data again', async () => {
    const slug = await writeStore();
    const killed = kill('rest');
    await eventually(() => served(slug), 20_000);
    expect(local.pid('rest')).not.toBe(killed);
    expect(reports).toContain('postgrest exited (signal SIGKILL); restarting in 0.5 s (attempt 1)');
  });

  it('restarts Postgres killed with SIGKILL mid-request: the data survives, PostgREST and the stand-ins reconnect', async () => {
    const slug = await writeStore();
    // A storage request waiting on a lock holds a checked-out pooled connection when postgres dies.
    const locker = new pg.Client({ connectionString: local.dbUrl });
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query('begin; lock table storage.buckets');
    const listing = service.storage.listBuckets();
    const watcher = new pg.Client({ connectionString: local.dbUrl });
    await watcher.connect();
    await eventually(async () => {
      const waiting = await watcher.query(`select 1 from pg_stat_activity where usename = 'supabase_storage_admin' and wait_event_type = 'Lock'`);
      return waiting.rowCount === 1;
    }, 10_000);
    await watcher.end();
    kill('db');
    expect((await listing).error).not.toBeNull();

    await eventually(() => served(slug), 30_000);
    await eventually(authAnswers, 10_000);
    expect((await service.storage.listBuckets()).error).toBeNull();
    expect(await served(await writeStore())).toBe(true);
    expect(reports).toContain('postgres exited (signal SIGKILL); restarting in 0.5 s (attempt 1)');
  });

  it('leaves no service running when the process that started the stack exits without stopping it', async () => {
    const stackModule = new URL('../../supabase/local/stack.ts', import.meta.url).pathname;
    const script = `
      const { startStack } = await import(${JSON.stringify(stackModule)});
      const stack = await startStack();
      console.log(JSON.stringify({ pids: [stack.pid('db'), stack.pid('rest')], dataDir: stack.dataDir }));
      process.exit(0);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    const { pids, dataDir } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { pids: number[]; dataDir: string };
    try {
      expect(pids).toHaveLength(2);
      await eventually(async () => !pids.some(alive), 15_000);
    } finally {
      for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('leaves no service running when a port it was given is taken before it binds it', async () => {
    const [db, rest, taken] = (await freePorts(3)) as [number, number, number];
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(taken, '127.0.0.1', resolve));
    try {
      await expect(startStack({ ports: { db, rest, inbox: taken }, report: () => undefined })).rejects.toThrow(/EADDRINUSE/);
      // Postgres and PostgREST, started before the inbox, were stopped: their ports are free again.
      expect([await isFree(db), await isFree(rest)]).toEqual([true, true]);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }, 60_000);

  it('stops the whole stack, naming the service, when one keeps dying', async () => {
    let failure: Error | undefined;
    void local.failed.then((error) => (failure = error));
    let lastKilled: number | undefined;
    while (!failure) {
      const pid = local.pid('rest');
      if (pid !== undefined && pid !== lastKilled) lastKilled = kill('rest');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(failure.message).toMatch(/^postgrest (exited \(signal SIGKILL\)|failed to start \(.*\)), 6 times without staying up for a minute; stopping the stack$/);
    expect(reports.at(-1)).toBe(failure.message);
    expect(local.pid('db')).toBeUndefined();
    await expect(fetch(`${local.apiUrl}/rest/v1/`)).rejects.toThrow();
  }, 60_000);
});
