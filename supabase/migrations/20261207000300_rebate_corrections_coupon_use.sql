/*
 * A staff rebate credit given by mistake can be taken back, and a coupon's use is no longer
 * recorded on an order placed before the company received the coupon (found on a walk of a
 * buyer's months, on the staff's side).
 *
 * 1. The rebate wallet had no way to take back a credit: the ledger is append-only, and its debits
 *    are rebate used on an order (`applied`, which would tell the buyer the wallet paid for an
 *    order it did not) and a refund's reversal (tied to its order). A fifth kind of row,
 *    `correction`, takes back all or part of one staff credit (`credit`, 20261203000400):
 *    negative, tied to no order, naming the credit (`corrects_id`) and saying why. At most what is
 *    left of that credit, and at most the balance: rebate the buyer already used stays used.
 *
 *    credit_rebate keeps no limit per credit beyond the wallet's: its amounts are in the store's
 *    base currency, which may be any ISO 4217 code, and no one figure fits them all (a cap that
 *    suits USD is some 25,000 times too tight for VND or IDR; one that suits those means nothing
 *    in USD). The console asks before crediting, naming the amount with its currency and the
 *    balance it leads to, and a mistake can now be corrected.
 *
 * 2. record_coupon_use took any order reference: a coupon received on 5 December was recorded as
 *    used on an order placed on 10 January. A reference that names an imported order must now be
 *    the holding company's order, paid (not refunded or cancelled), placed at most a day before
 *    the coupon was received (an order imported with a day alone is that day at noon UTC,
 *    20261204000900, and may have been placed as late as the next day's noon UTC somewhere). A
 *    reference not imported is accepted as before: not every order is imported.
 *
 * Re-created: private.record_coupon_use from 20261124000300, its checks of the order added;
 * create or replace keeps its grants.
 */

-- ---------------------------------------------------------------------------------------------
-- Corrections of staff credits
-- ---------------------------------------------------------------------------------------------

alter table public.rebate_ledger
  -- Cascades only as the company's rows go (a company deleted, a store deleted): both rows go together.
  add column corrects_id bigint references public.rebate_ledger (id) on delete cascade;
comment on column public.rebate_ledger.corrects_id is
  'On a correction: the staff credit it takes back (all or part of it).';
-- Serves summing a credit's corrections and the foreign key.
create index rebate_ledger_corrects_id_idx on public.rebate_ledger (corrects_id) where corrects_id is not null;

alter table public.rebate_ledger drop constraint rebate_ledger_reason_check;
alter table public.rebate_ledger add constraint rebate_ledger_reason_check
  check (reason in ('order', 'applied', 'reversal', 'credit', 'correction'));
alter table public.rebate_ledger drop constraint rebate_ledger_entry_shape;
alter table public.rebate_ledger add constraint rebate_ledger_entry_shape check (
  (reason = 'order' and delta > 0 and order_id is not null and applied_to_order_ref is null)
  or (reason = 'applied' and delta < 0 and order_id is null and applied_to_order_ref is not null)
  or (reason = 'reversal' and delta <= 0 and order_id is not null and applied_to_order_ref is null)
  or (reason = 'credit' and delta > 0 and order_id is null and applied_to_order_ref is null and note is not null)
  or (reason = 'correction' and delta < 0 and order_id is null and applied_to_order_ref is null and note is not null));
alter table public.rebate_ledger add constraint rebate_ledger_correction_names_credit
  check ((corrects_id is not null) = (reason = 'correction'));

/**
 * Staff take back all or part of a staff credit, with a note saying why: a `correction` row naming
 * the credit. Returns the new balance. Errors: PT404 no staff credit with that id the caller can
 * read (also an order's rebate, which a refund reverses); 42501 the company's contact; 22023 bad
 * amount or missing note; P0001 the credit was already taken back in full, more than is left of
 * it, or more than the balance.
 */
create function private.correct_rebate_credit(p_credit_id bigint, p_amount numeric, p_note text)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_credit public.rebate_ledger;
  v_member public.members;
  v_left numeric(14,2);
begin
  select * into v_credit from public.rebate_ledger r
  where r.id = p_credit_id and r.reason = 'credit' and private.can_read_company_row(r.store_id, r.member_id);
  if v_credit.id is null then
    perform private.reject('credit_id', 'matches no rebate credit', 'PT404');
  end if;
  perform private.require_staff_of(v_credit.store_id);
  if p_amount is null then
    perform private.reject('amount', 'must be a positive amount with at most two decimals');
  end if;
  perform private.check_amount('amount', p_amount);
  if private.clean_text('note', p_note, 500) is null then
    perform private.reject('note', 'is required: say why the credit is taken back');
  end if;

  -- The company's ledger changes queue on its row, so two corrections cannot both take what is left.
  v_member := private.lock_member(v_credit.member_id);
  v_left := v_credit.delta + coalesce((select sum(r.delta) from public.rebate_ledger r where r.corrects_id = v_credit.id), 0);
  if v_left = 0 then
    perform private.reject('credit', 'was already taken back in full', 'P0001');
  end if;
  if p_amount > v_left then
    perform private.reject('amount', format('exceeds the %s %s left of this credit', v_left, v_credit.currency), 'P0001');
  end if;
  if p_amount > v_member.rebate_balance then
    perform private.reject('amount', format('exceeds the rebate balance of %s %s', v_member.rebate_balance, v_credit.currency), 'P0001');
  end if;

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, corrects_id, created_by, note)
  values (v_credit.store_id, v_credit.member_id, -p_amount, v_credit.currency, 'correction', v_credit.id, (select auth.uid()), btrim(p_note));
  return (select m.rebate_balance from public.members m where m.id = v_credit.member_id);
end
$$;
revoke execute on function private.correct_rebate_credit(bigint, numeric, text) from public;
grant execute on function private.correct_rebate_credit(bigint, numeric, text) to authenticated;

create function public.correct_rebate_credit(p_credit_id bigint, p_amount numeric, p_note text)
returns numeric
language sql security invoker
set search_path = ''
as $$ select private.correct_rebate_credit(p_credit_id, p_amount, p_note) $$;
revoke execute on function public.correct_rebate_credit(bigint, numeric, text) from public, anon, authenticated;
grant execute on function public.correct_rebate_credit(bigint, numeric, text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- A coupon's use on an order
-- ---------------------------------------------------------------------------------------------

/**
 * Staff record that a held coupon was used on an order. Errors: PT404 unknown, or a held coupon
 * the caller cannot read (another company's or store's); 42501 the caller reads it but is not
 * staff of its store (the holding company's contact); P0001 already used or expired, or the
 * reference names an imported order of another company, one refunded or cancelled, or one placed
 * more than a day before the coupon was received; 22023 missing or malformed order reference.
 */
create or replace function private.record_coupon_use(p_member_coupon_id uuid, p_order_ref text)
returns public.member_coupons
language plpgsql security definer
set search_path = ''
as $$
declare
  v_held public.member_coupons;
  v_user uuid;
  v_order public.orders;
begin
  select * into v_held from public.member_coupons mc where mc.id = p_member_coupon_id;
  if v_held.id is null or not private.can_read_company_row(v_held.store_id, v_held.member_id) then
    perform private.reject('member_coupon_id', 'matches no held coupon', 'PT404');
  end if;
  v_user := private.require_staff_of(v_held.store_id);
  if private.clean_line('order_ref', p_order_ref, 100) is null then
    perform private.reject('order_ref', 'is required');
  end if;
  perform private.lock_member(v_held.member_id);
  select * into v_held from public.member_coupons mc where mc.id = p_member_coupon_id;
  if v_held.used_at is not null then
    perform private.reject('member_coupon', format('was already used on order %s', v_held.used_order_ref), 'P0001');
  end if;
  if (select c.valid_until <= now() from public.coupons c where c.id = v_held.coupon_id) then
    perform private.reject('member_coupon', 'has expired', 'P0001');
  end if;
  select * into v_order from public.orders o where o.store_id = v_held.store_id and o.external_ref = btrim(p_order_ref);
  if v_order.member_id <> v_held.member_id then
    perform private.reject('order_ref', format('%s is an order of another company', v_order.external_ref), 'P0001');
  end if;
  -- A refunded or cancelled order was not bought with the coupon, or is no longer: its use would stay recorded.
  if v_order.status <> 'paid' then
    perform private.reject('order_ref', format('%s was %s', v_order.external_ref, v_order.status), 'P0001');
  end if;
  if v_order.placed_at < v_held.claimed_at - interval '1 day' then
    perform private.reject('order_ref', format('%s was placed on %s, before the coupon was received on %s', v_order.external_ref,
      to_char(v_order.placed_at at time zone 'UTC', 'YYYY-MM-DD'), to_char(v_held.claimed_at at time zone 'UTC', 'YYYY-MM-DD')), 'P0001');
  end if;

  update public.member_coupons mc
  set used_at = now(), used_order_ref = btrim(p_order_ref), used_by = v_user
  where mc.id = v_held.id
  returning * into v_held;
  return v_held;
end
$$;
