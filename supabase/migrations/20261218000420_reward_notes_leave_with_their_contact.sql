/**
 * A reward delivery's note (reward_deliveries.sent_note, the staff's free text on how it went) goes
 * where a sample claim's staff text (rejection_reason) goes: cleared when the contact who redeemed
 * leaves or is removed (private.drop_contact) and when the company is erased
 * (private.erase_company). Both kept it while clearing the address: a reward handed over by e-mail
 * invites "e-mailed the file to ana@…", personal data the erasure must not leave behind. When it
 * was sent, by whom, the carrier and tracking number stay, as a claim's do.
 *
 * Both functions re-created from 20261217000700 with only that change; create or replace keeps
 * their owners and grants.
 */

/** As in 20261217000700, the notes of the rewards the contact redeemed cleared with their addresses. */
create or replace function private.drop_contact(p_contact_id uuid)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  v_member_id uuid;
begin
  -- contact_id is cleared here, not by the card's delete below, since a rejected claim may go
  -- without a reason only once it has no contact.
  update public.sample_claims s
  set ship_to = private.ship_to_country(s.ship_to), rejection_reason = null, contact_id = null,
      status = case when s.status in ('requested', 'approved') then 'cancelled' else s.status end,
      decided_at = case when s.status in ('requested', 'approved') then now() else s.decided_at end
  where s.contact_id = p_contact_id;
  -- A delivery names who redeemed by its ledger entry's author, the contact's login.
  update public.reward_deliveries d
  -- None stays none: ship_to_country(null) is {}, which a handed-over delivery may not hold.
  set ship_to = case when d.ship_to is not null then private.ship_to_country(d.ship_to) end, sent_note = null
  from public.points_ledger l, public.member_contacts c
  where c.id = p_contact_id and l.id = d.points_entry_id and l.created_by = c.user_id
    and d.member_id = c.member_id and (d.ship_to is not null or d.sent_note is not null);
  delete from public.member_invitations i where i.invited_by = p_contact_id or i.accepted_by = p_contact_id;
  delete from public.member_contacts c where c.id = p_contact_id returning c.member_id into v_member_id;
  return not exists (select 1 from public.member_contacts c where c.member_id = v_member_id);
end
$$;

/** As in 20261217000700, with every reward delivery's note cleared with its address. */
create or replace function private.erase_company(p_member_id uuid, p_erased_by uuid)
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
  set ship_to = private.ship_to_country(s.ship_to), rejection_reason = null,
      status = case when s.status in ('requested', 'approved') then 'cancelled' else s.status end,
      decided_at = case when s.status in ('requested', 'approved') then now() else s.decided_at end
  where s.member_id = p_member_id;
  -- The deliveries stay as the claims do, their staff's note going as a claim's rejection reason
  -- (no address stays none, as in drop_contact).
  update public.reward_deliveries d
  set ship_to = case when d.ship_to is not null then private.ship_to_country(d.ship_to) end, sent_note = null
  where d.member_id = p_member_id and (d.ship_to is not null or d.sent_note is not null);
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
