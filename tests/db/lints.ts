/**
 * Supabase's database-linter rules (splinter) that Cardclub holds itself to, as catalog
 * queries of our own. Each returns one row per offence: `offender` names the object.
 * The exposed schemas are read from `pgrst.db_schemas`, set on the authenticator role
 * exactly as PostgREST reads it.
 */
export const exposedSchemas = `coalesce(string_to_array(replace(
    (select split_part(s, '=', 2) from pg_db_role_setting d, unnest(d.setconfig) s
      where d.setrole = 'authenticator'::regrole and s like 'pgrst.db_schemas=%'), ' ', ''), ','), array['public'])::name[]`;

/** Schemas whose functions and foreign keys are ours (not Supabase's or an extension's). */
const ownSchemas = `(${exposedSchemas} || array['private']::name[])`;

/** Schemas Supabase and its extensions own, which splinter's rules skip (its list, as is). */
const supabaseSchemas = `array['_timescaledb_cache', '_timescaledb_catalog', '_timescaledb_config', '_timescaledb_internal',
  'auth', 'cron', 'extensions', 'graphql', 'graphql_public', 'information_schema', 'net', 'pgmq', 'pgroonga', 'pgsodium',
  'pgsodium_masks', 'pgtle', 'pgbouncer', 'pg_catalog', 'realtime', 'repack', 'storage', 'supabase_functions',
  'supabase_migrations', 'tiger', 'topology', 'vault']::name[]`;

/**
 * 0026/0027: while pg_graphql is installed, /graphql/v1 describes (names, columns, relations)
 * every table, view, materialized view and foreign table `role` can select any column of, RLS
 * or not.
 */
const graphqlTableExposed = (role: string) => `
    select format('%I.%I', n.nspname, c.relname) as offender
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'v', 'm', 'f') and not n.nspname = any (${supabaseSchemas})
      and exists (select 1 from pg_extension e where e.extname = 'pg_graphql')
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                  and has_column_privilege('${role}', c.oid, a.attnum, 'SELECT'))`;

/** 0028/0029: security-definer functions in an exposed schema that `role` can execute. */
const securityDefinerExecutable = (role: string) => `
    select format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as offender
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where p.prosecdef and n.nspname = any (${exposedSchemas}) and not n.nspname = any (${supabaseSchemas})
      and has_function_privilege('${role}', p.oid, 'execute')`;

/**
 * Private functions that service_role cannot execute, called with its rights from `roots` (a query
 * of function oids): by the roots that run as their caller, and by the invoker functions those
 * call in turn. pg_depend records no calls from plpgsql, so the calls are read from the bodies.
 */
const invokerCallsDeniedToServiceRole = (roots: string) => `
    with recursive called (caller, callee) as (
      select f.oid, c.oid
      from (${roots}) r join pg_proc f on f.oid = r.oid
      cross join lateral regexp_matches(f.prosrc, 'private\\.(\\w+)\\s*\\(', 'g') m
      join pg_proc c on c.proname = m[1] and c.pronamespace = 'private'::regnamespace
      where not f.prosecdef
      union
      select k.callee, c.oid
      from called k join pg_proc f on f.oid = k.callee
      cross join lateral regexp_matches(f.prosrc, 'private\\.(\\w+)\\s*\\(', 'g') m
      join pg_proc c on c.proname = m[1] and c.pronamespace = 'private'::regnamespace
      where not f.prosecdef)
    select distinct format('private.%I(%s) from %s', c.proname, oidvectortypes(c.proargtypes), k.caller::regprocedure) as offender
    from called k join pg_proc c on c.oid = k.callee
    where not has_function_privilege('service_role', c.oid, 'execute')`;

const policies = `(
  select p.schemaname, p.tablename, p.policyname, p.permissive, p.roles, p.cmd,
         coalesce(p.qual, '') as qual, coalesce(p.with_check, '') as with_check
  from pg_policies p
)`;

export const lints: Record<string, string> = {
  /** 0013: every table in an exposed schema has RLS on. */
  rls_disabled_in_public: `
    select format('%I.%I', n.nspname, c.relname) as offender
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = any (${exposedSchemas}) and not c.relrowsecurity`,

  /** 0007: a policy on a table whose RLS is off does nothing. */
  policy_exists_rls_disabled: `
    select distinct format('%I.%I', n.nspname, c.relname) as offender
    from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
    where not c.relrowsecurity`,

  /** 0010: views in exposed schemas run with their caller's rights. */
  security_definer_view: `
    select format('%I.%I', n.nspname, c.relname) as offender
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'v' and n.nspname = any (${exposedSchemas})
      and not coalesce(c.reloptions && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1'], false)`,

  /** 0011: every function of ours pins its search_path. */
  function_search_path_mutable: `
    select format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as offender
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = any ${ownSchemas}
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
      and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')`,

  pg_graphql_anon_table_exposed: graphqlTableExposed('anon'),
  pg_graphql_authenticated_table_exposed: graphqlTableExposed('authenticated'),
  anon_security_definer_function_executable: securityDefinerExecutable('anon'),
  authenticated_security_definer_function_executable: securityDefinerExecutable('authenticated'),

  /**
   * Ours, stricter than 0028/0029: no security-definer function in an exposed schema at all,
   * whoever may execute it today. A privileged body lives in `private`, behind an invoker RPC.
   */
  security_definer_function_exposed: `
    select format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as offender
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where p.prosecdef and n.nspname = any (${exposedSchemas})`,

  /**
   * Ours: every function of ours revokes PostgreSQL's default EXECUTE for PUBLIC and grants
   * each role its own. Default privileges cannot do it per schema (a schema's defaults only add
   * to the global PUBLIC grant), so this rule holds each function to it.
   */
  function_executable_by_public: `
    select format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as offender
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = any ${ownSchemas}
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
      and exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                  where a.grantee = 0 and a.privilege_type = 'EXECUTE')`,

  /**
   * Ours: a trigger function that runs with its caller's rights runs as the service role when a
   * merchant's back end writes a table directly (docs/api.md), so every private function it calls,
   * and those they call with the caller's rights in turn, is executable by service_role (segments'
   * and orders' writes were refused `permission denied for function …`).
   */
  invoker_trigger_calls_denied_to_service_role: invokerCallsDeniedToServiceRole(`
      select t.tgfoid as oid from pg_trigger t join pg_proc f on f.oid = t.tgfoid
      where not t.tgisinternal and f.pronamespace in (select oid from pg_namespace where nspname = any ${ownSchemas})`),

  /**
   * Ours: the same of a computed field (an exposed function of one table row) that service_role
   * can execute: the back end reads the table with it as the portal does (tier_before was refused
   * `permission denied for function order_tier_before` once it called a private helper).
   */
  invoker_computed_field_calls_denied_to_service_role: invokerCallsDeniedToServiceRole(`
      select f.oid from pg_proc f join pg_type y on y.oid = f.proargtypes[0] join pg_class r on r.oid = y.typrelid
      where f.pronargs = 1 and r.relkind in ('r', 'v', 'm', 'p') and has_function_privilege('service_role', f.oid, 'execute')
        and f.pronamespace in (select oid from pg_namespace where nspname = any (${exposedSchemas}))`),

  /** 0003: auth.<fn>() and current_setting() in a policy are wrapped in (select ...), evaluated once per query. */
  auth_rls_initplan: `
    select format('%I.%I: %s', schemaname, tablename, policyname) as offender
    from ${policies} p, lateral (select p.qual || ' ' || p.with_check as body) b
    where (select count(*) from regexp_matches(b.body, '(auth\\.(uid|jwt|role|email)|current_setting)\\(', 'g'))
        > (select count(*) from regexp_matches(b.body, 'SELECT (auth\\.(uid|jwt|role|email)|current_setting)\\(', 'g'))`,

  /** 0015: user_metadata is editable by its user, so no policy may trust it. */
  rls_references_user_metadata: `
    select format('%I.%I: %s', schemaname, tablename, policyname) as offender
    from ${policies} p where p.qual || p.with_check ilike '%user_metadata%'`,

  /** 0024: no write policy for API roles that allows every row. */
  permissive_rls_policy: `
    select format('%I.%I: %s', schemaname, tablename, policyname) as offender
    from ${policies} p
    where p.cmd in ('INSERT', 'UPDATE', 'DELETE', 'ALL') and p.permissive = 'PERMISSIVE'
      and p.roles && array['public', 'anon', 'authenticated']::name[]
      and (p.qual = 'true' or p.with_check = 'true')`,

  /** 0006: one permissive policy per table, role and action. */
  multiple_permissive_policies: `
    with expanded as (
      select p.schemaname, p.tablename, p.policyname, r.role, a.action
      from ${policies} p
      cross join lateral unnest(case when p.roles = array['public']::name[]
        then array['anon', 'authenticated']::name[] else p.roles end) r(role)
      cross join lateral unnest(case when p.cmd = 'ALL'
        then array['SELECT', 'INSERT', 'UPDATE', 'DELETE'] else array[p.cmd] end) a(action)
      where p.permissive = 'PERMISSIVE' and p.schemaname = any (${exposedSchemas})
    )
    select format('%I.%I %s %s: %s', schemaname, tablename, role, action, string_agg(policyname, ', ' order by policyname)) as offender
    from expanded group by schemaname, tablename, role, action having count(*) > 1`,

  /** 0001: every foreign key has an index leading with its columns. */
  unindexed_foreign_keys: `
    select format('%s (%s)', c.conrelid::regclass, c.conname) as offender
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = any ${ownSchemas}
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] operator(pg_catalog.@>) c.conkey
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] operator(pg_catalog.<@) c.conkey
      )`,

  /** 0002: no view in an exposed schema reads auth.users. */
  auth_users_exposed: `
    select distinct format('%I.%I', n.nspname, v.relname) as offender
    from pg_rewrite r join pg_class v on v.oid = r.ev_class join pg_namespace n on n.oid = v.relnamespace
    join pg_depend d on d.objid = r.oid and d.refobjid = 'auth.users'::regclass
    where v.relkind in ('v', 'm') and n.nspname = any (${exposedSchemas})`,

  /** 0025: a public bucket needs no SELECT policy; one would let clients list every file. */
  public_bucket_allows_listing: `
    select format('%s: %s', b.id, p.policyname) as offender
    from storage.buckets b join ${policies} p on p.schemaname = 'storage' and p.tablename = 'objects'
    where b.public and p.cmd in ('SELECT', 'ALL')
      and p.roles && array['public', 'anon', 'authenticated']::name[]
      and (p.qual like '%' || quote_literal(b.id) || '%' or p.qual not like '%bucket_id%')`,
};
