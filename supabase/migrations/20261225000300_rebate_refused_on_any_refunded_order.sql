/**
 * apply_rebate refused rebate spent on a refunded or cancelled order only for a former member
 * (20261220000200): staff deducting a current member's rebate on its order SHOP-1, imported and
 * refunded, took it from the wallet, though no rebate was spent on an order that was not paid, or
 * is no longer, which record_coupon_use refuses of a coupon whoever the member. The refusal is now
 * every member's: `P0001 order_ref SHOP-1 was refunded: no rebate was spent on it` (or `was
 * cancelled: …`) when the company's own order by that reference is not paid. A reference of no
 * order of the company yet is taken as before (rebate is deducted at checkout, before the import).
 *
 * private.apply_rebate re-created from 20261222000300 with only that change (the same arguments:
 * its grants and the public wrapper stay).
 */

/** As in 20261222000300, a refunded or cancelled order of the company refused for every member. */
create or replace function private.apply_rebate(p_member_id uuid, p_amount numeric, p_order_ref text, p_note text, p_request_id uuid)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_currency char(3);
  v_order public.orders;
  v_own numeric(14,2);
  v_done public.rebate_ledger;
begin
  select * into v_done from public.rebate_ledger r where r.member_id = v_member.id and r.request_id = p_request_id;
  if v_done.id is not null then
    if v_done.reason <> 'applied' or v_done.delta is distinct from -p_amount or v_done.applied_to_order_ref is distinct from btrim(p_order_ref)
      or v_done.note is distinct from nullif(btrim(p_note), '') then
      perform private.reject_reused_request();
    end if;
    return v_member.rebate_balance;
  end if;
  perform private.refuse_key_held(v_member.id, p_request_id);
  select * into v_order from public.orders o
  where o.store_id = v_member.store_id and o.external_ref = btrim(p_order_ref) and o.member_id = v_member.id;
  -- Rebate spent at checkout before it left is recorded late, as record_coupon_use records a
  -- coupon's use: the wallet would stay overstated otherwise.
  if v_member.left_at is not null and (v_order.id is null or v_order.placed_at >= v_member.left_at) then
    perform private.refuse_former_member(v_member);
  end if;
  -- As record_coupon_use: a refunded or cancelled order was not paid with it, or is no longer.
  -- Said as apply_rebate's own (not the coupon's "SHOP-1 was refunded"), for the console to say
  -- what it means for the rebate. No order of the company by that reference yet: not checked.
  if v_order.status <> 'paid' then
    perform private.reject('order_ref', format('%s was %s: no rebate was spent on it', v_order.external_ref, v_order.status), 'P0001');
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

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, applied_to_order_ref, created_by, note, request_id)
  values (v_member.store_id, v_member.id, -p_amount, v_currency, 'applied', btrim(p_order_ref), (select auth.uid()),
    private.clean_text('note', p_note, 500), p_request_id);
  return (select m.rebate_balance from public.members m where m.id = p_member_id);
end
$$;
