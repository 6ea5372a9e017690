/**
 * "Download my data" left out which of the store's campaigns reached the company
 * (campaign_recipients): my_data gives them now, each recipient row with its campaign's channel,
 * subject and time sent, oldest first.
 *
 * my_data reads as the caller, and the campaign log is staff's alone (no select policy for
 * contacts: a campaign's segment name, filters and counts are the merchant's working notes, which
 * a policy would hand to every member through the API). A security-definer reader gives a
 * contact their own company's rows and those columns only.
 *
 * public.my_data is as in 20261205000200 but for the one field; create or replace keeps its
 * grants.
 */

/**
 * The company `p_member_id`'s campaign_recipients rows, each with its campaign's channel, subject
 * and sent_at, oldest send first; `[]` unless the caller is a contact of that company.
 */
create function private.received_campaigns(p_member_id uuid)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(to_jsonb(r) || jsonb_build_object('channel', c.channel, 'subject', c.subject, 'sent_at', c.sent_at)
      order by c.sent_at, c.id), '[]')
  from public.campaign_recipients r
  join public.campaigns c on c.id = r.campaign_id and c.store_id = r.store_id
  where r.member_id = p_member_id and p_member_id in (select private.member_ids())
$$;
revoke execute on function private.received_campaigns(uuid) from public;
grant execute on function private.received_campaigns(uuid) to authenticated;

/** As in 20261205000200, with the campaigns that reached the company. */
create or replace function public.my_data(p_store_slug text)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_member uuid := v_contact.member_id;
begin
  return jsonb_build_object(
    'exported_at', now(),
    'store', jsonb_build_object('id', v_store.id, 'slug', v_store.slug, 'name', v_store.name),
    'login', jsonb_build_object('user_id', v_contact.user_id, 'email', (select auth.jwt()) ->> 'email'),
    'my_card', to_jsonb(v_contact),
    'company', (select to_jsonb(m) from public.members m where m.id = v_member),
    'contacts', (select coalesce(jsonb_agg(to_jsonb(c) order by c.created_at, c.id), '[]') from public.member_contacts c where c.member_id = v_member),
    'invitations', (select coalesce(jsonb_agg(to_jsonb(i) - 'token' order by i.created_at, i.id), '[]') from public.member_invitations i where i.member_id = v_member),
    'orders', (select coalesce(jsonb_agg(to_jsonb(o) order by o.placed_at, o.id), '[]') from public.orders o where o.member_id = v_member),
    'tier_changes', (select coalesce(jsonb_agg(to_jsonb(t) order by t.changed_at, t.seq), '[]') from public.tier_changes t where t.member_id = v_member),
    'points_ledger', (select coalesce(jsonb_agg(to_jsonb(p) order by p.id), '[]') from public.points_ledger p where p.member_id = v_member),
    'rebate_ledger', (select coalesce(jsonb_agg(to_jsonb(r) order by r.id), '[]') from public.rebate_ledger r where r.member_id = v_member),
    'coupons', (select coalesce(jsonb_agg(to_jsonb(c) order by c.claimed_at, c.id), '[]') from public.member_coupons c where c.member_id = v_member),
    'sample_claims', (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at, s.id), '[]') from public.sample_claims s where s.member_id = v_member),
    'inquiries', (select coalesce(jsonb_agg(to_jsonb(q) order by q.created_at, q.id), '[]') from public.inquiries q where q.member_id = v_member),
    'reviews', (select coalesce(jsonb_agg(to_jsonb(r) order by r.created_at, r.id), '[]') from public.order_reviews r where r.member_id = v_member),
    'reward_deliveries', (select coalesce(jsonb_agg(to_jsonb(d) order by d.requested_at, d.points_entry_id), '[]') from public.reward_deliveries d where d.member_id = v_member),
    'campaign_recipients', private.received_campaigns(v_member),
    'consent', private.contact_consent(v_contact)
  );
end
$$;
