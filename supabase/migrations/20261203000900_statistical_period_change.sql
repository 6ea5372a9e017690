-- Changing a store's statistical period (issue 14's bench found it): the change rewrites every
-- member row of the store in the owner's request (the cached tiers stop being valid, the
-- instants covered once and twice are recomputed). At a large merchant, 100,000 rows: 6 s on an
-- idle machine, and past the API's 8 s statement timeout for `authenticated` under load, so the
-- owner's change was cut off and nothing changed. The change now goes through an RPC that carries
-- its own statement timeout, which PostgREST applies to the request's transaction (a function's
-- `statement_timeout` is hoisted, as Supabase documents for functions that need longer); the
-- column is no longer written by PATCH, whose timeout is the role's.

revoke update (statistical_period_days) on table public.stores from authenticated;

/**
 * Sets the store's statistical period (owners; 1 to 3650 days) and returns it. The members'
 * cached tiers and paid-order coverage follow in the same transaction (period_changed), which
 * holds the store's member rows until it commits.
 */
create function private.set_statistical_period(p_store_id uuid, p_days int)
returns int
language plpgsql security definer
set search_path = ''
as $$
begin
  perform private.require_owner_of(p_store_id);
  if p_days is null or p_days not between 1 and 3650 then
    perform private.reject('statistical_period_days', 'must be a whole number of days from 1 to 3650');
  end if;
  update public.stores s set statistical_period_days = p_days where s.id = p_store_id;
  return p_days;
end
$$;
revoke execute on function private.set_statistical_period(uuid, int) from public;
grant execute on function private.set_statistical_period(uuid, int) to authenticated;

-- 60 s: the most Supabase allows an API request (the bench's large store takes 6-9 s).
create function public.set_statistical_period(p_store_id uuid, p_days int)
returns int
language sql security invoker
set search_path = ''
set statement_timeout = '60s'
as $$ select private.set_statistical_period(p_store_id, p_days) $$;
revoke execute on function public.set_statistical_period(uuid, int) from public, anon;
grant execute on function public.set_statistical_period(uuid, int) to authenticated;
