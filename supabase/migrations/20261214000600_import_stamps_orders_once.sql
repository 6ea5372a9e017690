/**
 * The import stamps its orders' tier and payment instant once per batch, not once per row.
 *
 * Every order written fires two BEFORE ROW triggers: orders_stamp_tier (stamp_order_tier, which
 * asks private.tier_at for the tier the company held when the order was placed) and
 * orders_stamp_paid_at (stamp_order_paid_at, the transaction's payment instant on a first
 * payment). An import of 1,000 rows called each 1,000 times: a PL/pgSQL call with its own
 * search_path each, and tier_at a SQL function that `set search_path` keeps from being inlined,
 * planned as a call of its own each time (bench/README.md, rounds 27 and 28).
 *
 * - private.tiers_at (new): tier_at's rule for many (company, instant) pairs in one statement.
 *   tier_at stays as it is for the triggers: written as a call of tiers_at for one pair, each
 *   call planned the nested function again: 1,000 orders stamped by the trigger took 205 ms more CPU.
 * - private.paid_instant (new): the payment instant, taken from the clock at the transaction's
 *   first payment, as stamp_order_paid_at took it (now its body).
 * - private.import_orders: its upsert writes tier_id and paid_at itself, from those two, for the
 *   batch at once: on insert what the triggers would have stamped (tier_at of the row's company
 *   at its placed_at; the instant for a paid row, null otherwise), on update the tier again only
 *   for a moved placed_at and paid_at only on the first payment, as the triggers did.
 *   - orders_stamp_paid_at already runs only `when (new.status = 'paid' and new.paid_at is null)`:
 *     the rows carrying the instant do not fire it, and a row the import leaves without one is a
 *     row not paid, which did not fire it either.
 *   - orders_stamp_tier fires on every insert, so it now runs only when the transaction's setting
 *     cardclub.orders_tier_stamped is not 'on'. import_orders sets it around its upsert alone (a
 *     transaction-local setting, reverted with a failed statement's subtransaction); the
 *     statement's own later writes of orders (restamp_order_tiers, from refresh_tiers' tier
 *     changes) write tier_id, not member_id or placed_at, so they never fired the trigger. The
 *     upsert runs under the batch's companies' locks, which every writer of tier_changes takes
 *     first (refresh_tiers), so the history tiers_at reads in the statement is the one each row's
 *     trigger call read. The API cannot set the setting: set_config is not exposed, and orders
 *     are read-only to the API's users.
 *   Same orders, same tiers, same instant for every row of a transaction.
 *
 * Measured on the bench database (BENCH_SCALE=0.1, 1,000 new rows from 864 companies, the
 * backend's CPU, each call rolled back, old and new alternated): see bench/README.md, round 28.
 *
 * Re-created from their latest definitions: private.stamp_order_paid_at (20261209000400),
 * private.import_orders (20261214000300), the trigger orders_stamp_tier (20261203000800);
 * otherwise unchanged.
 */

/**
 * The tier each company held at each instant by the tier history: private.tier_at (20261204000700)
 * for a batch, one row per distinct (member_id, at). The same statement as tier_at's, as a lateral
 * join: keep the two alike.
 */
create function private.tiers_at(p_store_id uuid, p_member_ids uuid[], p_ats timestamptz[])
returns table (member_id uuid, at timestamptz, tier_id uuid)
language sql stable
set search_path = ''
as $$
  select x.member_id, x.at, h.to_tier_id
  from (select distinct i.member_id, i.at from unnest(p_member_ids, p_ats) as i (member_id, at)) x
  -- One probe of tier_changes' (store, member, time) order a pair, as tier_at made per order.
  left join lateral (
    select h.to_tier_id from public.tier_changes h
    where h.store_id = p_store_id and h.member_id = x.member_id and h.changed_at <= x.at
    order by h.changed_at desc, h.seq desc
    limit 1
  ) h on true
$$;
revoke execute on function private.tiers_at(uuid, uuid[], timestamptz[]) from public;

/**
 * The transaction's payment instant, set from the clock at its first payment: import_orders has
 * locked the companies by then, so a company's payments are placed in the order their imports
 * took its lock. The transaction's start (now()) would place an import that waited for a
 * concurrent one before the orders that one wrote.
 */
create function private.paid_instant()
returns timestamptz
language sql volatile
set search_path = ''
as $$ select coalesce(private.payment_instant(), set_config('cardclub.paid_at', clock_timestamp()::text, true)::timestamptz) $$;
revoke execute on function private.paid_instant() from public;

/** Stamps an order's first payment with the transaction's payment instant. */
create or replace function private.stamp_order_paid_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.paid_at := private.paid_instant();
  return new;
end
$$;

-- Left to import_orders for its upsert's rows, which it stamps itself (see above).
drop trigger orders_stamp_tier on public.orders;
create trigger orders_stamp_tier before insert or update of member_id, placed_at on public.orders
  for each row when (current_setting('cardclub.orders_tier_stamped', true) is distinct from 'on')
  execute function private.stamp_order_tier();

/** import_orders as in 20261214000300, its upsert writing the rows' tier and payment instant. */
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

  -- orders_stamp_tier leaves this statement's rows to it (their tier_id is tier_at's); cleared
  -- right after, so every other write of an order is stamped by the trigger.
  perform set_config('cardclub.orders_tier_stamped', 'on', true);
  with was as (
    -- The batch's paid orders before this statement (its snapshot), under the members' locks as
    -- every write of an order is.
    select o.id, o.external_ref, o.amount, o.currency, o.exchange_rate, o.amount_base, r.status as said
    from unnest(v_rows) r
    join public.orders o on o.store_id = p_store_id and o.external_ref = r.external_ref
    where o.status = 'paid'
  ), written as (
    insert into public.orders as o (store_id, member_id, contact_id, external_ref, amount, currency, exchange_rate, placed_at, status, delivered_at,
      tier_id, paid_at)
    -- A refund in part keeps the rate the order was paid at (the row's may be the day's).
    select p_store_id, r.member_id, r.contact_id, r.external_ref, r.amount, r.currency, coalesce(x.exchange_rate, r.exchange_rate),
      r.placed_at, case r.status when 'partially_refunded' then 'paid' else r.status end, r.delivered_at,
      -- What orders_stamp_tier and orders_stamp_paid_at would stamp, for the batch at once (see
      -- this migration's header). The instant is a scalar subquery: evaluated once, at the first
      -- paid row, where the trigger took it; never for a batch that pays nothing.
      t.tier_id, case when r.status in ('paid', 'partially_refunded') then (select private.paid_instant()) end
    from unnest(v_rows) r
    left join was x on x.external_ref = r.external_ref and x.said = 'partially_refunded'
    left join private.tiers_at(p_store_id, v_member_ids, v_placed_ats) t on t.member_id = r.member_id and t.at = r.placed_at
    order by r.external_ref
    on conflict (store_id, external_ref) do update
      set amount = excluded.amount, currency = excluded.currency, exchange_rate = excluded.exchange_rate,
          placed_at = excluded.placed_at, status = excluded.status,
          -- A later batch without the delivery date keeps the one already recorded.
          delivered_at = coalesce(excluded.delivered_at, o.delivered_at),
          contact_id = coalesce(excluded.contact_id, o.contact_id), updated_at = now(),
          -- As the triggers would: the tier again only for a new placed_at (member_id stays), the
          -- payment instant only on the first payment (an order keeps its first paid_at).
          tier_id = case when excluded.placed_at is distinct from o.placed_at then excluded.tier_id else o.tier_id end,
          paid_at = coalesce(o.paid_at, excluded.paid_at)
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
  perform set_config('cardclub.orders_tier_stamped', '', true);

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
