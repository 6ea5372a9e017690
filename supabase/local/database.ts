/**
 * Brings a fresh cluster to the state `supabase db reset` leaves a project in: the
 * bootstrap (what hosted Supabase provides), every migration in order, then the seed.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { supabaseDir } from './config.ts';

const bootstrapDir = path.join(supabaseDir, 'local', 'bootstrap');
const migrationsDir = path.join(supabaseDir, 'migrations');

function sqlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => path.join(dir, f));
}

async function runFile(client: pg.Client, file: string): Promise<void> {
  try {
    await client.query(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const e = error as pg.DatabaseError;
    const where = e.position ? lineOf(fs.readFileSync(file, 'utf8'), Number(e.position)) : '';
    throw new Error(`${path.relative(supabaseDir, file)}${where}: ${e.message}`, { cause: error });
  }
}

function lineOf(text: string, position: number): string {
  return `:${text.slice(0, position).split('\n').length}`;
}

/** True once the bootstrap has run on this cluster. */
export async function isSetUp(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`select to_regclass('supabase_migrations.schema_migrations') is not null as ok`);
    return rows[0].ok as boolean;
  } finally {
    await client.end();
  }
}

export interface SetupOptions {
  seed?: boolean;
  /** Apply only the migrations whose version sorts before this one (tests of a migration on older data). */
  before?: string;
}

/** What bringing an existing database up to date did, and what it could not. */
export interface MigrationReport {
  applied: string[];
  /** Migrations recorded as applied whose file has changed since: only a reset applies them. */
  edited: string[];
}

/**
 * Applies, in order, every migration not yet recorded in supabase_migrations.schema_migrations,
 * each in its own transaction and recorded with its text (in `statements`, as the Supabase CLI
 * keeps it), so that a later start can tell which applied files were edited.
 */
async function migrate(client: pg.Client, before?: string): Promise<MigrationReport> {
  const { rows } = await client.query<{ version: string; statements: string[] | null }>(
    'select version, statements from supabase_migrations.schema_migrations');
  const recorded = new Map(rows.map((row) => [row.version, row.statements?.join('') ?? null]));
  const report: MigrationReport = { applied: [], edited: [] };
  for (const file of sqlFiles(migrationsDir)) {
    const [version, ...rest] = path.basename(file, '.sql').split('_');
    if (before !== undefined && version! >= before) break;
    const text = fs.readFileSync(file, 'utf8');
    if (recorded.has(version!)) {
      if (recorded.get(version!) !== text) report.edited.push(path.basename(file));
      continue;
    }
    await client.query('begin');
    try {
      await runFile(client, file);
      await client.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
        [version, rest.join('_'), [text]]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
    report.applied.push(path.basename(file));
  }
  if (report.applied.length > 0) await client.query(`notify pgrst, 'reload schema'`);
  return report;
}

/** Brings a database set up earlier up to date with supabase/migrations (no seed). */
export async function migrateDatabase(url: string): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await migrate(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs bootstrap, migrations and seed on an empty database. Each migration is recorded in
 * supabase_migrations.schema_migrations, the table the Supabase CLI keeps.
 */
export async function setUpDatabase(url: string, { seed = true, before }: SetupOptions = {}): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const file of sqlFiles(bootstrapDir)) await runFile(client, file);
    await client.query(`
      create schema supabase_migrations;
      create table supabase_migrations.schema_migrations (version text primary key, name text, statements text[]);
    `);
    await migrate(client, before);
    const seedFile = path.join(supabaseDir, 'seed.sql');
    if (seed && fs.existsSync(seedFile)) await runFile(client, seedFile);
    // PostgREST reloads its schema cache on this notification, as after `supabase db reset`.
    await client.query(`notify pgrst, 'reload schema'`);
  } finally {
    await client.end();
  }
}
