-- Request guard: PostgREST's pre-request hook, run at the start of every API request's
-- transaction after PostgREST has switched to the JWT's role and set the request.* settings.
--
-- 1. A signed-out session's access token stops working at once. GoTrue deletes the session row
--    on sign-out (local, others, global) and when the user is deleted, but the access token stays
--    a valid JWT until `exp`; PostgREST alone would accept it for up to an hour.
-- 2. `Prefer: count=planned` / `count=estimated` answer with the planner's estimate, which comes
--    from the table's statistics (pg_class.reltuples, pg_statistic), not from the rows the
--    caller may read: another store's order, member and ledger volumes. Refused for anon and
--    authenticated; `count=exact` counts under RLS and stays.
--
-- Set on the authenticator role (PostgREST's in-database configuration) rather than in the
-- server's environment, so `supabase db push` brings it to a hosted project as it is.

-- ============================================================================================
-- private.guard_request
-- ============================================================================================

/**
 * PostgREST's db-pre-request function. Runs as the request's role (anon, authenticated,
 * service_role), hence security definer: those roles cannot read auth.sessions. Raises
 * PostgREST's custom-response form (sqlstate 'PGRST', JSON message, status in the detail), so
 * the answer carries a real HTTP status and a WWW-Authenticate header like an expired JWT's.
 *
 * Protected means every table, view and function the API exposes: every exposed table has RLS
 * (tests/db/lint.test.ts), views read RLS tables, and a function's rows estimate can come from
 * the tables it reads (an inlined SQL function). The target is not looked up from
 * request.path: PostgREST passes the path undecoded (`/%6Frders` is `orders`), and a guard
 * that parses it could be walked around; a rule over every request cannot.
 */
create function private.guard_request()
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  claims jsonb := coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb;
  caller_role text := coalesce(claims ->> 'role', 'anon');
  session_text text := claims ->> 'session_id';
  prefer text;
begin
  -- The service role reads every row anyway: no estimate tells it more, and its key is not a session.
  if caller_role = 'service_role' then
    return;
  end if;

  -- Any role but anon acts as a user, and every token GoTrue issues for a user names its
  -- session; a user token without one cannot be signed out, so it is refused as well.
  if caller_role <> 'anon' and not exists (
    select 1
      from auth.sessions s
     where s.id = case when session_text ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                       then session_text::uuid end
       and s.user_id::text = claims ->> 'sub'
       and (s.not_after is null or s.not_after > now())
  ) then
    raise sqlstate 'PGRST' using
      message = json_build_object(
        'code', 'PT401',
        'message', 'Session ended: this access token''s session was signed out or has expired',
        'details', null,
        'hint', 'Sign in again')::text,
      detail = json_build_object(
        'status', 401,
        'headers', json_build_object(
          'WWW-Authenticate', 'Bearer error="invalid_token", error_description="Session ended"'))::text;
  end if;

  -- Matched loosely (case, spaces) on purpose: refusing a spelling PostgREST would ignore costs
  -- nothing, missing one it honours leaks.
  prefer := nullif(current_setting('request.headers', true), '')::json ->> 'prefer';
  if prefer ~* 'count\s*=\s*(planned|estimated)' then
    raise sqlstate 'PGRST' using
      message = json_build_object(
        'code', 'PT400',
        'message', 'Planned and estimated counts are not available: they are computed from rows you cannot read',
        'details', null,
        'hint', 'Use Prefer: count=exact')::text,
      detail = json_build_object('status', 400, 'headers', json_build_object())::text;
  end if;
end;
$$;

revoke all on function private.guard_request() from public;
grant execute on function private.guard_request() to anon, authenticated, service_role;

alter role authenticator set pgrst.db_pre_request = 'private.guard_request';
notify pgrst, 'reload config';
