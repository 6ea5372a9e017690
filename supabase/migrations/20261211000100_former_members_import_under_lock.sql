/**
 * Former members in the orders import (20261210001200), two gaps:
 * - The import decided that a row's company had left before it locked the batch's companies
 *   (parse_order_rows read left_at unlocked): a last contact leaving (leave_store), or an owner's
 *   erasure, committed while the import waited on the company's lock, and the new order was
 *   recorded, earning points, rebate and a tier. import_orders now reads left_at after taking the
 *   companies' locks, in the same order as before (members by id, then the orders), so it takes no
 *   lock leave_store or erase_member does not already meet it on. parse_order_rows no longer reads
 *   it: the refusal comes after the rows' other mistakes, with the same text and details.
 * - An order placed before the company left, imported after, was refused as a new one. It is the
 *   store's history: now recorded (the store's statistics, the company's kept record), earning
 *   nothing. The rule, for any order: one first paid (`paid_at`) at or after its company left
 *   earns no points and no rebate, at no tier, and does not count toward the company's tier. So:
 *   - orders_changed leaves such orders out of the orders the tier refresh credits
 *     (private.earning_order_ids, new);
 *   - count_paid_in_periods, the tier evaluation's figures, leaves them out, so the company's tier
 *     and its history do not move for them;
 *   - order_rewards_owed (what a correction or re-rating settles) gives them nothing at any tier,
 *     so correcting one, or refunding another order of the company, credits it nothing.
 *   Refunding one takes back nothing, as it holds nothing. An order placed at or after it left is
 *   still refused. apply_rebate and record_coupon_use already take one placed before it left.
 *
 * Every other line of the re-created functions is as in the migration named above each.
 */

/**
 * The given orders less those first paid at or after their company left (`paid_at`, stamped
 * before the triggers that credit run): those earn nothing.
 */
create function private.earning_order_ids(p_order_ids uuid[])
returns uuid[]
language sql stable
set search_path = ''
as $$
  select coalesce(array_agg(o.id), '{}')
  from unnest(p_order_ids) as x (id)
  join public.orders o on o.id = x.id
  join public.members m on m.id = o.member_id
  where not coalesce(o.paid_at >= m.left_at, false)
$$;
revoke execute on function private.earning_order_ids(uuid[]) from public;

/** As in 20261210001200, without the former-member check, which import_orders makes under its locks. */
create or replace function private.parse_order_rows(p_store public.stores, p_rows jsonb)
returns setof private.order_import_row
language sql stable security definer
set search_path = ''
as $$
  -- Each step materialized: flattened, every use of `fault` below would evaluate its checks again.
  with f as materialized (
    select r.row_no::int, r.j,
      jsonb_typeof(r.j) = 'object' as is_object,
      -- The first key that is not an order field, alphabetically: a misspelt delivered_at must
      -- not import the order without its delivery.
      case when jsonb_typeof(r.j) = 'object' then (
        select k from jsonb_object_keys(r.j) k
        where k <> all (array['external_ref', 'member_id', 'email', 'amount', 'currency', 'exchange_rate', 'placed_at', 'status', 'delivered_at'])
        order by k limit 1
      ) end as unknown_key,
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
        when f.unknown_key is not null then array[left(f.unknown_key, 40),
          'is not a column of an order (external_ref, member_id, email, amount, currency, exchange_rate, placed_at, status, delivered_at)']
        when coalesce(f.external_ref, '') = '' or length(f.external_ref) > 100 then array['external_ref', 'is required (1-100 characters)']
        when not private.is_single_line(f.external_ref) then array['external_ref', 'must be a single line without control characters']
        when f.by_id and mm.id is null then array['member_id', 'is not a member of this store']
        when not f.by_id and f.email is not null and mc.member_id is null then array['email', 'matches no member contact of this store']
        when not f.by_id and f.email is null then array['member_id', 'or email is required']
        when f.amount is null or f.amount <= 0 then array['amount', 'must be a positive number']
        when f.amount <> round(f.amount, 2) or f.amount >= 1e12 then array['amount', 'must have at most 2 decimals and 12 digits']
        when f.currency !~ '^[A-Z]{3}$' then array['currency', 'must be a three-letter ISO 4217 code such as USD']
        when cur.code is null and f.currency <> p_store.base_currency then
          array['currency', format('%s is not an ISO 4217 currency in use', f.currency)]
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
        when f.placed_at > now() + interval '1 day' then array['placed_at', 'must be at most a day ahead']
        when f.delivered_text is not null and (f.delivered_at is null or f.delivered_at < f.placed_at) then
          array['delivered_at', 'must be a timestamp no earlier than placed_at']
        when f.delivered_at > now() + interval '1 day' then array['delivered_at', 'must be at most a day ahead']
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
    left join private.iso_currencies cur on cur.code = f.currency
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

/**
 * As in 20261124000200, refusing a row of a company that left before it was placed, read under the
 * companies' locks.
 */
create or replace function private.import_orders(p_store_id uuid, p_rows jsonb)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores;
  v_rows private.order_import_row[];
  v_fault private.order_import_row;
  v_duplicate record;
  v_left record;
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

  -- Read under those locks, in a statement of its own (so with the leaves committed while this
  -- import waited): a last contact leaving after the rows were checked is seen here. Nothing more
  -- is given to a former member: an order placed after it left is refused; one placed before is
  -- the store's history and is recorded, earning nothing (orders_changed). Refunds and
  -- corrections of its orders (a reference the store has) keep the store's accounts.
  select r.row_no, m.left_at into v_left
  from unnest(v_rows) r
  join public.members m on m.id = r.member_id
  where m.left_at <= r.placed_at
    and not exists (select 1 from public.orders o where o.store_id = p_store_id and o.external_ref = r.external_ref)
  order by r.row_no
  limit 1;
  if v_left.row_no is not null then
    perform private.reject('member_id', format('left the store on %s: its record is kept for the store''s statistics only',
      to_char(v_left.left_at at time zone 'UTC', 'YYYY-MM-DD')), '22023', v_left.row_no);
  end if;

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

/** As in 20261124000200, leaving out orders first paid at or after their company left. */
create or replace function private.count_paid_in_periods(p_member_ids uuid[])
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
    from (
      -- A member's orders from the index alone; only a former member's need paid_at, to leave out
      -- those first paid after it left (one-time filters on left_at choose the branch).
      select x.amount_base, x.placed_at from public.orders x
      where m.left_at is null and x.member_id = m.id and x.store_id = m.store_id and x.status = 'paid' and x.placed_at > w.start
      union all
      select x.amount_base, x.placed_at from public.orders x
      where m.left_at is not null and x.member_id = m.id and x.store_id = m.store_id and x.status = 'paid' and x.placed_at > w.start
        and x.paid_at < m.left_at
    ) x
  ) o;
end
$$;

/** As in 20261124000200, crediting no order first paid at or after its company left. */
create or replace function private.orders_changed()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_paid uuid[];
begin
  if tg_op = 'INSERT' then
    perform private.refresh_tiers(array(select distinct n.member_id from new_orders n), 'orders',
      private.earning_order_ids(array(select n.id from new_orders n where n.status = 'paid')));
  elsif tg_op = 'UPDATE' then
    -- Each refresh credits the orders of its own members.
    v_paid := private.earning_order_ids(
      array(select n.id from new_orders n join old_orders o on o.id = n.id where n.status = 'paid' and o.status <> 'paid'));
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

/** As in 20261209000400, an order first paid at or after its company left earning nothing. */
create or replace function private.order_rewards_owed(p_order_ids uuid[], p_tier_ids uuid[], p_scale_from numeric[])
returns table (order_id uuid, store_id uuid, member_id uuid, tier_id uuid, currency char(3), expires_at timestamptz,
  points bigint, points_excess bigint, points_unexpired bigint, rebate numeric, rebate_excess numeric)
language sql stable
set search_path = ''
as $$
  select e.id, e.store_id, e.member_id, e.tier_id, e.base_currency, e.expires_at,
    e.points - e.points_held, e.points_kept - e.points, e.points_unexpired, e.rebate - e.rebate_held, e.rebate_kept - e.rebate
  from (
    select o.id, o.store_id, o.member_id, x.tier_id, s.base_currency,
      coalesce(c.expires_at, least(o.placed_at, now()) + make_interval(days => s.points_expiry_days)) as expires_at,
      case when o.paid_at >= m.left_at then 0
           when x.scale_from is not null then floor(coalesce(p.kept, 0) * o.amount_base / nullif(x.scale_from, 0))::bigint
           else floor(o.amount_base * coalesce(t.points_multiplier, 1) * s.points_per_currency_unit)::bigint end as points,
      coalesce(p.held, 0) as points_held, coalesce(p.kept, 0) as points_kept, coalesce(p.unexpired, 0) as points_unexpired,
      case when o.paid_at >= m.left_at then 0
           when x.scale_from is not null then round(coalesce(r.kept, 0) * o.amount_base / nullif(x.scale_from, 0), 2)
           else round(o.amount_base * coalesce(t.rebate_percent, 0) / 100, 2) end as rebate,
      coalesce(r.held, 0) as rebate_held, coalesce(r.kept, 0) as rebate_kept
    from unnest(p_order_ids, p_tier_ids, p_scale_from) as x (id, tier_id, scale_from)
    join public.orders o on o.id = x.id
    join public.stores s on s.id = o.store_id
    join public.members m on m.id = o.member_id
    left join public.tiers t on t.id = x.tier_id
    left join lateral (
      select l.expires_at from public.points_ledger l where l.order_id = o.id and l.reason = 'order' order by l.id desc limit 1
    ) c on true
    left join lateral (
      select sum(l.delta) as held, sum(l.delta + coalesce(e.delta, 0)) as unexpired,
        sum(l.delta) - coalesce(sum(l.shortfall) filter (where l.reason in ('order_correction', 'order_rerated')), 0) as kept
      from public.points_ledger l
      left join public.points_ledger e on e.credit_id = l.id
      where l.order_id = o.id and l.reason in ('order', 'clawback', 'order_correction', 'order_rerated')
    ) p on true
    left join lateral (
      select sum(r.delta) as held,
        sum(r.delta) - coalesce(sum(r.shortfall) filter (where r.reason in ('order_correction', 'order_rerated')), 0) as kept
      from public.rebate_ledger r
      where r.order_id = o.id and r.reason in ('order', 'reversal', 'order_correction', 'order_rerated')
    ) r on true
  ) e
$$;
