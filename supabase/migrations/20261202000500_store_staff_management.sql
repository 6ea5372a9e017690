-- Staff management: a store's owners invite staff (or further owners) by e-mail and remove them.
-- An invitation is a single-use token bound to the invited address, accepted by the login whose
-- CONFIRMED e-mail is that address, as colleague invitations are (000200).

-- ---------------------------------------------------------------------------------------------
-- Staff invitations
-- ---------------------------------------------------------------------------------------------

/** An invitation (by e-mail) to work at a store as staff or owner. */
create table public.staff_invitations (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null references public.stores (id) on delete cascade,
  email text not null check (length(email) <= 254),
  role text not null default 'staff' check (role in ('owner', 'staff')),
  -- The secret the invitation link carries.
  token uuid not null unique default gen_random_uuid(),
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '14 days',
  -- accepted_at alone says the invitation is used: accepted_by outlives no deleted login.
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  constraint staff_invitations_email_is_an_address check (private.is_email(email))
);
comment on table public.staff_invitations is 'Staff invitations. The store''s owners and the invitee read them; owners withdraw pending ones.';
create index staff_invitations_store_idx on public.staff_invitations (store_id);
create unique index staff_invitations_one_pending_per_email on public.staff_invitations (store_id, lower(email)) where accepted_at is null;
create index staff_invitations_email_idx on public.staff_invitations (lower(email));
create index staff_invitations_invited_by_idx on public.staff_invitations (invited_by);
create index staff_invitations_accepted_by_idx on public.staff_invitations (accepted_by);

alter table public.staff_invitations enable row level security;
revoke all on table public.staff_invitations from anon, authenticated;
grant select, delete on table public.staff_invitations to authenticated;

create policy "Owners and the invitee read staff invitations" on public.staff_invitations
  for select to authenticated
  using (store_id in (select private.owned_store_ids()) or lower(email) = (select private.my_confirmed_email()));
create policy "Owners withdraw their store's pending staff invitations" on public.staff_invitations
  for delete to authenticated
  using (store_id in (select private.owned_store_ids()) and accepted_at is null);

/** Whether the caller may read the invitation, exactly as its select policy says. */
create function private.can_read_staff_invitation(p_invitation public.staff_invitations)
returns boolean
language sql stable
set search_path = ''
as $$
  select p_invitation.store_id in (select private.owned_store_ids())
      or lower(p_invitation.email) = (select private.my_confirmed_email())
$$;
revoke execute on function private.can_read_staff_invitation(public.staff_invitations) from public;

/** Raises 42501 unless the caller owns the store (store ids are public: no oracle). */
create function private.require_owner_of(p_store_id uuid)
returns uuid
language plpgsql stable
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
begin
  if p_store_id is null or p_store_id not in (select private.owned_store_ids()) then
    perform private.reject(null, 'Only this store''s owners may do this', '42501');
  end if;
  return v_user;
end
$$;
revoke execute on function private.require_owner_of(uuid) from public;

-- ---------------------------------------------------------------------------------------------
-- RPCs
-- ---------------------------------------------------------------------------------------------

/**
 * An owner invites someone by e-mail as `staff` or `owner`. Inviting the same address again
 * renews the pending invitation (with the new role); a store holds at most 50 pending ones.
 * Errors: 42501 not an owner of the store; 22023 bad email or role; 23505 already staff of the
 * store; P0001 too many pending invitations.
 */
create function private.invite_staff(p_store_id uuid, p_email text, p_role text)
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
  if exists (select 1 from public.store_staff s join auth.users u on u.id = s.user_id
             where s.store_id = p_store_id and lower(u.email) = v_email) then
    perform private.reject('email', 'already belongs to staff of this store', '23505');
  end if;

  -- One store's invitations are counted one at a time.
  perform 1 from public.stores s where s.id = p_store_id for update;
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
revoke execute on function private.invite_staff(uuid, text, text) from public;
grant execute on function private.invite_staff(uuid, text, text) to authenticated;

create function public.invite_staff(p_store_id uuid, p_email text, p_role text default 'staff')
returns public.staff_invitations
language sql security invoker
set search_path = ''
as $$ select private.invite_staff(p_store_id, p_email, p_role) $$;
revoke execute on function public.invite_staff(uuid, text, text) from public, anon, authenticated;
grant execute on function public.invite_staff(uuid, text, text) to authenticated;

/**
 * The signed-in invitee accepts and joins the store's staff in the invited role. Returns
 * {"store_id", "store_slug", "role"}.
 * Errors: PT404 unknown token, or one the caller cannot read (neither the invitee nor an owner);
 * 42501 not signed in, or an owner whose login is not the invited address; 22023 used or expired;
 * 23505 already staff of the store; P0001 an owner invitation past the 10-stores-owned limit.
 */
create function private.accept_staff_invitation(p_token uuid)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_invitation public.staff_invitations;
begin
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
revoke execute on function private.accept_staff_invitation(uuid) from public;
grant execute on function private.accept_staff_invitation(uuid) to authenticated;

create function public.accept_staff_invitation(p_token uuid)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.accept_staff_invitation(p_token) $$;
revoke execute on function public.accept_staff_invitation(uuid) from public, anon, authenticated;
grant execute on function public.accept_staff_invitation(uuid) to authenticated;

/**
 * An owner removes a staff member or owner (themself included) from the store; the store always
 * keeps one owner. Returns the removed store_staff row.
 * Errors: 42501 not an owner of the store; PT404 the user is not staff of the store; P0001 the
 * last owner.
 */
create function private.remove_staff(p_store_id uuid, p_user_id uuid)
returns public.store_staff
language plpgsql security definer
set search_path = ''
as $$
declare
  v_removed public.store_staff;
begin
  perform private.require_owner_of(p_store_id);
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
revoke execute on function private.remove_staff(uuid, uuid) from public;
grant execute on function private.remove_staff(uuid, uuid) to authenticated;

create function public.remove_staff(p_store_id uuid, p_user_id uuid)
returns public.store_staff
language sql security invoker
set search_path = ''
as $$ select private.remove_staff(p_store_id, p_user_id) $$;
revoke execute on function public.remove_staff(uuid, uuid) from public, anon, authenticated;
grant execute on function public.remove_staff(uuid, uuid) to authenticated;
