/*
 * An order earns at the tier its company reaches with that order counted, each order of a batch
 * on its own; and an order that becomes paid again earns again.
 *
 * 1. Orders that became paid in one statement (one import_orders call, one CSV file) all earned
 *    their points and rebate at the tier the company reached with the whole batch counted: an
 *    order of US$4,000 and a later one of US$1,500 imported together both earned as VIP (5,000 in
 *    the period), where imported one file each the first earned as Ordinary. Each now earns at the
 *    tier the company's period figures give with it counted and the batch's later orders not
 *    (later by placed_at, then by reference for orders of one instant, as a merchant numbers
 *    them): what importing the orders one by one in that order gives. Orders already on record
 *    count whenever they were placed, as they do for an order imported alone; the company's last
 *    order of the batch earns at the tier it is left at. Set-based as before: a window over the
 *    batch's orders and one probe of the tiers per order. The tier history still records one change
 *    per statement, from the tier before the batch to the one after: it says when the company's
 *    tier changed, and the batch's orders were all recorded at one instant.
 *    An import's new orders and its orders paid again reach refresh_tiers apart (an upsert fires
 *    the insert and the update triggers, each with its own orders), so "the batch" is every order
 *    that became paid in the transaction: a new order of 4,000 and one of 1,500 placed later and
 *    paid again, in one file, earn as they would one by one, not the first as VIP.
 *
 * 2. An order refunded or cancelled and later imported as paid again brought its tier back but not
 *    its points or rebate (the credits were unique per order). It counts again, so it earns again:
 *    what it earns at its tier now, less what it still holds from before (the points or rebate a
 *    refund could not take back because they were spent, applied or had expired), so a buyer never
 *    gets one order's credits twice. A refund takes back what the order holds and has not expired,
 *    as before at most the balance; paid, refunded, paid, refunded... nets to what the order earns while it is paid
 *    and to nothing (or what could not be taken back) while it is not. The ledgers' uniqueness per
 *    order gives way to that arithmetic for these rows; a review still earns once.
 *
 * Re-created: private.refresh_tiers from 20261204000200 (the paid orders' tier and amounts);
 * private.reverse_order_rewards from 20261203001000 (what an order holds across several payments).
 * Neither is granted to anyone; create or replace keeps that.
 */

-- An order's credits and take-backs are no longer one of each; the index still serves reading them
-- by order (and the foreign key). A review earns once, as before.
drop index public.points_ledger_once_per_order_idx;
create index points_ledger_order_idx on public.points_ledger (order_id) where order_id is not null;
create unique index points_ledger_one_review_per_order_idx on public.points_ledger (order_id) where reason = 'review';
drop index public.rebate_ledger_once_per_order_idx;
create index rebate_ledger_order_idx on public.rebate_ledger (order_id) where order_id is not null;

/**
 * refresh_tiers as before (20261204000200), but each order that became paid earns at the tier
 * reached with it counted (and the later orders that became paid in this transaction not), less
 * what it still holds from an earlier payment.
 */
create or replace function private.refresh_tiers(p_member_ids uuid[], p_reason text, p_paid_order_ids uuid[] default '{}')
returns int
language plpgsql security definer
set search_path = ''
as $$
declare
  v_ids uuid[];
  v_expired uuid[];
  v_changed int;
  v_later uuid[] := '{}';
begin
  select coalesce(array_agg(m.id order by m.id), '{}') into v_ids from (
    select m.id from public.members m
    where m.id in (select distinct x.id from unnest(p_member_ids) as x (id))
      and (p_reason is not null or not coalesce(m.tier_valid_until > now(), false))
    order by m.id
    for update
  ) m;
  if cardinality(v_ids) = 0 then
    return 0;
  end if;

  -- Orders of these companies that became paid earlier in this transaction: an upsert's new and
  -- updated orders reach this function in two calls, one per trigger, and each call's orders must
  -- count the other's as later where they come later, as in one batch. Orders inserted as paid
  -- (imported now), and those earlier calls credited, kept for the transaction.
  if cardinality(p_paid_order_ids) > 0 then
    v_later := array(
      select o.id from unnest(v_ids) as x (id)
      join public.orders o on o.member_id = x.id and o.status = 'paid' and o.imported_at = now()
      union
      select y.id from unnest(coalesce(nullif(current_setting('cardclub.paid_orders', true), '')::uuid[], '{}')) as y (id)
      except
      select z.id from unnest(p_paid_order_ids) as z (id));
    perform set_config('cardclub.paid_orders', array(select distinct x.id from unnest(v_later || p_paid_order_ids) as x (id))::text, true);
  end if;

  with expired as (
    update public.members m
    set tier_override_id = null, tier_override_expires_at = null, tier_override_reason = null
    where m.id = any (v_ids) and m.tier_override_expires_at <= now()
    returning m.id
  )
  select coalesce(array_agg(e.id), '{}') into v_expired from expired e;

  with evaluated as (
    select m.id, m.store_id, m.tier_id as from_tier_id, e.tier_id, e.valid_until, g.last_at, g.previous_at, g.median_gap,
      g.once, g.twice, e.paid_orders, e.paid_amount, e.oldest_placed_at, m.tier_override_id, m.tier_override_expires_at
    -- Driven by the evaluations (one member row each): a filter on m.id as well made the planner
    -- expect a hundredth of the rows, and plan everything joined to them for a handful.
    from private.tier_evaluations(v_ids) e
    join public.members m on m.id = e.member_id
    -- One row per member either way; joined inner, the planner took the member ids' statistics,
    -- expected 7 rows here and had the update below aggregate the credits again for every
    -- member (8 s instead of 2 for a 5,000-row import).
    left join private.paid_order_facts(v_ids) g on g.member_id = e.member_id
  ), paid as materialized (
    -- The orders by key first (joined through unnest: `o.id = any (...)` would test every order
    -- against the whole array); reached from the members instead, every order they ever placed
    -- was read.
    select o.id, o.store_id, o.member_id, o.external_ref, o.amount_base, o.placed_at, true as earns
    from unnest(p_paid_order_ids) as x (id)
    join public.orders o on o.id = x.id
    union all
    -- Already credited or crediting in the other call: only later for this call's orders.
    select o.id, o.store_id, o.member_id, o.external_ref, o.amount_base, o.placed_at, false
    from unnest(v_later) as x (id)
    join public.orders o on o.id = x.id
    where o.status = 'paid' and o.member_id = any (v_ids)
  ), counted as (
    -- The company's period figures with each order counted: the evaluation's, less the orders of
    -- this batch, or paid earlier in the transaction, that come after it (those inside the period,
    -- which are the ones it counted).
    select o.*, e.tier_override_id, e.tier_override_expires_at,
      e.paid_orders - count(*) filter (where o.placed_at > now() - make_interval(days => s.statistical_period_days)) over later
        as paid_orders,
      e.paid_amount - coalesce(sum(o.amount_base) filter (where o.placed_at > now() - make_interval(days => s.statistical_period_days)) over later, 0)
        as paid_amount
    from paid o
    join evaluated e on e.id = o.member_id
    join public.stores s on s.id = o.store_id
    window later as (partition by o.member_id order by o.placed_at, o.external_ref rows between 1 following and unbounded following)
  ), earning as (
    select o.id, o.store_id, o.member_id, o.external_ref, s.base_currency, s.points_expiry_days,
      least(o.placed_at, now()) as earned_at, coalesce(t.rebate_percent, 0) as rebate_percent,
      -- Less what the order holds from an earlier payment (nothing unless refunded and paid again).
      floor(o.amount_base * coalesce(t.points_multiplier, 1) * s.points_per_currency_unit)::bigint
        - coalesce((select sum(l.delta) from public.points_ledger l where l.order_id = o.id and l.reason in ('order', 'clawback')), 0)
        as points,
      round(o.amount_base * coalesce(t.rebate_percent, 0) / 100, 2)
        - coalesce((select sum(r.delta) from public.rebate_ledger r where r.order_id = o.id and r.reason in ('order', 'reversal')), 0)
        as rebate
    from counted o
    join public.stores s on s.id = o.store_id
    -- tier_evaluations' rule (the highest-ranked tier whose minimums the figures meet, or the
    -- override if it ranks higher) on the figures with this order counted.
    left join lateral (
      select t.points_multiplier, t.rebate_percent from public.tiers t
      where t.store_id = o.store_id
        and ((t.min_paid_orders <= o.paid_orders and t.min_paid_amount <= o.paid_amount)
          or (t.id = o.tier_override_id and o.tier_override_expires_at > now()))
      order by t.rank desc
      limit 1
    ) t on true
    where o.earns
  ), points as (
    insert into public.points_ledger (store_id, member_id, delta, reason, order_id, earned_at, expires_at, remaining, note)
    select r.store_id, r.member_id, r.points, 'order', r.id, r.earned_at,
      r.earned_at + make_interval(days => r.points_expiry_days), r.points, r.external_ref
    from earning r where r.points > 0
    -- In the orders' own order within a member: ledger ids are the history's order, newest first.
    order by r.member_id, r.earned_at, r.id
    returning member_id, delta
  ), rebates as (
    insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, earned_at, note)
    select r.store_id, r.member_id, r.rebate, r.base_currency, 'order', r.id, r.earned_at,
      format('%s%% of order %s', r.rebate_percent, r.external_ref)
    from earning r where r.rebate > 0
    order by r.member_id, r.earned_at, r.id
    returning member_id, delta
  ), credited as (
    select c.member_id, sum(c.points) as points, sum(c.rebate) as rebate
    from (select p.member_id, p.delta as points, 0 as rebate from points p
          union all select r.member_id, 0, r.delta from rebates r) c
    group by c.member_id
  ), written as (
    update public.members m
    set tier_id = e.tier_id, tier_valid_until = e.valid_until, last_paid_order_at = e.last_at, previous_paid_order_at = e.previous_at,
        paid_order_gap_median = e.median_gap, paid_once = e.once, paid_twice = e.twice, period_paid_orders = e.paid_orders,
        period_paid_amount = e.paid_amount, period_oldest_paid_at = e.oldest_placed_at, last_evaluated_at = now(),
        points_balance = m.points_balance + coalesce(c.points, 0), rebate_balance = m.rebate_balance + coalesce(c.rebate, 0)
    from evaluated e left join credited c on c.member_id = e.id
    -- By key: joined to the CTE alone, the update hashed every member of every store.
    where m.id = any (v_ids) and m.id = e.id
      and ((m.tier_id, m.tier_valid_until, m.last_paid_order_at, m.previous_paid_order_at, m.paid_order_gap_median, m.paid_once, m.paid_twice,
            m.period_paid_orders, m.period_paid_amount, m.period_oldest_paid_at)
           is distinct from (e.tier_id, e.valid_until, e.last_at, e.previous_at, e.median_gap, e.once, e.twice, e.paid_orders, e.paid_amount, e.oldest_placed_at)
           or c.member_id is not null)
  )
  insert into public.tier_changes (member_id, store_id, from_tier_id, from_tier_name, to_tier_id, to_tier_name, reason)
  select e.id, e.store_id,
    e.from_tier_id, (select t.name from public.tiers t where t.id = e.from_tier_id),
    e.tier_id, (select t.name from public.tiers t where t.id = e.tier_id),
    coalesce(p_reason, case when e.id = any (v_expired) then 'override_expired' end, 'period')
  from evaluated e
  where e.tier_id is distinct from e.from_tier_id
  order by e.id;
  get diagnostics v_changed = row_count;
  return v_changed;
end
$$;

/**
 * reverse_order_rewards as before (20261203001000), over every payment of the order: a refunded or
 * cancelled order takes back what it holds, its credits less what earlier refunds took and less
 * what expired (its latest credit's remainder first, then soonest-expiring credits), and its
 * rebate credits less earlier reversals, each at most the current balance. Nothing is written for
 * a ledger in which the order holds nothing (refunded again after a payment that earned nothing).
 */
create or replace function private.reverse_order_rewards(p_order_id uuid)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_order public.orders;
  v_member public.members;
  v_credit bigint;
  v_points bigint;
  v_currency char(3);
  v_rebate numeric(14,2);
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  if exists (select 1 from public.points_ledger l where l.order_id = p_order_id and l.reason = 'order') then
    -- Locked first: it records the expiries due, which the order's points then leave out.
    v_member := private.lock_and_check_points(v_order.member_id, 0);
    select max(l.id) filter (where l.reason = 'order'), sum(l.delta + coalesce(x.delta, 0)) into v_credit, v_points
    from public.points_ledger l
    left join public.points_ledger x on x.credit_id = l.id
    where l.order_id = p_order_id and l.reason in ('order', 'clawback');
  end if;
  -- Only when the order holds points (what a balance could not cover is still held, and recorded as
  -- the shortfall): a second refund after a payment that earned nothing would write an empty row.
  if v_points > 0 then
    perform private.debit_points(v_order.member_id, least(v_points, v_member.points_balance), 'clawback',
      p_order_id => p_order_id, p_first_credit => v_credit,
      p_shortfall => nullif(greatest(v_points - v_member.points_balance, 0), 0));
  end if;

  select sum(r.delta), min(r.currency) into v_rebate, v_currency
  from public.rebate_ledger r where r.order_id = p_order_id and r.reason in ('order', 'reversal');
  if v_rebate > 0 then
    v_member := private.lock_member(v_order.member_id);
    insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, shortfall)
    values (v_order.store_id, v_order.member_id, -least(v_rebate, v_member.rebate_balance), v_currency, 'reversal', p_order_id,
      nullif(greatest(v_rebate - v_member.rebate_balance, 0), 0));
  end if;
end
$$;
