/**
 * Former members: when a company's last contact leaves (leave_store), its members row stays for
 * the merchant's statistics with the name 'Former member' stored in English. Staff saw that text
 * in every language, and the company still counted as a member: listed with the others, matched
 * by segments, counted per tier and in the unredeemed points by analytics. Nothing recorded that
 * it had left, nor when.
 *
 * - members.left_at: when the last contact left, set by leave_store (20261208000100, edited in
 *   place there: it has not shipped). Read like the rest of the row (staff of the store, the
 *   company's contacts while there are any); nobody updates it directly: members' update grant
 *   names its columns, and this is not one. Rows anonymised before it are recognised as
 *   leave_store leaves them (the name 'Former member', country, website and industry null, no
 *   contact) and get this migration's time: when they left is not recorded, and with it past
 *   periods of analytics stay as they were shown, only the present leaves them out.
 * - staff_members and staff_member_search (as in 20261206000100): `p_former` (default false:
 *   current members; true: former only; null: both) and `left_at` in the rows, so the console
 *   names a former member in the reader's language. The list's index carries left_at, so the
 *   list and its count still read the index alone.
 * - private.segment_member_ids (as in 20261203000500): current members only, which
 *   segment_size, segment_members, segment_export and record_campaign all read.
 * - analytics_members_over_time (as in 20261204000100): a company counts at a period end it had
 *   joined and not left by (left_at after the end), in tiers and stages alike, from one more
 *   bit string per member; a December leaver is still one of November's members.
 * - analytics_liabilities (as in 20261203000800): outstanding points and rebate wallets without
 *   former members.
 *
 * Every other line of the re-created functions is as in the migration named.
 */

alter table public.members add column left_at timestamptz;
comment on column public.members.left_at is
  'When the company''s last contact left the store (leave_store); null while it is a member. Its row stays, anonymised, for the merchant''s statistics.';

update public.members m set left_at = now()
where m.company_name = 'Former member' and m.country is null and m.website is null and m.industry is null
  and not exists (select 1 from public.member_contacts c where c.member_id = m.id);

-- A store's former members: the console's count of those not listed, and what analytics leaves out.
create index members_store_left_idx on public.members (store_id) where left_at is not null;
-- The member list's order, carrying left_at so that the list and its count (current members by
-- default) still read the index alone.
drop index public.members_store_last_paid_order_idx;
create index members_store_last_paid_order_idx on public.members (store_id, last_paid_order_at desc nulls last, company_name, id) include (left_at);
-- Counting a tier's current members, likewise (as members_tier_id_idx did before left_at).
drop index public.members_tier_id_idx;
create index members_tier_id_idx on public.members (tier_id, store_id) include (id, left_at);

/** As in 20261206000100, listing current members unless `p_former` says otherwise, with `left_at`. */
drop function public.staff_members(uuid, uuid, text, boolean, text, timestamptz, timestamptz, int, int);
create function public.staff_members(
  p_store_id uuid,
  p_tier_id uuid default null,
  p_stage text default null,
  p_churn_risk boolean default null,
  p_country text default null,
  p_last_order_from timestamptz default null,
  p_last_order_to timestamptz default null,
  p_limit int default 50,
  p_offset int default 0,
  p_former boolean default false
)
returns table (
  member_id uuid, company_name text, country text, tier_id uuid, tier_name text, tier_rank int,
  stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int,
  points_balance bigint, rebate_balance numeric, joined_at timestamptz, left_at timestamptz, total bigint
)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  if p_stage not in ('cognitive', 'interested', 'purchasing', 'loyal') then
    perform private.reject('stage', 'must be one of cognitive, interested, purchasing, loyal');
  end if;
  p_country := private.clean_format('country', p_country, 'country');
  if p_limit not between 1 and 500 or p_offset < 0 then
    perform private.reject('limit', 'must be 1 to 500, with a non-negative offset');
  end if;

  -- Members are filtered, counted and paged by their own columns (the cached tier and newest paid
  -- order, indexed in list order); the lifecycle is computed for every candidate only when the
  -- stage or churn filter needs it, and otherwise for the page's rows alone, in one call.
  -- Planned for each call's arguments (EXECUTE ... USING): the generic plan PL/pgSQL caches after
  -- five calls cannot leave out the filters that are null, nor the lifecycle they need, and read
  -- every member of the store.
  return query execute $query$
  with matches as not materialized (
    select m.id, m.last_paid_order_at, m.company_name
    from public.members m
    left join lateral (
      select l.stage, l.churn_risk from private.member_lifecycle(m.store_id, m.id) l
      where $3 is not null or $4 is not null
    ) f on true
    where m.store_id = $1
      and ($2 is null or m.tier_id = $2)
      and ($5 is null or m.country = $5)
      and ($6 is null or m.last_paid_order_at >= $6)
      and ($7 is null or m.last_paid_order_at < $7)
      and ($3 is null or f.stage = $3)
      and ($4 is null or f.churn_risk = $4)
      and ($10 is null or (m.left_at is not null) = $10)
  ), page as (
    select x.id from matches x
    order by x.last_paid_order_at desc nulls last, x.company_name, x.id
    limit $8 offset $9
  ), tier as materialized (
    -- Each tier named once, as every summary names it (in the reader's language once names are
    -- translated), not once per listed member.
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = $1
  )
  select m.id, m.company_name, m.country, t.id, t.name, t.rank,
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period,
    m.points_balance, m.rebate_balance, m.joined_at, m.left_at, (select count(*) from matches)
  from page
  join public.members m on m.id = page.id
  join private.member_lifecycles($1, array(select page.id from page)) l on l.member_id = m.id
  left join tier t on t.id = m.tier_id
  order by m.last_paid_order_at desc nulls last, m.company_name, m.id
  $query$
  using p_store_id, p_tier_id, p_stage, p_churn_risk, p_country, p_last_order_from, p_last_order_to, p_limit, p_offset, p_former;
end
$$;
revoke execute on function public.staff_members(uuid, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean)
  from public, anon, authenticated;
grant execute on function public.staff_members(uuid, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean)
  to authenticated;

/** As in 20261206000100, listing current members unless `p_former` says otherwise, with `left_at`. */
drop function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int);
create function public.staff_member_search(
  p_store_id uuid,
  p_search text,
  p_tier_id uuid default null,
  p_stage text default null,
  p_churn_risk boolean default null,
  p_country text default null,
  p_last_order_from timestamptz default null,
  p_last_order_to timestamptz default null,
  p_limit int default 50,
  p_offset int default 0,
  p_former boolean default false
)
returns table (
  member_id uuid, company_name text, country text, tier_id uuid, tier_name text, tier_rank int,
  stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int,
  points_balance bigint, rebate_balance numeric, joined_at timestamptz, left_at timestamptz, total bigint
)
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_pattern text;
begin
  perform private.require_staff_of(p_store_id);
  if private.clean_line('search', p_search, 100) is null then
    perform private.reject('search', 'is required: a company, contact name or e-mail to look for');
  end if;
  v_pattern := '%' || replace(replace(replace(btrim(p_search), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  if p_stage not in ('cognitive', 'interested', 'purchasing', 'loyal') then
    perform private.reject('stage', 'must be one of cognitive, interested, purchasing, loyal');
  end if;
  p_country := private.clean_format('country', p_country, 'country');
  if p_limit not between 1 and 500 or p_offset < 0 then
    perform private.reject('limit', 'must be 1 to 500, with a non-negative offset');
  end if;

  return query
  with matches as not materialized (
    select m.id, m.last_paid_order_at, m.company_name
    from public.members m
    left join lateral (
      select l.stage, l.churn_risk from private.member_lifecycle(m.store_id, m.id) l
      where p_stage is not null or p_churn_risk is not null
    ) f on true
    where m.store_id = p_store_id
      and (m.company_name ilike v_pattern
           or exists (select 1 from public.member_contacts c
                      where c.member_id = m.id and c.store_id = m.store_id
                        and (c.full_name ilike v_pattern or c.email ilike v_pattern)))
      and (p_tier_id is null or m.tier_id = p_tier_id)
      and (p_country is null or m.country = p_country)
      and (p_last_order_from is null or m.last_paid_order_at >= p_last_order_from)
      and (p_last_order_to is null or m.last_paid_order_at < p_last_order_to)
      and (p_stage is null or f.stage = p_stage)
      and (p_churn_risk is null or f.churn_risk = p_churn_risk)
      and (p_former is null or (m.left_at is not null) = p_former)
  ), page as (
    select x.id from matches x
    order by x.last_paid_order_at desc nulls last, x.company_name, x.id
    limit p_limit offset p_offset
  ), tier as materialized (
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
  )
  select m.id, m.company_name, m.country, t.id, t.name, t.rank,
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period,
    m.points_balance, m.rebate_balance, m.joined_at, m.left_at, (select count(*) from matches)
  from page
  join public.members m on m.id = page.id
  cross join lateral private.member_lifecycle(m.store_id, m.id) l
  left join tier t on t.id = m.tier_id
  order by m.last_paid_order_at desc nulls last, m.company_name, m.id;
end
$$;
revoke execute on function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean)
  from public, anon, authenticated;
grant execute on function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean)
  to authenticated;


/**
 * As in 20261203000500, current members only: a company that left is no one to reach.
 * The members of a store a filter set selects (filters checked first). Runs as the caller, so a
 * store the caller does not staff yields nothing even before the RPCs' own 42501.
 */
create or replace function private.segment_member_ids(p_store_id uuid, p_filters jsonb)
returns table (member_id uuid)
language plpgsql stable
set search_path = ''
as $$
declare
  f jsonb := private.segment_filters(p_store_id, p_filters);
  v_tiers uuid[] := (select array_agg(x::uuid) from jsonb_array_elements_text(f -> 'tiers') x);
  v_stages text[] := (select array_agg(x) from jsonb_array_elements_text(f -> 'stages') x);
  v_countries text[] := (select array_agg(x) from jsonb_array_elements_text(f -> 'countries') x);
  v_industries text[] := (select array_agg(lower(x)) from jsonb_array_elements_text(f -> 'industries') x);
  v_churn boolean := (f ->> 'churn_risk')::boolean;
  v_joined_from timestamptz := (f ->> 'joined_from')::timestamptz;
  v_joined_to timestamptz := (f ->> 'joined_to')::timestamptz;
  v_last_from timestamptz := (f ->> 'last_order_from')::timestamptz;
  v_last_to timestamptz := (f ->> 'last_order_to')::timestamptz;
  v_sampled boolean := coalesce((f ->> 'sampled_never_ordered')::boolean, false);
  v_points bigint := (f ->> 'points_at_least')::bigint;
  v_coupon_days int := (f ->> 'coupon_expires_within_days')::int;
  v_lifecycle boolean := v_stages is not null or v_churn is not null;
begin
  return query
  select m.id from public.members m
  where m.store_id = p_store_id and m.left_at is null
    and (v_tiers is null
      or case when m.tier_valid_until > now() then m.tier_id else private.staff_member_tier_id(m.id) end = any (v_tiers))
    and (v_countries is null or m.country = any (v_countries))
    and (v_industries is null or lower(btrim(m.industry)) = any (v_industries))
    and (v_joined_from is null or m.joined_at >= v_joined_from)
    and (v_joined_to is null or m.joined_at < v_joined_to)
    and (v_last_from is null or m.last_paid_order_at >= v_last_from)
    and (v_last_to is null or m.last_paid_order_at < v_last_to)
    and (v_points is null or m.points_balance >= v_points)
    and (not v_sampled or (m.last_paid_order_at is null and m.id in (
      select c.member_id from public.sample_claims c
      where c.store_id = p_store_id and c.status in ('requested', 'approved', 'shipped'))))
    and (v_coupon_days is null or m.id in (
      select h.member_id from public.member_coupons h join public.coupons c on c.id = h.coupon_id
      where h.store_id = p_store_id and h.used_at is null
        and c.valid_until > now() and c.valid_until <= now() + make_interval(days => v_coupon_days)))
    and (not v_lifecycle or m.id in (
      select l.member_id from private.store_lifecycle(p_store_id) l
      where (v_stages is null or l.stage = any (v_stages)) and (v_churn is null or l.churn_risk = v_churn)));
end
$$;

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
 * store and every stage at every period end (0 when none). At most 400 periods.
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
    perform private.reject('period', 'gives more than 400 periods in this range: choose a longer one');
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

/**
 * As in 20261203000800: what the store owes its members now (points by expiry month, rebates),
 * without companies that left, whose balances nobody can redeem.
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
      -- A store's few former members, hashed once (members_store_left_idx), not a probe per credit.
      and l.member_id not in (select f.id from public.members f where f.store_id = p_store_id and f.left_at is not null)
    group by width_bucket(l.expires_at, v_months)
  )
  select 'points', null::date, coalesce((select sum(c.points) from credits c), 0)::numeric, null::text
  union all
  select 'rebate', null::date, coalesce(sum(m.rebate_balance), 0), (select s.base_currency::text from public.stores s where s.id = p_store_id)
  -- From the index of the wallets that hold something (a large merchant's VIPs, 6,000 of
  -- 100,000 members) rather than every member row.
  from public.members m where m.store_id = p_store_id and m.rebate_balance > 0 and m.left_at is null
  union all
  select 'points', c.month, c.points::numeric, null::text from credits c
  order by 1, 2 nulls first;
end
$$;
