-- The member portal (issue 12): what keeps a member's tier. my_membership (the engine's summary)
-- says where the company stands and what the next tier asks; this read adds which paid orders
-- hold the tier today, when each leaves the statistical period, and where the tier would fall
-- if no new order arrived, so the portal can say "order X more by D to keep VIP".

/**
 * The caller's company's paid orders in the statistical period, oldest first, each with the day
 * it leaves the period and what would remain counted after it (and every older one) left: orders,
 * amount in the base currency and the tier those reach. `holds_until` is the first such day on
 * which the orders alone no longer reach the tier they reach today (null when nothing is at stake:
 * no counted orders, or the ordinary tier), `falls_to` the tier then, and `to_keep` what more must
 * be paid before that day to keep it (a tier held by an unexpired override is my_membership's
 * `override`; this read is about orders). `p_limit` lists only the orders leaving soonest (a big
 * buyer has thousands in the period, more than a phone should download before asking); every
 * figure is still computed over all of them, and `paid_orders` says how many there are.
 * Runs as the caller: orders come through their select policy (their own company's only).
 * Errors: PT404 store not found; 42501 not signed in or not a member of the store; 22023 a limit
 * below 1.
 */
create function public.membership_standing(p_store_slug text, p_limit int default null)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_period interval := make_interval(days => v_store.statistical_period_days);
  v_start timestamptz := now() - v_period;
  v_orders jsonb;
  v_now public.tiers;
  v_paid_orders int;
  v_paid_amount numeric;
  v_fall jsonb;
begin
  if p_limit < 1 then
    raise exception 'p_limit must be at least 1 (got %)', p_limit using errcode = '22023';
  end if;

  select count(*), coalesce(sum(o.amount_base), 0) into v_paid_orders, v_paid_amount
  from public.orders o
  where o.member_id = v_contact.member_id and o.status = 'paid' and o.placed_at > v_start;

  select * into v_now from public.tiers t
  where t.store_id = v_store.id and t.min_paid_orders <= v_paid_orders and t.min_paid_amount <= v_paid_amount
  order by t.rank desc limit 1;

  -- After an order leaves, the orders placed strictly later remain (orders placed at the same
  -- instant leave together: `exclude group` leaves out the order's peers). One ordered pass, not
  -- a rescan of the later orders per order.
  with counted as (
    select o.id, o.external_ref, o.placed_at, o.amount, o.currency, o.amount_base,
      count(*) over later as orders_after,
      coalesce(sum(o.amount_base) over later, 0) as amount_after
    from public.orders o
    where o.member_id = v_contact.member_id and o.status = 'paid' and o.placed_at > v_start
    window later as (order by o.placed_at range between current row and unbounded following exclude group)
  ), reached as (
    select c.*, a.id as tier_id, a.rank as tier_rank,
      row_number() over (order by c.placed_at, c.id) as n
    from counted c
    cross join lateral (
      select t.id, t.rank from public.tiers t
      where t.store_id = v_store.id and t.min_paid_orders <= c.orders_after and t.min_paid_amount <= c.amount_after
      order by t.rank desc limit 1
    ) a
  )
  select
    coalesce(jsonb_agg(jsonb_build_object(
        'id', r.id, 'external_ref', r.external_ref, 'placed_at', r.placed_at, 'amount', r.amount,
        'currency', r.currency, 'amount_base', r.amount_base, 'leaves_at', r.placed_at + v_period,
        'orders_after', r.orders_after, 'amount_after', r.amount_after,
        'tier_after', jsonb_build_object('id', r.tier_id, 'rank', r.tier_rank)) order by r.n)
      filter (where r.n <= coalesce(p_limit, v_paid_orders)), '[]'),
    (array_agg(jsonb_build_object('leaves_at', r.placed_at + v_period,
        'orders_after', r.orders_after, 'amount_after', r.amount_after,
        'tier_after', jsonb_build_object('id', r.tier_id, 'rank', r.tier_rank)) order by r.n)
      filter (where r.tier_rank < v_now.rank))[1]
  into v_orders, v_fall
  from reached r;

  return jsonb_build_object(
    'window_start', v_start,
    'period_days', v_store.statistical_period_days,
    'currency', v_store.base_currency,
    'paid_orders', v_paid_orders,
    'paid_amount', v_paid_amount,
    'orders_tier', jsonb_build_object('id', v_now.id, 'rank', v_now.rank,
      'min_paid_orders', v_now.min_paid_orders, 'min_paid_amount', v_now.min_paid_amount),
    'orders', v_orders,
    'holds_until', v_fall ->> 'leaves_at',
    'falls_to', v_fall -> 'tier_after',
    'to_keep', case when v_fall is null then null else jsonb_build_object(
      'orders_needed', greatest(v_now.min_paid_orders - (v_fall ->> 'orders_after')::int, 0),
      'amount_needed', greatest(v_now.min_paid_amount - (v_fall ->> 'amount_after')::numeric, 0)) end
  );
end
$$;
revoke execute on function public.membership_standing(text, int) from public, anon, authenticated;
grant execute on function public.membership_standing(text, int) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Leaving: the company's buying profile goes with its last contact
-- ---------------------------------------------------------------------------------------------
-- leave_store (20261202000600) anonymises a company whose last contact leaves, keeping order
-- totals for the merchant's statistics. The buying profile the card exchange added since
-- (20261203000100: purchase_volume, product_categories) describes the company too, so it is
-- cleared the moment a company has no contact left — by leave_store or any other writer.

/** After a contact's card is deleted: a company left without contacts keeps no buying profile. */
create function private.forget_buying_profile()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  update public.members m set purchase_volume = null, product_categories = '{}'
  where m.id = old.member_id
    and (m.purchase_volume is not null or m.product_categories <> '{}')
    and not exists (select 1 from public.member_contacts c where c.member_id = old.member_id);
  return null;
end
$$;
revoke execute on function private.forget_buying_profile() from public;

create trigger member_contacts_forget_buying_profile after delete on public.member_contacts
  for each row execute function private.forget_buying_profile();
