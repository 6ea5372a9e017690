-- Recreates what a hosted Supabase database already has before any migration runs.
-- Local stack only: never run against a hosted project.

create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit bypassrls;
-- PostgREST logs in as authenticator and switches to the JWT's role per request.
create role authenticator login noinherit password 'postgres';
grant anon, authenticated, service_role to authenticator;
-- The auth and storage stand-ins connect as these, as GoTrue and Storage API do.
create role supabase_auth_admin login noinherit createrole password 'postgres';
create role supabase_storage_admin login noinherit createrole password 'postgres';
grant anon, authenticated, service_role to supabase_storage_admin;

create schema extensions;
-- Exposed by hosted projects' default API settings; empty here (no pg_graphql locally).
create schema graphql_public;
grant usage on schema graphql_public to anon, authenticated, service_role;
grant usage on schema extensions to anon, authenticated, service_role;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pg_stat_statements with schema extensions;

-- Hosted Supabase grants every API role access to new objects in public by default;
-- migrations must therefore revoke what a role should not have.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

alter database postgres set search_path = "$user", public, extensions;

-- PostgREST's in-database configuration, read by Supabase's linter as well.
alter role authenticator set pgrst.db_schemas = 'public,graphql_public';
alter role authenticator set statement_timeout = '8s';
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
