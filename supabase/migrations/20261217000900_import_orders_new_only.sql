/**
 * import_orders for new orders only (p_new_only), so a form that records one order by hand cannot
 * change an order another import recorded meanwhile.
 *
 * The console's Record an order checks that the store has no order with the number, then sends
 * one row of import_orders, whose upsert takes a known reference as a change to that order: an
 * import recording the same number between the check and the send had the hand-recorded row
 * silently correct (or refund) it. No check before the write closes that: only the insert's own
 * unique (store_id, external_ref) index sees an order committed, or being written, meanwhile.
 * So p_new_only rides the same upsert, under the same locks (the batch's companies, then the
 * store), its update clause left to the ordinary import: a row whose reference the store has is
 * left alone (ON CONFLICT waits for an insert in flight and then sees it, whatever the
 * statement's snapshot), and the first such row is refused after the statement, '22023 Row N:
 * external_ref is already an order of this store; p_new_only records new orders only', which
 * takes back everything the call wrote. Two such sends of one number: one inserts, the other
 * waits on the index (or the company's lock) and is refused.
 *
 * The ordinary import is unchanged and does no more per row: the new parameter is a constant in
 * the update clause (evaluated only for a row already stored) and the one-time filter of the
 * refusal's read; `written` returns the reference as well. A null p_new_only is refused (it would
 * leave known orders alone without refusing them).
 *
 * import_orders(uuid, jsonb) is replaced by import_orders(uuid, jsonb, boolean default false):
 * kept beside it, every two-argument call would be ambiguous. Re-created from its latest
 * definition (20261216000200), otherwise unchanged.
 */

drop function public.import_orders(uuid, jsonb);
drop function private.import_orders(uuid, jsonb);

/** import_orders as in 20261216000200; with `p_new_only`, a row whose reference the store already has is refused, nothing written. */
create function private.import_orders(p_store_id uuid, p_rows jsonb, p_new_only boolean)
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
  v_existing int;
  -- Who makes the changes: the merchant's back end (the service role, no login), or a staff
  -- login with its e-mail as it is now, kept as it was whatever becomes of the login.
  v_via text := case when (select auth.role()) = 'service_role' then 'service_role' else 'staff' end;
  v_author uuid := case when v_via = 'staff' then (select auth.uid()) end;
  v_author_email text := (select u.email from auth.users u where u.id = v_author);
begin
  select * into v_store from public.stores s where s.id = p_store_id;
  if v_store.id is null or not private.is_staff_or_service(p_store_id) then
    perform private.reject('store_id', 'is not a store you staff', '42501');
  end if;
  if jsonb_typeof(p_rows) is distinct from 'array' or jsonb_array_length(p_rows) = 0 then
    perform private.reject('rows', 'must be a non-empty array of orders');
  end if;
  -- Null would leave every known order alone without refusing it: neither mode.
  if p_new_only is null then
    perform private.reject('new_only', 'must be true or false');
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
      -- Never another company's order: see the check after this statement. New orders only: no
      -- order is changed, the row is left out of `written` and refused after this statement.
      where not p_new_only and o.member_id = excluded.member_id
        and ((o.amount, o.currency, o.exchange_rate, o.placed_at, o.status)
              is distinct from (excluded.amount, excluded.currency, excluded.exchange_rate, excluded.placed_at, excluded.status)
          or (excluded.delivered_at is not null and excluded.delivered_at is distinct from o.delivered_at))
    returning (xmax = 0) as inserted, o.id, o.store_id, o.member_id, o.external_ref, o.amount, o.currency, o.amount_base, o.status
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
    returning id
  ), authored as (
    -- Who made it, in the same statement: a change is never kept without its author, nor an
    -- author without the change.
    insert into private.order_change_authors (order_change_id, via, changed_by, email)
    select c.id, v_via, v_author, v_author_email from changed c
  )
  select count(*) filter (where inserted), count(*) filter (where not inserted),
    -- New orders only: the first row the upsert did not insert, its reference the store's already
    -- (committed before this import, or by another while it waited on the unique index). Only
    -- `written` knows it: the statement's snapshot does not see an order committed meanwhile. The
    -- parameter is the subquery's one-time filter, so an ordinary import never reads it.
    (select min(r.row_no) from unnest(v_rows) r
     where p_new_only and r.external_ref not in (select w.external_ref from written w))
  into v_inserted, v_updated, v_existing
  from written;
  perform set_config('cardclub.orders_tier_stamped', '', true);
  -- Raised, the transaction writes nothing: the batch's new orders and what the engine did for them go too.
  if v_existing is not null then
    perform private.reject('external_ref', 'is already an order of this store; p_new_only records new orders only', '22023', v_existing);
  end if;

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
revoke execute on function private.import_orders(uuid, jsonb, boolean) from public;
grant execute on function private.import_orders(uuid, jsonb, boolean) to authenticated, service_role;

create function public.import_orders(p_store_id uuid, p_rows jsonb, p_new_only boolean default false)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.import_orders(p_store_id, p_rows, p_new_only) $$;
revoke execute on function public.import_orders(uuid, jsonb, boolean) from public, anon, authenticated;
grant execute on function public.import_orders(uuid, jsonb, boolean) to authenticated, service_role;
