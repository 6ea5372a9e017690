-- Merchant text in the buyer's language (issue 10), and the merchant's card (shared with issue 11).
--
-- Every text a merchant writes for buyers becomes a `jsonb` map from language code to text,
-- `{"en": "Ordinary", "zh-CN": "普通会员", "es": "Miembro"}` (a tier's perks map to arrays of
-- lines). Chosen over a translations table because the text stays in its row: the row's RLS
-- (an exclusive product's name is exactly as hidden as its price) needs no second policy that
-- could drift; a write of a product with its names is one statement and one PostgREST request;
-- and languages are added by data, not by columns. docs/api.md ("Merchant text in several
-- languages") says what this does to indexes, sorting, search and reads.
--
-- Rules, in the order a write meets them:
-- - a BEFORE trigger per table (private.check_merchant_texts) takes a plain JSON string (or, for
--   perks, an array) as the store's default language, then refuses with 22023 naming the field
--   and the language: an unsupported language, a blank or malformed text, the store's default
--   language missing;
-- - a CHECK constraint per field (private.is_merchant_text) is the backstop for every writer;
-- - changing a store's default language is refused while a text lacks it.
-- Reads pick one language per text with private.local_locale: the requested language, else the
-- store's default, else the first language provided (in the order of private.locales()); the
-- RPCs return it beside the text (`name_lang`) so clients mark a fallback with its `lang`.

-- ---------------------------------------------------------------------------------------------
-- Languages
-- ---------------------------------------------------------------------------------------------

/**
 * The languages merchants write in and buyers read in, with the ICU collation that sorts each
 * (pinyin order for Chinese, ñ after n for Spanish). Adding a language is a new version of this
 * one function; nothing else lists them. `position` orders the last fallback ("any provided").
 * The earlier migrations' language checks (create_store, join_store, accept_invitation, the
 * contact trigger) call is_locale/check_locale from PL/pgSQL, which resolves them when it runs.
 */
create function private.locales()
returns table (code text, collation_name text, "position" int)
language sql immutable
set search_path = ''
as $$
  values ('en', 'en-x-icu', 1), ('zh-CN', 'zh-x-icu', 2), ('es', 'es-x-icu', 3)
$$;

/** Whether `p_code` is a supported language code (exact: `zh-CN`, not `zh-cn` or `zh`). */
create function private.is_locale(p_code text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select exists (select 1 from private.locales() l where l.code = p_code)
$$;

/** The supported codes as the sentence errors show: "en, zh-CN, es". */
create function private.locale_list()
returns text
language sql immutable
set search_path = ''
as $$
  select string_agg(l.code, ', ' order by l."position") from private.locales() l
$$;

/**
 * A language argument: null (the reader did not ask) or a supported code; anything else is
 * refused with 22023 "<p_field> must be one of …" (RPCs' `p_locale`, a contact's preferred_locale).
 */
create function private.check_locale(p_locale text, p_field text default 'locale')
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_locale is not null and not private.is_locale(p_locale) then
    perform private.reject(p_field, 'must be one of ' || private.locale_list());
  end if;
  return p_locale;
end
$$;

/**
 * The language this request reads in when no argument names one: what an RPC put in the
 * transaction-local setting `cardclub.locale` (my_membership does, so the engine's summary,
 * which takes no language, still speaks the buyer's), else the first tag of the HTTP
 * Accept-Language header that is a supported code or whose primary subtag is one (`es-MX` → es;
 * `zh-TW` matches nothing, so Traditional Chinese readers get the store's default). Null outside
 * an API request.
 */
-- PL/pgSQL, as are the readers below: they run for every text of every row shown, and a SQL
-- function that is not inlined (a pinned search_path prevents it) is planned on every call.
create function private.reader_locale()
returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_locale text := private.check_locale(nullif(current_setting('cardclub.locale', true), ''));
begin
  if v_locale is not null then
    return v_locale;
  end if;
  return (select l.code
     from unnest(string_to_array(
            nullif(current_setting('request.headers', true), '')::json ->> 'accept-language', ','))
          with ordinality as h (tag, n)
     cross join lateral (select btrim(split_part(h.tag, ';', 1)) as tag) t
     join private.locales() l on lower(l.code) in (lower(t.tag), lower(split_part(t.tag, '-', 1)))
     order by h.n, lower(l.code) = lower(t.tag) desc
     limit 1);
end
$$;

/** A store's default language; texts of its rows must have it. */
create function private.store_locale(p_store_id uuid)
returns text
language plpgsql stable
set search_path = ''
as $$
begin
  return (select s.default_locale from public.stores s where s.id = p_store_id);
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Reading a text in a language
-- ---------------------------------------------------------------------------------------------

/**
 * The one fallback rule: the language in which `p_text` is read — `p_locale` (when null, the
 * request's language, see reader_locale) if the map has it, else the store's default
 * `p_default`, else the first language it has. Null when the map is empty (an optional field
 * left blank). Readers show the text with this as its `lang`, so a fallback is announced in
 * the language it is written in.
 */
create function private.local_locale(p_text jsonb, p_default text, p_locale text default null)
returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_locale text := coalesce(p_locale, private.reader_locale());
begin
  if p_text ? v_locale then
    return v_locale;
  elsif p_text ? p_default then
    return p_default;
  end if;
  return (select l.code from private.locales() l where p_text ? l.code order by l."position" limit 1);
end
$$;

/** The value of `p_text` in its local_locale: a JSON string, or an array of strings for perks. */
create function private.local_value(p_text jsonb, p_default text, p_locale text default null)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
  return p_text -> private.local_locale(p_text, p_default, p_locale);
end
$$;

/** local_value of a one-text field, as text. */
create function private.local_text(p_text jsonb, p_default text, p_locale text default null)
returns text
language plpgsql stable
set search_path = ''
as $$
begin
  return private.local_value(p_text, p_default, p_locale) #>> '{}';
end
$$;

/**
 * A field as the RPCs return it: `{<p_field>: value, <p_field>_lang: its language}`, both null
 * when the map is empty (see local_locale).
 */
create function private.local_field(p_field text, p_text jsonb, p_default text, p_locale text default null)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  v_code text := private.local_locale(p_text, p_default, p_locale);
begin
  return jsonb_build_object(p_field, p_text -> v_code, p_field || '_lang', v_code);
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Writing: which fields are merchant text, and their rules
-- ---------------------------------------------------------------------------------------------

/**
 * Every merchant-text field: its table, the most characters one language's text may have, its
 * shape ('line': one line; 'block': tab and line breaks allowed; 'lines': a list of at most 20
 * one-line texts of at most 200 characters, the perks rule) and whether it must have a text.
 */
create function private.merchant_text_fields()
returns table (table_name text, field text, max_length int, shape text, required boolean)
language sql immutable
set search_path = ''
as $$
  values
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

/** Why one language's value breaks the field's rule, or null when it does not. */
create function private.merchant_text_problem(p_value jsonb, p_max int, p_shape text)
returns text
language sql immutable
set search_path = ''
as $$
  select case
    when p_shape = 'lines' then case
      when jsonb_typeof(p_value) <> 'array' or exists (
          select 1 from jsonb_array_elements(p_value) e where jsonb_typeof(e) <> 'string') then 'must be a list of texts'
      when not private.are_perks(array(select jsonb_array_elements_text(p_value))) then
        'must be at most 20 lines of 1-200 characters, without control characters'
    end
    when jsonb_typeof(p_value) <> 'string' then 'must be text'
    when length(btrim(p_value #>> '{}', E' \t\n\r')) = 0 then 'must not be blank: leave the language out instead'
    when length(btrim(p_value #>> '{}')) > p_max then format('must be at most %s characters', p_max)
    when p_shape = 'line' and not private.is_single_line(p_value #>> '{}') then 'must be a single line without control characters'
    when p_shape = 'block' and not private.is_text_block(p_value #>> '{}') then 'must not contain control characters'
  end
$$;

/** The CHECK backstop: a JSON object from supported languages to values that meet the field's rule. */
create function private.is_merchant_text(p_text jsonb, p_max int, p_shape text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select jsonb_typeof(p_text) = 'object'
    and not exists (select 1 from jsonb_each(p_text) e
                    where not private.is_locale(e.key) or private.merchant_text_problem(e.value, p_max, p_shape) is not null)
$$;

/**
 * BEFORE INSERT OR UPDATE on every table with merchant text: a plain string (or a perks array)
 * is taken as the store's default language; then each field is checked language by language
 * and refused with 22023 naming the field and the language (`name.zh-CN must be a single line…`,
 * `name has a text in fr, which is not a supported language (en, zh-CN, es)`, `name needs a text
 * in es, the store's default language`). Runs as the writing role.
 */
create function private.check_merchant_texts()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_row jsonb := to_jsonb(new);
  v_default text := private.store_locale(new.store_id);
  v_field record;
  v_text jsonb;
  v_entry record;
  v_problem text;
  v_changes jsonb := '{}';
begin
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
      v_problem := private.merchant_text_problem(v_entry.value, v_field.max_length, v_field.shape);
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
 * merchant wrote something. Refused with 23514 naming the first field that lacks it.
 */
create function private.guard_default_locale()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_field record;
  v_missing boolean;
begin
  for v_field in select * from private.merchant_text_fields() loop
    execute format('select exists (select 1 from public.%I t where t.store_id = $1 and t.%I <> ''{}'' and not t.%I ? $2)',
      v_field.table_name, v_field.field, v_field.field)
    into v_missing using new.id, new.default_locale;
    if v_missing then
      perform private.reject('default_locale', format('cannot become %s: some %s.%s has no text in %s yet',
        new.default_locale, v_field.table_name, v_field.field, new.default_locale), '23514');
    end if;
  end loop;
  return new;
end
$$;

revoke execute on function private.locales(), private.is_locale(text), private.locale_list(), private.check_locale(text, text),
  private.reader_locale(), private.store_locale(uuid), private.local_locale(jsonb, text, text),
  private.local_value(jsonb, text, text), private.local_text(jsonb, text, text), private.local_field(text, jsonb, text, text),
  private.merchant_text_fields(), private.merchant_text_problem(jsonb, int, text),
  private.is_merchant_text(jsonb, int, text), private.check_merchant_texts(), private.guard_default_locale() from public;
-- Constraints, triggers and the public reads below run these as the calling role.
grant execute on function private.locales(), private.is_locale(text), private.locale_list(), private.check_locale(text, text),
  private.reader_locale(), private.store_locale(uuid), private.local_locale(jsonb, text, text),
  private.local_value(jsonb, text, text), private.local_text(jsonb, text, text), private.local_field(text, jsonb, text, text),
  private.merchant_text_fields(), private.merchant_text_problem(jsonb, int, text),
  private.is_merchant_text(jsonb, int, text) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Stores and contacts: languages are the supported set
-- ---------------------------------------------------------------------------------------------

alter table public.stores drop constraint stores_default_locale_check;
alter table public.stores add constraint stores_default_locale_supported check (private.is_locale(default_locale));
alter table public.member_contacts drop constraint member_contacts_preferred_locale_check;
alter table public.member_contacts add constraint member_contacts_preferred_locale_supported
  check (preferred_locale is null or private.is_locale(preferred_locale));
create trigger stores_guard_default_locale before update of default_locale on public.stores
  for each row when (new.default_locale is distinct from old.default_locale)
  execute function private.guard_default_locale();

-- ---------------------------------------------------------------------------------------------
-- Existing texts become maps in their store's default language
-- ---------------------------------------------------------------------------------------------
-- Every non-blank value moves unchanged under the store's default language; a blank optional
-- text (description '', perks '{}') becomes the empty map, which reads as no text. The old
-- text CHECKs are replaced by the map rule; the old one-line and length rules live on inside it.

alter table public.tiers
  drop constraint tiers_name_check,
  drop constraint tiers_name_single_line,
  drop constraint tiers_perks_at_most_20_lines,
  alter column perks drop default;
alter table public.tiers
  alter column name type jsonb using jsonb_build_object(private.store_locale(store_id), name),
  alter column perks type jsonb using case when cardinality(perks) = 0 then '{}'::jsonb
                                           else jsonb_build_object(private.store_locale(store_id), to_jsonb(perks)) end,
  alter column perks set default '{}',
  add constraint tiers_name_is_merchant_text check (private.is_merchant_text(name, 60, 'line')),
  add constraint tiers_perks_is_merchant_text check (private.is_merchant_text(perks, 200, 'lines'));

alter table public.products
  drop constraint products_name_check,
  drop constraint products_description_check,
  drop constraint products_name_single_line,
  drop constraint products_description_text,
  alter column description drop default;
alter table public.products
  alter column name type jsonb using jsonb_build_object(private.store_locale(store_id), name),
  alter column description type jsonb using case when btrim(description, E' \t\n\r') = '' then '{}'::jsonb
                                                 else jsonb_build_object(private.store_locale(store_id), description) end,
  alter column description set default '{}',
  add constraint products_name_is_merchant_text check (private.is_merchant_text(name, 200, 'line')),
  add constraint products_description_is_merchant_text check (private.is_merchant_text(description, 5000, 'block'));

alter table public.coupons
  drop constraint coupons_description_check,
  drop constraint coupons_description_text,
  alter column description drop default;
alter table public.coupons
  alter column description type jsonb using case when btrim(description, E' \t\n\r') = '' then '{}'::jsonb
                                                 else jsonb_build_object(private.store_locale(store_id), description) end,
  alter column description set default '{}',
  add constraint coupons_description_is_merchant_text check (private.is_merchant_text(description, 500, 'block'));

alter table public.rewards
  drop constraint rewards_name_check,
  drop constraint rewards_description_check,
  drop constraint rewards_name_single_line,
  drop constraint rewards_description_text,
  alter column description drop default;
alter table public.rewards
  alter column name type jsonb using jsonb_build_object(private.store_locale(store_id), name),
  alter column description type jsonb using case when btrim(description, E' \t\n\r') = '' then '{}'::jsonb
                                                 else jsonb_build_object(private.store_locale(store_id), description) end,
  alter column description set default '{}',
  add constraint rewards_name_is_merchant_text check (private.is_merchant_text(name, 120, 'line')),
  add constraint rewards_description_is_merchant_text check (private.is_merchant_text(description, 1000, 'block'));

-- History keeps a tier's name in every language it had when the change happened.
alter table public.tier_changes
  alter column from_tier_name type jsonb using case when from_tier_name is not null
                                                    then jsonb_build_object(private.store_locale(store_id), from_tier_name) end,
  alter column to_tier_name type jsonb using case when to_tier_name is not null
                                                  then jsonb_build_object(private.store_locale(store_id), to_tier_name) end;

create trigger tiers_check_merchant_texts before insert or update of name, perks on public.tiers
  for each row execute function private.check_merchant_texts();
create trigger products_check_merchant_texts before insert or update of name, description on public.products
  for each row execute function private.check_merchant_texts();
create trigger coupons_check_merchant_texts before insert or update of description on public.coupons
  for each row execute function private.check_merchant_texts();
create trigger rewards_check_merchant_texts before insert or update of name, description on public.rewards
  for each row execute function private.check_merchant_texts();

/**
 * Every new store starts with the three default tiers of seeds 001 and 003, named in every
 * language written here. A store whose default language is not among them (one added to
 * private.locales() without names here yet) gets the English names under its language too, as
 * placeholders to rename: its texts must have its default language (check_merchant_texts).
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
      '{"en": ["Member-exclusive styles first"], "zh-CN": ["会员专属款抢先看"], "es": ["Primero en ver los estilos exclusivos"]}')
  ) as d (rank, name, min_paid_orders, min_paid_amount, discount_percent, prepay_regular_percent, prepay_customized_percent,
          sample_quota, free_freight, logistics_upgrade, priority_delivery, points_multiplier, rebate_percent, perks);
  return new;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The merchant's card
-- ---------------------------------------------------------------------------------------------

/**
 * The merchant's business card, given to a buyer in return for theirs (issue 11) and shown on
 * the store page: one per store. Title, the sales contact's job title, address and introduction
 * are merchant text; the contact details are not translated.
 */
create table public.merchant_cards (
  store_id uuid primary key references public.stores (id) on delete cascade,
  -- The name the merchant trades under on its card, e.g. "Lumina Hair Co. — wholesale wigs".
  title jsonb not null,
  contact_name text check (length(btrim(contact_name)) between 1 and 120),
  contact_title jsonb not null default '{}',
  email text,
  phone text,
  whatsapp text,
  wechat text,
  website text,
  address jsonb not null default '{}',
  introduction jsonb not null default '{}',
  -- Object name of the logo, '<store_id>/<file>'; the bucket that holds it comes with issue 11.
  logo_path text,
  updated_at timestamptz not null default now(),
  constraint merchant_cards_title_is_merchant_text check (private.is_merchant_text(title, 120, 'line')),
  constraint merchant_cards_contact_title_is_merchant_text check (private.is_merchant_text(contact_title, 120, 'line')),
  constraint merchant_cards_address_is_merchant_text check (private.is_merchant_text(address, 500, 'block')),
  constraint merchant_cards_introduction_is_merchant_text check (private.is_merchant_text(introduction, 2000, 'block')),
  constraint merchant_cards_contact_name_single_line check (private.is_single_line(contact_name)),
  constraint merchant_cards_email_is_an_email check (private.is_email(email)),
  constraint merchant_cards_phone_is_a_phone check (private.is_phone(phone)),
  constraint merchant_cards_whatsapp_is_a_phone check (private.is_phone(whatsapp)),
  constraint merchant_cards_wechat_is_a_wechat_id check (private.is_wechat_id(wechat)),
  constraint merchant_cards_website_is_a_web_url check (private.is_web_url(website)),
  constraint merchant_cards_logo_in_store_folder check (
    logo_path like store_id::text || '/%' and length(logo_path) <= 1024 and private.is_single_line(logo_path)
    and logo_path !~ '(^|/)\.{0,2}(/|$)')
);
comment on table public.merchant_cards is 'The merchant''s business card, one per store. Readable by anyone; the store''s staff edit it.';

/** Contact fields as the member cards take them: trimmed to null when blank, refused (22023) when malformed. */
create function private.check_merchant_card()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.contact_name := private.clean_line('contact_name', new.contact_name, 120);
  new.email := private.clean_format('email', new.email, 'email');
  new.phone := private.clean_format('phone', new.phone, 'phone');
  new.whatsapp := private.clean_format('whatsapp', new.whatsapp, 'phone');
  new.wechat := private.clean_format('wechat', new.wechat, 'wechat');
  new.website := private.clean_format('website', new.website, 'web_url');
  new.updated_at := now();
  return new;
end
$$;
revoke execute on function private.check_merchant_card() from public;
grant execute on function private.clean_line(text, text, int) to authenticated, service_role;

create trigger merchant_cards_check_merchant_texts before insert or update on public.merchant_cards
  for each row execute function private.check_merchant_texts();
create trigger merchant_cards_check_contact before insert or update on public.merchant_cards
  for each row execute function private.check_merchant_card();

alter table public.merchant_cards enable row level security;
revoke all on table public.merchant_cards from anon, authenticated;
grant select on table public.merchant_cards to anon, authenticated;
grant insert, delete on table public.merchant_cards to authenticated;
grant update (title, contact_name, contact_title, email, phone, whatsapp, wechat, website, address, introduction, logo_path)
  on table public.merchant_cards to authenticated;

create policy "Anyone reads merchant cards" on public.merchant_cards
  for select to anon, authenticated using (true);
create policy "Staff add their store's card" on public.merchant_cards
  for insert to authenticated with check (store_id in (select private.staff_store_ids()));
create policy "Staff edit their store's card" on public.merchant_cards
  for update to authenticated
  using (store_id in (select private.staff_store_ids()))
  with check (store_id in (select private.staff_store_ids()));
create policy "Staff remove their store's card" on public.merchant_cards
  for delete to authenticated using (store_id in (select private.staff_store_ids()));

-- ---------------------------------------------------------------------------------------------
-- Direct table reads: computed fields
-- ---------------------------------------------------------------------------------------------
-- PostgREST treats a function taking a table's row as a column of that table ("computed
-- field"): `select=id,name:name_local` returns the name in the request's language (the
-- Accept-Language header, else the store's default, else any), `order=name_local` sorts by it.
-- The maps themselves stay readable (`select=name`) for editors.

create function public.name_local(public.tiers) returns text language sql stable set search_path = ''
as $$ select private.local_text($1.name, private.store_locale($1.store_id)) $$;
create function public.perks_local(public.tiers) returns jsonb language sql stable set search_path = ''
as $$ select coalesce(private.local_value($1.perks, private.store_locale($1.store_id)), '[]') $$;
create function public.name_local(public.products) returns text language sql stable set search_path = ''
as $$ select private.local_text($1.name, private.store_locale($1.store_id)) $$;
create function public.description_local(public.products) returns text language sql stable set search_path = ''
as $$ select coalesce(private.local_text($1.description, private.store_locale($1.store_id)), '') $$;
create function public.description_local(public.coupons) returns text language sql stable set search_path = ''
as $$ select coalesce(private.local_text($1.description, private.store_locale($1.store_id)), '') $$;
create function public.name_local(public.rewards) returns text language sql stable set search_path = ''
as $$ select private.local_text($1.name, private.store_locale($1.store_id)) $$;
create function public.description_local(public.rewards) returns text language sql stable set search_path = ''
as $$ select coalesce(private.local_text($1.description, private.store_locale($1.store_id)), '') $$;
create function public.from_tier_name_local(public.tier_changes) returns text language sql stable set search_path = ''
as $$ select private.local_text($1.from_tier_name, private.store_locale($1.store_id)) $$;
create function public.to_tier_name_local(public.tier_changes) returns text language sql stable set search_path = ''
as $$ select private.local_text($1.to_tier_name, private.store_locale($1.store_id)) $$;
create function public.title_local(public.merchant_cards) returns text language sql stable set search_path = ''
as $$ select private.local_text($1.title, private.store_locale($1.store_id)) $$;
create function public.contact_title_local(public.merchant_cards) returns text language sql stable set search_path = ''
as $$ select private.local_text($1.contact_title, private.store_locale($1.store_id)) $$;
create function public.address_local(public.merchant_cards) returns text language sql stable set search_path = ''
as $$ select private.local_text($1.address, private.store_locale($1.store_id)) $$;
create function public.introduction_local(public.merchant_cards) returns text language sql stable set search_path = ''
as $$ select private.local_text($1.introduction, private.store_locale($1.store_id)) $$;

revoke execute on function public.name_local(public.tiers), public.perks_local(public.tiers), public.name_local(public.products),
  public.description_local(public.products), public.description_local(public.coupons), public.name_local(public.rewards),
  public.description_local(public.rewards), public.from_tier_name_local(public.tier_changes),
  public.to_tier_name_local(public.tier_changes), public.title_local(public.merchant_cards),
  public.contact_title_local(public.merchant_cards), public.address_local(public.merchant_cards),
  public.introduction_local(public.merchant_cards) from public, anon, authenticated;
-- They read only the row they are given (already through its table's RLS) and the public store.
grant execute on function public.name_local(public.tiers), public.perks_local(public.tiers), public.name_local(public.products),
  public.description_local(public.products), public.description_local(public.coupons), public.name_local(public.rewards),
  public.description_local(public.rewards), public.from_tier_name_local(public.tier_changes),
  public.to_tier_name_local(public.tier_changes), public.title_local(public.merchant_cards),
  public.contact_title_local(public.merchant_cards), public.address_local(public.merchant_cards),
  public.introduction_local(public.merchant_cards) to anon, authenticated;

/**
 * The language each merchant text of a row of `p_table` reads in, as the *_local fields above
 * pick it: `{"name": "es", "description": "en"}` (null for a field without text). Tier history is
 * not written by merchants (so not in merchant_text_fields) but keeps their tier names.
 */
create function private.text_langs(p_row jsonb, p_table text)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_object_agg(f.field, private.local_locale(p_row -> f.field, d.locale))
  from (select m.field from private.merchant_text_fields() m where m.table_name = p_table
        union all
        select h.field from unnest('{from_tier_name, to_tier_name}'::text[]) h (field) where p_table = 'tier_changes') f
  cross join (select private.store_locale((p_row ->> 'store_id')::uuid) as locale) d
$$;
revoke execute on function private.text_langs(jsonb, text) from public;
grant execute on function private.text_langs(jsonb, text) to anon, authenticated, service_role;

-- `select=name:name_local,langs:text_langs` gives a direct read the languages to mark with `lang`.
create function public.text_langs(public.tiers) returns jsonb language sql stable set search_path = ''
as $$ select private.text_langs(to_jsonb($1), 'tiers') $$;
create function public.text_langs(public.products) returns jsonb language sql stable set search_path = ''
as $$ select private.text_langs(to_jsonb($1), 'products') $$;
create function public.text_langs(public.coupons) returns jsonb language sql stable set search_path = ''
as $$ select private.text_langs(to_jsonb($1), 'coupons') $$;
create function public.text_langs(public.rewards) returns jsonb language sql stable set search_path = ''
as $$ select private.text_langs(to_jsonb($1), 'rewards') $$;
create function public.text_langs(public.merchant_cards) returns jsonb language sql stable set search_path = ''
as $$ select private.text_langs(to_jsonb($1), 'merchant_cards') $$;
create function public.text_langs(public.tier_changes) returns jsonb language sql stable set search_path = ''
as $$ select private.text_langs(to_jsonb($1), 'tier_changes') $$;
revoke execute on function public.text_langs(public.tiers), public.text_langs(public.products), public.text_langs(public.coupons),
  public.text_langs(public.rewards), public.text_langs(public.merchant_cards), public.text_langs(public.tier_changes)
  from public, anon, authenticated;
grant execute on function public.text_langs(public.tiers), public.text_langs(public.products), public.text_langs(public.coupons),
  public.text_langs(public.rewards), public.text_langs(public.merchant_cards), public.text_langs(public.tier_changes)
  to anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- RPCs and helpers whose output is merchant text
-- ---------------------------------------------------------------------------------------------

/**
 * A tier with its rights, as the API shows it, with name and perks in `p_locale` (null: the
 * request's language) and the language each is in (`name_lang`, `perks_lang`; null without perks).
 */
create function private.tier_json(p_tier public.tiers, p_locale text)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  v_default text := private.store_locale(p_tier.store_id);
  v_perks jsonb := private.local_field('perks', p_tier.perks, v_default, p_locale);
begin
  return to_jsonb(p_tier) - 'store_id' - 'created_at' || private.local_field('name', p_tier.name, v_default, p_locale) || v_perks
    || jsonb_build_object('perks', coalesce(jsonb_strip_nulls(v_perks) -> 'perks', '[]'));
end
$$;
revoke execute on function private.tier_json(public.tiers, text) from public;
grant execute on function private.tier_json(public.tiers, text) to anon, authenticated, service_role;

/** The engine's summary calls this form: the request's language (my_membership sets it). */
create or replace function private.tier_json(p_tier public.tiers)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
  return private.tier_json(p_tier, null);
end
$$;

/**
 * The caller's membership (see 000200/000300) with merchant text in `p_locale` (null: the
 * request's Accept-Language, else the store's default). The language travels to the engine's
 * summary in the transaction-local setting reader_locale reads.
 */
drop function public.my_membership(text);
create function public.my_membership(p_store_slug text, p_locale text default null)
returns jsonb
language sql security invoker
set search_path = ''
as $$
  select set_config('cardclub.locale', coalesce(private.check_locale(p_locale), ''), true);
  select private.my_membership(p_store_slug);
$$;
revoke execute on function public.my_membership(text, text) from public, anon, authenticated;
grant execute on function public.my_membership(text, text) to authenticated;

/**
 * The store page and the widget in one read: the store, its merchant's card and its tiers with
 * every merchant text in `p_locale` (null: the request's Accept-Language, else the store's
 * default). `locale` says which language was asked for; each text falls back on its own, as
 * local_locale says, and its `<field>_lang` says which language it came in.
 * Anyone (all of it is public). Errors: PT404 unknown store; 22023 unsupported locale.
 */
create function public.store_profile(p_store_slug text, p_locale text default null)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'store', jsonb_build_object('id', s.id, 'slug', s.slug, 'name', s.name, 'base_currency', s.base_currency,
      'default_locale', s.default_locale, 'statistical_period_days', s.statistical_period_days,
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
revoke execute on function public.store_profile(text, text) from public, anon, authenticated;
grant execute on function public.store_profile(text, text) to anon, authenticated;

/**
 * How many exclusive (members-only or tier-only) active products each tier of a store unlocks,
 * counting everything below it too, with the tier's name in `p_locale` and the language it came
 * in (`tier_name_lang`); no product details.
 * Anyone. Errors: PT404 unknown store; 22023 unsupported locale.
 */
drop function public.tier_teasers(text);
drop function private.tier_teasers(text);
create function private.tier_teasers(p_store_slug text, p_locale text)
returns table (rank int, tier_name text, tier_name_lang text, exclusive_products int)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_locale text := private.check_locale(p_locale);
begin
  return query
    select t.rank, n.field ->> 'name', n.field ->> 'name_lang', (
        select count(*)::int from public.products p
        where p.store_id = t.store_id and p.active and p.visibility <> 'public' and p.min_tier_rank <= t.rank)
    from public.tiers t
    cross join private.local_field('name', t.name, v_store.default_locale, v_locale) n (field)
    where t.store_id = v_store.id
    order by t.rank;
end
$$;
revoke execute on function private.tier_teasers(text, text) from public;
grant execute on function private.tier_teasers(text, text) to anon, authenticated;

create function public.tier_teasers(p_store_slug text, p_locale text default null)
returns table (rank int, tier_name text, tier_name_lang text, exclusive_products int)
language sql stable security invoker
set search_path = ''
as $$ select * from private.tier_teasers(p_store_slug, p_locale) $$;
revoke execute on function public.tier_teasers(text, text) from public, anon, authenticated;
grant execute on function public.tier_teasers(text, text) to anon, authenticated;

/**
 * The store's active products the caller may see (products' RLS decides: this runs as the
 * caller), with name and description in `p_locale` (null: the request's Accept-Language, else
 * the store's default) and the language each came in (`name_lang`, `description_lang`: null for
 * no description), and the caller's member price, prepayment percent and minimum order
 * quantity for their tier. Public first, then by tier, then by name in the reading language's
 * ICU collation (pinyin for zh-CN). For visitors and non-members the tier columns are null and
 * sample_eligible false. Errors: PT404 unknown store; 22023 unsupported locale.
 */
drop function public.store_catalogue(text);
create function public.store_catalogue(p_store_slug text, p_locale text default null)
returns table (
  id uuid, sku text, name text, name_lang text, description text, description_lang text, kind text,
  currency char(3), list_price numeric,
  member_price numeric, discount_percent numeric, prepay_percent numeric, moq int,
  visibility text, min_tier_rank int, image_path text, sample_eligible boolean
)
language plpgsql stable security invoker
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_locale text := coalesce(private.check_locale(p_locale), private.reader_locale(), v_store.default_locale);
  v_tier public.tiers;
  v_can_claim boolean := false;
begin
  select * into v_tier from public.tiers t
  where t.id = (select m.tier_id from private.my_tier_at(v_store.id) m);
  select m.can_claim_sample into v_can_claim from private.my_tier_at(v_store.id) m;
  -- A collation cannot be a parameter: it comes from private.locales(), never from the caller.
  return query execute format($sql$
    select p.id, p.sku, name.field ->> 'name', name.field ->> 'name_lang',
      coalesce(description.field ->> 'description', ''), description.field ->> 'description_lang',
      p.kind, p.currency, p.price,
      round(p.price * (1 - $4 / 100), 2),
      $4,
      case p.kind when 'customized' then $6 else $5 end,
      -- A tier's MOQ override can lower a product's minimum, never raise it.
      least(p.moq, coalesce($7, p.moq)),
      p.visibility, p.min_tier_rank, p.image_path,
      coalesce($8, false)
    from public.products p
    cross join private.local_field('name', p.name, $1, $2) name (field)
    cross join private.local_field('description', p.description, $1, $2) description (field)
    where p.store_id = $3 and p.active
    order by p.visibility = 'public' desc, p.min_tier_rank, name.field ->> 'name' collate %I, p.id
  $sql$, (select l.collation_name from private.locales() l where l.code = v_locale))
  using v_store.default_locale, v_locale, v_store.id, v_tier.discount_percent, v_tier.prepay_regular_percent,
    v_tier.prepay_customized_percent, v_tier.moq_override, v_can_claim;
end
$$;
revoke execute on function public.store_catalogue(text, text) from public, anon, authenticated;
grant execute on function public.store_catalogue(text, text) to anon, authenticated;

/**
 * A coupon's description in the request's language with the language it came in
 * (`description_lang`), as ledger_summary shows it (see 000300).
 */
create or replace function private.coupon_description(p_coupon public.coupons)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('description', coalesce(d.field ->> 'description', ''), 'description_lang', d.field ->> 'description_lang')
  from private.local_field('description', p_coupon.description, private.store_locale(p_coupon.store_id)) d (field)
$$;

/** A redemption's ledger row keeps the reward's name in the store's default language (see 000300). */
create or replace function private.reward_note(p_reward public.rewards)
returns text
language sql stable
set search_path = ''
as $$
  select private.local_text(p_reward.name, d.locale, d.locale)
  from (select private.store_locale(p_reward.store_id) as locale) d
$$;
