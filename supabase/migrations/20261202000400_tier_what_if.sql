-- What-if for tier thresholds: before staff save new thresholds (or add, remove or re-rank
-- tiers) the console shows how many members would land in each proposed tier and who would move
-- up or down, computed from current orders without writing anything.
--
-- It must answer in well under a second at 20,000 members (and stays under one at 100,000), so it
-- is set-based and reads member columns: the period's figures kept with each member's cached tier
-- (exact while that cache is valid, see members.period_paid_orders), and for members whose cache
-- has lapsed the same count the engine makes. tests/db/tier-what-if.test.ts checks that they agree
-- with the engine's paid_in_period member by member, and that the what-if's current tier is the
-- engine's effective tier.

-- ---------------------------------------------------------------------------------------------
-- The store's period sums, per member
-- ---------------------------------------------------------------------------------------------

-- The what-if sums a whole store's paid orders in the period: by store, status and date, from
-- the index alone (the engine's index leads with member_id, for one member at a time).
create index orders_store_paid_placed_idx on public.orders (store_id, placed_at)
  include (member_id, amount_base) where status = 'paid';

/**
 * private.paid_in_period for every member of a store at once (members without paid orders in
 * the period get 0 and 0): the figures kept with each valid cached tier, and for the members
 * whose cache lapsed, counted from the orders: one by one when they are few, otherwise in one
 * aggregate of the store's paid orders in the period.
 */
create function private.store_paid_in_period(p_store_id uuid)
returns table (member_id uuid, paid_orders int, paid_amount numeric)
language plpgsql stable
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_stale uuid[];
begin
  return query
  select m.id, m.period_paid_orders, m.period_paid_amount
  from public.members m
  where m.store_id = p_store_id and m.tier_valid_until > now() and m.period_paid_orders is not null;

  -- The members the statement above left out. Both read the calling statement's snapshot (the
  -- function is stable), so each member is in exactly one of them.
  select coalesce(array_agg(m.id), '{}') into v_stale
  from public.members m
  where m.store_id = p_store_id and not coalesce(m.tier_valid_until > now() and m.period_paid_orders is not null, false);
  if cardinality(v_stale) <= 1000 then
    return query select c.member_id, c.paid_orders, c.paid_amount from private.count_paid_in_periods(v_stale) c;
  else
    return query
    with w as (
      select s.id, now() - make_interval(days => s.statistical_period_days) as start
      from public.stores s where s.id = p_store_id
    ), sums as (
      select o.member_id, count(*)::int as paid_orders, sum(o.amount_base) as paid_amount
      from w join public.orders o on o.store_id = w.id and o.status = 'paid' and o.placed_at > w.start
      group by o.member_id
    )
    select x.id, coalesce(y.paid_orders, 0), coalesce(y.paid_amount, 0)
    from unnest(v_stale) as x (id) left join sums y on y.member_id = x.id;
  end if;
end
$$;
revoke execute on function private.store_paid_in_period(uuid) from public;

-- ---------------------------------------------------------------------------------------------
-- RPC
-- ---------------------------------------------------------------------------------------------

/**
 * The proposed tiers, checked: a non-empty array of at most 50 objects
 * {id?, rank, min_paid_orders, min_paid_amount}. `id` names an existing tier of the store (kept,
 * perhaps re-ranked), absent for a new one; ranks are distinct; the ordinary tier stays at rank 0
 * with no thresholds, as the tiers table requires. Errors name the element: `tiers[2].rank ...`.
 */
create function private.what_if_tiers(p_store_id uuid, p_tiers jsonb)
returns table (idx int, id uuid, rank int, min_paid_orders int, min_paid_amount numeric)
language plpgsql stable
set search_path = ''
as $$
declare
  v_tier jsonb;
  v_idx int := 0;
  v_field text;
  v_id uuid;
  v_rank int;
  v_orders int;
  v_amount numeric;
  v_seen_ids uuid[] := '{}';
  v_seen_ranks int[] := '{}';
  v_ordinary uuid := (select t.id from public.tiers t where t.store_id = p_store_id and t.rank = 0);
begin
  if jsonb_typeof(p_tiers) is distinct from 'array' or jsonb_array_length(p_tiers) = 0 then
    perform private.reject('tiers', 'must be a non-empty array of tiers');
  end if;
  if jsonb_array_length(p_tiers) > 50 then
    perform private.reject('tiers', 'must hold at most 50 tiers');
  end if;
  for v_tier in select e from jsonb_array_elements(p_tiers) e loop
    v_field := format('tiers[%s]', v_idx);
    if jsonb_typeof(v_tier) <> 'object' then
      perform private.reject(v_field, 'must be an object');
    end if;
    if exists (select 1 from jsonb_object_keys(v_tier) k
               where k not in ('id', 'rank', 'min_paid_orders', 'min_paid_amount')) then
      perform private.reject(v_field, 'may hold only id, rank, min_paid_orders and min_paid_amount');
    end if;

    v_id := null;
    if v_tier ? 'id' and jsonb_typeof(v_tier -> 'id') <> 'null' then
      if jsonb_typeof(v_tier -> 'id') <> 'string'
         or (v_tier ->> 'id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
        perform private.reject(v_field || '.id', 'must be a tier id (a UUID) or absent for a new tier');
      end if;
      v_id := (v_tier ->> 'id')::uuid;
      if not exists (select 1 from public.tiers t where t.id = v_id and t.store_id = p_store_id) then
        perform private.reject(v_field || '.id', 'is not a tier of this store');
      end if;
      if v_id = any (v_seen_ids) then
        perform private.reject(v_field || '.id', 'appears twice');
      end if;
      v_seen_ids := v_seen_ids || v_id;
    end if;

    if jsonb_typeof(v_tier -> 'rank') is distinct from 'number' or (v_tier ->> 'rank') !~ '^[0-9]{1,4}$' then
      perform private.reject(v_field || '.rank', 'must be a whole number from 0 to 9999');
    end if;
    v_rank := (v_tier ->> 'rank')::int;
    if v_rank = any (v_seen_ranks) then
      perform private.reject(v_field || '.rank', 'is already the rank of another tier');
    end if;
    v_seen_ranks := v_seen_ranks || v_rank;

    if jsonb_typeof(v_tier -> 'min_paid_orders') is distinct from 'number'
       or (v_tier ->> 'min_paid_orders') !~ '^[0-9]{1,9}$' then
      perform private.reject(v_field || '.min_paid_orders', 'must be a whole number from 0 to 999999999');
    end if;
    v_orders := (v_tier ->> 'min_paid_orders')::int;
    if jsonb_typeof(v_tier -> 'min_paid_amount') is distinct from 'number' then
      perform private.reject(v_field || '.min_paid_amount', 'must be an amount from 0 with at most two decimals, below 1000000000000');
    end if;
    v_amount := (v_tier ->> 'min_paid_amount')::numeric;
    if v_amount < 0 or v_amount >= 1e12 or v_amount <> round(v_amount, 2) then
      perform private.reject(v_field || '.min_paid_amount', 'must be an amount from 0 with at most two decimals, below 1000000000000');
    end if;

    if (v_rank = 0) <> (v_id is not distinct from v_ordinary) then
      perform private.reject(v_field || '.rank', 'must be 0 for the ordinary tier and only for it');
    end if;
    if v_rank = 0 and (v_orders <> 0 or v_amount <> 0) then
      perform private.reject(v_field, 'is the ordinary tier, which has no thresholds (min_paid_orders and min_paid_amount 0)');
    end if;

    idx := v_idx; id := v_id; rank := v_rank; min_paid_orders := v_orders; min_paid_amount := v_amount;
    return next;
    v_idx := v_idx + 1;
  end loop;
  if not (0 = any (v_seen_ranks)) then
    perform private.reject('tiers', 'must keep the ordinary tier (its id, at rank 0)');
  end if;
end
$$;
revoke execute on function private.what_if_tiers(uuid, jsonb) from public;

/**
 * How the store's members would fall into `p_tiers` (see what_if_tiers) if saved now, from
 * current orders, by the engine's rule: the highest-ranked tier whose minimums their paid orders
 * in the period meet, or their unexpired override if that tier is kept and ranks higher. Writes
 * nothing. Staff of the store only.
 * Result: {members, tiers: [{index, id, rank, members, members_now}], moved_up, moved_down,
 * moves: [{member_id, company_name, paid_orders, paid_amount, overridden, from_tier_id,
 * from_rank, to_index, to_tier_id, to_rank, direction}]} with moves paged by p_limit/p_offset.
 * Errors: 42501 not staff of the store; 22023 tiers, limit or offset.
 */
create function private.tier_what_if(p_store_id uuid, p_tiers jsonb, p_limit int, p_offset int)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_proposed jsonb;
  v_now_case text;
  v_proposed_case text;
  v_result jsonb;
begin
  perform private.require_staff_of(p_store_id);
  if p_limit is null or p_limit not between 1 and 1000 then
    perform private.reject('limit', 'must be from 1 to 1000');
  end if;
  if p_offset is null or p_offset < 0 then
    perform private.reject('offset', 'must be 0 or more');
  end if;
  select jsonb_agg(to_jsonb(p)) into v_proposed from private.what_if_tiers(p_store_id, p_tiers) p;

  -- The rule, applied alike to the current tiers and the proposed ones, as one CASE each: the
  -- first of the tiers by rank, highest first, whose minimums the member's paid orders meet or
  -- that is the member's unexpired override. Evaluated once per member in a single pass (a join
  -- of members × tiers, or a sorted lateral per member, cost most of a second at 20,000 members).
  -- Every value is a number or id from the tiers table or what_if_tiers, quoted by format.
  select string_agg(format('when (s.paid_orders >= %s and s.paid_amount >= %s) or s.override_id = %L then %L::uuid',
           t.min_paid_orders, t.min_paid_amount, t.id, t.id), ' ' order by t.rank desc)
  into v_now_case from public.tiers t where t.store_id = p_store_id;
  select string_agg(format('when (s.paid_orders >= %s and s.paid_amount >= %s) or s.override_id = %L::uuid then %s',
           x.min_paid_orders, x.min_paid_amount, x.id, x.idx), ' ' order by x.rank desc)
  into v_proposed_case from jsonb_to_recordset(v_proposed) as x (idx int, id uuid, rank int, min_paid_orders int, min_paid_amount numeric);

  execute format($query$
  with proposed as materialized (
    select * from jsonb_to_recordset($1) as p (idx int, id uuid, rank int, min_paid_orders int, min_paid_amount numeric)
  ), placed as materialized (
    select s.member_id, s.paid_orders, s.paid_amount, s.override_id,
      f.id as from_tier_id, f.rank as from_rank, t.idx as to_index, t.id as to_tier_id, t.rank as to_rank,
      -- A kept tier is compared at its proposed rank; one proposed away at its current rank.
      coalesce(k.rank, f.rank) as from_rank_proposed
    from (
      select s.member_id, s.paid_orders, s.paid_amount, s.override_id,
        case %s end as from_tier_id, case %s end as to_index
      from (
        select s.member_id, s.paid_orders, s.paid_amount,
          case when m.tier_override_expires_at > now() then m.tier_override_id end as override_id
        from private.store_paid_in_period($2) s
        join public.members m on m.id = s.member_id and m.store_id = $2
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
  into v_result using v_proposed, p_store_id, p_limit, p_offset;
  return v_result;
end
$$;
revoke execute on function private.tier_what_if(uuid, jsonb, int, int) from public;
grant execute on function private.tier_what_if(uuid, jsonb, int, int) to authenticated;

create function public.tier_what_if(p_store_id uuid, p_tiers jsonb, p_limit int default 100, p_offset int default 0)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.tier_what_if(p_store_id, p_tiers, p_limit, p_offset) $$;
revoke execute on function public.tier_what_if(uuid, jsonb, int, int) from public, anon, authenticated;
grant execute on function public.tier_what_if(uuid, jsonb, int, int) to authenticated;
