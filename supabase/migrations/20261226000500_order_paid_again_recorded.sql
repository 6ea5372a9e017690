/**
 * An order refunded or cancelled, then paid again, is a recorded change like a refund: the
 * console's Change put such an order back to paid and the engine credited its points and rebate
 * again, but order_changes kept nothing, so "Changes to orders" listed the refund alone with no
 * author for the payment, and the buyer's Updates still ended on "Order … was refunded in full"
 * while their orders list read "1,920 earned · 960 taken back" for an order worth 960, paid.
 *
 * - order_changes.kind gains `reinstated`: an order whose payment is on record (paid_at, kept
 *   through refunds), refunded or cancelled, imported `paid` again; amount before is the one it
 *   left paid with, after the one it is paid at now. An order imported refunded and paid later is
 *   paid for the first time: nothing is written, as for a new order.
 * - private.import_orders writes it with its author in the same statement as the other kinds.
 * - The buyer's Updates (company_updates, my_updates): `order_paid_again`, with the amount paid and
 *   what the order's own points and rebate earned again at that instant (its `order` rows).
 * - store_order_changes takes `reinstated` as a kind to list.
 * - Why a tier moved is unchanged: an order paid again raises a tier as a new one does, named among
 *   the orders the move paid (paid_order_refs), so tier_move_orders does not count its change, and
 *   refresh_tiers' drop in an orders' call is still time's when only such changes were made.
 *
 * Re-created, every other line as in the migration named above each: private.import_orders
 * (20261217000900), private.tier_move_orders (20261214000500), private.refresh_tiers
 * (20261215000500), private.company_updates (20261217000100), private.my_updates
 * (20261225000100), private.store_order_changes (20261216000200).
 */

alter table public.order_changes drop constraint order_changes_kind_check;
alter table public.order_changes add constraint order_changes_kind_check
  check (kind in ('corrected', 'refunded_in_part', 'refunded_in_full', 'cancelled', 'reinstated'));
comment on table public.order_changes is
  'What the orders import changed in a paid order (amounts before and after), or a refunded or cancelled one paid again: written by import_orders only. The company''s contacts and the store''s staff read them.';

-- ---------------------------------------------------------------------------------------------
-- The import
-- ---------------------------------------------------------------------------------------------

/** import_orders as in 20261217000900, an order refunded or cancelled and paid again recorded as `reinstated`. */
create or replace function private.import_orders(p_store_id uuid, p_rows jsonb, p_new_only boolean)
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
    -- The batch's orders that were ever paid, as before this statement (its snapshot), under the
    -- members' locks as every write of an order is: the paid ones, and those refunded or cancelled
    -- since (paid_at is kept), whose payment again is a change too. An order never paid (imported
    -- refunded) is paid for the first time.
    select o.id, o.external_ref, o.amount, o.currency, o.exchange_rate, o.amount_base, o.status, r.status as said
    from unnest(v_rows) r
    join public.orders o on o.store_id = p_store_id and o.external_ref = r.external_ref
    where o.paid_at is not null
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
    left join was x on x.external_ref = r.external_ref and x.said = 'partially_refunded' and x.status = 'paid'
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
          -- Refunded or cancelled, then paid again: its amount before is the one it left paid with.
          when x.status <> 'paid' then case when w.status = 'paid' then 'reinstated' end
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

-- ---------------------------------------------------------------------------------------------
-- Why a tier moved
-- ---------------------------------------------------------------------------------------------

/** As in 20261214000500, an order paid again not counted as a change the move followed. */
create or replace function private.tier_move_orders(p_change public.tier_changes, out orders_changed int, out changed_order_ref text)
language sql stable
set search_path = ''
as $$
  select ch.orders,
         case when ch.orders = 1 and ft.rank > tt.rank then ch.order_ref end
  from (select count(distinct c.order_id)::int as orders, min(o.external_ref) as order_ref
        from public.order_changes c join public.orders o on o.id = c.order_id
        where p_change.reason = 'orders'
          and c.member_id = p_change.member_id and c.store_id = p_change.store_id and c.changed_at = p_change.changed_at
          -- An order paid again is among the orders the move paid (moved_order_refs), as a new one.
          and c.kind <> 'reinstated') ch
  left join public.tiers ft on ft.id = p_change.from_tier_id
  left join public.tiers tt on tt.id = p_change.to_tier_id
$$;

/** refresh_tiers as in 20261215000500, a drop in an orders' call with only orders paid again at its instant said as time's. */
create or replace function private.refresh_tiers(p_member_ids uuid[], p_reason text, p_paid_order_ids uuid[] default '{}')
returns int
language plpgsql security definer
set search_path = ''
as $$
declare
  v_ids uuid[];
  v_expired uuid[];
  v_changed int;
  v_later uuid[] := '{}';
  v_paid_at timestamptz := private.payment_instant();
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

  -- Orders of these companies first paid in this transaction: an upsert's new and updated orders
  -- reach this function in two calls, one per trigger (UPDATE first), and each call's orders must
  -- count the other's as later where they come later, as in one batch. The first call already sees
  -- every row written and makes the whole move, so its record names them too, even when it pays
  -- nothing itself (an order re-sent with its delivery date, a correction, a refund).
  if cardinality(p_paid_order_ids) > 0 or p_reason in ('orders', 'refund') then
    -- One scan of orders_paid_at_member_idx, the companies as its array key: joined to
    -- unnest(v_ids), which the planner guesses at 10 rows, it compared each order found with
    -- every company (810,000 comparisons for 1,000 rows).
    v_later := array(
      select o.id from public.orders o
      where o.paid_at = v_paid_at and o.member_id = any (v_ids) and o.status = 'paid'
      except
      select z.id from unnest(p_paid_order_ids) as z (id));
  end if;

  with expired as (
    update public.members m
    set tier_override_id = null, tier_override_expires_at = null, tier_override_reason = null
    where m.id = any (v_ids) and m.tier_override_expires_at <= now()
    returning m.id
  )
  select coalesce(array_agg(e.id), '{}') into v_expired from expired e;

  with evaluated as (
    select m.id, m.store_id, m.tier_id as from_tier_id, m.tier_valid_until as from_valid_until, e.tier_id, e.valid_until, g.last_at, g.previous_at, g.median_gap,
      g.once, g.twice, e.paid_orders, e.paid_amount, e.oldest_placed_at, m.tier_override_id, m.tier_override_expires_at
    -- Driven by the evaluations (one member row each): a filter on m.id as well made the planner
    -- expect a hundredth of the rows, and plan everything joined to them for a handful.
    from private.tier_evaluations(v_ids) e
    join public.members m on m.id = e.member_id
    -- One row per member either way; joined inner, the planner took the member ids' statistics,
    -- expected 7 rows here and had the update below aggregate the credits again for every
    -- member (8 s instead of 2 for a 5,000-row import).
    left join private.paid_order_facts(v_ids) g on g.member_id = e.member_id
  ), paid as materialized (
    -- The orders by key first (joined through unnest: `o.id = any (...)` would test every order
    -- against the whole array); reached from the members instead, every order they ever placed
    -- was read.
    select o.id, o.store_id, o.member_id, o.external_ref, o.amount_base, o.placed_at, o.paid_at, true as earns
    from unnest(p_paid_order_ids) as x (id)
    join public.orders o on o.id = x.id
    union all
    -- First paid in the other call: only later for this call's orders.
    select o.id, o.store_id, o.member_id, o.external_ref, o.amount_base, o.placed_at, o.paid_at, false
    from unnest(v_later) as x (id)
    join public.orders o on o.id = x.id
    where o.status = 'paid' and o.member_id = any (v_ids)
  ), placed as (
    -- Orders paid again: the figures at their place (none in an import of new orders).
    select f.order_id, f.paid_orders, f.paid_amount
    from private.order_earning_figures(array(select p.id from paid p where p.earns and p.paid_at is distinct from v_paid_at)) f
  ), counted as (
    -- The company's period figures with each order counted: the evaluation's, less the orders
    -- first paid in this transaction that come after it (those inside the period, which are the
    -- ones it counted); for an order paid again, its place's.
    select o.*, e.tier_override_id, e.tier_override_expires_at,
      coalesce(f.paid_orders, e.paid_orders - count(*) filter (
        where o.paid_at = v_paid_at and o.placed_at > now() - make_interval(days => s.statistical_period_days)) over later)
        as paid_orders,
      coalesce(f.paid_amount, e.paid_amount - coalesce(sum(o.amount_base) filter (
        where o.paid_at = v_paid_at and o.placed_at > now() - make_interval(days => s.statistical_period_days)) over later, 0))
        as paid_amount
    from paid o
    join evaluated e on e.id = o.member_id
    join public.stores s on s.id = o.store_id
    left join placed f on f.order_id = o.id
    window later as (partition by o.member_id order by o.placed_at, o.external_ref rows between 1 following and unbounded following)
  ), earning as (
    select o.id, o.store_id, o.member_id, o.external_ref, s.base_currency, s.points_expiry_days,
      least(o.placed_at, now()) as earned_at, t.id as tier_id, coalesce(t.rebate_percent, 0) as rebate_percent,
      -- Less what the order holds from an earlier payment (nothing unless refunded and paid again),
      -- corrections and re-ratings included.
      floor(o.amount_base * coalesce(t.points_multiplier, 1) * s.points_per_currency_unit)::bigint
        - coalesce((select sum(l.delta) from public.points_ledger l
                    where l.order_id = o.id and l.reason in ('order', 'clawback', 'order_correction', 'order_rerated')), 0)
        as points,
      round(o.amount_base * coalesce(t.rebate_percent, 0) / 100, 2)
        - coalesce((select sum(r.delta) from public.rebate_ledger r
                    where r.order_id = o.id and r.reason in ('order', 'reversal', 'order_correction', 'order_rerated')), 0)
        as rebate
    from counted o
    join public.stores s on s.id = o.store_id
    -- tier_evaluations' rule (the highest-ranked tier whose minimums the figures meet, or the
    -- override if it ranks higher) on the figures with this order counted.
    left join lateral (
      select t.id, t.points_multiplier, t.rebate_percent from public.tiers t
      where t.store_id = o.store_id
        and ((t.min_paid_orders <= o.paid_orders and t.min_paid_amount <= o.paid_amount)
          or (t.id = o.tier_override_id and o.tier_override_expires_at > now()))
      order by t.rank desc
      limit 1
    ) t on true
    where o.earns
  ), points as (
    insert into public.points_ledger (store_id, member_id, delta, reason, order_id, earned_at, expires_at, remaining, note, tier_id)
    select r.store_id, r.member_id, r.points, 'order', r.id, r.earned_at,
      r.earned_at + make_interval(days => r.points_expiry_days), r.points, r.external_ref, r.tier_id
    from earning r where r.points > 0
    -- In the orders' own order within a member: ledger ids are the history's order, newest first.
    order by r.member_id, r.earned_at, r.id
    returning member_id, delta
  ), rebates as (
    insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, earned_at, note, tier_id)
    select r.store_id, r.member_id, r.rebate, r.base_currency, 'order', r.id, r.earned_at,
      format('%s%% of order %s', r.rebate_percent, r.external_ref), r.tier_id
    from earning r where r.rebate > 0
    order by r.member_id, r.earned_at, r.id
    returning member_id, delta
  ), credited as (
    select c.member_id, sum(c.points) as points, sum(c.rebate) as rebate
    from (select p.member_id, p.delta as points, 0 as rebate from points p
          union all select r.member_id, 0, r.delta from rebates r) c
    group by c.member_id
  ), written as (
    update public.members m
    set tier_id = e.tier_id, tier_valid_until = e.valid_until, last_paid_order_at = e.last_at, previous_paid_order_at = e.previous_at,
        paid_order_gap_median = e.median_gap, paid_once = e.once, paid_twice = e.twice, period_paid_orders = e.paid_orders,
        period_paid_amount = e.paid_amount, period_oldest_paid_at = e.oldest_placed_at, last_evaluated_at = now(),
        points_balance = m.points_balance + coalesce(c.points, 0), rebate_balance = m.rebate_balance + coalesce(c.rebate, 0)
    from evaluated e left join credited c on c.member_id = e.id
    -- By key: joined to the CTE alone, the update hashed every member of every store.
    where m.id = any (v_ids) and m.id = e.id
      and ((m.tier_id, m.tier_valid_until, m.last_paid_order_at, m.previous_paid_order_at, m.paid_order_gap_median, m.paid_once, m.paid_twice,
            m.period_paid_orders, m.period_paid_amount, m.period_oldest_paid_at)
           is distinct from (e.tier_id, e.valid_until, e.last_at, e.previous_at, e.median_gap, e.once, e.twice, e.paid_orders, e.paid_amount, e.oldest_placed_at)
           or c.member_id is not null)
  ), moved as (
    select e.id, e.store_id, e.from_tier_id, ft.name as from_tier_name, e.tier_id, tt.name as to_tier_name,
      case
        -- A rise in a refund's call follows the orders paid with it (new orders only raise a tier).
        when p_reason = 'refund' and ft.rank < tt.rank then 'orders'
        -- A drop in an orders' call that no change of an order made (order_changes at this instant,
        -- which tier_move_orders names) is time's: an override that expired, or a period that
        -- lapsed before the nightly re-evaluation recorded it.
        when p_reason = 'orders' and ft.rank > tt.rank and (e.id = any (v_expired) or e.from_valid_until <= now())
          and not exists (select 1 from public.order_changes c
                          where c.member_id = e.id and c.store_id = e.store_id and c.changed_at = now()
                            -- An order paid again raises a tier, as a new one does.
                            and c.kind <> 'reinstated') then
          case when e.id = any (v_expired) then 'override_expired' else 'period' end
        else coalesce(p_reason, case when e.id = any (v_expired) then 'override_expired' end, 'period')
      end as reason
    from evaluated e
    left join public.tiers ft on ft.id = e.from_tier_id
    left join public.tiers tt on tt.id = e.tier_id
    where e.tier_id is distinct from e.from_tier_id
  )
  insert into public.tier_changes (member_id, store_id, from_tier_id, from_tier_name, to_tier_id, to_tier_name, reason, paid_order_refs)
  select v.id, v.store_id, v.from_tier_id, v.from_tier_name, v.tier_id, v.to_tier_name, v.reason,
    -- The company's orders this transaction paid, whatever they earn, this call's and the other's:
    -- a move for new orders follows them all.
    case when v.reason = 'orders' then coalesce(pr.refs, '{}') end
  from moved v
  -- Aggregated once: a subquery per moved company read the whole of `paid` again for each.
  left join (select p.member_id, array_agg(p.external_ref order by p.placed_at, p.external_ref) as refs
             from paid p group by p.member_id) pr on pr.member_id = v.id
  order by v.id;
  get diagnostics v_changed = row_count;
  return v_changed;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The buyer's Updates
-- ---------------------------------------------------------------------------------------------

/** As in 20261217000100, with `order_paid_again`. */
create or replace function private.company_updates(p_member_id uuid, p_store_id uuid, p_after timestamptz, p_before timestamptz, p_limit int)
returns table (kind text, happened_at timestamptz, source_id uuid, source_seq bigint)
language plpgsql stable
set search_path = ''
as $$
declare
  -- The oldest instant a page can reach (see the ledgers' refund branches below).
  v_floor timestamptz := '-infinity';
begin
  -- A page of p_limit updates ends at or after the p_limit-th newest order change: the order
  -- changes' three branches below put each of those among the candidates, so the page's oldest
  -- update (the p_limit-th newest candidate) is no older. Ledger refunds before it cannot be shown.
  if p_limit is not null then
    select ch.changed_at into v_floor
    from public.order_changes ch
    where ch.member_id = p_member_id and ch.store_id = p_store_id
      and ch.changed_at > p_after and ch.changed_at < p_before
      and not exists (select 1 from private.order_change_authors a where a.order_change_id = ch.id and a.via = 'migration')
    order by ch.changed_at desc
    offset p_limit - 1 limit 1;
    v_floor := coalesce(v_floor, '-infinity');
  end if;
  -- PL/pgSQL keeps the plan of these sixteen branches for the session; SQL planned them on every call.
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
     -- From the page's floor: the refunds order_changes recorded are skipped one by one, and
     -- without it a company whose refunds all are (every import's since 20261211000300) had its
     -- whole history of them read on every page.
     and l.created_at >= v_floor
     and not private.refund_recorded(l.order_id, l.created_at)
   order by l.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'order_refunded', r.created_at, r.order_id, r.id
   from public.rebate_ledger r
   where r.member_id = p_member_id and r.store_id = p_store_id and r.reason = 'reversal'
     and r.created_at > p_after and r.created_at < p_before
     and r.created_at >= v_floor
     and not exists (select 1 from public.points_ledger l
                     where l.order_id = r.order_id and l.reason = 'clawback' and l.created_at = r.created_at)
     and not private.refund_recorded(r.order_id, r.created_at)
   order by r.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  -- A refund or cancellation order_changes recorded, whatever it took back (often nothing).
  (select 'order_refunded', ch.changed_at, ch.order_id, ch.id
   from public.order_changes ch
   where ch.member_id = p_member_id and ch.store_id = p_store_id and ch.kind in ('refunded_in_full', 'cancelled')
     and ch.changed_at > p_after and ch.changed_at < p_before
   order by ch.changed_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select case ch.kind when 'corrected' then 'order_corrected' else 'order_refunded_in_part' end, ch.changed_at, null, ch.id
   from public.order_changes ch
   where ch.member_id = p_member_id and ch.store_id = p_store_id and ch.kind in ('corrected', 'refunded_in_part')
     and ch.changed_at > p_after and ch.changed_at < p_before
     -- Cardclub's own repairs of the record (see this migration's header) are no news to the buyer.
     and not exists (select 1 from private.order_change_authors a where a.order_change_id = ch.id and a.via = 'migration')
   order by ch.changed_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  -- An order refunded or cancelled, then paid again.
  (select 'order_paid_again', ch.changed_at, null, ch.id
   from public.order_changes ch
   where ch.member_id = p_member_id and ch.store_id = p_store_id and ch.kind = 'reinstated'
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

/** As in 20261225000100, with `order_paid_again`'s fields. */
create or replace function private.my_updates(p_store_slug text, p_limit int, p_before timestamptz)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_locale text := v_store.default_locale;
  v_new int;
begin
  if p_limit is null or p_limit not between 1 and 100 then
    perform private.reject('limit', 'must be between 1 and 100');
  end if;
  -- The updates since the contact last looked, counted up to 101: company_updates' newest 101 of
  -- each source, its ledgers' refunds from the 101st newest order change, are all of them when
  -- there are at most 100, and more than 100 otherwise.
  select count(*) into v_new
  from private.company_updates(v_contact.member_id, v_store.id, v_contact.updates_seen_at, 'infinity', 101);
  return jsonb_build_object(
    'seen_at', v_contact.updates_seen_at,
    'new_count', least(v_new, 100),
    'new_more', v_new > 100,
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
          case when u.kind not in ('order_refunded', 'order_corrected', 'order_refunded_in_part', 'order_paid_again', 'orders_rerated') then u.source_seq end desc nulls last,
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
            select jsonb_build_object('inquiry_id', q.id, 'changed', q.answered_at > q.first_answered_at)
              || private.local_field('product_name', p.name, v_locale)
            from public.inquiries q left join public.products p on p.id = q.product_id where q.id = u.source_id)
          -- Whether the move followed the import's change of orders, and which one a drop names: tier_move_orders.
          when u.kind = 'tier_changed' then (
            select jsonb_build_object('reason', h.reason, 'up', ft.rank < tt.rank,
                'orders_changed', m.orders_changed, 'changed_order_ref', m.changed_order_ref,
                'moved_order_refs', public.moved_order_refs(h))
              || private.local_field('from_tier', h.from_tier_name, v_locale) || private.local_field('to_tier', h.to_tier_name, v_locale)
            from public.tier_changes h
            left join public.tiers ft on ft.id = h.from_tier_id
            left join public.tiers tt on tt.id = h.to_tier_id
            cross join lateral private.tier_move_orders(h) m
            where h.id = u.source_id)
          when u.kind in ('coupon_given', 'coupon_taken_back') then (
            select jsonb_build_object('code', cp.code) || private.local_field('name', cp.description, v_locale)
            from public.member_coupons mc join public.coupons cp on cp.id = mc.coupon_id where mc.id = u.source_id)
          when u.kind = 'reward_sent' then (
            select jsonb_build_object('delivery', d.delivery, 'carrier', d.carrier, 'tracking_number', d.tracking_number,
                'note', d.sent_note)
              || private.local_field('name', rw.name, v_locale)
            from public.reward_deliveries d join public.rewards rw on rw.id = d.reward_id where d.points_entry_id = u.source_seq)
          when u.kind like 'rebate_%' then (
            select jsonb_build_object('amount', abs(r.delta), 'currency', r.currency, 'note', r.note)
            from public.rebate_ledger r where r.id = u.source_seq)
          when u.kind = 'points_adjusted' then (
            select jsonb_build_object('points', l.delta, 'note', l.note) from public.points_ledger l where l.id = u.source_seq)
          -- A refund order_changes recorded (source_seq its id): what the ledgers took back at its
          -- instant, null when nothing; its status as the change left the order.
          when u.kind = 'order_refunded' and private.refund_recorded(u.source_id, u.happened_at) then (
            select jsonb_build_object('order_ref', o.external_ref,
                'order_status', case ch.kind when 'cancelled' then 'cancelled' else 'refunded' end,
                'points', (select -sum(l.delta) from public.points_ledger l
                           where l.order_id = ch.order_id and l.reason = 'clawback' and l.created_at = ch.changed_at),
                'amount', r.amount, 'currency', r.currency)
            from public.order_changes ch
            join public.orders o on o.id = ch.order_id
            cross join lateral (
              select -sum(r.delta) as amount, min(r.currency) as currency from public.rebate_ledger r
              where r.order_id = ch.order_id and r.reason = 'reversal' and r.created_at = ch.changed_at
            ) r
            where ch.id = u.source_seq)
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
          -- The amount paid again, and what the order's own points and rebate earned again then
          -- (its `order` rows of that instant), null when nothing.
          when u.kind = 'order_paid_again' then (
            select jsonb_build_object('order_ref', o.external_ref, 'amount', ch.amount_after, 'currency', ch.currency_after,
                'base_currency', v_store.base_currency,
                'points', (select sum(l.delta) from public.points_ledger l
                           where l.order_id = ch.order_id and l.reason = 'order' and l.created_at = ch.changed_at),
                'rebate', (select sum(r.delta) from public.rebate_ledger r
                           where r.order_id = ch.order_id and r.reason = 'order' and r.created_at = ch.changed_at))
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
-- The store's changes
-- ---------------------------------------------------------------------------------------------

/** As in 20261216000200, `reinstated` a kind to list. */
create or replace function private.store_order_changes(p_store_id uuid, p_from timestamptz, p_to timestamptz, p_kind text, p_limit int, p_offset int)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  if p_from = 'infinity' or p_from = '-infinity' then
    perform private.reject('p_from', 'must be a finite timestamp or null');
  end if;
  if p_to = 'infinity' or p_to = '-infinity' then
    perform private.reject('p_to', 'must be a finite timestamp or null');
  end if;
  if p_to <= p_from then
    perform private.reject('p_to', 'must be later than p_from');
  end if;
  if p_kind is not null and p_kind not in ('corrected', 'refunded_in_part', 'refunded_in_full', 'cancelled', 'reinstated') then
    perform private.reject('p_kind', 'must be one of corrected, refunded_in_part, refunded_in_full, cancelled, reinstated');
  end if;
  if p_limit is null or p_limit not between 1 and 100 then
    perform private.reject('p_limit', 'must be between 1 and 100');
  end if;
  if p_offset is null or p_offset < 0 then
    perform private.reject('p_offset', 'must be 0 or more');
  end if;
  return jsonb_build_object(
    'as_of', now(),
    'total', (select count(*) from public.order_changes ch
              where ch.store_id = p_store_id
                and ch.changed_at >= coalesce(p_from, '-infinity') and ch.changed_at < coalesce(p_to, 'infinity')
                and (p_kind is null or ch.kind = p_kind)),
    'changes', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'id', p.id, 'changed_at', p.changed_at, 'kind', p.kind,
          'order_id', p.order_id, 'order_ref', o.external_ref,
          'member_id', p.member_id, 'member', jsonb_build_object('company_name', m.company_name, 'left_at', m.left_at),
          'amount_before', p.amount_before, 'currency_before', p.currency_before, 'amount_base_before', p.amount_base_before,
          'amount_after', p.amount_after, 'currency_after', p.currency_after, 'amount_base_after', p.amount_base_after,
          'author', case when a.order_change_id is not null then jsonb_build_object(
            'via', a.via,
            'email', a.email,
            'login_deleted', a.via = 'staff' and a.changed_by is null,
            'is_staff', exists (select 1 from public.store_staff s where s.store_id = p_store_id and s.user_id = a.changed_by)) end)
        order by p.changed_at desc, p.id desc), '[]')
      from (
        select ch.* from public.order_changes ch
        where ch.store_id = p_store_id
          and ch.changed_at >= coalesce(p_from, '-infinity') and ch.changed_at < coalesce(p_to, 'infinity')
          and (p_kind is null or ch.kind = p_kind)
        order by ch.changed_at desc, ch.id desc
        limit p_limit offset p_offset
      ) p
      join public.orders o on o.id = p.order_id
      join public.members m on m.id = p.member_id
      left join private.order_change_authors a on a.order_change_id = p.id)
  );
end
$$;
