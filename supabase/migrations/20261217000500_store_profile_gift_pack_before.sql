/**
 * The join card offered a former member the gift pack ("200 welcome points, 10 % off…") and only
 * after the exchange said they had received it before (join_store's `gift_pack_received_before`,
 * 20261206000300). store_profile now says the same fact beforehand, for the signed-in login:
 * `gift_pack_received_before`, by the rule join_store applies (private.had_gift_pack), so the
 * card can say "welcome back" in place of an offer the server would not keep.
 *
 * - private.my_gift_pack_received is the caller's side of had_gift_pack: security definer
 *   because what leaving keeps (the anonymised company's join points and gift coupons) is no
 *   longer the login's to read; it answers only for the caller, false signed out.
 * - store_profile is re-created from 20261213000100 with that one field; otherwise unchanged.
 */

/** Whether the signed-in caller received `p_store_id`'s gift pack in an earlier membership (false without a login). */
create function private.my_gift_pack_received(p_store_id uuid)
returns boolean
language sql stable security definer
set search_path = ''
as $$
  select (select auth.uid()) is not null and private.had_gift_pack(p_store_id, (select auth.uid()))
$$;
revoke execute on function private.my_gift_pack_received(uuid) from public;
grant execute on function private.my_gift_pack_received(uuid) to anon, authenticated, service_role;

/** As in 20261213000100, with `gift_pack_received_before`: the caller will not receive the pack again. */
create or replace function public.store_profile(p_store_slug text, p_locale text default null)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'store', jsonb_build_object('id', s.id, 'slug', s.slug, 'base_currency', s.base_currency,
      'default_locale', s.default_locale, 'statistical_period_days', s.statistical_period_days,
      'sample_period_days', s.sample_period_days, 'joining_paused', s.joining_paused_at is not null,
      'brand_color', s.brand_color, 'embed_origins', to_jsonb(s.embed_origins),
      'locale', coalesce(l.locale, private.reader_locale(), s.default_locale))
      || private.local_field('name', s.name, s.default_locale, l.locale),
    'card', (select jsonb_build_object('contact_name', c.contact_name, 'email', c.email, 'phone', c.phone,
          'whatsapp', c.whatsapp, 'wechat', c.wechat, 'website', c.website, 'logo_path', c.logo_path)
        || private.local_field('title', c.title, s.default_locale, l.locale)
        || private.local_field('contact_title', c.contact_title, s.default_locale, l.locale)
        || private.local_field('address', c.address, s.default_locale, l.locale)
        || private.local_field('introduction', c.introduction, s.default_locale, l.locale)
      from public.merchant_cards c where c.store_id = s.id),
    'tiers', coalesce((select jsonb_agg(private.tier_json(t, l.locale) order by t.rank)
                       from public.tiers t where t.store_id = s.id), '[]'),
    'gift_pack', private.gift_pack_json(s, l.locale),
    'gift_pack_received_before', private.my_gift_pack_received(s.id))
  from private.store_by_slug(p_store_slug) s
  cross join (select private.check_locale(p_locale) as locale) l
$$;
