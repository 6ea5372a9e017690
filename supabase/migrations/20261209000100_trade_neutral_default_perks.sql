-- A new store's default VIP tier offered "Member-exclusive styles first" (会员专属款抢先看): the wig
-- demo's perk, which a new LED exporter found under its own VIP tier. The defaults now say what
-- any trade's VIP gets ("First look at new member-exclusive products"). Stores created before keep
-- the text they have: it may be theirs by now, and a merchant who kept it has seen it.
--
-- Re-created from its latest definition (20261202000300_merchant_text_languages.sql), with only
-- the VIP perks changed.

/**
 * Every new store starts with the three default tiers of seeds 001 and 003, named in every
 * language written here. A store whose default language is not among them (one added to
 * private.locales() without names here yet) gets the English names under its language too, as
 * placeholders to rename: its texts must have its default language (check_merchant_texts).
 * The texts fit any trade: the merchant writes its own perks.
 */
create or replace function private.create_default_tiers()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  insert into public.tiers (store_id, rank, name, min_paid_orders, min_paid_amount, discount_percent,
    prepay_regular_percent, prepay_customized_percent, sample_quota, free_freight, logistics_upgrade,
    priority_delivery, points_multiplier, rebate_percent, perks)
  select new.id, d.rank, d.name || jsonb_build_object(new.default_locale, coalesce(d.name -> new.default_locale, d.name -> 'en')),
    d.min_paid_orders, d.min_paid_amount, d.discount_percent, d.prepay_regular_percent, d.prepay_customized_percent,
    d.sample_quota, d.free_freight, d.logistics_upgrade, d.priority_delivery, d.points_multiplier, d.rebate_percent,
    case when d.perks = '{}' then d.perks
         else d.perks || jsonb_build_object(new.default_locale, coalesce(d.perks -> new.default_locale, d.perks -> 'en')) end
  from (values
    (0, '{"en": "Ordinary", "zh-CN": "普通会员", "es": "Miembro"}'::jsonb, 0, 0, 0, 50, 75, 3, false, false, false, 1, 0, '{}'::jsonb),
    (1, '{"en": "Senior", "zh-CN": "高级会员", "es": "Miembro sénior"}', 1, 0, 3, 40, 75, 5, false, true, false, 1.5, 0, '{}'),
    (2, '{"en": "VIP", "zh-CN": "VIP会员", "es": "Miembro VIP"}', 0, 10000, 8, 30, 75, null, true, true, true, 2, 5,
      '{"en": ["First look at new member-exclusive products"], "zh-CN": ["会员专属新品抢先看"], "es": ["Primero en ver los nuevos productos exclusivos para miembros"]}')
  ) as d (rank, name, min_paid_orders, min_paid_amount, discount_percent, prepay_regular_percent, prepay_customized_percent,
          sample_quota, free_freight, logistics_upgrade, priority_delivery, points_multiplier, rebate_percent, perks);
  return new;
end
$$;
