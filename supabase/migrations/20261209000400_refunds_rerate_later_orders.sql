/*
 * Refunds and corrections settle what they move, and nothing else (a finance audit of the demo
 * store's points and rebates):
 *
 * 1. A refund took points from another order's credit before its own order's. debit_points took
 *    one credit first (p_first_credit: reverse_order_rewards passed the order's latest credit,
 *    after a correction the correction's), then the company's soonest-expiring credits: refunding
 *    an order that held 3,000 + a 600 correction (expiring Nov 2027) took the 600, then 2,550 of a
 *    still-paid order's credit expiring Jun 2027, and left the refunded order's own 2,550 to expire
 *    in Nov 2027 (the analytics' points expiring each month moved with them). A debit for an order
 *    (`p_order_id`) now takes all of that order's own credits first (its `order`, `order_correction`
 *    and `order_rerated` rows, soonest-expiring first; not a review's points), then the company's
 *    soonest-expiring others for what its own no longer hold (spent, or expired). debit_points
 *    loses p_first_credit; its only caller with one was reverse_order_rewards. A correction's or
 *    re-rating's take-back does the same, order by order, in one statement.
 *
 * 2. A refunded order that had lifted its company to VIP left the orders it lifted at VIP rates
 *    (4,000 + 2,700 + 2,000, then 1,500 crossing US$10,000 earned 3,000 points and US$75; refunding
 *    the 2,000 left the company Senior and the 1,500 order as VIP, and a correction of it to 1,800
 *    earned +600 and +US$15 at VIP rates). The rule now:
 *    - An order's place in its company's history is when it was first paid (`orders.paid_at`,
 *      new; kept through refunds, so an order paid again takes its place back; the clock once the
 *      import holds the company's lock, so concurrent imports are placed in the order they wrote),
 *      orders first paid in one transaction by `placed_at`, then `external_ref`: the order
 *      import_orders earns them in (20261207000100).
 *    - The figures an order earns at are the company's paid orders as they are now, from its first
 *      up to that order in that order, placed within the store's statistical period before the
 *      order's payment (an order's period starts from its payment, so time passing changes nothing
 *      it earned); its figures' tier is the highest-ranked whose minimums they meet (the store's
 *      tiers and period now). An order that becomes paid earns at that tier, or the company's
 *      override if it ranks higher, as before; for a new order that is what the import earned.
 *      Paid again after a refund, an order now earns at its place, not as the company's latest
 *      order (with the orders that came after it counted, it earned at their tier: paid, refunded
 *      and paid again gave more than paid once).
 *    - When a statement changes what counts (an order refunded or cancelled, paid again, or its
 *      amount in the store's currency or its date corrected), every paid order whose figures it
 *      changes (the corrected order itself, and the company's orders paid after the changed one
 *      whose period held it before or after the change) is re-rated if its tier by its figures
 *      (or the company's override in force now, if that ranks higher, on both sides) moves: to the
 *      tier it now reaches, or the tier it was earning at if that ranks above it both before and
 *      after (a staff override it was paid under stays, lapsed since or not).
 *      The difference between what it holds and what its amount earns at that tier is settled as
 *      a correction is: more is credited, less is taken back (its own credits first, expired
 *      points left alone, at most the balance, the rest in `shortfall`; what an earlier
 *      correction or re-rating could not take back is not asked again, or a small correction of an
 *      order whose rebate had been used would take the company's other rebate). A corrected order whose
 *      tier does not move earns at the tier it was earning at, as before (scaled when its credits
 *      record none). One row per ledger and order: `order_correction` when the order's own amount
 *      changed, `order_rerated` when only its tier did. Each row records the tier (`tier_id`),
 *      which the order earns at from then on.
 *    - Re-rating goes both ways: refunding the 2,000 order re-rates the 1,500 order to Senior
 *      (2,250 points, no rebate), and paying the 2,000 order again lifts it back to VIP.
 *    - Idempotent: a settlement is the difference to what the order earns, and a statement that
 *      changes no order (the same file imported again) writes nothing. Race-safe as the import
 *      is: the orders' triggers run with the statement's companies locked in id order (import_orders
 *      locks them before writing, refresh_tiers again), and only those companies' orders move.
 *    - Orders first paid in the same transaction are not re-rated: the tier refresh credits them
 *      with the import's orders as they end up (an upsert's new orders after its updated ones).
 *
 * 3. Correction rows were dated from the order (earned_at = placed_at): the buyer's history read
 *    "Nov 1 · Order amount corrected +600" for a correction booked on Dec 5. A correction's or
 *    re-rating's rows now take effect when booked (earned_at now, as a refund's do); the points
 *    they add still expire with the order's own points (the order's credit's expires_at), being
 *    that order's points, so the points expiring each month stay the order's. Points that would
 *    already have expired with the order's are not credited. Correction rows written before are
 *    re-dated to their booking (`created_at`) where the credit's expiry allows it.
 *
 * Re-created: private.refresh_tiers and private.reverse_order_rewards and
 * private.order_ledgers_on_status from 20261208000300; private.debit_points from 20261203001000
 * (dropped, new signature). private.order_rewards_owed (new signature) and
 * private.correct_order_rewards (now settle_order_rewards) from 20261208000300 are replaced. None
 * is granted to anyone.
 */

-- ---------------------------------------------------------------------------------------------
-- An order's place: when it was first paid
-- ---------------------------------------------------------------------------------------------

alter table public.orders add column paid_at timestamptz;
comment on column public.orders.paid_at is
  'When the order was first paid (kept through refunds; null while it never was): its place in the company''s history, which decides the tier it earns at.';

/**
 * The instant of this transaction's payments (`cardclub.paid_at`), or null before its first: the
 * orders it pays for the first time are one batch.
 */
create function private.payment_instant()
returns timestamptz
language sql stable
set search_path = ''
as $$ select nullif(current_setting('cardclub.paid_at', true), '')::timestamptz $$;
revoke execute on function private.payment_instant() from public;

/**
 * Stamps an order's first payment with the transaction's payment instant, from the clock at its
 * first payment: import_orders has locked the companies by then, so a company's payments are
 * placed in the order their imports took its lock. The transaction's start (now()) would place an
 * import that waited for a concurrent one before the orders that one wrote.
 */
create function private.stamp_order_paid_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.paid_at := coalesce(private.payment_instant(), set_config('cardclub.paid_at', clock_timestamp()::text, true)::timestamptz);
  return new;
end
$$;
revoke execute on function private.stamp_order_paid_at() from public;

create trigger orders_stamp_paid_at before insert or update of status on public.orders
  for each row when (new.status = 'paid' and new.paid_at is null) execute function private.stamp_order_paid_at();

-- Orders on record: their first credit's writing (the engine credits an order when it is paid),
-- else, for a paid order that earned nothing, its import. An order never paid, or refunded after
-- a payment that earned nothing, has no place until it is paid. The engine's triggers have nothing
-- to do for a column they do not read.
alter table public.orders disable trigger user;
update public.orders o
set paid_at = coalesce(least(
    (select min(l.created_at) from public.points_ledger l where l.order_id = o.id and l.reason = 'order'),
    (select min(r.created_at) from public.rebate_ledger r where r.order_id = o.id and r.reason = 'order')),
  case when o.status = 'paid' then o.imported_at end)
where o.status = 'paid'
   or exists (select 1 from public.points_ledger l where l.order_id = o.id and l.reason = 'order')
   or exists (select 1 from public.rebate_ledger r where r.order_id = o.id and r.reason = 'order');
alter table public.orders enable trigger user;

-- ---------------------------------------------------------------------------------------------
-- The ledgers: a re-rated order's rows
-- ---------------------------------------------------------------------------------------------

alter table public.points_ledger
  drop constraint points_ledger_reason_check,
  add constraint points_ledger_reason_check
    check (reason in ('join', 'order', 'review', 'adjustment', 'redemption', 'expiry', 'clawback', 'order_correction', 'order_rerated')),
  drop constraint points_ledger_entry_shape,
  add constraint points_ledger_entry_shape check (
    (delta > 0 and reason in ('join', 'order', 'review', 'adjustment', 'order_correction', 'order_rerated')
      and expires_at > earned_at and remaining between 0 and delta)
    or (delta < 0 and reason in ('redemption', 'adjustment', 'expiry', 'clawback', 'order_correction', 'order_rerated')
      and expires_at is null and remaining is null)
    or (delta = 0 and reason in ('clawback', 'order_correction', 'order_rerated') and expires_at is null and remaining is null)),
  drop constraint points_ledger_order_reasons,
  add constraint points_ledger_order_reasons
    check ((order_id is not null) = (reason in ('order', 'review', 'clawback', 'order_correction', 'order_rerated'))),
  drop constraint points_ledger_shortfall_on_clawback,
  add constraint points_ledger_shortfall_on_clawback
    check (shortfall is null or (reason in ('clawback', 'order_correction', 'order_rerated') and shortfall > 0));
comment on column public.points_ledger.tier_id is
  'On an order''s credit: the tier it earned at; on a correction or re-rating of it: the tier it earns at from then on (null when scaled).';
comment on column public.points_ledger.shortfall is
  'On a clawback, or a correction or re-rating that takes back: the points the order earned that had already been spent, so were not taken back.';

alter table public.rebate_ledger
  drop constraint rebate_ledger_reason_check,
  add constraint rebate_ledger_reason_check
    check (reason in ('order', 'applied', 'reversal', 'credit', 'correction', 'order_correction', 'order_rerated')),
  drop constraint rebate_ledger_entry_shape,
  add constraint rebate_ledger_entry_shape check (
    (reason = 'order' and delta > 0 and order_id is not null and applied_to_order_ref is null)
    or (reason = 'applied' and delta < 0 and order_id is null and applied_to_order_ref is not null)
    or (reason = 'reversal' and delta <= 0 and order_id is not null and applied_to_order_ref is null)
    or (reason = 'credit' and delta > 0 and order_id is null and applied_to_order_ref is null and note is not null)
    or (reason = 'correction' and delta < 0 and order_id is null and applied_to_order_ref is null and note is not null)
    or (reason in ('order_correction', 'order_rerated') and order_id is not null and applied_to_order_ref is null)),
  drop constraint rebate_ledger_shortfall_on_reversal,
  add constraint rebate_ledger_shortfall_on_reversal
    check (shortfall is null or (reason in ('reversal', 'order_correction', 'order_rerated') and shortfall > 0));
comment on column public.rebate_ledger.tier_id is
  'On an order''s credit: the tier it earned at; on a correction or re-rating of it: the tier it earns at from then on (null when scaled).';
comment on column public.rebate_ledger.shortfall is
  'On a reversal, or a correction or re-rating that takes back: the rebate the order earned that had already been applied, so was not taken back (ledger currency).';

-- Corrections written before took effect at the order's date; they take effect when booked. A
-- credit booked after its order's points had expired keeps its date (it must expire after it).
-- The points ledger's guard is lifted for this one rewrite, which changes no amount.
alter table public.points_ledger disable trigger points_ledger_guard;
update public.points_ledger set earned_at = created_at
where reason = 'order_correction' and earned_at < created_at and (expires_at is null or expires_at > created_at);
alter table public.points_ledger enable trigger points_ledger_guard;
update public.rebate_ledger set earned_at = created_at where reason = 'order_correction' and earned_at < created_at;

-- ---------------------------------------------------------------------------------------------
-- Taking points back: an order's own credits first
-- ---------------------------------------------------------------------------------------------

/**
 * Takes `p_points` from a member's unexpired credits and records the debit: a debit for an order
 * (`p_order_id`, a clawback) takes that order's own credits first (its order, correction and
 * re-rating credits; not its review's), then, as any other debit, the soonest-expiring. The caller
 * holds the member's lock, has expired due credits and checked the balance; the balance constraint
 * is the backstop.
 */
drop function private.debit_points(uuid, bigint, text, uuid, uuid, bigint, uuid, text, bigint);
create function private.debit_points(
  p_member_id uuid, p_points bigint, p_reason text, p_reward_id uuid default null, p_order_id uuid default null,
  p_created_by uuid default null, p_note text default null, p_shortfall bigint default null)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  v_id bigint;
begin
  with open_credits as (
    select l.id, l.remaining,
      coalesce(sum(l.remaining) over (
        order by coalesce(l.order_id = p_order_id and l.reason <> 'review', false) desc, l.expires_at, l.id
        rows between unbounded preceding and 1 preceding), 0) as taken_before
    from public.points_ledger l
    where l.member_id = p_member_id and l.remaining > 0 and l.expires_at > now()
  )
  update public.points_ledger l set remaining = l.remaining - least(o.remaining, p_points - o.taken_before)
  from open_credits o
  where l.id = o.id and o.taken_before < p_points;

  insert into public.points_ledger (store_id, member_id, delta, reason, reward_id, order_id, created_by, note, shortfall)
  select m.store_id, m.id, -p_points, p_reason, p_reward_id, p_order_id, p_created_by, p_note, p_shortfall
  from public.members m where m.id = p_member_id
  returning id into v_id;
  return v_id;
end
$$;
revoke execute on function private.debit_points(uuid, bigint, text, uuid, uuid, uuid, text, bigint) from public;

/**
 * reverse_order_rewards as before (20261208000300), its re-ratings counted in what the order holds,
 * and its points taken from its own credits first (debit_points by the order, not by one credit).
 */
create or replace function private.reverse_order_rewards(p_order_id uuid)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_order public.orders;
  v_member public.members;
  v_points bigint;
  v_currency char(3);
  v_rebate numeric(14,2);
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  if exists (select 1 from public.points_ledger l
             where l.order_id = p_order_id and l.reason in ('order', 'order_correction', 'order_rerated') and l.delta > 0) then
    -- Locked first: it records the expiries due, which the order's points then leave out.
    v_member := private.lock_and_check_points(v_order.member_id, 0);
    select sum(l.delta + coalesce(x.delta, 0)) into v_points
    from public.points_ledger l
    left join public.points_ledger x on x.credit_id = l.id
    where l.order_id = p_order_id and l.reason in ('order', 'clawback', 'order_correction', 'order_rerated');
  end if;
  -- Only when the order holds points (what a balance could not cover is still held, and recorded as
  -- the shortfall): a second refund after a payment that earned nothing would write an empty row.
  if v_points > 0 then
    perform private.debit_points(v_order.member_id, least(v_points, v_member.points_balance), 'clawback',
      p_order_id => p_order_id, p_shortfall => nullif(greatest(v_points - v_member.points_balance, 0), 0));
  end if;

  select sum(r.delta), min(r.currency) into v_rebate, v_currency
  from public.rebate_ledger r where r.order_id = p_order_id and r.reason in ('order', 'reversal', 'order_correction', 'order_rerated');
  if v_rebate > 0 then
    v_member := private.lock_member(v_order.member_id);
    insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, shortfall)
    values (v_order.store_id, v_order.member_id, -least(v_rebate, v_member.rebate_balance), v_currency, 'reversal', p_order_id,
      nullif(greatest(v_rebate - v_member.rebate_balance, 0), 0));
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The figures an order earns at
-- ---------------------------------------------------------------------------------------------

/**
 * Each given paid order's figures at its place (paid_orders, paid_amount): the company's paid
 * orders from its first up to this one (by paid_at, placed_at, external_ref), placed within the
 * store's statistical period before this one's payment. With `p_was_*` (orders of a statement and
 * their status, amount_base and placed_at before it, by position), also the figures as they were
 * before the statement (was_paid_orders, was_paid_amount).
 * Set-based for many orders of one company (a refund re-rates every order paid in the year after
 * it: 2,000 for a busy buyer, each counting up to 2,000; counted order by order, one refund took
 * 4.6 s, and 0.3 s so): the
 * company's orders since the earliest period are read once and run through twice, in the orders'
 * order and by date. What is up to an order in the first, less what is placed before its period
 * in the second, is its figures, but for orders placed before its period and coming after it,
 * which only an order paid more than a period after it was placed can be: those few are counted
 * apart.
 */
create function private.order_earning_figures(p_order_ids uuid[], p_was_ids uuid[] default '{}', p_was_paid boolean[] default '{}',
  p_was_amounts numeric[] default '{}', p_was_placed timestamptz[] default '{}')
returns table (order_id uuid, paid_orders int, paid_amount numeric, was_paid_orders int, was_paid_amount numeric)
language plpgsql stable
set search_path = ''
as $$
#variable_conflict use_column
begin
  return query
  with was as materialized (
    select w.id, w.paid, w.amount_base, w.placed_at
    from unnest(p_was_ids, p_was_paid, p_was_amounts, p_was_placed) as w (id, paid, amount_base, placed_at)
  ), given as materialized (
    select o.id, o.member_id, o.store_id, o.paid_at, o.placed_at, o.external_ref,
      coalesce(w.placed_at, o.placed_at) as was_placed_at,
      o.paid_at - make_interval(days => s.statistical_period_days) as since, make_interval(days => s.statistical_period_days) as period
    from unnest(p_order_ids) as x (id)
    join public.orders o on o.id = x.id
    join public.stores s on s.id = o.store_id
    left join was w on w.id = o.id
  ), companies as materialized (
    select g.member_id, g.store_id, min(g.since) as since, min(g.period) as period from given g group by g.member_id, g.store_id
  ), counted as materialized (
    -- The companies' paid orders that can count for one of the given: after the statement (true)
    -- and before it (false). Those it left alone are both, from the index from the earliest period.
    select x.member_id, st.after, x.paid_at, x.placed_at, x.external_ref, x.amount_base as amount, c.period
    from companies c
    join public.orders x on x.member_id = c.member_id and x.store_id = c.store_id and x.status = 'paid' and x.placed_at > c.since
    cross join (values (true), (false)) as st (after)
    where x.id not in (select w.id from was w)
    union all
    select x.member_id, true, x.paid_at, x.placed_at, x.external_ref, x.amount_base, c.period
    from was w
    join public.orders x on x.id = w.id
    join companies c on c.member_id = x.member_id and c.store_id = x.store_id
    where x.status = 'paid' and x.placed_at > c.since
    union all
    select x.member_id, false, x.paid_at, w.placed_at, x.external_ref, w.amount_base, c.period
    from was w
    join public.orders x on x.id = w.id
    join companies c on c.member_id = x.member_id and c.store_id = x.store_id
    where w.paid and w.placed_at > c.since
  ), probes as materialized (
    select g.id, g.member_id, st.after, g.paid_at, case when st.after then g.placed_at else g.was_placed_at end as placed_at,
      g.external_ref, g.since
    from given g
    cross join (values (true), (false)) as st (after)
  ), up_to as (
    -- Each probe's count and sum of the orders up to it, in the orders' order.
    select e.id, e.after, e.n, e.amount from (
      select e.id, e.after, count(e.amount) over w as n, coalesce(sum(e.amount) over w, 0) as amount
      from (
        select null::uuid as id, c.member_id, c.after, c.paid_at, c.placed_at, c.external_ref, 0 as kind, c.amount from counted c
        union all
        select p.id, p.member_id, p.after, p.paid_at, p.placed_at, p.external_ref, 1, null from probes p
      ) e
      window w as (partition by e.member_id, e.after order by e.paid_at, e.placed_at, e.external_ref, e.kind rows unbounded preceding)
    ) e
    where e.id is not null
  ), before_period as (
    -- And of the orders placed before its period, in date order.
    select e.id, e.after, e.n, e.amount from (
      select e.id, e.after, count(e.amount) over w as n, coalesce(sum(e.amount) over w, 0) as amount
      from (
        select null::uuid as id, c.member_id, c.after, c.placed_at as at, 0 as kind, c.amount from counted c
        union all
        select p.id, p.member_id, p.after, p.since, 1, null from probes p
      ) e
      window w as (partition by e.member_id, e.after order by e.at, e.kind rows unbounded preceding)
    ) e
    where e.id is not null
  ), late as (
    -- Orders paid more than a period after they were placed: the only ones that can be placed
    -- before a probe's period and come after it.
    select c.* from counted c where c.placed_at <= c.paid_at - c.period
  ), late_after as (
    select p.id, p.after, count(*) as n, sum(l.amount) as amount
    from probes p
    join late l on l.member_id = p.member_id and l.after = p.after and l.placed_at <= p.since
      and (l.paid_at, l.placed_at, l.external_ref) > (p.paid_at, p.placed_at, p.external_ref)
    group by p.id, p.after
  ), figures as (
    select u.id, u.after, (u.n - b.n + coalesce(l.n, 0))::int as n, u.amount - b.amount + coalesce(l.amount, 0) as amount
    from up_to u
    join before_period b on b.id = u.id and b.after = u.after
    left join late_after l on l.id = u.id and l.after = u.after
  )
  select g.id, a.n, a.amount, b.n, b.amount
  from given g
  join figures a on a.id = g.id and a.after
  join figures b on b.id = g.id and not b.after;
end
$$;
revoke execute on function private.order_earning_figures(uuid[], uuid[], boolean[], numeric[], timestamptz[]) from public;

/**
 * refresh_tiers as before (20261208000300), an order's re-ratings counted in what it holds, and
 * orders paid again earning at their place: "the batch" is the companies' orders first paid in this
 * transaction (paid_at), which replaces the transaction's list of orders credited; an order paid
 * again keeps its place from before, so it comes before all of them and earns at its own figures.
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
  -- reach this function in two calls, one per trigger, and each call's orders must count the
  -- other's as later where they come later, as in one batch.
  if cardinality(p_paid_order_ids) > 0 then
    v_later := array(
      select o.id from unnest(v_ids) as x (id)
      join public.orders o on o.member_id = x.id and o.status = 'paid' and o.paid_at = v_paid_at
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

-- ---------------------------------------------------------------------------------------------
-- Settling corrections and re-ratings
-- ---------------------------------------------------------------------------------------------

drop function private.correct_order_rewards(uuid[], numeric[]);
drop function private.order_rewards_owed(uuid[], numeric[]);

/**
 * What each order earns at its amount now, at the tier given for it (`p_tier_ids`, by position) or,
 * where `p_scale_from` is given, scaled (what it keeps times its amount in the store's currency
 * over that one), against what it has: `points` and `rebate` owed to it (what it earns less what
 * it holds: its credits less its take-backs, what they could not take back included, so an order
 * never earns twice), and `points_excess` and `rebate_excess` held beyond it (what it keeps less
 * what it earns: what an earlier correction or re-rating could not take back is not asked again,
 * which a refund still does). Of its points, also those that have not expired (a take-back leaves
 * expired points alone, as a refund does), and when the points it is credited expire: with its
 * own (its latest credit's expiry).
 */
create function private.order_rewards_owed(p_order_ids uuid[], p_tier_ids uuid[], p_scale_from numeric[])
returns table (order_id uuid, store_id uuid, member_id uuid, tier_id uuid, currency char(3), expires_at timestamptz,
  points bigint, points_excess bigint, points_unexpired bigint, rebate numeric, rebate_excess numeric)
language sql stable
set search_path = ''
as $$
  select e.id, e.store_id, e.member_id, e.tier_id, e.base_currency, e.expires_at,
    e.points - e.points_held, e.points_kept - e.points, e.points_unexpired, e.rebate - e.rebate_held, e.rebate_kept - e.rebate
  from (
    select o.id, o.store_id, o.member_id, x.tier_id, s.base_currency,
      coalesce(c.expires_at, least(o.placed_at, now()) + make_interval(days => s.points_expiry_days)) as expires_at,
      case when x.scale_from is not null then floor(coalesce(p.kept, 0) * o.amount_base / nullif(x.scale_from, 0))::bigint
           else floor(o.amount_base * coalesce(t.points_multiplier, 1) * s.points_per_currency_unit)::bigint end as points,
      coalesce(p.held, 0) as points_held, coalesce(p.kept, 0) as points_kept, coalesce(p.unexpired, 0) as points_unexpired,
      case when x.scale_from is not null then round(coalesce(r.kept, 0) * o.amount_base / nullif(x.scale_from, 0), 2)
           else round(o.amount_base * coalesce(t.rebate_percent, 0) / 100, 2) end as rebate,
      coalesce(r.held, 0) as rebate_held, coalesce(r.kept, 0) as rebate_kept
    from unnest(p_order_ids, p_tier_ids, p_scale_from) as x (id, tier_id, scale_from)
    join public.orders o on o.id = x.id
    join public.stores s on s.id = o.store_id
    left join public.tiers t on t.id = x.tier_id
    left join lateral (
      select l.expires_at from public.points_ledger l where l.order_id = o.id and l.reason = 'order' order by l.id desc limit 1
    ) c on true
    left join lateral (
      select sum(l.delta) as held, sum(l.delta + coalesce(e.delta, 0)) as unexpired,
        sum(l.delta) - coalesce(sum(l.shortfall) filter (where l.reason in ('order_correction', 'order_rerated')), 0) as kept
      from public.points_ledger l
      left join public.points_ledger e on e.credit_id = l.id
      where l.order_id = o.id and l.reason in ('order', 'clawback', 'order_correction', 'order_rerated')
    ) p on true
    left join lateral (
      select sum(r.delta) as held,
        sum(r.delta) - coalesce(sum(r.shortfall) filter (where r.reason in ('order_correction', 'order_rerated')), 0) as kept
      from public.rebate_ledger r
      where r.order_id = o.id and r.reason in ('order', 'reversal', 'order_correction', 'order_rerated')
    ) r on true
  ) e
$$;
revoke execute on function private.order_rewards_owed(uuid[], uuid[], numeric[]) from public;

/**
 * Settles what a statement's changes to orders move (`p_was_*`: the orders whose status, amount in
 * the store's currency or date it changed, with their paid status, amount_base and placed_at
 * before it, by position): each order that stayed paid with another amount, and each paid order
 * whose figures' tier the statement moved, ends up holding what its amount earns at the tier it
 * now earns at (the migration's header says which). Set-based, once per statement; reading the
 * candidates' figures is one index range per order. The caller holds the companies' locks
 * (import_orders takes them before writing; refresh_tiers, which the orders' update ran first, too).
 */
create function private.settle_order_rewards(p_was_ids uuid[], p_was_paid boolean[], p_was_amounts numeric[], p_was_placed timestamptz[])
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_member_id uuid;
  v_ids uuid[];
  v_reasons text[];
  v_tiers uuid[];
  v_scale_from numeric[];
  v_paid_at timestamptz := private.payment_instant();
begin
  with changed as materialized (
    select o.id, o.member_id, o.store_id, o.paid_at, o.status = 'paid' as paid, o.amount_base, o.placed_at,
      w.paid as was_paid, w.amount_base as was_amount, w.placed_at as was_placed_at
    from unnest(p_was_ids, p_was_paid, p_was_amounts, p_was_placed) as w (id, paid, amount_base, placed_at)
    join public.orders o on o.id = w.id
  ), candidates as (
    select c.id from changed c where c.paid and c.was_paid
    union
    -- The company's orders paid after a changed one that was or is paid, within a period of its
    -- date (their figures may hold it). Not those paid in this statement, which the tier refresh
    -- credits with it as it ends up: an upsert's new orders, whose trigger fires after this one,
    -- are first paid in this transaction, like any order the import pays for the first time.
    select o.id
    from changed c
    join public.stores s on s.id = c.store_id
    join public.orders o on o.member_id = c.member_id and o.store_id = c.store_id and o.status = 'paid'
    where o.paid_at >= c.paid_at and o.paid_at is distinct from v_paid_at
      and o.paid_at < greatest(case when c.paid then c.placed_at end, case when c.was_paid then c.was_placed_at end)
        + make_interval(days => s.statistical_period_days)
      and o.id not in (select x.id from changed x where not x.was_paid)
  ), rated as (
    select f.order_id, o.paid_at, o.placed_at, o.external_ref,
      coalesce(c.amount_base <> c.was_amount, false) as corrected,
      now_tier.id is distinct from was_tier.id as moved,
      case
        -- The tier it was earning at stays where it ranks above both (an override it was paid under).
        when now_tier.id is distinct from was_tier.id then
          case when held_tier.rank > was_tier.rank and held_tier.rank > now_tier.rank then held_tier.id else now_tier.id end
        when k.found then k.tier_id
        -- Credited nothing yet: the tier its figures reach.
        else now_tier.id
      end as tier_id,
      case when now_tier.id is not distinct from was_tier.id and k.found and k.tier_id is null then c.was_amount end as scale_from
    from private.order_earning_figures(array(select x.id from candidates x), p_was_ids, p_was_paid, p_was_amounts, p_was_placed) f
    join public.orders o on o.id = f.order_id
    join public.members m on m.id = o.member_id
    left join changed c on c.id = o.id
    -- tier_evaluations' rule on its figures after and before the statement: the override in force
    -- now counts on both sides, so it moves nothing.
    left join lateral (
      select t.id, t.rank from public.tiers t
      where t.store_id = o.store_id
        and ((t.min_paid_orders <= f.paid_orders and t.min_paid_amount <= f.paid_amount)
          or (t.id = m.tier_override_id and m.tier_override_expires_at > now()))
      order by t.rank desc limit 1
    ) now_tier on true
    left join lateral (
      select t.id, t.rank from public.tiers t
      where t.store_id = o.store_id
        and ((t.min_paid_orders <= f.was_paid_orders and t.min_paid_amount <= f.was_paid_amount)
          or (t.id = m.tier_override_id and m.tier_override_expires_at > now()))
      order by t.rank desc limit 1
    ) was_tier on true
    -- The tier it earns at: its latest row that records one (a credit from before corrections
    -- settled records none, and a scaled correction none either), points first.
    left join lateral (
      select k.tier_id, true as found from (
        (select l.tier_id, l.created_at, 1 as ledger from public.points_ledger l
         where l.order_id = o.id and (l.reason = 'order' or (l.reason in ('order_correction', 'order_rerated') and l.tier_id is not null))
         order by l.id desc limit 1)
        union all
        (select r.tier_id, r.created_at, 2 from public.rebate_ledger r
         where r.order_id = o.id and (r.reason = 'order' or (r.reason in ('order_correction', 'order_rerated') and r.tier_id is not null))
         order by r.id desc limit 1)
      ) k
      order by k.created_at desc, k.ledger
      limit 1
    ) k on true
    left join public.tiers held_tier on held_tier.id = k.tier_id
  )
  -- In the orders' own order (their place), which the rows below follow within a company.
  select array_agg(r.order_id order by r.paid_at, r.placed_at, r.external_ref),
    array_agg(case when r.corrected then 'order_correction' else 'order_rerated' end order by r.paid_at, r.placed_at, r.external_ref),
    array_agg(r.tier_id order by r.paid_at, r.placed_at, r.external_ref),
    array_agg(r.scale_from order by r.paid_at, r.placed_at, r.external_ref)
  into v_ids, v_reasons, v_tiers, v_scale_from
  from rated r
  where r.moved or r.corrected;
  if v_ids is null then
    return;
  end if;

  -- Expiries are written only when something asks: record those due first, as a refund does (in
  -- the refund pass's order, company by company), or an order whose points have expired would
  -- count them as unexpired and take them from the company's live credits.
  for v_member_id in
    select distinct o.member_id from public.orders o where o.id = any (v_ids) order by o.member_id
  loop
    perform private.lock_and_check_points(v_member_id, 0);
  end loop;

  -- Credits first: a take-back from the same company then counts them in the balance. Points expire
  -- with the order's own; those that already would have are not credited.
  with owed as materialized (
    select w.*, x.reason, x.place from private.order_rewards_owed(v_ids, v_tiers, v_scale_from) w
    join unnest(v_ids, v_reasons) with ordinality as x (id, reason, place) on x.id = w.order_id
  ), points as (
    insert into public.points_ledger (store_id, member_id, delta, reason, order_id, expires_at, remaining, tier_id)
    select w.store_id, w.member_id, w.points, w.reason, w.order_id, w.expires_at, w.points, w.tier_id
    from owed w where w.points > 0 and w.expires_at > now()
    order by w.member_id, w.place
  )
  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, tier_id)
  select w.store_id, w.member_id, w.rebate, w.currency, w.reason, w.order_id, w.tier_id
  from owed w where w.rebate > 0
  order by w.member_id, w.place;

  -- Points: what has not expired, at most what the company's unexpired credits hold (its balance
  -- once due expiries are recorded), each company's orders in turn; taken as debit_points takes
  -- them for an order: each order's own credits first, then the company's soonest-expiring others.
  with owed as materialized (
    select w.*, x.reason, x.place, least(w.points_excess, w.points_unexpired) as wanted
    from private.order_rewards_owed(v_ids, v_tiers, v_scale_from) w
    join unnest(v_ids, v_reasons) with ordinality as x (id, reason, place) on x.id = w.order_id
    where w.points_excess > 0 and w.points_unexpired > 0
  ), available as (
    select l.member_id, sum(l.remaining) as points from public.points_ledger l
    where l.member_id in (select w.member_id from owed w) and l.remaining > 0 and l.expires_at > now()
    group by l.member_id
  ), taken as materialized (
    select w.*, least(w.wanted, greatest(coalesce(a.points, 0) - coalesce(sum(w.wanted) over (
      partition by w.member_id order by w.place rows between unbounded preceding and 1 preceding), 0), 0)) as taken
    from owed w left join available a on a.member_id = w.member_id
  ), open_credits as materialized (
    -- Each open credit of these companies, with what its own order's take-back takes from it.
    select l.id, l.member_id, l.expires_at, l.remaining,
      case when t.order_id is null then 0 else least(l.remaining, greatest(t.taken - coalesce(sum(l.remaining) over (
        partition by t.order_id order by l.expires_at, l.id rows between unbounded preceding and 1 preceding), 0), 0)) end as own
    from public.points_ledger l
    left join taken t on t.order_id = l.order_id and l.reason <> 'review'
    where l.member_id in (select t.member_id from taken t) and l.remaining > 0 and l.expires_at > now()
  ), rest as (
    -- What each company's take-backs still need once their orders' own credits are spent.
    select t.member_id, sum(t.taken) - coalesce((select sum(o.own) from open_credits o where o.member_id = t.member_id), 0) as points
    from taken t group by t.member_id
  ), consumed as (
    select o.id, o.own + least(o.remaining - o.own, greatest(r.points - coalesce(sum(o.remaining - o.own) over (
      partition by o.member_id order by o.expires_at, o.id rows between unbounded preceding and 1 preceding), 0), 0)) as points
    from open_credits o join rest r on r.member_id = o.member_id
  ), spent as (
    update public.points_ledger l set remaining = l.remaining - c.points
    from consumed c
    where l.id = c.id and c.points > 0
  )
  insert into public.points_ledger (store_id, member_id, delta, reason, order_id, shortfall, tier_id)
  select t.store_id, t.member_id, -t.taken, t.reason, t.order_id, nullif(t.wanted - t.taken, 0), t.tier_id
  from taken t
  order by t.member_id, t.place;

  -- Rebate: at most the wallet's balance, each company's orders in turn.
  with owed as (
    select w.*, x.reason, x.place, w.rebate_excess as wanted from private.order_rewards_owed(v_ids, v_tiers, v_scale_from) w
    join unnest(v_ids, v_reasons) with ordinality as x (id, reason, place) on x.id = w.order_id
    where w.rebate_excess > 0
  ), taken as (
    select w.*, least(w.wanted, greatest(m.rebate_balance - coalesce(sum(w.wanted) over (
      partition by w.member_id order by w.place rows between unbounded preceding and 1 preceding), 0), 0)) as taken
    from owed w join public.members m on m.id = w.member_id
  )
  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, shortfall, tier_id)
  select t.store_id, t.member_id, -t.taken, t.currency, t.reason, t.order_id, nullif(t.wanted - t.taken, 0), t.tier_id
  from taken t
  order by t.member_id, t.place;
end
$$;
revoke execute on function private.settle_order_rewards(uuid[], boolean[], numeric[], timestamptz[]) from public;

/**
 * order_ledgers_on_status as before (20261208000300): orders that left paid give back; then
 * everything the statement's orders moved is settled in one pass: orders that stayed paid with
 * another amount in the store's currency, and the paid orders whose tier a change of status,
 * amount or date moved.
 */
create or replace function private.order_ledgers_on_status()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_order record;
  v_ids uuid[];
  v_paid boolean[];
  v_amounts numeric[];
  v_placed timestamptz[];
begin
  for v_order in
    select n.id from new_orders n join old_orders o on o.id = n.id
    where n.status <> 'paid' and o.status = 'paid'
    order by n.member_id, n.id
  loop
    perform private.reverse_order_rewards(v_order.id);
  end loop;
  select array_agg(o.id order by o.id), array_agg(o.status = 'paid' order by o.id), array_agg(o.amount_base order by o.id),
    array_agg(o.placed_at order by o.id)
  into v_ids, v_paid, v_amounts, v_placed
  from new_orders n join old_orders o on o.id = n.id
  where (o.status = 'paid' or n.status = 'paid')
    and (o.status = 'paid', o.amount_base, o.placed_at) is distinct from (n.status = 'paid', n.amount_base, n.placed_at);
  if v_ids is not null then
    perform private.settle_order_rewards(v_ids, v_paid, v_amounts, v_placed);
  end if;
  return null;
end
$$;
