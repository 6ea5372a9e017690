import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../supabase/local/database.ts';
import { generateTypes, typesFile } from '../../supabase/local/typegen.ts';
import { sql, stack } from '../support/clients.ts';

describe('generated schema types', () => {
  it('match the migrated database (run `npm run db:types` after changing a migration)', async () => {
    const live = await generateTypes(stack().dbUrl);
    expect(live).toContain('export type Database');
    expect(fs.readFileSync(typesFile, 'utf8')).toBe(live);
  }, 60_000);
});

describe('the migration record', () => {
  it('holds every migration with its text, so a reused database can tell new and edited files', async () => {
    const files = fs.readdirSync(new URL('../../supabase/migrations/', import.meta.url)).filter((f) => f.endsWith('.sql')).sort();
    const recorded = await sql<{ version: string; name: string }>('select version, name from supabase_migrations.schema_migrations order by version');
    expect(recorded.map((r) => `${r.version}_${r.name}.sql`)).toEqual(files);
    expect(await migrateDatabase(stack().dbUrl)).toEqual({ applied: [], edited: [] });
  });
});
