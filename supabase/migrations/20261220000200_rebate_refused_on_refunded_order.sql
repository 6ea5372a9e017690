/**
 * apply_rebate refused a former member's rebate spent on its own order, once that order was
 * refunded or cancelled, with record_coupon_use's very words (`P0001 order_ref SHOP-1 was
 * refunded`), so the console said of a rebate deduction that "a coupon can only be recorded on a
 * paid order". Its refusal is now its own: `P0001 order_ref SHOP-1 was refunded: no rebate was
 * spent on it` (or `was cancelled: …`), which the console says in the staff's language with what
 * to do (refusedRebateOrderRefunded). Nothing else changes; the public wrapper and its grants stay.
 */

/**
 * As in 20261219000410, its refusal of a refunded or cancelled order its own.
 * Staff record rebate deducted from a later order (by the merchant's order reference).
 * Returns the new balance. Errors: PT404 unknown company, or one the caller cannot read; 42501
 * the caller reads it as its contact, not as staff; 22023 bad amount (NaN, infinite, too many
 * digits) or missing reference, P0001 more than the balance, or than the balance less the order's
 * own rebate; a former member's order refunded or cancelled.
 */
create or replace function private.apply_rebate(p_member_id uuid, p_amount numeric, p_order_ref text, p_note text)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_currency char(3);
  v_order public.orders;
  v_own numeric(14,2);
begin
  -- Rebate spent at checkout before it left is recorded late, as record_coupon_use records a
  -- coupon's use: the wallet would stay overstated otherwise.
  if v_member.left_at is not null then
    select * into v_order from public.orders o
    where o.store_id = v_member.store_id and o.external_ref = btrim(p_order_ref) and o.member_id = v_member.id;
    if v_order.id is null or v_order.placed_at >= v_member.left_at then
      perform private.refuse_former_member(v_member);
    end if;
    -- As record_coupon_use: a refunded or cancelled order was not paid with it, or is no longer,
    -- and nobody is left to spend the rebate on another. Said as apply_rebate's own (not the
    -- coupon's "SHOP-1 was refunded"), for the console to say what it means for the rebate.
    if v_order.status <> 'paid' then
      perform private.reject('order_ref', format('%s was %s: no rebate was spent on it', v_order.external_ref, v_order.status), 'P0001');
    end if;
  end if;
  if p_amount is null then
    perform private.reject('amount', 'must be a positive amount with at most two decimals');
  end if;
  perform private.check_amount('amount', p_amount);
  if private.clean_line('order_ref', p_order_ref, 100) is null then
    perform private.reject('order_ref', 'is required');
  end if;
  select s.base_currency into v_currency from public.stores s where s.id = v_member.store_id;
  if p_amount > v_member.rebate_balance then
    perform private.reject('amount', format('exceeds the rebate balance of %s %s', v_member.rebate_balance, v_currency), 'P0001');
  end if;
  -- Every row of the rebate ledger naming an order is that order's own rebate.
  select coalesce(sum(r.delta), 0) into v_own
  from public.orders o join public.rebate_ledger r on r.order_id = o.id
  where o.store_id = v_member.store_id and o.external_ref = btrim(p_order_ref) and o.member_id = v_member.id;
  if v_own > 0 and p_amount > v_member.rebate_balance - v_own then
    perform private.reject('amount', format('exceeds the %s %s usable on order %s: its own rebate of %s %s is a credit on later orders',
      greatest(v_member.rebate_balance - v_own, 0.00), v_currency, btrim(p_order_ref), v_own, v_currency), 'P0001');
  end if;

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, applied_to_order_ref, created_by, note)
  values (v_member.store_id, v_member.id, -p_amount, v_currency, 'applied', btrim(p_order_ref), (select auth.uid()),
    private.clean_text('note', p_note, 500));
  return (select m.rebate_balance from public.members m where m.id = p_member_id);
end
$$;
