/**
 * A store can pause taking new members (recruitment paused while its owners rework the tiers, or
 * a programme winding down) without touching the members it has.
 *
 * - stores.joining_paused_at: one nullable instant rather than a boolean plus a time, so the two
 *   can never disagree: null is open, a time is paused since then (shown to staff as such).
 * - set_joining_paused sets and clears it, owners only, beside set_statistical_period in the
 *   store-settings path: the column is not in the owners' PATCH grant, so the instant is the
 *   server's (a PATCH would take the browser's clock) and a non-owner is refused as by every
 *   owner-only RPC (private.require_owner_of) instead of PATCH's silent 0 rows.
 * - private.require_joining_open refuses a new company while paused, called by every function
 *   that creates a member: join_store (the portal's join, and exchange_cards' once it has
 *   checked the card) and exchange_cards (before its own card checks, so a buyer of a paused
 *   store is not first asked to fix a phone number). It holds a lock of the store's joining
 *   (advisory, shared) that set_joining_paused takes exclusively: a join under way when the owner
 *   pauses commits before the pause's instant, or waits for the pause and is refused. Contacts of an existing company are not
 *   joins: accept_invitation adds a colleague to a member that exists, and is not refused. A
 *   company that left and comes back goes through join_store, a new join, and is refused.
 * - store_profile says `joining_paused`, so the join surfaces say so before a card is filled in.
 */

alter table public.stores add column joining_paused_at timestamptz;
comment on column public.stores.joining_paused_at is
  'When the owners paused taking new members; null while the store takes them (set_joining_paused).';

/**
 * Refuses a new company's join while the store's owners have paused joining. The store's joining
 * lock (`cardclub.joining:<id>`) is taken shared until the join commits, and the pause then read
 * in a statement of its own (volatile: as committed once the lock is had): set_joining_paused
 * takes it exclusively, so a join that got through commits before the pause's instant, and one
 * arriving while the pause is written waits for it and is refused.
 */
create function private.require_joining_open(p_store_id uuid)
returns void
language plpgsql volatile
set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock_shared(hashtextextended('cardclub.joining:' || p_store_id::text, 0));
  if (select s.joining_paused_at from public.stores s where s.id = p_store_id) is not null then
    perform private.reject('store', 'is not taking new members at the moment', 'P0001');
  end if;
end
$$;
revoke execute on function private.require_joining_open(uuid) from public;

/**
 * Pauses (p_paused true) or resumes taking new members at the store; owners only. Pausing a
 * paused store keeps the time it was first paused. Returns the instant it is paused since, or
 * null once open. The store's joining lock, exclusive, waits for the joins under way
 * (private.require_joining_open) and holds back new ones until this commits; the instant is
 * taken after that wait (clock_timestamp, not the transaction's start), so every member who
 * joined did so before it.
 */
create function private.set_joining_paused(p_store_id uuid, p_paused boolean)
returns timestamptz
language plpgsql security definer
set search_path = ''
as $$
declare
  v_paused_at timestamptz;
begin
  perform private.require_owner_of(p_store_id);
  if p_paused is null then
    perform private.reject('paused', 'must be true or false');
  end if;
  perform pg_advisory_xact_lock(hashtextextended('cardclub.joining:' || p_store_id::text, 0));
  update public.stores s
  set joining_paused_at = case when p_paused then coalesce(s.joining_paused_at, clock_timestamp()) end
  where s.id = p_store_id
  returning s.joining_paused_at into v_paused_at;
  return v_paused_at;
end
$$;
revoke execute on function private.set_joining_paused(uuid, boolean) from public;
grant execute on function private.set_joining_paused(uuid, boolean) to authenticated;

create function public.set_joining_paused(p_store_id uuid, p_paused boolean)
returns timestamptz
language sql security invoker
set search_path = ''
as $$ select private.set_joining_paused(p_store_id, p_paused) $$;
revoke execute on function public.set_joining_paused(uuid, boolean) from public, anon;
grant execute on function public.set_joining_paused(uuid, boolean) to authenticated;

/** As in 20261208000200, refused while the store has paused joining (a company already a member answers as before). */
create or replace function private.join_store(
  p_store_slug text,
  p_company_name text,
  p_full_name text,
  p_email text,
  p_job_title text,
  p_phone text,
  p_country text,
  p_website text,
  p_industry text,
  p_whatsapp text,
  p_wechat text,
  p_preferred_locale text
)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_store public.stores;
  v_member_id uuid;
  v_contact_id uuid;
  v_joined boolean := false;
  v_had_pack boolean := false;
  v_email text;
  v_country text;
  v_constraint text;
begin
  v_store := private.store_by_slug(p_store_slug);

  select c.member_id, c.id into v_member_id, v_contact_id
  from public.member_contacts c where c.store_id = v_store.id and c.user_id = v_user;

  if v_member_id is null then
    perform private.require_joining_open(v_store.id);
    if private.my_confirmed_email() is null then
      perform private.reject('email', 'of your login is not confirmed yet: enter the code we e-mailed you, then join', '42501');
    end if;
    perform private.check_line('company_name', p_company_name, 200, true);
    perform private.check_line('full_name', p_full_name, 120, true);
    -- The format alone: a length check first answered 'Germany' with 'must be at most 2 characters'.
    v_country := private.clean_format('country', upper(p_country), 'country');
    v_email := private.clean_format('email', coalesce(private.clean_line('email', p_email, 254), private.my_confirmed_email()), 'email');
    perform private.check_locale(p_preferred_locale, 'preferred_locale');

    -- One block: a concurrent join that wins the card takes back this one's count, company and pack.
    begin
      perform private.count_join(v_store.id, v_user);

      -- Before the insert, whose welcome_member asks the same.
      v_had_pack := private.had_gift_pack(v_store.id, v_user);

      -- The card triggers check website, industry, phone, whatsapp, wechat and job_title.
      insert into public.members (store_id, company_name, country, website, industry, tier_id)
      values (v_store.id, btrim(p_company_name), v_country, private.clean_line('website', p_website, 300),
        private.clean_line('industry', p_industry, 120),
        (select t.id from public.tiers t where t.store_id = v_store.id and t.rank = 0))
      returning id into v_member_id;

      insert into public.member_contacts (member_id, store_id, user_id, role, full_name, job_title, email,
        phone, whatsapp, wechat, preferred_locale)
      values (v_member_id, v_store.id, v_user, 'primary', btrim(p_full_name),
        private.clean_line('job_title', p_job_title, 120), v_email, private.clean_line('phone', p_phone, 40),
        private.clean_line('whatsapp', p_whatsapp, 40), private.clean_line('wechat', p_wechat, 60), p_preferred_locale)
      returning id into v_contact_id;
      v_joined := true;
    exception when unique_violation then
      get stacked diagnostics v_constraint = constraint_name;
      if v_constraint is distinct from 'member_contacts_store_id_user_id_key' then
        raise;
      end if;
      -- The winner has committed (the insert waited for it): its membership, as a repeated join answers.
      v_had_pack := false;
      select c.member_id, c.id into v_member_id, v_contact_id
      from public.member_contacts c where c.store_id = v_store.id and c.user_id = v_user;
    end;
  end if;

  return jsonb_build_object(
    'member_id', v_member_id,
    'contact_id', v_contact_id,
    'store_id', v_store.id,
    'store_slug', v_store.slug,
    'company_name', (select m.company_name from public.members m where m.id = v_member_id),
    'joined', v_joined,
    'gift_pack_received_before', v_had_pack
  );
end
$$;

/** As in 20261208000200, refused while the store has paused joining, before the card's own checks. */
create or replace function private.exchange_cards(
  p_store_slug text,
  p_company_name text,
  p_full_name text,
  p_email text,
  p_job_title text,
  p_phone text,
  p_whatsapp text,
  p_wechat text,
  p_country text,
  p_website text,
  p_industry text,
  p_purchase_volume text,
  p_product_categories text[],
  p_contact_consent boolean,
  p_preferred_locale text
)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_result jsonb;
  v_categories text[];
begin
  if exists (select 1 from public.member_contacts c where c.store_id = v_store.id and c.user_id = v_user) then
    return private.join_store(p_store_slug, p_company_name, p_full_name, p_email, p_job_title, p_phone, p_country,
      p_website, p_industry, p_whatsapp, p_wechat, p_preferred_locale);
  end if;
  perform private.require_joining_open(v_store.id);

  if nullif(btrim(p_phone), '') is null and nullif(btrim(p_whatsapp), '') is null and nullif(btrim(p_wechat), '') is null then
    perform private.reject('phone', 'or a WhatsApp number or WeChat ID is required');
  end if;
  if not private.is_purchase_volume(nullif(btrim(p_purchase_volume), '')) then
    perform private.reject('purchase_volume', 'must be one of under_10k, 10k_50k, 50k_200k, 200k_1m, over_1m');
  end if;
  v_categories := private.clean_product_categories(p_product_categories);
  if p_contact_consent is null then
    perform private.reject('contact_consent', 'must be true or false');
  end if;

  v_result := private.join_store(p_store_slug, p_company_name, p_full_name, p_email, p_job_title, p_phone, p_country,
    p_website, p_industry, p_whatsapp, p_wechat, p_preferred_locale);
  -- A concurrent exchange by the same login won: answered as a repeated one, its profile untouched.
  if not (v_result ->> 'joined')::boolean then
    return v_result;
  end if;

  update public.members m
  set purchase_volume = nullif(btrim(p_purchase_volume), ''), product_categories = v_categories
  where m.id = (v_result ->> 'member_id')::uuid;
  if p_contact_consent then
    update public.member_contacts c set contact_consent_at = now() where c.id = (v_result ->> 'contact_id')::uuid;
  end if;

  return v_result || jsonb_build_object('contact_consent_at',
    (select c.contact_consent_at from public.member_contacts c where c.id = (v_result ->> 'contact_id')::uuid));
end
$$;

/** As in 20261210000500, with `joining_paused`: whether the store takes new members now. */
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
    'gift_pack', private.gift_pack_json(s, l.locale))
  from private.store_by_slug(p_store_slug) s
  cross join (select private.check_locale(p_locale) as locale) l
$$;
