/**
 * An invitation accepted while its company is erased (erase_member) or its last contact leaves
 * (leave_store) could end in a deadlock: accept_invitation locked the invitation and then waited
 * on the company's row, which the new card's foreign key check takes (FOR KEY SHARE), while the
 * erasure or the leaver held that row (FOR UPDATE) and went on to delete the company's
 * invitations, that one among them. Postgres aborted one of the two after deadlock_timeout
 * (40P01 deadlock detected). invite_colleague renewing the invitation being
 * accepted waited the same way (its upsert locks the invitation under the company's lock).
 *
 * private.accept_invitation (as in 20261208000200) now locks the company's row first
 * (private.lock_member), as leave_store, erase_member, remove_member_contact and invite_colleague
 * lock it before writing its invitations, and only then the invitation, whose checks all run under both locks. An acceptance that waited while the
 * company was erased or its last contact left finds its invitation gone and is refused as the
 * same request sent after (PT404 token matches no invitation); one that came first made a
 * contact of the company, whom an erasure then erases with it, and whose company a leaver no
 * longer leaves empty.
 *
 * private.invite_colleague (as in 20261210000100) looked for a contact of the company with the
 * invited address before taking the company's lock: an invitee accepting while it waited became
 * a colleague, and the renewal then made a second, pending invitation to a colleague's address.
 * That check now runs under the lock, so the renewal is refused as one sent after the acceptance
 * (23505 email already belongs to a contact of your company).
 *
 * Every other line of the two is as in the migration named above each; create or replace keeps
 * their grants.
 */

/** As in 20261208000200, with the company's row locked before the invitation. */
create or replace function private.accept_invitation(
  p_token uuid,
  p_full_name text,
  p_job_title text,
  p_phone text,
  p_whatsapp text,
  p_wechat text,
  p_preferred_locale text
)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_invitation public.member_invitations;
  v_contact_id uuid;
  v_constraint text;
  v_member_id uuid;
begin
  -- The company's row before the invitation's, in the order leave_store, erase_member,
  -- remove_member_contact and invite_colleague take them. The invitation is then read again under
  -- its lock: one deleted (an erasure, a leaver, a withdrawal) or used while this waited is
  -- refused as it is to the same request sent now.
  select i.member_id into v_member_id from public.member_invitations i
  where i.token = p_token and private.can_read_invitation(i);
  if v_member_id is not null then
    perform private.lock_member(v_member_id);
  end if;

  -- An invitation the caller cannot read is answered like a missing one, and never locked.
  select * into v_invitation from public.member_invitations i
  where i.token = p_token and private.can_read_invitation(i)
  for update;
  if v_invitation.id is null then
    perform private.reject('token', 'matches no invitation', 'PT404');
  end if;
  if v_invitation.accepted_at is not null then
    perform private.reject('token', 'has already been used');
  end if;
  if v_invitation.expires_at <= now() then
    perform private.reject('token', 'has expired; ask your colleague for a new invitation');
  end if;
  if lower(v_invitation.email) is distinct from private.my_confirmed_email() then
    perform private.reject('email', 'of your login is not the address this invitation was sent to', '42501');
  end if;
  if exists (select 1 from public.member_contacts c where c.store_id = v_invitation.store_id and c.user_id = v_user) then
    perform private.reject(null, 'You are already a member contact at this store', '23505');
  end if;
  perform private.check_line('full_name', p_full_name, 120, true);
  perform private.check_locale(p_preferred_locale, 'preferred_locale');

  perform private.count_join(v_invitation.store_id, v_user);

  begin
    insert into public.member_contacts (member_id, store_id, user_id, role, full_name, job_title, email,
      phone, whatsapp, wechat, preferred_locale)
    values (v_invitation.member_id, v_invitation.store_id, v_user, 'colleague', btrim(p_full_name),
      private.clean_line('job_title', p_job_title, 120), v_invitation.email, private.clean_line('phone', p_phone, 40),
      private.clean_line('whatsapp', p_whatsapp, 40), private.clean_line('wechat', p_wechat, 60), p_preferred_locale)
    returning id into v_contact_id;
  exception when unique_violation then
    get stacked diagnostics v_constraint = constraint_name;
    if v_constraint is distinct from 'member_contacts_store_id_user_id_key' then
      raise;
    end if;
    -- A join or another invitation of this login wrote its card after the check above.
    perform private.reject(null, 'You are already a member contact at this store', '23505');
  end;
  update public.member_invitations i set accepted_at = now(), accepted_by = v_contact_id where i.id = v_invitation.id;

  return (
    select jsonb_build_object('member_id', m.id, 'contact_id', v_contact_id, 'store_id', s.id,
      'store_slug', s.slug, 'company_name', m.company_name)
    from public.members m join public.stores s on s.id = m.store_id
    where m.id = v_invitation.member_id);
end
$$;

/** As in 20261210000100, with the check for a contact already of the company under the lock. */
create or replace function private.invite_colleague(p_member_id uuid, p_email text)
returns public.member_invitations
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_contact public.member_contacts;
  v_email text := lower(btrim(p_email));
  v_invitation public.member_invitations;
  v_pending int;
begin
  if not exists (select 1 from public.members m
                 where m.id = p_member_id and private.can_read_company_row(m.store_id, m.id)) then
    perform private.reject('member_id', 'matches no member', 'PT404');
  end if;
  select * into v_contact from public.member_contacts c
  where c.member_id = p_member_id and c.user_id = v_user;
  if v_contact.id is null then
    perform private.reject('member_id', 'is not a company you are a contact of', '42501');
  end if;
  perform private.clean_format('email', v_email, 'email', true);

  -- One company's invitations are counted one at a time.
  perform 1 from public.members m where m.id = p_member_id for update;
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.invite_colleague(p_member_id, p_email);
  end if;
  -- Under the lock, under which accept_invitation makes contacts: an invitee who accepted while
  -- this waited is one now. Only the inviter's own company is checked: refusing an address of
  -- another company here would let any member test who buys from the store. Such an invitation
  -- is created, and the invitee is told why it cannot be accepted (already a contact at this
  -- store).
  if exists (select 1 from public.member_contacts c join auth.users u on u.id = c.user_id
             where c.member_id = p_member_id and lower(u.email) = v_email) then
    perform private.reject('email', 'already belongs to a contact of your company', '23505');
  end if;
  select count(*) into v_pending from public.member_invitations i
  where i.member_id = p_member_id and i.accepted_at is null and i.expires_at > now() and lower(i.email) <> v_email;
  if v_pending >= 100 then
    perform private.reject('email', 'cannot be invited: your company has 100 pending invitations; withdraw some first', 'P0001');
  end if;

  insert into public.member_invitations as i (member_id, store_id, email, invited_by)
  values (p_member_id, v_contact.store_id, v_email, v_contact.id)
  on conflict (member_id, lower(email)) where accepted_at is null do update
    set expires_at = now() + interval '14 days', invited_by = excluded.invited_by
  returning * into v_invitation;
  return v_invitation;
end
$$;
