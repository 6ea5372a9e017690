-- The store's name in several languages, as every other text a merchant writes (20261202000300):
-- a Chinese merchant shows "深圳美发有限公司" to Chinese buyers and "Shenzhen Beauty Hair Co." to
-- the others. `stores.name` becomes a merchant-text map; each name already written moves
-- unchanged under its store's default language.
--
-- A store is the one table whose texts are not in a store's row but in their own: its default
-- language is the row's `default_locale`, which the same update may change. So:
-- - check_merchant_texts takes the stores row's own (new) default language, refusing an
--   unsupported one as `default_locale` first (the name would otherwise be said to lack it);
-- - guard_default_locale reads the stores row's new name rather than the table, and names it
--   `stores.name` among the texts lacking the language;
-- - text_langs reads the default language from the row.
-- The one-line rule, the 120-character limit and the hostile-text rules of 20261209000500
-- (invisible-only text blank, no direction controls in a name) apply per language as for a
-- product's name. create_store keeps taking one name, written in the default language it is given.
--
-- Readers get the name in the reader's language, with the fallback rule of the other texts
-- (requested language, else the store's default, else any): store_profile (`name`, `name_lang`),
-- my_membership (member_summary), my_data, my_invitations, invitation_preview and
-- staff_invitation_preview; direct reads of `stores` have the computed fields `name_local` and
-- `text_langs`, and `name` itself is the map, for the owner's settings.
--
-- Re-created from their latest definitions, otherwise unchanged:
-- - private.merchant_text_fields, private.text_langs (20261202000300);
-- - private.check_merchant_texts (20261209000500);
-- - private.guard_default_locale (20261208000700);
-- - public.store_profile (20261204000500), private.member_summary (20261208000100),
--   public.my_data (20261210000300), private.my_invitations (20261206000200),
--   private.invitation_preview (20261207000410), private.staff_invitation_preview (20261208000700),
--   private.create_store (20261208000200).

-- ---------------------------------------------------------------------------------------------
-- The rule
-- ---------------------------------------------------------------------------------------------

/**
 * Every merchant-text field: its table, the most characters one language's text may have, its
 * shape ('line': one line; 'block': tab and line breaks allowed; 'lines': a list of at most 20
 * one-line texts of at most 200 characters, the perks rule) and whether it must have a text.
 */
create or replace function private.merchant_text_fields()
returns table (table_name text, field text, max_length int, shape text, required boolean)
language sql immutable
set search_path = ''
as $$
  values
    ('stores', 'name', 120, 'line', true),
    ('tiers', 'name', 60, 'line', true),
    ('tiers', 'perks', 200, 'lines', false),
    ('products', 'name', 200, 'line', true),
    ('products', 'description', 5000, 'block', false),
    ('coupons', 'description', 500, 'block', false),
    ('rewards', 'name', 120, 'line', true),
    ('rewards', 'description', 1000, 'block', false),
    ('merchant_cards', 'title', 120, 'line', true),
    ('merchant_cards', 'contact_title', 120, 'line', false),
    ('merchant_cards', 'address', 500, 'block', false),
    ('merchant_cards', 'introduction', 2000, 'block', false)
$$;

/** The default language of a row of `p_table` given as JSON: a store's own, else its store's. */
create function private.row_store_locale(p_row jsonb, p_table text)
returns text
language plpgsql stable
set search_path = ''
as $$
begin
  if p_table = 'stores' then
    return p_row ->> 'default_locale';
  end if;
  return private.store_locale((p_row ->> 'store_id')::uuid);
end
$$;
revoke execute on function private.row_store_locale(jsonb, text) from public;
-- check_merchant_texts and text_langs run it as the calling role.
grant execute on function private.row_store_locale(jsonb, text) to anon, authenticated, service_role;

/**
 * BEFORE INSERT OR UPDATE on every table with merchant text: a plain string (or a perks array)
 * is taken as the store's default language (a store's: the one the row is given); then each field
 * is checked language by language and refused with 22023 naming the field and the language
 * (`name.zh-CN must be a single line…`, `name.en must not contain direction controls…`, `name has
 * a text in fr, which is not a supported language (en, zh-CN, es)`, `name needs a text in es, the
 * store's default language`). Runs as the writing role.
 */
create or replace function private.check_merchant_texts()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_row jsonb := to_jsonb(new);
  v_default text := private.row_store_locale(v_row, tg_table_name);
  v_field record;
  v_text jsonb;
  v_entry record;
  v_problem text;
  v_changes jsonb := '{}';
begin
  if tg_table_name = 'stores' then
    -- Before the name is said to lack a language nobody could give it.
    perform private.check_locale(v_default, 'default_locale');
  end if;
  for v_field in select f.* from private.merchant_text_fields() f where f.table_name = tg_table_name loop
    v_text := v_row -> v_field.field;
    if v_text is null or v_text = 'null' then
      v_text := '{}';
    elsif jsonb_typeof(v_text) = 'string' or (v_field.shape = 'lines' and jsonb_typeof(v_text) = 'array') then
      v_text := case when v_text in ('""', '[]') then '{}' else jsonb_build_object(v_default, v_text) end;
    elsif jsonb_typeof(v_text) <> 'object' then
      perform private.reject(v_field.field, 'must be an object from language codes to texts, such as {"' || v_default || '": "…"}');
    end if;
    for v_entry in select e.key, e.value from jsonb_each(v_text) e loop
      if not private.is_locale(v_entry.key) then
        perform private.reject(v_field.field, format('has a text in %s, which is not a supported language (%s)',
          v_entry.key, private.locale_list()));
      end if;
      v_problem := coalesce(private.merchant_text_problem(v_entry.value, v_field.max_length, v_field.shape),
                            private.merchant_text_shown_problem(v_entry.value, v_field.shape));
      if v_problem is not null then
        perform private.reject(v_field.field || '.' || v_entry.key, v_problem);
      end if;
    end loop;
    if (v_field.required or v_text <> '{}') and not v_text ? v_default then
      perform private.reject(v_field.field, format('needs a text in %s, the store''s default language', v_default));
    end if;
    v_changes := v_changes || jsonb_build_object(v_field.field, v_text);
  end loop;
  return jsonb_populate_record(new, v_changes);
end
$$;

/**
 * A store's default language may change only to one every text of the store has (required
 * fields, and optional ones that have any text): buyers must never get a blank where the
 * merchant wrote something. Refused with 23514 naming every field that lacks it, in the
 * merchant_text_fields order; the details carry them as `missing` (["stores.name", "tiers.name",
 * …]). The store's own name is the one in the update (its check ran first, by trigger name).
 */
create or replace function private.guard_default_locale()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_field record;
  v_missing boolean;
  v_fields text[] := '{}';
  v_reason text;
begin
  for v_field in select * from private.merchant_text_fields() loop
    if v_field.table_name = 'stores' then
      v_missing := not new.name ? new.default_locale;
    else
      execute format('select exists (select 1 from public.%I t where t.store_id = $1 and t.%I <> ''{}'' and not t.%I ? $2)',
        v_field.table_name, v_field.field, v_field.field)
      into v_missing using new.id, new.default_locale;
    end if;
    if v_missing then
      v_fields := v_fields || (v_field.table_name || '.' || v_field.field);
    end if;
  end loop;
  if cardinality(v_fields) > 0 then
    v_reason := format('cannot become %s: some %s %s no text in %s yet', new.default_locale,
      array_to_string(v_fields, ', '), case when cardinality(v_fields) = 1 then 'has' else 'have' end, new.default_locale);
    -- private.reject's details, with the list beside them.
    raise exception using
      errcode = '23514',
      message = 'default_locale ' || v_reason,
      detail = pg_catalog.jsonb_build_object('field', 'default_locale', 'reason', v_reason, 'missing', to_jsonb(v_fields))::text;
  end if;
  return new;
end
$$;

/**
 * The language each merchant text of a row of `p_table` reads in, as the *_local fields pick it:
 * `{"name": "es", "description": "en"}` (null for a field without text). Tier history is not
 * written by merchants (so not in merchant_text_fields) but keeps their tier names.
 */
create or replace function private.text_langs(p_row jsonb, p_table text)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_object_agg(f.field, private.local_locale(p_row -> f.field, d.locale))
  from (select m.field from private.merchant_text_fields() m where m.table_name = p_table
        union all
        select h.field from unnest('{from_tier_name, to_tier_name}'::text[]) h (field) where p_table = 'tier_changes') f
  cross join (select private.row_store_locale(p_row, p_table) as locale) d
$$;

-- ---------------------------------------------------------------------------------------------
-- The column
-- ---------------------------------------------------------------------------------------------
-- The old rules (1-120 characters once trimmed, one line) live on inside the map's.

alter table public.stores
  drop constraint stores_name_check,
  drop constraint stores_name_single_line;
alter table public.stores
  alter column name type jsonb using jsonb_build_object(default_locale, name),
  add constraint stores_name_is_merchant_text check (private.is_merchant_text(name, 120, 'line'));
comment on column public.stores.name is
  'The store''s name per language, {"en": "…", "zh-CN": "…"}: a merchant text (private.merchant_text_fields) that must have the default language.';

-- Sorts before stores_guard_default_locale, which reads the name this has made a map.
create trigger stores_check_merchant_texts before insert or update of name on public.stores
  for each row execute function private.check_merchant_texts();

-- `select=name:name_local,text_langs` reads the name in the request's language (Accept-Language).
create function public.name_local(public.stores) returns text language sql stable set search_path = ''
as $$ select private.local_text($1.name, $1.default_locale) $$;
create function public.text_langs(public.stores) returns jsonb language sql stable set search_path = ''
as $$ select private.text_langs(to_jsonb($1), 'stores') $$;
revoke execute on function public.name_local(public.stores), public.text_langs(public.stores) from public, anon, authenticated;
-- They read only the store row they are given, which anyone may read.
grant execute on function public.name_local(public.stores), public.text_langs(public.stores) to anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- Creating a store: one name, in the default language it is created with
-- ---------------------------------------------------------------------------------------------

/** As in 20261208000200; the name goes in as a text the trigger files under the default language. */
create or replace function private.create_store(p_slug text, p_name text, p_base_currency text, p_default_locale text)
returns public.stores
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_store public.stores;
  v_constraint text;
begin
  if p_slug is null or p_slug !~ '^[a-z0-9][a-z0-9-]{1,62}$' then
    perform private.reject('slug', 'must be 2-63 lowercase letters, digits or hyphens, starting with a letter or digit');
  end if;
  perform private.check_line('name', p_name, 120, true);
  if coalesce(p_base_currency, '') !~ '^[A-Z]{3}$' then
    perform private.reject('base_currency', 'must be a three-letter ISO 4217 code such as USD');
  end if;
  if not private.is_locale(p_default_locale) then
    perform private.reject('default_locale', 'must be one of ' || private.locale_list());
  end if;
  -- One creation at a time per login, so concurrent calls cannot pass the count together.
  perform pg_advisory_xact_lock(hashtextextended('cardclub.create_store:' || v_user::text, 0));
  if exists (select 1 from public.stores s where s.slug = p_slug) then
    perform private.reject('slug', 'is already taken', '23505');
  end if;
  if (select count(*) from public.store_staff s where s.user_id = v_user and s.role = 'owner') >= 10 then
    perform private.reject(null, 'Store limit reached: one login may own at most 10 stores', 'P0001');
  end if;

  begin
    insert into public.stores (slug, name, base_currency, default_locale)
    values (p_slug, to_jsonb(btrim(p_name)), p_base_currency, p_default_locale)
    returning * into v_store;
  exception when unique_violation then
    get stacked diagnostics v_constraint = constraint_name;
    if v_constraint is distinct from 'stores_slug_key' then
      raise;
    end if;
    -- Another login's concurrent call took the slug after the check above.
    perform private.reject('slug', 'is already taken', '23505');
  end;
  insert into public.store_staff (store_id, user_id, role) values (v_store.id, v_user, 'owner');
  return v_store;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Readers: the name in the reader's language
-- ---------------------------------------------------------------------------------------------

/**
 * The store page and the widget in one read (20261202000300, 20261204000500): the store's name
 * comes in `p_locale` like its other texts, with `name_lang`.
 */
create or replace function public.store_profile(p_store_slug text, p_locale text default null)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'store', jsonb_build_object('id', s.id, 'slug', s.slug, 'base_currency', s.base_currency,
      'default_locale', s.default_locale, 'statistical_period_days', s.statistical_period_days,
      'sample_period_days', s.sample_period_days,
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

/** As in 20261208000100, with the store's name in the request's language (`name`, `name_lang`). */
create or replace function private.member_summary(p_member_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object(
      'store', jsonb_build_object('id', s.id, 'slug', s.slug, 'base_currency', s.base_currency,
        'default_locale', s.default_locale, 'statistical_period_days', s.statistical_period_days,
        'sample_period_days', s.sample_period_days) || private.local_field('name', s.name, s.default_locale),
      'member', jsonb_build_object('id', m.id, 'company_name', m.company_name, 'country', m.country,
        'website', m.website, 'industry', m.industry, 'joined_at', m.joined_at),
      'contact', (select jsonb_build_object('id', c.id, 'role', c.role, 'full_name', c.full_name)
                  from public.member_contacts c where c.member_id = m.id and c.user_id = (select auth.uid())),
      'contacts_count', (select count(*) from public.member_contacts c where c.member_id = m.id),
      'tier', private.tier_json(t),
      'override', case when m.tier_override_id is not null then jsonb_build_object(
        'tier_id', m.tier_override_id, 'tier_name', (select private.tier_json(o) ->> 'name' from public.tiers o where o.id = m.tier_override_id),
        'expires_at', m.tier_override_expires_at, 'reason', m.tier_override_reason) end,
      'progress', jsonb_build_object(
        'window_start', p.window_start,
        'paid_orders', p.paid_orders,
        'paid_amount', p.paid_amount,
        'currency', s.base_currency,
        -- When the oldest counted order leaves the window (and the totals drop).
        'next_expiry', p.oldest_placed_at + make_interval(days => s.statistical_period_days),
        'next_tier', (select jsonb_build_object('id', n.id, 'rank', n.rank, 'name', private.tier_json(n) ->> 'name',
            'min_paid_orders', n.min_paid_orders, 'min_paid_amount', n.min_paid_amount,
            'orders_needed', greatest(n.min_paid_orders - p.paid_orders, 0),
            'amount_needed', greatest(n.min_paid_amount - p.paid_amount, 0))
          from public.tiers n where n.store_id = s.id and n.rank > t.rank order by n.rank limit 1)),
      'samples', jsonb_build_object('used', u.used, 'quota', t.sample_quota,
        'left', case when t.sample_quota is not null then greatest(t.sample_quota - u.used, 0) end)
    )
    from public.members m
    join public.stores s on s.id = m.store_id
    join public.tiers t on t.id = m.tier_id
    cross join private.paid_in_periods(array[m.id]) p
    cross join lateral (select private.samples_used(m.id, (select auth.uid())) as used) u
    where m.id = p_member_id
  );
end
$$;

/** As in 20261210000300, with the store's name in the request's language (`name`, `name_lang`). */
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

/** As in 20261206000200, with the store's name in the request's language. */
create or replace function private.my_invitations(p_store_slug text)
returns table (token uuid, email text, store_name text, company_name text, invited_by_name text, expires_at timestamptz)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores;
begin
  perform private.require_user();
  v_store := private.store_by_slug(p_store_slug);
  return query
    select i.token, i.email, private.local_text(v_store.name, v_store.default_locale), m.company_name, c.full_name, i.expires_at
    from public.member_invitations i
    join public.members m on m.id = i.member_id
    left join public.member_contacts c on c.id = i.invited_by
    where i.store_id = v_store.id and i.accepted_at is null and i.expires_at > now()
      and lower(i.email) = private.my_confirmed_email()
    order by i.created_at desc, i.id;
end
$$;

/** As in 20261207000410, with the store's name in the request's language. */
create or replace function private.invitation_preview(p_token uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_preview jsonb;
begin
  select jsonb_build_object(
      'store_name', private.local_text(s.name, s.default_locale),
      'company_name', m.company_name,
      'email_hint', left(split_part(i.email, '@', 1), 1) || '***@' || split_part(i.email, '@', 2),
      'expires_at', i.expires_at)
    into v_preview
  from public.member_invitations i
  join public.members m on m.id = i.member_id
  join public.stores s on s.id = i.store_id
  where i.token = p_token and i.accepted_at is null and i.expires_at > now();
  if v_preview is null then
    perform private.reject('token', 'matches no invitation', 'PT404');
  end if;
  return v_preview;
end
$$;

/** As in 20261208000700, with the store's name in the request's language. */
create or replace function private.staff_invitation_preview(p_token uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_preview jsonb;
begin
  select jsonb_build_object(
      'store_name', private.local_text(s.name, s.default_locale),
      'inviter_hint', left(split_part(u.email, '@', 1), 1) || '***@' || split_part(u.email, '@', 2),
      'role', i.role,
      'expires_at', i.expires_at)
    into v_preview
  from public.staff_invitations i
  join public.stores s on s.id = i.store_id
  left join auth.users u on u.id = i.invited_by
  where i.token = p_token and i.accepted_at is null and i.expires_at > now();
  if v_preview is null then
    perform private.reject('token', 'matches no invitation', 'PT404');
  end if;
  return v_preview;
end
$$;
