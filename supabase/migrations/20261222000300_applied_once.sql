/**
 * A retried action that adds to a total is applied once. When an adjust_points, credit_rebate,
 * apply_rebate, correct_rebate_credit, give_coupon, redeem_reward, claim_coupon, claim_sample or
 * record_campaign committed but its answer was lost (a network drop, a timeout), the console and
 * My membership said the service could not be reached, and the same Save or Yes sent it again:
 * points credited or spent twice, a rebate credited, deducted or taken back twice, a second coupon
 * or sample claim, a campaign logged twice (a coupon's limit, a credit's rest and the sample quota
 * bound those only when reached).
 *
 * Each now takes an optional `p_request_id uuid`, a key the client chooses for one action and
 * sends again with its retries. It is kept on what the action wrote (the ledger row, the coupon
 * copy, the sample claim, the campaign), unique per company (per store for a campaign). A call
 * whose key is already there writes nothing and answers as the first did: the balance as it now
 * is, the coupon copy, the claim or the campaign, a redemption's points, balance and coupon. The
 * key is looked up once the caller is known to act on that company or store (so another store's
 * staff learn nothing of it), and before any other check: a repeat of a debit the balance no
 * longer covers, or of a claim the limit or quota now refuses, still answers done. A
 * key that holds a different action (other points, amount, note, order, credit, coupon, reward,
 * product, quantity, address, segment, channel, subject, time or count, or another kind of action
 * of the company) is refused, `22023 request_id was already used for a different request: make a
 * new key for a new one`, and writes nothing. Without a key, as before.
 *
 * The two sends of one key at once: the staff and member actions wait on the company's row lock,
 * so the second finds the first's row; record_campaign, which locks no company, meets the first's
 * key in the unique index and is answered as the same request sent after.
 *
 * Protected already, and left as they are: record_coupon_use (a copy is used once: a repeat is
 * refused, `P0001 member_coupon was already used on order SHOP-1`), take_back_coupon (once),
 * import_orders (by order reference).
 *
 * credit_points, debit_points and issue_coupon gain the key they write; every other line of the
 * re-created functions is as in the migration named above each, but for where the company's row is
 * locked: redeem_reward, claim_coupon and correct_rebate_credit lock it before checking their other
 * arguments, so that a repeat finds the first's rows before any check could refuse it.
 */

-- ---------------------------------------------------------------------------------------------
-- The keys
-- ---------------------------------------------------------------------------------------------

alter table public.points_ledger add column request_id uuid;
alter table public.rebate_ledger add column request_id uuid;
alter table public.member_coupons add column request_id uuid;
alter table public.sample_claims add column request_id uuid;
alter table public.campaigns add column request_id uuid;

comment on column public.points_ledger.request_id is
  'The client''s key for the adjust_points or redeem_reward that wrote the row: a repeat with it writes nothing.';
comment on column public.rebate_ledger.request_id is
  'The client''s key for the credit_rebate, apply_rebate or correct_rebate_credit that wrote the row: a repeat with it writes nothing.';
comment on column public.member_coupons.request_id is
  'The client''s key for the give_coupon, claim_coupon or redeem_reward that issued the copy: a repeat with it writes nothing.';
comment on column public.sample_claims.request_id is
  'The client''s key for the claim_sample that made the claim: a repeat with it writes nothing.';
comment on column public.campaigns.request_id is
  'The client''s key for the record_campaign that logged the send: a repeat with it writes nothing.';

create unique index points_ledger_request_idx on public.points_ledger (member_id, request_id) where request_id is not null;
create unique index rebate_ledger_request_idx on public.rebate_ledger (member_id, request_id) where request_id is not null;
create unique index member_coupons_request_idx on public.member_coupons (member_id, request_id) where request_id is not null;
create unique index sample_claims_request_idx on public.sample_claims (member_id, request_id) where request_id is not null;
create unique index campaigns_request_idx on public.campaigns (store_id, request_id) where request_id is not null;

/** The refusal of a key that holds another action than the one sent with it. */
create function private.reject_reused_request()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform private.reject('request_id', 'was already used for a different request: make a new key for a new one');
end
$$;
revoke execute on function private.reject_reused_request() from public;

/**
 * Refuses a key that another kind of the company's actions holds: called where the action's own
 * kind of row has no such key, so a key is one action whatever the function it is sent to.
 */
create function private.refuse_key_held(p_member_id uuid, p_request_id uuid)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if exists (select 1 from public.points_ledger l where l.member_id = p_member_id and l.request_id = p_request_id)
    or exists (select 1 from public.rebate_ledger r where r.member_id = p_member_id and r.request_id = p_request_id)
    or exists (select 1 from public.member_coupons mc where mc.member_id = p_member_id and mc.request_id = p_request_id)
    or exists (select 1 from public.sample_claims sc where sc.member_id = p_member_id and sc.request_id = p_request_id) then
    perform private.reject_reused_request();
  end if;
end
$$;
revoke execute on function private.refuse_key_held(uuid, uuid) from public;

-- ---------------------------------------------------------------------------------------------
-- The writers, with the key
-- ---------------------------------------------------------------------------------------------

drop function private.credit_points(uuid, bigint, text, timestamptz, uuid, uuid, text);
/** As in 20261124000300, writing `p_request_id`. */
create function private.credit_points(
  p_member_id uuid, p_points bigint, p_reason text, p_earned_at timestamptz default now(),
  p_order_id uuid default null, p_created_by uuid default null, p_note text default null, p_request_id uuid default null)
returns bigint
language sql
set search_path = ''
as $$
  insert into public.points_ledger (store_id, member_id, delta, reason, order_id, earned_at, expires_at, remaining, created_by, note, request_id)
  select m.store_id, m.id, p_points, p_reason, p_order_id, p_earned_at,
    p_earned_at + make_interval(days => s.points_expiry_days), p_points, p_created_by, p_note, p_request_id
  from public.members m join public.stores s on s.id = m.store_id
  where m.id = p_member_id
  on conflict do nothing
  returning id
$$;
revoke execute on function private.credit_points(uuid, bigint, text, timestamptz, uuid, uuid, text, uuid) from public;

drop function private.debit_points(uuid, bigint, text, uuid, uuid, uuid, text, bigint);
/** As in 20261209000400, writing `p_request_id`. */
create function private.debit_points(
  p_member_id uuid, p_points bigint, p_reason text, p_reward_id uuid default null, p_order_id uuid default null,
  p_created_by uuid default null, p_note text default null, p_shortfall bigint default null, p_request_id uuid default null)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  v_id bigint;
begin
  with open_credits as (
    select l.id, l.remaining,
      coalesce(sum(l.remaining) over (
        order by coalesce(l.order_id = p_order_id and l.reason <> 'review', false) desc, l.expires_at, l.id
        rows between unbounded preceding and 1 preceding), 0) as taken_before
    from public.points_ledger l
    where l.member_id = p_member_id and l.remaining > 0 and l.expires_at > now()
  )
  update public.points_ledger l set remaining = l.remaining - least(o.remaining, p_points - o.taken_before)
  from open_credits o
  where l.id = o.id and o.taken_before < p_points;

  insert into public.points_ledger (store_id, member_id, delta, reason, reward_id, order_id, created_by, note, shortfall, request_id)
  select m.store_id, m.id, -p_points, p_reason, p_reward_id, p_order_id, p_created_by, p_note, p_shortfall, p_request_id
  from public.members m where m.id = p_member_id
  returning id into v_id;
  return v_id;
end
$$;
revoke execute on function private.debit_points(uuid, bigint, text, uuid, uuid, uuid, text, bigint, uuid) from public;

drop function private.issue_coupon(uuid, uuid, text, uuid);
/** As in 20261208000100, writing `p_request_id`. */
create function private.issue_coupon(p_member_id uuid, p_coupon_id uuid, p_source text, p_claimed_by uuid, p_request_id uuid default null)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  v_coupon public.coupons;
  v_held int;
  v_id uuid;
begin
  select * into v_coupon from public.coupons c
  where c.id = p_coupon_id and c.store_id = (select m.store_id from public.members m where m.id = p_member_id);
  if v_coupon.id is null then
    perform private.reject('coupon_id', 'matches no coupon of this store', 'PT404');
  end if;
  if v_coupon.valid_from > now() then
    perform private.reject('coupon', format('is valid from %s', v_coupon.valid_from), 'P0001');
  end if;
  if v_coupon.valid_until <= now() then
    perform private.reject('coupon', format('expired at %s', v_coupon.valid_until), 'P0001');
  end if;
  if private.member_rank(p_member_id) < v_coupon.min_tier_rank then
    perform private.reject('coupon', format('requires the %s tier or higher',
      (select private.tier_json(t) ->> 'name' from public.tiers t where t.store_id = v_coupon.store_id and t.rank = v_coupon.min_tier_rank)), 'P0001');
  end if;
  -- Staff and rewards give to the company: their login is not the one the limit follows.
  v_held := private.coupon_copies_counted(v_coupon.id, p_member_id, case when p_source = 'claim' then p_claimed_by end);
  if v_held >= v_coupon.per_member_limit then
    perform private.reject('coupon', format('limit reached (%s of %s held)', v_held, v_coupon.per_member_limit), 'P0001');
  end if;

  insert into public.member_coupons (store_id, coupon_id, member_id, slot, source, claimed_by, request_id)
  values (v_coupon.store_id, v_coupon.id, p_member_id,
    (select count(*) + 1 from public.member_coupons mc where mc.coupon_id = v_coupon.id and mc.member_id = p_member_id),
    p_source, p_claimed_by, p_request_id)
  returning id into v_id;
  return v_id;
end
$$;
revoke execute on function private.issue_coupon(uuid, uuid, text, uuid, uuid) from public;

-- ---------------------------------------------------------------------------------------------
-- Staff: points, rebate, coupons
-- ---------------------------------------------------------------------------------------------

drop function public.adjust_points(uuid, int, text);
drop function private.adjust_points(uuid, int, text);
/** As in 20261210000900, applied once per `p_request_id`. */
create function private.adjust_points(p_member_id uuid, p_delta int, p_note text, p_request_id uuid)
returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_done public.points_ledger;
begin
  select * into v_done from public.points_ledger l where l.member_id = v_member.id and l.request_id = p_request_id;
  if v_done.id is not null then
    if v_done.reason <> 'adjustment' or v_done.delta is distinct from p_delta::bigint or v_done.note is distinct from btrim(p_note) then
      perform private.reject_reused_request();
    end if;
    return v_member.points_balance;
  end if;
  perform private.refuse_key_held(v_member.id, p_request_id);
  perform private.refuse_former_member(v_member);
  if coalesce(p_delta, 0) = 0 or abs(p_delta::bigint) > 100000000 then
    perform private.reject('delta', 'must be a non-zero whole number of points, at most 100000000 either way');
  end if;
  if private.clean_text('note', p_note, 500) is null then
    perform private.reject('note', 'is required: say why the points change');
  end if;

  perform private.lock_and_check_points(p_member_id, greatest(-p_delta, 0));
  if p_delta > 0 then
    perform private.credit_points(p_member_id, p_delta, 'adjustment', p_created_by => v_user, p_note => btrim(p_note), p_request_id => p_request_id);
  else
    perform private.debit_points(p_member_id, -p_delta, 'adjustment', p_created_by => v_user, p_note => btrim(p_note), p_request_id => p_request_id);
  end if;
  return (select m.points_balance from public.members m where m.id = p_member_id);
end
$$;
revoke execute on function private.adjust_points(uuid, int, text, uuid) from public;
grant execute on function private.adjust_points(uuid, int, text, uuid) to authenticated;

create function public.adjust_points(p_member_id uuid, p_delta int, p_note text, p_request_id uuid default null)
returns bigint
language sql security invoker
set search_path = ''
as $$ select private.adjust_points(p_member_id, p_delta, p_note, p_request_id) $$;
revoke execute on function public.adjust_points(uuid, int, text, uuid) from public, anon, authenticated;
grant execute on function public.adjust_points(uuid, int, text, uuid) to authenticated;

drop function public.credit_rebate(uuid, numeric, text);
drop function private.credit_rebate(uuid, numeric, text);
/** As in 20261210000900, applied once per `p_request_id`. */
create function private.credit_rebate(p_member_id uuid, p_amount numeric, p_note text, p_request_id uuid)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_currency char(3);
  v_done public.rebate_ledger;
begin
  select * into v_done from public.rebate_ledger r where r.member_id = v_member.id and r.request_id = p_request_id;
  if v_done.id is not null then
    if v_done.reason <> 'credit' or v_done.delta is distinct from p_amount or v_done.note is distinct from btrim(p_note) then
      perform private.reject_reused_request();
    end if;
    return v_member.rebate_balance;
  end if;
  perform private.refuse_key_held(v_member.id, p_request_id);
  perform private.refuse_former_member(v_member);
  if p_amount is null then
    perform private.reject('amount', 'must be a positive amount with at most two decimals');
  end if;
  perform private.check_amount('amount', p_amount);
  if private.clean_text('note', p_note, 500) is null then
    perform private.reject('note', 'is required: say why the rebate is credited');
  end if;
  if v_member.rebate_balance + p_amount >= 1000000000000 then
    perform private.reject('amount', 'would take the rebate balance to 1000000000000 or more', 'P0001');
  end if;
  select s.base_currency into v_currency from public.stores s where s.id = v_member.store_id;

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, created_by, note, request_id)
  values (v_member.store_id, v_member.id, p_amount, v_currency, 'credit', (select auth.uid()), btrim(p_note), p_request_id);
  return (select m.rebate_balance from public.members m where m.id = p_member_id);
end
$$;
revoke execute on function private.credit_rebate(uuid, numeric, text, uuid) from public;
grant execute on function private.credit_rebate(uuid, numeric, text, uuid) to authenticated;

create function public.credit_rebate(p_member_id uuid, p_amount numeric, p_note text, p_request_id uuid default null)
returns numeric
language sql security invoker
set search_path = ''
as $$ select private.credit_rebate(p_member_id, p_amount, p_note, p_request_id) $$;
revoke execute on function public.credit_rebate(uuid, numeric, text, uuid) from public, anon, authenticated;
grant execute on function public.credit_rebate(uuid, numeric, text, uuid) to authenticated;

drop function public.apply_rebate(uuid, numeric, text, text);
drop function private.apply_rebate(uuid, numeric, text, text);
/** As in 20261220000200, applied once per `p_request_id`. */
create function private.apply_rebate(p_member_id uuid, p_amount numeric, p_order_ref text, p_note text, p_request_id uuid)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_currency char(3);
  v_order public.orders;
  v_own numeric(14,2);
  v_done public.rebate_ledger;
begin
  select * into v_done from public.rebate_ledger r where r.member_id = v_member.id and r.request_id = p_request_id;
  if v_done.id is not null then
    if v_done.reason <> 'applied' or v_done.delta is distinct from -p_amount or v_done.applied_to_order_ref is distinct from btrim(p_order_ref)
      or v_done.note is distinct from nullif(btrim(p_note), '') then
      perform private.reject_reused_request();
    end if;
    return v_member.rebate_balance;
  end if;
  perform private.refuse_key_held(v_member.id, p_request_id);
  -- Rebate spent at checkout before it left is recorded late, as record_coupon_use records a
  -- coupon's use: the wallet would stay overstated otherwise.
  if v_member.left_at is not null then
    select * into v_order from public.orders o
    where o.store_id = v_member.store_id and o.external_ref = btrim(p_order_ref) and o.member_id = v_member.id;
    if v_order.id is null or v_order.placed_at >= v_member.left_at then
      perform private.refuse_former_member(v_member);
    end if;
    -- As record_coupon_use: a refunded or cancelled order was not paid with it, or is no longer,
    -- and nobody is left to spend the rebate on another. Said as apply_rebate's own (not the
    -- coupon's "SHOP-1 was refunded"), for the console to say what it means for the rebate.
    if v_order.status <> 'paid' then
      perform private.reject('order_ref', format('%s was %s: no rebate was spent on it', v_order.external_ref, v_order.status), 'P0001');
    end if;
  end if;
  if p_amount is null then
    perform private.reject('amount', 'must be a positive amount with at most two decimals');
  end if;
  perform private.check_amount('amount', p_amount);
  if private.clean_line('order_ref', p_order_ref, 100) is null then
    perform private.reject('order_ref', 'is required');
  end if;
  select s.base_currency into v_currency from public.stores s where s.id = v_member.store_id;
  if p_amount > v_member.rebate_balance then
    perform private.reject('amount', format('exceeds the rebate balance of %s %s', v_member.rebate_balance, v_currency), 'P0001');
  end if;
  -- Every row of the rebate ledger naming an order is that order's own rebate.
  select coalesce(sum(r.delta), 0) into v_own
  from public.orders o join public.rebate_ledger r on r.order_id = o.id
  where o.store_id = v_member.store_id and o.external_ref = btrim(p_order_ref) and o.member_id = v_member.id;
  if v_own > 0 and p_amount > v_member.rebate_balance - v_own then
    perform private.reject('amount', format('exceeds the %s %s usable on order %s: its own rebate of %s %s is a credit on later orders',
      greatest(v_member.rebate_balance - v_own, 0.00), v_currency, btrim(p_order_ref), v_own, v_currency), 'P0001');
  end if;

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, applied_to_order_ref, created_by, note, request_id)
  values (v_member.store_id, v_member.id, -p_amount, v_currency, 'applied', btrim(p_order_ref), (select auth.uid()),
    private.clean_text('note', p_note, 500), p_request_id);
  return (select m.rebate_balance from public.members m where m.id = p_member_id);
end
$$;
revoke execute on function private.apply_rebate(uuid, numeric, text, text, uuid) from public;
grant execute on function private.apply_rebate(uuid, numeric, text, text, uuid) to authenticated;

create function public.apply_rebate(p_member_id uuid, p_amount numeric, p_order_ref text, p_note text default null, p_request_id uuid default null)
returns numeric
language sql security invoker
set search_path = ''
as $$ select private.apply_rebate(p_member_id, p_amount, p_order_ref, p_note, p_request_id) $$;
revoke execute on function public.apply_rebate(uuid, numeric, text, text, uuid) from public, anon, authenticated;
grant execute on function public.apply_rebate(uuid, numeric, text, text, uuid) to authenticated;

drop function public.give_coupon(uuid, uuid);
drop function private.give_coupon(uuid, uuid);
/** As in 20261210000900, applied once per `p_request_id`: a repeat answers the copy as it now is. */
create function private.give_coupon(p_member_id uuid, p_coupon_id uuid, p_request_id uuid)
returns public.member_coupons
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_id uuid;
  v_given public.member_coupons;
begin
  select * into v_given from public.member_coupons mc where mc.member_id = v_member.id and mc.request_id = p_request_id;
  if v_given.id is not null then
    if v_given.source <> 'staff' or v_given.coupon_id is distinct from p_coupon_id then
      perform private.reject_reused_request();
    end if;
    return v_given;
  end if;
  perform private.refuse_key_held(v_member.id, p_request_id);
  perform private.refuse_former_member(v_member);
  v_id := private.issue_coupon(v_member.id, p_coupon_id, 'staff', (select auth.uid()), p_request_id);
  select * into v_given from public.member_coupons mc where mc.id = v_id;
  return v_given;
end
$$;
revoke execute on function private.give_coupon(uuid, uuid, uuid) from public;
grant execute on function private.give_coupon(uuid, uuid, uuid) to authenticated;

create function public.give_coupon(p_member_id uuid, p_coupon_id uuid, p_request_id uuid default null)
returns public.member_coupons
language sql security invoker
set search_path = ''
as $$ select private.give_coupon(p_member_id, p_coupon_id, p_request_id) $$;
revoke execute on function public.give_coupon(uuid, uuid, uuid) from public, anon, authenticated;
grant execute on function public.give_coupon(uuid, uuid, uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Members: redeeming a reward
-- ---------------------------------------------------------------------------------------------

drop function public.redeem_reward(uuid, jsonb);
drop function private.redeem_reward(uuid, jsonb);
/**
 * As in 20261218000300, applied once per `p_request_id`: a repeat answers the points the
 * redemption spent, the balance as it now is and the coupon it issued.
 */
create function private.redeem_reward(p_reward_id uuid, p_ship_to jsonb, p_request_id uuid)
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
  v_done public.points_ledger;
begin
  -- Held until the redemption commits: a reward's coupon changed meanwhile by staff would leave
  -- the company with neither its coupon nor a delivery (or with both), or a delivery with no address.
  select * into v_reward from public.rewards r where r.id = p_reward_id for share;
  if v_reward.id is null or not private.can_read_reward(v_reward) then
    perform private.reject('reward_id', 'matches no active reward', 'PT404');
  end if;
  v_contact := private.my_contact_at(v_reward.store_id);
  perform private.lock_member(v_contact.member_id);
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.redeem_reward(p_reward_id, p_ship_to, p_request_id);
  end if;
  -- Before the reward's own checks: it may have been deactivated since, or the address's rules
  -- changed, and the redemption was made all the same.
  select * into v_done from public.points_ledger l where l.member_id = v_contact.member_id and l.request_id = p_request_id;
  if v_done.id is not null then
    if v_done.reason <> 'redemption' or v_done.reward_id is distinct from p_reward_id
      or (select d.ship_to from public.reward_deliveries d where d.points_entry_id = v_done.id)
        is distinct from (case when v_has_address then private.parse_ship_to(p_ship_to) end) then
      perform private.reject_reused_request();
    end if;
    return jsonb_build_object(
      'points_spent', -v_done.delta,
      'points_balance', (select m.points_balance from public.members m where m.id = v_contact.member_id),
      'member_coupon_id', (select mc.id from public.member_coupons mc where mc.member_id = v_contact.member_id and mc.request_id = p_request_id));
  end if;
  perform private.refuse_key_held(v_contact.member_id, p_request_id);
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
  perform private.lock_and_check_points(v_contact.member_id, v_reward.points_cost);
  if v_reward.coupon_id is not null then
    v_member_coupon := private.issue_coupon(v_contact.member_id, v_reward.coupon_id, 'reward', v_contact.user_id, p_request_id);
  end if;
  v_entry := private.debit_points(v_contact.member_id, v_reward.points_cost, 'redemption',
    p_reward_id => v_reward.id, p_created_by => v_contact.user_id, p_note => private.reward_note(v_reward), p_request_id => p_request_id);
  -- The delivery was written by the ledger's trigger (private.reward_delivery_for_redemption).
  update public.reward_deliveries d set ship_to = v_ship_to where d.points_entry_id = v_entry and v_ship_to is not null;
  return jsonb_build_object(
    'points_spent', v_reward.points_cost,
    'points_balance', (select m.points_balance from public.members m where m.id = v_contact.member_id),
    'member_coupon_id', v_member_coupon);
end
$$;
revoke execute on function private.redeem_reward(uuid, jsonb, uuid) from public;
grant execute on function private.redeem_reward(uuid, jsonb, uuid) to authenticated;

create function public.redeem_reward(p_reward_id uuid, p_ship_to jsonb default null, p_request_id uuid default null)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.redeem_reward(p_reward_id, p_ship_to, p_request_id) $$;
revoke execute on function public.redeem_reward(uuid, jsonb, uuid) from public, anon, authenticated;
grant execute on function public.redeem_reward(uuid, jsonb, uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Staff: the campaign log
-- ---------------------------------------------------------------------------------------------

drop function public.record_campaign(uuid, uuid, text, text, timestamptz, int);
drop function private.record_campaign(uuid, uuid, text, text, timestamptz, int);
/**
 * As in 20261219000600, applied once per `p_request_id`: a repeat answers the campaign logged.
 * `p_sent_at` null is now: a repeat that leaves it out is the same send whenever it comes.
 */
create function private.record_campaign(p_store_id uuid, p_segment_id uuid, p_channel text, p_subject text,
  p_sent_at timestamptz, p_sent_count int, p_request_id uuid)
returns public.campaigns
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_staff_of(p_store_id);
  v_segment public.segments;
  v_campaign public.campaigns;
  v_kept public.campaign_contacts[];
  v_sent_at timestamptz := coalesce(p_sent_at, now());
begin
  select * into v_campaign from public.campaigns c where c.store_id = p_store_id and c.request_id = p_request_id;
  if v_campaign.id is not null then
    if v_campaign.segment_id is distinct from p_segment_id or v_campaign.channel is distinct from p_channel
      or v_campaign.subject is distinct from btrim(p_subject) or v_campaign.sent_at <> coalesce(p_sent_at, v_campaign.sent_at)
      or v_campaign.sent_count <> coalesce(p_sent_count, v_campaign.sent_count) then
      perform private.reject_reused_request();
    end if;
    return v_campaign;
  end if;
  select * into v_segment from public.segments s where s.id = p_segment_id and s.store_id = p_store_id;
  if v_segment.id is null then
    perform private.reject('segment_id', 'matches no segment', 'PT404');
  end if;
  if p_channel is null or p_channel not in ('email', 'sms', 'whatsapp') then
    perform private.reject('channel', 'must be one of email, sms, whatsapp');
  end if;
  perform private.check_line('subject', p_subject, 200, true);
  if not isfinite(v_sent_at) or v_sent_at < '2000-01-01' or v_sent_at > now() + interval '1 day' then
    perform private.reject('sent_at', 'must be a time from 2000 on, at most a day ahead');
  end if;
  if p_sent_count not between 0 and 10000000 then
    perform private.reject('sent_count', 'must be a whole number from 0 to 10000000');
  end if;

  -- One read of the cards for the count, the companies and the contacts, so they agree. The keys
  -- are locked: a card deleted meanwhile (a contact leaving) is left out rather than failing the
  -- insert below on its foreign key, and waits for this send to be logged otherwise.
  select coalesce(array_agg((null, p_store_id, c.member_id, c.id, c.email, c.contact_consent_at)::public.campaign_contacts), '{}')
  into v_kept
  from (
    select c.* from private.segment_member_ids(p_store_id, v_segment.filters) s
    join public.member_contacts c on c.member_id = s.member_id and c.store_id = p_store_id and c.contact_consent_at is not null
    for key share of c
  ) c;

  -- The same key sent twice at once: the second waits here for the first, then finds its campaign.
  insert into public.campaigns (store_id, segment_id, segment_name, filters, channel, subject, sent_at, sent_count, created_by, request_id)
  values (p_store_id, v_segment.id, v_segment.name, v_segment.filters, p_channel, btrim(p_subject), v_sent_at,
    coalesce(p_sent_count, cardinality(v_kept)), v_user, p_request_id)
  on conflict (store_id, request_id) where request_id is not null do nothing
  returning * into v_campaign;
  if v_campaign.id is null then
    return private.record_campaign(p_store_id, p_segment_id, p_channel, p_subject, p_sent_at, p_sent_count, p_request_id);
  end if;
  insert into public.campaign_recipients (campaign_id, store_id, member_id)
  select distinct v_campaign.id, p_store_id, k.member_id from unnest(v_kept) k;
  insert into public.campaign_contacts (campaign_id, store_id, member_id, contact_id, email, contact_consent_at)
  select v_campaign.id, p_store_id, k.member_id, k.contact_id, k.email, k.contact_consent_at from unnest(v_kept) k;
  return v_campaign;
end
$$;
revoke execute on function private.record_campaign(uuid, uuid, text, text, timestamptz, int, uuid) from public;
grant execute on function private.record_campaign(uuid, uuid, text, text, timestamptz, int, uuid) to authenticated;

create function public.record_campaign(p_store_id uuid, p_segment_id uuid, p_channel text, p_subject text,
  p_sent_at timestamptz default null, p_sent_count int default null, p_request_id uuid default null)
returns public.campaigns
language sql security invoker
set search_path = ''
as $$ select private.record_campaign(p_store_id, p_segment_id, p_channel, p_subject, p_sent_at, p_sent_count, p_request_id) $$;
revoke execute on function public.record_campaign(uuid, uuid, text, text, timestamptz, int, uuid) from public, anon, authenticated;
grant execute on function public.record_campaign(uuid, uuid, text, text, timestamptz, int, uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Staff: a credit taken back
-- ---------------------------------------------------------------------------------------------

drop function public.correct_rebate_credit(bigint, numeric, text);
drop function private.correct_rebate_credit(bigint, numeric, text);
/**
 * As in 20261207000300, applied once per `p_request_id`: the company's row is locked before the
 * arguments are checked, so that a repeat finds the first's correction.
 */
create function private.correct_rebate_credit(p_credit_id bigint, p_amount numeric, p_note text, p_request_id uuid)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_credit public.rebate_ledger;
  v_member public.members;
  v_left numeric(14,2);
  v_done public.rebate_ledger;
begin
  select * into v_credit from public.rebate_ledger r
  where r.id = p_credit_id and r.reason = 'credit' and private.can_read_company_row(r.store_id, r.member_id);
  if v_credit.id is null then
    perform private.reject('credit_id', 'matches no rebate credit', 'PT404');
  end if;
  perform private.require_staff_of(v_credit.store_id);
  -- The company's ledger changes queue on its row, so two corrections cannot both take what is left.
  v_member := private.lock_member(v_credit.member_id);
  select * into v_done from public.rebate_ledger r where r.member_id = v_member.id and r.request_id = p_request_id;
  if v_done.id is not null then
    if v_done.reason <> 'correction' or v_done.corrects_id <> p_credit_id or v_done.delta is distinct from -p_amount
      or v_done.note is distinct from btrim(p_note) then
      perform private.reject_reused_request();
    end if;
    return v_member.rebate_balance;
  end if;
  perform private.refuse_key_held(v_member.id, p_request_id);
  if p_amount is null then
    perform private.reject('amount', 'must be a positive amount with at most two decimals');
  end if;
  perform private.check_amount('amount', p_amount);
  if private.clean_text('note', p_note, 500) is null then
    perform private.reject('note', 'is required: say why the credit is taken back');
  end if;

  v_left := v_credit.delta + coalesce((select sum(r.delta) from public.rebate_ledger r where r.corrects_id = v_credit.id), 0);
  if v_left = 0 then
    perform private.reject('credit', 'was already taken back in full', 'P0001');
  end if;
  if p_amount > v_left then
    perform private.reject('amount', format('exceeds the %s %s left of this credit', v_left, v_credit.currency), 'P0001');
  end if;
  if p_amount > v_member.rebate_balance then
    perform private.reject('amount', format('exceeds the rebate balance of %s %s', v_member.rebate_balance, v_credit.currency), 'P0001');
  end if;

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, corrects_id, created_by, note, request_id)
  values (v_credit.store_id, v_credit.member_id, -p_amount, v_credit.currency, 'correction', v_credit.id, (select auth.uid()), btrim(p_note),
    p_request_id);
  return (select m.rebate_balance from public.members m where m.id = v_credit.member_id);
end
$$;
revoke execute on function private.correct_rebate_credit(bigint, numeric, text, uuid) from public;
grant execute on function private.correct_rebate_credit(bigint, numeric, text, uuid) to authenticated;

create function public.correct_rebate_credit(p_credit_id bigint, p_amount numeric, p_note text, p_request_id uuid default null)
returns numeric
language sql security invoker
set search_path = ''
as $$ select private.correct_rebate_credit(p_credit_id, p_amount, p_note, p_request_id) $$;
revoke execute on function public.correct_rebate_credit(bigint, numeric, text, uuid) from public, anon, authenticated;
grant execute on function public.correct_rebate_credit(bigint, numeric, text, uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Members: claiming a coupon or a sample
-- ---------------------------------------------------------------------------------------------

drop function public.claim_coupon(uuid);
drop function private.claim_coupon(uuid);
/** As in 20261210000100, applied once per `p_request_id`: a repeat answers the copy it claimed, as it now is. */
create function private.claim_coupon(p_coupon_id uuid, p_request_id uuid)
returns public.member_coupons
language plpgsql security definer
set search_path = ''
as $$
declare
  v_coupon public.coupons;
  v_contact public.member_contacts;
  v_claimed_id uuid;
  v_claimed public.member_coupons;
begin
  select * into v_coupon from public.coupons c where c.id = p_coupon_id;
  if v_coupon.id is null or not private.can_read_coupon(v_coupon) then
    perform private.reject('coupon_id', 'matches no coupon', 'PT404');
  end if;
  v_contact := private.my_contact_at(v_coupon.store_id);
  perform private.lock_member(v_contact.member_id);
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.claim_coupon(p_coupon_id, p_request_id);
  end if;
  select * into v_claimed from public.member_coupons mc where mc.member_id = v_contact.member_id and mc.request_id = p_request_id;
  if v_claimed.id is not null then
    if v_claimed.source <> 'claim' or v_claimed.coupon_id <> p_coupon_id then
      perform private.reject_reused_request();
    end if;
    return v_claimed;
  end if;
  perform private.refuse_key_held(v_contact.member_id, p_request_id);
  if not v_coupon.claimable then
    perform private.reject('coupon', 'cannot be claimed: it is given in the gift pack or as a reward', 'P0001');
  end if;
  v_claimed_id := private.issue_coupon(v_contact.member_id, v_coupon.id, 'claim', v_contact.user_id, p_request_id);
  select * into v_claimed from public.member_coupons mc where mc.id = v_claimed_id;
  return v_claimed;
end
$$;
revoke execute on function private.claim_coupon(uuid, uuid) from public;
grant execute on function private.claim_coupon(uuid, uuid) to authenticated;

create function public.claim_coupon(p_coupon_id uuid, p_request_id uuid default null)
returns public.member_coupons
language sql security invoker
set search_path = ''
as $$ select private.claim_coupon(p_coupon_id, p_request_id) $$;
revoke execute on function public.claim_coupon(uuid, uuid) from public, anon, authenticated;
grant execute on function public.claim_coupon(uuid, uuid) to authenticated;

drop function public.claim_sample(uuid, jsonb, int);
drop function private.claim_sample(uuid, jsonb, int);
/**
 * As in 20261210000100, applied once per `p_request_id`, looked up once the product is known to be
 * the caller's to see: a repeat answers the claim as it now is (approved, shipped or cancelled
 * since), within the quota or not.
 */
create function private.claim_sample(p_product_id uuid, p_ship_to jsonb, p_quantity int, p_request_id uuid)
returns public.sample_claims
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_product public.products;
  v_contact public.member_contacts;
  v_tier public.tiers;
  v_tier_id uuid;
  v_used int;
  v_claim public.sample_claims;
begin
  select * into v_product from public.products p where p.id = p_product_id and p.active;
  if v_product.id is null then
    perform private.reject('product_id', 'matches no product', 'PT404');
  end if;
  select * into v_contact from public.member_contacts c where c.store_id = v_product.store_id and c.user_id = v_user;
  if v_contact.id is null then
    if v_product.visibility <> 'public' then
      -- Exclusivity hides even a product's existence from other stores' members.
      perform private.reject('product_id', 'matches no product', 'PT404');
    end if;
    perform private.reject(null, 'Only members of this store can claim samples', '42501');
  end if;

  perform 1 from public.members m where m.id = v_contact.member_id for update;
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.claim_sample(p_product_id, p_ship_to, p_quantity, p_request_id);
  end if;
  -- Evaluated once into a variable: compared inside the query, the volatile call would run per
  -- tier row of every store.
  v_tier_id := private.refresh_member_tier(v_contact.member_id, null);
  select * into v_tier from public.tiers t where t.id = v_tier_id;
  if v_product.visibility <> 'public'
     and (case when v_product.visibility = 'members' then 0 else v_product.min_tier_rank end) > v_tier.rank then
    -- Same answer as for a product that does not exist: exclusivity hides even its existence.
    perform private.reject('product_id', 'matches no product', 'PT404');
  end if;
  select * into v_claim from public.sample_claims sc where sc.member_id = v_contact.member_id and sc.request_id = p_request_id;
  if v_claim.id is not null then
    if v_claim.product_id <> p_product_id or v_claim.quantity is distinct from p_quantity
      or v_claim.ship_to is distinct from private.parse_ship_to(p_ship_to) then
      perform private.reject_reused_request();
    end if;
    return v_claim;
  end if;
  perform private.refuse_key_held(v_contact.member_id, p_request_id);
  -- Only now that the caller may see the product: an argument check before this would answer a
  -- hidden product differently from a missing one.
  if p_quantity is null or p_quantity not between 1 and 10 then
    perform private.reject('quantity', 'must be between 1 and 10');
  end if;
  v_used := private.samples_used(v_contact.member_id, v_user);
  if v_tier.sample_quota is not null and v_used >= v_tier.sample_quota then
    raise exception using errcode = 'P0001',
      message = format('Sample quota reached (%s of %s used)', v_used, v_tier.sample_quota),
      detail = jsonb_build_object('field', 'quota', 'reason', 'reached', 'used', v_used, 'quota', v_tier.sample_quota)::text;
  end if;

  insert into public.sample_claims (store_id, member_id, product_id, contact_id, quantity, ship_to, claimed_by, request_id)
  values (v_product.store_id, v_contact.member_id, v_product.id, v_contact.id, p_quantity, private.parse_ship_to(p_ship_to), v_user, p_request_id)
  returning * into v_claim;
  return v_claim;
end
$$;
revoke execute on function private.claim_sample(uuid, jsonb, int, uuid) from public;
grant execute on function private.claim_sample(uuid, jsonb, int, uuid) to authenticated;

create function public.claim_sample(p_product_id uuid, p_ship_to jsonb, p_quantity int default 1, p_request_id uuid default null)
returns public.sample_claims
language sql security invoker
set search_path = ''
as $$ select private.claim_sample(p_product_id, p_ship_to, p_quantity, p_request_id) $$;
revoke execute on function public.claim_sample(uuid, jsonb, int, uuid) from public, anon, authenticated;
grant execute on function public.claim_sample(uuid, jsonb, int, uuid) to authenticated;
