/**
 * The orders import's reference rules, each in one place and decided for the whole batch.
 *
 * - "Another member's order": a row whose external_ref the store already has as another
 *   company's order. It was decided and worded three times: in parse_order_rows (import_orders'
 *   check before the locks), in import_orders' check after its upsert (another import may have
 *   given the reference away meanwhile), and in order_ref_refusals (the console's pre-check,
 *   which answers `taken`). private.other_members_refs is now the one place: which of a batch's
 *   (reference, buyer) pairs it refuses, and with what words (field and reason); the three call
 *   it. The same rows are refused with the same messages, in the same order of checks.
 * - A former member's new order (private.former_member_new_order, 20261212000200) was asked row by
 *   row, a function call a row: most of a 10,000-row order_ref_refusals (about 300 ms of it on a
 *   loaded test machine, 150 ms without). It becomes private.former_members_new_orders, one query
 *   joining the batch's rows to the store's companies that left, with the same answers;
 *   import_orders and order_ref_refusals call it, and the per-row function goes.
 * Each is called once for the batch, in a CTE of its own: joined on a row's columns, a function
 * in FROM runs again for every row.
 *
 * Re-created from their latest definitions, otherwise unchanged: private.import_orders
 * (20261212000200), private.parse_order_rows and private.order_ref_refusals (20261212000400).
 * Two plans kept small on the way: order_ref_refusals' member-id lookup takes the `limit 1`
 * parse_order_rows' has (without it the lookup was flattened into a hash of every member of the
 * store: a Seq Scan of 100,000 members, 150 ms of a 2,000-row call against 40 ms), and
 * parse_order_rows keeps each row's size, not a copy of its JSON, past its first step.
 */

/**
 * import_orders' refusal of a reference that belongs to another company, the rule's one place:
 * of the pairs (`p_refs[i]`, `p_member_ids[i]`), each distinct one whose reference the store
 * `p_store_id` has as the order of another company than `p_member_ids[i]`, with the refusal as
 * a (field, reason) pair: {external_ref, "already belongs to another member's order"}. A pair
 * without a company is not answered. Stable: within import_orders it reads what that statement
 * reads.
 */
create function private.other_members_refs(p_store_id uuid, p_refs text[], p_member_ids uuid[])
returns table (external_ref text, member_id uuid, fault text[])
language sql stable
set search_path = ''
as $$
  select distinct r.ref, r.member_id, array['external_ref', 'already belongs to another member''s order']
  from unnest(p_refs, p_member_ids) r (ref, member_id)
  -- The unique (store_id, external_ref) index, a look-up a pair.
  join public.orders o on o.store_id = p_store_id and o.external_ref = r.ref and o.member_id <> r.member_id
$$;
revoke execute on function private.other_members_refs(uuid, text[], uuid[]) from public;

/**
 * import_orders' refusal of a former member's new order, the rule's one place (as
 * private.former_member_new_order in 20261212000200, for a whole batch): of the rows
 * (`p_member_ids[i]`, `p_refs[i]`, `p_placed_ats[i]`), each distinct one whose company of the store
 * `p_store_id` left (or was erased) at or before the row was placed, while the store has no order
 * with the reference, with the time it left. An order placed before it left is the store's
 * history and is recorded (earning nothing); a refund or correction of an order the store has
 * keeps the store's accounts (another company's reference is refused for that, not this). Rows
 * without a company or a time are not answered. Stable: within import_orders it reads what that
 * statement reads, under its locks.
 */
create function private.former_members_new_orders(p_store_id uuid, p_member_ids uuid[], p_refs text[], p_placed_ats timestamptz[])
returns table (member_id uuid, external_ref text, placed_at timestamptz, left_at timestamptz)
language sql stable
set search_path = ''
as $$
  select distinct r.member_id, r.ref, r.placed_at, m.left_at
  from unnest(p_member_ids, p_refs, p_placed_ats) r (member_id, ref, placed_at)
  join public.members m on m.id = r.member_id and m.store_id = p_store_id and m.left_at <= r.placed_at
  where not exists (select 1 from public.orders o where o.store_id = p_store_id and o.external_ref = r.ref)
$$;
revoke execute on function private.former_members_new_orders(uuid, uuid[], text[], timestamptz[]) from public;

/** As in 20261212000200, both reference rules asked once for the batch. */
create or replace function private.import_orders(p_store_id uuid, p_rows jsonb)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores;
  v_rows private.order_import_row[];
  v_refs text[];
  v_member_ids uuid[];
  v_placed_ats timestamptz[];
  v_fault private.order_import_row;
  v_duplicate record;
  v_late record;
  v_inserted int;
  v_updated int;
  v_taken record;
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

  -- The batch as the arrays its rules take (other_members_refs, former_members_new_orders).
  select array_agg(r.external_ref), array_agg(r.member_id), array_agg(r.placed_at) into v_refs, v_member_ids, v_placed_ats
  from unnest(v_rows) r;

  -- Lock the batch's members first, in id order: the inserts' foreign-key checks would take
  -- share locks that the triggers then upgrade, which deadlocks two imports for one buyer; and
  -- write rows in external_ref order, so overlapping batches meet their orders in one order.
  perform 1 from public.members m
  where m.id in (select r.member_id from unnest(v_rows) r) order by m.id for update;
  -- A store deleted while this waited took its companies: refused as an import sent after, not
  -- as the orders' foreign-key error. KEY SHARE, as the orders' insert takes it anyway: the
  -- store's row cannot go before this commits, and delete_store, which waits for it on these
  -- companies' locks, does not hold it against this.
  perform 1 from public.stores s where s.id = p_store_id for key share;
  if not found then
    perform private.reject('store_id', 'is not a store you staff', '42501');
  end if;

  -- Read under those locks, in a statement of its own (so with what was committed while this
  -- import waited): what another import, a leave or a removed contact changed after the rows were
  -- checked is seen here, and the row is refused as one sent after. Nothing more is given to a
  -- former member (private.former_members_new_orders). A refund in part is of what was paid: less
  -- of the same money.
  select r.row_no, x.fault[1] as field, x.fault[2] as reason into v_late
  from unnest(v_rows) r
  -- The order, read only for refunds in part.
  left join lateral (
    select o.status, o.currency, o.amount from public.orders o
    where r.status = 'partially_refunded' and o.store_id = p_store_id and o.external_ref = r.external_ref
  ) o on true
  left join private.former_members_new_orders(p_store_id, v_member_ids, v_refs, v_placed_ats) f
    on f.member_id = r.member_id and f.external_ref = r.external_ref and f.placed_at = r.placed_at
  cross join lateral (select case
      when f.left_at is not null then array['member_id', format(
        'left the store on %s: its record is kept for the store''s statistics only', to_char(f.left_at at time zone 'UTC', 'YYYY-MM-DD'))]
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
      -- Never another company's order: see the check after this statement.
      where o.member_id = excluded.member_id
        and ((o.amount, o.currency, o.exchange_rate, o.placed_at, o.status)
              is distinct from (excluded.amount, excluded.currency, excluded.exchange_rate, excluded.placed_at, excluded.status)
          or (excluded.delivered_at is not null and excluded.delivered_at is distinct from o.delivered_at))
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

  -- A new reference is checked against other companies' orders before the locks
  -- (parse_order_rows); another import may give it to another company meanwhile, whose insert the
  -- upsert above waited for and then left alone. Read in a statement of its own, which sees it.
  select r.row_no, t.fault[1] as field, t.fault[2] as reason into v_taken
  from unnest(v_rows) r
  join private.other_members_refs(p_store_id, v_refs, v_member_ids) t
    on t.external_ref = r.external_ref and t.member_id = r.member_id
  order by r.row_no
  limit 1;
  if v_taken.row_no is not null then
    perform private.reject(v_taken.field, v_taken.reason, '22023', v_taken.row_no);
  end if;

  return jsonb_build_object('inserted', v_inserted, 'updated', v_updated,
    'unchanged', cardinality(v_rows) - v_inserted - v_updated);
end
$$;

/** As in 20261212000400, the reference of another company refused through private.other_members_refs. */
create or replace function private.parse_order_rows(p_store public.stores, p_rows jsonb)
returns setof private.order_import_row
language sql stable security definer
set search_path = ''
as $$
  -- Each step materialized: flattened, every use of `fault` below would evaluate its checks again.
  with f as materialized (
    -- The row's JSON itself is not kept: the steps below read these columns, and each
    -- materialized step would otherwise hold the whole batch again.
    select r.row_no::int,
      jsonb_typeof(r.j) = 'object' as is_object,
      octet_length(r.j::text) as bytes,
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
  ), b as materialized (
    -- The row's buyer, and whether its currency is one in use.
    select f.*, mm.id as by_id_member, coalesce(mm.id, mc.member_id) as member_id, mc.contact_id, cur.code is not null as known_currency
    from f
    -- A key lookup per row (the limit keeps it one): as a join, the planner hashed every member
    -- of the store (100,000 at a large merchant) for a batch it guessed at 100 rows.
    left join lateral (
      select mm.id from public.members mm where f.by_id and mm.id = f.member_uuid and mm.store_id = p_store.id limit 1
    ) mm on true
    -- The batch's addresses found once, hashed in (private.store_contacts_by_email).
    left join private.store_contacts_by_email(p_store.id, array(select f.email from f where not f.by_id)) mc
      on not f.by_id and mc.email = lower(f.email)
    left join private.iso_currencies cur on cur.code = f.currency
  ), taken as materialized (
    -- Once for the batch: joined on b's columns, the function would run once a row.
    select t.* from (select array_agg(b.external_ref) as refs, array_agg(b.member_id) as member_ids from b) a
    cross join private.other_members_refs(p_store.id, a.refs, a.member_ids) t
  ), v as materialized (
    select b.*,
      case
        when not b.is_object then array[null, 'must be an object']
        -- The documented fields fit in a few hundred bytes; this bounds what 10,000 rows may carry.
        when b.bytes > 4096 then array[null, 'is larger than 4096 bytes; send only the order fields']
        when b.unknown_key is not null then array[left(b.unknown_key, 40),
          'is not a column of an order (external_ref, member_id, email, amount, currency, exchange_rate, placed_at, status, delivered_at)']
        when coalesce(b.external_ref, '') = '' or length(b.external_ref) > 100 then array['external_ref', 'is required (1-100 characters)']
        when not private.is_single_line(b.external_ref) then array['external_ref', 'must be a single line without control characters']
        when b.by_id and b.by_id_member is null then array['member_id', 'is not a member of this store']
        when not b.by_id and b.email is not null and b.member_id is null then array['email', 'matches no member contact of this store']
        when not b.by_id and b.email is null then array['member_id', 'or email is required']
        when b.amount is null or b.amount <= 0 then array['amount', 'must be a positive number']
        when b.amount <> round(b.amount, 2) or b.amount >= 1e12 then array['amount', 'must have at most 2 decimals and 12 digits']
        when b.currency !~ '^[A-Z]{3}$' then array['currency', 'must be a three-letter ISO 4217 code such as USD']
        when not b.known_currency and b.currency <> p_store.base_currency then
          array['currency', format('%s is not an ISO 4217 currency in use', b.currency)]
        when b.rate_missing and b.currency <> p_store.base_currency then
          array['exchange_rate', format('is required for %s (store currency %s)', b.currency, p_store.base_currency)]
        -- The column keeps 8 decimals: a smaller rate would be stored as 0.
        when not b.rate_missing and (b.rate is null or round(b.rate, 8) <= 0 or b.rate >= 1e10) then
          array['exchange_rate', 'must be a positive number from 0.00000001 to 9999999999']
        when not b.rate_missing and b.currency = p_store.base_currency and b.rate <> 1 then
          array['exchange_rate', format('must be 1 for the store currency %s', p_store.base_currency)]
        when round(b.amount * coalesce(b.rate, 1), 2) >= 1e12 then
          array['amount', format('converted to %s must be below 1000000000000', p_store.base_currency)]
        when b.placed_at is null then array['placed_at', 'must be a date or timestamp such as 2026-03-01T10:00:00Z, from 2000 on']
        -- A day of slack for merchants' clocks and time zones.
        when b.placed_at > now() + interval '1 day' then array['placed_at', 'must be at most a day ahead']
        when b.delivered_text is not null and (b.delivered_at is null or b.delivered_at < b.placed_at) then
          array['delivered_at', 'must be a timestamp no earlier than placed_at']
        when b.delivered_at > now() + interval '1 day' then array['delivered_at', 'must be at most a day ahead']
        when b.status is null or b.status not in ('paid', 'partially_refunded', 'refunded', 'cancelled') then
          array['status', 'must be one of paid, partially_refunded, refunded, cancelled']
        else t.fault
      end as fault
    from b
    left join taken t on t.external_ref = b.external_ref and t.member_id = b.member_id
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
 * As in 20261212000400 (the rows import_orders would refuse for their reference, `taken` or
 * `left` with left_at), both answered by import_orders' own rules, asked once for the file
 * (private.other_members_refs, private.former_members_new_orders).
 */
create or replace function private.order_ref_refusals(p_store_id uuid, p_refs text[], p_member_ids uuid[], p_emails text[], p_placed_ats text[])
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_refusals jsonb;
begin
  perform private.require_staff_of(p_store_id);
  if cardinality(p_refs) > 10000 then
    perform private.reject('refs', format('has %s values; at most 10000 per call', cardinality(p_refs)));
  end if;
  if cardinality(p_member_ids) is distinct from cardinality(p_refs) then
    perform private.reject('member_ids', 'must have as many values as refs');
  end if;
  if cardinality(p_emails) is distinct from cardinality(p_refs) then
    perform private.reject('emails', 'must have as many values as refs');
  end if;
  if cardinality(p_placed_ats) is distinct from cardinality(p_refs) then
    perform private.reject('placed_ats', 'must have as many values as refs');
  end if;
  with b as materialized (
    select r.row_no, btrim(r.ref) as ref, coalesce(m.id, c.member_id) as member_id, private.import_timestamp(r.placed_at) as placed_at
    from unnest(p_refs, p_member_ids, p_emails, p_placed_ats) with ordinality r (ref, member_id, email, placed_at, row_no)
    -- The row's buyer as parse_order_rows finds it: a key lookup for a member id (the limit keeps
    -- it one: without it the planner flattened this into a hash of every member of the store), the
    -- file's addresses found once (private.store_contacts_by_email); none, and the row is
    -- unknown_order_buyers' to name.
    left join lateral (
      select m.id from public.members m where r.member_id is not null and m.id = r.member_id and m.store_id = p_store_id limit 1
    ) m on true
    -- A blank address names no buyer, as parse_order_rows refuses it ('member_id or email is required').
    left join private.store_contacts_by_email(p_store_id, array(select nullif(btrim(e), '') from unnest(p_member_ids, p_emails) x (id, e) where x.id is null)) c
      on r.member_id is null and c.email = lower(nullif(btrim(r.email), ''))
  ), a as (
    select array_agg(b.ref) as refs, array_agg(b.member_id) as member_ids, array_agg(b.placed_at) as placed_ats
    from b where b.member_id is not null
  -- Each rule once for the file: joined on b's columns, a function would run once a row.
  ), taken as materialized (
    select t.* from a cross join private.other_members_refs(p_store_id, a.refs, a.member_ids) t
  ), gone as materialized (
    select g.* from a cross join private.former_members_new_orders(p_store_id, a.member_ids, a.refs, a.placed_ats) g
  )
  select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
      'row', b.row_no,
      'refusal', case when t.member_id is not null then 'taken' else 'left' end,
      'left_at', g.left_at)) order by b.row_no), '[]')
  into v_refusals
  from b
  left join taken t on t.external_ref = b.ref and t.member_id = b.member_id
  left join gone g on g.member_id = b.member_id and g.external_ref = b.ref and g.placed_at = b.placed_at
  where t.member_id is not null or g.left_at is not null;
  return v_refusals;
end
$$;

drop function private.former_member_new_order(uuid, uuid, text, timestamptz);
