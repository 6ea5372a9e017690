/*
 * An order corrected while it stays paid settles its points and rebate (found on a staff walk:
 * W9-0005 imported at 300.00 USD, then again at 3000.00; the order read 3,000.00 US$ with the
 * 450 points of 300 beside it).
 *
 * import_orders updates an order's amount, currency or exchange rate when its reference is
 * imported again, and the tier follows the orders' amounts; but an order credits only when it
 * becomes paid, so one that stays paid kept what its first figures earned. Now, when an order
 * that was paid and stays paid changes its amount in the store's currency (amount_base: a new
 * amount, or a currency or exchange rate that converts to another sum), it ends up holding what
 * it would have earned had it been imported with the corrected figures: one `order_correction`
 * row per ledger, the difference between that and what the order holds (its credits, take-backs
 * and earlier corrections, as an order paid again counts them).
 *
 * - At the tier the order earned at when it was paid (the correction does not move when it was
 *   placed), now recorded on each order credit (`tier_id`, both ledgers), with that tier's
 *   multiplier and rebate percent and the store's points rate, as an order paid again earns.
 *   Credits written before this migration carry no tier, and the tier the company held when
 *   ordering (orders.tier_id) is the one before the order lifted it (none before joining): such an
 *   order is scaled instead, what it holds times new over old amount in the store's currency (less
 *   what its corrections could not take back; floor and cents rounding as earning, so a point or
 *   a cent from what its tier would give). Scaling, not a backfill of the tier from the credit's
 *   figures, because those no longer match where the amount changed before this migration, an
 *   order was paid again, or a tier's rates changed since. An order credited nothing at all still
 *   falls back to orders.tier_id.
 * - More: a credit, dated from the order like the order's own (its points expire with them).
 * - Less: a take-back limited as a refund's is: points that expired are not taken again, and at
 *   most the balance; what was spent or applied is kept in `shortfall`. The companies' due
 *   expiries are recorded first, as a refund does (lock_and_check_points, company by company in
 *   id order like the refund pass): expiry rows are written only when something asks, and an
 *   order whose points had expired without one took the difference from the company's live credits.
 * - An order that is not paid before and after is not corrected: a refund takes back, a payment
 *   earns (on the figures it is paid with); an unchanged row writes nothing.
 * Set-based, once per statement, for the orders the statement corrected (a handful in a batch).
 *
 * Re-created: private.refresh_tiers from 20261207000100 (writes the earning tier; counts
 * corrections in what an order paid again holds); private.reverse_order_rewards from
 * 20261207000100 (a refund takes back corrections too); private.order_ledgers_on_status from
 * 20261124000300 (calls the correction). None is granted to anyone; create or replace keeps that.
 *
 * Mended before release (review): due expiries recorded before settling; orders whose credits
 * record no tier scaled rather than earned at orders.tier_id (order_rewards_owed and
 * correct_order_rewards take the orders' amounts before the change).
 */

alter table public.points_ledger
  add column tier_id uuid,
  drop constraint points_ledger_reason_check,
  add constraint points_ledger_reason_check
    check (reason in ('join', 'order', 'review', 'adjustment', 'redemption', 'expiry', 'clawback', 'order_correction')),
  drop constraint points_ledger_entry_shape,
  add constraint points_ledger_entry_shape check (
    (delta > 0 and reason in ('join', 'order', 'review', 'adjustment', 'order_correction')
      and expires_at > earned_at and remaining between 0 and delta)
    or (delta < 0 and reason in ('redemption', 'adjustment', 'expiry', 'clawback', 'order_correction')
      and expires_at is null and remaining is null)
    or (delta = 0 and reason in ('clawback', 'order_correction') and expires_at is null and remaining is null)),
  drop constraint points_ledger_order_reasons,
  add constraint points_ledger_order_reasons check ((order_id is not null) = (reason in ('order', 'review', 'clawback', 'order_correction'))),
  drop constraint points_ledger_shortfall_on_clawback,
  add constraint points_ledger_shortfall_on_clawback check (shortfall is null or (reason in ('clawback', 'order_correction') and shortfall > 0));
-- No foreign key: the history outlives a removed tier, as tier_changes' ids do.
comment on column public.points_ledger.tier_id is
  'On an order''s credit: the tier it earned at, which a correction of the order''s amount earns at again.';
comment on column public.points_ledger.shortfall is
  'On a clawback or a downward order correction: the points the order earned that had already been spent, so were not taken back.';

alter table public.rebate_ledger
  add column tier_id uuid,
  drop constraint rebate_ledger_reason_check,
  add constraint rebate_ledger_reason_check
    check (reason in ('order', 'applied', 'reversal', 'credit', 'correction', 'order_correction')),
  drop constraint rebate_ledger_entry_shape,
  add constraint rebate_ledger_entry_shape check (
    (reason = 'order' and delta > 0 and order_id is not null and applied_to_order_ref is null)
    or (reason = 'applied' and delta < 0 and order_id is null and applied_to_order_ref is not null)
    or (reason = 'reversal' and delta <= 0 and order_id is not null and applied_to_order_ref is null)
    or (reason = 'credit' and delta > 0 and order_id is null and applied_to_order_ref is null and note is not null)
    or (reason = 'correction' and delta < 0 and order_id is null and applied_to_order_ref is null and note is not null)
    or (reason = 'order_correction' and order_id is not null and applied_to_order_ref is null)),
  drop constraint rebate_ledger_shortfall_on_reversal,
  add constraint rebate_ledger_shortfall_on_reversal check (shortfall is null or (reason in ('reversal', 'order_correction') and shortfall > 0));
comment on column public.rebate_ledger.tier_id is
  'On an order''s credit: the tier it earned at, which a correction of the order''s amount earns at again.';
comment on column public.rebate_ledger.shortfall is
  'On a reversal or a downward order correction: the rebate the order earned that had already been applied, so was not taken back (ledger currency).';

/**
 * refresh_tiers as before (20261207000100), recording on each order credit the tier it earned at,
 * and counting an order's corrections in what it still holds when it is paid again.
 */
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

  -- Orders of these companies that became paid earlier in this transaction: an upsert's new and
  -- updated orders reach this function in two calls, one per trigger, and each call's orders must
  -- count the other's as later where they come later, as in one batch. Orders inserted as paid
  -- (imported now), and those earlier calls credited, kept for the transaction.
  if cardinality(p_paid_order_ids) > 0 then
    v_later := array(
      select o.id from unnest(v_ids) as x (id)
      join public.orders o on o.member_id = x.id and o.status = 'paid' and o.imported_at = now()
      union
      select y.id from unnest(coalesce(nullif(current_setting('cardclub.paid_orders', true), '')::uuid[], '{}')) as y (id)
      except
      select z.id from unnest(p_paid_order_ids) as z (id));
    perform set_config('cardclub.paid_orders', array(select distinct x.id from unnest(v_later || p_paid_order_ids) as x (id))::text, true);
  end if;

  with expired as (
    update public.members m
    set tier_override_id = null, tier_override_expires_at = null, tier_override_reason = null
    where m.id = any (v_ids) and m.tier_override_expires_at <= now()
    returning m.id
  )
  select coalesce(array_agg(e.id), '{}') into v_expired from expired e;

  with evaluated as (
    select m.id, m.store_id, m.tier_id as from_tier_id, e.tier_id, e.valid_until, g.last_at, g.previous_at, g.median_gap,
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
    select o.id, o.store_id, o.member_id, o.external_ref, o.amount_base, o.placed_at, true as earns
    from unnest(p_paid_order_ids) as x (id)
    join public.orders o on o.id = x.id
    union all
    -- Already credited or crediting in the other call: only later for this call's orders.
    select o.id, o.store_id, o.member_id, o.external_ref, o.amount_base, o.placed_at, false
    from unnest(v_later) as x (id)
    join public.orders o on o.id = x.id
    where o.status = 'paid' and o.member_id = any (v_ids)
  ), counted as (
    -- The company's period figures with each order counted: the evaluation's, less the orders of
    -- this batch, or paid earlier in the transaction, that come after it (those inside the period,
    -- which are the ones it counted).
    select o.*, e.tier_override_id, e.tier_override_expires_at,
      e.paid_orders - count(*) filter (where o.placed_at > now() - make_interval(days => s.statistical_period_days)) over later
        as paid_orders,
      e.paid_amount - coalesce(sum(o.amount_base) filter (where o.placed_at > now() - make_interval(days => s.statistical_period_days)) over later, 0)
        as paid_amount
    from paid o
    join evaluated e on e.id = o.member_id
    join public.stores s on s.id = o.store_id
    window later as (partition by o.member_id order by o.placed_at, o.external_ref rows between 1 following and unbounded following)
  ), earning as (
    select o.id, o.store_id, o.member_id, o.external_ref, s.base_currency, s.points_expiry_days,
      least(o.placed_at, now()) as earned_at, t.id as tier_id, coalesce(t.rebate_percent, 0) as rebate_percent,
      -- Less what the order holds from an earlier payment (nothing unless refunded and paid again),
      -- corrections included.
      floor(o.amount_base * coalesce(t.points_multiplier, 1) * s.points_per_currency_unit)::bigint
        - coalesce((select sum(l.delta) from public.points_ledger l where l.order_id = o.id and l.reason in ('order', 'clawback', 'order_correction')), 0)
        as points,
      round(o.amount_base * coalesce(t.rebate_percent, 0) / 100, 2)
        - coalesce((select sum(r.delta) from public.rebate_ledger r where r.order_id = o.id and r.reason in ('order', 'reversal', 'order_correction')), 0)
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
  )
  insert into public.tier_changes (member_id, store_id, from_tier_id, from_tier_name, to_tier_id, to_tier_name, reason)
  select e.id, e.store_id,
    e.from_tier_id, (select t.name from public.tiers t where t.id = e.from_tier_id),
    e.tier_id, (select t.name from public.tiers t where t.id = e.tier_id),
    coalesce(p_reason, case when e.id = any (v_expired) then 'override_expired' end, 'period')
  from evaluated e
  where e.tier_id is distinct from e.from_tier_id
  order by e.id;
  get diagnostics v_changed = row_count;
  return v_changed;
end
$$;


/**
 * reverse_order_rewards as before (20261207000100), an order's corrections counted in what it
 * holds: a correction's credit is one of the order's credits, its take-back one of its debits.
 */
create or replace function private.reverse_order_rewards(p_order_id uuid)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_order public.orders;
  v_member public.members;
  v_credit bigint;
  v_points bigint;
  v_currency char(3);
  v_rebate numeric(14,2);
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  if exists (select 1 from public.points_ledger l where l.order_id = p_order_id and l.reason in ('order', 'order_correction') and l.delta > 0) then
    -- Locked first: it records the expiries due, which the order's points then leave out.
    v_member := private.lock_and_check_points(v_order.member_id, 0);
    select max(l.id) filter (where l.delta > 0), sum(l.delta + coalesce(x.delta, 0)) into v_credit, v_points
    from public.points_ledger l
    left join public.points_ledger x on x.credit_id = l.id
    where l.order_id = p_order_id and l.reason in ('order', 'clawback', 'order_correction');
  end if;
  -- Only when the order holds points (what a balance could not cover is still held, and recorded as
  -- the shortfall): a second refund after a payment that earned nothing would write an empty row.
  if v_points > 0 then
    perform private.debit_points(v_order.member_id, least(v_points, v_member.points_balance), 'clawback',
      p_order_id => p_order_id, p_first_credit => v_credit,
      p_shortfall => nullif(greatest(v_points - v_member.points_balance, 0), 0));
  end if;

  select sum(r.delta), min(r.currency) into v_rebate, v_currency
  from public.rebate_ledger r where r.order_id = p_order_id and r.reason in ('order', 'reversal', 'order_correction');
  if v_rebate > 0 then
    v_member := private.lock_member(v_order.member_id);
    insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, shortfall)
    values (v_order.store_id, v_order.member_id, -least(v_rebate, v_member.rebate_balance), v_currency, 'reversal', p_order_id,
      nullif(greatest(v_rebate - v_member.rebate_balance, 0), 0));
  end if;
end
$$;

/**
 * What each order still owes its company (positive) or holds beyond what it earns (negative) at
 * its amount now, in points and in rebate, and of its points, those that have not expired (a
 * take-back leaves expired points alone, as a refund does). At the tier its latest credit records;
 * a credit that records none (written before this migration, or at no tier) is scaled instead:
 * what the order holds, less what its corrections could not take back, times its new amount in
 * the store's currency over `p_old_amounts` (its amount before this change, by position).
 */
create function private.order_rewards_owed(p_order_ids uuid[], p_old_amounts numeric[])
returns table (order_id uuid, store_id uuid, member_id uuid, earned_at timestamptz, points_expiry_days int, currency char(3),
  points bigint, points_unexpired bigint, last_credit bigint, rebate numeric)
language sql stable
set search_path = ''
as $$
  select o.id, o.store_id, o.member_id, least(o.placed_at, now()), s.points_expiry_days, s.base_currency,
    case when k.scaled then floor(coalesce(p.kept, 0) * o.amount_base / nullif(x.old_base, 0))::bigint
         else floor(o.amount_base * coalesce(t.points_multiplier, 1) * s.points_per_currency_unit)::bigint end
      - coalesce(p.held, 0),
    coalesce(p.unexpired, 0), p.last_credit,
    case when k.scaled then round(coalesce(r.kept, 0) * o.amount_base / nullif(x.old_base, 0), 2)
         else round(o.amount_base * coalesce(t.rebate_percent, 0) / 100, 2) end
      - coalesce(r.held, 0)
  from unnest(p_order_ids, p_old_amounts) as x (id, old_base)
  join public.orders o on o.id = x.id
  join public.stores s on s.id = o.store_id
  -- Its latest payment's credit (an order paid again earns at its tier then), points first. An
  -- order credited nothing falls back to the tier the company held when ordering: nothing to scale.
  left join lateral (
    select c.tier_id is null as scaled, c.tier_id from (
      (select l.tier_id, 1 as ledger from public.points_ledger l where l.order_id = o.id and l.reason = 'order' order by l.id desc limit 1)
      union all
      (select r.tier_id, 2 from public.rebate_ledger r where r.order_id = o.id and r.reason = 'order' order by r.id desc limit 1)
    ) c
    order by c.ledger
    limit 1
  ) k on true
  left join public.tiers t on t.id = case when k.scaled is null then o.tier_id else k.tier_id end
  left join lateral (
    select sum(l.delta) as held, sum(l.delta + coalesce(e.delta, 0)) as unexpired, max(l.id) filter (where l.delta > 0) as last_credit,
      sum(l.delta) - coalesce(sum(l.shortfall) filter (where l.reason = 'order_correction'), 0) as kept
    from public.points_ledger l
    left join public.points_ledger e on e.credit_id = l.id
    where l.order_id = o.id and l.reason in ('order', 'clawback', 'order_correction')
  ) p on true
  left join lateral (
    select sum(r.delta) as held, sum(r.delta) - coalesce(sum(r.shortfall) filter (where r.reason = 'order_correction'), 0) as kept
    from public.rebate_ledger r
    where r.order_id = o.id and r.reason in ('order', 'reversal', 'order_correction')
  ) r on true
$$;
revoke execute on function private.order_rewards_owed(uuid[], numeric[]) from public;

/**
 * Settles orders that stayed paid while their amount in the store's currency changed (from
 * `p_old_amounts`, by position): each ends up holding what it earns at its corrected amount.
 * The caller holds the companies' locks (import_orders takes them before writing; refresh_tiers,
 * which the orders' update ran first, too).
 */
create function private.correct_order_rewards(p_order_ids uuid[], p_old_amounts numeric[])
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_member_id uuid;
begin
  -- Expiries are written only when something asks: record those due first, as a refund does (in
  -- the refund pass's order, company by company), or an order whose points have expired would
  -- count them as unexpired and take them from the company's live credits.
  for v_member_id in
    select distinct o.member_id from public.orders o where o.id = any (p_order_ids) order by o.member_id
  loop
    perform private.lock_and_check_points(v_member_id, 0);
  end loop;

  -- Credits first: a take-back from the same company then counts them in the balance.
  with owed as materialized (
    select * from private.order_rewards_owed(p_order_ids, p_old_amounts)
  ), points as (
    insert into public.points_ledger (store_id, member_id, delta, reason, order_id, earned_at, expires_at, remaining)
    select w.store_id, w.member_id, w.points, 'order_correction', w.order_id, w.earned_at,
      w.earned_at + make_interval(days => w.points_expiry_days), w.points
    from owed w where w.points > 0
    order by w.member_id, w.order_id
  )
  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, earned_at)
  select w.store_id, w.member_id, w.rebate, w.currency, 'order_correction', w.order_id, w.earned_at
  from owed w where w.rebate > 0
  order by w.member_id, w.order_id;

  -- Points: what has not expired, at most what the company's unexpired credits hold (its balance
  -- once due expiries are recorded), each company's orders in turn; taken from the credits as
  -- debit_points takes them, the orders' own latest credits first.
  with owed as materialized (
    select w.*, least(-w.points, w.points_unexpired) as wanted
    from private.order_rewards_owed(p_order_ids, p_old_amounts) w where w.points < 0 and w.points_unexpired > 0
  ), available as (
    select l.member_id, sum(l.remaining) as points from public.points_ledger l
    where l.member_id in (select w.member_id from owed w) and l.remaining > 0 and l.expires_at > now()
    group by l.member_id
  ), taken as materialized (
    select w.*, least(w.wanted, greatest(coalesce(a.points, 0) - coalesce(sum(w.wanted) over (
      partition by w.member_id order by w.order_id rows between unbounded preceding and 1 preceding), 0), 0)) as taken
    from owed w left join available a on a.member_id = w.member_id
  ), open_credits as (
    select l.id, l.remaining, c.total,
      coalesce(sum(l.remaining) over (
        partition by l.member_id
        order by l.id in (select t.last_credit from taken t where t.last_credit is not null) desc, l.expires_at, l.id
        rows between unbounded preceding and 1 preceding), 0) as taken_before
    from (select t.member_id, sum(t.taken) as total from taken t group by t.member_id) c
    join public.points_ledger l on l.member_id = c.member_id and l.remaining > 0 and l.expires_at > now()
  ), consumed as (
    update public.points_ledger l set remaining = l.remaining - least(o.remaining, o.total - o.taken_before)
    from open_credits o
    where l.id = o.id and o.taken_before < o.total
  )
  insert into public.points_ledger (store_id, member_id, delta, reason, order_id, shortfall)
  select t.store_id, t.member_id, -t.taken, 'order_correction', t.order_id, nullif(t.wanted - t.taken, 0)
  from taken t
  order by t.member_id, t.order_id;

  -- Rebate: at most the wallet's balance, each company's orders in turn.
  with owed as (
    select w.*, -w.rebate as wanted from private.order_rewards_owed(p_order_ids, p_old_amounts) w where w.rebate < 0
  ), taken as (
    select w.*, least(w.wanted, greatest(m.rebate_balance - coalesce(sum(w.wanted) over (
      partition by w.member_id order by w.order_id rows between unbounded preceding and 1 preceding), 0), 0)) as taken
    from owed w join public.members m on m.id = w.member_id
  )
  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, shortfall)
  select t.store_id, t.member_id, -t.taken, t.currency, 'order_correction', t.order_id, nullif(t.wanted - t.taken, 0)
  from taken t
  order by t.member_id, t.order_id;
end
$$;
revoke execute on function private.correct_order_rewards(uuid[], numeric[]) from public;

/**
 * order_ledgers_on_status as before (20261124000300): orders that left paid give back; and now
 * orders that stayed paid with another amount in the store's currency are settled, in one pass.
 */
create or replace function private.order_ledgers_on_status()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_order record;
  v_corrected uuid[];
  v_old_amounts numeric[];
begin
  for v_order in
    select n.id from new_orders n join old_orders o on o.id = n.id
    where n.status <> 'paid' and o.status = 'paid'
    order by n.member_id, n.id
  loop
    perform private.reverse_order_rewards(v_order.id);
  end loop;
  select array_agg(n.id order by n.id), array_agg(o.amount_base order by n.id) into v_corrected, v_old_amounts
  from new_orders n join old_orders o on o.id = n.id
  where n.status = 'paid' and o.status = 'paid' and n.amount_base <> o.amount_base;
  if v_corrected is not null then
    perform private.correct_order_rewards(v_corrected, v_old_amounts);
  end if;
  return null;
end
$$;
