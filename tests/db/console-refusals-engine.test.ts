/**
 * The reasons the console's refusal mapping (src/components/console/ui/refusals.ts) compares with
 * are the engine's own: each is written by a function of the migrated database as it is now, so a
 * reworded refusal cannot fall back to English unnoticed (a migration file may still hold the
 * replaced wording in an older body, which the database no longer runs).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sql } from '../support/clients.ts';

const source = readFileSync(new URL('../../src/components/console/ui/refusals.ts', import.meta.url), 'utf8');
const reasons = [...source.matchAll(/reason(?: === |\.startsWith\()'((?:[^'\\]|\\.)+)'/g)].map((match) => match[1]!.replaceAll("\\'", "'"));

describe('the refusals the console knows are the engine\'s', () => {
  it('finds the mapping\'s reasons', () => expect(reasons.length).toBeGreaterThan(20));

  it.each(reasons)('%s', async (reason) => {
    const [{ bodies }] = (await sql<{ bodies: string }>(
      `select string_agg(replace(p.prosrc, '''''', ''''), E'\\n') as bodies
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname in ('public', 'private')`,
    )) as [{ bodies: string }];
    expect(bodies).toContain(reason);
  });
});
