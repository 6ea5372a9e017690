/**
 * Staff act on a member company's contacts. When a buyer's employee left that company the
 * merchant could not take them off it, and when the primary contact left the store the company
 * kept colleagues and no primary, with no way to name one.
 *
 * - remove_member_contact: staff take a contact off the company, with the effects leave_store has
 *   for a leaver who is not the last (their card goes, their claims' addresses and staff's
 *   rejection reasons are cleared, open claims cancelled, their invitations deleted); refused for
 *   the company's only contact, since the company would have nobody: that buyer leaves the store
 *   themselves, which also anonymises the company. The login stays (it may be a member of other
 *   stores).
 * - make_primary_contact: staff make a contact the primary one; the former primary becomes a
 *   colleague, in the same transaction.
 * - private.drop_contact is what leaving and removal share; when the contact taken away was the
 *   primary, the longest-standing contact left becomes primary. private.leave_store (as in
 *   20261208000100) is re-created to call it instead of its own copy of those statements, so a
 *   primary who leaves hands over to the longest-standing colleague.
 * - member_contacts_one_primary: one primary per company, as a unique index (nothing guaranteed it
 *   before); companies whose primary left before this migration get their longest-standing
 *   contact as primary first.
 *
 * Both RPCs are gated as set_tier_override and adjust_points are (lock_member_for_staff: any staff
 * of the member's store; the company's own contacts 42501; anyone else as for a missing company).
 * Nothing records them: the project keeps no log of staff actions on a member beyond tier
 * history and the ledgers, which neither changes.
 *
 * Every other line of leave_store is as in the migration named, but for reading the caller's card
 * again once the company is locked (staff may have removed it meanwhile); create or replace keeps
 * its grants.
 */

update public.member_contacts c set role = 'primary'
where c.id in (
  select distinct on (n.member_id) n.id from public.member_contacts n
  where not exists (select 1 from public.member_contacts p where p.member_id = n.member_id and p.role = 'primary')
  order by n.member_id, n.created_at, n.id);

-- Also serves the look-up of a company's primary.
create unique index member_contacts_one_primary on public.member_contacts (member_id) where role = 'primary';

/**
 * The contact `p_contact_id` stops being one of their company's: their card is deleted; their
 * orders, claims, inquiries and reviews stay with the company without them; the addresses on
 * their sample claims are cleared to the country with staff's rejection reason (free text that may
 * name the buyer or their address), and a claim still open is cancelled, as cancel_sample does,
 * or staff could approve and ship it to a country alone; invitations they sent or accepted, which
 * hold e-mail addresses, are deleted. When they were the primary, the longest-standing contact
 * left becomes primary. The caller holds the company's row lock. Returns whether the company has
 * no contact left.
 */
create function private.drop_contact(p_contact_id uuid)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  v_member_id uuid;
  v_role text;
begin
  -- contact_id is cleared here, not by the card's delete below, since a rejected claim may go
  -- without a reason only once it has no contact.
  update public.sample_claims s
  set ship_to = jsonb_strip_nulls(jsonb_build_object('country', s.ship_to -> 'country')), rejection_reason = null, contact_id = null,
      status = case when s.status in ('requested', 'approved') then 'cancelled' else s.status end,
      decided_at = case when s.status in ('requested', 'approved') then now() else s.decided_at end
  where s.contact_id = p_contact_id;
  delete from public.member_invitations i where i.invited_by = p_contact_id or i.accepted_by = p_contact_id;
  -- The role as deleted, not as the caller read it before taking the lock: staff may have moved
  -- the primary meanwhile.
  delete from public.member_contacts c where c.id = p_contact_id returning c.member_id, c.role into v_member_id, v_role;

  if v_role = 'primary' then
    update public.member_contacts c set role = 'primary'
    where c.id = (select n.id from public.member_contacts n where n.member_id = v_member_id order by n.created_at, n.id limit 1);
  end if;
  return not exists (select 1 from public.member_contacts c where c.member_id = v_member_id);
end
$$;
-- Called only by the security-definer functions below, as their owner.
revoke execute on function private.drop_contact(uuid) from public;

/**
 * The contact `p_contact_id` of the company `p_member_id`, which the caller has already been let
 * at; PT404 for any other id, another company's contact alike.
 */
create function private.contact_of_member(p_member_id uuid, p_contact_id uuid)
returns public.member_contacts
language plpgsql stable
set search_path = ''
as $$
declare
  v_contact public.member_contacts;
begin
  select * into v_contact from public.member_contacts c where c.id = p_contact_id and c.member_id = p_member_id;
  if v_contact.id is null then
    perform private.reject('contact_id', 'matches no contact of this company', 'PT404');
  end if;
  return v_contact;
end
$$;
-- Called only by the security-definer functions below, as their owner.
revoke execute on function private.contact_of_member(uuid, uuid) from public;

/**
 * Staff take a contact who left the member company off it, as leave_store does for a leaver who is
 * not the last (private.drop_contact); a primary's place goes to the longest-standing contact
 * left. `p_confirm` must be true (the console asks first). Returns the company's primary contact
 * as it now is. The login is untouched.
 * Errors: PT404 unknown company, or one the caller cannot read, or a contact not of that company;
 * 42501 the caller reads it as its contact, not as staff; 22023 confirm; P0001 the company's only
 * contact.
 */
create function private.remove_member_contact(p_member_id uuid, p_contact_id uuid, p_confirm boolean)
returns public.member_contacts
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_contact public.member_contacts := private.contact_of_member(v_member.id, p_contact_id);
begin
  if p_confirm is not true then
    perform private.reject('confirm', 'must be true: removing a contact deletes their card at this store and cannot be undone');
  end if;
  if not exists (select 1 from public.member_contacts c where c.member_id = v_member.id and c.id <> v_contact.id) then
    perform private.reject('contact_id',
      'is the company''s only contact: removed, the company would have nobody. A buyer leaves the store themselves, from their membership page', 'P0001');
  end if;
  perform private.drop_contact(v_contact.id);
  return (select c from public.member_contacts c where c.member_id = v_member.id and c.role = 'primary');
end
$$;
revoke execute on function private.remove_member_contact(uuid, uuid, boolean) from public;
grant execute on function private.remove_member_contact(uuid, uuid, boolean) to authenticated;

create function public.remove_member_contact(p_member_id uuid, p_contact_id uuid, p_confirm boolean default false)
returns public.member_contacts
language sql security invoker
set search_path = ''
as $$ select private.remove_member_contact(p_member_id, p_contact_id, p_confirm) $$;
revoke execute on function public.remove_member_contact(uuid, uuid, boolean) from public, anon, authenticated;
grant execute on function public.remove_member_contact(uuid, uuid, boolean) to authenticated;

/**
 * Staff make a contact the member company's primary one; the former primary becomes a colleague.
 * Returns the contact as it now is; the primary already changes nothing.
 * Errors: PT404 unknown company, or one the caller cannot read, or a contact not of that company;
 * 42501 the caller reads it as its contact, not as staff.
 */
create function private.make_primary_contact(p_member_id uuid, p_contact_id uuid)
returns public.member_contacts
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_contact public.member_contacts := private.contact_of_member(v_member.id, p_contact_id);
begin
  if v_contact.role = 'primary' then
    return v_contact;
  end if;
  -- The former primary first: the unique index is checked row by row, so one statement swapping
  -- both could meet two primaries on the way.
  update public.member_contacts c set role = 'colleague' where c.member_id = v_member.id and c.role = 'primary';
  update public.member_contacts c set role = 'primary' where c.id = v_contact.id returning * into v_contact;
  return v_contact;
end
$$;
revoke execute on function private.make_primary_contact(uuid, uuid) from public;
grant execute on function private.make_primary_contact(uuid, uuid) to authenticated;

create function public.make_primary_contact(p_member_id uuid, p_contact_id uuid)
returns public.member_contacts
language sql security invoker
set search_path = ''
as $$ select private.make_primary_contact(p_member_id, p_contact_id) $$;
revoke execute on function public.make_primary_contact(uuid, uuid) from public, anon, authenticated;
grant execute on function public.make_primary_contact(uuid, uuid) to authenticated;

/**
 * The caller leaves the store: their card is deleted; what they wrote or received keeps its
 * business facts without them (orders, claims, inquiries and reviews lose the contact; the
 * addresses on their sample claims are cleared to the country; invitations they sent or
 * accepted, which hold e-mail addresses, are deleted: private.drop_contact). A primary who leaves
 * hands over to the longest-standing colleague. When they were the company's last
 * contact, the company's personal data goes too: its card (name replaced, country, website,
 * industry cleared), override reason (on the company and in its tier history), invitations,
 * inquiries and reviews; its sample claims stay as the merchant's record of what went out
 * (addresses cleared to the country, open ones cancelled), and its orders, ledgers, coupons and tier history, with amounts and
 * dates only, for the merchant's statistics; `left_at` records when it left. `p_confirm` must be true (the portal asks first).
 * Returns {"left": true, "company_removed": bool}.
 * Errors: PT404 store not found; 42501 not signed in or not a member; 22023 confirm.
 */
create or replace function private.leave_store(p_store_slug text, p_confirm boolean)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_last boolean;
begin
  if p_confirm is not true then
    perform private.reject('confirm', 'must be true: leaving deletes your card and cannot be undone');
  end if;
  -- Colleagues leaving together are taken one at a time, so exactly one of them is the last.
  perform 1 from public.members m where m.id = v_contact.member_id for update;
  -- Read again under the lock: staff may have removed the caller meanwhile (remove_member_contact).
  v_contact := private.my_contact_at(v_store.id);

  v_last := private.drop_contact(v_contact.id);
  if v_last then
    delete from public.member_invitations i where i.member_id = v_contact.member_id;
    -- The claims stay: the merchant's record of samples sent, and (by claimed_by) what each login
    -- has claimed. Every address and rejection reason is cleared, also of a card that went
    -- without leaving (a deleted login); an open claim is cancelled, as cancel_sample does, with
    -- nobody left to ship to.
    update public.sample_claims s
    set ship_to = jsonb_strip_nulls(jsonb_build_object('country', s.ship_to -> 'country')), rejection_reason = null,
        status = case when s.status in ('requested', 'approved') then 'cancelled' else s.status end,
        decided_at = case when s.status in ('requested', 'approved') then now() else s.decided_at end
    where s.member_id = v_contact.member_id;
    delete from public.inquiries q where q.member_id = v_contact.member_id;
    delete from public.order_reviews r where r.member_id = v_contact.member_id;
    update public.members m
    set company_name = 'Former member', country = null, website = null, industry = null, tier_override_reason = null,
      left_at = now()
    where m.id = v_contact.member_id;
    update public.tier_changes h set note = null where h.member_id = v_contact.member_id and h.note is not null;
  end if;
  return jsonb_build_object('left', true, 'company_removed', v_last);
end
$$;
