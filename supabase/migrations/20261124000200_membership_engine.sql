-- The membership engine: orders fed by the merchant, tiers evaluated live from them with a
-- recorded history and staff overrides, colleague invitations, free samples against a quota,
-- product images under the products' own visibility, and the read RPCs the portal and widget use.

-- ---------------------------------------------------------------------------------------------
-- Orders
-- ---------------------------------------------------------------------------------------------

/** A buyer company's order as the merchant's system of record reports it; written only by import_orders. */
create table public.orders (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null references public.stores (id) on delete cascade,
  member_id uuid not null,
  -- The contact whose login email matched the imported row, when matched by email.
  contact_id uuid references public.member_contacts (id) on delete set null,
  -- The merchant's own order number; unique per store so re-imports update instead of duplicating.
  external_ref text not null check (length(external_ref) between 1 and 100),
  amount numeric(14,2) not null check (amount > 0),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  -- Converts `amount` into the store's base currency (1 when it already is).
  exchange_rate numeric(18,8) not null default 1 check (exchange_rate > 0),
  amount_base numeric(14,2) generated always as (round(amount * exchange_rate, 2)) stored,
  placed_at timestamptz not null,
  status text not null check (status in ('paid', 'refunded', 'cancelled')),
  delivered_at timestamptz,
  imported_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (store_id, external_ref),
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade,
  constraint orders_external_ref_single_line check (private.is_single_line(external_ref)),
  constraint orders_amount_is_a_number check (amount <> 'NaN'),
  constraint orders_exchange_rate_is_a_number check (exchange_rate <> 'NaN')
);
comment on table public.orders is 'Orders per member company, imported by staff; they drive tiers. Read-only through the API.';
-- Serves tier evaluation (paid orders of one member since a date, summed from the index alone)
-- and the foreign key.
create index orders_member_status_placed_idx on public.orders (member_id, store_id, status, placed_at) include (amount_base);
create index orders_contact_id_idx on public.orders (contact_id);

alter table public.orders enable row level security;
revoke all on table public.orders from anon, authenticated;
grant select on table public.orders to authenticated;

create policy "Contacts read their company's orders, staff their store's" on public.orders
  for select to authenticated
  using (member_id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));

-- ---------------------------------------------------------------------------------------------
-- Tier evaluation and history
-- ---------------------------------------------------------------------------------------------

/** Every change of a member's effective tier, so the member can be told (from, to, why, when). */
create table public.tier_changes (
  id uuid primary key default gen_random_uuid(),
  member_id uuid not null,
  store_id uuid not null,
  -- Tier ids without foreign keys, and names as they were: history outlives a removed tier.
  from_tier_id uuid,
  from_tier_name text,
  to_tier_id uuid,
  to_tier_name text,
  reason text not null check (reason in ('join', 'orders', 'refund', 'period', 'override', 'override_expired', 'tier_rules')),
  changed_at timestamptz not null default now(),
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade
);
comment on table public.tier_changes is 'History of effective tier changes. Contacts read their company''s, staff their store''s.';
create index tier_changes_member_idx on public.tier_changes (member_id, store_id, changed_at);
create index tier_changes_store_idx on public.tier_changes (store_id, changed_at);

alter table public.tier_changes enable row level security;
revoke all on table public.tier_changes from anon, authenticated;
grant select on table public.tier_changes to authenticated;

create policy "Contacts read their company's tier history, staff their store's" on public.tier_changes
  for select to authenticated
  using (member_id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));

-- The engine's helpers below are PL/pgSQL, not SQL: with a pinned search_path a SQL function is
-- never inlined, and PostgreSQL 17 plans its body again on every call (a few hundred
-- microseconds to milliseconds each, several per request); PL/pgSQL keeps its plans for the
-- session. Per-member forms call the set-based ones, so each rule is written once.

/**
 * What each member's paid orders add up to in their store's current statistical period, and
 * when the oldest of them ages out, counted from the orders: one row per member id given (ids
 * given once each). The tier evaluation's source; readers use paid_in_periods.
 */
create function private.count_paid_in_periods(p_member_ids uuid[])
returns table (member_id uuid, window_start timestamptz, paid_orders int, paid_amount numeric, oldest_placed_at timestamptz)
language plpgsql stable security definer
set search_path = ''
-- The plan does not depend on the ids (one index probe each). Custom plans were worse twice:
-- replanned on every call, and with an import's 800 buyers known the planner aggregated every
-- member of their store instead (1.1 s instead of 80 ms).
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  -- The window's start reaches the orders as a parameter of a lateral aggregate, so the index
  -- scan starts at it (an outer join on it read every paid order the buyer ever placed), and
  -- amount_base comes from the index.
  return query
  select m.id, w.start, o.paid_orders, o.paid_amount, o.oldest_placed_at
  from unnest(p_member_ids) as i (id)
  join public.members m on m.id = i.id
  join public.stores s on s.id = m.store_id
  cross join lateral (select now() - make_interval(days => s.statistical_period_days) as start) w
  cross join lateral (
    select count(*)::int as paid_orders, coalesce(sum(x.amount_base), 0) as paid_amount, min(x.placed_at) as oldest_placed_at
    from public.orders x
    where x.member_id = m.id and x.store_id = m.store_id and x.status = 'paid' and x.placed_at > w.start
  ) o;
end
$$;

/**
 * count_paid_in_periods as reads see it: the figures kept with a member's cached tier while that
 * cache is valid (exact then, see members.period_paid_orders), counted from the orders otherwise.
 */
create function private.paid_in_periods(p_member_ids uuid[])
returns table (member_id uuid, window_start timestamptz, paid_orders int, paid_amount numeric, oldest_placed_at timestamptz)
language plpgsql stable security definer
set search_path = ''
-- As count_paid_in_periods: one plan for any ids.
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  -- One statement, so that a member is read once, fresh or stale, whatever commits meanwhile.
  return query
  with k as materialized (
    select m.id, s.statistical_period_days as days, m.period_paid_orders, m.period_paid_amount, m.period_oldest_paid_at,
      coalesce(m.tier_valid_until > now() and m.period_paid_orders is not null, false) as fresh
    from unnest(p_member_ids) as i (id)
    join public.members m on m.id = i.id
    join public.stores s on s.id = m.store_id
  )
  select k.id, now() - make_interval(days => k.days), k.period_paid_orders, k.period_paid_amount, k.period_oldest_paid_at
  from k where k.fresh
  union all
  select c.* from private.count_paid_in_periods(array(select k.id from k where not k.fresh)) c;
end
$$;

/** One member's paid_in_periods. */
create function private.paid_in_period(p_member_id uuid)
returns table (window_start timestamptz, paid_orders int, paid_amount numeric, oldest_placed_at timestamptz)
language plpgsql stable security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
  select p.window_start, p.paid_orders, p.paid_amount, p.oldest_placed_at from private.paid_in_periods(array[p_member_id]) p;
end
$$;

/**
 * Members' effective tiers, computed live: for each, the highest-ranked tier whose minimums
 * their paid orders in the period meet, or their unexpired override if that ranks higher; and
 * until when that answer holds with nothing written: time alone changes it only when the oldest
 * counted order leaves the period or an active override expires; with the figures it came from
 * (kept with the cache). Counted from the orders, in one pass for the whole set.
 */
create function private.tier_evaluations(p_member_ids uuid[])
returns table (member_id uuid, tier_id uuid, valid_until timestamptz,
               paid_orders int, paid_amount numeric, oldest_placed_at timestamptz)
language plpgsql stable security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
  select m.id, t.id,
    least(coalesce(p.oldest_placed_at + make_interval(days => s.statistical_period_days), 'infinity'),
          case when m.tier_override_expires_at > now() then m.tier_override_expires_at else 'infinity' end),
    p.paid_orders, p.paid_amount, p.oldest_placed_at
  from private.count_paid_in_periods(p_member_ids) p
  join public.members m on m.id = p.member_id
  join public.stores s on s.id = m.store_id
  cross join lateral (
    select t.id from public.tiers t
    where t.store_id = m.store_id
      and ((t.min_paid_orders <= p.paid_orders and t.min_paid_amount <= p.paid_amount)
        or (t.id = m.tier_override_id and m.tier_override_expires_at > now()))
    order by t.rank desc
    limit 1
  ) t;
end
$$;

/** One member's tier_evaluations. */
create function private.tier_evaluation(p_member_id uuid)
returns table (tier_id uuid, valid_until timestamptz)
language plpgsql stable security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query select e.tier_id, e.valid_until from private.tier_evaluations(array[p_member_id]) e;
end
$$;

/** A member's effective tier, computed live (see tier_evaluations). */
create function private.evaluate_tier(p_member_id uuid)
returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (select e.tier_id from private.tier_evaluations(array[p_member_id]) e);
end
$$;

/**
 * A member's effective tier as every read uses it: the cached tier while it is still valid (a
 * column read), otherwise evaluated live. Exact either way, with no job: whatever changes the
 * evaluation other than time (orders, tier rules, the period, an override) refreshes the cache
 * in the same transaction, and time is covered by `tier_valid_until`.
 */
create function private.effective_tier_id(p_member_id uuid)
returns uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (select case when m.tier_valid_until > now() then m.tier_id else private.evaluate_tier(m.id) end
          from public.members m where m.id = p_member_id);
end
$$;

/**
 * Brings the cached tiers of a set of members up to date in one pass: locks them in id order
 * (concurrent refreshes cannot deadlock), clears expired overrides, evaluates each once, writes
 * only what changed (tier, its validity, the period's figures it came from, the newest paid order
 * and the median gap between paid orders) and records each tier change.
 * Without `p_reason` the cause is time (an override that expired, orders that aged out) and
 * members whose cache is still valid are skipped. Returns how many changed tier.
 * `p_paid_order_ids`, orders of these members that just became paid, earn their points and
 * rebate (the ledgers of 000300) at the tier they lead to, so the order that lifts a member to
 * VIP already earns as VIP. Each earns once. Their credits are added to the balances in the same
 * write of the member row as the tier: importing new orders writes each buyer's row once (every
 * further write of a row re-runs the members' CHECK functions and, the row being the
 * transaction's own, its foreign-key checks).
 */
create function private.refresh_tiers(p_member_ids uuid[], p_reason text, p_paid_order_ids uuid[] default '{}')
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
      e.paid_orders, e.paid_amount, e.oldest_placed_at
    -- Driven by the evaluations (one member row each): a filter on m.id as well made the planner
    -- expect a hundredth of the rows, and plan everything joined to them for a handful.
    from private.tier_evaluations(v_ids) e
    join public.members m on m.id = e.member_id
    cross join lateral (
      select max(x.placed_at) as last_at,
        percentile_cont(0.5) within group (order by x.gap) as median_gap
      from (
        select o.placed_at, o.placed_at - lag(o.placed_at) over (order by o.placed_at) as gap
        from public.orders o where o.member_id = m.id and o.store_id = m.store_id and o.status = 'paid'
      ) x
    ) g
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
        paid_order_gap_median = e.median_gap, period_paid_orders = e.paid_orders,
        period_paid_amount = e.paid_amount, period_oldest_paid_at = e.oldest_placed_at, last_evaluated_at = now(),
        points_balance = m.points_balance + coalesce(c.points, 0), rebate_balance = m.rebate_balance + coalesce(c.rebate, 0)
    from evaluated e left join credited c on c.member_id = e.id
    -- By key: joined to the CTE alone, the update hashed every member of every store.
    where m.id = any (v_ids) and m.id = e.id
      and ((m.tier_id, m.tier_valid_until, m.last_paid_order_at, m.paid_order_gap_median,
            m.period_paid_orders, m.period_paid_amount, m.period_oldest_paid_at)
           is distinct from (e.tier_id, e.valid_until, e.last_at, e.median_gap, e.paid_orders, e.paid_amount, e.oldest_placed_at)
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
 * One member's tier now: the cached tier while valid (reads that call this stay a row read),
 * otherwise refreshed. With `p_reason` (orders, refund, override) it is always re-evaluated.
 */
create function private.refresh_member_tier(p_member_id uuid, p_reason text)
returns uuid
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members;
begin
  select * into v_member from public.members m where m.id = p_member_id;
  if p_reason is null and v_member.tier_valid_until > now() then
    return v_member.tier_id;
  end if;
  perform private.refresh_tiers(array[p_member_id], p_reason);
  return (select m.tier_id from public.members m where m.id = p_member_id);
end
$$;

/** Refreshes every member of a store (or of every store when null); returns how many changed tier. */
create function private.refresh_store_tiers(p_store_id uuid, p_reason text)
returns int
language sql
set search_path = ''
as $$
  select private.refresh_tiers(
    array(select m.id from public.members m where p_store_id is null or m.store_id = p_store_id), p_reason)
$$;

revoke execute on function private.count_paid_in_periods(uuid[]), private.paid_in_periods(uuid[]), private.paid_in_period(uuid),
  private.tier_evaluations(uuid[]),
  private.tier_evaluation(uuid), private.evaluate_tier(uuid),
  private.effective_tier_id(uuid), private.refresh_tiers(uuid[], text, uuid[]), private.refresh_member_tier(uuid, text),
  private.refresh_store_tiers(uuid, text) from public;

/** The caller's effective tier rank per store: exact as of now (see effective_tier_id). */
create or replace function private.my_store_ranks()
returns table (store_id uuid, rank int)
language sql stable security definer
-- A caller belongs to a handful of stores and companies: the default estimate of 1000 rows
-- would keep policies from hashing this set once per query.
rows 10
set search_path = ''
as $$
  select c.store_id, t.rank
  from public.member_contacts c
  join public.tiers t on t.id = private.effective_tier_id(c.member_id)
  where c.user_id = (select auth.uid())
$$;

/**
 * Orders changed: re-evaluate the affected members once per statement, in one pass each for
 * refunds and for the rest, and credit the orders that became paid at the tier they now reach.
 * These triggers must fire before the ledgers' one on updated orders (triggers fire in name
 * order: `orders_refresh_tiers_*` < `orders_settle_ledgers_*`), which gives back what orders that
 * left paid earned.
 */
create function private.orders_changed()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_paid uuid[];
begin
  if tg_op = 'INSERT' then
    perform private.refresh_tiers(array(select distinct n.member_id from new_orders n), 'orders',
      array(select n.id from new_orders n where n.status = 'paid'));
  elsif tg_op = 'UPDATE' then
    -- Each refresh credits the orders of its own members.
    v_paid := array(select n.id from new_orders n join old_orders o on o.id = n.id where n.status = 'paid' and o.status <> 'paid');
    -- A member whose paid order was refunded (or moved away) falls back for that reason.
    perform private.refresh_tiers(array(
      select distinct o.member_id from old_orders o join new_orders n on n.id = o.id
      where (o.status = 'paid' and n.status <> 'paid') or n.member_id <> o.member_id), 'refund', v_paid);
    perform private.refresh_tiers(array(
      select n.member_id from new_orders n join old_orders o on o.id = n.id
      group by n.member_id having not bool_or(o.status = 'paid' and n.status <> 'paid')), 'orders', v_paid);
  else
    perform private.refresh_tiers(array(select distinct o.member_id from old_orders o), 'refund');
  end if;
  return null;
end
$$;
revoke execute on function private.orders_changed() from public;

create trigger orders_refresh_tiers_after_insert after insert on public.orders
  referencing new table as new_orders for each statement execute function private.orders_changed();
create trigger orders_refresh_tiers_after_update after update on public.orders
  referencing old table as old_orders new table as new_orders for each statement execute function private.orders_changed();
create trigger orders_refresh_tiers_after_delete after delete on public.orders
  referencing old table as old_orders for each statement execute function private.orders_changed();

/** Tier rules changed: re-evaluate the store's members (skipped while the store itself is being deleted). */
create function private.tiers_changed()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store_id uuid;
begin
  for v_store_id in
    select t.store_id from changed_tiers t
    where exists (select 1 from public.stores s where s.id = t.store_id)
    group by t.store_id
  loop
    perform private.refresh_store_tiers(v_store_id, 'tier_rules');
  end loop;
  return null;
end
$$;
revoke execute on function private.tiers_changed() from public;

create trigger tiers_refresh_members_after_insert after insert on public.tiers
  referencing new table as changed_tiers for each statement execute function private.tiers_changed();
create trigger tiers_refresh_members_after_update after update on public.tiers
  referencing new table as changed_tiers for each statement execute function private.tiers_changed();
create trigger tiers_refresh_members_after_delete after delete on public.tiers
  referencing old table as changed_tiers for each statement execute function private.tiers_changed();

/**
 * A new statistical period changes what every member's orders add up to, as time passing would:
 * the cached tiers stop being valid at once (reads evaluate live), and the change is recorded
 * on the member's next read or the scheduled evaluation, with reason 'period'.
 */
create function private.period_changed()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.members m set tier_valid_until = null where m.store_id = new.id and m.tier_valid_until is not null;
  return null;
end
$$;
revoke execute on function private.period_changed() from public;

create trigger stores_invalidate_tiers_after_period_change after update of statistical_period_days on public.stores
  for each row when (new.statistical_period_days is distinct from old.statistical_period_days)
  execute function private.period_changed();

/** Joining is the first entry of a member's tier history. */
create function private.record_join()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.tier_changes (member_id, store_id, to_tier_id, to_tier_name, reason)
  values (new.id, new.store_id, new.tier_id, (select t.name from public.tiers t where t.id = new.tier_id), 'join');
  return null;
end
$$;
revoke execute on function private.record_join() from public;

create trigger members_record_join after insert on public.members
  for each row execute function private.record_join();

/** True when the caller works at the store or is the service role (the merchant's own back end). */
create function private.is_staff_or_service(p_store_id uuid)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select (select auth.role()) = 'service_role'
      or exists (select 1 from public.store_staff s where s.store_id = p_store_id and s.user_id = (select auth.uid()))
$$;
revoke execute on function private.is_staff_or_service(uuid) from public;

/**
 * Re-evaluates the tiers of a store's members now (what orders aging out would do on the next
 * read anyway) so that tier changes are recorded promptly for notifications. Staff of the store
 * or the service role; the service role may pass null for every store.
 * Returns the number of members whose tier changed. Errors: 42501.
 */
create function private.evaluate_tiers(p_store_id uuid)
returns int
language plpgsql security definer
set search_path = ''
as $$
begin
  if not (p_store_id is null and (select auth.role()) = 'service_role')
     and not (p_store_id is not null and private.is_staff_or_service(p_store_id)) then
    perform private.reject(null, 'Only staff of this store can evaluate its tiers', '42501');
  end if;
  return private.refresh_store_tiers(p_store_id, null);
end
$$;
revoke execute on function private.evaluate_tiers(uuid) from public;
grant execute on function private.evaluate_tiers(uuid) to authenticated, service_role;

create function public.evaluate_tiers(p_store_id uuid default null)
returns int
language sql security invoker
set search_path = ''
as $$ select private.evaluate_tiers(p_store_id) $$;
revoke execute on function public.evaluate_tiers(uuid) from public, anon, authenticated;
grant execute on function public.evaluate_tiers(uuid) to authenticated, service_role;

-- Where pg_cron exists (hosted Supabase with the extension on), re-evaluate nightly.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_cron') then
    execute $cron$select cron.schedule('cardclub-evaluate-tiers', '17 3 * * *', 'select private.refresh_store_tiers(null, null)')$cron$;
  end if;
end
$$;

/**
 * The member row locked for a check-then-write, with its store. A company the caller cannot
 * read is reported like a missing one (PT404, and it is never locked); a company the caller
 * reads as its contact, not as the store's staff, is refused with 42501.
 */
create function private.lock_member_for_staff(p_member_id uuid)
returns public.members
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members;
begin
  select * into v_member from public.members m
  where m.id = p_member_id and private.can_read_company_row(m.store_id, m.id)
  for update;
  if v_member.id is null then
    perform private.reject('member_id', 'matches no member', 'PT404');
  end if;
  if v_member.store_id not in (select private.staff_store_ids()) then
    perform private.reject('member_id', 'is not a member of a store you staff', '42501');
  end if;
  return v_member;
end
$$;
revoke execute on function private.lock_member_for_staff(uuid) from public;

/**
 * Staff set (or with a null tier, clear) a member's tier override until `p_expires_at`, a
 * finite time (an override is temporary; 'infinity' would make it permanent).
 * Returns the member row. Errors: PT404 unknown company, or one the caller cannot read; 42501
 * the caller reads it as its contact, not as staff; 22023 bad tier, expiry or reason.
 */
create function private.set_tier_override(p_member_id uuid, p_tier_id uuid, p_expires_at timestamptz, p_reason text)
returns public.members
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
begin
  if p_tier_id is not null then
    if not exists (select 1 from public.tiers t where t.id = p_tier_id and t.store_id = v_member.store_id) then
      perform private.reject('tier_id', 'is not a tier of this store');
    end if;
    if p_expires_at is null or p_expires_at <= now() or not isfinite(p_expires_at) then
      perform private.reject('expires_at', 'must be in the future and finite (not infinity)');
    end if;
  end if;

  update public.members m
  set tier_override_id = p_tier_id,
      tier_override_expires_at = case when p_tier_id is null then null else p_expires_at end,
      tier_override_reason = case when p_tier_id is null then null else private.clean_text('reason', p_reason, 500) end
  where m.id = p_member_id;
  perform private.refresh_member_tier(p_member_id, 'override');
  return (select m from public.members m where m.id = p_member_id);
end
$$;
revoke execute on function private.set_tier_override(uuid, uuid, timestamptz, text) from public;
grant execute on function private.set_tier_override(uuid, uuid, timestamptz, text) to authenticated;

create function public.set_tier_override(p_member_id uuid, p_tier_id uuid, p_expires_at timestamptz default null, p_reason text default null)
returns public.members
language sql security invoker
set search_path = ''
as $$ select private.set_tier_override(p_member_id, p_tier_id, p_expires_at, p_reason) $$;
revoke execute on function public.set_tier_override(uuid, uuid, timestamptz, text) from public, anon, authenticated;
grant execute on function public.set_tier_override(uuid, uuid, timestamptz, text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Order import
-- ---------------------------------------------------------------------------------------------

/**
 * One row of an import batch: its typed fields when valid, otherwise the first reason it is
 * refused (`fault_field` may be null for the row as a whole).
 */
create type private.order_import_row as (
  row_no int,
  external_ref text,
  member_id uuid,
  contact_id uuid,
  amount numeric(14,2),
  currency char(3),
  exchange_rate numeric(18,8),
  placed_at timestamptz,
  status text,
  delivered_at timestamptz,
  fault_field text,
  fault_reason text
);

/**
 * An import date: ISO 8601 (2026-03-01 or 2026-03-01T10:00:00Z), so that 03/04/2026 is never
 * read by the server's DateStyle; finite and not before 2000. Null when it is not one. Checked
 * with pg_input_is_valid rather than a caught cast: an exception block per row would open a
 * subtransaction per row.
 */
create function private.import_timestamp(p_value text)
returns timestamptz
-- Strict: an absent date (most rows' delivered_at) is null without a call.
language plpgsql stable strict
set search_path = ''
as $$
declare
  v_at timestamptz;
begin
  if p_value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$'
     or not pg_catalog.pg_input_is_valid(p_value, 'timestamptz') then
    return null;
  end if;
  v_at := p_value::timestamptz;
  if v_at < timestamptz '2000-01-01 00:00:00+00' then
    return null;
  end if;
  return v_at;
end
$$;
revoke execute on function private.import_timestamp(text) from public;

/**
 * Validates every row of an import batch in one set-based pass (a plpgsql loop over 10,000
 * rows cost more than the rest of the import): each row's typed fields, or the first of its
 * faults in the documented order. Lookups (the member, the contact by confirmed login email,
 * an external_ref already held by another member) are joins.
 */
create function private.parse_order_rows(p_store public.stores, p_rows jsonb)
returns setof private.order_import_row
language sql stable security definer
set search_path = ''
as $$
  -- Each step materialized: flattened, every use of `fault` below would evaluate its checks again.
  with f as materialized (
    select r.row_no::int, r.j,
      jsonb_typeof(r.j) = 'object' as is_object,
      btrim(r.j ->> 'external_ref') as external_ref,
      r.j ? 'member_id' and r.j ->> 'member_id' is not null as by_id,
      case when r.j ->> 'member_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        then (r.j ->> 'member_id')::uuid end as member_uuid,
      nullif(btrim(r.j ->> 'email'), '') as email,
      case when jsonb_typeof(r.j -> 'amount') = 'number' then (r.j ->> 'amount')::numeric end as amount,
      coalesce(r.j ->> 'currency', p_store.base_currency) as currency,
      coalesce(jsonb_typeof(r.j -> 'exchange_rate'), 'null') = 'null' as rate_missing,
      case when jsonb_typeof(r.j -> 'exchange_rate') = 'number' then (r.j ->> 'exchange_rate')::numeric end as rate,
      private.import_timestamp(r.j ->> 'placed_at') as placed_at,
      r.j ->> 'delivered_at' as delivered_text,
      private.import_timestamp(r.j ->> 'delivered_at') as delivered_at,
      r.j ->> 'status' as status
    from jsonb_array_elements(p_rows) with ordinality as r (j, row_no)
  ), v as materialized (
    select f.*, coalesce(mm.id, mc.member_id) as member_id, mc.contact_id,
      case
        when not f.is_object then array[null, 'must be an object']
        -- The documented fields fit in a few hundred bytes; this bounds what 10,000 rows may carry.
        when octet_length(f.j::text) > 4096 then array[null, 'is larger than 4096 bytes; send only the order fields']
        when coalesce(f.external_ref, '') = '' or length(f.external_ref) > 100 then array['external_ref', 'is required (1-100 characters)']
        when not private.is_single_line(f.external_ref) then array['external_ref', 'must be a single line without control characters']
        when f.by_id and mm.id is null then array['member_id', 'is not a member of this store']
        when not f.by_id and f.email is not null and mc.member_id is null then array['email', 'matches no member contact of this store']
        when not f.by_id and f.email is null then array['member_id', 'or email is required']
        when f.amount is null or f.amount <= 0 then array['amount', 'must be a positive number']
        when f.amount <> round(f.amount, 2) or f.amount >= 1e12 then array['amount', 'must have at most 2 decimals and 12 digits']
        when f.currency !~ '^[A-Z]{3}$' then array['currency', 'must be a three-letter ISO 4217 code such as USD']
        when f.rate_missing and f.currency <> p_store.base_currency then
          array['exchange_rate', format('is required for %s (store currency %s)', f.currency, p_store.base_currency)]
        -- The column keeps 8 decimals: a smaller rate would be stored as 0.
        when not f.rate_missing and (f.rate is null or round(f.rate, 8) <= 0 or f.rate >= 1e10) then
          array['exchange_rate', 'must be a positive number from 0.00000001 to 9999999999']
        when not f.rate_missing and f.currency = p_store.base_currency and f.rate <> 1 then
          array['exchange_rate', format('must be 1 for the store currency %s', p_store.base_currency)]
        when round(f.amount * coalesce(f.rate, 1), 2) >= 1e12 then
          array['amount', format('converted to %s must be below 1000000000000', p_store.base_currency)]
        when f.placed_at is null then array['placed_at', 'must be a date or timestamp such as 2026-03-01T10:00:00Z, from 2000 on']
        -- A day of slack for merchants' clocks and time zones.
        when f.placed_at > now() + interval '1 day' then array['placed_at', 'must not be in the future']
        when f.delivered_text is not null and (f.delivered_at is null or f.delivered_at < f.placed_at) then
          array['delivered_at', 'must be a timestamp no earlier than placed_at']
        when f.delivered_at > now() + interval '1 day' then array['delivered_at', 'must not be in the future']
        when f.status is null or f.status not in ('paid', 'refunded', 'cancelled') then
          array['status', 'must be one of paid, refunded, cancelled']
        when exists (select 1 from public.orders o
                     where o.store_id = p_store.id and o.external_ref = f.external_ref
                       and o.member_id <> coalesce(mm.id, mc.member_id)) then
          array['external_ref', 'already belongs to another member''s order']
      end as fault
    from f
    -- A key lookup per row (the limit keeps it one): as a join, the planner hashed every member
    -- of the store (100,000 at a large merchant) for a batch it guessed at 100 rows.
    left join lateral (
      select mm.id from public.members mm where f.by_id and mm.id = f.member_uuid and mm.store_id = p_store.id limit 1
    ) mm on true
    left join lateral (
      select c.member_id, c.id as contact_id
      from public.member_contacts c join auth.users u on u.id = c.user_id
      where not f.by_id and f.email is not null
        and c.store_id = p_store.id and lower(u.email) = lower(f.email) and not u.is_sso_user
        -- Only a proved address: an unconfirmed one could belong to anybody.
        and u.email_confirmed_at is not null
      limit 1
    ) mc on true
  )
  select v.row_no,
    -- Typed values only for valid rows: an out-of-range amount must be reported, not overflow.
    case when v.fault is null then v.external_ref end,
    case when v.fault is null then v.member_id end,
    case when v.fault is null then v.contact_id end,
    case when v.fault is null then v.amount end,
    case when v.fault is null then v.currency end,
    case when v.fault is null then coalesce(v.rate, 1) end,
    case when v.fault is null then v.placed_at end,
    case when v.fault is null then v.status end,
    case when v.fault is null then v.delivered_at end,
    v.fault[1], v.fault[2]
  from v
  order by v.row_no
$$;
revoke execute on function private.parse_order_rows(public.stores, jsonb) from public;

/**
 * The most rows one import_orders call accepts, sized with `npm run bench` against the API's
 * 8 s statement timeout at a large merchant's scale (100,000 members, 1,000,000 orders;
 * bench/README.md, import_batch_size). src/lib/import-batch.ts holds the same number for
 * clients, which split files by it; tests/db/import-batch.test.ts checks the two agree.
 */
create function private.import_batch_rows()
returns int
language sql immutable
set search_path = ''
as $$ select 1000 $$;
revoke execute on function private.import_batch_rows() from public;

/**
 * Imports a batch of the store's orders: all rows are validated first and the batch is
 * all-or-nothing; orders are keyed by external_ref, so re-importing an identical batch changes
 * nothing and a changed row (e.g. paid -> refunded) updates its order. Staff of the store or
 * the service role. Returns {"inserted", "updated", "unchanged"}.
 * Errors: 42501 not staff; 22023 more rows than import_batch_rows; 22023 "Row N: field reason"
 * with detail {"row", "field", "reason"}.
 */
create function private.import_orders(p_store_id uuid, p_rows jsonb)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores;
  v_rows private.order_import_row[];
  v_fault private.order_import_row;
  v_duplicate record;
  v_inserted int;
  v_updated int;
begin
  select * into v_store from public.stores s where s.id = p_store_id;
  if v_store.id is null or not private.is_staff_or_service(p_store_id) then
    perform private.reject('store_id', 'is not a store you staff', '42501');
  end if;
  if jsonb_typeof(p_rows) is distinct from 'array' or jsonb_array_length(p_rows) = 0 then
    perform private.reject('rows', 'must be a non-empty array of orders');
  end if;
  if jsonb_array_length(p_rows) > private.import_batch_rows() then
    perform private.reject('p_rows', format('has %s rows; at most %s rows per import — split the file into batches of %s',
      jsonb_array_length(p_rows), private.import_batch_rows(), private.import_batch_rows()));
  end if;

  v_rows := array(select r from private.parse_order_rows(v_store, p_rows) r);
  select r.* into v_fault from unnest(v_rows) r where r.fault_reason is not null order by r.row_no limit 1;
  if v_fault.row_no is not null then
    perform private.reject(v_fault.fault_field, v_fault.fault_reason, '22023', v_fault.row_no);
  end if;

  select r.external_ref, min(r.row_no) as first_row, max(r.row_no) as row_no into v_duplicate
  from unnest(v_rows) r group by r.external_ref having count(*) > 1 order by max(r.row_no) limit 1;
  if v_duplicate.row_no is not null then
    perform private.reject('external_ref', format('repeats row %s of this batch', v_duplicate.first_row), '22023', v_duplicate.row_no);
  end if;

  -- Lock the batch's members first, in id order: the inserts' foreign-key checks would take
  -- share locks that the triggers then upgrade, which deadlocks two imports for one buyer; and
  -- write rows in external_ref order, so overlapping batches meet their orders in one order.
  perform 1 from public.members m
  where m.id in (select r.member_id from unnest(v_rows) r) order by m.id for update;

  with written as (
    insert into public.orders as o (store_id, member_id, contact_id, external_ref, amount, currency, exchange_rate, placed_at, status, delivered_at)
    select p_store_id, r.member_id, r.contact_id, r.external_ref, r.amount, r.currency, r.exchange_rate, r.placed_at, r.status, r.delivered_at
    from unnest(v_rows) r
    order by r.external_ref
    on conflict (store_id, external_ref) do update
      set amount = excluded.amount, currency = excluded.currency, exchange_rate = excluded.exchange_rate,
          placed_at = excluded.placed_at, status = excluded.status,
          -- A later batch without the delivery date keeps the one already recorded.
          delivered_at = coalesce(excluded.delivered_at, o.delivered_at),
          contact_id = coalesce(excluded.contact_id, o.contact_id), updated_at = now()
      where (o.amount, o.currency, o.exchange_rate, o.placed_at, o.status)
            is distinct from (excluded.amount, excluded.currency, excluded.exchange_rate, excluded.placed_at, excluded.status)
         or (excluded.delivered_at is not null and excluded.delivered_at is distinct from o.delivered_at)
    returning (xmax = 0) as inserted
  )
  select count(*) filter (where inserted), count(*) filter (where not inserted) into v_inserted, v_updated from written;

  return jsonb_build_object('inserted', v_inserted, 'updated', v_updated,
    'unchanged', cardinality(v_rows) - v_inserted - v_updated);
end
$$;
revoke execute on function private.import_orders(uuid, jsonb) from public;
grant execute on function private.import_orders(uuid, jsonb) to authenticated, service_role;

create function public.import_orders(p_store_id uuid, p_rows jsonb)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.import_orders(p_store_id, p_rows) $$;
revoke execute on function public.import_orders(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.import_orders(uuid, jsonb) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Colleague invitations
-- ---------------------------------------------------------------------------------------------

/** An invitation for a colleague (by email) to become a contact of a member company. */
create table public.member_invitations (
  id uuid primary key default gen_random_uuid(),
  member_id uuid not null,
  store_id uuid not null,
  email text not null check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
  -- The secret the invitation link carries.
  token uuid not null unique default gen_random_uuid(),
  invited_by uuid references public.member_contacts (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '14 days',
  accepted_at timestamptz,
  accepted_by uuid references public.member_contacts (id) on delete set null,
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade,
  constraint member_invitations_accepted_by_someone check ((accepted_at is null) = (accepted_by is null)),
  constraint member_invitations_email_is_an_address check (private.is_email(email))
);
comment on table public.member_invitations is 'Colleague invitations. The company''s contacts, its store''s staff and the invitee read them.';
create index member_invitations_member_idx on public.member_invitations (member_id, store_id);
create unique index member_invitations_one_pending_per_email on public.member_invitations (member_id, lower(email)) where accepted_at is null;
create index member_invitations_email_idx on public.member_invitations (lower(email));
create index member_invitations_store_idx on public.member_invitations (store_id);
create index member_invitations_invited_by_idx on public.member_invitations (invited_by);
create index member_invitations_accepted_by_idx on public.member_invitations (accepted_by);

alter table public.member_invitations enable row level security;
revoke all on table public.member_invitations from anon, authenticated;
grant select, delete on table public.member_invitations to authenticated;

create policy "Contacts, staff and the invitee read invitations" on public.member_invitations
  for select to authenticated
  using (member_id in (select private.member_ids())
    or store_id in (select private.staff_store_ids())
    or lower(email) = (select private.my_confirmed_email()));
create policy "Contacts withdraw their company's pending invitations" on public.member_invitations
  for delete to authenticated
  using (member_id in (select private.member_ids()) and accepted_at is null);

/**
 * Whether the caller may read the invitation, exactly as its select policy says: a contact of
 * the company, staff of the store, or the invitee (confirmed login email = invitation email).
 */
create function private.can_read_invitation(p_invitation public.member_invitations)
returns boolean
language sql stable
set search_path = ''
as $$
  select private.can_read_company_row(p_invitation.store_id, p_invitation.member_id)
      or lower(p_invitation.email) = (select private.my_confirmed_email())
$$;
revoke execute on function private.can_read_invitation(public.member_invitations) from public;

/**
 * A contact invites a colleague by email to their company's membership. Inviting the same
 * address again renews the pending invitation; a company holds at most 100 pending ones.
 * Errors: PT404 unknown company, or one the caller cannot read; 42501 the caller reads it but is
 * not its contact (staff); 22023 bad email; 23505 already a contact of the inviting company;
 * P0001 too many pending invitations.
 */
create function private.invite_colleague(p_member_id uuid, p_email text)
returns public.member_invitations
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_contact public.member_contacts;
  v_email text := lower(btrim(p_email));
  v_invitation public.member_invitations;
  v_pending int;
begin
  if not exists (select 1 from public.members m
                 where m.id = p_member_id and private.can_read_company_row(m.store_id, m.id)) then
    perform private.reject('member_id', 'matches no member', 'PT404');
  end if;
  select * into v_contact from public.member_contacts c
  where c.member_id = p_member_id and c.user_id = v_user;
  if v_contact.id is null then
    perform private.reject('member_id', 'is not a company you are a contact of', '42501');
  end if;
  perform private.clean_format('email', v_email, 'email', true);
  -- Only the inviter's own company is checked: refusing an address of another company here
  -- would let any member test who buys from the store. Such an invitation is created, and the
  -- invitee is told why it cannot be accepted (already a contact at this store).
  if exists (select 1 from public.member_contacts c join auth.users u on u.id = c.user_id
             where c.member_id = p_member_id and lower(u.email) = v_email) then
    perform private.reject('email', 'already belongs to a contact of your company', '23505');
  end if;

  -- One company's invitations are counted one at a time.
  perform 1 from public.members m where m.id = p_member_id for update;
  select count(*) into v_pending from public.member_invitations i
  where i.member_id = p_member_id and i.accepted_at is null and i.expires_at > now() and lower(i.email) <> v_email;
  if v_pending >= 100 then
    perform private.reject('email', 'cannot be invited: your company has 100 pending invitations; withdraw some first', 'P0001');
  end if;

  insert into public.member_invitations as i (member_id, store_id, email, invited_by)
  values (p_member_id, v_contact.store_id, v_email, v_contact.id)
  on conflict (member_id, lower(email)) where accepted_at is null do update
    set expires_at = now() + interval '14 days', invited_by = excluded.invited_by
  returning * into v_invitation;
  return v_invitation;
end
$$;
revoke execute on function private.invite_colleague(uuid, text) from public;
grant execute on function private.invite_colleague(uuid, text) to authenticated;

create function public.invite_colleague(p_member_id uuid, p_email text)
returns public.member_invitations
language sql security invoker
set search_path = ''
as $$ select private.invite_colleague(p_member_id, p_email) $$;
revoke execute on function public.invite_colleague(uuid, text) from public, anon, authenticated;
grant execute on function public.invite_colleague(uuid, text) to authenticated;

/**
 * The signed-in invitee accepts: they become a colleague contact of the company with their
 * own business card. Returns {"member_id", "contact_id", "store_id", "store_slug", "company_name"}.
 * Errors: PT404 unknown token, or an invitation the caller cannot read (neither the invitee nor
 * the company's contact nor the store's staff); 42501 not signed in or invitation addressed to
 * another email; 22023 expired/used invitation or bad card field; 23505 already a contact at
 * this store; PT429 join limit.
 */
create function private.accept_invitation(
  p_token uuid,
  p_full_name text,
  p_job_title text,
  p_phone text,
  p_whatsapp text,
  p_wechat text,
  p_preferred_locale text
)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_invitation public.member_invitations;
  v_contact_id uuid;
begin
  -- An invitation the caller cannot read is answered like a missing one, and never locked.
  select * into v_invitation from public.member_invitations i
  where i.token = p_token and private.can_read_invitation(i)
  for update;
  if v_invitation.id is null then
    perform private.reject('token', 'matches no invitation', 'PT404');
  end if;
  if v_invitation.accepted_at is not null then
    perform private.reject('token', 'has already been used');
  end if;
  if v_invitation.expires_at <= now() then
    perform private.reject('token', 'has expired; ask your colleague for a new invitation');
  end if;
  if lower(v_invitation.email) is distinct from private.my_confirmed_email() then
    perform private.reject('email', 'of your login is not the address this invitation was sent to', '42501');
  end if;
  if exists (select 1 from public.member_contacts c where c.store_id = v_invitation.store_id and c.user_id = v_user) then
    perform private.reject(null, 'You are already a member contact at this store', '23505');
  end if;
  perform private.check_line('full_name', p_full_name, 120, true);
  perform private.check_locale(p_preferred_locale, 'preferred_locale');

  perform private.count_join(v_invitation.store_id, v_user);

  insert into public.member_contacts (member_id, store_id, user_id, role, full_name, job_title, email,
    phone, whatsapp, wechat, preferred_locale)
  values (v_invitation.member_id, v_invitation.store_id, v_user, 'colleague', btrim(p_full_name),
    private.clean_line('job_title', p_job_title, 120), v_invitation.email, private.clean_line('phone', p_phone, 40),
    private.clean_line('whatsapp', p_whatsapp, 40), private.clean_line('wechat', p_wechat, 60), p_preferred_locale)
  returning id into v_contact_id;
  update public.member_invitations i set accepted_at = now(), accepted_by = v_contact_id where i.id = v_invitation.id;

  return (
    select jsonb_build_object('member_id', m.id, 'contact_id', v_contact_id, 'store_id', s.id,
      'store_slug', s.slug, 'company_name', m.company_name)
    from public.members m join public.stores s on s.id = m.store_id
    where m.id = v_invitation.member_id);
end
$$;
revoke execute on function private.accept_invitation(uuid, text, text, text, text, text, text) from public;
grant execute on function private.accept_invitation(uuid, text, text, text, text, text, text) to authenticated;

create function public.accept_invitation(
  p_token uuid,
  p_full_name text,
  p_job_title text default null,
  p_phone text default null,
  p_whatsapp text default null,
  p_wechat text default null,
  p_preferred_locale text default null
)
returns jsonb
language sql security invoker
set search_path = ''
as $$
  select private.accept_invitation(p_token, p_full_name, p_job_title, p_phone, p_whatsapp, p_wechat, p_preferred_locale)
$$;
revoke execute on function public.accept_invitation(uuid, text, text, text, text, text, text) from public, anon, authenticated;
grant execute on function public.accept_invitation(uuid, text, text, text, text, text, text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Free samples
-- ---------------------------------------------------------------------------------------------

/** A member company's claim of a free product sample; counts against its tier's quota unless rejected or cancelled. */
create table public.sample_claims (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null,
  member_id uuid not null,
  -- No cascade: claims are history; deactivate a product instead of deleting it.
  product_id uuid not null references public.products (id),
  contact_id uuid references public.member_contacts (id) on delete set null,
  quantity int not null default 1 check (quantity between 1 and 10),
  -- Validated by claim_sample: name, company, line1, line2, city, region, postal_code, country, phone.
  ship_to jsonb not null check (jsonb_typeof(ship_to) = 'object'),
  status text not null default 'requested' check (status in ('requested', 'approved', 'shipped', 'rejected', 'cancelled')),
  tracking_number text check (length(tracking_number) <= 100),
  carrier text check (length(carrier) <= 100),
  rejection_reason text check (length(rejection_reason) <= 500),
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  shipped_at timestamptz,
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade,
  constraint sample_claims_shipped_has_tracking check (status <> 'shipped' or tracking_number is not null),
  constraint sample_claims_rejected_has_reason check (status <> 'rejected' or rejection_reason is not null),
  constraint sample_claims_tracking_number_format check (private.is_tracking_number(tracking_number)),
  constraint sample_claims_carrier_single_line check (private.is_single_line(carrier)),
  constraint sample_claims_rejection_reason_text check (private.is_text_block(rejection_reason)),
  -- claim_sample admits nine fields of at most 200 characters each.
  constraint sample_claims_ship_to_size check (octet_length(ship_to::text) <= 8000)
);
comment on table public.sample_claims is 'Free sample claims. The company''s contacts and its store''s staff read them; changes go through the sample RPCs.';
-- Serves the quota count (a member's claims since a date) and the foreign key.
create index sample_claims_member_idx on public.sample_claims (member_id, store_id, created_at);
create index sample_claims_store_queue_idx on public.sample_claims (store_id, status, created_at);
create index sample_claims_product_idx on public.sample_claims (product_id);
create index sample_claims_contact_idx on public.sample_claims (contact_id);

alter table public.sample_claims enable row level security;
revoke all on table public.sample_claims from anon, authenticated;
grant select on table public.sample_claims to authenticated;

create policy "Contacts read their company's sample claims, staff their store's" on public.sample_claims
  for select to authenticated
  using (member_id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));

/** Claims that count against a member's quota in the store's current sample period. */
create function private.samples_used(p_member_id uuid)
returns int
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (
    select count(*)::int
    from public.sample_claims c
    join public.members m on m.id = c.member_id
    join public.stores s on s.id = m.store_id
    where c.member_id = p_member_id and c.store_id = m.store_id
      and c.status in ('requested', 'approved', 'shipped')
      and c.created_at > now() - make_interval(days => s.sample_period_days)
  );
end
$$;
revoke execute on function private.samples_used(uuid) from public;

/**
 * The quota's backstop, whoever inserts the claim: claim_sample checks under the member's lock,
 * and this constraint trigger takes the same lock and counts again, so a writer that forgot
 * the check (or raced without the lock) still cannot push a company over its quota. Only new
 * claims are checked: a company whose tier dropped keeps the claims it already has.
 */
create function private.sample_quota_backstop()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_quota int;
  v_used int;
begin
  -- NO KEY UPDATE: the insert's foreign-key check already holds KEY SHARE on this row, which
  -- FOR UPDATE would conflict with between two inserters (a deadlock); this still serialises them.
  perform 1 from public.members m where m.id = new.member_id for no key update;
  select t.sample_quota into v_quota from public.tiers t where t.id = private.effective_tier_id(new.member_id);
  v_used := private.samples_used(new.member_id);
  if v_quota is not null and v_used > v_quota then
    raise exception using errcode = 'P0001',
      message = format('Sample quota reached (%s of %s used)', v_used - 1, v_quota),
      detail = jsonb_build_object('field', 'quota', 'reason', 'reached', 'used', v_used - 1, 'quota', v_quota)::text;
  end if;
  return null;
end
$$;
revoke execute on function private.sample_quota_backstop() from public;

create constraint trigger sample_claims_quota_backstop after insert on public.sample_claims
  for each row execute function private.sample_quota_backstop();

/**
 * A shipping address with only known fields, each trimmed, one line and within length; name,
 * line1, city, country and phone required; phone and postal code in their formats.
 */
create function private.parse_ship_to(p_ship_to jsonb)
returns jsonb
language plpgsql immutable
set search_path = ''
as $$
declare
  v_key text;
  v_result jsonb := '{}';
  v_required constant text[] := array['name', 'line1', 'city', 'country', 'phone'];
  v_known constant text[] := array['name', 'company', 'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'phone'];
begin
  if jsonb_typeof(p_ship_to) is distinct from 'object' then
    perform private.reject('ship_to', 'must be an address object');
  end if;
  for v_key in select jsonb_object_keys(p_ship_to) loop
    if not v_key = any (v_known) then
      perform private.reject('ship_to.' || left(v_key, 40), 'is not an address field');
    end if;
    if jsonb_typeof(p_ship_to -> v_key) not in ('string', 'null') then
      perform private.reject('ship_to.' || v_key, 'must be text');
    end if;
    if nullif(btrim(p_ship_to ->> v_key), '') is not null then
      v_result := v_result || jsonb_build_object(v_key, private.clean_line('ship_to.' || v_key, p_ship_to ->> v_key, 200));
    end if;
  end loop;
  foreach v_key in array v_required loop
    if v_result ->> v_key is null then
      perform private.reject('ship_to.' || v_key, 'is required');
    end if;
  end loop;
  perform private.clean_format('ship_to.country', upper(v_result ->> 'country'), 'country');
  perform private.clean_format('ship_to.phone', v_result ->> 'phone', 'phone');
  if v_result ->> 'postal_code' !~ '^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$' then
    perform private.reject('ship_to.postal_code', 'must be at most 16 letters, digits, spaces or hyphens');
  end if;
  return jsonb_set(v_result, '{country}', to_jsonb(upper(v_result ->> 'country')));
end
$$;
revoke execute on function private.parse_ship_to(jsonb) from public;

/**
 * The caller's company claims a free sample of a product its tier can see. The member row is
 * locked while the quota is checked, so concurrent claims never exceed it.
 * Errors: 42501 not a member of the store of a public product; PT404 product not found (or not
 * visible to the caller);
 * 22023 bad quantity or address; P0001 "Sample quota reached (3 of 3 used)".
 */
create function private.claim_sample(p_product_id uuid, p_ship_to jsonb, p_quantity int)
returns public.sample_claims
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_product public.products;
  v_contact public.member_contacts;
  v_tier public.tiers;
  v_tier_id uuid;
  v_used int;
  v_claim public.sample_claims;
begin
  select * into v_product from public.products p where p.id = p_product_id and p.active;
  if v_product.id is null then
    perform private.reject('product_id', 'matches no product', 'PT404');
  end if;
  select * into v_contact from public.member_contacts c where c.store_id = v_product.store_id and c.user_id = v_user;
  if v_contact.id is null then
    if v_product.visibility <> 'public' then
      -- Exclusivity hides even a product's existence from other stores' members.
      perform private.reject('product_id', 'matches no product', 'PT404');
    end if;
    perform private.reject(null, 'Only members of this store can claim samples', '42501');
  end if;

  perform 1 from public.members m where m.id = v_contact.member_id for update;
  -- Evaluated once into a variable: compared inside the query, the volatile call would run per
  -- tier row of every store.
  v_tier_id := private.refresh_member_tier(v_contact.member_id, null);
  select * into v_tier from public.tiers t where t.id = v_tier_id;
  if v_product.visibility <> 'public'
     and (case when v_product.visibility = 'members' then 0 else v_product.min_tier_rank end) > v_tier.rank then
    -- Same answer as for a product that does not exist: exclusivity hides even its existence.
    perform private.reject('product_id', 'matches no product', 'PT404');
  end if;
  -- Only now that the caller may see the product: an argument check before this would answer a
  -- hidden product differently from a missing one.
  if p_quantity is null or p_quantity not between 1 and 10 then
    perform private.reject('quantity', 'must be between 1 and 10');
  end if;
  v_used := private.samples_used(v_contact.member_id);
  if v_tier.sample_quota is not null and v_used >= v_tier.sample_quota then
    raise exception using errcode = 'P0001',
      message = format('Sample quota reached (%s of %s used)', v_used, v_tier.sample_quota),
      detail = jsonb_build_object('field', 'quota', 'reason', 'reached', 'used', v_used, 'quota', v_tier.sample_quota)::text;
  end if;

  insert into public.sample_claims (store_id, member_id, product_id, contact_id, quantity, ship_to)
  values (v_product.store_id, v_contact.member_id, v_product.id, v_contact.id, p_quantity, private.parse_ship_to(p_ship_to))
  returning * into v_claim;
  return v_claim;
end
$$;
revoke execute on function private.claim_sample(uuid, jsonb, int) from public;
grant execute on function private.claim_sample(uuid, jsonb, int) to authenticated;

create function public.claim_sample(p_product_id uuid, p_ship_to jsonb, p_quantity int default 1)
returns public.sample_claims
language sql security invoker
set search_path = ''
as $$ select private.claim_sample(p_product_id, p_ship_to, p_quantity) $$;
revoke execute on function public.claim_sample(uuid, jsonb, int) from public, anon, authenticated;
grant execute on function public.claim_sample(uuid, jsonb, int) to authenticated;

/**
 * Locks a claim for a status change, checking who acts (staff of its store, or a contact of its
 * company) and that it is in one of the statuses the change starts from. A claim the caller
 * cannot read is reported like a missing one (PT404, and it is never locked); one the caller
 * reads but may not change this way (a contact approving, staff cancelling) is refused with 42501.
 */
create function private.lock_sample_claim(p_claim_id uuid, p_actor text, p_from text[], p_action text)
returns public.sample_claims
language plpgsql security definer
set search_path = ''
as $$
declare
  v_claim public.sample_claims;
begin
  select * into v_claim from public.sample_claims c
  where c.id = p_claim_id and private.can_read_company_row(c.store_id, c.member_id)
  for update;
  if v_claim.id is null then
    perform private.reject('claim_id', 'matches no sample claim', 'PT404');
  end if;
  if p_actor = 'staff' then
    perform private.require_staff_of(v_claim.store_id);
  elsif v_claim.member_id not in (select private.member_ids()) then
    perform private.reject(null, 'Only contacts of the claiming company may do this', '42501');
  end if;
  if not v_claim.status = any (p_from) then
    perform private.reject('status', format('is %s; only %s claims can be %s', v_claim.status, array_to_string(p_from, ' or '), p_action));
  end if;
  return v_claim;
end
$$;
revoke execute on function private.lock_sample_claim(uuid, text, text[], text) from public;

/** Staff approve a requested claim. Errors: PT404 unknown (or unreadable) claim; 42501 not staff of its store; 22023 wrong status. */
create function private.approve_sample(p_claim_id uuid)
returns public.sample_claims
language plpgsql security definer
set search_path = ''
as $$
declare
  v_claim public.sample_claims := private.lock_sample_claim(p_claim_id, 'staff', array['requested'], 'approved');
begin
  update public.sample_claims c set status = 'approved', decided_at = now() where c.id = v_claim.id returning * into v_claim;
  return v_claim;
end
$$;

/**
 * Staff ship an approved claim with its tracking number. Errors: PT404 unknown (or unreadable)
 * claim; 42501 not staff of its store; 22023 wrong status, missing or malformed tracking.
 */
create function private.ship_sample(p_claim_id uuid, p_tracking_number text, p_carrier text)
returns public.sample_claims
language plpgsql security definer
set search_path = ''
as $$
declare
  v_claim public.sample_claims := private.lock_sample_claim(p_claim_id, 'staff', array['approved'], 'shipped');
  v_tracking text := private.clean_line('tracking_number', p_tracking_number, 100);
begin
  if v_tracking is null then
    perform private.reject('tracking_number', 'is required');
  end if;
  if not private.is_tracking_number(v_tracking) then
    perform private.reject('tracking_number', 'must be letters and digits, with spaces . _ / - between them');
  end if;
  update public.sample_claims c
  set status = 'shipped', shipped_at = now(), tracking_number = v_tracking,
      carrier = private.clean_line('carrier', p_carrier, 100)
  where c.id = v_claim.id returning * into v_claim;
  return v_claim;
end
$$;

/** Staff reject a requested or approved claim with a reason; it stops counting against the quota. */
create function private.reject_sample(p_claim_id uuid, p_reason text)
returns public.sample_claims
language plpgsql security definer
set search_path = ''
as $$
declare
  v_claim public.sample_claims := private.lock_sample_claim(p_claim_id, 'staff', array['requested', 'approved'], 'rejected');
begin
  if private.clean_text('reason', p_reason, 500) is null then
    perform private.reject('reason', 'is required');
  end if;
  update public.sample_claims c set status = 'rejected', decided_at = now(), rejection_reason = btrim(p_reason)
  where c.id = v_claim.id returning * into v_claim;
  return v_claim;
end
$$;

/** A contact of the company cancels its claim while still requested; it stops counting against the quota. */
create function private.cancel_sample(p_claim_id uuid)
returns public.sample_claims
language plpgsql security definer
set search_path = ''
as $$
declare
  v_claim public.sample_claims := private.lock_sample_claim(p_claim_id, 'member', array['requested'], 'cancelled');
begin
  update public.sample_claims c set status = 'cancelled', decided_at = now() where c.id = v_claim.id returning * into v_claim;
  return v_claim;
end
$$;

revoke execute on function private.approve_sample(uuid), private.ship_sample(uuid, text, text),
  private.reject_sample(uuid, text), private.cancel_sample(uuid) from public;
grant execute on function private.approve_sample(uuid), private.ship_sample(uuid, text, text),
  private.reject_sample(uuid, text), private.cancel_sample(uuid) to authenticated;

create function public.approve_sample(p_claim_id uuid)
returns public.sample_claims
language sql security invoker
set search_path = ''
as $$ select private.approve_sample(p_claim_id) $$;

create function public.ship_sample(p_claim_id uuid, p_tracking_number text, p_carrier text default null)
returns public.sample_claims
language sql security invoker
set search_path = ''
as $$ select private.ship_sample(p_claim_id, p_tracking_number, p_carrier) $$;

create function public.reject_sample(p_claim_id uuid, p_reason text)
returns public.sample_claims
language sql security invoker
set search_path = ''
as $$ select private.reject_sample(p_claim_id, p_reason) $$;

create function public.cancel_sample(p_claim_id uuid)
returns public.sample_claims
language sql security invoker
set search_path = ''
as $$ select private.cancel_sample(p_claim_id) $$;

revoke execute on function public.approve_sample(uuid), public.ship_sample(uuid, text, text),
  public.reject_sample(uuid, text), public.cancel_sample(uuid) from public, anon, authenticated;
grant execute on function public.approve_sample(uuid), public.ship_sample(uuid, text, text),
  public.reject_sample(uuid, text), public.cancel_sample(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Product images
-- ---------------------------------------------------------------------------------------------

-- Private: every read goes through the policies below, so an exclusive product's image is as
-- hidden as its row. Object names: '<store_id>/<product_id>/<file>'.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('product-images', 'product-images', false, 5242880, array['image/jpeg', 'image/png', 'image/webp', 'image/avif'])
on conflict (id) do nothing;

-- The subquery runs under products' own RLS for the caller: an image is readable exactly when
-- its product row is.
create policy "Visitors read images of products they can see" on storage.objects
  for select to anon
  using (bucket_id = 'product-images' and name in (select p.image_path from public.products p));
create policy "Members read images of products they can see, staff their store's" on storage.objects
  for select to authenticated
  using (bucket_id = 'product-images' and (
    name in (select p.image_path from public.products p)
    or (storage.foldername(name))[1] in (select s::text from private.staff_store_ids() s)));
create policy "Staff upload product images to their store's folder" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'product-images'
    and (storage.foldername(name))[1] in (select s::text from private.staff_store_ids() s));
create policy "Staff replace product images in their store's folder" on storage.objects
  for update to authenticated
  using (bucket_id = 'product-images'
    and (storage.foldername(name))[1] in (select s::text from private.staff_store_ids() s))
  with check (bucket_id = 'product-images'
    and (storage.foldername(name))[1] in (select s::text from private.staff_store_ids() s));
create policy "Staff delete product images in their store's folder" on storage.objects
  for delete to authenticated
  using (bucket_id = 'product-images'
    and (storage.foldername(name))[1] in (select s::text from private.staff_store_ids() s));

-- ---------------------------------------------------------------------------------------------
-- Read RPCs: the member's picture, teasers, the catalogue
-- ---------------------------------------------------------------------------------------------

/** A store by slug, or PT404. */
create function private.store_by_slug(p_store_slug text)
returns public.stores
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores;
begin
  select * into v_store from public.stores s where s.slug = p_store_slug;
  if v_store.id is null then
    perform private.reject('store', 'not found', 'PT404');
  end if;
  return v_store;
end
$$;
revoke execute on function private.store_by_slug(text) from public;
grant execute on function private.store_by_slug(text) to anon, authenticated, service_role;

/** A tier with its rights, as the API shows it. */
create function private.tier_json(p_tier public.tiers)
returns jsonb
language sql immutable
set search_path = ''
as $$
  select to_jsonb(p_tier) - 'store_id' - 'created_at'
$$;
revoke execute on function private.tier_json(public.tiers) from public;
-- staff_members runs as its caller and names tiers through it.
grant execute on function private.tier_json(public.tiers) to authenticated;

/**
 * A member company's whole picture at its store (the engine's part; the ledgers add theirs):
 * store, company, the caller's contact, effective tier and rights, override, progress to the
 * next tier, samples used and left.
 */
create function private.member_summary(p_member_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object(
      'store', jsonb_build_object('id', s.id, 'slug', s.slug, 'name', s.name, 'base_currency', s.base_currency,
        'default_locale', s.default_locale, 'statistical_period_days', s.statistical_period_days,
        'sample_period_days', s.sample_period_days),
      'member', jsonb_build_object('id', m.id, 'company_name', m.company_name, 'country', m.country,
        'website', m.website, 'industry', m.industry, 'joined_at', m.joined_at),
      'contact', (select jsonb_build_object('id', c.id, 'role', c.role, 'full_name', c.full_name)
                  from public.member_contacts c where c.member_id = m.id and c.user_id = (select auth.uid())),
      'contacts_count', (select count(*) from public.member_contacts c where c.member_id = m.id),
      'tier', private.tier_json(t),
      'override', case when m.tier_override_id is not null then jsonb_build_object(
        'tier_id', m.tier_override_id, 'tier_name', (select private.tier_json(o) ->> 'name' from public.tiers o where o.id = m.tier_override_id),
        'expires_at', m.tier_override_expires_at, 'reason', m.tier_override_reason) end,
      'progress', jsonb_build_object(
        'window_start', p.window_start,
        'paid_orders', p.paid_orders,
        'paid_amount', p.paid_amount,
        'currency', s.base_currency,
        -- When the oldest counted order leaves the window (and the totals drop).
        'next_expiry', p.oldest_placed_at + make_interval(days => s.statistical_period_days),
        'next_tier', (select jsonb_build_object('id', n.id, 'rank', n.rank, 'name', private.tier_json(n) ->> 'name',
            'min_paid_orders', n.min_paid_orders, 'min_paid_amount', n.min_paid_amount,
            'orders_needed', greatest(n.min_paid_orders - p.paid_orders, 0),
            'amount_needed', greatest(n.min_paid_amount - p.paid_amount, 0))
          from public.tiers n where n.store_id = s.id and n.rank > t.rank order by n.rank limit 1)),
      'samples', jsonb_build_object('used', u.used, 'quota', t.sample_quota,
        'left', case when t.sample_quota is not null then greatest(t.sample_quota - u.used, 0) end)
    )
    from public.members m
    join public.stores s on s.id = m.store_id
    join public.tiers t on t.id = m.tier_id
    cross join private.paid_in_periods(array[m.id]) p
    cross join lateral (select private.samples_used(m.id) as used) u
    where m.id = p_member_id
  );
end
$$;
revoke execute on function private.member_summary(uuid) from public;

/**
 * The caller's membership at a store, re-evaluated now (a change is recorded), or null when
 * the caller is not a member there. Errors: 42501 not signed in; PT404 unknown store.
 */
create function private.my_membership(p_store_slug text)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_member_id uuid;
begin
  select c.member_id into v_member_id
  from public.member_contacts c where c.store_id = v_store.id and c.user_id = private.require_user();
  if v_member_id is null then
    return null;
  end if;
  perform private.refresh_member_tier(v_member_id, null);
  return private.member_summary(v_member_id);
end
$$;
revoke execute on function private.my_membership(text) from public;
grant execute on function private.my_membership(text) to authenticated;

create function public.my_membership(p_store_slug text)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.my_membership(p_store_slug) $$;
revoke execute on function public.my_membership(text) from public, anon, authenticated;
grant execute on function public.my_membership(text) to authenticated;

/**
 * How many exclusive (members-only or tier-only) active products each tier of a store unlocks,
 * counting everything below it too; no product details. Anyone. Errors: PT404 unknown store.
 */
create function private.tier_teasers(p_store_slug text)
returns table (rank int, tier_name text, exclusive_products int)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
begin
  return query
    select t.rank, t.name, (
        select count(*)::int from public.products p
        where p.store_id = t.store_id and p.active and p.visibility <> 'public' and p.min_tier_rank <= t.rank)
    from public.tiers t
    where t.store_id = v_store.id
    order by t.rank;
end
$$;
revoke execute on function private.tier_teasers(text) from public;
grant execute on function private.tier_teasers(text) to anon, authenticated;

create function public.tier_teasers(p_store_slug text)
returns table (rank int, tier_name text, exclusive_products int)
language sql stable security invoker
set search_path = ''
as $$ select * from private.tier_teasers(p_store_slug) $$;
revoke execute on function public.tier_teasers(text) from public, anon, authenticated;
grant execute on function public.tier_teasers(text) to anon, authenticated;

/**
 * The caller's effective tier at a store with whether they may still claim a sample; no row
 * for visitors and non-members.
 */
create function private.my_tier_at(p_store_id uuid)
returns table (tier_id uuid, can_claim_sample boolean)
language sql stable security definer
set search_path = ''
as $$
  select t.id, t.sample_quota is null or t.sample_quota > private.samples_used(c.member_id)
  from public.member_contacts c
  join public.tiers t on t.id = private.effective_tier_id(c.member_id)
  where c.store_id = p_store_id and c.user_id = (select auth.uid())
$$;
revoke execute on function private.my_tier_at(uuid) from public;
grant execute on function private.my_tier_at(uuid) to anon, authenticated, service_role;

/**
 * The store's active products the caller may see (products' RLS decides: this runs as the
 * caller), with the caller's member price, prepayment percent and minimum order quantity for
 * their tier. For visitors and non-members the tier columns are null and sample_eligible false.
 * Errors: PT404 unknown store.
 */
create function public.store_catalogue(p_store_slug text)
returns table (
  id uuid, sku text, name text, description text, kind text, currency char(3), list_price numeric,
  member_price numeric, discount_percent numeric, prepay_percent numeric, moq int,
  visibility text, min_tier_rank int, image_path text, sample_eligible boolean
)
language plpgsql stable security invoker
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_tier public.tiers;
  v_can_claim boolean := false;
begin
  select * into v_tier from public.tiers t
  where t.id = (select m.tier_id from private.my_tier_at(v_store.id) m);
  select m.can_claim_sample into v_can_claim from private.my_tier_at(v_store.id) m;
  return query
    select p.id, p.sku, p.name, p.description, p.kind, p.currency, p.price,
      round(p.price * (1 - v_tier.discount_percent / 100), 2),
      v_tier.discount_percent,
      case p.kind when 'customized' then v_tier.prepay_customized_percent else v_tier.prepay_regular_percent end,
      -- A tier's MOQ override can lower a product's minimum, never raise it.
      least(p.moq, coalesce(v_tier.moq_override, p.moq)),
      p.visibility, p.min_tier_rank, p.image_path,
      coalesce(v_can_claim, false)
    from public.products p
    where p.store_id = v_store.id and p.active
    order by p.visibility = 'public' desc, p.min_tier_rank, p.name;
end
$$;
revoke execute on function public.store_catalogue(text) from public, anon, authenticated;
grant execute on function public.store_catalogue(text) to anon, authenticated;
