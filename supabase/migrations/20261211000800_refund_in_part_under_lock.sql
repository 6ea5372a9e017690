/**
 * Review of 20261211000100 and 20261211000300 (the import's former members and refunds in part):
 * - A refund in part of an order in another currency could count more than the order did: only
 *   the currency was pinned, so the row's exchange_rate was taken (EUR 1,000 at 1.00 refunded in
 *   part to EUR 950 at 1.20 counted 1,140, crediting points and rebate as "refunded in part"), and
 *   the same amount at a new rate failed order_changes' check as a raw 23514. A shop's export
 *   carries the day's rate on every row, so refusing another rate would refuse nearly every such
 *   refund: the rate is not the row's to change. An order refunded in part keeps the rate it was
 *   paid at (the row's is checked as any row's, then not used), so what it counts in the store's
 *   currency only falls.
 * - The refund in part's checks against the order (paid, same currency, not more) were read
 *   before import_orders locked the batch's companies: an import refunding the order in full
 *   while this one waited was undone (paid again, earning again, nothing in order_changes), and a
 *   correction below the amount meanwhile gave a raw 23514. They move from parse_order_rows to
 *   import_orders, under the locks, beside the former-member check (same texts, row and details).
 * - A row matched by e-mail took its contact before the lock: a contact leaving (or removed by
 *   staff) meanwhile gave a raw 23503. Under the locks, the row is refused as one sent after:
 *   `Row N: email matches no member contact of this store`.
 * - private.member_standing (membership_standing, staff_member_standing) and public.counts_until
 *   still counted orders first paid at or after the company left, which since 20261211000100 earn
 *   nothing and do not count toward the tier: they leave them out as count_paid_in_periods does,
 *   so the console's member page and the orders' dates agree with members.tier_id.
 *
 * Every other line of the re-created functions is as in the migration named above each.
 */

/** As in 20261211000300, without the checks of a refund in part against its order: import_orders makes them under its locks. */
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
        when f.status is null or f.status not in ('paid', 'partially_refunded', 'refunded', 'cancelled') then
          array['status', 'must be one of paid, partially_refunded, refunded, cancelled']
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
 * As in 20261211000300, checking under the companies' locks a refund in part against its order
 * and a row's contact found by e-mail, and keeping the order's exchange rate for a refund in part.
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
  v_late record;
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

  -- Read under those locks, in a statement of its own (so with what was committed while this
  -- import waited): what another import, a leave or a removed contact changed after the rows were
  -- checked is seen here, and the row is refused as one sent after. Nothing more is given to a
  -- former member: an order placed after it left is refused; one placed before is the store's
  -- history and is recorded, earning nothing (orders_changed). Refunds and corrections of its
  -- orders (a reference the store has) keep the store's accounts. A refund in part is of what
  -- was paid: less of the same money.
  select r.row_no, x.fault[1] as field, x.fault[2] as reason into v_late
  from unnest(v_rows) r
  join public.members m on m.id = r.member_id
  -- The order, read only for a former member's rows and refunds in part.
  left join lateral (
    select o.status, o.currency, o.amount from public.orders o
    where (m.left_at is not null or r.status = 'partially_refunded') and o.store_id = p_store_id and o.external_ref = r.external_ref
  ) o on true
  cross join lateral (select case
      when m.left_at <= r.placed_at and o.status is null then array['member_id', format(
        'left the store on %s: its record is kept for the store''s statistics only', to_char(m.left_at at time zone 'UTC', 'YYYY-MM-DD'))]
      when r.contact_id is not null and not exists (select 1 from public.member_contacts c where c.id = r.contact_id) then
        array['email', 'matches no member contact of this store']
      when r.status <> 'partially_refunded' then null
      when o.status <> 'paid' then array['status', format('partially_refunded needs a paid order; this one is %s', o.status)]
      when o.currency <> r.currency then array['currency', format('must stay %s for partially_refunded', o.currency)]
      when o.amount < r.amount then
        array['amount', format('must not exceed the order''s %s %s for partially_refunded (the amount left after the refund)', o.amount, o.currency)]
    end as fault) x
  where x.fault is not null
  order by r.row_no
  limit 1;
  if v_late.row_no is not null then
    perform private.reject(v_late.field, v_late.reason, '22023', v_late.row_no);
  end if;

  with was as (
    -- The batch's paid orders before this statement (its snapshot), under the members' locks as
    -- every write of an order is.
    select o.id, o.external_ref, o.amount, o.currency, o.exchange_rate, o.amount_base, r.status as said
    from unnest(v_rows) r
    join public.orders o on o.store_id = p_store_id and o.external_ref = r.external_ref
    where o.status = 'paid'
  ), written as (
    insert into public.orders as o (store_id, member_id, contact_id, external_ref, amount, currency, exchange_rate, placed_at, status, delivered_at)
    -- A refund in part keeps the rate the order was paid at (the row's may be the day's).
    select p_store_id, r.member_id, r.contact_id, r.external_ref, r.amount, r.currency, coalesce(x.exchange_rate, r.exchange_rate),
      r.placed_at, case r.status when 'partially_refunded' then 'paid' else r.status end, r.delivered_at
    from unnest(v_rows) r
    left join was x on x.external_ref = r.external_ref and x.said = 'partially_refunded'
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
    returning (xmax = 0) as inserted, o.id, o.store_id, o.member_id, o.amount, o.currency, o.amount_base, o.status
  ), changed as (
    insert into public.order_changes (store_id, member_id, order_id, kind, amount_before, currency_before, amount_base_before,
      amount_after, currency_after, amount_base_after)
    select c.store_id, c.member_id, c.id, c.kind, c.was_amount, c.was_currency, c.was_base, c.amount, c.currency, c.amount_base
    from (
      select w.*, x.amount as was_amount, x.currency as was_currency, x.amount_base as was_base,
        case
          when w.status = 'refunded' then 'refunded_in_full'
          when w.status = 'cancelled' then 'cancelled'
          when (w.amount, w.currency, w.amount_base) = (x.amount, x.currency, x.amount_base) then null
          when x.said = 'partially_refunded' then 'refunded_in_part'
          else 'corrected'
        end as kind
      from written w join was x on x.id = w.id
    ) c
    where c.kind is not null
    order by c.member_id, c.id
  )
  select count(*) filter (where inserted), count(*) filter (where not inserted) into v_inserted, v_updated from written;

  return jsonb_build_object('inserted', v_inserted, 'updated', v_updated,
    'unchanged', cardinality(v_rows) - v_inserted - v_updated);
end
$$;

/** As in 20261209000300, leaving out orders first paid at or after the company left, as count_paid_in_periods does. */
create or replace function private.member_standing(p_member_id uuid, p_limit int)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores;
  v_left_at timestamptz;
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
  v_left_at := (select m.left_at from public.members m where m.id = p_member_id);
  v_period := make_interval(days => v_store.statistical_period_days);
  v_start := now() - v_period;

  select count(*), coalesce(sum(o.amount_base), 0) into v_paid_orders, v_paid_amount
  from public.orders o
  where o.member_id = p_member_id and o.status = 'paid' and o.placed_at > v_start
    and (v_left_at is null or o.paid_at < v_left_at);

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
      and (v_left_at is null or o.paid_at < v_left_at)
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

/** As in 20261207000400, null for an order first paid at or after its company left: it never counts. */
create or replace function public.counts_until(public.orders)
returns timestamptz
language sql stable
set search_path = ''
as $$
  select case when $1.status = 'paid' and not coalesce($1.paid_at >= m.left_at, false)
    then $1.placed_at + make_interval(days => s.statistical_period_days) end
  from public.stores s join public.members m on m.id = $1.member_id
  where s.id = $1.store_id
$$;
