-- The widget on the merchant's own page (issue 11): which sites may embed a store's signed-in
-- frame, the store's brand colour, the buyer's side of the business-card exchange (how much and
-- what they buy, and their consent to be contacted, with its time), the merchant's logo bucket,
-- and exchange_cards, the join that records all of it.

-- ---------------------------------------------------------------------------------------------
-- Store settings: embed origins and brand colour (owner-editable)
-- ---------------------------------------------------------------------------------------------

/**
 * An embed allowlist: at most 50 distinct exact origins, each `http(s)://host[:port]` in lower
 * case with no path, query or trailing slash, compared verbatim with a frame's parent origin
 * (the browser's `event.origin`, which has exactly this form).
 */
create function private.are_embed_origins(p_origins text[])
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_origins is not null
    and coalesce(array_length(p_origins, 1), 0) <= 50
    and array_position(p_origins, null) is null
    and (select count(distinct o) = count(*) from unnest(p_origins) o)
    and (select bool_and(o ~ '^https?://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$'
                         and length(o) <= 300)
         from unnest(p_origins) o) is not false
$$;
revoke execute on function private.are_embed_origins(text[]) from public;
grant execute on function private.are_embed_origins(text[]) to anon, authenticated, service_role;

alter table public.stores
  add column embed_origins text[] not null default '{}',
  add column brand_color text,
  add constraint stores_embed_origins_are_exact_origins check (private.are_embed_origins(embed_origins)),
  add constraint stores_brand_color_is_hex check (brand_color ~ '^#[0-9a-f]{6}$');
comment on column public.stores.embed_origins is
  'Exact origins (https://shop.example.com) whose pages may embed the store''s signed-in widget frame; the owner edits them.';
comment on column public.stores.brand_color is 'The store''s accent colour as #rrggbb (lower case); null = the default.';

-- The owners' update policy on stores already limits rows; these are two more of its columns.
grant update (embed_origins, brand_color) on table public.stores to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The buyer's card: purchase volume, categories, consent to be contacted
-- ---------------------------------------------------------------------------------------------

/** Yearly purchase volume ranges a buyer picks from, in US dollars or the equivalent. */
create function private.is_purchase_volume(p_value text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_value is null or p_value in ('under_10k', '10k_50k', '50k_200k', '200k_1m', 'over_1m')
$$;

/** Product categories a buyer buys: at most 20 distinct one-line names of 1-80 characters. */
create function private.are_product_categories(p_categories text[])
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_categories is not null
    and coalesce(array_length(p_categories, 1), 0) <= 20
    and array_position(p_categories, null) is null
    and (select count(distinct lower(c)) = count(*) from unnest(p_categories) c)
    and (select bool_and(length(c) between 1 and 80 and c = btrim(c) and private.is_single_line(c))
         from unnest(p_categories) c) is not false
$$;
revoke execute on function private.is_purchase_volume(text), private.are_product_categories(text[]) from public;
grant execute on function private.is_purchase_volume(text), private.are_product_categories(text[]) to anon, authenticated, service_role;

alter table public.members
  add column purchase_volume text,
  add column product_categories text[] not null default '{}',
  add constraint members_purchase_volume_is_a_range check (private.is_purchase_volume(purchase_volume)),
  add constraint members_product_categories_are_names check (private.are_product_categories(product_categories));
comment on column public.members.purchase_volume is
  'Yearly purchase volume range the buyer gave: under_10k, 10k_50k, 50k_200k, 200k_1m, over_1m (USD or equivalent).';
comment on column public.members.product_categories is 'Product categories the buyer says the company buys.';

alter table public.member_contacts add column contact_consent_at timestamptz;
comment on column public.member_contacts.contact_consent_at is
  'When the contact consented to be contacted by the store (campaigns); null = no consent. Set to the server''s time.';

-- Contacts and staff edit the company's buying profile as they edit its card; a contact gives
-- or withdraws their own consent.
grant update (purchase_volume, product_categories) on table public.members to authenticated;
grant update (contact_consent_at) on table public.member_contacts to authenticated;

/**
 * The company's buying profile as contacts and staff write it: a 22023 answer naming the field
 * instead of the constraint's name. Categories are trimmed and de-duplicated first.
 */
create function private.clean_product_categories(p_categories text[])
returns text[]
language plpgsql immutable
set search_path = ''
as $$
declare
  v_clean text[];
begin
  if p_categories is null then
    return '{}';
  end if;
  if coalesce(array_length(p_categories, 1), 0) > 20 then
    perform private.reject('product_categories', 'must be at most 20 categories');
  end if;
  for i in 1 .. coalesce(array_length(p_categories, 1), 0) loop
    perform private.check_line('product_categories', p_categories[i], 80, true);
  end loop;
  -- Two spellings differing only in case count once; the first is kept, in the order given.
  select coalesce(array_agg(c order by n), '{}') into v_clean
  from (select distinct on (lower(btrim(u.c))) btrim(u.c) as c, u.n
        from unnest(p_categories) with ordinality u(c, n) order by lower(btrim(u.c)), u.n) d;
  return v_clean;
end
$$;

create function private.check_member_buying()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if not private.is_purchase_volume(new.purchase_volume) then
    perform private.reject('purchase_volume', 'must be one of under_10k, 10k_50k, 50k_200k, 200k_1m, over_1m');
  end if;
  new.product_categories := private.clean_product_categories(new.product_categories);
  return new;
end
$$;
revoke execute on function private.clean_product_categories(text[]), private.check_member_buying() from public;
grant execute on function private.clean_product_categories(text[]) to authenticated, service_role;
create trigger members_check_buying before insert or update of purchase_volume, product_categories on public.members
  for each row execute function private.check_member_buying();

/**
 * Consent is recorded at the server's time, whatever time the writer sent: a contact can give
 * (any non-null value) or withdraw (null) it, not back-date it. Only the contact updates their
 * own row (the update policy), so nobody else can give it for them.
 */
create function private.stamp_contact_consent()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.contact_consent_at is not distinct from old.contact_consent_at then
    return new;
  end if;
  if new.contact_consent_at is not null and (tg_op = 'INSERT' or old.contact_consent_at is null) then
    new.contact_consent_at := now();
  elsif new.contact_consent_at is not null then
    -- Already given: keep the original time.
    new.contact_consent_at := old.contact_consent_at;
  end if;
  return new;
end
$$;
revoke execute on function private.stamp_contact_consent() from public;
create trigger member_contacts_stamp_consent before insert or update of contact_consent_at on public.member_contacts
  for each row execute function private.stamp_contact_consent();

-- ---------------------------------------------------------------------------------------------
-- Joining by exchanging business cards
-- ---------------------------------------------------------------------------------------------

/**
 * The business-card exchange of the widget and the store page: join_store's card plus the
 * company's yearly purchase volume and product categories, and the contact's consent to be
 * contacted (recorded with the server's time). A phone, WhatsApp or WeChat is required: the
 * merchant answers a card it can call back. Idempotent as join_store: a caller already a contact
 * at the store gets that membership back (`joined` false) and nothing changes.
 * Errors: those of join_store; 22023 phone (none of phone, whatsapp, wechat), purchase_volume,
 * product_categories.
 */
create function private.exchange_cards(
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
revoke execute on function private.exchange_cards(text, text, text, text, text, text, text, text, text, text, text, text,
  text[], boolean, text) from public;
grant execute on function private.exchange_cards(text, text, text, text, text, text, text, text, text, text, text, text,
  text[], boolean, text) to authenticated;

create function public.exchange_cards(
  p_store_slug text,
  p_company_name text,
  p_full_name text,
  p_email text default null,
  p_job_title text default null,
  p_phone text default null,
  p_whatsapp text default null,
  p_wechat text default null,
  p_country text default null,
  p_website text default null,
  p_industry text default null,
  p_purchase_volume text default null,
  p_product_categories text[] default '{}',
  p_contact_consent boolean default false,
  p_preferred_locale text default null
)
returns jsonb
language sql security invoker
set search_path = ''
as $$
  select private.exchange_cards(p_store_slug, p_company_name, p_full_name, p_email, p_job_title, p_phone, p_whatsapp,
    p_wechat, p_country, p_website, p_industry, p_purchase_volume, p_product_categories, p_contact_consent, p_preferred_locale)
$$;
revoke execute on function public.exchange_cards(text, text, text, text, text, text, text, text, text, text, text, text,
  text[], boolean, text) from public, anon, authenticated;
grant execute on function public.exchange_cards(text, text, text, text, text, text, text, text, text, text, text, text,
  text[], boolean, text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Reads: the store profile carries the brand colour and embed origins; my_data the consent
-- ---------------------------------------------------------------------------------------------

/**
 * As in 20261202000300, plus the store's `brand_color` and `embed_origins` (the widget's frame
 * checks its parent against them before anyone signs in) and the card's logo as a public URL path.
 */
create or replace function public.store_profile(p_store_slug text, p_locale text default null)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'store', jsonb_build_object('id', s.id, 'slug', s.slug, 'name', s.name, 'base_currency', s.base_currency,
      'default_locale', s.default_locale, 'statistical_period_days', s.statistical_period_days,
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
                       from public.tiers t where t.store_id = s.id), '[]'))
  from private.store_by_slug(p_store_slug) s
  cross join (select private.check_locale(p_locale) as locale) l
$$;

/** my_data's `consent`: when the contact consented to be contacted, or null. */
create or replace function private.contact_consent(p_contact public.member_contacts)
returns jsonb
language sql stable
set search_path = ''
as $$
  select case when p_contact.contact_consent_at is null then null
    else jsonb_build_object('contact', true, 'given_at', p_contact.contact_consent_at) end
$$;

-- ---------------------------------------------------------------------------------------------
-- Merchant logos
-- ---------------------------------------------------------------------------------------------

-- Public: a logo is on the merchant's card, which anyone reads through the bucket's public URL
-- (`/storage/v1/object/public/merchant-logos/<store_id>/<file>`), with no policy. Object names:
-- '<store_id>/<file>' (merchant_cards.logo_path). No SVG: it can carry script.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('merchant-logos', 'merchant-logos', true, 1048576, array['image/png', 'image/jpeg', 'image/webp', 'image/avif'])
on conflict (id) do nothing;

/**
 * Whether the caller staffs the store whose folder holds a merchant-logos object. Staff need
 * select on their own folder to upload (the row is returned), replace and delete; nobody else
 * may list the bucket (a public bucket's files are read by URL, and a broad select policy would
 * list every store's files: lint public_bucket_allows_listing).
 */
create function private.is_own_logo(p_bucket_id text, p_name text)
returns boolean
language sql stable
set search_path = ''
as $$
  select p_bucket_id = 'merchant-logos'
    and (storage.foldername(p_name))[1] in (select s::text from private.staff_store_ids() s)
$$;
revoke execute on function private.is_own_logo(text, text) from public;
grant execute on function private.is_own_logo(text, text) to authenticated;

create policy "Staff list their store's logos" on storage.objects
  for select to authenticated
  using (private.is_own_logo(bucket_id, name));
create policy "Staff upload their store's logo" on storage.objects
  for insert to authenticated
  with check (private.is_own_logo(bucket_id, name));
create policy "Staff replace their store's logo" on storage.objects
  for update to authenticated
  using (private.is_own_logo(bucket_id, name))
  with check (private.is_own_logo(bucket_id, name));
create policy "Staff delete their store's logo" on storage.objects
  for delete to authenticated
  using (private.is_own_logo(bucket_id, name));
