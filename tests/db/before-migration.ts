/**
 * A migration's test on data written under the schema before it: a Postgres of its own, migrated
 * up to (not including) `migration`, handed to `run` with a connected client and a function that
 * applies the rest and returns the files it applied. Stopped and removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { dbUrl } from '../../supabase/local/config.ts';
import { migrateDatabase, setUpDatabase } from '../../supabase/local/database.ts';
import { LocalPostgres } from '../../supabase/local/postgres.ts';
import { freePort } from '../../supabase/local/ports.ts';

export async function withDatabaseBefore(migration: string, run: (client: pg.Client, migrate: () => Promise<string[]>) => Promise<void>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `cardclub-before-${migration}-`));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const postgres = new LocalPostgres({ dataDir: path.join(dataDir, 'pg'), port });
  await postgres.start();
  const client = new pg.Client({ connectionString: dbUrl(port) });
  try {
    await setUpDatabase(dbUrl(port), { seed: false, before: migration });
    await client.connect();
    await run(client, async () => (await migrateDatabase(dbUrl(port))).applied);
  } finally {
    await client.end().catch(() => undefined);
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A store ("old") and one company at its lowest tier ("Old Co", `joined` ago), written as rows
 * under any schema since the first migrations: what a migration's test starts its data from.
 */
export const oldStore = { id: '00000000-0000-4000-8000-000000000001', memberId: '00000000-0000-4000-8000-000000000002' };
export const oldStoreRows = (joined = '0 days') => `
  insert into public.stores (id, slug, name) values ('${oldStore.id}', 'old', 'Old');
  insert into public.members (id, store_id, company_name, country, tier_id, joined_at)
    select '${oldStore.memberId}', s.id, 'Old Co', 'DE', t.id, now() - interval '${joined}'
    from public.stores s join public.tiers t on t.store_id = s.id and t.rank = 0 where s.slug = 'old';`;
