/**
 * Former members (20261208000500; erased ones, 20261210000600): staff could still act on a
 * company that left. set_tier_override, adjust_points, credit_rebate, apply_rebate and
 * give_coupon never read left_at, so a company with no contact left could be given a tier, points,
 * rebate or coupons that nobody can use, and its balances moved after the fact.
 *
 * Each staff RPC on a company, for a former member:
 * - refused: set_tier_override (set or cleared: an override is finite and lapses by itself, and a
 *   former member's tier counts in no present statistic), adjust_points (either way: points
 *   expire by expire_points as every company's), credit_rebate, apply_rebate (rebate spent on an
 *   order: a former member places none; a staff credit given by mistake is taken back with
 *   correct_rebate_credit) and give_coupon;
 * - record_coupon_use: a use on an imported order of the company placed before it left is
 *   recorded (the store's redemption figures), any other refused: there is no later order of it;
 * - kept, for the store's accounts: correct_rebate_credit and take_back_coupon (a mistake of
 *   staff's undone, lowering what the company holds), mark_reward_sent (what went out), import_orders'
 *   refunds and corrections, expire_points, evaluate_tiers;
 * - already refused by what the company no longer has: remove_member_contact and
 *   make_primary_contact (no contact), approve_sample and ship_sample (its open claims were
 *   cancelled), answer_inquiry and close_inquiry (its inquiries deleted), erase_member (says so).
 *
 * The refusal, private.refuse_former_member: `P0001 member left the store on 2026-12-05: its
 * record is kept for the store's statistics only`, details {field, reason}, nothing written. It
 * reads the row its caller locked, so a staff action waiting on the company while it leaves or is
 * erased is answered as one sent after.
 *
 * Every other line of the re-created functions is as in the migration named above each.
 */

/**
 * Refuses with P0001 when `p_member` (read under its row lock) is a former member: its record
 * stays for the store's statistics, and nothing more is given to it or taken from it.
 */
create function private.refuse_former_member(p_member public.members)
returns void
language plpgsql
set search_path = ''
as $$
begin
  if p_member.left_at is not null then
    perform private.reject('member', format('left the store on %s: its record is kept for the store''s statistics only',
      to_char(p_member.left_at at time zone 'UTC', 'YYYY-MM-DD')), 'P0001');
  end if;
end
$$;
revoke execute on function private.refuse_former_member(public.members) from public;

/** As in 20261124000200, refusing a former member. */
create or replace function private.set_tier_override(p_member_id uuid, p_tier_id uuid, p_expires_at timestamptz, p_reason text)
returns public.members
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
begin
  perform private.refuse_former_member(v_member);
  if p_tier_id is not null then
    if not exists (select 1 from public.tiers t where t.id = p_tier_id and t.store_id = v_member.store_id) then
      perform private.reject('tier_id', 'is not a tier of this store');
    end if;
    if p_expires_at is null or p_expires_at <= now() or not isfinite(p_expires_at) then
      perform private.reject('expires_at', 'must be in the future and finite (not infinity)');
    end if;
  end if;

  update public.members m
  set tier_override_id = p_tier_id,
      tier_override_expires_at = case when p_tier_id is null then null else p_expires_at end,
      tier_override_reason = case when p_tier_id is null then null else private.clean_text('reason', p_reason, 500) end
  where m.id = p_member_id;
  perform private.refresh_member_tier(p_member_id, 'override');
  return (select m from public.members m where m.id = p_member_id);
end
$$;

/** As in 20261124000300, refusing a former member. */
create or replace function private.adjust_points(p_member_id uuid, p_delta int, p_note text)
returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
begin
  perform private.refuse_former_member(private.lock_member_for_staff(p_member_id));
  if coalesce(p_delta, 0) = 0 or abs(p_delta::bigint) > 100000000 then
    perform private.reject('delta', 'must be a non-zero whole number of points, at most 100000000 either way');
  end if;
  if private.clean_text('note', p_note, 500) is null then
    perform private.reject('note', 'is required: say why the points change');
  end if;

  perform private.lock_and_check_points(p_member_id, greatest(-p_delta, 0));
  if p_delta > 0 then
    perform private.credit_points(p_member_id, p_delta, 'adjustment', p_created_by => v_user, p_note => btrim(p_note));
  else
    perform private.debit_points(p_member_id, -p_delta, 'adjustment', p_created_by => v_user, p_note => btrim(p_note));
  end if;
  return (select m.points_balance from public.members m where m.id = p_member_id);
end
$$;

/** As in 20261124000300, refusing a former member. */
create or replace function private.apply_rebate(p_member_id uuid, p_amount numeric, p_order_ref text, p_note text)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_currency char(3);
begin
  perform private.refuse_former_member(v_member);
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

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, applied_to_order_ref, created_by, note)
  values (v_member.store_id, v_member.id, -p_amount, v_currency, 'applied', btrim(p_order_ref), (select auth.uid()),
    private.clean_text('note', p_note, 500));
  return (select m.rebate_balance from public.members m where m.id = p_member_id);
end
$$;

/** As in 20261203000400, refusing a former member. */
create or replace function private.credit_rebate(p_member_id uuid, p_amount numeric, p_note text)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_currency char(3);
begin
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

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, created_by, note)
  values (v_member.store_id, v_member.id, p_amount, v_currency, 'credit', (select auth.uid()), btrim(p_note));
  return (select m.rebate_balance from public.members m where m.id = p_member_id);
end
$$;

/**
 * As in 20261205000100, refusing a former member: the coupon is issued in the body, after the
 * refusal, where the declaration issued it before any check could run.
 */
create or replace function private.give_coupon(p_member_id uuid, p_coupon_id uuid)
returns public.member_coupons
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_id uuid;
  v_given public.member_coupons;
begin
  perform private.refuse_former_member(v_member);
  v_id := private.issue_coupon(v_member.id, p_coupon_id, 'staff', (select auth.uid()));
  select * into v_given from public.member_coupons mc where mc.id = v_id;
  return v_given;
end
$$;

/**
 * As in 20261210000400, refusing for a former member a use on anything but an imported order of
 * its own placed before it left.
 */
create or replace function private.record_coupon_use(p_member_coupon_id uuid, p_order_ref text)
returns public.member_coupons
language plpgsql security definer
set search_path = ''
as $$
declare
  v_held public.member_coupons;
  v_user uuid;
  v_order public.orders;
  v_member public.members;
begin
  select * into v_held from public.member_coupons mc where mc.id = p_member_coupon_id;
  if v_held.id is null or not private.can_read_company_row(v_held.store_id, v_held.member_id) then
    perform private.reject('member_coupon_id', 'matches no held coupon', 'PT404');
  end if;
  v_user := private.require_staff_of(v_held.store_id);
  if private.clean_line('order_ref', p_order_ref, 100) is null then
    perform private.reject('order_ref', 'is required');
  end if;
  v_member := private.lock_member(v_held.member_id);
  select * into v_held from public.member_coupons mc where mc.id = p_member_coupon_id;
  if v_held.taken_back_at is not null then
    perform private.reject('member_coupon', format('was taken back on %s: the company no longer holds it',
      to_char(v_held.taken_back_at at time zone 'UTC', 'YYYY-MM-DD')), 'P0001');
  end if;
  if v_held.used_at is not null then
    perform private.reject('member_coupon', format('was already used on order %s', v_held.used_order_ref), 'P0001');
  end if;
  if (select c.valid_until <= now() from public.coupons c where c.id = v_held.coupon_id) then
    perform private.reject('member_coupon', 'has expired', 'P0001');
  end if;
  select * into v_order from public.orders o where o.store_id = v_held.store_id and o.external_ref = btrim(p_order_ref);
  if v_order.member_id <> v_held.member_id then
    perform private.reject('order_ref', format('%s is an order of another company', v_order.external_ref), 'P0001');
  end if;
  -- A refunded or cancelled order was not bought with the coupon, or is no longer: its use would stay recorded.
  if v_order.status <> 'paid' then
    perform private.reject('order_ref', format('%s was %s', v_order.external_ref, v_order.status), 'P0001');
  end if;
  if v_order.placed_at < v_held.claimed_at - interval '1 day' then
    perform private.reject('order_ref', format('%s was placed on %s, before the coupon was received on %s', v_order.external_ref,
      to_char(v_order.placed_at at time zone 'UTC', 'YYYY-MM-DD'), to_char(v_held.claimed_at at time zone 'UTC', 'YYYY-MM-DD')), 'P0001');
  end if;
  -- A use recorded late on an order from before it left still counts in the store's redemptions;
  -- an order it never had (unknown here) or after it left cannot be one of its own.
  if v_order.id is null or v_order.placed_at >= v_member.left_at then
    perform private.refuse_former_member(v_member);
  end if;

  update public.member_coupons mc
  set used_at = now(), used_order_ref = btrim(p_order_ref), used_by = v_user
  where mc.id = v_held.id
  returning * into v_held;
  return v_held;
end
$$;
