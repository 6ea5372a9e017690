/**
 * The local gateway waits for PostgREST at least as long as any function the migrations give a
 * longer statement timeout may run, as a hosted project's gateway does (up to 60 s).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { upstreamTimeoutMs } from '../../supabase/local/gateway.ts';

const migrations = path.resolve(import.meta.dirname, '../../supabase/migrations');

describe('the local gateway', () => {
  test('waits longer than the longest statement timeout a migration sets', () => {
    const seconds = fs.readdirSync(migrations).flatMap((file) =>
      [...fs.readFileSync(path.join(migrations, file), 'utf8').matchAll(/statement_timeout\s*=\s*'(\d+)s'/g)].map((match) => Number(match[1])));
    expect(seconds.length).toBeGreaterThan(0);
    expect(upstreamTimeoutMs).toBeGreaterThan(Math.max(...seconds) * 1000);
  });
});
