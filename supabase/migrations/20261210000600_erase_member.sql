/**
 * An owner erases a member company at its buyer's request. A merchant who receives an erasure
 * request by e-mail or phone (GDPR art. 17, PIPL art. 47) had no way to act on it: staff may take
 * a contact off a company (remove_member_contact) but not its last one, and only the buyer's own
 * last contact leaving (leave_store) anonymised the company.
 *
 * - private.erase_company: what happens to a company once it has no contact left, moved here out
 *   of private.leave_store (as in 20261209000700, its latest definition) unchanged, so that both
 *   ways out erase exactly the same: its invitations, inquiries and reviews deleted, its sample
 *   claims kept with the country only (open ones cancelled), its card anonymised with left_at set,
 *   override reasons cleared; orders, ledgers, coupons and tier history kept for statistics.
 * - private.leave_store is re-created calling it; every other line is as in 20261209000700, and
 *   create or replace keeps its grants.
 * - erase_member: owners only (erasing cannot be undone; plain staff ask an owner), confirmed like
 *   leave_store. Each contact goes as private.drop_contact takes a leaver, then the company as
 *   erase_company does. The company's row is locked first, as leave_store and
 *   remove_member_contact lock it, so a member's request waiting on it meanwhile is answered as
 *   one sent after the erasure (20261210000100).
 * - members.erased_by: which owner erased it; left_at says when. Neither names the buyer: the
 *   record that the request was carried out outlives the data it was about. A company whose last
 *   contact left has left_at alone.
 */

alter table public.members
  add column erased_by uuid,
  add constraint members_erased_has_left check (erased_by is null or left_at is not null);
comment on column public.members.erased_by is
  'The owner login that erased the company at its buyer''s request (erase_member), when left_at; null when its last contact left, or while it is a member.';
comment on column public.members.left_at is
  'When the company''s last contact left the store (leave_store), or an owner erased it (erase_member, with erased_by); null while it is a member. Its row stays, anonymised, for the merchant''s statistics.';

/**
 * The company `p_member_id`, which has no contact left, loses its personal data: its card (name
 * replaced, country, website, industry and override reason cleared, and the override reasons in
 * its tier history), invitations, inquiries and reviews; its sample claims stay as the merchant's
 * record of what went out (addresses cleared to the country, open ones cancelled); orders,
 * ledgers, coupons and tier history stay, with amounts and dates only. `left_at` is set to now,
 * `erased_by` to `p_erased_by` (null when its last contact left). The caller holds the company's
 * row lock.
 */
create function private.erase_company(p_member_id uuid, p_erased_by uuid)
returns public.members
language plpgsql
set search_path = ''
as $$
declare
  v_member public.members;
begin
  delete from public.member_invitations i where i.member_id = p_member_id;
  -- The claims stay: the merchant's record of samples sent, and (by claimed_by) what each login
  -- has claimed. Every address and rejection reason is cleared, also of a card that went
  -- without leaving (a deleted login); an open claim is cancelled, as cancel_sample does, with
  -- nobody left to ship to.
  update public.sample_claims s
  set ship_to = jsonb_strip_nulls(jsonb_build_object('country', s.ship_to -> 'country')), rejection_reason = null,
      status = case when s.status in ('requested', 'approved') then 'cancelled' else s.status end,
      decided_at = case when s.status in ('requested', 'approved') then now() else s.decided_at end
  where s.member_id = p_member_id;
  delete from public.inquiries q where q.member_id = p_member_id;
  delete from public.order_reviews r where r.member_id = p_member_id;
  update public.members m
  set company_name = 'Former member', country = null, website = null, industry = null, tier_override_reason = null,
    left_at = now(), erased_by = p_erased_by
  where m.id = p_member_id
  returning * into v_member;
  update public.tier_changes h set note = null where h.member_id = p_member_id and h.note is not null;
  return v_member;
end
$$;
-- Called only by the security-definer functions below, as their owner.
revoke execute on function private.erase_company(uuid, uuid) from public;

/**
 * As in 20261209000700, the company's erasure when the last contact leaves in
 * private.erase_company, which erase_member shares.
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
    perform private.erase_company(v_contact.member_id, null);
  end if;
  return jsonb_build_object('left', true, 'company_removed', v_last);
end
$$;

/**
 * An owner erases the member company `p_member_id` at its buyer's request: every contact goes as
 * a leaver does (private.drop_contact), then the company as when its last contact leaves
 * (private.erase_company), recording the owner in `erased_by`. `p_confirm` must be true (the
 * console asks first). Returns the company's row as it now is. The logins are untouched.
 * Errors: PT404 unknown company, or one the caller cannot read; 42501 the caller reads it as its
 * contact, not as staff, or is staff but not an owner; 22023 confirm; P0001 the company already
 * left or was erased.
 */
create function private.erase_member(p_member_id uuid, p_confirm boolean)
returns public.members
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_user uuid := private.require_owner_of(v_member.store_id);
  v_contact uuid;
begin
  if p_confirm is not true then
    perform private.reject('confirm', 'must be true: erasing a company deletes its contacts and personal data and cannot be undone');
  end if;
  if v_member.erased_by is not null then
    perform private.reject('member_id', format('was already erased on %s: nothing is left to erase',
      to_char(v_member.left_at at time zone 'UTC', 'YYYY-MM-DD')), 'P0001');
  end if;
  if v_member.left_at is not null then
    perform private.reject('member_id', format('left the store on %s, and its personal data with its last contact: nothing is left to erase',
      to_char(v_member.left_at at time zone 'UTC', 'YYYY-MM-DD')), 'P0001');
  end if;

  -- The primary last: with colleagues taken first no hand-over runs for a card about to go.
  for v_contact in
    select c.id from public.member_contacts c where c.member_id = v_member.id order by c.role = 'primary', c.created_at, c.id
  loop
    perform private.drop_contact(v_contact);
  end loop;
  return private.erase_company(v_member.id, v_user);
end
$$;
revoke execute on function private.erase_member(uuid, boolean) from public;
grant execute on function private.erase_member(uuid, boolean) to authenticated;

create function public.erase_member(p_member_id uuid, p_confirm boolean default false)
returns public.members
language sql security invoker
set search_path = ''
as $$ select private.erase_member(p_member_id, p_confirm) $$;
revoke execute on function public.erase_member(uuid, boolean) from public, anon, authenticated;
grant execute on function public.erase_member(uuid, boolean) to authenticated;
