/**
 * The contacts file says why each company is in it. Segments' preview shows each company's
 * country, churn risk (beside its stage) and last paid order, and the builder filters on them,
 * but the downloaded file had only the card, the tier and the stage: a merchant who chose a
 * country or recent buyers could not see in it why a row was there.
 *
 * - public.segment_export and public.campaign_export (one file, one row shape): each row also
 *   carries its company's `country` (ISO 3166-1 alpha-2, as members hold it), `churn_risk` and
 *   `last_order_at` (its last paid order, members.last_paid_order_at), the values segment_members
 *   gives the preview. No field is removed or changed.
 *
 * Re-created from their latest definitions (20261203000500, 20261219000600), otherwise unchanged.
 */

/**
 * The export of a filter set for a mailer or SMS tool: one row per contact who consented to be
 * contacted, and how many contacts of the selected companies did not (never their details).
 *   { members, contacts_without_consent,
 *     rows: [{full_name, company_name, email, phone, whatsapp, language, tier, stage,
 *             churn_risk, country, last_order_at}] }
 * `language` is the contact's preferred language, else the store's; `tier` the tier's name in
 * the request's language; `churn_risk`, `country` and `last_order_at` the company's, as
 * segment_members gives them; rows by company, then name. The console turns rows into CSV.
 * Errors: 42501 · 22023 a filter.
 */
create or replace function public.segment_export(p_store_id uuid, p_filters jsonb default '{}')
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_default text := private.store_locale(p_store_id);
begin
  perform private.require_staff_of(p_store_id);
  return (
    with ids as materialized (select s.member_id from private.segment_member_ids(p_store_id, p_filters) s),
    stage as materialized (
      select l.member_id, l.stage, l.churn_risk from private.store_lifecycle(p_store_id) l where l.member_id in (select member_id from ids)
    ), tier as materialized (
      select t.id, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
    ), contacts as (
      select c.*, m.company_name, m.tier_id, m.country, m.last_paid_order_at from ids
      join public.members m on m.id = ids.member_id
      join public.member_contacts c on c.member_id = m.id and c.store_id = p_store_id
    )
    select jsonb_build_object(
      'members', (select count(*) from ids),
      'contacts_without_consent', (select count(*) from contacts c where c.contact_consent_at is null),
      'rows', coalesce((
        select jsonb_agg(jsonb_build_object(
          'full_name', c.full_name, 'company_name', c.company_name, 'email', c.email, 'phone', c.phone,
          'whatsapp', c.whatsapp, 'language', coalesce(c.preferred_locale, v_default), 'tier', t.name, 'stage', s.stage,
          'churn_risk', s.churn_risk, 'country', c.country, 'last_order_at', c.last_paid_order_at)
          order by c.company_name, c.full_name, c.id)
        from contacts c left join tier t on t.id = c.tier_id left join stage s on s.member_id = c.member_id
        where c.contact_consent_at is not null), '[]'))
  );
end
$$;
revoke execute on function public.segment_export(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.segment_export(uuid, jsonb) to authenticated;

/**
 * The recipients file of a logged campaign, in segment_export's shape: one row per contact it was
 * sent to whose consent still stands, with the e-mail address it was sent to and the rest of the
 * card and the company as they are now; `withdrawn` counts those left out for having withdrawn
 * their consent since. Contacts gone since (left, removed, erased) have no row to give.
 *   { withdrawn, rows: [{full_name, company_name, email, phone, whatsapp, language, tier, stage,
 *                        churn_risk, country, last_order_at}] }
 * Errors: 42501 not staff · PT404 campaign_id.
 */
create or replace function public.campaign_export(p_store_id uuid, p_campaign_id uuid)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_default text := private.store_locale(p_store_id);
begin
  perform private.require_staff_of(p_store_id);
  if not exists (select 1 from public.campaigns c where c.id = p_campaign_id and c.store_id = p_store_id) then
    perform private.reject('campaign_id', 'matches no campaign', 'PT404');
  end if;
  return (
    with contacts as materialized (
      select c.full_name, c.phone, c.whatsapp, c.preferred_locale, c.contact_consent_at is not null as consenting,
        k.email, k.contact_id, m.id as member_id, m.company_name, m.tier_id, m.country, m.last_paid_order_at
      from public.campaign_contacts k
      join public.member_contacts c on c.id = k.contact_id
      join public.members m on m.id = k.member_id and m.store_id = k.store_id
      where k.campaign_id = p_campaign_id and k.store_id = p_store_id
    ), stage as materialized (
      select l.member_id, l.stage, l.churn_risk from private.store_lifecycle(p_store_id) l where l.member_id in (select member_id from contacts)
    ), tier as materialized (
      select t.id, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
    )
    select jsonb_build_object(
      'withdrawn', (select count(*) from contacts c where not c.consenting),
      'rows', coalesce((
        select jsonb_agg(jsonb_build_object(
          'full_name', c.full_name, 'company_name', c.company_name, 'email', c.email, 'phone', c.phone,
          'whatsapp', c.whatsapp, 'language', coalesce(c.preferred_locale, v_default), 'tier', t.name, 'stage', s.stage,
          'churn_risk', s.churn_risk, 'country', c.country, 'last_order_at', c.last_paid_order_at)
          order by c.company_name, c.full_name, c.contact_id)
        from contacts c left join tier t on t.id = c.tier_id left join stage s on s.member_id = c.member_id
        where c.consenting), '[]'))
  );
end
$$;
revoke execute on function public.campaign_export(uuid, uuid) from public, anon, authenticated;
grant execute on function public.campaign_export(uuid, uuid) to authenticated;
