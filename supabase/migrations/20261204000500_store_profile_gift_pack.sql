/**
 * store_profile as in 20261203001500, plus the store's new-member gift pack (`gift_pack`): the
 * join card shows a buyer what joining gives them before they exchange cards, and says nothing of
 * a pack when the store has none. Re-created only to add that field; welcome_member is re-created
 * to take its coupons from the same rule (gift_pack_coupons), so what the card shows is what joining gives.
 */

/** The gift-pack coupons a company joining `p_store_id` receives now: one rule for what joining gives and what the join card shows. */
create function private.gift_pack_coupons(p_store_id uuid)
returns setof public.coupons
language sql stable
set search_path = ''
as $$
  select c.* from public.coupons c
  where c.store_id = p_store_id and c.is_gift_pack
    and c.valid_from <= now() and (c.valid_until is null or c.valid_until > now())
$$;
-- Called only by the security-definer functions below, as their owner.
revoke execute on function private.gift_pack_coupons(uuid) from public;

/** As 20261124000300, the coupons from gift_pack_coupons, the rule the join card shows. */
create or replace function private.welcome_member()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_join_points int := (select s.join_points from public.stores s where s.id = new.store_id);
begin
  if v_join_points > 0 then
    perform private.credit_points(new.id, v_join_points, 'join', new.joined_at, p_created_by => (select auth.uid()));
  end if;
  insert into public.member_coupons (store_id, coupon_id, member_id, slot, source, claimed_by)
  select c.store_id, c.id, new.id, 1, 'gift_pack', (select auth.uid())
  from private.gift_pack_coupons(new.store_id) c
  on conflict do nothing;
  return null;
end
$$;

/**
 * What a company joining `p_store` now receives, as welcome_member gives it: the
 * join points and the gift-pack coupons valid now, each as the store advertises it (value,
 * conditions, description in `p_locale`); null when that is nothing. Security definer because
 * visitors read no coupons (a coupon's code is what a member quotes, so it stays out, as does
 * anything about who holds one); it returns only this, and only for the store it is given.
 */
create function private.gift_pack_json(p_store public.stores, p_locale text)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select case when p_store.join_points > 0 or pack.coupons <> '[]' then
    jsonb_build_object('points', p_store.join_points, 'coupons', pack.coupons) end
  from (
    select coalesce(jsonb_agg(jsonb_build_object('kind', c.kind, 'value', c.value, 'currency', c.currency,
          'min_order_amount', c.min_order_amount, 'valid_until', c.valid_until)
        || private.local_field('description', c.description, p_store.default_locale, p_locale)
        order by c.valid_until nulls last, c.code), '[]') as coupons
    from private.gift_pack_coupons(p_store.id) c) pack
$$;
revoke execute on function private.gift_pack_json(public.stores, text) from public;
grant execute on function private.gift_pack_json(public.stores, text) to anon, authenticated, service_role;

create or replace function public.store_profile(p_store_slug text, p_locale text default null)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'store', jsonb_build_object('id', s.id, 'slug', s.slug, 'name', s.name, 'base_currency', s.base_currency,
      'default_locale', s.default_locale, 'statistical_period_days', s.statistical_period_days,
      'sample_period_days', s.sample_period_days,
      'brand_color', s.brand_color, 'embed_origins', to_jsonb(s.embed_origins),
      'locale', coalesce(l.locale, private.reader_locale(), s.default_locale)),
    'card', (select jsonb_build_object('contact_name', c.contact_name, 'email', c.email, 'phone', c.phone,
          'whatsapp', c.whatsapp, 'wechat', c.wechat, 'website', c.website, 'logo_path', c.logo_path)
        || private.local_field('title', c.title, s.default_locale, l.locale)
        || private.local_field('contact_title', c.contact_title, s.default_locale, l.locale)
        || private.local_field('address', c.address, s.default_locale, l.locale)
        || private.local_field('introduction', c.introduction, s.default_locale, l.locale)
      from public.merchant_cards c where c.store_id = s.id),
    'tiers', coalesce((select jsonb_agg(private.tier_json(t, l.locale) order by t.rank)
                       from public.tiers t where t.store_id = s.id), '[]'),
    'gift_pack', private.gift_pack_json(s, l.locale))
  from private.store_by_slug(p_store_slug) s
  cross join (select private.check_locale(p_locale) as locale) l
$$;
