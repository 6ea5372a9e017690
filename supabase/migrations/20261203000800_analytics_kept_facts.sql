-- Analytics from facts the engine keeps (issue 14). The console's analytics page sends its five
-- queries at once; at a large merchant (100,000 members, 1,000,000 orders) it waited 1.2 s, over
-- the second it should take, and most of that was reading the same year of paid orders again:
-- - the average order value by tier found the buyer's tier at each of 300,000 paid orders from
--   the tier history (a window over the store's tier changes, hashed against the orders). The
--   tier at an order's time only changes when the order's time or the history before it does,
--   so each order now keeps it (orders.tier_id), and the order value is one index-only pass;
-- - the conversions grouped the year's paid orders by buyer to find who bought twice, and probed
--   the orders of every member who joined or claimed. A member's newest paid order was already
--   kept (members.last_paid_order_at); keeping the one before it (previous_paid_order_at) lets
--   one pass over the members answer all three, reading orders only for members whose newest
--   order is after the range;
-- - members over time grouped its members' stage strings six times over (one sort each) and
--   compared each member's coverage with a multirange built for it; it now groups the distinct
--   strings once and tests coverage with one containment;
-- - the liabilities summed every member's rebate wallet to find the few that hold one.

-- ---------------------------------------------------------------------------------------------
-- The tier each order was placed under
-- ---------------------------------------------------------------------------------------------

alter table public.orders add column tier_id uuid;
comment on column public.orders.tier_id is
  'The tier the buyer held when the order was placed, by the tier history (null before the buyer''s first tier change; a removed tier''s id stays, as in tier_changes). Kept by the engine.';

/**
 * The tier a member held at an instant by the tier history: the last change at or before it (by
 * time, then id, as store_tier_spans orders them); null before the first.
 */
create function private.tier_at(p_store_id uuid, p_member_id uuid, p_at timestamptz)
returns uuid
language sql stable
set search_path = ''
as $$
  select h.to_tier_id from public.tier_changes h
  where h.store_id = p_store_id and h.member_id = p_member_id and h.changed_at <= p_at
  order by h.changed_at desc, h.id desc
  limit 1
$$;

/** An order's tier whenever its buyer or time is written (the importer lists both on every update). */
create function private.stamp_order_tier()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or (new.member_id, new.placed_at) is distinct from (old.member_id, old.placed_at) then
    new.tier_id := private.tier_at(new.store_id, new.member_id, new.placed_at);
  end if;
  return new;
end
$$;

/**
 * Tier changes written (the engine appends them; a correction may move one) re-stamp their
 * members' orders placed at or after the earliest instant written: usually none, as the engine
 * records a change at its transaction's time and orders are placed before. History is only
 * deleted with its member, whose orders go too.
 */
create function private.restamp_order_tiers()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_stores uuid[];
  v_members uuid[];
  v_since timestamptz[];
begin
  select array_agg(n.store_id), array_agg(n.member_id), array_agg(n.changed_at) into v_stores, v_members, v_since from new_changes n;
  if tg_op = 'UPDATE' then
    select v_stores || array_agg(o.store_id), v_members || array_agg(o.member_id), v_since || array_agg(o.changed_at)
    into v_stores, v_members, v_since from old_changes o;
  end if;
  -- Without this, an update of no rows would still run the orders' statement triggers.
  if not exists (select 1 from unnest(v_stores, v_members, v_since) c (store_id, member_id, since)
                 join public.orders o on o.member_id = c.member_id and o.store_id = c.store_id
                   and o.status in ('paid', 'refunded', 'cancelled') and o.placed_at >= c.since) then
    return null;
  end if;
  update public.orders o set tier_id = private.tier_at(o.store_id, o.member_id, o.placed_at)
  from (select c.store_id, c.member_id, min(c.since) as since from unnest(v_stores, v_members, v_since) c (store_id, member_id, since) group by 1, 2) c
  where o.member_id = c.member_id and o.store_id = c.store_id and o.status in ('paid', 'refunded', 'cancelled') and o.placed_at >= c.since
    and o.tier_id is distinct from private.tier_at(o.store_id, o.member_id, o.placed_at);
  return null;
end
$$;

-- Called by the triggers only, as their owner.
revoke execute on function private.tier_at(uuid, uuid, timestamptz), private.stamp_order_tier(), private.restamp_order_tiers() from public;

create trigger orders_stamp_tier before insert or update of member_id, placed_at on public.orders
  for each row execute function private.stamp_order_tier();
-- A trigger with transition tables serves one event.
create trigger tier_changes_restamp_orders_after_insert after insert on public.tier_changes
  referencing new table as new_changes for each statement execute function private.restamp_order_tiers();
create trigger tier_changes_restamp_orders_after_update after update on public.tier_changes
  referencing old table as old_changes new table as new_changes for each statement execute function private.restamp_order_tiers();

-- Existing orders, once; the engine's triggers have nothing to do for a column they do not read.
alter table public.orders disable trigger user;
update public.orders o set tier_id = private.tier_at(o.store_id, o.member_id, o.placed_at);
alter table public.orders enable trigger user;

-- The store's paid orders by date now carry their tier, for the order value from the index alone.
drop index public.orders_store_paid_placed_idx;
create index orders_store_paid_placed_idx on public.orders (store_id, placed_at)
  include (member_id, amount_base, tier_id) where status = 'paid';

/**
 * Paid orders placed in the range by the tier the buyer held when ordering (orders.tier_id, by
 * the tier history; tiers removed since are grouped under a null tier): orders, revenue and
 * average order value in the store's currency, by rank.
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
  select t.id, private.tier_json(t) ->> 'name', t.rank, sum(x.orders)::bigint, sum(x.revenue), round(sum(x.revenue) / sum(x.orders), 2),
    (select st.base_currency::text from public.stores st where st.id = p_store_id)
  from sold x left join public.tiers t on t.id = x.tier_id and t.store_id = p_store_id
  group by t.id
  order by t.rank nulls first;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The paid order before the newest, kept beside the newest
-- ---------------------------------------------------------------------------------------------

alter table public.members add column previous_paid_order_at timestamptz;
comment on column public.members.previous_paid_order_at is
  'When the paid order before the newest (last_paid_order_at) was placed; null below two paid orders (kept by the engine).';

-- One more column of what the facts return.
drop function private.paid_order_facts(uuid[]);
/**
 * What a set of members' paid orders give besides the tier, in one pass over each member's paid
 * orders in time order: the newest and the one before it, the median gap between consecutive
 * ones (null below two), and the instants whose statistical period holds one of them (`once`)
 * and two (`twice`), see members.paid_once. One row per member id given (ids given once each).
 */
create function private.paid_order_facts(p_member_ids uuid[])
returns table (member_id uuid, last_at timestamptz, previous_at timestamptz, median_gap interval, once tstzmultirange, twice tstzmultirange)
language plpgsql stable security definer
set search_path = ''
-- One index probe per member whatever the ids, as count_paid_in_periods.
set plan_cache_mode = force_generic_plan
-- Days of 24 hours whoever writes: the state must not depend on the writer's time zone.
set timezone = 'UTC'
as $$
#variable_conflict use_column
begin
  return query
  select m.id, g.last_at, g.previous_at, g.median_gap, coalesce(g.once, '{}'), coalesce(g.twice, '{}')
  from unnest(p_member_ids) as i (id)
  join public.members m on m.id = i.id
  join public.stores s on s.id = m.store_id
  cross join lateral (select make_interval(days => s.statistical_period_days) as period) w
  -- With orders o1 <= ... <= on: once is [o1, on + period) but for the gaps between an order's
  -- period and the next order; twice holds [oi, oi+1) up to oi-1 + period, so it is [o2,
  -- on-1 + period) but for [max(oi, oi-1 + period), oi+1) where that is not empty. Built from the
  -- gaps (a few per member) rather than one range per order: a range per order and buyer made an
  -- import of 10,000 rows 60 % slower.
  cross join lateral (
    select max(x.placed_at) as last_at, max(x.previous) as previous_at,
      percentile_cont(0.5) within group (order by x.placed_at - x.previous) as median_gap,
      case when count(*) > 0 then tstzmultirange(tstzrange(min(x.placed_at), max(x.placed_at) + w.period))
        - coalesce(range_agg(tstzrange(x.previous + w.period, x.placed_at)) filter (where x.previous + w.period < x.placed_at), '{}')
      end as once,
      case when count(x.previous) > 0 then tstzmultirange(tstzrange(min(x.placed_at) filter (where x.previous is not null),
          greatest(min(x.placed_at) filter (where x.previous is not null), max(x.previous) + w.period)))
        - coalesce(range_agg(tstzrange(greatest(x.placed_at, x.previous + w.period), x.next)) filter (where x.previous + w.period < x.next), '{}')
      end as twice
    from (
      select o.placed_at, lag(o.placed_at) over t as previous, lead(o.placed_at) over t as next
      from public.orders o where o.member_id = m.id and o.store_id = m.store_id and o.status = 'paid'
      window t as (order by o.placed_at)
    ) x
  ) g;
end
$$;

revoke execute on function private.paid_order_facts(uuid[]) from public;

/**
 * refresh_tiers as before (20261203000600), now also keeping the paid order before the newest.
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

  with expired as (
    update public.members m
    set tier_override_id = null, tier_override_expires_at = null, tier_override_reason = null
    where m.id = any (v_ids) and m.tier_override_expires_at <= now()
    returning m.id
  )
  select coalesce(array_agg(e.id), '{}') into v_expired from expired e;

  with evaluated as (
    select m.id, m.store_id, m.tier_id as from_tier_id, e.tier_id, e.valid_until, g.last_at, g.previous_at, g.median_gap,
      g.once, g.twice, e.paid_orders, e.paid_amount, e.oldest_placed_at
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
    select o.id, o.store_id, o.member_id, o.external_ref, o.amount_base, o.placed_at
    from unnest(p_paid_order_ids) as x (id)
    join public.orders o on o.id = x.id
  ), earning as (
    select o.id, o.store_id, o.member_id, o.external_ref, s.base_currency, s.points_expiry_days,
      least(o.placed_at, now()) as earned_at, coalesce(t.rebate_percent, 0) as rebate_percent,
      floor(o.amount_base * coalesce(t.points_multiplier, 1) * s.points_per_currency_unit)::bigint as points,
      round(o.amount_base * coalesce(t.rebate_percent, 0) / 100, 2) as rebate
    from paid o
    join evaluated e on e.id = o.member_id
    join public.stores s on s.id = o.store_id
    left join public.tiers t on t.id = e.tier_id
  ), points as (
    -- Only what is inserted is credited: an order that earned before (refunded, then paid again)
    -- conflicts with its credit and earns nothing.
    insert into public.points_ledger (store_id, member_id, delta, reason, order_id, earned_at, expires_at, remaining, note)
    select r.store_id, r.member_id, r.points, 'order', r.id, r.earned_at,
      r.earned_at + make_interval(days => r.points_expiry_days), r.points, r.external_ref
    from earning r where r.points > 0
    -- In the orders' own order within a member: ledger ids are the history's order, newest first.
    order by r.member_id, r.earned_at, r.id
    on conflict do nothing
    returning member_id, delta
  ), rebates as (
    insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, note)
    select r.store_id, r.member_id, r.rebate, r.base_currency, 'order', r.id,
      format('%s%% of order %s', r.rebate_percent, r.external_ref)
    from earning r where r.rebate > 0
    order by r.member_id, r.earned_at, r.id
    on conflict do nothing
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


-- Back-fill: members with two paid orders or more (the others keep null).
update public.members m set previous_paid_order_at = f.previous_at
from (
  select x.member_id, max(x.previous) as previous_at
  from (select o.member_id, lag(o.placed_at) over (partition by o.member_id order by o.placed_at) as previous
        from public.orders o where o.status = 'paid') x
  group by x.member_id
) f
where m.id = f.member_id and f.previous_at is not null;

/**
 * Conversions over the range, each as (metric, base, converted, rate):
 *   join_first_order  members who joined in the range; converted: a paid order placed after
 *                     joining and before the range's end
 *   repurchase        members with a paid order placed in the range; converted: two or more
 *   sample_order      members who claimed a sample (not cancelled or rejected) in the range;
 *                     converted: a paid order placed after their first such claim, before the end
 * rate = converted / base (4 decimals), null when the base is 0.
 * Every question is about a member's newest paid orders before the range's end. For a member
 * whose newest paid order is before the end, the two newest kept by the engine answer it; only
 * the others' orders in the range are read (none when the range ends today). At a large
 * merchant this replaces grouping the year's 300,000 paid orders by buyer and probing the orders
 * of every member who joined or claimed.
 */
create or replace function public.analytics_conversions(p_store_id uuid, p_from timestamptz, p_to timestamptz)
returns table (metric text, base bigint, converted bigint, rate numeric)
language plpgsql stable security invoker
set search_path = ''
-- Planned for the range at hand: how many members ordered after it decides the plan.
set plan_cache_mode = 'force_custom_plan'
as $$
begin
  perform private.require_staff_of(p_store_id);
  perform private.check_range(p_from, p_to);
  return query
  with claimed as (
    select sc.member_id, min(sc.created_at) as first_claim from public.sample_claims sc
    where sc.store_id = p_store_id and sc.status in ('requested', 'approved', 'shipped')
      and sc.created_at >= p_from and sc.created_at < p_to
    group by sc.member_id
  ), later as materialized (
    -- Members who ordered after the range: their newest paid order in it and how many it holds.
    -- By their orders' index when they are few (a range ending today), by the range's orders
    -- when they are many (a range long past).
    select m.id, m.joined_at, max(o.placed_at) as newest, count(o.member_id) as n
    from public.members m
    left join public.orders o on o.member_id = m.id and o.store_id = p_store_id and o.status = 'paid'
      and o.placed_at >= p_from and o.placed_at < p_to
    where m.store_id = p_store_id and m.last_paid_order_at >= p_to
    group by m.id
  ), buyers as (
    -- newest: the newest paid order before the end (in the range, for the members above);
    -- two: two paid orders or more in the range.
    select m.id, m.joined_at, m.last_paid_order_at as newest, m.previous_paid_order_at >= p_from as two
    from public.members m
    where m.store_id = p_store_id and (m.last_paid_order_at < p_to or m.last_paid_order_at is null)
    union all
    select l.id, l.joined_at, l.newest, l.n >= 2 from later l
  ), counts as (
    select count(*) filter (where b.joined_at >= p_from and b.joined_at < p_to) as joined,
      count(*) filter (where b.joined_at >= p_from and b.joined_at < p_to and b.newest >= b.joined_at) as joined_ordered,
      count(*) filter (where b.newest >= p_from) as bought, count(*) filter (where b.newest >= p_from and b.two) as bought_twice,
      count(c.first_claim) as claimed, count(*) filter (where b.newest >= c.first_claim) as claimed_ordered
    from buyers b
    left join claimed c on c.member_id = b.id
  )
  select f.metric, f.base, f.converted, case when f.base > 0 then round(f.converted::numeric / f.base, 4) end
  from counts c
  cross join lateral (values (1, 'join_first_order', c.joined, c.joined_ordered), (2, 'repurchase', c.bought, c.bought_twice),
    (3, 'sample_order', c.claimed, c.claimed_ordered)) f (ord, metric, base, converted)
  order by f.ord;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Members over time: the stage strings grouped once
-- ---------------------------------------------------------------------------------------------

/**
 * As 20261203000600: members by tier and by lifecycle stage at the end of each period.
 */
create or replace function public.analytics_members_over_time(p_store_id uuid, p_from timestamptz, p_to timestamptz, p_period text default 'month')
returns table (period_end timestamptz, dimension text, key text, label text, rank int, members bigint)
language plpgsql stable security invoker
set search_path = ''
-- The hashes of a large store's members (100,000) in memory rather than on disk; the RPC is
-- staff-only and runs once per analytics page.
set work_mem = '32MB'
-- Planned for the store and range at hand every time: from the sixth call of a session PL/pgSQL
-- would switch to a generic plan, built for an average store, about 20 % slower at 100,000
-- members.
set plan_cache_mode = 'force_custom_plan'
as $$
declare
  v_step interval;
  v_window interval;
  v_ends timestamptz[];
  v_first timestamptz;
  v_last timestamptz;
  v_n int;
  v_after timestamptz[];
  v_opens timestamptz[];
  v_ones varbit;
  v_span tstzrange;
begin
  perform private.require_staff_of(p_store_id);
  perform private.check_range(p_from, p_to);
  v_step := case p_period when 'day' then interval '1 day' when 'week' then interval '7 days' when 'month' then interval '1 month' end;
  if v_step is null then
    perform private.reject('period', 'must be one of day, week, month');
  end if;
  if p_from + 400 * v_step < p_to then
    perform private.reject('period', 'gives more than 400 periods in this range: choose a longer one');
  end if;
  select make_interval(days => s.statistical_period_days) into v_window from public.stores s where s.id = p_store_id;
  v_ends := array(select least(g + v_step, p_to) from generate_series(p_from, p_to - interval '1 microsecond', v_step) g order by 1);
  v_n := cardinality(v_ends);
  v_first := v_ends[1];
  v_last := v_ends[v_n];
  -- A period end's statistical window is (end - window, end]. Timestamps are microseconds, so
  -- for an instant t: the ends before t are the ends + 1 µs not after t, and the windows that
  -- have opened by t (their start before t) are the starts + 1 µs not after t.
  v_after := array(select e + interval '1 microsecond' from unnest(v_ends) e order by 1);
  v_opens := array(select e - v_window + interval '1 microsecond' from unnest(v_ends) e order by 1);
  v_ones := repeat('1', v_n)::varbit;
  -- The instants whose ranges set a bit: from the first end on, up to the last end.
  v_span := tstzrange(v_first, v_last, '[]');

  -- What a member was at each period end is a bit string, one bit per end: the ends whose
  -- windows held a paid order, two (the ends inside the member's paid_once and paid_twice
  -- ranges: a range [a, b) sets the ends from the first at or after a to the last before b), an
  -- inquiry, claim or redemption, the top tier; and the ends since joining. A stage is an
  -- expression of these; where a stage starts or stops is counted per end once per distinct bit
  -- string. The work grows with the store's members and other rows in the range and barely with
  -- periods (longer strings).
  return query
  with tiers as materialized (
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name, t.rank > 0 and t.rank = max(t.rank) over () as top
    from public.tiers t where t.store_id = p_store_id
  ), joined as materialized (
    -- i: the first period end at or after joining; once, twice: the ends whose windows held one
    -- paid order, two (null when none). Most members' coverage is one range, whose bounds are
    -- the multirange's (it contains its own span): unnesting it per member cost as much as the
    -- rest of this scan.
    select m.id, width_bucket(m.joined_at, v_after) + 1 as i,
      case when not m.paid_once && v_span then null
        when m.paid_once @> range_merge(m.paid_once)
          then (v_ones >> width_bucket(lower(m.paid_once), v_after)) & (v_ones << (v_n - width_bucket(upper(m.paid_once), v_after)))
        else (select bit_or((v_ones >> width_bucket(lower(r), v_after)) & (v_ones << (v_n - width_bucket(upper(r), v_after))))
              from unnest(m.paid_once) r) end as once,
      case when not m.paid_twice && v_span then null
        when m.paid_twice @> range_merge(m.paid_twice)
          then (v_ones >> width_bucket(lower(m.paid_twice), v_after)) & (v_ones << (v_n - width_bucket(upper(m.paid_twice), v_after)))
        else (select bit_or((v_ones >> width_bucket(lower(r), v_after)) & (v_ones << (v_n - width_bucket(upper(r), v_after))))
              from unnest(m.paid_twice) r) end as twice
    from public.members m
    where m.store_id = p_store_id and m.joined_at <= v_last
  ), spans as materialized (
    -- The tiers a member held, from its joining on, as the ends lo to hi.
    select s.member_id, s.tier_id, greatest(width_bucket(s.since, v_after) + 1, j.i) as lo,
      coalesce(width_bucket(s.until, v_after), v_n) as hi
    from private.store_tier_spans(p_store_id, p_to) s join joined j on j.id = s.member_id
    where s.until is null or s.until > v_first
  ), active as (
    -- (an event's first end is width_bucket + 1, so its shift is width_bucket)
    select a.member_id, bit_or((v_ones >> width_bucket(a.t, v_after)) & (v_ones << (v_n - width_bucket(a.t, v_opens)))) as active
    from (
      select i.member_id, i.created_at as t from public.inquiries i where i.store_id = p_store_id
      union all
      select c.member_id, c.created_at from public.sample_claims c where c.store_id = p_store_id
      union all
      select l.member_id, l.earned_at from public.points_ledger l where l.store_id = p_store_id and l.reason = 'redemption'
    ) a where a.t > v_first - v_window and a.t <= v_last
    group by a.member_id
  ), top as (
    select s.member_id, bit_or((v_ones >> (s.lo - 1)) & (v_ones << (v_n - s.hi))) as top
    from spans s join tiers t on t.id = s.tier_id and t.top
    group by s.member_id
  ), levels as (
    -- At least interested (1), purchasing (2), loyal (3), as member_lifecycle decides them,
    -- from joining on, counted per distinct set of strings (members share them); where each
    -- starts (up) and stops (down: the end after its last).
    select l.l1 & ~(l.l1 >> 1) as up1, ~l.l1 & (l.l1 >> 1) as down1, l.l2 & ~(l.l2 >> 1) as up2, ~l.l2 & (l.l2 >> 1) as down2,
      l.l3 & ~(l.l3 >> 1) as up3, ~l.l3 & (l.l3 >> 1) as down3, l.n
    from (
      select (v_ones >> (j.i - 1)) & (coalesce(j.once, z.z) | coalesce(t.top, z.z) | coalesce(a.active, z.z)) as l1,
        (v_ones >> (j.i - 1)) & (coalesce(j.once, z.z) | coalesce(t.top, z.z)) as l2,
        (v_ones >> (j.i - 1)) & (coalesce(j.twice, z.z) | coalesce(t.top, z.z)) as l3, count(*) as n
      from joined j
      left join active a on a.member_id = j.id
      left join top t on t.member_id = j.id
      cross join (select v_ones >> v_n as z) z
      where coalesce(j.once, a.active, t.top) is not null
      group by 1, 2, 3
    ) l
  ), masks as (
    -- A string of starts or stops has a bit or two: few distinct ones are expanded.
    select grouping(x.up1, x.down1, x.up2, x.down2, x.up3, x.down3) as g, coalesce(x.up1, x.down1, x.up2, x.down2, x.up3, x.down3) as mask, sum(x.n) as n
    from levels x
    group by grouping sets ((x.up1), (x.down1), (x.up2), (x.down2), (x.up3), (x.down3))
  ), stage_changes as (
    select i.i, m.g, sum(m.n) as n
    from masks m cross join generate_series(1, v_n) i (i)
    where get_bit(m.mask, i.i - 1) = 1
    group by 1, 2
  ), per_period (dimension, key, i, delta) as (
    select 'joined', '', j.i, count(*) from joined j group by j.i
    union all
    select 'tier', s.tier_id::text, s.lo, count(*) from spans s where s.tier_id is not null and s.lo <= s.hi group by 2, 3
    union all
    select 'tier', s.tier_id::text, s.hi + 1, -count(*) from spans s where s.tier_id is not null and s.lo <= s.hi and s.hi < v_n group by 2, 3
    union all
    -- grouping() sets a bit for each column outside the set, the first column highest: 31 =
    -- 0b011111 is up1's set, 62 = 0b111110 down3's.
    select 'stage', l.level, c.i, l.sign * c.n from stage_changes c
    join (values (31, '1', 1), (47, '1', -1), (55, '2', 1), (59, '2', -1), (61, '3', 1), (62, '3', -1)) as l (g, level, sign) on l.g = c.g
  ), running as materialized (
    select e.i::int as i, e.at, k.dimension, k.key,
      coalesce(sum(p.delta) over (partition by k.dimension, k.key order by e.i), 0)::bigint as n
    from unnest(v_ends) with ordinality as e (at, i)
    cross join (select distinct p.dimension, p.key from per_period p) k
    left join (select p.dimension, p.key, p.i, sum(p.delta) as delta from per_period p group by 1, 2, 3) p
      on p.i = e.i and p.dimension = k.dimension and p.key = k.key
  ), totals as (
    select r.i, r.at,
      coalesce(sum(r.n) filter (where r.dimension = 'joined'), 0)::bigint as joined,
      coalesce(sum(r.n) filter (where r.dimension = 'tier'), 0)::bigint as tiered,
      coalesce(sum(r.n) filter (where r.dimension = 'stage' and r.key = '1'), 0)::bigint as s1,
      coalesce(sum(r.n) filter (where r.dimension = 'stage' and r.key = '2'), 0)::bigint as s2,
      coalesce(sum(r.n) filter (where r.dimension = 'stage' and r.key = '3'), 0)::bigint as s3
    from unnest(v_ends) with ordinality as r0 (at, i)
    left join running r on r.i = r0.i
    group by 1, 2
  )
  select e.at, 'tier', t.id::text, t.name, t.rank, coalesce(r.n, 0)
  from unnest(v_ends) with ordinality as e (at, i)
  cross join tiers t
  left join running r on r.i = e.i and r.dimension = 'tier' and r.key = t.id::text
  union all
  select r.at, 'tier', r.key, '?', -1, r.n
  from running r where r.dimension = 'tier' and r.n > 0 and r.key not in (select x.id::text from tiers x)
  union all
  select x.at, 'tier', null, '?', -1, x.joined - x.tiered from totals x where x.joined > x.tiered
  union all
  select x.at, 'stage', st.stage, st.stage, st.ord, st.n
  from totals x
  cross join lateral (values ('cognitive', 0, x.joined - x.s1), ('interested', 1, x.s1 - x.s2),
    ('purchasing', 2, x.s2 - x.s3), ('loyal', 3, x.s3)) as st (stage, ord, n)
  order by 1, 2, 5;
end
$$;


-- ---------------------------------------------------------------------------------------------
-- Liabilities: the rebate wallets that hold something
-- ---------------------------------------------------------------------------------------------

create index members_store_rebate_idx on public.members (store_id) include (rebate_balance) where rebate_balance > 0;

/**
 * As 20261203000500: what the store owes its members now (points by expiry month, rebates).
 */
create or replace function public.analytics_liabilities(p_store_id uuid)
returns table (kind text, expires_in date, amount numeric, currency text)
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_months timestamptz[];
begin
  perform private.require_staff_of(p_store_id);
  -- The first instant of each UTC month from this one to the last expiry: a credit's month is
  -- found by binary search over them (date_trunc with a time zone, row by row, cost ten times
  -- the index-only scan of a large store's 300,000 open credits).
  v_months := array(
    select g at time zone 'UTC' from generate_series(date_trunc('month', now() at time zone 'UTC'),
      (select max(l.expires_at) from public.points_ledger l where l.store_id = p_store_id and l.remaining > 0) at time zone 'UTC',
      interval '1 month') g);
  return query
  with credits as (
    select (v_months[width_bucket(l.expires_at, v_months)] at time zone 'UTC')::date as month, sum(l.remaining) as points
    from public.points_ledger l
    where l.store_id = p_store_id and l.remaining > 0 and l.expires_at > now()
    group by width_bucket(l.expires_at, v_months)
  )
  select 'points', null::date, coalesce((select sum(c.points) from credits c), 0)::numeric, null::text
  union all
  select 'rebate', null::date, coalesce(sum(m.rebate_balance), 0), (select s.base_currency::text from public.stores s where s.id = p_store_id)
  -- From the index of the wallets that hold something (a large merchant's VIPs, 6,000 of
  -- 100,000 members) rather than every member row.
  from public.members m where m.store_id = p_store_id and m.rebate_balance > 0
  union all
  select 'points', c.month, c.points::numeric, null::text from credits c
  order by 1, 2 nulls first;
end
$$;
