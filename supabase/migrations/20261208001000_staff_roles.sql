-- Owners change a colleague's role. Until now a role was fixed at invitation: an owner could not
-- promote staff, demote an owner or hand the store over (inviting an existing colleague as owner
-- is refused as "already staff"), so the only way was to remove someone and invite them again.

/**
 * An owner makes a staff member an owner, or an owner (themself included) staff; the store always
 * keeps one owner, as with removals. Returns the store_staff row as it now is; asking for the role
 * the person already has changes nothing and returns the row.
 * Errors: 42501 not an owner of the store (also an owner demoted while waiting for the lock);
 * 22023 role not owner or staff; PT404 the user is not staff of the store; P0001 demoting the last
 * owner, or promoting someone who already owns 10 stores.
 */
create function private.set_staff_role(p_store_id uuid, p_user_id uuid, p_role text)
returns public.store_staff
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.store_staff;
begin
  -- Checked before locking, so strangers never hold the store's row.
  perform private.require_owner_of(p_store_id);
  if p_role is null or p_role not in ('owner', 'staff') then
    perform private.reject('role', 'must be owner or staff');
  end if;
  -- Role changes and removals (remove_staff) at one store run one at a time, so two owners
  -- demoting each other cannot leave it with none; the second then sees the first's change, and
  -- a caller demoted meanwhile is no longer an owner.
  perform 1 from public.stores s where s.id = p_store_id for update;
  perform private.require_owner_of(p_store_id);
  select * into v_member from public.store_staff s where s.store_id = p_store_id and s.user_id = p_user_id;
  if v_member.user_id is null then
    perform private.reject('user_id', 'is not staff of this store', 'PT404');
  end if;
  if v_member.role = p_role then
    return v_member;
  end if;
  if v_member.role = 'owner'
     and (select count(*) from public.store_staff s where s.store_id = p_store_id and s.role = 'owner') = 1 then
    perform private.reject('user_id', 'is the last owner of this store: make someone else owner first', 'P0001');
  end if;
  if p_role = 'owner' then
    -- The same count, under the same lock, as create_store's and accept_staff_invitation's.
    perform pg_advisory_xact_lock(hashtextextended('cardclub.create_store:' || p_user_id::text, 0));
    if (select count(*) from public.store_staff s where s.user_id = p_user_id and s.role = 'owner') >= 10 then
      perform private.reject('user_id', 'already owns 10 stores, the most one login may own', 'P0001');
    end if;
  end if;
  update public.store_staff s set role = p_role
  where s.store_id = p_store_id and s.user_id = p_user_id
  returning * into v_member;
  return v_member;
end
$$;
revoke execute on function private.set_staff_role(uuid, uuid, text) from public;
grant execute on function private.set_staff_role(uuid, uuid, text) to authenticated;

create function public.set_staff_role(p_store_id uuid, p_user_id uuid, p_role text)
returns public.store_staff
language sql security invoker
set search_path = ''
as $$ select private.set_staff_role(p_store_id, p_user_id, p_role) $$;
revoke execute on function public.set_staff_role(uuid, uuid, text) from public, anon, authenticated;
grant execute on function public.set_staff_role(uuid, uuid, text) to authenticated;
