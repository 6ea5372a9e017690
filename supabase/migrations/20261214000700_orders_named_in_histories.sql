/**
 * The order a tier move followed, and the tier a settled order left: what the console's member page
 * needs to name them (a merchant's walkthrough: "Paid order" and "Order refunded" in the tier
 * history named no order while the ledgers beside it did, and a refund in part that took back a
 * whole rebate said only "Order refunded in part").
 *
 * tier_changes records no order, and the ledgers record the tier an order earns at (tier_id) but
 * not the one it earned at before. Both are found from rows already kept, so nothing new is
 * tracked:
 * - public.moved_order_ref(tier_changes) (new computed field): the order a move for the reason
 *   `orders` or `refund` followed, when exactly one: the order credited (`order`) or taken back
 *   from (`clawback`, `reversal`, or the refund order_changes recorded) at the move's instant, one
 *   transaction, as changed_order_ref (20261214000500) matches the import's changes.
 * - public.tier_before(points_ledger) and public.tier_before(rebate_ledger) (new computed fields):
 *   on an `order_correction` or `order_rerated` row, the tier the order was earning at before it:
 *   its latest earlier credit's or settlement's tier_id in that ledger.
 * Security invoker, authenticated only, as orders_changed: the rows come through their tables' RLS.
 */

/** One order's reference when the move's instant credited (reason `orders`) or took back from (`refund`) exactly one. */
create function public.moved_order_ref(public.tier_changes)
returns text
language sql stable
set search_path = ''
as $$
  select case when count(distinct x.order_id) = 1 then min(o.external_ref) end
  from (select l.order_id from public.points_ledger l
        where l.member_id = $1.member_id and l.store_id = $1.store_id and l.created_at = $1.changed_at
          and l.reason = case $1.reason when 'orders' then 'order' when 'refund' then 'clawback' end
        union all
        select r.order_id from public.rebate_ledger r
        where r.member_id = $1.member_id and r.store_id = $1.store_id and r.created_at = $1.changed_at
          and r.reason = case $1.reason when 'orders' then 'order' when 'refund' then 'reversal' end
        union all
        -- A refund of an order that held nothing to take back.
        select c.order_id from public.order_changes c
        where $1.reason = 'refund' and c.member_id = $1.member_id and c.store_id = $1.store_id and c.changed_at = $1.changed_at
          and c.kind in ('refunded_in_full', 'cancelled')) x
  join public.orders o on o.id = x.order_id
$$;

/** On a settlement of an order's points, the tier it earned at before (null when unrecorded). */
create function public.tier_before(public.points_ledger)
returns uuid
language sql stable
set search_path = ''
as $$
  select l.tier_id from public.points_ledger l
  where $1.reason in ('order_correction', 'order_rerated') and l.order_id = $1.order_id and l.id < $1.id
    and l.reason in ('order', 'order_correction', 'order_rerated')
  order by l.id desc
  limit 1
$$;

/** On a settlement of an order's rebate, the tier it earned at before (null when unrecorded). */
create function public.tier_before(public.rebate_ledger)
returns uuid
language sql stable
set search_path = ''
as $$
  select r.tier_id from public.rebate_ledger r
  where $1.reason in ('order_correction', 'order_rerated') and r.order_id = $1.order_id and r.id < $1.id
    and r.reason in ('order', 'order_correction', 'order_rerated')
  order by r.id desc
  limit 1
$$;

revoke execute on function public.moved_order_ref(public.tier_changes), public.tier_before(public.points_ledger),
  public.tier_before(public.rebate_ledger) from public, anon;
grant execute on function public.moved_order_ref(public.tier_changes), public.tier_before(public.points_ledger),
  public.tier_before(public.rebate_ledger) to authenticated;
