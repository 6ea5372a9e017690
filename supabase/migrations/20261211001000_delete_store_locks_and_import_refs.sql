/**
 * Review of 20261211000700 (delete_store) and of import_orders (20261211000800):
 * - delete_store held the store's row FOR UPDATE while it deleted the companies. Whatever locks a
 *   company and then writes a row naming the store (import_orders, refresh_tiers for the nightly
 *   refresh_store_tiers and tier edits, leave_store, erase_member and the staff's member actions)
 *   takes KEY SHARE on the store's row in that row's foreign-key check, which FOR UPDATE blocks:
 *   the deletion waited for their company, they for the store, and one was aborted as a deadlock
 *   (40P01), possibly the owner's deletion. It now holds the store's row FOR NO KEY UPDATE, which
 *   those checks pass, and which role changes, staff removals and invitations (FOR UPDATE on the
 *   store) still wait for; then it locks the store's companies in id order, as they do, so it
 *   waits its turn behind them. Having import_orders take KEY SHARE first would mend the import
 *   alone and leave the others.
 * - Its Storage rows are matched by a prefix the (bucket_id, name) index serves; the setting that
 *   lets hosted Storage's rows be deleted is the function's own, restored when it returns rather
 *   than left on for the rest of the caller's transaction.
 * - public.delete_store carries its own statement timeout, as set_statistical_period does
 *   (20261203000900): a large store's cascade runs past authenticated's 8 s and always rolled back.
 * - import_orders: a reference two imports gave two companies at once went to the first, and the
 *   second wrote its amount, status and contact over that company's order; and a store deleted
 *   while an import waited for its companies gave the orders' raw 23503.
 *
 * Every other line of the re-created functions is as in the migration named above each.
 */

/** As in 20261211000700, with the locks, the Storage match and the setting above. */
create or replace function private.delete_store(p_store_id uuid, p_confirm_name text)
returns public.stores
language plpgsql security definer
set search_path = ''
-- Hosted Storage refuses a direct delete of its rows unless the transaction says it means it.
set storage.allow_delete_query = 'true'
as $$
declare
  v_store public.stores;
  v_typed text;
begin
  -- Checked before locking, so strangers never hold the store's row.
  perform private.require_owner_of(p_store_id);
  -- Role changes, removals and invitations at the store (FOR UPDATE) wait for this, and it for
  -- them; a caller demoted meanwhile is no longer an owner. NO KEY UPDATE, not FOR UPDATE: a
  -- transaction holding one of the store's companies and writing a row that names the store
  -- (an import, a tier refresh, a buyer leaving) needs KEY SHARE on this row to finish.
  select * into v_store from public.stores s where s.id = p_store_id for no key update;
  perform private.require_owner_of(p_store_id);

  v_typed := private.typed_name(p_confirm_name);
  if coalesce(v_typed, '') = '' then
    perform private.reject('confirm_name', 'is required: type the store''s name to confirm that it is deleted with everything in it');
  end if;
  if v_typed is distinct from private.typed_name(v_store.name ->> v_store.default_locale) then
    perform private.reject('confirm_name', 'must be the store''s name in its default language, exactly as written: deleting a store cannot be undone');
  end if;

  -- In id order, as import_orders and refresh_tiers lock them: two lockers of several companies
  -- meet them in one order, so one waits for the other instead of each holding what the other needs.
  perform 1 from public.members m where m.store_id = p_store_id order by m.id for update;
  -- The companies first: each takes its contacts, orders, ledgers and claims, whose foreign keys
  -- to the store's orders, products and coupons would refuse those going before them.
  delete from public.members m where m.store_id = p_store_id;
  delete from public.stores s where s.id = p_store_id;

  delete from storage.objects o
  where o.bucket_id in ('merchant-logos', 'product-images', 'post-attachments')
    and o.name like p_store_id::text || '/%';
  delete from private.join_counters c where c.scope = 'ip_store' and c.subject like '% ' || p_store_id::text;
  return v_store;
end
$$;

/** As in 20261211000700, with a statement timeout of its own. */
create or replace function public.delete_store(p_store_id uuid, p_confirm_name text)
returns public.stores
language sql security invoker
set search_path = ''
-- A large store's cascade (a statement per company and table, the orders' triggers) runs past
-- authenticated's 8 s; PostgREST applies a function's statement_timeout to the request.
set statement_timeout = '60s'
as $$ select private.delete_store(p_store_id, p_confirm_name) $$;

/**
 * As in 20261211000800, refusing a store deleted while the import waited for its companies, and
 * a row whose reference another import gave another company meanwhile, instead of writing over
 * that company's order.
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
  v_taken int;
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
  select r.row_no into v_taken
  from unnest(v_rows) r
  join public.orders o on o.store_id = p_store_id and o.external_ref = r.external_ref
  where o.member_id <> r.member_id
  order by r.row_no
  limit 1;
  if v_taken is not null then
    perform private.reject('external_ref', 'already belongs to another member''s order', '22023', v_taken);
  end if;

  return jsonb_build_object('inserted', v_inserted, 'updated', v_updated,
    'unchanged', cardinality(v_rows) - v_inserted - v_updated);
end
$$;
