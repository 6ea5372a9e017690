/*
 * The analytics screen named a "removed tier" on a store that never removed one. On the seeded
 * demo store the members by tier showed most members in it until today, and the average order
 * value by tier had no other row. Two causes:
 * - joining, the first entry of a member's tier history, was dated when the row was written, not
 *   at the member's joined_at. The two are the same when a buyer joins through join_store, but a
 *   member written with an earlier joined_at (the seed; a merchant's back end bringing its
 *   existing members over) held no tier by the history from joining until that write, and the
 *   orders placed in between were stamped with none. The join is now dated at joined_at, and the
 *   joins already recorded later than it are moved back (which re-stamps those members' orders);
 * - the order value grouped orders placed under a tier removed since and orders placed before the
 *   buyer's first tier (before joining) into one row with a null tier, which the screen could only
 *   call a removed tier. A removed tier now keeps its id (with no name or rank, as the members
 *   over time keep it), so a null tier means only "before joining".
 */

/** Joining is the first entry of a member's tier history, dated when the member joined. */
create or replace function private.record_join()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.tier_changes (member_id, store_id, to_tier_id, to_tier_name, reason, changed_at)
  values (new.id, new.store_id, new.tier_id, (select t.name from public.tiers t where t.id = new.tier_id), 'join', new.joined_at);
  return null;
end
$$;

-- Only ever earlier: a join recorded later than joined_at left the member without a tier in
-- between. The tier history's update trigger re-stamps the orders placed since.
update public.tier_changes h set changed_at = m.joined_at
from public.members m
where m.id = h.member_id and h.reason = 'join' and h.changed_at > m.joined_at;

/**
 * Paid orders placed in the range by the tier the buyer held when ordering (orders.tier_id, by
 * the tier history): orders, revenue and average order value in the store's currency. A tier
 * removed since keeps its id with a null name and rank; a null tier is the orders placed before
 * the buyer joined. Those come first, then the tiers by rank.
 */
create or replace function public.analytics_order_value(p_store_id uuid, p_from timestamptz, p_to timestamptz)
returns table (tier_id uuid, tier_name text, tier_rank int, orders bigint, revenue numeric, average numeric, currency text)
language plpgsql stable security invoker
set search_path = ''
-- Custom plans, as analytics_members_over_time says.
set plan_cache_mode = 'force_custom_plan'
as $$
begin
  perform private.require_staff_of(p_store_id);
  perform private.check_range(p_from, p_to);
  return query
  with sold as (
    -- Summed by the tier id first (a handful of groups), named after: avg is sum / count.
    select o.tier_id, count(*) as orders, sum(o.amount_base) as revenue
    from public.orders o
    where o.store_id = p_store_id and o.status = 'paid' and o.placed_at >= p_from and o.placed_at < p_to
    group by o.tier_id
  )
  select x.tier_id, private.tier_json(t) ->> 'name', t.rank, x.orders, x.revenue, round(x.revenue / x.orders, 2),
    (select st.base_currency::text from public.stores st where st.id = p_store_id)
  from sold x left join public.tiers t on t.id = x.tier_id and t.store_id = p_store_id
  order by x.tier_id is not null, t.rank nulls first, x.tier_id;
end
$$;
