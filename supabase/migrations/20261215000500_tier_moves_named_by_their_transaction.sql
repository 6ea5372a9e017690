/**
 * A tier move's orders and reason, from the SQL review of 20261215000200 and 20261215000100.
 *
 * - A move named only the orders of whichever of an import's two calls made it. The upsert fires
 *   the UPDATE statement trigger first, then INSERT; the first refresh_tiers call already sees
 *   every row written and makes the whole move, but recorded only its own p_paid_order_ids, and the
 *   second found nothing left to move. So an order paid again with a new one named only the first,
 *   and an order re-sent with its delivery date (a feed's everyday case) or corrected alongside a
 *   new one named none. The names are now the company's orders first paid at this payment instant
 *   (orders_paid_at_member_idx, as the later orders were found) with the call's own, whatever
 *   call makes the move. They are aggregated once per company (a subquery per moved company read
 *   the materialized `paid` again for each: 10-15 s instead of 3-5 s for a 10,000-row import of
 *   3,000 companies each moving).
 * - Reasons: an import's call evaluates its companies live, so a drop that time had made (a period
 *   lapsed before the nightly re-evaluation, an override expiring then) was recorded as `orders`
 *   naming the paid order. A drop in an orders' call with no order changed at its instant
 *   (order_changes, which tier_move_orders names) whose cached tier had lapsed is now `period`, or
 *   `override_expired` when the call cleared an expired override, naming no order. A rise in a
 *   refund's call (an import refunding one order and paying another) said "the refund of order …";
 *   it is now `orders`, naming the orders paid.
 * - tier_changes: paid_order_refs is set exactly for the reason `orders` (a check); every row
 *   written so far holds to it.
 * - private.order_tier_before and private.tier_move_orders executable by service_role: the
 *   computed fields calling them are (the merchant's back end reads the ledgers and the tier
 *   history), and were refused: tier_before since 20261215000100, orders_changed and
 *   changed_order_ref since 20261214000500 (lint invoker_computed_field_calls_denied_to_service_role).
 *
 * private.refresh_tiers re-created as in 20261215000200, but for the names and reasons.
 */

alter table public.tier_changes add constraint tier_changes_paid_order_refs_for_orders
  check ((reason = 'orders') = (paid_order_refs is not null));

grant execute on function private.order_tier_before(uuid, int, bigint, timestamptz), private.tier_move_orders(public.tier_changes)
  to service_role;

/** refresh_tiers as in 20261215000200, a move naming every order its transaction paid, and time's drops said as such. */
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
  v_paid_at timestamptz := private.payment_instant();
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

  -- Orders of these companies first paid in this transaction: an upsert's new and updated orders
  -- reach this function in two calls, one per trigger (UPDATE first), and each call's orders must
  -- count the other's as later where they come later, as in one batch. The first call already sees
  -- every row written and makes the whole move, so its record names them too, even when it pays
  -- nothing itself (an order re-sent with its delivery date, a correction, a refund).
  if cardinality(p_paid_order_ids) > 0 or p_reason in ('orders', 'refund') then
    -- One scan of orders_paid_at_member_idx, the companies as its array key: joined to
    -- unnest(v_ids), which the planner guesses at 10 rows, it compared each order found with
    -- every company (810,000 comparisons for 1,000 rows).
    v_later := array(
      select o.id from public.orders o
      where o.paid_at = v_paid_at and o.member_id = any (v_ids) and o.status = 'paid'
      except
      select z.id from unnest(p_paid_order_ids) as z (id));
  end if;

  with expired as (
    update public.members m
    set tier_override_id = null, tier_override_expires_at = null, tier_override_reason = null
    where m.id = any (v_ids) and m.tier_override_expires_at <= now()
    returning m.id
  )
  select coalesce(array_agg(e.id), '{}') into v_expired from expired e;

  with evaluated as (
    select m.id, m.store_id, m.tier_id as from_tier_id, m.tier_valid_until as from_valid_until, e.tier_id, e.valid_until, g.last_at, g.previous_at, g.median_gap,
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
    select o.id, o.store_id, o.member_id, o.external_ref, o.amount_base, o.placed_at, o.paid_at, true as earns
    from unnest(p_paid_order_ids) as x (id)
    join public.orders o on o.id = x.id
    union all
    -- First paid in the other call: only later for this call's orders.
    select o.id, o.store_id, o.member_id, o.external_ref, o.amount_base, o.placed_at, o.paid_at, false
    from unnest(v_later) as x (id)
    join public.orders o on o.id = x.id
    where o.status = 'paid' and o.member_id = any (v_ids)
  ), placed as (
    -- Orders paid again: the figures at their place (none in an import of new orders).
    select f.order_id, f.paid_orders, f.paid_amount
    from private.order_earning_figures(array(select p.id from paid p where p.earns and p.paid_at is distinct from v_paid_at)) f
  ), counted as (
    -- The company's period figures with each order counted: the evaluation's, less the orders
    -- first paid in this transaction that come after it (those inside the period, which are the
    -- ones it counted); for an order paid again, its place's.
    select o.*, e.tier_override_id, e.tier_override_expires_at,
      coalesce(f.paid_orders, e.paid_orders - count(*) filter (
        where o.paid_at = v_paid_at and o.placed_at > now() - make_interval(days => s.statistical_period_days)) over later)
        as paid_orders,
      coalesce(f.paid_amount, e.paid_amount - coalesce(sum(o.amount_base) filter (
        where o.paid_at = v_paid_at and o.placed_at > now() - make_interval(days => s.statistical_period_days)) over later, 0))
        as paid_amount
    from paid o
    join evaluated e on e.id = o.member_id
    join public.stores s on s.id = o.store_id
    left join placed f on f.order_id = o.id
    window later as (partition by o.member_id order by o.placed_at, o.external_ref rows between 1 following and unbounded following)
  ), earning as (
    select o.id, o.store_id, o.member_id, o.external_ref, s.base_currency, s.points_expiry_days,
      least(o.placed_at, now()) as earned_at, t.id as tier_id, coalesce(t.rebate_percent, 0) as rebate_percent,
      -- Less what the order holds from an earlier payment (nothing unless refunded and paid again),
      -- corrections and re-ratings included.
      floor(o.amount_base * coalesce(t.points_multiplier, 1) * s.points_per_currency_unit)::bigint
        - coalesce((select sum(l.delta) from public.points_ledger l
                    where l.order_id = o.id and l.reason in ('order', 'clawback', 'order_correction', 'order_rerated')), 0)
        as points,
      round(o.amount_base * coalesce(t.rebate_percent, 0) / 100, 2)
        - coalesce((select sum(r.delta) from public.rebate_ledger r
                    where r.order_id = o.id and r.reason in ('order', 'reversal', 'order_correction', 'order_rerated')), 0)
        as rebate
    from counted o
    join public.stores s on s.id = o.store_id
    -- tier_evaluations' rule (the highest-ranked tier whose minimums the figures meet, or the
    -- override if it ranks higher) on the figures with this order counted.
    left join lateral (
      select t.id, t.points_multiplier, t.rebate_percent from public.tiers t
      where t.store_id = o.store_id
        and ((t.min_paid_orders <= o.paid_orders and t.min_paid_amount <= o.paid_amount)
          or (t.id = o.tier_override_id and o.tier_override_expires_at > now()))
      order by t.rank desc
      limit 1
    ) t on true
    where o.earns
  ), points as (
    insert into public.points_ledger (store_id, member_id, delta, reason, order_id, earned_at, expires_at, remaining, note, tier_id)
    select r.store_id, r.member_id, r.points, 'order', r.id, r.earned_at,
      r.earned_at + make_interval(days => r.points_expiry_days), r.points, r.external_ref, r.tier_id
    from earning r where r.points > 0
    -- In the orders' own order within a member: ledger ids are the history's order, newest first.
    order by r.member_id, r.earned_at, r.id
    returning member_id, delta
  ), rebates as (
    insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, earned_at, note, tier_id)
    select r.store_id, r.member_id, r.rebate, r.base_currency, 'order', r.id, r.earned_at,
      format('%s%% of order %s', r.rebate_percent, r.external_ref), r.tier_id
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
  ), moved as (
    select e.id, e.store_id, e.from_tier_id, ft.name as from_tier_name, e.tier_id, tt.name as to_tier_name,
      case
        -- A rise in a refund's call follows the orders paid with it (new orders only raise a tier).
        when p_reason = 'refund' and ft.rank < tt.rank then 'orders'
        -- A drop in an orders' call that no change of an order made (order_changes at this instant,
        -- which tier_move_orders names) is time's: an override that expired, or a period that
        -- lapsed before the nightly re-evaluation recorded it.
        when p_reason = 'orders' and ft.rank > tt.rank and (e.id = any (v_expired) or e.from_valid_until <= now())
          and not exists (select 1 from public.order_changes c
                          where c.member_id = e.id and c.store_id = e.store_id and c.changed_at = now()) then
          case when e.id = any (v_expired) then 'override_expired' else 'period' end
        else coalesce(p_reason, case when e.id = any (v_expired) then 'override_expired' end, 'period')
      end as reason
    from evaluated e
    left join public.tiers ft on ft.id = e.from_tier_id
    left join public.tiers tt on tt.id = e.tier_id
    where e.tier_id is distinct from e.from_tier_id
  )
  insert into public.tier_changes (member_id, store_id, from_tier_id, from_tier_name, to_tier_id, to_tier_name, reason, paid_order_refs)
  select v.id, v.store_id, v.from_tier_id, v.from_tier_name, v.tier_id, v.to_tier_name, v.reason,
    -- The company's orders this transaction paid, whatever they earn, this call's and the other's:
    -- a move for new orders follows them all.
    case when v.reason = 'orders' then coalesce(pr.refs, '{}') end
  from moved v
  -- Aggregated once: a subquery per moved company read the whole of `paid` again for each.
  left join (select p.member_id, array_agg(p.external_ref order by p.placed_at, p.external_ref) as refs
             from paid p group by p.member_id) pr on pr.member_id = v.id
  order by v.id;
  get diagnostics v_changed = row_count;
  return v_changed;
end
$$;
