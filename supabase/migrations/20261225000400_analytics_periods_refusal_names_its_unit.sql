/**
 * analytics_members_over_time refused a long range by day with `period gives more than 400
 * periods in this range: choose a longer one`, which did not say which periods nor that a shorter
 * range would do, and left the console, which says the refusal beside the grouping field, unable
 * to say what to change. The reason now names the unit counted and both ways out: `period gives
 * more than 400 days in this range: choose a shorter range or group by longer periods` (weeks:
 * `… 400 weeks …`). The limit and the count are unchanged; the console checks the same count
 * before it asks (src/lib/growth/analytics.ts periodCount).
 *
 * Re-created from 20261208000500 with only that refusal changed (the same arguments: its grants stay).
 */

/**
 * Members by tier and by lifecycle stage at the end of each period (`day`, `week`, `month`) of
 * the range: members who had joined by then, their tier from the tier history, and their stage
 * by member_lifecycle's rule applied at that instant (paid orders, inquiries, sample claims and
 * redemptions in the statistical period before it; loyal also at the store's top tier).
 * Periods are calendar ones in UTC: they end at every start of a UTC day, ISO week (Monday) or
 * calendar month strictly after `p_from` and before `p_to`, and at `p_to`, so the first and
 * last may be partial (2026-01-15 to 2026-03-10 by month ends 2026-02-01, 2026-03-01 and
 * 2026-03-10). Rows: (period_end, dimension 'tier' | 'stage', key (tier id or stage), label
 * (tier name or stage), rank (tier rank, or 0-3 cognitive → loyal), members), every tier of the
 * store and every stage at every period end (0 when none). At most 400 periods, refused naming
 * their unit ("more than 400 days").
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
  -- The calendar's boundaries strictly inside the range, then its end. In timestamps without a
  -- zone taken as UTC, so that the session's time zone moves no boundary; date_trunc's week
  -- starts on Monday.
  v_ends := array(
    select g at time zone 'UTC'
    from generate_series(date_trunc(p_period, p_from at time zone 'UTC') + v_step, p_to at time zone 'UTC' - interval '1 microsecond', v_step) g
    order by 1) || p_to;
  v_n := cardinality(v_ends);
  if v_n > 400 then
    perform private.reject('period', format('gives more than 400 %ss in this range: choose a shorter range or group by longer periods', p_period));
  end if;
  select make_interval(days => s.statistical_period_days) into v_window from public.stores s where s.id = p_store_id;
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
    -- i: the first period end at or after joining; h: the last before leaving (a company counts
    -- at an end it had not left by); span: the ends i to h; once, twice: the ends whose windows held one
    -- paid order, two (null when none). Most members' coverage is one range, whose bounds are
    -- the multirange's (it contains its own span): unnesting it per member cost as much as the
    -- rest of this scan.
    select m.id, width_bucket(m.joined_at, v_after) + 1 as i,
      coalesce(width_bucket(m.left_at, v_after), v_n) as h,
      (v_ones >> width_bucket(m.joined_at, v_after)) & (v_ones << (v_n - coalesce(width_bucket(m.left_at, v_after), v_n))) as span,
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
    where m.store_id = p_store_id and m.joined_at <= v_last and (m.left_at is null or m.left_at > v_first)
  ), spans as materialized (
    -- The tiers a member held, from its joining on until it left, as the ends lo to hi.
    select s.member_id, s.tier_id, greatest(width_bucket(s.since, v_after) + 1, j.i) as lo,
      least(coalesce(width_bucket(s.until, v_after), v_n), j.h) as hi
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
    -- from joining on until leaving, counted per distinct set of strings (members share them); where each
    -- starts (up) and stops (down: the end after its last).
    select l.l1 & ~(l.l1 >> 1) as up1, ~l.l1 & (l.l1 >> 1) as down1, l.l2 & ~(l.l2 >> 1) as up2, ~l.l2 & (l.l2 >> 1) as down2,
      l.l3 & ~(l.l3 >> 1) as up3, ~l.l3 & (l.l3 >> 1) as down3, l.n
    from (
      select j.span & (coalesce(j.once, z.z) | coalesce(t.top, z.z) | coalesce(a.active, z.z)) as l1,
        j.span & (coalesce(j.once, z.z) | coalesce(t.top, z.z)) as l2,
        j.span & (coalesce(j.twice, z.z) | coalesce(t.top, z.z)) as l3, count(*) as n
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
    select 'joined', '', j.h + 1, -count(*) from joined j where j.h < v_n group by j.h
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
    select r0.i, r0.at,
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
