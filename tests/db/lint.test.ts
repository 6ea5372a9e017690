/**
 * Supabase's database linter rules hold on the migrated database. Each rule is also shown
 * to catch a planted offence (inside a rolled-back transaction), so a rule that can never
 * fire cannot pass unnoticed.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack } from '../support/clients.ts';
import { lints } from './lints.ts';

/**
 * pg_graphql as a hosted project has it: the extension registered in its `graphql` schema.
 * The local Postgres has no pg_graphql to install, so the extension's catalogue row, which is
 * all that splinter's 0026/0027 look for, is written directly (and rolled back with the test).
 */
const pgGraphqlInstalled = `create schema graphql;
  insert into pg_catalog.pg_extension (oid, extname, extowner, extnamespace, extrelocatable, extversion)
  values (pg_catalog.pg_nextoid('pg_catalog.pg_extension', 'oid', 'pg_catalog.pg_extension_oid_index'),
    'pg_graphql', current_user::regrole, 'graphql'::regnamespace, false, '1.5.11')`;

/** Objects that break each rule, planted to prove the rule's query catches them. */
const planted: Record<string, string> = {
  rls_disabled_in_public: `create table public.lint_probe (id int primary key)`,
  policy_exists_rls_disabled: `create table private.lint_probe (id int primary key);
    create policy "probe" on private.lint_probe for select to authenticated using (true)`,
  security_definer_view: `create view public.lint_probe as select 1 as one`,
  function_search_path_mutable: `create function public.lint_probe() returns int language sql as 'select 1'`,
  // One selectable column is enough for pg_graphql to describe the table, even under RLS.
  pg_graphql_anon_table_exposed: `${pgGraphqlInstalled};
    create table public.lint_probe (id int primary key, secret text); alter table public.lint_probe enable row level security;
    revoke all on table public.lint_probe from anon, authenticated; grant select (id) on table public.lint_probe to anon`,
  pg_graphql_authenticated_table_exposed: `${pgGraphqlInstalled};
    create table public.lint_probe (id int primary key, secret text); alter table public.lint_probe enable row level security;
    revoke all on table public.lint_probe from anon, authenticated; grant select (id) on table public.lint_probe to authenticated`,
  anon_security_definer_function_executable: `create function public.lint_probe() returns int language sql security definer set search_path = '' as 'select 1';
    revoke execute on function public.lint_probe() from public, authenticated; grant execute on function public.lint_probe() to anon`,
  authenticated_security_definer_function_executable: `create function public.lint_probe() returns int language sql security definer set search_path = '' as 'select 1';
    revoke execute on function public.lint_probe() from public, anon; grant execute on function public.lint_probe() to authenticated`,
  // Executable by no API role, so 0028/0029 pass it; it still has no place in the API schema.
  security_definer_function_exposed: `create function public.lint_probe() returns int language sql security definer set search_path = '' as 'select 1';
    revoke execute on function public.lint_probe() from public, anon, authenticated, service_role`,
  function_executable_by_public: `create function private.lint_probe() returns int language sql set search_path = '' as 'select 1'`,
  invoker_trigger_calls_denied_to_service_role: `create function private.lint_probe_check() returns int language sql set search_path = '' as 'select 1';
    revoke execute on function private.lint_probe_check() from public;
    create function private.lint_probe() returns trigger language plpgsql set search_path = '' as 'begin perform private.lint_probe_check(); return new; end';
    create table private.lint_probe (id int primary key);
    create trigger lint_probe before insert on private.lint_probe for each row execute function private.lint_probe()`,
  invoker_computed_field_calls_denied_to_service_role: `create function private.lint_probe_check() returns int language sql set search_path = '' as 'select 1';
    revoke execute on function private.lint_probe_check() from public;
    create table public.lint_probe (id int primary key);
    create function public.lint_probe(public.lint_probe) returns int language sql set search_path = '' as 'select private.lint_probe_check()';
    grant execute on function public.lint_probe(public.lint_probe) to service_role`,
  auth_rls_initplan: `create table public.lint_probe (id uuid primary key); alter table public.lint_probe enable row level security;
    create policy "probe" on public.lint_probe for select to authenticated using (id = auth.uid())`,
  rls_references_user_metadata: `create table public.lint_probe (id uuid primary key); alter table public.lint_probe enable row level security;
    create policy "probe" on public.lint_probe for select to authenticated using ((select auth.jwt()) -> 'user_metadata' ->> 'x' = 'y')`,
  permissive_rls_policy: `create table public.lint_probe (id uuid primary key); alter table public.lint_probe enable row level security;
    create policy "probe" on public.lint_probe for insert to authenticated with check (true)`,
  multiple_permissive_policies: `create table public.lint_probe (id uuid primary key); alter table public.lint_probe enable row level security;
    create policy "a" on public.lint_probe for select to authenticated using (id is not null);
    create policy "b" on public.lint_probe for select to authenticated using (id is null)`,
  unindexed_foreign_keys: `create table public.lint_probe_parent (id int primary key);
    create table public.lint_probe (id int primary key, parent int references public.lint_probe_parent)`,
  auth_users_exposed: `create view public.lint_probe with (security_invoker = true) as select id from auth.users`,
  public_bucket_allows_listing: `insert into storage.buckets (id, name, public) values ('lint-probe', 'lint-probe', true);
    create policy "probe" on storage.objects for select to anon using (bucket_id = 'lint-probe')`,
};

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: stack().dbUrl });
  await client.connect();
  await client.query('create schema if not exists private');
});
afterAll(() => client.end());

async function offenders(rule: string): Promise<string[]> {
  const { rows } = await client.query<{ offender: string }>(lints[rule]!);
  return rows.map((r) => r.offender).sort();
}

describe('Supabase database linter rules', () => {
  for (const rule of Object.keys(lints)) {
    it(`${rule}: nothing offends`, async () => {
      expect(await offenders(rule)).toEqual([]);
    });

    it(`${rule}: catches a planted offence`, async () => {
      await client.query('begin');
      try {
        await client.query(planted[rule]!);
        expect((await offenders(rule)).join('\n')).toContain('lint');
      } finally {
        await client.query('rollback');
      }
    });
  }
});
