/**
 * What a correction or refund changed, kept (a buyer's points or tier moved with no explanation,
 * and a partial refund left only the order's new amount):
 * - public.order_changes (new): one row per change the orders import made to a paid order, its
 *   amount before and after, when, and whether it was corrected, refunded in part, refunded in full
 *   or cancelled. Written by import_orders in the statement that changes the order (so at the
 *   instant of the ledger rows the change settles), never by a client.
 * - import_orders takes `status: partially_refunded`: the order stays paid at `amount`, what is left
 *   after the refund. Without it a lower amount is a correction (a mistyped total): only the store
 *   knows which it was, and "refunded" tells the buyer money came back.
 * - The Updates feed (company_updates, my_updates) says `order_corrected`, `order_refunded_in_part`
 *   with what the order's own points and rebate moved, and `orders_rerated`: the later orders a
 *   change re-rated (20261209000400), one update per instant with what their points and rebate moved.
 *   A tier the change moved is already its own `tier_changed` update.
 *
 * Re-created, every other line as in the migration named above each: private.parse_order_rows
 * (20261211000100), private.import_orders (20261211000100), private.company_updates and
 * private.my_updates (20261210000400), public.my_data (20261210000500).
 */

-- ---------------------------------------------------------------------------------------------
-- The record
-- ---------------------------------------------------------------------------------------------

/** A change the orders import made to a paid order: corrected, refunded in part or in full, or cancelled. */
create table public.order_changes (
  id bigint generated always as identity primary key,
  store_id uuid not null,
  member_id uuid not null,
  order_id uuid not null references public.orders (id) on delete cascade,
  -- The import's transaction time: the ledger rows the change settled carry the same.
  changed_at timestamptz not null default now(),
  -- corrected: another amount, currency or exchange rate while paid; refunded_in_part: the import
  -- said partially_refunded; refunded_in_full / cancelled: the order left paid.
  kind text not null check (kind in ('corrected', 'refunded_in_part', 'refunded_in_full', 'cancelled')),
  amount_before numeric(14,2) not null,
  currency_before char(3) not null,
  amount_base_before numeric(14,2) not null,
  amount_after numeric(14,2) not null,
  currency_after char(3) not null,
  amount_base_after numeric(14,2) not null,
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade,
  -- A refund in part leaves less of the same order's currency.
  constraint order_changes_part_is_less check (kind <> 'refunded_in_part' or (currency_after = currency_before and amount_after < amount_before))
);
comment on table public.order_changes is
  'What the orders import changed in a paid order (amounts before and after): written by import_orders only. The company''s contacts and the store''s staff read them.';

-- The company's changes by time (its contacts' reads, the Updates feed), the store's (staff), an order's (the orders list).
create index order_changes_member_changed_idx on public.order_changes (member_id, store_id, changed_at);
create index order_changes_store_changed_idx on public.order_changes (store_id, changed_at);
create index order_changes_order_idx on public.order_changes (order_id);
-- The Updates feed's partial reads (re-ratings, company_updates).
create index points_ledger_member_rerated_idx on public.points_ledger (member_id, store_id, created_at) where reason = 'order_rerated';
create index rebate_ledger_member_rerated_idx on public.rebate_ledger (member_id, store_id, created_at) where reason = 'order_rerated';

alter table public.order_changes enable row level security;
revoke all on table public.order_changes from anon, authenticated, service_role;
grant select on table public.order_changes to authenticated, service_role;

create policy "Contacts read their company's order changes, staff their store's" on public.order_changes
  for select to authenticated
  using (member_id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));

-- ---------------------------------------------------------------------------------------------
-- The import
-- ---------------------------------------------------------------------------------------------

/**
 * As in 20261211000100, with `partially_refunded`: accepted as a status; for an order the store has, it
 * must be paid, in the same currency, and not more than it is now (the same row again changes
 * nothing). A new order imported so is paid at its amount (its original is unknown).
 */
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
        -- A refund in part is of what was paid: less of the same money.
        when po.status <> 'paid' then array['status', format('partially_refunded needs a paid order; this one is %s', po.status)]
        when po.currency <> f.currency then array['currency', format('must stay %s for partially_refunded', po.currency)]
        when po.amount < f.amount then
          array['amount', format('must not exceed the order''s %s %s for partially_refunded (the amount left after the refund)', po.amount, po.currency)]
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
    -- The order a partial refund is of: read for those rows only.
    left join lateral (
      select o.status, o.currency, o.amount from public.orders o
      where f.status = 'partially_refunded' and o.store_id = p_store.id and o.external_ref = f.external_ref
    ) po on true
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
 * As in 20261211000100, writing `partially_refunded` as paid and recording what it changed in a
 * paid order (order_changes) in the statement that changes it: the orders as they were are read
 * in the statement's snapshot, before its upsert.
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

  with was as (
    -- The batch's paid orders before this statement (its snapshot), under the members' locks as
    -- every write of an order is.
    select o.id, o.amount, o.currency, o.amount_base, r.status as said
    from unnest(v_rows) r
    join public.orders o on o.store_id = p_store_id and o.external_ref = r.external_ref
    where o.status = 'paid'
  ), written as (
    insert into public.orders as o (store_id, member_id, contact_id, external_ref, amount, currency, exchange_rate, placed_at, status, delivered_at)
    select p_store_id, r.member_id, r.contact_id, r.external_ref, r.amount, r.currency, r.exchange_rate, r.placed_at,
      case r.status when 'partially_refunded' then 'paid' else r.status end, r.delivered_at
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

-- ---------------------------------------------------------------------------------------------
-- The buyer's Updates
-- ---------------------------------------------------------------------------------------------

/**
 * As in 20261210000400, with an order's correction or refund in part (order_changes) and the
 * later orders an instant re-rated (the ledgers' `order_rerated` rows, one update per instant).
 */
create or replace function private.company_updates(p_member_id uuid, p_store_id uuid, p_after timestamptz, p_before timestamptz, p_limit int)
returns table (kind text, happened_at timestamptz, source_id uuid, source_seq bigint)
language plpgsql stable
set search_path = ''
as $$
begin
  -- PL/pgSQL keeps the plan of these fourteen branches for the session; SQL planned them on every call.
  return query
  (select case c.status when 'rejected' then 'sample_rejected' else 'sample_approved' end, c.decided_at, c.id, null::bigint
   from public.sample_claims c
   where c.member_id = p_member_id and c.store_id = p_store_id and c.status in ('approved', 'shipped', 'rejected')
     and c.decided_at > p_after and c.decided_at < p_before
   order by c.decided_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'sample_shipped', c.shipped_at, c.id, null
   from public.sample_claims c
   where c.member_id = p_member_id and c.store_id = p_store_id and c.shipped_at > p_after and c.shipped_at < p_before
   order by c.shipped_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'inquiry_answered', q.answered_at, q.id, null
   from public.inquiries q
   where q.member_id = p_member_id and q.store_id = p_store_id and q.answered_at > p_after and q.answered_at < p_before
   order by q.answered_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'tier_changed', h.changed_at, h.id, h.seq
   from public.tier_changes h
   where h.member_id = p_member_id and h.store_id = p_store_id and h.reason <> 'join'
     and h.changed_at > p_after and h.changed_at < p_before
   order by h.changed_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'coupon_given', mc.claimed_at, mc.id, null
   from public.member_coupons mc
   where mc.member_id = p_member_id and mc.store_id = p_store_id and mc.source = 'staff'
     and mc.claimed_at > p_after and mc.claimed_at < p_before
   order by mc.claimed_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'coupon_taken_back', mc.taken_back_at, mc.id, null
   from public.member_coupons mc
   where mc.member_id = p_member_id and mc.store_id = p_store_id
     and mc.taken_back_at > p_after and mc.taken_back_at < p_before
   order by mc.taken_back_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'reward_sent', d.sent_at, null, d.points_entry_id
   from public.reward_deliveries d
   where d.member_id = p_member_id and d.store_id = p_store_id and d.sent_at > p_after and d.sent_at < p_before
   order by d.sent_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select case r.reason when 'credit' then 'rebate_credited' else 'rebate_corrected' end, r.created_at, null, r.id
   from public.rebate_ledger r
   where r.member_id = p_member_id and r.store_id = p_store_id and r.reason in ('credit', 'correction')
     and r.created_at > p_after and r.created_at < p_before
   order by r.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'points_adjusted', l.created_at, null, l.id
   from public.points_ledger l
   where l.member_id = p_member_id and l.store_id = p_store_id and l.reason = 'adjustment'
     and l.created_at > p_after and l.created_at < p_before
   order by l.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'order_refunded', l.created_at, null, l.id
   from public.points_ledger l
   where l.member_id = p_member_id and l.store_id = p_store_id and l.reason = 'clawback'
     and l.created_at > p_after and l.created_at < p_before
   order by l.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'order_refunded', r.created_at, r.order_id, r.id
   from public.rebate_ledger r
   where r.member_id = p_member_id and r.store_id = p_store_id and r.reason = 'reversal'
     and r.created_at > p_after and r.created_at < p_before
     and not exists (select 1 from public.points_ledger l
                     where l.order_id = r.order_id and l.reason = 'clawback' and l.created_at = r.created_at)
   order by r.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select case ch.kind when 'corrected' then 'order_corrected' else 'order_refunded_in_part' end, ch.changed_at, null, ch.id
   from public.order_changes ch
   where ch.member_id = p_member_id and ch.store_id = p_store_id and ch.kind in ('corrected', 'refunded_in_part')
     and ch.changed_at > p_after and ch.changed_at < p_before
   order by ch.changed_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  -- One update per instant however many orders it re-rated: each ledger's newest p_limit instants.
  (select 'orders_rerated', x.created_at, null, null
   from ((select distinct l.created_at from public.points_ledger l
          where l.member_id = p_member_id and l.store_id = p_store_id and l.reason = 'order_rerated'
            and l.created_at > p_after and l.created_at < p_before
          order by l.created_at desc limit coalesce(p_limit, 2147483647))
         union
         (select distinct r.created_at from public.rebate_ledger r
          where r.member_id = p_member_id and r.store_id = p_store_id and r.reason = 'order_rerated'
            and r.created_at > p_after and r.created_at < p_before
          order by r.created_at desc limit coalesce(p_limit, 2147483647))) x
   order by x.created_at desc limit coalesce(p_limit, 2147483647));
end
$$;

/**
 * As in 20261210000400, with `order_corrected` / `order_refunded_in_part` (the order's reference,
 * its amounts before and after in its currency and the store's, what its own points and rebate
 * moved: null when nothing) and `orders_rerated` (how many orders, their points and rebate moved).
 */
create or replace function private.my_updates(p_store_slug text, p_limit int, p_before timestamptz)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_locale text := v_store.default_locale;
begin
  if p_limit is null or p_limit not between 1 and 100 then
    perform private.reject('limit', 'must be between 1 and 100');
  end if;
  return jsonb_build_object(
    'seen_at', v_contact.updates_seen_at,
    'new_count', (select count(*) from private.company_updates(v_contact.member_id, v_store.id,
                    v_contact.updates_seen_at, 'infinity', null)),
    'updates', (
      -- Each source's newest p_limit, with ties: every update at or after the p_limit-th newest of
      -- them all (the page's oldest instant) is among these, as a source missing one would have
      -- p_limit newer ones.
      with candidates as (
        select * from private.company_updates(v_contact.member_id, v_store.id, '-infinity', coalesce(p_before, 'infinity'), p_limit)
      ), page as (
        select * from candidates c
        where c.happened_at >= (select c2.happened_at from candidates c2 order by c2.happened_at desc offset p_limit - 1 limit 1)
           or (select count(*) from candidates) < p_limit
      )
      select coalesce(jsonb_agg(jsonb_build_object('kind', u.kind, 'happened_at', u.happened_at,
          'is_new', u.happened_at > v_contact.updates_seen_at) || d.fields
        -- An order change's or refund's id only names its row; it does not place it among the instant's other updates.
        order by u.happened_at desc,
          case when u.kind not in ('order_refunded', 'order_corrected', 'order_refunded_in_part', 'orders_rerated') then u.source_seq end desc nulls last,
          u.kind, u.source_id,
          u.source_seq desc), '[]')
      from page u
      cross join lateral (
        select case
          when u.kind like 'sample_%' then (
            select jsonb_build_object('quantity', c.quantity, 'carrier', c.carrier, 'tracking_number', c.tracking_number,
                'note', c.rejection_reason)
              || private.local_field('product_name', p.name, v_locale)
            from public.sample_claims c join public.products p on p.id = c.product_id where c.id = u.source_id)
          when u.kind = 'inquiry_answered' then (
            select jsonb_build_object('inquiry_id', q.id) || private.local_field('product_name', p.name, v_locale)
            from public.inquiries q left join public.products p on p.id = q.product_id where q.id = u.source_id)
          when u.kind = 'tier_changed' then (
            select jsonb_build_object('reason', h.reason, 'up', ft.rank < tt.rank)
              || private.local_field('from_tier', h.from_tier_name, v_locale) || private.local_field('to_tier', h.to_tier_name, v_locale)
            from public.tier_changes h
            left join public.tiers ft on ft.id = h.from_tier_id
            left join public.tiers tt on tt.id = h.to_tier_id
            where h.id = u.source_id)
          when u.kind in ('coupon_given', 'coupon_taken_back') then (
            select jsonb_build_object('code', cp.code) || private.local_field('name', cp.description, v_locale)
            from public.member_coupons mc join public.coupons cp on cp.id = mc.coupon_id where mc.id = u.source_id)
          when u.kind = 'reward_sent' then (
            select jsonb_build_object('note', d.sent_note) || private.local_field('name', rw.name, v_locale)
            from public.reward_deliveries d join public.rewards rw on rw.id = d.reward_id where d.points_entry_id = u.source_seq)
          when u.kind like 'rebate_%' then (
            select jsonb_build_object('amount', abs(r.delta), 'currency', r.currency, 'note', r.note)
            from public.rebate_ledger r where r.id = u.source_seq)
          when u.kind = 'points_adjusted' then (
            select jsonb_build_object('points', l.delta, 'note', l.note) from public.points_ledger l where l.id = u.source_seq)
          -- A refund's clawback and the reversal written with it (see company_updates).
          when u.kind = 'order_refunded' and u.source_id is null then (
            select jsonb_build_object('order_ref', o.external_ref, 'order_status', o.status, 'points', -l.delta,
                'amount', -r.delta, 'currency', r.currency)
            from public.points_ledger l
            join public.orders o on o.id = l.order_id
            left join public.rebate_ledger r on r.order_id = l.order_id and r.reason = 'reversal' and r.created_at = l.created_at
            where l.id = u.source_seq)
          when u.kind = 'order_refunded' then (
            select jsonb_build_object('order_ref', o.external_ref, 'order_status', o.status, 'points', null,
                'amount', -r.delta, 'currency', r.currency)
            from public.rebate_ledger r join public.orders o on o.id = r.order_id
            where r.id = u.source_seq)
          -- The amounts before and after, and what the order's own points and rebate moved then.
          when u.kind in ('order_corrected', 'order_refunded_in_part') then (
            select jsonb_build_object('order_ref', o.external_ref,
                'amount_before', ch.amount_before, 'currency_before', ch.currency_before, 'amount_base_before', ch.amount_base_before,
                'amount_after', ch.amount_after, 'currency_after', ch.currency_after, 'amount_base_after', ch.amount_base_after,
                'base_currency', v_store.base_currency,
                'points', (select sum(l.delta) from public.points_ledger l
                           where l.order_id = ch.order_id and l.reason = 'order_correction' and l.created_at = ch.changed_at),
                'rebate', (select sum(r.delta) from public.rebate_ledger r
                           where r.order_id = ch.order_id and r.reason = 'order_correction' and r.created_at = ch.changed_at))
            from public.order_changes ch join public.orders o on o.id = ch.order_id
            where ch.id = u.source_seq)
          -- The later orders an instant re-rated, and what their points and rebate moved.
          when u.kind = 'orders_rerated' then (
            select jsonb_build_object('orders', count(distinct x.order_id), 'points', sum(x.points), 'rebate', sum(x.rebate),
                'base_currency', v_store.base_currency)
            from ((select l.order_id, l.delta as points, null::numeric as rebate from public.points_ledger l
                   where l.member_id = v_contact.member_id and l.store_id = v_store.id and l.reason = 'order_rerated'
                     and l.created_at = u.happened_at)
                  union all
                  (select r.order_id, null, r.delta from public.rebate_ledger r
                   where r.member_id = v_contact.member_id and r.store_id = v_store.id and r.reason = 'order_rerated'
                     and r.created_at = u.happened_at)) x)
        end as fields
      ) d)
  );
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Download my data
-- ---------------------------------------------------------------------------------------------

/** As in 20261210000500, with the company's order changes. */
create or replace function public.my_data(p_store_slug text)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_member uuid := v_contact.member_id;
begin
  return jsonb_build_object(
    'exported_at', now(),
    'store', jsonb_build_object('id', v_store.id, 'slug', v_store.slug)
      || private.local_field('name', v_store.name, v_store.default_locale),
    'login', jsonb_build_object('user_id', v_contact.user_id, 'email', (select auth.jwt()) ->> 'email'),
    'my_card', to_jsonb(v_contact),
    'company', (select to_jsonb(m) from public.members m where m.id = v_member),
    'contacts', (select coalesce(jsonb_agg(to_jsonb(c) order by c.created_at, c.id), '[]') from public.member_contacts c where c.member_id = v_member),
    'invitations', (select coalesce(jsonb_agg(to_jsonb(i) - 'token' order by i.created_at, i.id), '[]') from public.member_invitations i where i.member_id = v_member),
    'orders', (select coalesce(jsonb_agg(to_jsonb(o) order by o.placed_at, o.id), '[]') from public.orders o where o.member_id = v_member),
    'order_changes', (select coalesce(jsonb_agg(to_jsonb(c) order by c.id), '[]') from public.order_changes c where c.member_id = v_member),
    'tier_changes', (select coalesce(jsonb_agg(to_jsonb(t) order by t.changed_at, t.seq), '[]') from public.tier_changes t where t.member_id = v_member),
    'points_ledger', (select coalesce(jsonb_agg(to_jsonb(p) order by p.id), '[]') from public.points_ledger p where p.member_id = v_member),
    'rebate_ledger', (select coalesce(jsonb_agg(to_jsonb(r) order by r.id), '[]') from public.rebate_ledger r where r.member_id = v_member),
    'coupons', (select coalesce(jsonb_agg(to_jsonb(c) order by c.claimed_at, c.id), '[]') from public.member_coupons c where c.member_id = v_member),
    'sample_claims', (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at, s.id), '[]') from public.sample_claims s where s.member_id = v_member),
    'inquiries', (select coalesce(jsonb_agg(to_jsonb(q) order by q.created_at, q.id), '[]') from public.inquiries q where q.member_id = v_member),
    'reviews', (select coalesce(jsonb_agg(to_jsonb(r) order by r.created_at, r.id), '[]') from public.order_reviews r where r.member_id = v_member),
    'reward_deliveries', (select coalesce(jsonb_agg(to_jsonb(d) order by d.requested_at, d.points_entry_id), '[]') from public.reward_deliveries d where d.member_id = v_member),
    'campaign_recipients', private.received_campaigns(v_member),
    'consent', private.contact_consent(v_contact)
  );
end
$$;
