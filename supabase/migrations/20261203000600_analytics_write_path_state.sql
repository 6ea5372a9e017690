-- Analytics write-path state (issue 14): what each member's paid orders make of the statistical
-- period, kept with the tier. The console's members-over-time asks, at every period end, whether
-- the member's period held one paid order, and two: reached from the orders that took one pass
-- over the range's paid orders in each member's order (574,000 at a large merchant over a year),
-- with a window function for each order's predecessor, every time the page opened. The engine
-- already reads a member's paid orders in that order whenever they change (refresh_tiers: the
-- newest order and the median gap); the same pass now also keeps the instants covered once and
-- twice, a few ranges per member, and the analytics read those.

-- ---------------------------------------------------------------------------------------------
-- The state
-- ---------------------------------------------------------------------------------------------

-- The instants t whose statistical period (t - period, t] holds at least one of the member's paid
-- orders (each order covers [placed_at, placed_at + period)), and at least two (an order and the
-- one before it cover [placed_at, previous placed_at + period)). Exact under every write of
-- orders (each re-evaluates the member: refresh_tiers) and of the period (period_changed); a
-- period is days of 24 hours, as in UTC. Empty for members without paid orders.
alter table public.members
  add column paid_once tstzmultirange not null default '{}',
  add column paid_twice tstzmultirange not null default '{}';
comment on column public.members.paid_once is 'Instants whose statistical period holds at least one paid order of the member (kept by the engine).';
comment on column public.members.paid_twice is 'Instants whose statistical period holds at least two paid orders of the member (kept by the engine).';

/**
 * What a set of members' paid orders give besides the tier, in one pass over each member's paid
 * orders in time order: the newest, the median gap between consecutive ones (null below two), and
 * the instants whose statistical period holds one of them (`once`) and two (`twice`), see
 * members.paid_once. One row per member id given (ids given once each).
 */
create function private.paid_order_facts(p_member_ids uuid[])
returns table (member_id uuid, last_at timestamptz, median_gap interval, once tstzmultirange, twice tstzmultirange)
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
  select m.id, g.last_at, g.median_gap, coalesce(g.once, '{}'), coalesce(g.twice, '{}')
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
    select max(x.placed_at) as last_at,
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

-- ---------------------------------------------------------------------------------------------
-- Kept by the engine
-- ---------------------------------------------------------------------------------------------

/**
 * Brings the cached tiers of a set of members up to date in one pass: locks them in id order
 * (concurrent refreshes cannot deadlock), clears expired overrides, evaluates each once, writes
 * only what changed (tier, its validity, the period's figures it came from, and paid_order_facts:
 * the newest paid order, the median gap, the instants covered once and twice) and records each
 * tier change.
 * Without `p_reason` the cause is time (an override that expired, orders that aged out) and
 * members whose cache is still valid are skipped. Returns how many changed tier.
 * `p_paid_order_ids`, orders of these members that just became paid, earn their points and
 * rebate (the ledgers of 000300) at the tier they lead to, so the order that lifts a member to
 * VIP already earns as VIP. Each earns once. Their credits are added to the balances in the same
 * write of the member row as the tier: importing new orders writes each buyer's row once (every
 * further write of a row re-runs the members' CHECK functions and, the row being the
 * transaction's own, its foreign-key checks).
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
    select m.id, m.store_id, m.tier_id as from_tier_id, e.tier_id, e.valid_until, g.last_at, g.median_gap,
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
    set tier_id = e.tier_id, tier_valid_until = e.valid_until, last_paid_order_at = e.last_at,
        paid_order_gap_median = e.median_gap, paid_once = e.once, paid_twice = e.twice, period_paid_orders = e.paid_orders,
        period_paid_amount = e.paid_amount, period_oldest_paid_at = e.oldest_placed_at, last_evaluated_at = now(),
        points_balance = m.points_balance + coalesce(c.points, 0), rebate_balance = m.rebate_balance + coalesce(c.rebate, 0)
    from evaluated e left join credited c on c.member_id = e.id
    -- By key: joined to the CTE alone, the update hashed every member of every store.
    where m.id = any (v_ids) and m.id = e.id
      and ((m.tier_id, m.tier_valid_until, m.last_paid_order_at, m.paid_order_gap_median, m.paid_once, m.paid_twice,
            m.period_paid_orders, m.period_paid_amount, m.period_oldest_paid_at)
           is distinct from (e.tier_id, e.valid_until, e.last_at, e.median_gap, e.once, e.twice, e.paid_orders, e.paid_amount, e.oldest_placed_at)
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
 * A new statistical period changes what every member's orders add up to, as time passing would:
 * the cached tiers stop being valid at once (reads evaluate live), and the change is recorded
 * on the member's next read or the scheduled evaluation, with reason 'period'. The instants
 * covered once and twice are recomputed at once (they do not age with time).
 */
create or replace function private.period_changed()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.members m set tier_valid_until = null, paid_once = f.once, paid_twice = f.twice
  from private.paid_order_facts(array(select x.id from public.members x where x.store_id = new.id)) f
  where m.id = f.member_id
    and (m.tier_valid_until is not null or (m.paid_once, m.paid_twice) is distinct from (f.once, f.twice));
  return null;
end
$$;

-- Back-fill: members with paid orders (the others keep the empty default).
update public.members m set paid_once = f.once, paid_twice = f.twice
from private.paid_order_facts(array(select distinct o.member_id from public.orders o where o.status = 'paid')) f
where m.id = f.member_id;

-- ---------------------------------------------------------------------------------------------
-- Read by the analytics
-- ---------------------------------------------------------------------------------------------

/**
 * Members by tier and by lifecycle stage at the end of each period (`day`, `week`, `month`) of
 * the range: members who had joined by then, their tier from the tier history, and their stage
 * by member_lifecycle's rule applied at that instant (paid orders, inquiries, sample claims and
 * redemptions in the statistical period before it; loyal also at the store's top tier).
 * Rows: (period_end, dimension 'tier' | 'stage', key (tier id or stage), label (tier name or
 * stage), rank (tier rank, or 0-3 cognitive → loyal), members), every tier of the store and
 * every stage at every period end (0 when none). At most 400 periods.
 * Paid orders are read as the instants they cover once and twice (members.paid_once and
 * paid_twice, kept by the engine), a few ranges per member instead of every order in the range.
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
    -- the multirange's: unnesting it per member cost as much as the rest of this scan.
    select m.id, width_bucket(m.joined_at, v_after) + 1 as i,
      case when not m.paid_once && v_span then null
        when m.paid_once = range_merge(m.paid_once)::tstzmultirange
          then (v_ones >> width_bucket(lower(m.paid_once), v_after)) & (v_ones << (v_n - width_bucket(upper(m.paid_once), v_after)))
        else (select bit_or((v_ones >> width_bucket(lower(r), v_after)) & (v_ones << (v_n - width_bucket(upper(r), v_after))))
              from unnest(m.paid_once) r) end as once,
      case when not m.paid_twice && v_span then null
        when m.paid_twice = range_merge(m.paid_twice)::tstzmultirange
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
    -- from joining on; where each starts (up) and stops (down: the end after its last).
    select l.l1 & ~(l.l1 >> 1) as up1, ~l.l1 & (l.l1 >> 1) as down1, l.l2 & ~(l.l2 >> 1) as up2, ~l.l2 & (l.l2 >> 1) as down2,
      l.l3 & ~(l.l3 >> 1) as up3, ~l.l3 & (l.l3 >> 1) as down3
    from (
      select (v_ones >> (j.i - 1)) & (coalesce(j.once, z.z) | coalesce(t.top, z.z) | coalesce(a.active, z.z)) as l1,
        (v_ones >> (j.i - 1)) & (coalesce(j.once, z.z) | coalesce(t.top, z.z)) as l2,
        (v_ones >> (j.i - 1)) & (coalesce(j.twice, z.z) | coalesce(t.top, z.z)) as l3
      from joined j
      left join active a on a.member_id = j.id
      left join top t on t.member_id = j.id
      cross join (select v_ones >> v_n as z) z
      where coalesce(j.once, a.active, t.top) is not null
    ) l
  ), masks as (
    -- A string of starts or stops has a bit or two: members share them, so few are expanded.
    select grouping(x.up1, x.down1, x.up2, x.down2, x.up3, x.down3) as g, coalesce(x.up1, x.down1, x.up2, x.down2, x.up3, x.down3) as mask, count(*) as n
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

