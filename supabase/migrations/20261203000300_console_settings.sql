-- The merchant console's reads that the tables cannot give under RLS. Staff manage their store
-- from the console (issue 13); who works there is in store_staff, but a login's e-mail lives in
-- auth.users, which no client reads. Everything else the console's settings, staff, tiers and
-- products screens do goes through the existing tables and RPCs.

-- ---------------------------------------------------------------------------------------------
-- Staff directory
-- ---------------------------------------------------------------------------------------------

/**
 * The store's staff with their login e-mail, owners first, for the console's staff screen:
 * colleagues need to tell each other apart, and owners to pick whom to remove. Staff of the store
 * only (42501 otherwise: store ids are public, so the refusal tells nothing).
 */
create function private.staff_directory(p_store_id uuid)
returns table (user_id uuid, email text, role text, created_at timestamptz, is_me boolean)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_staff_of(p_store_id);
begin
  return query
    select s.user_id, u.email::text, s.role, s.created_at, s.user_id = v_user
    from public.store_staff s
    join auth.users u on u.id = s.user_id
    where s.store_id = p_store_id
    order by s.role = 'owner' desc, lower(u.email), s.user_id;
end
$$;
revoke execute on function private.staff_directory(uuid) from public;
grant execute on function private.staff_directory(uuid) to authenticated;

create function public.staff_directory(p_store_id uuid)
returns table (user_id uuid, email text, role text, created_at timestamptz, is_me boolean)
language sql stable security invoker
set search_path = ''
as $$ select * from private.staff_directory(p_store_id) $$;
revoke execute on function public.staff_directory(uuid) from public, anon, authenticated;
grant execute on function public.staff_directory(uuid) to authenticated;
