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
