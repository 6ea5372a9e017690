/*
 * The helpers behind the CHECK constraints and the merchant-text trigger, in PL/pgSQL with the
 * same bodies. As SQL functions with `set search_path` they are never inlined, and Postgres 17
 * plans a non-inlined SQL function's statement again at every call that starts its executor: a
 * CHECK in a single-row write, and each nested call inside another helper (bench round 28 found
 * the same in `tier_at`). is_merchant_text planned is_locale, merchant_text_problem, are_perks and
 * is_single_line anew for every language of every field: about 0.6 ms a field with one language,
 * 1 ms with three, measured per statement. PL/pgSQL keeps each function's plans for the session
 * and its simple expressions for the transaction. Same names, arguments, results, volatility and
 * search_path, so the constraints, the trigger, the grants and the index expressions that call
 * them stand unchanged; bench/README.md round 37 has the before and after.
 */

create or replace function private.locales()
returns table(code text, collation_name text, "position" integer)
language plpgsql immutable
set search_path = ''
as $$
begin
  return query values ('en', 'en-x-icu', 1), ('zh-CN', 'zh-x-icu', 2), ('es', 'es-x-icu', 3);
end
$$;

create or replace function private.is_locale(p_code text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return exists (select 1 from private.locales() l where l.code = p_code);
end
$$;

create or replace function private.is_single_line(p_value text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return p_value !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]';
end
$$;

create or replace function private.is_text_block(p_value text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return p_value !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]';
end
$$;

create or replace function private.is_email(p_value text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return length(p_value) <= 254 and private.is_single_line(p_value)
    and p_value ~ '^[^][\s@<>(),;:"\\]{1,64}@([^][\s@<>(),;:"\\.]+\.)+[^][\s@<>(),;:"\\.]{2,63}$';
end
$$;

create or replace function private.is_phone(p_value text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return length(p_value) <= 40
    and p_value ~ '^\+?[0-9 ()./-]{4,32}((ext\.?|x|#) ?[0-9]{1,6})?$'
    and p_value ~ '([0-9][^0-9]*){4}';
end
$$;

create or replace function private.is_wechat_id(p_value text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return p_value ~ '^[A-Za-z0-9+][A-Za-z0-9_.+ -]{0,59}$';
end
$$;

create or replace function private.is_web_url(p_value text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return length(p_value) <= 300
    and p_value ~* '^https?://([a-z0-9\u00a1-\uffff-]+\.)+[a-z\u00a1-\uffff-]{2,63}(:[0-9]{1,5})?([/?#][^\s<>"\\]*)?$';
end
$$;

create or replace function private.is_tracking_number(p_value text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return p_value ~ '^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,99}$';
end
$$;

create or replace function private.is_embed_origin(p_origin text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return p_origin ~ '^https?://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[1-9][0-9]{0,4})?$'
    and length(p_origin) <= 300
    -- A port a browser can report: 1-65535 without leading zeros, and not the scheme's default,
    -- which an origin leaves out.
    and coalesce(substring(p_origin from ':([0-9]+)$')::int <= 65535, true)
    and p_origin !~ '^(https://.*:443|http://.*:80)$';
end
$$;

create or replace function private.are_embed_origins(p_origins text[])
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return p_origins is not null
    and coalesce(array_length(p_origins, 1), 0) <= 50
    and array_position(p_origins, null) is null
    and (select count(distinct o) = count(*) from unnest(p_origins) o)
    and (select bool_and(private.is_embed_origin(o)) from unnest(p_origins) o) is not false;
end
$$;

create or replace function private.are_perks(p_perks text[])
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return cardinality(p_perks) <= 20
    and not exists (select 1 from unnest(p_perks) p
                    where p is null or length(btrim(p)) not between 1 and 200 or not private.is_single_line(p));
end
$$;

create or replace function private.are_product_categories(p_categories text[])
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return p_categories is not null
    and coalesce(array_length(p_categories, 1), 0) <= 20
    and array_position(p_categories, null) is null
    and (select count(distinct lower(c)) = count(*) from unnest(p_categories) c)
    and (select bool_and(length(c) between 1 and 80 and c = btrim(c) and private.is_single_line(c))
         from unnest(p_categories) c) is not false;
end
$$;

create or replace function private.are_post_attachments(p_store_id uuid, p_post_id uuid, p_attachments jsonb)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return jsonb_typeof(p_attachments) = 'array' and jsonb_array_length(p_attachments) <= 20
    and not exists (
      select 1 from jsonb_array_elements(p_attachments) a
      where jsonb_typeof(a) <> 'object'
         or exists (select 1 from jsonb_object_keys(a) k where k not in ('path', 'name', 'size', 'type'))
         or jsonb_typeof(a -> 'path') is distinct from 'string'
         or not starts_with(a ->> 'path', p_store_id::text || '/' || p_post_id::text || '/')
         or length(a ->> 'path') > 1024 or not private.is_single_line(a ->> 'path')
         or (a ->> 'path') ~ '(^|/)\.{0,2}(/|$)'
         or jsonb_typeof(a -> 'name') is distinct from 'string'
         or length(btrim(a ->> 'name')) not between 1 and 200 or not private.is_single_line(a ->> 'name')
         or (a ? 'size' and (jsonb_typeof(a -> 'size') <> 'number' or (a ->> 'size')::numeric not between 0 and 52428800))
         or (a ? 'type' and (jsonb_typeof(a -> 'type') <> 'string' or length(a ->> 'type') > 100)));
end
$$;

create or replace function private.is_purchase_volume(p_value text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return p_value is null or p_value in ('under_10k', '10k_50k', '50k_200k', '200k_1m', 'over_1m');
end
$$;

create or replace function private.contrast_with_white(p_color text)
returns double precision
language plpgsql immutable
set search_path = ''
as $$
begin
  return case when p_color ~ '^#[0-9a-f]{6}$' then
    1.05 / (0.05 + (
      select sum(weight * case when v <= 0.03928 then v / 12.92 else power((v + 0.055) / 1.055, 2.4) end)
      from (
        -- Channel i's two hex digits (at 2i and 2i + 1) as 0-1.
        select weight, (16 * strpos('0123456789abcdef', substr(p_color, 2 * i::int, 1))
            + strpos('0123456789abcdef', substr(p_color, 2 * i::int + 1, 1)) - 17) / 255.0::double precision as v
        from unnest(array[0.2126, 0.7152, 0.0722]::double precision[]) with ordinality as w(weight, i)
      ) channels))
  end;
end
$$;

create or replace function private.merchant_text_fields()
returns table(table_name text, field text, max_length integer, shape text, required boolean)
language plpgsql immutable
set search_path = ''
as $$
begin
  return query values
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
    ('merchant_cards', 'introduction', 2000, 'block', false);
end
$$;

create or replace function private.merchant_text_problem(p_value jsonb, p_max integer, p_shape text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  return case
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
  end;
end
$$;

create or replace function private.is_merchant_text(p_text jsonb, p_max integer, p_shape text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return jsonb_typeof(p_text) = 'object'
    and not exists (select 1 from jsonb_each(p_text) e
                    where not private.is_locale(e.key) or private.merchant_text_problem(e.value, p_max, p_shape) is not null);
end
$$;

create or replace function private.merchant_text_shown_problem(p_value jsonb, p_shape text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  return case
    when p_shape = 'lines' then case
      when exists (select 1 from jsonb_array_elements_text(p_value) e where not private.is_visible_text(e)) then
        'must not have blank lines: lines of invisible characters show nothing'
    end
    when not private.is_visible_text(p_value #>> '{}') then 'must not be blank: leave the language out instead'
    when p_shape = 'line' and private.without_direction_controls(p_value #>> '{}') <> p_value #>> '{}' then
      'must not contain direction controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069)'
  end;
end
$$;

create or replace function private.is_visible_text(p_value text)
returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  return (regexp_replace(private.without_invisibles(p_value), '[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]', '', 'g')
          collate private.base_characters) <> '';
end
$$;

create or replace function private.without_invisibles(p_value text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  return regexp_replace(p_value, '[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]', '', 'g');
end
$$;

create or replace function private.without_direction_controls(p_value text)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  return regexp_replace(p_value, '[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]', '', 'g');
end
$$;
