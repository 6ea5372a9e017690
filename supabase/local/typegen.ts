/**
 * TypeScript types for the exposed schema, generated from a live database by the same
 * generator Supabase's CLI runs (`supabase gen types typescript`): postgres-meta.
 *
 * `npm run db:types` writes src/lib/database.types.ts from a throw-away database built
 * from the migrations; a database test fails when the committed file is stale.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { dbUrl, projectRoot } from './config.ts';
import { LocalPostgres } from './postgres.ts';
import { setUpDatabase } from './database.ts';
import { freePort } from './ports.ts';

const require = createRequire(import.meta.url);
export const typesFile = path.join(projectRoot, 'src', 'lib', 'database.types.ts');

export async function generateTypes(url: string): Promise<string> {
  const server = path.join(path.dirname(require.resolve('@supabase/postgres-meta')), '..', 'server', 'server.js');
  const { stdout } = await promisify(execFile)(process.execPath, [server], {
    env: {
      ...process.env,
      PG_META_DB_URL: url,
      PG_META_GENERATE_TYPES: 'typescript',
      PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: 'public,graphql_public',
      PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: 'true',
      PG_META_POSTGREST_VERSION: '12',
    },
    maxBuffer: 32 * 1024 * 1024,
  });
  return stdout;
}

if (import.meta.main) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardclub-typegen-'));
  fs.chmodSync(dataDir, 0o755);
  const postgres = new LocalPostgres({ dataDir: path.join(dataDir, 'pg'), port });
  try {
    await postgres.start();
    await setUpDatabase(dbUrl(port), { seed: false });
    fs.writeFileSync(typesFile, await generateTypes(dbUrl(port)));
    console.log(`Wrote ${path.relative(projectRoot, typesFile)}`);
  } finally {
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
