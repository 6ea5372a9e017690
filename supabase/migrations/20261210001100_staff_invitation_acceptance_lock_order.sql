/**
 * A staff invitation accepted while an owner renews it could end in a deadlock, as colleague
 * invitations could before 20261210001000: accept_staff_invitation locked the invitation and then
 * waited on the store's row, which the new staff row's foreign key check takes (FOR KEY SHARE),
 * while invite_staff held that row (FOR UPDATE) and its upsert waited on the invitation. Postgres
 * aborted one of the two after deadlock_timeout (40P01 deadlock detected).
 *
 * private.accept_staff_invitation (as in 20261202000500) now locks the store's row first, as
 * invite_staff, remove_staff and set_staff_role lock it, and only then the invitation, whose
 * checks all run under both locks: an acceptance that waited while its invitation was renewed
 * takes the renewed one (its new role).
 *
 * private.invite_staff (as in 20261202000500) looked for staff with the invited address before
 * taking the store's lock: an invitee accepting while it waited became staff, and the renewal then
 * made a new, pending invitation to a colleague's address. That check now runs under the lock,
 * so the renewal is refused as one sent after the acceptance (23505 email already belongs to
 * staff of this store).
 *
 * Every other line of the two is as in the migration named above each; create or replace keeps
 * their grants.
 */

/** As in 20261202000500, with the store's row locked before the invitation. */
create or replace function private.accept_staff_invitation(p_token uuid)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_invitation public.staff_invitations;
  v_store_id uuid;
begin
  -- The store's row before the invitation's, in the order invite_staff takes them. The invitation
  -- is then read again under its lock: one renewed, withdrawn or used while this waited is
  -- answered as it is to the same request sent now.
  select i.store_id into v_store_id from public.staff_invitations i
  where i.token = p_token and private.can_read_staff_invitation(i);
  if v_store_id is not null then
    perform 1 from public.stores s where s.id = v_store_id for update;
  end if;

  -- An invitation the caller cannot read is answered like a missing one, and never locked.
  select * into v_invitation from public.staff_invitations i
  where i.token = p_token and private.can_read_staff_invitation(i)
  for update;
  if v_invitation.id is null then
    perform private.reject('token', 'matches no invitation', 'PT404');
  end if;
  if v_invitation.accepted_at is not null then
    perform private.reject('token', 'has already been used');
  end if;
  if v_invitation.expires_at <= now() then
    perform private.reject('token', 'has expired; ask the store''s owner for a new invitation');
  end if;
  if lower(v_invitation.email) is distinct from private.my_confirmed_email() then
    perform private.reject('email', 'of your login is not the address this invitation was sent to', '42501');
  end if;
  if exists (select 1 from public.store_staff s where s.store_id = v_invitation.store_id and s.user_id = v_user) then
    perform private.reject(null, 'You are already staff of this store', '23505');
  end if;
  if v_invitation.role = 'owner' then
    -- The same count, under the same lock, as create_store's.
    perform pg_advisory_xact_lock(hashtextextended('cardclub.create_store:' || v_user::text, 0));
    if (select count(*) from public.store_staff s where s.user_id = v_user and s.role = 'owner') >= 10 then
      perform private.reject(null, 'Store limit reached: one login may own at most 10 stores', 'P0001');
    end if;
  end if;

  insert into public.store_staff (store_id, user_id, role) values (v_invitation.store_id, v_user, v_invitation.role);
  update public.staff_invitations i set accepted_at = now(), accepted_by = v_user where i.id = v_invitation.id;
  return (select jsonb_build_object('store_id', s.id, 'store_slug', s.slug, 'role', v_invitation.role)
          from public.stores s where s.id = v_invitation.store_id);
end
$$;

/** As in 20261202000500, with the check for staff already at the store under the lock. */
create or replace function private.invite_staff(p_store_id uuid, p_email text, p_role text)
returns public.staff_invitations
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_owner_of(p_store_id);
  v_email text := lower(btrim(p_email));
  v_invitation public.staff_invitations;
begin
  perform private.clean_format('email', private.clean_line('email', v_email, 254), 'email', true);
  if p_role is null or p_role not in ('owner', 'staff') then
    perform private.reject('role', 'must be owner or staff');
  end if;

  -- One store's invitations are counted one at a time.
  perform 1 from public.stores s where s.id = p_store_id for update;
  -- Under the lock, under which accept_staff_invitation makes staff: an invitee who accepted
  -- while this waited is staff now.
  if exists (select 1 from public.store_staff s join auth.users u on u.id = s.user_id
             where s.store_id = p_store_id and lower(u.email) = v_email) then
    perform private.reject('email', 'already belongs to staff of this store', '23505');
  end if;
  if (select count(*) from public.staff_invitations i
      where i.store_id = p_store_id and i.accepted_at is null and i.expires_at > now() and lower(i.email) <> v_email) >= 50 then
    perform private.reject('email', 'cannot be invited: this store has 50 pending staff invitations; withdraw some first', 'P0001');
  end if;

  insert into public.staff_invitations as i (store_id, email, role, invited_by)
  values (p_store_id, v_email, p_role, v_user)
  on conflict (store_id, lower(email)) where accepted_at is null do update
    set role = excluded.role, expires_at = now() + interval '14 days', invited_by = excluded.invited_by
  returning * into v_invitation;
  return v_invitation;
end
$$;
