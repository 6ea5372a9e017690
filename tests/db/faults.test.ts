/**
 * The gateway keeps serving while PostgREST or Postgres restarts: callers get clean errors
 * meanwhile, never a hang or a dropped connection, and service resumes by itself after.
 * This file runs its own stack, since it stops services that other tests rely on.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../supabase/local/stack.ts';
import { eventually } from '../support/eventually.ts';

let local: Stack;
let anon: SupabaseClient;

beforeAll(async () => {
  local = await startStack();
  anon = createClient(local.apiUrl, local.anonKey, { auth: { persistSession: false } });
}, 120_000);
afterAll(() => local?.stop());

async function restStatus(): Promise<{ status: number; body: string }> {
  const res = await fetch(`${local.apiUrl}/rest/v1/stores?select=slug&limit=1`, { headers: { apikey: local.anonKey } });
  return { status: res.status, body: await res.text() };
}

describe('faults', () => {
  it('answers a clean 503 while PostgREST is down and recovers when it is back', async () => {
    expect((await restStatus()).status).toBe(200);
    const restarting = local.restart('rest');
    const during: { status: number; body: string }[] = [];
    while (during.length < 20) during.push(await restStatus());
    await restarting;
    for (const answer of during) {
      expect([200, 503]).toContain(answer.status);
      expect(() => JSON.parse(answer.body)).not.toThrow();
    }
    await eventually(async () => (await restStatus()).status === 200);
  });

  it('keeps answering while Postgres restarts, and serves data again after', async () => {
    const restarting = local.restart('db');
    const during = await Promise.all(Array.from({ length: 10 }, () => restStatus()));
    await restarting;
    for (const answer of during) expect(answer.status).toBeLessThan(600);
    await eventually(async () => (await restStatus()).status === 200);
    const { error } = await anon.from('stores').select('slug').limit(1);
    expect(error).toBeNull();
  });

  it('keeps auth answering after Postgres restarts (pooled connections are replaced)', async () => {
    await local.restart('db');
    await eventually(async () => {
      const { error } = await anon.auth.signInWithPassword({ email: 'nobody@example.test', password: 'wrong-password' });
      return error?.status === 400;
    });
  });
});
