-- Plain staff leave a store themselves. remove_staff (000500) let only owners remove anyone, so a
-- staff member who no longer works for a merchant kept its console until an owner noticed. Now
-- any staff member may remove their own row; removing someone else still takes an owner.

/**
 * Removes a staff member or owner from the store and returns the removed store_staff row. An
 * owner removes anyone, themself included; any staff member may remove themself (leave). The
 * store always keeps one owner.
 * Errors: 42501 removing someone else without owning the store (before anything is looked up);
 * PT404 the user is not staff of the store; P0001 the last owner.
 */
create or replace function private.remove_staff(p_store_id uuid, p_user_id uuid)
returns public.store_staff
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_removed public.store_staff;
begin
  if p_user_id is distinct from v_user then
    perform private.require_owner_of(p_store_id);
  elsif p_store_id is null or p_store_id not in (select private.staff_store_ids()) then
    -- Leaving a store the caller does not work at: refused before the store is locked.
    perform private.reject('user_id', 'is not staff of this store', 'PT404');
  end if;
  -- Removals at one store run one at a time, so two owners cannot remove each other together.
  perform 1 from public.stores s where s.id = p_store_id for update;
  select * into v_removed from public.store_staff s where s.store_id = p_store_id and s.user_id = p_user_id;
  if v_removed.user_id is null then
    perform private.reject('user_id', 'is not staff of this store', 'PT404');
  end if;
  if v_removed.role = 'owner'
     and (select count(*) from public.store_staff s where s.store_id = p_store_id and s.role = 'owner') = 1 then
    perform private.reject('user_id', 'is the last owner of this store: make someone else owner first', 'P0001');
  end if;
  delete from public.store_staff s where s.store_id = p_store_id and s.user_id = p_user_id;
  return v_removed;
end
$$;
-- Unchanged from 000500 (create or replace keeps them); stated again so this file reads whole.
revoke execute on function private.remove_staff(uuid, uuid) from public;
grant execute on function private.remove_staff(uuid, uuid) to authenticated;
