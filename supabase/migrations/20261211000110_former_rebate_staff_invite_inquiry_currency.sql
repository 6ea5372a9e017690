/**
 * Three refusals made like their neighbours':
 * - apply_rebate on a former member's own order from before it left took a refunded or cancelled
 *   one, recording rebate spent on an order that was not paid with it; record_coupon_use refuses
 *   that order (`P0001 order_ref SHOP-1 was refunded`, details {field: order_ref}), and so does it
 *   now, after the former-member check. A current member's order_ref is not looked up, as before.
 * - invite_staff checked that the caller is an owner before taking the store's lock only: an
 *   owner demoted (set_staff_role) or removed while it waited still invited, even an owner. It
 *   checks again under the lock, as set_staff_role does (`42501 Only this store's owners may do
 *   this`).
 * - send_inquiry answered three letters that are no currency in use (`XYZ`) with "must be a
 *   three-letter ISO 4217 code such as USD"; it now says what the import and the console say:
 *   `currency XYZ is not an ISO 4217 currency in use` (field currency), and keeps the
 *   three-letter message for what is not three letters.
 *
 * Every other line of the re-created functions is as in the migration named above each.
 */

/** As in 20261210001200, refusing a former member's refunded or cancelled order. */
create or replace function private.apply_rebate(p_member_id uuid, p_amount numeric, p_order_ref text, p_note text)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_currency char(3);
  v_order public.orders;
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
    -- and nobody is left to spend the rebate on another.
    if v_order.status <> 'paid' then
      perform private.reject('order_ref', format('%s was %s', v_order.external_ref, v_order.status), 'P0001');
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

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, applied_to_order_ref, created_by, note)
  values (v_member.store_id, v_member.id, -p_amount, v_currency, 'applied', btrim(p_order_ref), (select auth.uid()),
    private.clean_text('note', p_note, 500));
  return (select m.rebate_balance from public.members m where m.id = p_member_id);
end
$$;

/** As in 20261210001100, checking again under the store's lock that the caller is an owner. */
create or replace function private.invite_staff(p_store_id uuid, p_email text, p_role text)
returns public.staff_invitations
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_owner_of(p_store_id);
  v_email text := lower(btrim(p_email));
  v_invitation public.staff_invitations;
begin
  perform private.clean_format('email', private.clean_line('email', v_email, 254), 'email', true);
  if p_role is null or p_role not in ('owner', 'staff') then
    perform private.reject('role', 'must be owner or staff');
  end if;

  -- One store's invitations are counted one at a time.
  perform 1 from public.stores s where s.id = p_store_id for update;
  -- As set_staff_role: an owner demoted or removed while this waited invites no one.
  perform private.require_owner_of(p_store_id);
  -- Under the lock, under which accept_staff_invitation makes staff: an invitee who accepted
  -- while this waited is staff now.
  if exists (select 1 from public.store_staff s join auth.users u on u.id = s.user_id
             where s.store_id = p_store_id and lower(u.email) = v_email) then
    perform private.reject('email', 'already belongs to staff of this store', '23505');
  end if;
  if (select count(*) from public.staff_invitations i
      where i.store_id = p_store_id and i.accepted_at is null and i.expires_at > now() and lower(i.email) <> v_email) >= 50 then
    perform private.reject('email', 'cannot be invited: this store has 50 pending staff invitations; withdraw some first', 'P0001');
  end if;

  insert into public.staff_invitations as i (store_id, email, role, invited_by)
  values (p_store_id, v_email, p_role, v_user)
  on conflict (store_id, lower(email)) where accepted_at is null do update
    set role = excluded.role, expires_at = now() + interval '14 days', invited_by = excluded.invited_by
  returning * into v_invitation;
  return v_invitation;
end
$$;

/** As in 20261210000100, naming three letters that are no currency in use as the import does. */
create or replace function private.send_inquiry(
  p_store_slug text,
  p_message text,
  p_product_id uuid,
  p_quantity int,
  p_target_price numeric,
  p_currency text
)
returns public.inquiries
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store_id uuid := (private.store_by_slug(p_store_slug)).id;
  v_contact public.member_contacts;
  v_product public.products;
  v_currency text := nullif(upper(btrim(p_currency)), '');
  v_inquiry public.inquiries;
begin
  v_contact := private.my_contact_at(v_store_id);
  -- The product first: a message check before it would answer a product hidden by its tier
  -- differently from a missing one.
  if p_product_id is not null then
    select * into v_product from public.products p
    where p.id = p_product_id and p.store_id = v_store_id and p.active
      and p.min_tier_rank <= private.member_rank(v_contact.member_id);
    if v_product.id is null then
      perform private.reject('product_id', 'matches no product', 'PT404');
    end if;
  end if;
  if private.clean_text('message', p_message, 4000) is null then
    perform private.reject('message', 'is required');
  end if;
  if p_quantity is not null and p_quantity not between 1 and 10000000 then
    perform private.reject('quantity', 'must be a whole number from 1 to 10000000');
  end if;
  -- The import's and the console's wording: three letters that are no currency are named.
  if v_currency !~ '^[A-Z]{3}$' then
    perform private.reject('currency', 'must be a three-letter ISO 4217 code such as USD');
  end if;
  if v_currency is not null and not private.is_iso_currency(v_currency) then
    perform private.reject('currency', format('%s is not an ISO 4217 currency in use', v_currency));
  end if;
  if v_currency is not null and p_target_price is null then
    perform private.reject('currency', 'is the target price''s currency: give a target_price, or leave currency out');
  end if;
  if p_target_price is not null then
    perform private.check_amount('target_price', p_target_price);
    v_currency := coalesce(v_currency, v_product.currency,
      (select s.base_currency from public.stores s where s.id = v_store_id));
  end if;

  -- One company's open inquiries are counted one at a time.
  perform 1 from public.members m where m.id = v_contact.member_id for update;
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.send_inquiry(p_store_slug, p_message, p_product_id, p_quantity, p_target_price, p_currency);
  end if;
  if (select count(*) from public.inquiries i where i.member_id = v_contact.member_id and i.status = 'open') >= 50 then
    perform private.reject('inquiry', 'cannot be sent: your company has 50 open inquiries; wait for answers first', 'P0001');
  end if;

  insert into public.inquiries (store_id, member_id, contact_id, product_id, quantity, target_price, currency, message)
  values (v_store_id, v_contact.member_id, v_contact.id, p_product_id, p_quantity, p_target_price, v_currency, btrim(p_message))
  returning * into v_inquiry;
  return v_inquiry;
end
$$;
