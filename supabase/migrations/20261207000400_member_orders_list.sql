/**
 * My membership's "Your orders" lists every order of the member's company at the store through
 * the `orders` select policy (a contact reads their company's orders; no RPC, no new grant): `GET
 * orders?member_id=eq.M&order=placed_at.desc,id.desc` a page at a time, the order every history of
 * a company is listed in (src/lib/history-order.ts), which the console's member page reads too.
 * orders_member_status_placed_idx leads with member_id but holds status before placed_at, so it
 * gives a company's orders in no useful order: each page read and sorted all of them. For the
 * biggest buyer of the bench's shape (5,000 orders of a store of 100,000, interleaved in the heap
 * as they arrived; EXPLAIN ANALYZE as that buyer) the first page of 21 read 1,852 heap pages and
 * took 30-130 ms; with this index it reads 21 rows and takes about 1.2 ms.
 */
create index orders_member_placed_idx on public.orders (member_id, placed_at, id);

/**
 * Until when a paid order counts toward its company's tier: placed_at plus the store's
 * statistical period, the engine's rule (private.count_paid_in_periods, my_membership's
 * `leaves_at`); null for an order that is not paid. A computed field (`select=counts_until`), so
 * the portal shows the engine's date instead of adding the period up itself. It runs as the caller
 * on an order its RLS already let through; stores are readable by anyone.
 */
create function public.counts_until(public.orders)
returns timestamptz
language sql stable
set search_path = ''
as $$
  select case when $1.status = 'paid' then $1.placed_at + make_interval(days => s.statistical_period_days) end
  from public.stores s where s.id = $1.store_id
$$;
revoke execute on function public.counts_until(public.orders) from public, anon;
grant execute on function public.counts_until(public.orders) to authenticated;
