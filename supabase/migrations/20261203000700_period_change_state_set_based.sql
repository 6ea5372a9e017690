-- A change of statistical_period_days at a large store (issue 14): period_changed recomputed
-- every member's paid_once and paid_twice through paid_order_facts, one index probe, window and
-- median per member (100,000 at the bench's large store), ~3 s of CPU on top of the ~5 s the
-- rewrite of the member rows already cost: over the API's 8 s statement timeout, so the owner's
-- change could be cut off. Now one pass over the store's paid orders in member and time order.

/**
 * A new statistical period changes what every member's orders add up to, as time passing would:
 * the cached tiers stop being valid at once (reads evaluate live), and the change is recorded
 * on the member's next read or the scheduled evaluation, with reason 'period'. The instants
 * covered once and twice (members.paid_once) do not age with time: recomputed here, in the same
 * write of each member row, by paid_order_facts' rule over all the store's paid orders at once
 * (lag and lead partitioned by member): per member, the probes and windows cost more than the
 * rewrite of the rows. Members without paid orders keep their empty ranges.
 */
create or replace function private.period_changed()
returns trigger
language plpgsql security definer
set search_path = ''
-- Days of 24 hours whoever writes, as paid_order_facts.
set timezone = 'UTC'
as $$
declare
  v_period interval := make_interval(days => new.statistical_period_days);
begin
  update public.members m set tier_valid_until = null, paid_once = coalesce(f.once, '{}'), paid_twice = coalesce(f.twice, '{}')
  from public.members m0
  left join (
    select x.member_id,
      tstzmultirange(tstzrange(min(x.placed_at), max(x.placed_at) + v_period))
        - coalesce(range_agg(tstzrange(x.previous + v_period, x.placed_at)) filter (where x.previous + v_period < x.placed_at), '{}') as once,
      case when count(x.previous) > 0 then tstzmultirange(tstzrange(min(x.placed_at) filter (where x.previous is not null),
          greatest(min(x.placed_at) filter (where x.previous is not null), max(x.previous) + v_period)))
        - coalesce(range_agg(tstzrange(greatest(x.placed_at, x.previous + v_period), x.next)) filter (where x.previous + v_period < x.next), '{}')
      end as twice
    from (
      select o.member_id, o.placed_at, lag(o.placed_at) over t as previous, lead(o.placed_at) over t as next
      from public.orders o where o.store_id = new.id and o.status = 'paid'
      window t as (partition by o.member_id order by o.placed_at)
    ) x
    group by x.member_id
  ) f on f.member_id = m0.id
  where m0.store_id = new.id and m.id = m0.id
    and (m.tier_valid_until is not null or (m.paid_once, m.paid_twice) is distinct from (coalesce(f.once, '{}'), coalesce(f.twice, '{}')));
  return null;
end
$$;
