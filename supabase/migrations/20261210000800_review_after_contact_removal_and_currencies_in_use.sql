/**
 * Two follow-ups.
 *
 * review_order waiting on its company's lock while staff take the caller off the company
 * (remove_member_contact, 20261209000700) read the caller's card before the lock and never again:
 * its review failed on the card's foreign key (23503, naming the constraint). As the five member
 * requests of 20261210000100 do, it now looks for the card again once the lock is held and, when
 * it is gone, answers as the same request sent after the removal (PT404 for an order of a company
 * the caller no longer belongs to) before anything is written. Every other line of it is as in
 * the migration named above it; create or replace keeps its grants.
 *
 * The currencies staff write were checked for their form only: create_store took XYZ or the
 * withdrawn HRK as a store's currency, and a product's price or a coupon's amount could be in
 * either, while the orders import and send_inquiry (20261210000200) take only the currencies in
 * use (private.iso_currencies). stores.base_currency, products.currency and coupons.currency now
 * refuse any other on insert, and on an update that changes them, as the import does: `<field>
 * XYZ is not an ISO 4217 currency in use`, details {field, reason}, nothing written. A store's own
 * currency is taken whatever it is (one created before its currency was withdrawn keeps it, and
 * prices its products and coupons in it), and a value a row already holds stays.
 */

-- ---------------------------------------------------------------------------------------------
-- Reviews
-- ---------------------------------------------------------------------------------------------

/** As in 20261124000300. */
create or replace function private.review_order(p_order_id uuid, p_rating int, p_body text)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_order public.orders;
  v_contact public.member_contacts;
  v_review uuid;
  v_points bigint;
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  if v_order.id is null or not private.can_read_company_row(v_order.store_id, v_order.member_id) then
    perform private.reject('order_id', 'matches no order of your company', 'PT404');
  end if;
  v_contact := private.my_contact_at(v_order.store_id);
  if v_contact.member_id <> v_order.member_id then
    perform private.reject('order_id', 'matches no order of your company', 'PT404');
  end if;
  if p_rating is null or p_rating not between 1 and 5 then
    perform private.reject('rating', 'must be a whole number from 1 to 5');
  end if;
  if private.clean_text('body', p_body, 4000) is null then
    perform private.reject('body', 'is required');
  end if;
  if v_order.status <> 'paid' or v_order.delivered_at is null then
    perform private.reject('order', 'can be reviewed once it is paid and delivered', 'P0001');
  end if;

  perform private.lock_member(v_order.member_id);
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.review_order(p_order_id, p_rating, p_body);
  end if;
  if exists (select 1 from public.order_reviews r where r.order_id = v_order.id) then
    perform private.reject('order', 'has already been reviewed', '23505');
  end if;
  insert into public.order_reviews (store_id, member_id, order_id, contact_id, rating, body)
  values (v_order.store_id, v_order.member_id, v_order.id, v_contact.id, p_rating, btrim(p_body))
  returning id into v_review;

  v_points := (select s.review_points from public.stores s where s.id = v_order.store_id);
  if v_points > 0 then
    perform private.credit_points(v_order.member_id, v_points, 'review', p_order_id => v_order.id,
      p_created_by => v_contact.user_id, p_note => v_order.external_ref);
  end if;
  return jsonb_build_object('review_id', v_review, 'points_earned', v_points);
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Currencies staff write
-- ---------------------------------------------------------------------------------------------

/**
 * The currency column named by the trigger's argument, as staff write it: a new or changed value
 * must be a currency in use or the store's own. Security definer to read private.iso_currencies,
 * which the writing role may not.
 */
create function private.check_currency_in_use()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_field text := tg_argv[0];
  v_code text := to_jsonb(new) ->> v_field;
begin
  if v_code is null or (tg_op = 'UPDATE' and v_code = to_jsonb(old) ->> v_field) then
    return new;
  end if;
  -- Before the CHECK constraint, which would answer with its name only.
  if v_code !~ '^[A-Z]{3}$' then
    perform private.reject(v_field, 'must be a three-letter ISO 4217 code such as USD');
  end if;
  -- A store's own row has no store_id: its new currency must be one in use.
  if not exists (select 1 from private.iso_currencies c where c.code = v_code)
     and v_code is distinct from (select s.base_currency from public.stores s
                                  where s.id = (to_jsonb(new) ->> 'store_id')::uuid) then
    perform private.reject(v_field, format('%s is not an ISO 4217 currency in use', v_code));
  end if;
  return new;
end
$$;
revoke execute on function private.check_currency_in_use() from public;

create trigger stores_check_currency before insert or update of base_currency on public.stores
  for each row execute function private.check_currency_in_use('base_currency');
create trigger products_check_currency before insert or update of currency on public.products
  for each row execute function private.check_currency_in_use('currency');
create trigger coupons_check_currency before insert or update of currency on public.coupons
  for each row execute function private.check_currency_in_use('currency');
