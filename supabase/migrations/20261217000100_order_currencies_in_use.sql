/**
 * An order's currency is a currency in use or its store's own, for every row, and the store's own
 * is at a rate of 1.
 *
 * The rule lived only in the orders import (parse_order_rows, 20261210000200): rows written before
 * that migration kept whatever three capitals they were imported with (`XYZ` at a rate of 1.1,
 * counted toward tiers in the store's currency), and the service role, which writes orders
 * directly (docs/api.md), still could, as it could write 10 USD at a rate of 1000 in a USD store
 * (counted as 10,000) or move an order to a store whose currency it is not. orders_currency_check
 * only checks the form.
 *
 * A CHECK cannot read private.iso_currencies or the store's row, so a statement trigger reads
 * both, as check_currency_in_use does for stores, products and coupons (per row there; here once
 * per statement, an import writing up to 10,000 rows): every row of an insert, and of an update
 * only those whose currency, store or rate changed, matched to their old rows by key first (checked
 * row by row against the currencies, an update of 10,000 rows that changed only delivered_at cost
 * ~400 ms, and 45 s when its rows kept a withdrawn currency). A row trigger with a WHEN
 * would cost an update of other columns nothing, but a call per changed row, ~110 µs each (1.1 s
 * for an import correcting 10,000 orders' currencies, where the statement's check took 80 ms);
 * tests/db/currencies-in-use.test.ts logs the statement's cost at 10,000 rows. A currency not in
 * three capitals is refused before the CHECK (which would answer with its name only) by a row
 * trigger that fires for such rows only (its WHEN).
 *
 * The answer is `22023 currency XYZ is not an ISO 4217 currency in use`, `exchange_rate must be 1
 * for the store currency USD` (the import's words) or `currency must be a three-letter ISO 4217
 * code such as USD`, details {field, reason, external_ref}: the order at fault, the first by
 * reference of a statement's; nothing is written. An update that keeps a row's currency and store
 * keeps the currency, as for products (a currency withdrawn by a later migration leaves its orders
 * as they were).
 *
 * Rows already breaking the rule are repaired first, their data kept, but only those whose code
 * was never a currency (`XYZ`) or whose rate the store's own currency cannot have: an order in a
 * currency withdrawn since (HRK before the euro) says what the buyer paid, and stays. We cannot
 * know which currency `XYZ` meant, only what the store counted, amount × exchange_rate
 * (amount_base, in the store's currency), which tiers, points and rebates were computed from. The
 * order is written in the store's currency at that amount (rate 1): amount_base, the tier and the
 * ledgers stay as they are, except for an amount below half a cent at its rate (amount_base
 * 0.00), which becomes 0.01, the least an order may hold: that order then counts a cent more and
 * is settled as any correction is. The amount, currency and store-currency amount before are kept
 * in order_changes as a correction whose author is Cardclub's repair (order_change_authors.via
 * 'migration', widened here): staff see who made it and what the order said before; the buyer
 * keeps it in the order's history (my_data) but not among their Updates (company_updates,
 * re-created from 20261214000310 leaving such changes out), where it would read as the store
 * correcting an old order on the day of the deployment.
 *
 * The migration then asserts that no row breaks the rule: what VALIDATE CONSTRAINT would do.
 */

-- ---------------------------------------------------------------------------------------------
-- The rule
-- ---------------------------------------------------------------------------------------------

/**
 * The orders a statement wrote: refuses the first, by reference, breaking the rule (a new
 * currency, or one brought into another store, neither in use nor the store's own; the store's
 * own at a rate other than 1). Fired for a row, it refuses a currency not in three capitals.
 */
create function private.check_order_currencies()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_stores uuid[];
  v_refs text[];
  v_currencies text[];
  v_rates numeric[];
  -- Whether each row's currency is new to it (changed, or the order moved to another store); null on insert: all are.
  v_new boolean[];
  v_fault record;
begin
  if tg_level = 'ROW' then
    raise exception using errcode = '22023', message = 'currency must be a three-letter ISO 4217 code such as USD',
      detail = jsonb_build_object('field', 'currency', 'reason', 'must be a three-letter ISO 4217 code such as USD',
        'external_ref', new.external_ref)::text;
  end if;
  if tg_op = 'INSERT' then
    select array_agg(n.store_id), array_agg(n.external_ref), array_agg(n.currency), array_agg(n.exchange_rate)
    into v_stores, v_refs, v_currencies, v_rates
    from new_orders n;
  else
    -- Only the rows whose currency, store or rate changed, matched to their old selves by key (a
    -- hash join): an update of anything else checks nothing.
    select array_agg(n.store_id), array_agg(n.external_ref), array_agg(n.currency), array_agg(n.exchange_rate),
      array_agg((n.currency, n.store_id) is distinct from (o.currency, o.store_id))
    into v_stores, v_refs, v_currencies, v_rates, v_new
    from new_orders n join old_orders o on o.id = n.id
    where (n.currency, n.store_id, n.exchange_rate) is distinct from (o.currency, o.store_id, o.exchange_rate);
  end if;
  select n.external_ref, x.fault[1] as field, x.fault[2] as reason into v_fault
  from unnest(v_stores, v_refs, v_currencies, v_rates, coalesce(v_new, '{}')) as n (store_id, external_ref, currency, exchange_rate, new_currency)
  join public.stores s on s.id = n.store_id
  cross join lateral (select case
      when n.currency = s.base_currency and n.exchange_rate <> 1 then
        array['exchange_rate', format('must be 1 for the store currency %s', s.base_currency)]
      when n.new_currency is not false and n.currency <> s.base_currency
        and not exists (select 1 from private.iso_currencies c where c.code = n.currency) then
        array['currency', format('%s is not an ISO 4217 currency in use', n.currency)]
    end as fault) x
  where x.fault is not null
  order by n.external_ref
  limit 1;
  if v_fault.field is not null then
    raise exception using errcode = '22023', message = v_fault.field || ' ' || v_fault.reason,
      detail = jsonb_build_object('field', v_fault.field, 'reason', v_fault.reason, 'external_ref', v_fault.external_ref)::text;
  end if;
  return null;
end
$$;
revoke execute on function private.check_order_currencies() from public;

-- ---------------------------------------------------------------------------------------------
-- The repair
-- ---------------------------------------------------------------------------------------------

alter table private.order_change_authors drop constraint order_change_authors_via;
alter table private.order_change_authors add constraint order_change_authors_via
  check (via in ('staff', 'service_role', 'migration'));
comment on column private.order_change_authors.via is
  'How the change came: a staff login, the service role (the merchant''s back end), or a migration (Cardclub''s repair of data written before a rule).';

-- ISO 4217's withdrawn currencies (its list three, national currencies since 1990; none in
-- private.iso_currencies): an order in one says what the buyer paid in, so it is kept. A temporary
-- table: the rule going forward has no use for it.
create temporary table withdrawn_currencies as
select unnest(pg_catalog.string_to_array(
  'ADP AFA ALK ANG AOK AON AOR ARA ARP ATS AZM BEF BGL BOP BRC BRE BRN BRR BYB BYR CSD CSK CUC CYP '
  'DEM ECS ECV EEK ESP FIM FRF GHC GRD GWP HRD HRK IEP ILR ITL LTL LTT LUF LVL LVR MGF MLF MRO MTL '
  'MXP MZM NIC NLG PEI PES PLZ PTE ROL RUR SDD SDP SIT SKK SLL SRG STD SUR TJR TMM TPE TRL UAK UGS '
  'UYP VEB VEF XEU YDD YUM YUN ZAL ZMK ZRN ZRZ ZWD ZWL ZWN ZWR', ' ')) as code;

-- Before the triggers exist; its update runs the orders' other triggers as a correction does
-- (same amount_base: nothing to re-rate but the 0.01 case).
with bad as (
  select o.id, o.store_id, o.member_id, o.amount, o.currency, o.amount_base, s.base_currency
  from public.orders o join public.stores s on s.id = o.store_id
  where (o.currency = s.base_currency and o.exchange_rate <> 1)
     or (o.currency <> s.base_currency
         and not exists (select 1 from private.iso_currencies c where c.code = o.currency)
         and not exists (select 1 from pg_temp.withdrawn_currencies w where w.code = o.currency))
  for update of o
), fixed as (
  update public.orders o
  set amount = greatest(b.amount_base, 0.01), currency = b.base_currency, exchange_rate = 1, updated_at = now()
  from bad b where o.id = b.id
  returning o.id, o.amount, o.currency, o.amount_base
), changed as (
  insert into public.order_changes (store_id, member_id, order_id, kind, amount_before, currency_before, amount_base_before,
    amount_after, currency_after, amount_base_after)
  select b.store_id, b.member_id, b.id, 'corrected', b.amount, b.currency, b.amount_base, f.amount, f.currency, f.amount_base
  from bad b join fixed f on f.id = b.id
  order by b.store_id, b.id
  returning id
)
insert into private.order_change_authors (order_change_id, via)
select c.id, 'migration' from changed c;

do $$
begin
  if exists (select 1 from public.orders o join public.stores s on s.id = o.store_id
             where (o.currency = s.base_currency and o.exchange_rate <> 1)
                or (o.currency <> s.base_currency
                    and not exists (select 1 from private.iso_currencies c where c.code = o.currency)
                    and not exists (select 1 from pg_temp.withdrawn_currencies w where w.code = o.currency))) then
    raise exception 'an order''s currency is still neither in use, withdrawn since, nor its store''s at a rate of 1';
  end if;
end
$$;

drop table pg_temp.withdrawn_currencies;

-- ---------------------------------------------------------------------------------------------
-- The triggers
-- ---------------------------------------------------------------------------------------------

-- Fires for such rows only (its WHEN): others cost nothing here.
create trigger orders_check_currency_form before insert or update of currency on public.orders
  for each row when (new.currency !~ '^[A-Z]{3}$')
  execute function private.check_order_currencies();
-- Named to run before the engine's statement triggers (orders_refresh_tiers_*): a refused write
-- does no tier work first.
create trigger orders_check_currency_after_insert after insert on public.orders
  referencing new table as new_orders
  for each statement execute function private.check_order_currencies();
create trigger orders_check_currency_after_update after update on public.orders
  referencing old table as old_orders new table as new_orders
  for each statement execute function private.check_order_currencies();

-- ---------------------------------------------------------------------------------------------
-- The buyer's Updates
-- ---------------------------------------------------------------------------------------------

/** As in 20261214000310, without the changes Cardclub's repairs recorded. */
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
  -- changes' two branches below put each of those among the candidates, so the page's oldest
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
  -- PL/pgSQL keeps the plan of these fifteen branches for the session; SQL planned them on every call.
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

