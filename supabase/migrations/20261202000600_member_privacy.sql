-- Member privacy: "Download my data" (my_data) gives a member contact everything the database
-- holds about them and their company at one store; "Leave this store" (leave_store) removes the
-- contact's card and personal data, and with the last contact the company's personal data, so
-- that the merchant keeps only anonymised order totals (orders with amounts and dates, ledgers,
-- tier history) for its statistics. The login itself (auth.users) is untouched: it may be a
-- member of other stores or staff somewhere.
--
-- Consent: no consent is recorded yet (issue 11 adds it with the business-card exchange and
-- redefines private.contact_consent); my_data answers `consent: null` until then.

-- ---------------------------------------------------------------------------------------------
-- Download my data
-- ---------------------------------------------------------------------------------------------

-- my_data runs as its caller and finds their card with it; it reads under RLS, as they would.
grant execute on function private.my_contact_at(uuid) to authenticated;

/** A contact's consent to be contacted, as my_data reports it: none is recorded yet. */
create function private.contact_consent(p_contact public.member_contacts)
returns jsonb
language sql stable
set search_path = ''
as $$ select null::jsonb $$;
revoke execute on function private.contact_consent(public.member_contacts) from public;
grant execute on function private.contact_consent(public.member_contacts) to authenticated;

/**
 * Everything about the caller's company at the store, as the caller may read it anyway: it runs
 * as the caller, so each part is exactly what the table's select policy lets a contact read.
 * Errors: PT404 store not found; 42501 not signed in or not a member of the store.
 */
create function public.my_data(p_store_slug text)
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
    'tier_changes', (select coalesce(jsonb_agg(to_jsonb(t) order by t.changed_at, t.id), '[]') from public.tier_changes t where t.member_id = v_member),
    'points_ledger', (select coalesce(jsonb_agg(to_jsonb(p) order by p.id), '[]') from public.points_ledger p where p.member_id = v_member),
    'rebate_ledger', (select coalesce(jsonb_agg(to_jsonb(r) order by r.id), '[]') from public.rebate_ledger r where r.member_id = v_member),
    'coupons', (select coalesce(jsonb_agg(to_jsonb(c) order by c.claimed_at, c.id), '[]') from public.member_coupons c where c.member_id = v_member),
    'sample_claims', (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at, s.id), '[]') from public.sample_claims s where s.member_id = v_member),
    'inquiries', (select coalesce(jsonb_agg(to_jsonb(q) order by q.created_at, q.id), '[]') from public.inquiries q where q.member_id = v_member),
    'reviews', (select coalesce(jsonb_agg(to_jsonb(r) order by r.created_at, r.id), '[]') from public.order_reviews r where r.member_id = v_member),
    'consent', private.contact_consent(v_contact)
  );
end
$$;
revoke execute on function public.my_data(text) from public, anon, authenticated;
grant execute on function public.my_data(text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Leave this store
-- ---------------------------------------------------------------------------------------------

/**
 * The caller leaves the store: their card is deleted; what they wrote or received keeps its
 * business facts without them (orders, claims, inquiries and reviews lose the contact; the
 * addresses on their sample claims are cleared to the country; invitations they sent or
 * accepted, which hold e-mail addresses, are deleted). When they were the company's last
 * contact, the company's personal data goes too: its card (name replaced, country, website,
 * industry cleared), override reason, invitations, sample claims, inquiries and reviews; its
 * orders, ledgers, coupons and tier history stay, with amounts and dates only, for the
 * merchant's statistics. `p_confirm` must be true (the portal asks first).
 * Returns {"left": true, "company_removed": bool}.
 * Errors: PT404 store not found; 42501 not signed in or not a member; 22023 confirm.
 */
create function private.leave_store(p_store_slug text, p_confirm boolean)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_last boolean;
begin
  if p_confirm is not true then
    perform private.reject('confirm', 'must be true: leaving deletes your card and cannot be undone');
  end if;
  -- Colleagues leaving together are taken one at a time, so exactly one of them is the last.
  perform 1 from public.members m where m.id = v_contact.member_id for update;

  update public.sample_claims s set ship_to = jsonb_strip_nulls(jsonb_build_object('country', s.ship_to -> 'country'))
  where s.contact_id = v_contact.id;
  delete from public.member_invitations i where i.invited_by = v_contact.id or i.accepted_by = v_contact.id;
  delete from public.member_contacts c where c.id = v_contact.id;

  v_last := not exists (select 1 from public.member_contacts c where c.member_id = v_contact.member_id);
  if v_last then
    delete from public.member_invitations i where i.member_id = v_contact.member_id;
    delete from public.sample_claims s where s.member_id = v_contact.member_id;
    delete from public.inquiries q where q.member_id = v_contact.member_id;
    delete from public.order_reviews r where r.member_id = v_contact.member_id;
    update public.members m
    set company_name = 'Former member', country = null, website = null, industry = null, tier_override_reason = null
    where m.id = v_contact.member_id;
  end if;
  return jsonb_build_object('left', true, 'company_removed', v_last);
end
$$;
revoke execute on function private.leave_store(text, boolean) from public;
grant execute on function private.leave_store(text, boolean) to authenticated;

create function public.leave_store(p_store_slug text, p_confirm boolean default false)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.leave_store(p_store_slug, p_confirm) $$;
revoke execute on function public.leave_store(text, boolean) from public, anon, authenticated;
grant execute on function public.leave_store(text, boolean) to authenticated;
