/**
 * Which orders a tier move followed, all of them. public.moved_order_ref (20261214000700) named
 * one order or none: a move for the reason `orders` was matched to the `order` rows the ledgers
 * wrote at its instant, so an import that paid several of a company's orders at once named none,
 * and so did an order that earned nothing (a tier with no points and no rebate writes no row),
 * though it moved the tier. A member reading the tier note and staff the member page could not
 * tell which order(s) it was.
 *
 * - tier_changes.paid_order_refs (new column): for the reason `orders`, the references of the
 *   company's orders the write paid (first paid, or paid again after a refund), in their place
 *   (placed_at, then reference), earned or not; empty when the move followed no payment (a
 *   correction or refund in part, which order_changes records); null for other reasons. Kept as
 *   they were, as the tier names are. private.refresh_tiers writes it from the orders it is passed
 *   (p_paid_order_ids, the company's ones): the orders it credits, which are the ones that moved
 *   the tier. Rows written before this migration are given what was kept of them: the orders an
 *   `order` row of either ledger credited at the move's instant, and the orders inserted paid in
 *   that transaction (imported_at is the move's instant, paid_at set, never updated since). An
 *   order paid again then and earning nothing, or inserted paid then and changed since, that also
 *   earned nothing, left no trace and stays unnamed there.
 * - public.moved_order_refs(tier_changes) (new computed field, replacing moved_order_ref): that
 *   column for the reason `orders`; for `refund` the orders its instant took back from (a
 *   `clawback` or `reversal` row, or a refund or cancellation order_changes recorded), all of
 *   them, as moved_order_ref found one; an empty array otherwise. Security invoker as before.
 * - public.moved_order_ref dropped: its one caller, the console's member page, reads the array.
 * - private.refresh_tiers re-created from 20261209001300, only its insert of tier_changes changed.
 */

alter table public.tier_changes add column paid_order_refs text[];
comment on column public.tier_changes.paid_order_refs is
  'Reason orders: the references of the company''s orders the move''s write paid, in their place; null for other reasons.';

-- Rows already written: what the ledgers and the orders kept of each instant's payments. The
-- tiers in effect stay the same, so the orders need no restamping (20261204000700 did the same).
alter table public.tier_changes disable trigger user;
with paid as (
  select h.id, l.order_id from public.tier_changes h
  join public.points_ledger l on l.member_id = h.member_id and l.store_id = h.store_id and l.created_at = h.changed_at and l.reason = 'order'
  where h.reason = 'orders'
  union
  select h.id, r.order_id from public.tier_changes h
  join public.rebate_ledger r on r.member_id = h.member_id and r.store_id = h.store_id and r.created_at = h.changed_at and r.reason = 'order'
  where h.reason = 'orders'
  union
  -- Inserted paid by the move's transaction and untouched since: paid then.
  select h.id, o.id from public.tier_changes h
  join public.orders o on o.member_id = h.member_id and o.store_id = h.store_id and o.imported_at = h.changed_at
  where h.reason = 'orders' and o.paid_at is not null and o.updated_at = o.imported_at
)
update public.tier_changes h set paid_order_refs = n.refs
from (select p.id, array_agg(o.external_ref order by o.placed_at, o.external_ref) as refs
      from paid p join public.orders o on o.id = p.order_id group by p.id) n
where n.id = h.id;
update public.tier_changes h set paid_order_refs = '{}' where h.reason = 'orders' and h.paid_order_refs is null;
alter table public.tier_changes enable trigger user;

/** refresh_tiers as in 20261209001300, a move for the reason `orders` recording the orders it paid. */
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
  -- reach this function in two calls, one per trigger, and each call's orders must count the
  -- other's as later where they come later, as in one batch.
  if cardinality(p_paid_order_ids) > 0 then
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
  )
  insert into public.tier_changes (member_id, store_id, from_tier_id, from_tier_name, to_tier_id, to_tier_name, reason, paid_order_refs)
  select e.id, e.store_id,
    e.from_tier_id, (select t.name from public.tiers t where t.id = e.from_tier_id),
    e.tier_id, (select t.name from public.tiers t where t.id = e.tier_id),
    coalesce(p_reason, case when e.id = any (v_expired) then 'override_expired' end, 'period'),
    -- The company's orders this call pays, whatever they earn: a move for new orders follows them all.
    case when p_reason = 'orders' then
      array(select p.external_ref from paid p where p.earns and p.member_id = e.id order by p.placed_at, p.external_ref) end
  from evaluated e
  where e.tier_id is distinct from e.from_tier_id
  order by e.id;
  get diagnostics v_changed = row_count;
  return v_changed;
end
$$;

drop function public.moved_order_ref(public.tier_changes);

/**
 * The orders a move followed, in their place: for the reason `orders` those its write paid (the
 * row's paid_order_refs); for `refund` those its instant took back from, found at the move's
 * instant (one transaction); else none.
 */
create function public.moved_order_refs(public.tier_changes)
returns text[]
language sql stable
set search_path = ''
as $$
  select case $1.reason
    when 'orders' then coalesce($1.paid_order_refs, '{}')
    when 'refund' then (
      select coalesce(array_agg(o.external_ref order by o.placed_at, o.external_ref), '{}')
      from (select l.order_id from public.points_ledger l
            where l.member_id = $1.member_id and l.store_id = $1.store_id and l.created_at = $1.changed_at and l.reason = 'clawback'
            union
            select r.order_id from public.rebate_ledger r
            where r.member_id = $1.member_id and r.store_id = $1.store_id and r.created_at = $1.changed_at and r.reason = 'reversal'
            union
            -- A refund of an order that held nothing to take back.
            select c.order_id from public.order_changes c
            where c.member_id = $1.member_id and c.store_id = $1.store_id and c.changed_at = $1.changed_at
              and c.kind in ('refunded_in_full', 'cancelled')) x
      join public.orders o on o.id = x.order_id)
    else '{}'
  end
$$;
revoke execute on function public.moved_order_refs(public.tier_changes) from public, anon;
grant execute on function public.moved_order_refs(public.tier_changes) to authenticated;
