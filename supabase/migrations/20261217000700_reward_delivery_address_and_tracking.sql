/**
 * A reward the store's team sends recorded no address and its marking as sent no carrier or
 * tracking number: staff asked the company's primary contact where to send it, and the buyer read
 * only "Sent on <date>". Free samples had both. Now:
 * - redeem_reward takes the ship-to address (p_ship_to) of a reward the team sends, required and
 *   checked as claim_sample's (private.parse_ship_to); a reward that gives a coupon takes none;
 * - mark_reward_sent takes an optional carrier and tracking number, the tracking number in
 *   ship_sample's format (private.clean_tracking_number, which ship_sample now shares);
 * - a delivery's address goes as a sample claim's does when the contact who redeemed leaves or is
 *   removed (private.drop_contact) and when the company is erased (private.erase_company): cleared
 *   to its country. my_data returns the deliveries whole (to_jsonb), so the address with them.
 * Deliveries redeemed before this migration keep a null address: the console says whom to ask.
 * Every other line of the functions replaced is as in the migration named above each.
 */

-- ---------------------------------------------------------------------------------------------
-- Columns
-- ---------------------------------------------------------------------------------------------

alter table public.reward_deliveries
  -- Where to send it, as redeem_reward checked it (parse_ship_to); null for redemptions made
  -- before this column, and only the country once the contact who redeemed left.
  add column ship_to jsonb check (jsonb_typeof(ship_to) = 'object'),
  add column carrier text check (length(carrier) <= 100),
  add column tracking_number text check (length(tracking_number) <= 100),
  add constraint reward_deliveries_ship_to_size check (octet_length(ship_to::text) <= 8000),
  add constraint reward_deliveries_carrier_single_line check (private.is_single_line(carrier)),
  add constraint reward_deliveries_tracking_number_format check (private.is_tracking_number(tracking_number)),
  add constraint reward_deliveries_tracking_when_sent check ((carrier is null and tracking_number is null) or sent_at is not null);

comment on column public.reward_deliveries.ship_to is
  'Ship-to address the buyer gave when redeeming (claim_sample''s fields); null before 20261217000700, the country alone once the contact who redeemed left.';

-- ---------------------------------------------------------------------------------------------
-- Shared rules
-- ---------------------------------------------------------------------------------------------

/** A tracking number argument trimmed to null when blank, refused (22023 on `tracking_number`) when not in a carrier's format. */
create function private.clean_tracking_number(p_value text)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v_tracking text := private.clean_line('tracking_number', p_value, 100);
begin
  if v_tracking is not null and not private.is_tracking_number(v_tracking) then
    perform private.reject('tracking_number', 'must be letters and digits, with spaces . _ / - between them');
  end if;
  return v_tracking;
end
$$;
revoke execute on function private.clean_tracking_number(text) from public;

/** An address with only its country kept: what stays of a ship-to once its contact left. */
create function private.ship_to_country(p_ship_to jsonb)
returns jsonb
language sql immutable
set search_path = ''
as $$ select jsonb_strip_nulls(jsonb_build_object('country', p_ship_to -> 'country')) $$;
revoke execute on function private.ship_to_country(jsonb) from public;

/** As in 20261124000200, the tracking number checked by private.clean_tracking_number. */
create or replace function private.ship_sample(p_claim_id uuid, p_tracking_number text, p_carrier text)
returns public.sample_claims
language plpgsql security definer
set search_path = ''
as $$
declare
  v_claim public.sample_claims := private.lock_sample_claim(p_claim_id, 'staff', array['approved'], 'shipped');
  v_tracking text := private.clean_tracking_number(p_tracking_number);
begin
  if v_tracking is null then
    perform private.reject('tracking_number', 'is required');
  end if;
  update public.sample_claims c
  set status = 'shipped', shipped_at = now(), tracking_number = v_tracking,
      carrier = private.clean_line('carrier', p_carrier, 100)
  where c.id = v_claim.id returning * into v_claim;
  return v_claim;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Redeeming: where to send it
-- ---------------------------------------------------------------------------------------------

drop function public.redeem_reward(uuid);
drop function private.redeem_reward(uuid);

/**
 * As in 20261210000100, with `p_ship_to`: where the team sends a reward without a coupon
 * (required, checked as claim_sample's address, after the reward is known to be the caller's to
 * redeem: a hidden reward answers as a missing one), kept on its delivery; a reward that gives a
 * coupon is sent nowhere and takes none. Errors as before, and 22023 on `ship_to` or
 * `ship_to.<field>`.
 */
create function private.redeem_reward(p_reward_id uuid, p_ship_to jsonb)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_reward public.rewards;
  v_contact public.member_contacts;
  v_member_coupon uuid;
  v_ship_to jsonb;
  v_entry bigint;
begin
  -- Held until the redemption commits: a reward's coupon changed meanwhile by staff would leave
  -- the company with neither its coupon nor a delivery (or with both), or a delivery with no address.
  select * into v_reward from public.rewards r where r.id = p_reward_id for share;
  if v_reward.id is null or not private.can_read_reward(v_reward) then
    perform private.reject('reward_id', 'matches no active reward', 'PT404');
  end if;
  v_contact := private.my_contact_at(v_reward.store_id);
  if not v_reward.active then
    perform private.reject('reward_id', 'matches no active reward', 'PT404');
  end if;
  if v_reward.coupon_id is null then
    if p_ship_to is null or p_ship_to = 'null'::jsonb then
      perform private.reject('ship_to', 'is required: the store sends this reward');
    end if;
    v_ship_to := private.parse_ship_to(p_ship_to);
  elsif p_ship_to is not null and p_ship_to <> 'null'::jsonb then
    perform private.reject('ship_to', 'is not taken: this reward is a coupon, sent to no address');
  end if;
  perform private.lock_member(v_contact.member_id);
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.redeem_reward(p_reward_id, p_ship_to);
  end if;
  perform private.lock_and_check_points(v_contact.member_id, v_reward.points_cost);
  if v_reward.coupon_id is not null then
    v_member_coupon := private.issue_coupon(v_contact.member_id, v_reward.coupon_id, 'reward', v_contact.user_id);
  end if;
  v_entry := private.debit_points(v_contact.member_id, v_reward.points_cost, 'redemption',
    p_reward_id => v_reward.id, p_created_by => v_contact.user_id, p_note => private.reward_note(v_reward));
  -- The delivery was written by the ledger's trigger (private.reward_delivery_for_redemption).
  update public.reward_deliveries d set ship_to = v_ship_to where d.points_entry_id = v_entry and v_ship_to is not null;
  return jsonb_build_object(
    'points_spent', v_reward.points_cost,
    'points_balance', (select m.points_balance from public.members m where m.id = v_contact.member_id),
    'member_coupon_id', v_member_coupon);
end
$$;
revoke execute on function private.redeem_reward(uuid, jsonb) from public;
grant execute on function private.redeem_reward(uuid, jsonb) to authenticated;

create function public.redeem_reward(p_reward_id uuid, p_ship_to jsonb default null)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.redeem_reward(p_reward_id, p_ship_to) $$;
revoke execute on function public.redeem_reward(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.redeem_reward(uuid, jsonb) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Marking sent: carrier and tracking number
-- ---------------------------------------------------------------------------------------------

drop function public.mark_reward_sent(bigint, text);
drop function private.mark_reward_sent(bigint, text);

/**
 * As in 20261205000200, with an optional carrier (one line, at most 100 characters) and tracking
 * number (ship_sample's format). Errors as before, and 22023 on `carrier` or `tracking_number`.
 */
create function private.mark_reward_sent(p_points_entry_id bigint, p_note text, p_carrier text, p_tracking_number text)
returns public.reward_deliveries
language plpgsql security definer
set search_path = ''
as $$
declare
  v_delivery public.reward_deliveries;
  v_user uuid;
begin
  select * into v_delivery from public.reward_deliveries d
  where d.points_entry_id = p_points_entry_id and private.can_read_company_row(d.store_id, d.member_id)
  for update;
  if v_delivery.points_entry_id is null then
    perform private.reject('points_entry_id', 'matches no reward to send', 'PT404');
  end if;
  v_user := private.require_staff_of(v_delivery.store_id);
  if v_delivery.sent_at is not null then
    perform private.reject('delivery', format('was already marked sent at %s', v_delivery.sent_at), 'P0001');
  end if;

  update public.reward_deliveries d
  set sent_at = now(), sent_by = v_user, sent_note = private.clean_line('note', p_note, 200),
      carrier = private.clean_line('carrier', p_carrier, 100), tracking_number = private.clean_tracking_number(p_tracking_number)
  where d.points_entry_id = v_delivery.points_entry_id
  returning * into v_delivery;
  return v_delivery;
end
$$;
revoke execute on function private.mark_reward_sent(bigint, text, text, text) from public;
grant execute on function private.mark_reward_sent(bigint, text, text, text) to authenticated;

create function public.mark_reward_sent(p_points_entry_id bigint, p_note text default null, p_carrier text default null, p_tracking_number text default null)
returns public.reward_deliveries
language sql security invoker
set search_path = ''
as $$ select private.mark_reward_sent(p_points_entry_id, p_note, p_carrier, p_tracking_number) $$;
revoke execute on function public.mark_reward_sent(bigint, text, text, text) from public, anon, authenticated;
grant execute on function public.mark_reward_sent(bigint, text, text, text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Addresses leave with their contact
-- ---------------------------------------------------------------------------------------------

/**
 * As in 20261209001000, with the addresses of the rewards the contact redeemed cleared to the
 * country as their sample claims' are (the delivery stays owed: its points were spent).
 */
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
  set ship_to = private.ship_to_country(d.ship_to)
  from public.points_ledger l, public.member_contacts c
  where c.id = p_contact_id and l.id = d.points_entry_id and l.created_by = c.user_id
    and d.member_id = c.member_id and d.ship_to is not null;
  delete from public.member_invitations i where i.invited_by = p_contact_id or i.accepted_by = p_contact_id;
  delete from public.member_contacts c where c.id = p_contact_id returning c.member_id into v_member_id;
  return not exists (select 1 from public.member_contacts c where c.member_id = v_member_id);
end
$$;

/** As in 20261210000600, with every reward delivery's address cleared to the country as the claims' are. */
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
  update public.reward_deliveries d set ship_to = private.ship_to_country(d.ship_to)
  where d.member_id = p_member_id and d.ship_to is not null;
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
