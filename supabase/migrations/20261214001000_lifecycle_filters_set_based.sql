/**
 * The member list's and member search's stage and churn-risk filters compute the lifecycle of
 * their candidates in one private.member_lifecycles call instead of one private.member_lifecycle
 * call per candidate. At the bench's BENCH_SCALE=0.2 store (20,000 companies), searching "bright"
 * for loyal companies took 0.5-1.0 s of CPU, for companies at churn risk 3.5 s, against 74 ms
 * without a filter; the list filtered by stage or churn 3.5-4.8 s: each candidate paid a nested
 * call, its statements and the period's figures read one member at a time. Now 79, 86 and
 * 225-235 ms (bench/README.md, round 29).
 *
 * - staff_members (as in 20261209000300) and staff_member_search (as in 20261214000800) filter
 *   their candidates by the members' own columns first, then ask the lifecycle of those left in
 *   one call, read once for the count and the page (a materialized CTE); with neither filter the
 *   call is planned away (each call is planned for its arguments) and the page is read in list
 *   order as before. Results, refusals, order and paging are unchanged.
 * - staff_member_search's page reads its lifecycle in one member_lifecycles call, as
 *   staff_members' already did, instead of once per listed company.
 * - private.member_lifecycles (as in 20261209000300), now asked for thousands of companies at a
 *   time, reads its store's churn threshold and top tier once instead of once per company.
 *
 * Every other line of the re-created functions is as in the migration named.
 */

/**
 * As in 20261209000300, with the store's churn threshold and top tier read once: joined per
 * member, the plan kept for any ids (estimated at ten) read all the stores' rows for each member,
 * some 280 of the 650 ms a store of 20,000 companies took.
 */
create or replace function private.member_lifecycles(p_store_id uuid, p_member_ids uuid[])
returns table (member_id uuid, stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int, paid_amount_in_period numeric)
language plpgsql stable security definer
set search_path = ''
-- As paid_in_periods: one plan for any ids, not replanned on every call.
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
declare
  v_churn_days int;
  v_top_rank int;
begin
  select s.churn_threshold_days, (select max(x.rank) from public.tiers x where x.store_id = s.id)
  into v_churn_days, v_top_rank
  from public.stores s where s.id = p_store_id;
  return query
  select m.id,
    case
      when o.in_period >= 2 or (t.rank > 0 and t.rank = v_top_rank) then 'loyal'
      when o.in_period = 1 then 'purchasing'
      when exists (select 1 from public.inquiries i where i.member_id = m.id and i.created_at > window_start.at)
        or exists (select 1 from public.sample_claims c where c.member_id = m.id and c.created_at > window_start.at)
        or exists (select 1 from public.points_ledger l
                   where l.member_id = m.id and l.reason = 'redemption' and l.earned_at > window_start.at)
        then 'interested'
      else 'cognitive'
    end,
    coalesce(now() - o.last_at > make_interval(days => v_churn_days)
      and (o.median_gap is null or now() - o.last_at > 2 * o.median_gap), false),
    o.last_at,
    o.in_period,
    p.paid_amount
  -- Members by key through unnest: with `m.id = any (...)` the cached generic plan read every
  -- member of the store in the list index.
  from unnest(p_member_ids) as i (id)
  join public.members m on m.id = i.id
  -- The period's paid orders as the tier counts them (kept with the cached tier while valid).
  join private.paid_in_periods(p_member_ids) p on p.member_id = m.id
  cross join lateral (select p.window_start) as window_start (at)
  left join public.tiers t on t.id = m.tier_id
  -- The newest paid order and the median gap are kept on the member with its tier.
  cross join lateral (
    select p.paid_orders as in_period, m.last_paid_order_at as last_at, m.paid_order_gap_median as median_gap
  ) o
  where m.store_id = p_store_id;
end
$$;

create or replace function public.staff_members(
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
  stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int, paid_amount_in_period numeric,
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
  -- order, indexed in list order); the lifecycle is computed for the candidates those leave, in
  -- one call, only when the stage or churn filter needs it, and otherwise for the page's rows
  -- alone, in one call.
  -- Planned for each call's arguments (EXECUTE ... USING): the generic plan PL/pgSQL caches after
  -- five calls cannot leave out the filters that are null, nor the lifecycle they need, and read
  -- every member of the store.
  return query execute $query$
  with candidates as not materialized (
    select m.id, m.last_paid_order_at, m.company_name
    from public.members m
    where m.store_id = $1
      and ($2 is null or m.tier_id = $2)
      and ($5 is null or m.country = $5)
      and ($6 is null or m.last_paid_order_at >= $6)
      and ($7 is null or m.last_paid_order_at < $7)
      and ($10 is null or (m.left_at is not null) = $10)
  ), lifecycle as materialized (
    select l.member_id from private.member_lifecycles($1, array(select c.id from candidates c)) l
    where ($3 is not null or $4 is not null)
      and ($3 is null or l.stage = $3)
      and ($4 is null or l.churn_risk = $4)
  ), matches as not materialized (
    select c.id, c.last_paid_order_at, c.company_name from candidates c
    where ($3 is null and $4 is null) or c.id in (select lifecycle.member_id from lifecycle)
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
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period, l.paid_amount_in_period,
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

create or replace function public.staff_member_search(
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
  stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int, paid_amount_in_period numeric,
  points_balance bigint, rebate_balance numeric, joined_at timestamptz, left_at timestamptz, total bigint,
  matched_contact_name text, matched_contact_email text
)
language plpgsql stable security invoker
-- Planned for each call's filters: a plan kept for the function, made for none, ran
-- private.member_lifecycle for every matched company even with no stage or churn filter.
set plan_cache_mode = force_custom_plan
set search_path = ''
as $$
declare
  v_search text;
  v_pattern text;
  v_digits text;
  v_ids uuid[];
  v_contact_names text[];
  v_contact_emails text[];
begin
  perform private.require_staff_of(p_store_id);
  -- The database's C character type knows only ASCII spaces: the no-break and ideographic
  -- spaces (a Chinese input method's) are named.
  v_search := btrim(regexp_replace(private.clean_line('search', p_search, 100),
    '[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+', ' ', 'g'));
  if nullif(v_search, '') is null then
    perform private.reject('search', 'is required: a company, contact name or e-mail to look for');
  end if;
  v_pattern := '%' || replace(replace(replace(v_search, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  v_digits := ltrim(regexp_replace(v_search, '[^0-9]', '', 'g'), '0');
  v_digits := case when length(v_digits) >= 6 then '%' || v_digits || '%' end;
  if p_stage not in ('cognitive', 'interested', 'purchasing', 'loyal') then
    perform private.reject('stage', 'must be one of cognitive, interested, purchasing, loyal');
  end if;
  p_country := private.clean_format('country', p_country, 'country');
  if p_limit not between 1 and 500 or p_offset < 0 then
    perform private.reject('limit', 'must be 1 to 500, with a non-negative offset');
  end if;
  -- The matched ids first, as a value: a plan kept for the function (one not made for this call's
  -- filters) joined a subquery of them to the store's companies by a scan of the ids for each
  -- company; from the array, each company is read by its key.
  select coalesce(array_agg(f.member_id), '{}'), array_agg(f.contact_name), array_agg(f.contact_email)
  into v_ids, v_contact_names, v_contact_emails
  from private.member_ids_by_search(p_store_id, v_pattern, v_digits) f;

  -- The lifecycle as staff_members reads it: of the candidates the members' columns leave, in one
  -- call, only for a stage or churn filter; the page's in one call.
  return query
  with candidates as not materialized (
    select m.id, m.last_paid_order_at, m.company_name, found.contact_name, found.contact_email
    from unnest(v_ids, v_contact_names, v_contact_emails) found (id, contact_name, contact_email)
    join public.members m on m.id = found.id
    where m.store_id = p_store_id
      and (p_tier_id is null or m.tier_id = p_tier_id)
      and (p_country is null or m.country = p_country)
      and (p_last_order_from is null or m.last_paid_order_at >= p_last_order_from)
      and (p_last_order_to is null or m.last_paid_order_at < p_last_order_to)
      and (p_former is null or (m.left_at is not null) = p_former)
  ), lifecycle as materialized (
    select l.member_id from private.member_lifecycles(p_store_id, array(select c.id from candidates c)) l
    where (p_stage is not null or p_churn_risk is not null)
      and (p_stage is null or l.stage = p_stage)
      and (p_churn_risk is null or l.churn_risk = p_churn_risk)
  ), matches as not materialized (
    select c.id, c.last_paid_order_at, c.company_name, c.contact_name, c.contact_email from candidates c
    where (p_stage is null and p_churn_risk is null) or c.id in (select lifecycle.member_id from lifecycle)
  ), page as (
    select x.id, x.contact_name, x.contact_email from matches x
    order by x.last_paid_order_at desc nulls last, x.company_name, x.id
    limit p_limit offset p_offset
  ), tier as materialized (
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
  )
  select m.id, m.company_name, m.country, t.id, t.name, t.rank,
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period, l.paid_amount_in_period,
    m.points_balance, m.rebate_balance, m.joined_at, m.left_at, (select count(*) from matches),
    page.contact_name, page.contact_email
  from page
  join public.members m on m.id = page.id
  join private.member_lifecycles(p_store_id, array(select page.id from page)) l on l.member_id = m.id
  left join tier t on t.id = m.tier_id
  order by m.last_paid_order_at desc nulls last, m.company_name, m.id;
end
$$;
