/**
 * The console's orders import checks a file before sending it, and wrote import_orders' rule for
 * a former member's rows (20261211000100) a second time in the browser: a new order (a reference
 * the store does not have) of a company that left or was erased, placed at or after it left, is
 * refused with the day it left. It read members.left_at and the companies' orders through RLS and
 * compared times parsed by the browser, so another client had to write the rule a third time,
 * and a change to it had to be made in two languages at once.
 * - The rule is now one private function, private.former_member_new_order, which import_orders'
 *   check under the companies' locks calls (same rows refused, same message, same order of
 *   checks; nothing else of import_orders changes).
 * - order_ref_refusals, the pre-check, answers per row why import_orders would refuse its
 *   reference: another company's order (what taken_order_refs answered), or a former member's
 *   new order, with left_at, through that same function. It replaces taken_order_refs (20261208000400),
 *   which answered only the first and whose one client, the console, now calls this.
 */

/**
 * import_orders' refusal of a former member's new order, the rule's one place: the time the
 * store's company `p_member_id` left (or was erased), when that is at or before `p_placed_at` and
 * the store has no order `p_external_ref`; null otherwise. An order placed before it left is the
 * store's history and is recorded (earning nothing); a refund or correction of an order the store
 * has keeps the store's accounts (another company's reference is refused for that, not this).
 * Stable: within import_orders it reads what that statement reads, under its locks.
 */
create function private.former_member_new_order(p_store_id uuid, p_member_id uuid, p_external_ref text, p_placed_at timestamptz)
returns timestamptz
language sql stable
set search_path = ''
as $$
  select m.left_at
  from public.members m
  where m.id = p_member_id and m.store_id = p_store_id and m.left_at <= p_placed_at
    and not exists (select 1 from public.orders o where o.store_id = p_store_id and o.external_ref = p_external_ref)
$$;
revoke execute on function private.former_member_new_order(uuid, uuid, text, timestamptz) from public;

/**
 * As in 20261211001000, the former member's refusal read from private.former_member_new_order.
 * The company's row is no longer joined: every row's buyer is a company of the store, locked
 * above, and one deleted meanwhile went with its store, refused above.
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
  -- former member (private.former_member_new_order). A refund in part is of what was paid: less
  -- of the same money.
  select r.row_no, x.fault[1] as field, x.fault[2] as reason into v_late
  from unnest(v_rows) r
  -- The order, read only for refunds in part.
  left join lateral (
    select o.status, o.currency, o.amount from public.orders o
    where r.status = 'partially_refunded' and o.store_id = p_store_id and o.external_ref = r.external_ref
  ) o on true
  cross join lateral (select private.former_member_new_order(p_store_id, r.member_id, r.external_ref, r.placed_at) as left_at) f
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

drop function public.taken_order_refs(uuid, text[], uuid[], text[]);
drop function private.taken_order_refs(uuid, text[], uuid[], text[]);

/**
 * The file's rows as four arrays of one length: row i is `p_refs[i]` bought by `p_member_ids[i]`
 * or, when that is null, by the login address `p_emails[i]` (member_id wins, as in
 * import_orders), placed at `p_placed_ats[i]` as the file writes it. Answers, as a JSON array
 * ordered by row, the rows import_orders would refuse for their reference, and why:
 * {"row": i, "refusal": "taken"} when the order exists in the store for another company than the
 * row's buyer; {"row": i, "refusal": "left", "left_at": …} when the buyer left the store at or
 * before the row was placed and the store has no such order (private.former_member_new_order,
 * import_orders' own rule). The buyer and the time are found as import_orders finds them
 * (parse_order_rows, import_timestamp): a row whose buyer the store does not have
 * (unknown_order_buyers names it) or whose placed_at import_orders cannot read is not answered.
 * Staff of the store only; at most 10,000 rows per call.
 * Errors: 42501 Only this store's staff may do this · 22023 refs has N values; at most 10000 per
 * call · 22023 member_ids / emails / placed_ats must have as many values as refs.
 */
create function private.order_ref_refusals(p_store_id uuid, p_refs text[], p_member_ids uuid[], p_emails text[], p_placed_ats text[])
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
  select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
      'row', r.row_no,
      'refusal', case when o.member_id is not null then 'taken' else 'left' end,
      'left_at', f.left_at)) order by r.row_no), '[]')
  into v_refusals
  from unnest(p_refs, p_member_ids, p_emails, p_placed_ats) with ordinality r (ref, member_id, email, placed_at, row_no)
  -- The row's buyer as parse_order_rows finds it, a key lookup each; none, and the row is
  -- unknown_order_buyers' to name.
  left join lateral (
    select m.id from public.members m where r.member_id is not null and m.id = r.member_id and m.store_id = p_store_id
  ) m on true
  left join lateral (
    select c.member_id
    from public.member_contacts c join auth.users u on u.id = c.user_id
    where r.member_id is null and c.store_id = p_store_id and lower(u.email) = lower(btrim(r.email))
      and not u.is_sso_user and u.email_confirmed_at is not null
    limit 1
  ) c on true
  cross join lateral (select coalesce(m.id, c.member_id) as id) buyer
  -- Another company's order with the reference (the unique (store_id, external_ref) index).
  left join lateral (
    select o.member_id from public.orders o
    where o.store_id = p_store_id and o.external_ref = btrim(r.ref) and o.member_id <> buyer.id
  ) o on true
  cross join lateral (
    select private.former_member_new_order(p_store_id, buyer.id, btrim(r.ref), private.import_timestamp(r.placed_at)) as left_at
  ) f
  where buyer.id is not null and (o.member_id is not null or f.left_at is not null);
  return v_refusals;
end
$$;
revoke execute on function private.order_ref_refusals(uuid, text[], uuid[], text[], text[]) from public;
grant execute on function private.order_ref_refusals(uuid, text[], uuid[], text[], text[]) to authenticated;

create function public.order_ref_refusals(p_store_id uuid, p_refs text[], p_member_ids uuid[], p_emails text[], p_placed_ats text[])
returns jsonb
language sql stable security invoker
set search_path = ''
as $$ select private.order_ref_refusals(p_store_id, p_refs, p_member_ids, p_emails, p_placed_ats) $$;
revoke execute on function public.order_ref_refusals(uuid, text[], uuid[], text[], text[]) from public, anon, authenticated;
grant execute on function public.order_ref_refusals(uuid, text[], uuid[], text[], text[]) to authenticated;
