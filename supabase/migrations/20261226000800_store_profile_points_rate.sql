/**
 * A tier card said "1.5× points" and nothing said ×1.5 of what: an order becoming paid earns
 * floor(amount_base × the tier's points_multiplier × the store's points_per_currency_unit), and
 * the store page and the widget read no rate. store_profile now gives the store's
 * `points_per_currency_unit`, so the card says what a tier earns in the store's currency
 * ("1.5 points per US$1 paid"). stores is readable by anyone already: nothing new is disclosed.
 *
 * - store_profile is re-created from 20261217000500 with that one field; otherwise unchanged.
 */

/** As in 20261217000500, with `points_per_currency_unit`: what a tier's points multiplier multiplies. */
create or replace function public.store_profile(p_store_slug text, p_locale text default null)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'store', jsonb_build_object('id', s.id, 'slug', s.slug, 'base_currency', s.base_currency,
      'default_locale', s.default_locale, 'statistical_period_days', s.statistical_period_days,
      'sample_period_days', s.sample_period_days, 'points_per_currency_unit', s.points_per_currency_unit,
      'joining_paused', s.joining_paused_at is not null,
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
