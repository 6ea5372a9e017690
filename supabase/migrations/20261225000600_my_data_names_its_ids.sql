/**
 * my_data names what its ids stand for. A buyer's downloaded file listed coupons held only by
 * `coupon_id` and orders and the company only by `tier_id`: uuids nobody can read, so the buyer
 * could not tell which coupons the company holds or at which tier it ordered.
 *
 * - `coupons`: each row also carries its coupon's `code, kind, value, currency` and
 *   `description` in the request's language with `description_lang` (null when it has none), as
 *   the API's other readers give merchant text.
 * - `orders`: `tier_name, tier_name_lang` beside `tier_id`.
 * - `company`: `tier_name, tier_name_lang` beside `tier_id`, `tier_override_name,
 *   tier_override_name_lang` beside `tier_override_id`.
 * `tier_changes` already keep each tier's name as it was (`from_tier_name`, `to_tier_name`, every
 * language). No field is removed or changed: the file stays the complete, machine-readable record.
 * Still read as the caller, so a name is null where the tables' policies do not let the contact
 * read its row (a coupon above the tier whose copy was taken back) or the tier is gone.
 *
 * Re-created from its latest definition (20261219000600), otherwise unchanged.
 */

/** As in 20261219000600, with the names of the coupons and tiers its rows hold by id. */
create or replace function public.my_data(p_store_slug text)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_member uuid := v_contact.member_id;
begin
  return jsonb_build_object(
    'exported_at', now(),
    'store', jsonb_build_object('id', v_store.id, 'slug', v_store.slug)
      || private.local_field('name', v_store.name, v_store.default_locale),
    -- The login's address now: the token's claim keeps the one it was issued with until it refreshes.
    'login', jsonb_build_object('user_id', v_contact.user_id, 'email', private.my_confirmed_email()),
    'my_card', to_jsonb(v_contact),
    'company', (select to_jsonb(m) || private.local_field('tier_name', t.name, v_store.default_locale)
          || private.local_field('tier_override_name', o.name, v_store.default_locale)
        from public.members m
        left join public.tiers t on t.id = m.tier_id
        left join public.tiers o on o.id = m.tier_override_id
        where m.id = v_member),
    'contacts', (select coalesce(jsonb_agg(to_jsonb(c) order by c.created_at, c.id), '[]') from public.member_contacts c where c.member_id = v_member),
    'invitations', (select coalesce(jsonb_agg(to_jsonb(i) - 'token' order by i.created_at, i.id), '[]') from public.member_invitations i where i.member_id = v_member),
    'orders', (select coalesce(jsonb_agg(to_jsonb(o) || private.local_field('tier_name', t.name, v_store.default_locale) order by o.placed_at, o.id), '[]')
        from public.orders o left join public.tiers t on t.id = o.tier_id where o.member_id = v_member),
    'order_changes', (select coalesce(jsonb_agg(to_jsonb(c) order by c.id), '[]') from public.order_changes c where c.member_id = v_member),
    'tier_changes', (select coalesce(jsonb_agg(to_jsonb(t) order by t.changed_at, t.seq), '[]') from public.tier_changes t where t.member_id = v_member),
    'points_ledger', (select coalesce(jsonb_agg(to_jsonb(p) order by p.id), '[]') from public.points_ledger p where p.member_id = v_member),
    'rebate_ledger', (select coalesce(jsonb_agg(to_jsonb(r) order by r.id), '[]') from public.rebate_ledger r where r.member_id = v_member),
    'coupons', (select coalesce(jsonb_agg(to_jsonb(c) || jsonb_build_object('code', k.code, 'kind', k.kind, 'value', k.value, 'currency', k.currency)
          || private.local_field('description', k.description, v_store.default_locale) order by c.claimed_at, c.id), '[]')
        from public.member_coupons c left join public.coupons k on k.id = c.coupon_id where c.member_id = v_member),
    'sample_claims', (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at, s.id), '[]') from public.sample_claims s where s.member_id = v_member),
    'inquiries', (select coalesce(jsonb_agg(to_jsonb(q) order by q.created_at, q.id), '[]') from public.inquiries q where q.member_id = v_member),
    'reviews', (select coalesce(jsonb_agg(to_jsonb(r) order by r.created_at, r.id), '[]') from public.order_reviews r where r.member_id = v_member),
    'reward_deliveries', (select coalesce(jsonb_agg(to_jsonb(d) order by d.requested_at, d.points_entry_id), '[]') from public.reward_deliveries d where d.member_id = v_member),
    'campaign_recipients', private.received_campaigns(v_member),
    'campaign_contacts', private.received_campaign_contacts(v_member),
    'consent', private.contact_consent(v_contact)
  );
end
$$;
