/**
 * The orders a standing lists carry their changes. membership_standing and staff_member_standing
 * (both private.member_standing's) gave the counted orders without what the import changed in
 * them (order_changes), so My membership and the console's member page each read order_changes a
 * second time and grouped it by order in TypeScript, for a partly refunded order's original amount.
 *
 * - private.member_standing (as in 20261211000800): each listed order has `changes`, its
 *   order_changes (id, kind, amount_before, currency_before) in id order, as the orders lists
 *   embed them. Read for the listed orders only (p_limit's), by order, not for the whole period.
 *   The result stays jsonb: no signature, grant or wrapper changes, and both callers keep their
 *   own checks of who may ask about which company.
 *
 * Every other line of the re-created function is as in the migration named.
 */

/** As in 20261211000800, each listed order with its changes (order_changes), oldest first. */
create or replace function private.member_standing(p_member_id uuid, p_limit int)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores;
  v_left_at timestamptz;
  v_period interval;
  v_start timestamptz;
  v_orders jsonb;
  v_now public.tiers;
  v_paid_orders int;
  v_paid_amount numeric;
  v_fall jsonb;
begin
  if p_limit < 1 then
    perform private.reject('p_limit', 'must be at least 1');
  end if;
  select s.* into v_store from public.stores s join public.members m on m.store_id = s.id where m.id = p_member_id;
  v_left_at := (select m.left_at from public.members m where m.id = p_member_id);
  v_period := make_interval(days => v_store.statistical_period_days);
  v_start := now() - v_period;

  select count(*), coalesce(sum(o.amount_base), 0) into v_paid_orders, v_paid_amount
  from public.orders o
  where o.member_id = p_member_id and o.status = 'paid' and o.placed_at > v_start
    and (v_left_at is null or o.paid_at < v_left_at);

  select * into v_now from public.tiers t
  where t.store_id = v_store.id and t.min_paid_orders <= v_paid_orders and t.min_paid_amount <= v_paid_amount
  order by t.rank desc limit 1;

  -- After an order leaves, the orders placed strictly later remain (orders placed at the same
  -- instant leave together: `exclude group` leaves out the order's peers). One ordered pass, not
  -- a rescan of the later orders per order.
  with counted as (
    select o.id, o.external_ref, o.placed_at, o.amount, o.currency, o.amount_base,
      count(*) over later as orders_after,
      coalesce(sum(o.amount_base) over later, 0) as amount_after
    from public.orders o
    where o.member_id = p_member_id and o.status = 'paid' and o.placed_at > v_start
      and (v_left_at is null or o.paid_at < v_left_at)
    window later as (order by o.placed_at range between current row and unbounded following exclude group)
  ), reached as (
    select c.*, a.id as tier_id, a.rank as tier_rank,
      row_number() over (order by c.placed_at, c.id) as n
    from counted c
    cross join lateral (
      select t.id, t.rank from public.tiers t
      where t.store_id = v_store.id and t.min_paid_orders <= c.orders_after and t.min_paid_amount <= c.amount_after
      order by t.rank desc limit 1
    ) a
  ), listed as (
    -- The changes of the listed orders alone, each order's by its index: a big buyer's page
    -- lists a few of the period's orders.
    select r.n, jsonb_build_object(
        'id', r.id, 'external_ref', r.external_ref, 'placed_at', r.placed_at, 'amount', r.amount,
        'currency', r.currency, 'amount_base', r.amount_base, 'leaves_at', r.placed_at + v_period,
        'orders_after', r.orders_after, 'amount_after', r.amount_after,
        'tier_after', jsonb_build_object('id', r.tier_id, 'rank', r.tier_rank),
        'changes', ch.changes) as listed_order
    from reached r
    cross join lateral (
      select coalesce(jsonb_agg(jsonb_build_object('id', x.id, 'kind', x.kind,
          'amount_before', x.amount_before, 'currency_before', x.currency_before) order by x.id), '[]') as changes
      from public.order_changes x
      where x.order_id = r.id
    ) ch
    where r.n <= coalesce(p_limit, v_paid_orders)
  )
  select
    coalesce((select jsonb_agg(l.listed_order order by l.n) from listed l), '[]'),
    (array_agg(jsonb_build_object('leaves_at', r.placed_at + v_period,
        'orders_after', r.orders_after, 'amount_after', r.amount_after,
        'tier_after', jsonb_build_object('id', r.tier_id, 'rank', r.tier_rank)) order by r.n)
      filter (where r.tier_rank < v_now.rank))[1]
  into v_orders, v_fall
  from reached r;

  return jsonb_build_object(
    'window_start', v_start,
    'period_days', v_store.statistical_period_days,
    'currency', v_store.base_currency,
    'paid_orders', v_paid_orders,
    'paid_amount', v_paid_amount,
    'orders_tier', jsonb_build_object('id', v_now.id, 'rank', v_now.rank,
      'min_paid_orders', v_now.min_paid_orders, 'min_paid_amount', v_now.min_paid_amount),
    'orders', v_orders,
    'holds_until', v_fall ->> 'leaves_at',
    'falls_to', v_fall -> 'tier_after',
    'to_keep', case when v_fall is null then null else jsonb_build_object(
      'orders_needed', greatest(v_now.min_paid_orders - (v_fall ->> 'orders_after')::int, 0),
      'amount_needed', greatest(v_now.min_paid_amount - (v_fall ->> 'amount_after')::numeric, 0)) end
  );
end
$$;
