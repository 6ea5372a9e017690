/**
 * Every reward without a coupon was shipped: redeeming it asked the buyer for an address, and
 * marking it sent took a carrier and tracking number. A merchant also gives rewards nobody ships:
 * a service or something handed over in person or by e-mail (a free consultation, a design file,
 * an extended warranty). Now:
 * - a reward says how the team delivers it (rewards.delivery): 'shipped', as every reward was
 *   (the default, so existing rewards keep asking for an address), or 'handed_over';
 * - a redemption keeps the way of its reward then (reward_deliveries.delivery, written by the
 *   ledger's trigger under the reward's share lock): a reward switched later leaves the
 *   deliveries owed as they were redeemed, a shipped one with its address;
 * - redeem_reward refuses an address for a handed-over reward, and requires none;
 * - mark_reward_sent refuses a carrier or tracking number for a handed-over delivery (the note,
 *   "e-mailed the design file", stays).
 * Every other line of the functions replaced is as in the migration named above each.
 */

-- ---------------------------------------------------------------------------------------------
-- Columns
-- ---------------------------------------------------------------------------------------------

alter table public.rewards
  -- How the team delivers a reward without a coupon; a reward with one issues its coupon, whatever this says.
  add column delivery text not null default 'shipped'
    constraint rewards_delivery_is_known check (delivery in ('shipped', 'handed_over'));

comment on column public.rewards.delivery is
  'How the store''s team delivers a reward without a coupon: shipped (the buyer gives an address) or handed_over (in person or by e-mail, no address).';

-- Staff choose it in the reward editor, as the reward's other columns.
grant update (delivery) on table public.rewards to authenticated;

alter table public.reward_deliveries
  add column delivery text not null default 'shipped'
    constraint reward_deliveries_delivery_is_known check (delivery in ('shipped', 'handed_over')),
  add constraint reward_deliveries_handed_over_unshipped
    check (delivery = 'shipped' or (ship_to is null and carrier is null and tracking_number is null));

comment on column public.reward_deliveries.delivery is
  'The reward''s delivery when it was redeemed: shipped (to ship_to, with a carrier and tracking number) or handed_over (none of them).';

-- ---------------------------------------------------------------------------------------------
-- The delivery a redemption owes
-- ---------------------------------------------------------------------------------------------

/** As in 20261205000200, with the reward's way of delivery. */
create or replace function private.reward_delivery_for_redemption()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.reward_deliveries (points_entry_id, store_id, member_id, reward_id, requested_at, delivery)
  select new.id, new.store_id, new.member_id, r.id, new.created_at, r.delivery
  from public.rewards r
  where r.id = new.reward_id and r.coupon_id is null;
  return null;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Redeeming: an address only for what is shipped
-- ---------------------------------------------------------------------------------------------

/**
 * As in 20261217000700, with a handed-over reward taking no address (22023 on `ship_to`), as a
 * coupon's. The reward's share lock keeps its delivery as checked here until the trigger copies it.
 */
create or replace function private.redeem_reward(p_reward_id uuid, p_ship_to jsonb)
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
  v_has_address boolean := p_ship_to is not null and p_ship_to <> 'null'::jsonb;
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
  if v_reward.coupon_id is not null then
    if v_has_address then
      perform private.reject('ship_to', 'is not taken: this reward is a coupon, sent to no address');
    end if;
  elsif v_reward.delivery = 'handed_over' then
    if v_has_address then
      perform private.reject('ship_to', 'is not taken: this reward is handed over, sent to no address');
    end if;
  elsif not v_has_address then
    perform private.reject('ship_to', 'is required: the store sends this reward');
  else
    v_ship_to := private.parse_ship_to(p_ship_to);
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

-- ---------------------------------------------------------------------------------------------
-- Marking it handed over
-- ---------------------------------------------------------------------------------------------

/**
 * As in 20261217000700, the note checked first as before, and a handed-over delivery refusing a
 * carrier or tracking number (22023 on the field) for being given at all, before any check of its
 * form (blank is none, as the cleaning takes it): nothing was shipped. Its note says how it went,
 * as a shipped one's.
 */
create or replace function private.mark_reward_sent(p_points_entry_id bigint, p_note text, p_carrier text, p_tracking_number text)
returns public.reward_deliveries
language plpgsql security definer
set search_path = ''
as $$
declare
  v_delivery public.reward_deliveries;
  v_user uuid;
  v_note text;
  v_carrier text;
  v_tracking text;
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
  v_note := private.clean_line('note', p_note, 200);
  if v_delivery.delivery = 'handed_over' then
    if nullif(btrim(p_carrier), '') is not null then
      perform private.reject('carrier', 'is not taken: this reward is handed over, not shipped');
    end if;
    if nullif(btrim(p_tracking_number), '') is not null then
      perform private.reject('tracking_number', 'is not taken: this reward is handed over, not shipped');
    end if;
  else
    v_carrier := private.clean_line('carrier', p_carrier, 100);
    v_tracking := private.clean_tracking_number(p_tracking_number);
  end if;

  update public.reward_deliveries d
  set sent_at = now(), sent_by = v_user, sent_note = v_note, carrier = v_carrier, tracking_number = v_tracking
  where d.points_entry_id = v_delivery.points_entry_id
  returning * into v_delivery;
  return v_delivery;
end
$$;
