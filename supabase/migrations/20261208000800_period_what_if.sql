-- What-if for the statistical period: an owner's walk of the console changed the tier period from
-- 365 to 10 days and saw only "Saved.", while two companies dropped from Senior to Ordinary.
-- Threshold edits show who would move before anything is saved (tier_what_if); a new period moves
-- members just as much, so it gets the same preview from the same engine: period_what_if runs
-- tier_what_if with the store's tiers as they are, counting each member's paid orders over the
-- proposed period instead of the current one.
--
-- Re-created from their latest definitions (20261202000400_tier_what_if.sql):
-- - private.store_paid_in_period takes the period to count over (default: the store's own);
-- - private.tier_what_if takes the proposed period (default: the store's own) and places members
--   today by the current one, after by the proposed one; and it leaves former members (left_at)
--   out, neither counted nor listed: the former-members change first did so in 20261208000900
--   (commit c2102b6) and took that part back out for this migration (c3cf77f).
--   public.tier_what_if calls it unchanged.

drop function private.store_paid_in_period(uuid);
drop function private.tier_what_if(uuid, jsonb, int, int);

/**
 * private.paid_in_period for every member of a store at once (members without paid orders in
 * the period get 0 and 0), over the store's statistical period or `p_days` days up to now: for
 * the store's own period, the figures kept with each valid cached tier, and for the members
 * whose cache lapsed, counted from the orders: one by one when they are few, otherwise in one
 * aggregate of the store's paid orders in the period. For another period every member is
 * counted in that aggregate (the kept figures and the engine's count are for the store's own).
 */
create function private.store_paid_in_period(p_store_id uuid, p_days int default null)
returns table (member_id uuid, paid_orders int, paid_amount numeric)
language plpgsql stable
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_days int := (select s.statistical_period_days from public.stores s where s.id = p_store_id);
  v_counted uuid[];
begin
  if p_days is null or p_days = v_days then
    return query
    select m.id, m.period_paid_orders, m.period_paid_amount
    from public.members m
    where m.store_id = p_store_id and m.tier_valid_until > now() and m.period_paid_orders is not null;

    -- The members the statement above left out. Both read the calling statement's snapshot (the
    -- function is stable), so each member is in exactly one of them.
    select coalesce(array_agg(m.id), '{}') into v_counted
    from public.members m
    where m.store_id = p_store_id and not coalesce(m.tier_valid_until > now() and m.period_paid_orders is not null, false);
    if cardinality(v_counted) <= 1000 then
      return query select c.member_id, c.paid_orders, c.paid_amount from private.count_paid_in_periods(v_counted) c;
      return;
    end if;
  else
    v_days := p_days;
    select coalesce(array_agg(m.id), '{}') into v_counted from public.members m where m.store_id = p_store_id;
  end if;

  return query
  with sums as (
    select o.member_id, count(*)::int as paid_orders, sum(o.amount_base) as paid_amount
    from public.orders o
    where o.store_id = p_store_id and o.status = 'paid' and o.placed_at > now() - make_interval(days => v_days)
    group by o.member_id
  )
  select x.id, coalesce(y.paid_orders, 0), coalesce(y.paid_amount, 0)
  from unnest(v_counted) as x (id) left join sums y on y.member_id = x.id;
end
$$;
revoke execute on function private.store_paid_in_period(uuid, int) from public;

/**
 * How the store's members would fall into `p_tiers` (see what_if_tiers) over a statistical
 * period of `p_days` days (null: the store's own) if saved now, from current orders, by the
 * engine's rule: the highest-ranked tier whose minimums their paid orders in the period meet, or
 * their unexpired override if that tier is kept and ranks higher. Today's tiers are placed by the
 * current period. Writes nothing. Staff of the store only.
 * Result: {members, tiers: [{index, id, rank, members, members_now}], moved_up, moved_down,
 * moves: [{member_id, company_name, paid_orders, paid_amount, overridden, from_tier_id,
 * from_rank, to_index, to_tier_id, to_rank, direction}]} with moves paged by p_limit/p_offset;
 * a move's paid_orders and paid_amount are over the proposed period.
 * Errors: 42501 not staff of the store; 22023 tiers, limit or offset.
 */
create function private.tier_what_if(p_store_id uuid, p_tiers jsonb, p_limit int, p_offset int, p_days int default null)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_proposed jsonb;
  v_now_case text;
  v_proposed_case text;
  v_result jsonb;
  -- Null when the proposed period is the store's own: today's figures serve for both.
  v_days int := nullif(p_days, (select s.statistical_period_days from public.stores s where s.id = p_store_id));
begin
  perform private.require_staff_of(p_store_id);
  if p_limit is null or p_limit not between 1 and 1000 then
    perform private.reject('limit', 'must be from 1 to 1000');
  end if;
  if p_offset is null or p_offset < 0 then
    perform private.reject('offset', 'must be 0 or more');
  end if;
  select jsonb_agg(to_jsonb(p)) into v_proposed from private.what_if_tiers(p_store_id, p_tiers) p;

  -- The rule, applied alike to the current tiers over the current period and the proposed ones
  -- over the proposed period, as one CASE each: the first of the tiers by rank, highest first,
  -- whose minimums the member's paid orders meet or that is the member's unexpired override.
  -- Evaluated once per member in a single pass (a join of members × tiers, or a sorted lateral
  -- per member, cost most of a second at 20,000 members). Every value is a number or id from the
  -- tiers table or what_if_tiers, quoted by format.
  select string_agg(format('when (s.now_orders >= %s and s.now_amount >= %s) or s.override_id = %L then %L::uuid',
           t.min_paid_orders, t.min_paid_amount, t.id, t.id), ' ' order by t.rank desc)
  into v_now_case from public.tiers t where t.store_id = p_store_id;
  select string_agg(format('when (s.paid_orders >= %s and s.paid_amount >= %s) or s.override_id = %L::uuid then %s',
           x.min_paid_orders, x.min_paid_amount, x.id, x.idx), ' ' order by x.rank desc)
  into v_proposed_case from jsonb_to_recordset(v_proposed) as x (idx int, id uuid, rank int, min_paid_orders int, min_paid_amount numeric);

  execute format($query$
  with proposed as materialized (
    select * from jsonb_to_recordset($1) as p (idx int, id uuid, rank int, min_paid_orders int, min_paid_amount numeric)
  ), later as materialized (
    -- Counted only for another period (a false one-time filter otherwise: no scan at all).
    select * from private.store_paid_in_period($2, $5) where $5 is not null
  ), placed as materialized (
    select s.member_id, s.paid_orders, s.paid_amount, s.override_id,
      f.id as from_tier_id, f.rank as from_rank, t.idx as to_index, t.id as to_tier_id, t.rank as to_rank,
      -- A kept tier is compared at its proposed rank; one proposed away at its current rank.
      coalesce(k.rank, f.rank) as from_rank_proposed
    from (
      select s.member_id, s.paid_orders, s.paid_amount, s.override_id,
        case %s end as from_tier_id, case %s end as to_index
      from (
        select s.member_id, s.paid_orders as now_orders, s.paid_amount as now_amount,
          coalesce(l.paid_orders, s.paid_orders) as paid_orders, coalesce(l.paid_amount, s.paid_amount) as paid_amount,
          case when m.tier_override_expires_at > now() then m.tier_override_id end as override_id
        from private.store_paid_in_period($2) s
        join public.members m on m.id = s.member_id and m.store_id = $2 and m.left_at is null
        left join later l on l.member_id = s.member_id
      ) s
    ) s
    join public.tiers f on f.id = s.from_tier_id
    join proposed t on t.idx = s.to_index
    left join proposed k on k.id = f.id
  ), to_counts as (
    select p.to_index, count(*) as n from placed p group by p.to_index
  ), from_counts as (
    select p.from_tier_id, count(*) as n from placed p group by p.from_tier_id
  ), moves as (
    select p.*, case when p.to_rank > p.from_rank_proposed then 'up'
                     when p.to_rank < p.from_rank_proposed then 'down' else 'across' end as direction
    from placed p
    where p.to_tier_id is distinct from p.from_tier_id
  )
  select jsonb_build_object(
    'members', (select count(*) from placed),
    'tiers', (select jsonb_agg(jsonb_build_object('index', p.idx, 'id', p.id, 'rank', p.rank,
                'members', coalesce(tc.n, 0), 'members_now', coalesce(fc.n, 0))
              order by p.rank)
              from proposed p
              left join to_counts tc on tc.to_index = p.idx
              left join from_counts fc on fc.from_tier_id = p.id),
    'moved_up', (select count(*) from moves where direction = 'up'),
    'moved_down', (select count(*) from moves where direction = 'down'),
    'moves', coalesce((select jsonb_agg(jsonb_build_object('member_id', m.member_id, 'company_name', m.company_name,
                'paid_orders', m.paid_orders, 'paid_amount', m.paid_amount, 'overridden', m.override_id is not null,
                'from_tier_id', m.from_tier_id, 'from_rank', m.from_rank, 'to_index', m.to_index,
                'to_tier_id', m.to_tier_id, 'to_rank', m.to_rank, 'direction', m.direction)
              order by m.company_name, m.member_id)
              from (select v.*, c.company_name from moves v join public.members c on c.id = v.member_id
                    order by c.company_name, v.member_id limit $3 offset $4) m), '[]'::jsonb)
  )
  $query$, v_now_case, v_proposed_case)
  into v_result using v_proposed, p_store_id, p_limit, p_offset, v_days;
  return v_result;
end
$$;
revoke execute on function private.tier_what_if(uuid, jsonb, int, int, int) from public;
grant execute on function private.tier_what_if(uuid, jsonb, int, int, int) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- RPC
-- ---------------------------------------------------------------------------------------------

/**
 * How the store's members would move if its statistical period became `p_days` days (1 to 3650,
 * as set_statistical_period takes), its tiers as they are: tier_what_if's answer, `tiers` in rank
 * order. Writes nothing. Staff of the store only (owners then save with set_statistical_period).
 * Errors: 42501 not staff of the store; 22023 statistical_period_days, limit or offset.
 */
create function private.period_what_if(p_store_id uuid, p_days int, p_limit int, p_offset int)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  if p_days is null or p_days not between 1 and 3650 then
    perform private.reject('statistical_period_days', 'must be a whole number of days from 1 to 3650');
  end if;
  return private.tier_what_if(p_store_id,
    (select jsonb_agg(jsonb_build_object('id', t.id, 'rank', t.rank, 'min_paid_orders', t.min_paid_orders,
              'min_paid_amount', t.min_paid_amount) order by t.rank)
     from public.tiers t where t.store_id = p_store_id),
    p_limit, p_offset, p_days);
end
$$;
revoke execute on function private.period_what_if(uuid, int, int, int) from public;
grant execute on function private.period_what_if(uuid, int, int, int) to authenticated;

create function public.period_what_if(p_store_id uuid, p_days int, p_limit int default 100, p_offset int default 0)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.period_what_if(p_store_id, p_days, p_limit, p_offset) $$;
revoke execute on function public.period_what_if(uuid, int, int, int) from public, anon, authenticated;
grant execute on function public.period_what_if(uuid, int, int, int) to authenticated;
