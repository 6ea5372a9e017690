/**
 * Staff read a member's standing as the member does. The console's member page showed the tier,
 * points, rebate and last paid order; My membership also says what the company paid in the
 * statistical period, what the next tier needs, what keeps the tier and until when, the samples
 * left and the points expiring soon. Staff asked "why am I not VIP?" worked it out by hand.
 *
 * - private.member_standing is membership_standing's computation (20261206000100) for a company
 *   by id: the member's read and the staff's share it. It reads the orders as its owner; each
 *   caller decides first who may ask about which company.
 * - membership_standing (as in 20261206000100) answers the caller's company through it, behind
 *   the caller's card (the order of refusals as before: store, membership, limit). The body moves
 *   to private.membership_standing, security definer, with the public function its thin wrapper.
 * - staff_member_standing: the same for staff of the company's store, with what my_membership
 *   adds to it from the engine's summary (private.member_summary: the effective tier, an override,
 *   the next tier and what it needs), the sample quota's use as the samples queue counts it
 *   (private.sample_quota_use) and the points expiring soonest.
 * - private.member_lifecycles and private.member_lifecycle (as in 20261124000300) also return the
 *   period's paid amount beside its paid orders (the same paid_in_periods row), and staff_members
 *   and staff_member_search (as in 20261208000500) list it: the member list shows the amount in
 *   the period beside the orders. Return types change, so each is dropped and created again.
 *
 * Every other line of the re-created functions is as in the migration named.
 */

-- ---------------------------------------------------------------------------------------------
-- A company's standing, shared by the member's read and the staff's
-- ---------------------------------------------------------------------------------------------

/**
 * Company `p_member_id`'s paid orders in its store's statistical period, oldest first, each with
 * the day it leaves the period and what would remain counted after it (and every older one) left;
 * the tier those reach, when that tier stops being reached without new orders and what keeps it:
 * the shape documented for membership_standing. Runs as its owner: callers check who may ask.
 * Errors: 22023 a limit below 1.
 */
create function private.member_standing(p_member_id uuid, p_limit int)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores;
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
  v_period := make_interval(days => v_store.statistical_period_days);
  v_start := now() - v_period;

  select count(*), coalesce(sum(o.amount_base), 0) into v_paid_orders, v_paid_amount
  from public.orders o
  where o.member_id = p_member_id and o.status = 'paid' and o.placed_at > v_start;

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
  )
  select
    coalesce(jsonb_agg(jsonb_build_object(
        'id', r.id, 'external_ref', r.external_ref, 'placed_at', r.placed_at, 'amount', r.amount,
        'currency', r.currency, 'amount_base', r.amount_base, 'leaves_at', r.placed_at + v_period,
        'orders_after', r.orders_after, 'amount_after', r.amount_after,
        'tier_after', jsonb_build_object('id', r.tier_id, 'rank', r.tier_rank)) order by r.n)
      filter (where r.n <= coalesce(p_limit, v_paid_orders)), '[]'),
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
-- Called only by the functions below, as their owner.
revoke execute on function private.member_standing(uuid, int) from public;

/**
 * The caller's company's member_standing at the store (see 20261203000200).
 * Errors: PT404 store not found; 42501 not signed in or not a member of the store; 22023 a limit
 * below 1.
 */
create function private.membership_standing(p_store_slug text, p_limit int)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
begin
  return private.member_standing(v_contact.member_id, p_limit);
end
$$;
revoke execute on function private.membership_standing(text, int) from public;
grant execute on function private.membership_standing(text, int) to authenticated;

/** As in 20261206000100, computed by private.member_standing behind the caller's card. */
drop function public.membership_standing(text, int);
create function public.membership_standing(p_store_slug text, p_limit int default null)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$ select private.membership_standing(p_store_slug, p_limit) $$;
revoke execute on function public.membership_standing(text, int) from public, anon, authenticated;
grant execute on function public.membership_standing(text, int) to authenticated;

/**
 * A company's standing for staff of its store: member_standing, and from the engine's summary (as
 * my_membership gives the member) the effective tier, an override and the next tier with what it
 * needs; the sample quota's use as sample_quota_use counts it (the company's claims); the points
 * expiring in the next 60 days, by instant, soonest first (or when none does, the soonest ones).
 * The cached tier is brought up to date first, as my_membership does, so the tier and the next
 * tier are exact now.
 * Errors: PT404 unknown company, or one the caller cannot read; 42501 the caller reads it as its
 * contact, not as staff; 22023 a limit below 1.
 */
create function private.staff_member_standing(p_member_id uuid, p_limit int)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members;
  v_summary jsonb;
begin
  -- Visibility first, as lock_member_for_staff decides it: another store's company is answered
  -- like a missing one, whatever the other arguments.
  select * into v_member from public.members m
  where m.id = p_member_id and private.can_read_company_row(m.store_id, m.id);
  if v_member.id is null then
    perform private.reject('member_id', 'matches no member', 'PT404');
  end if;
  if v_member.store_id not in (select private.staff_store_ids()) then
    perform private.reject('member_id', 'is not a member of a store you staff', '42501');
  end if;

  -- A limit member_standing refuses undoes this with the rest of the request.
  perform private.refresh_member_tier(v_member.id, null);
  v_summary := private.member_summary(v_member.id);
  return private.member_standing(v_member.id, p_limit) || jsonb_build_object(
    'tier', jsonb_build_object('id', v_summary #> '{tier,id}', 'rank', v_summary #> '{tier,rank}'),
    'override', v_summary -> 'override',
    'next_tier', v_summary #> '{progress,next_tier}',
    'samples', (
      select jsonb_build_object('used', q.used, 'quota', q.quota,
        'left', case when q.quota is not null then greatest(q.quota - q.used, 0) end,
        'period_days', (v_summary #>> '{store,sample_period_days}')::int)
      from private.sample_quota_use(v_member.store_id, array[v_member.id]) q),
    'points_expiring', coalesce((
      select jsonb_agg(jsonb_build_object('expires_at', e.expires_at, 'points', e.points) order by e.expires_at)
      from (
        select l.expires_at, sum(l.remaining) as points
        from public.points_ledger l
        where l.member_id = v_member.id and l.remaining > 0 and l.expires_at > now()
          and l.expires_at <= greatest(now() + interval '60 days', (
            select min(x.expires_at) from public.points_ledger x
            where x.member_id = v_member.id and x.remaining > 0 and x.expires_at > now()))
        group by l.expires_at
      ) e), '[]')
  );
end
$$;
revoke execute on function private.staff_member_standing(uuid, int) from public;
grant execute on function private.staff_member_standing(uuid, int) to authenticated;

create function public.staff_member_standing(p_member_id uuid, p_limit int default null)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.staff_member_standing(p_member_id, p_limit) $$;
revoke execute on function public.staff_member_standing(uuid, int) from public, anon, authenticated;
grant execute on function public.staff_member_standing(uuid, int) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The member list: the period's paid amount beside its paid orders
-- ---------------------------------------------------------------------------------------------

drop function private.member_lifecycle(uuid, uuid);
drop function private.member_lifecycles(uuid, uuid[]);

/** As in 20261124000300, with the period's paid amount (base currency) beside its paid orders. */
create function private.member_lifecycles(p_store_id uuid, p_member_ids uuid[])
returns table (member_id uuid, stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int, paid_amount_in_period numeric)
language plpgsql stable security definer
set search_path = ''
-- As paid_in_periods: one plan for any ids, not replanned on every call.
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  select m.id,
    case
      when o.in_period >= 2 or (t.rank > 0 and t.rank = top.rank) then 'loyal'
      when o.in_period = 1 then 'purchasing'
      when exists (select 1 from public.inquiries i where i.member_id = m.id and i.created_at > window_start.at)
        or exists (select 1 from public.sample_claims c where c.member_id = m.id and c.created_at > window_start.at)
        or exists (select 1 from public.points_ledger l
                   where l.member_id = m.id and l.reason = 'redemption' and l.earned_at > window_start.at)
        then 'interested'
      else 'cognitive'
    end,
    coalesce(now() - o.last_at > make_interval(days => s.churn_threshold_days)
      and (o.median_gap is null or now() - o.last_at > 2 * o.median_gap), false),
    o.last_at,
    o.in_period,
    p.paid_amount
  -- Members by key through unnest: with `m.id = any (...)` the cached generic plan read every
  -- member of the store in the list index.
  from unnest(p_member_ids) as i (id)
  join public.members m on m.id = i.id
  join public.stores s on s.id = m.store_id
  -- The period's paid orders as the tier counts them (kept with the cached tier while valid).
  join private.paid_in_periods(p_member_ids) p on p.member_id = m.id
  cross join lateral (select p.window_start) as window_start (at)
  cross join lateral (select max(x.rank) from public.tiers x where x.store_id = s.id) as top (rank)
  left join public.tiers t on t.id = m.tier_id
  -- The newest paid order and the median gap are kept on the member with its tier.
  cross join lateral (
    select p.paid_orders as in_period, m.last_paid_order_at as last_at, m.paid_order_gap_median as median_gap
  ) o
  where m.store_id = p_store_id;
end
$$;
revoke execute on function private.member_lifecycles(uuid, uuid[]) from public;
grant execute on function private.member_lifecycles(uuid, uuid[]) to authenticated;

/** One member's member_lifecycles. */
create function private.member_lifecycle(p_store_id uuid, p_member_id uuid)
returns table (member_id uuid, stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int, paid_amount_in_period numeric)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query select * from private.member_lifecycles(p_store_id, array[p_member_id]);
end
$$;
revoke execute on function private.member_lifecycle(uuid, uuid) from public;
-- staff_members runs as its caller, and calls this for the members its select policy shows.
grant execute on function private.member_lifecycle(uuid, uuid) to authenticated;

/** As in 20261208000500, with `paid_amount_in_period`. */
drop function public.staff_members(uuid, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean);
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
revoke execute on function public.staff_members(uuid, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean)
  from public, anon, authenticated;
grant execute on function public.staff_members(uuid, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean)
  to authenticated;

/** As in 20261208000500, with `paid_amount_in_period`. */
drop function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean);
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
  stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int, paid_amount_in_period numeric,
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
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period, l.paid_amount_in_period,
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
