/**
 * An order's currency is a currency in use or its store's own, for every row.
 *
 * The rule lived only in the orders import (parse_order_rows, 20261210000200): rows written before
 * that migration kept whatever three capitals they were imported with (`XYZ` at a rate of 1.1,
 * counted toward tiers in the store's currency), and the service role, which writes orders
 * directly (docs/api.md), still could. orders_currency_check only checks the form.
 *
 * A CHECK cannot read private.iso_currencies or the store's row, so the rule is a statement
 * trigger that reads both, as check_currency_in_use does for stores, products and coupons (per
 * row there; here once per statement, an import writing up to 10,000 rows): a new order, or an
 * order whose currency changes, is refused `22023 currency XYZ is not an ISO 4217 currency in
 * use`, details {field, reason}, nothing written. An update that keeps a row's currency keeps it,
 * as for products (a currency withdrawn by a later migration leaves its orders as they were).
 *
 * Rows already breaking the rule are repaired first, their data kept: we cannot know which
 * currency `XYZ` meant, only what the store counted, amount × exchange_rate (amount_base, in the
 * store's currency), which tiers, points and rebates were computed from. The order is written in
 * the store's currency at that amount (rate 1): amount_base, the tier and the ledgers stay as they
 * are. The amount, currency and store-currency amount before are kept in order_changes as a
 * correction (its author not recorded: no login or key made it), so staff and the buyer see what
 * the order said before. An amount below half a cent at its rate (amount_base 0.00) becomes 0.01,
 * the least an order may hold, settled as any correction is.
 *
 * The migration then asserts that no row breaks the rule: what VALIDATE CONSTRAINT would do.
 */

/** Orders written in the statement whose currency is new: a currency in use or the store's own. */
create function private.check_order_currencies()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_code text;
begin
  if tg_op = 'INSERT' then
    select n.currency into v_code from new_orders n join public.stores s on s.id = n.store_id
    where n.currency <> s.base_currency and not exists (select 1 from private.iso_currencies c where c.code = n.currency)
    limit 1;
  else
    select n.currency into v_code from new_orders n
    join old_orders o on o.id = n.id
    join public.stores s on s.id = n.store_id
    where n.currency <> o.currency and n.currency <> s.base_currency
      and not exists (select 1 from private.iso_currencies c where c.code = n.currency)
    limit 1;
  end if;
  if v_code is not null then
    perform private.reject('currency', format('%s is not an ISO 4217 currency in use', v_code));
  end if;
  return null;
end
$$;
revoke execute on function private.check_order_currencies() from public;

-- The repair, before the triggers exist; its update runs the orders' other triggers as a
-- correction does (same amount_base: nothing to re-rate but the 0.01 case).
with bad as (
  select o.id, o.store_id, o.member_id, o.amount, o.currency, o.amount_base, s.base_currency
  from public.orders o join public.stores s on s.id = o.store_id
  where o.currency <> s.base_currency and not exists (select 1 from private.iso_currencies c where c.code = o.currency)
  for update of o
), fixed as (
  update public.orders o
  set amount = greatest(b.amount_base, 0.01), currency = b.base_currency, exchange_rate = 1, updated_at = now()
  from bad b where o.id = b.id
  returning o.id, o.amount, o.currency, o.amount_base
)
insert into public.order_changes (store_id, member_id, order_id, kind, amount_before, currency_before, amount_base_before,
  amount_after, currency_after, amount_base_after)
select b.store_id, b.member_id, b.id, 'corrected', b.amount, b.currency, b.amount_base, f.amount, f.currency, f.amount_base
from bad b join fixed f on f.id = b.id
order by b.store_id, b.id;

-- Named to run before the engine's statement triggers (orders_refresh_tiers_*): a refused write
-- does no tier work first.
create trigger orders_check_currency_after_insert after insert on public.orders
  referencing new table as new_orders
  for each statement execute function private.check_order_currencies();
create trigger orders_check_currency_after_update after update on public.orders
  referencing old table as old_orders new table as new_orders
  for each statement execute function private.check_order_currencies();

do $$
begin
  if exists (select 1 from public.orders o join public.stores s on s.id = o.store_id
             where o.currency <> s.base_currency and not exists (select 1 from private.iso_currencies c where c.code = o.currency)) then
    raise exception 'an order''s currency is still neither in use nor its store''s';
  end if;
end
$$;
