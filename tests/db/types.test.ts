import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTypes, typesFile } from '../../supabase/local/typegen.ts';
import { stack } from '../support/clients.ts';

describe('generated schema types', () => {
  it('match the migrated database (run `npm run db:types` after changing a migration)', async () => {
    const live = await generateTypes(stack().dbUrl);
    expect(live).toContain('export type Database');
    expect(fs.readFileSync(typesFile, 'utf8')).toBe(live);
  }, 60_000);
});
