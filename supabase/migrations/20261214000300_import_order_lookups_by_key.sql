/**
 * The orders import's two look-ups of orders by reference, made key look-ups again.
 *
 * Both asked for "the store's order with this reference" through a join the planner was free to
 * flatten, and both were planned to read every order of the store and hash it against the batch:
 * - private.other_members_refs (20261213000210), called twice by each import (parse_order_rows'
 *   check before the locks, import_orders' after its upsert) and by order_ref_refusals. A SQL
 *   function's statement is planned for its parameters, not their values: the store's orders were
 *   estimated at the average store's (746) and the batch at 10 rows, so a hash of the store's
 *   orders looked cheaper than a thousand index probes. At the bench's 0.1 scale that is an index
 *   scan of all 100,000 orders of the big store a call (52-104 ms under auto_explain, whose
 *   per-row timing inflates a scan that size); the big store has ten times as many at full scale.
 * - import_orders' check under the locks, whose lateral read of the order (for a refund in part
 *   only) was flattened into a hash join on a sequential scan of the store's orders (112-194 ms
 *   under auto_explain), in a 1,000-row import of new orders that has no refund in part at all.
 * Each is now a lateral subquery with `limit 1`, which the planner cannot flatten: one probe of
 * the unique (store_id, external_ref) index a row, and for the refund in part none for other
 * rows (the row's status is the subquery's one-time filter). A reference names at most one order
 * of a store, so `limit 1` leaves every answer as it was; the same rows are refused with the same
 * words, in the same order of checks.
 *
 * Both plans are chosen on the orders table's state: on a freshly vacuumed one (the bench's first
 * calls; a table autovacuum keeps) the hashes; after a few dozen rolled-back imports have left dead
 * rows, the probes. Measured on the bench database (BENCH_SCALE=0.1, 1,000 new rows from 864
 * companies, the table compacted and vacuumed before each call, old and new alternated, 7 pairs):
 * the Postgres backend's CPU for import_orders 422 -> 401 ms median (per-pair difference 23 ms),
 * the bare insert of the same rows 69 ms. See bench/README.md, round 27.
 *
 * Re-created from their latest definitions (20261213000210), otherwise unchanged.
 */

/** As in 20261213000210, the store's order found by its key, a look-up a pair. */
create or replace function private.other_members_refs(p_store_id uuid, p_refs text[], p_member_ids uuid[])
returns table (external_ref text, member_id uuid, fault text[])
language sql stable
set search_path = ''
as $$
  select distinct r.ref, r.member_id, array['external_ref', 'already belongs to another member''s order']
  from unnest(p_refs, p_member_ids) r (ref, member_id)
  -- The unique (store_id, external_ref) index, a look-up a pair: `limit 1` keeps it one (joined
  -- plainly, this was planned as a hash of every order of the store).
  cross join lateral (
    select o.member_id from public.orders o
    where o.store_id = p_store_id and o.external_ref = r.ref
    limit 1
  ) o
  where o.member_id <> r.member_id
$$;

/** As in 20261213000210, the order a refund in part is of read by its key. */
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
  -- The order, read only for refunds in part: by its key, `limit 1` keeping the subquery a probe
  -- per such row (flattened, it hashed every order of the store for every import).
  left join lateral (
    select o.status, o.currency, o.amount from public.orders o
    where r.status = 'partially_refunded' and o.store_id = p_store_id and o.external_ref = r.external_ref
    limit 1
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
