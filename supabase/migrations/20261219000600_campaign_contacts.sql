/**
 * A logged campaign keeps the contacts it was sent to. Its recipients were companies only, so
 * "Download recipients" of a campaign logged last month re-ran the segment against today's
 * members: staff answering a complaint or an opt-out, or following the send up, could not say who
 * exactly it went to.
 *
 * - public.campaign_contacts: per contact a campaign counted, the contact and company ids, the
 *   e-mail address as it was sent to and the consent it was sent on. The address is kept because
 *   it is what a complaint or an opt-out quotes, and a card's address may change after the send;
 *   the consent time because it is the record that the send was consented to. Nothing else of
 *   the card is copied: the export reads name, phone and language from the card as it is.
 * - private.record_campaign (as in 20261203000500): the contacts, the companies and the count
 *   come from one read of the consenting cards, taken with their keys locked, and are written in
 *   the transaction that logs the campaign: the count it defaults to is the kept list's length.
 * - public.campaign_export: a logged campaign's recipients as segment_export gives a segment's,
 *   for the same CSV, less those who have withdrawn their consent since (counted, never listed).
 * - public.my_data (as in 20261217001000): `campaign_contacts`, the company's kept rows with how
 *   and when each campaign was sent, read by a security-definer reader as campaign_recipients is.
 *
 * Erasure: a kept row goes with its contact's card (a foreign key with a cascade), by every path
 * that deletes one: leave_store, remove_contact and erase_member (private.drop_contact), a
 * deleted login, delete_store. An erased company is left with none, as its claims are left with
 * no contact; its campaign_recipients row stays, anonymised with the company, for the results.
 */

-- ---------------------------------------------------------------------------------------------
-- Kept contacts
-- ---------------------------------------------------------------------------------------------

/** The contacts a campaign was sent to, fixed when it is recorded. */
create table public.campaign_contacts (
  campaign_id uuid not null,
  store_id uuid not null,
  member_id uuid not null,
  contact_id uuid not null references public.member_contacts (id) on delete cascade,
  -- The card's address when the campaign was recorded (null: the card had none, an SMS or
  -- WhatsApp contact), and the consent it was sent on.
  email text,
  contact_consent_at timestamptz not null,
  primary key (campaign_id, contact_id),
  foreign key (campaign_id, store_id) references public.campaigns (id, store_id) on delete cascade,
  -- A kept contact's company is one of the campaign's recipients.
  foreign key (campaign_id, member_id) references public.campaign_recipients (campaign_id, member_id) on delete cascade
);
comment on table public.campaign_contacts is
  'Contacts a campaign was sent to, with the e-mail and consent as sent; written by record_campaign only, deleted with the contact.';
create index campaign_contacts_store_idx on public.campaign_contacts (store_id);
create index campaign_contacts_campaign_store_idx on public.campaign_contacts (campaign_id, store_id);
create index campaign_contacts_campaign_member_idx on public.campaign_contacts (campaign_id, member_id);
create index campaign_contacts_contact_idx on public.campaign_contacts (contact_id);

alter table public.campaign_contacts enable row level security;
revoke all on table public.campaign_contacts from anon, authenticated;
grant select on table public.campaign_contacts to authenticated;
create policy "Staff read their store's campaign contacts" on public.campaign_contacts
  for select to authenticated using (store_id in (select private.staff_store_ids()));

-- ---------------------------------------------------------------------------------------------
-- Recording a campaign
-- ---------------------------------------------------------------------------------------------

/**
 * As in 20261203000500, keeping the contacts too: the segment's consenting contacts now become
 * its recipients, their companies its recipient companies. Errors: 42501 not staff · PT404
 * segment_id · 22023 channel, subject, sent_at, sent_count.
 */
create or replace function private.record_campaign(p_store_id uuid, p_segment_id uuid, p_channel text, p_subject text,
  p_sent_at timestamptz, p_sent_count int)
returns public.campaigns
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_staff_of(p_store_id);
  v_segment public.segments;
  v_campaign public.campaigns;
  v_kept public.campaign_contacts[];
begin
  select * into v_segment from public.segments s where s.id = p_segment_id and s.store_id = p_store_id;
  if v_segment.id is null then
    perform private.reject('segment_id', 'matches no segment', 'PT404');
  end if;
  if p_channel is null or p_channel not in ('email', 'sms', 'whatsapp') then
    perform private.reject('channel', 'must be one of email, sms, whatsapp');
  end if;
  perform private.check_line('subject', p_subject, 200, true);
  if p_sent_at is null or not isfinite(p_sent_at) or p_sent_at < '2000-01-01' or p_sent_at > now() + interval '1 day' then
    perform private.reject('sent_at', 'must be a time from 2000 on, at most a day ahead');
  end if;
  if p_sent_count not between 0 and 10000000 then
    perform private.reject('sent_count', 'must be a whole number from 0 to 10000000');
  end if;

  -- One read of the cards for the count, the companies and the contacts, so they agree. The keys
  -- are locked: a card deleted meanwhile (a contact leaving) is left out rather than failing the
  -- insert below on its foreign key, and waits for this send to be logged otherwise.
  select coalesce(array_agg((null, p_store_id, c.member_id, c.id, c.email, c.contact_consent_at)::public.campaign_contacts), '{}')
  into v_kept
  from (
    select c.* from private.segment_member_ids(p_store_id, v_segment.filters) s
    join public.member_contacts c on c.member_id = s.member_id and c.store_id = p_store_id and c.contact_consent_at is not null
    for key share of c
  ) c;

  insert into public.campaigns (store_id, segment_id, segment_name, filters, channel, subject, sent_at, sent_count, created_by)
  values (p_store_id, v_segment.id, v_segment.name, v_segment.filters, p_channel, btrim(p_subject), p_sent_at,
    coalesce(p_sent_count, cardinality(v_kept)), v_user)
  returning * into v_campaign;
  insert into public.campaign_recipients (campaign_id, store_id, member_id)
  select distinct v_campaign.id, p_store_id, k.member_id from unnest(v_kept) k;
  insert into public.campaign_contacts (campaign_id, store_id, member_id, contact_id, email, contact_consent_at)
  select v_campaign.id, p_store_id, k.member_id, k.contact_id, k.email, k.contact_consent_at from unnest(v_kept) k;
  return v_campaign;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- A logged campaign's recipients
-- ---------------------------------------------------------------------------------------------

/**
 * The recipients file of a logged campaign, in segment_export's shape: one row per contact it was
 * sent to whose consent still stands, with the e-mail address it was sent to and the rest of the
 * card as it is now; `withdrawn` counts those left out for having withdrawn their consent since.
 * Contacts gone since (left, removed, erased) have no row to give.
 *   { withdrawn, rows: [{full_name, company_name, email, phone, whatsapp, language, tier, stage}] }
 * Errors: 42501 not staff · PT404 campaign_id.
 */
create function public.campaign_export(p_store_id uuid, p_campaign_id uuid)
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
        k.email, k.contact_id, m.id as member_id, m.company_name, m.tier_id
      from public.campaign_contacts k
      join public.member_contacts c on c.id = k.contact_id
      join public.members m on m.id = k.member_id and m.store_id = k.store_id
      where k.campaign_id = p_campaign_id and k.store_id = p_store_id
    ), stage as materialized (
      select l.member_id, l.stage from private.store_lifecycle(p_store_id) l where l.member_id in (select member_id from contacts)
    ), tier as materialized (
      select t.id, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
    )
    select jsonb_build_object(
      'withdrawn', (select count(*) from contacts c where not c.consenting),
      'rows', coalesce((
        select jsonb_agg(jsonb_build_object(
          'full_name', c.full_name, 'company_name', c.company_name, 'email', c.email, 'phone', c.phone,
          'whatsapp', c.whatsapp, 'language', coalesce(c.preferred_locale, v_default), 'tier', t.name, 'stage', s.stage)
          order by c.company_name, c.full_name, c.contact_id)
        from contacts c left join tier t on t.id = c.tier_id left join stage s on s.member_id = c.member_id
        where c.consenting), '[]'))
  );
end
$$;
revoke execute on function public.campaign_export(uuid, uuid) from public, anon, authenticated;
grant execute on function public.campaign_export(uuid, uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- my_data
-- ---------------------------------------------------------------------------------------------

/**
 * The company `p_member_id`'s campaign_contacts rows (its contacts', as my_data gives every
 * colleague's card), each with its campaign's channel, subject and sent_at, oldest send first;
 * `[]` unless the caller is a contact of that company. Contacts have no select policy on the
 * table (the campaign log is the staff's), as for private.received_campaigns.
 */
create function private.received_campaign_contacts(p_member_id uuid)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(to_jsonb(k) || jsonb_build_object('channel', c.channel, 'subject', c.subject, 'sent_at', c.sent_at)
      order by c.sent_at, c.id, k.contact_id), '[]')
  from public.campaign_contacts k
  join public.campaigns c on c.id = k.campaign_id and c.store_id = k.store_id
  where k.member_id = p_member_id and p_member_id in (select private.member_ids())
$$;
revoke execute on function private.received_campaign_contacts(uuid) from public;
grant execute on function private.received_campaign_contacts(uuid) to authenticated;

/** As in 20261217001000, with the contacts each campaign was sent to. */
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
    'company', (select to_jsonb(m) from public.members m where m.id = v_member),
    'contacts', (select coalesce(jsonb_agg(to_jsonb(c) order by c.created_at, c.id), '[]') from public.member_contacts c where c.member_id = v_member),
    'invitations', (select coalesce(jsonb_agg(to_jsonb(i) - 'token' order by i.created_at, i.id), '[]') from public.member_invitations i where i.member_id = v_member),
    'orders', (select coalesce(jsonb_agg(to_jsonb(o) order by o.placed_at, o.id), '[]') from public.orders o where o.member_id = v_member),
    'order_changes', (select coalesce(jsonb_agg(to_jsonb(c) order by c.id), '[]') from public.order_changes c where c.member_id = v_member),
    'tier_changes', (select coalesce(jsonb_agg(to_jsonb(t) order by t.changed_at, t.seq), '[]') from public.tier_changes t where t.member_id = v_member),
    'points_ledger', (select coalesce(jsonb_agg(to_jsonb(p) order by p.id), '[]') from public.points_ledger p where p.member_id = v_member),
    'rebate_ledger', (select coalesce(jsonb_agg(to_jsonb(r) order by r.id), '[]') from public.rebate_ledger r where r.member_id = v_member),
    'coupons', (select coalesce(jsonb_agg(to_jsonb(c) order by c.claimed_at, c.id), '[]') from public.member_coupons c where c.member_id = v_member),
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
