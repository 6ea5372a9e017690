-- Tiers per store, and merchant names that show what they say (from a security walk of the
-- day's changes).
--
-- 1. A store may have at most 20 tiers (private.tier_limit). Nothing capped them: one staff login
--    inserted 4,630 tiers into a store, 500 a request, and the anonymous store_profile answer that
--    every store page and widget visitor loads grew to 1 MB (727 ms); the owner's what-if (at most
--    50 tiers) and the tier-removal dialog stopped working. Merchants use three to six tiers;
--    twenty leaves room and keeps store_profile small. tier_what_if now takes as many tiers as a
--    store may have, or as it has when it had more before this migration (so that its owner can
--    still open the tiers screen and remove some); it took 50 before.
-- 2. Inserts of a store's tiers take turns: each waits, before its first row is written, for the
--    one before to commit (a transaction-scoped advisory lock per store). So the count of 1.
--    cannot be raced, and two requests inserting tiers named X and Y, and Y and X, no longer
--    deadlock (40P01) while recording the names row by row (20261209000200): the second is
--    refused with 23505. Not a lock on the store's row: the name check shares that row after the
--    rows are written, so a row lock taken here would deadlock an insert that moves other tiers
--    aside (tiers_make_room) against a rename of one of them.
-- 3. Merchant texts must show what they say (private.merchant_text_shown_problem, which
--    check_merchant_texts now runs): a text that shows nothing once invisible characters are left
--    out is blank ({"en": "\u200b"}, a lone combining accent), and a one-line text (a name) may
--    not hold direction controls: "\u202ePIV" displays as "VIP", and a name shown inside a sentence
--    would reorder the rest of it. Tier names are compared without every default-ignorable
--    character (variation selectors, the combining grapheme joiner, Hangul fillers, tag
--    characters) and the braille blank, so "VIP\u034f" is VIP's name; the names already recorded
--    are recorded again by the new comparison. Emoji with a variation selector (❤️) and accents
--    written as combining marks (e + U+0301) are text as before. Look-alike letters of other
--    scripts (a Cyrillic Р in "VIP") are not folded.
--    Rows that already hold such texts stay, and so do tiers whose names now compare equal (the
--    lower rank keeps the name, as in 20261209000200): these rules judge what is written, in the
--    BEFORE trigger, and not in the CHECK constraints, which every later update of a row runs (a
--    product's gate moving with its tier); the next save of such a text is refused.
--
-- Re-created from their latest definitions, otherwise unchanged:
-- - private.what_if_tiers (20261202000400_tier_what_if.sql): the limit of 1.;
-- - private.check_merchant_texts (20261202000300_merchant_text_languages.sql): the rules of 3.;
-- - private.tier_name_key (20261209000200_distinct_tier_names.sql): the characters of 3.

-- ---------------------------------------------------------------------------------------------
-- Tiers per store
-- ---------------------------------------------------------------------------------------------

/** The most tiers a store may have. */
create function private.tier_limit()
returns int
language sql immutable
set search_path = ''
as $$
  select 20
$$;

/**
 * BEFORE INSERT on tiers: inserts into one store take turns, each waiting until the one before
 * commits or rolls back; then a tier beyond the store's limit is refused with P0001 `store_id may
 * have at most 20 tiers: remove one before adding another`. Fires before tiers_make_room
 * (triggers of a kind fire by name), which moves other tiers of the store.
 */
create function private.limit_tiers_per_store()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('cardclub.tiers:' || new.store_id::text, 0));
  -- An upsert fires insert triggers for rows it will update: a tier the store has adds none.
  if exists (select 1 from public.tiers t where t.id = new.id) then
    return new;
  end if;
  -- A statement after the lock reads a new snapshot: the tiers the insert before committed, and
  -- those this statement's earlier rows wrote.
  if (select count(*) from public.tiers t where t.store_id = new.store_id) >= private.tier_limit() then
    perform private.reject('store_id', format('may have at most %s tiers: remove one before adding another', private.tier_limit()), 'P0001');
  end if;
  return new;
end
$$;
revoke execute on function private.tier_limit(), private.limit_tiers_per_store() from public;

create trigger tiers_limit_per_store before insert on public.tiers
  for each row execute function private.limit_tiers_per_store();

/**
 * The proposed tiers, checked: a non-empty array of objects {id?, rank, min_paid_orders,
 * min_paid_amount}, at most as many as the store may have (private.tier_limit), or as it has
 * when that is more. `id` names an existing tier of the store (kept,
 * perhaps re-ranked), absent for a new one; ranks are distinct; the ordinary tier stays at rank 0
 * with no thresholds, as the tiers table requires. Errors name the element: `tiers[2].rank ...`.
 */
create or replace function private.what_if_tiers(p_store_id uuid, p_tiers jsonb)
returns table (idx int, id uuid, rank int, min_paid_orders int, min_paid_amount numeric)
language plpgsql stable
set search_path = ''
as $$
declare
  v_tier jsonb;
  v_idx int := 0;
  v_field text;
  v_id uuid;
  v_rank int;
  v_orders int;
  v_amount numeric;
  v_seen_ids uuid[] := '{}';
  v_seen_ranks int[] := '{}';
  v_ordinary uuid := (select t.id from public.tiers t where t.store_id = p_store_id and t.rank = 0);
  v_most int := greatest(private.tier_limit(), (select count(*) from public.tiers t where t.store_id = p_store_id));
begin
  if jsonb_typeof(p_tiers) is distinct from 'array' or jsonb_array_length(p_tiers) = 0 then
    perform private.reject('tiers', 'must be a non-empty array of tiers');
  end if;
  if jsonb_array_length(p_tiers) > v_most then
    perform private.reject('tiers', format('must hold at most %s tiers', v_most));
  end if;
  for v_tier in select e from jsonb_array_elements(p_tiers) e loop
    v_field := format('tiers[%s]', v_idx);
    if jsonb_typeof(v_tier) <> 'object' then
      perform private.reject(v_field, 'must be an object');
    end if;
    if exists (select 1 from jsonb_object_keys(v_tier) k
               where k not in ('id', 'rank', 'min_paid_orders', 'min_paid_amount')) then
      perform private.reject(v_field, 'may hold only id, rank, min_paid_orders and min_paid_amount');
    end if;

    v_id := null;
    if v_tier ? 'id' and jsonb_typeof(v_tier -> 'id') <> 'null' then
      if jsonb_typeof(v_tier -> 'id') <> 'string'
         or (v_tier ->> 'id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
        perform private.reject(v_field || '.id', 'must be a tier id (a UUID) or absent for a new tier');
      end if;
      v_id := (v_tier ->> 'id')::uuid;
      if not exists (select 1 from public.tiers t where t.id = v_id and t.store_id = p_store_id) then
        perform private.reject(v_field || '.id', 'is not a tier of this store');
      end if;
      if v_id = any (v_seen_ids) then
        perform private.reject(v_field || '.id', 'appears twice');
      end if;
      v_seen_ids := v_seen_ids || v_id;
    end if;

    if jsonb_typeof(v_tier -> 'rank') is distinct from 'number' or (v_tier ->> 'rank') !~ '^[0-9]{1,4}$' then
      perform private.reject(v_field || '.rank', 'must be a whole number from 0 to 9999');
    end if;
    v_rank := (v_tier ->> 'rank')::int;
    if v_rank = any (v_seen_ranks) then
      perform private.reject(v_field || '.rank', 'is already the rank of another tier');
    end if;
    v_seen_ranks := v_seen_ranks || v_rank;

    if jsonb_typeof(v_tier -> 'min_paid_orders') is distinct from 'number'
       or (v_tier ->> 'min_paid_orders') !~ '^[0-9]{1,9}$' then
      perform private.reject(v_field || '.min_paid_orders', 'must be a whole number from 0 to 999999999');
    end if;
    v_orders := (v_tier ->> 'min_paid_orders')::int;
    if jsonb_typeof(v_tier -> 'min_paid_amount') is distinct from 'number' then
      perform private.reject(v_field || '.min_paid_amount', 'must be an amount from 0 with at most two decimals, below 1000000000000');
    end if;
    v_amount := (v_tier ->> 'min_paid_amount')::numeric;
    if v_amount < 0 or v_amount >= 1e12 or v_amount <> round(v_amount, 2) then
      perform private.reject(v_field || '.min_paid_amount', 'must be an amount from 0 with at most two decimals, below 1000000000000');
    end if;

    if (v_rank = 0) <> (v_id is not distinct from v_ordinary) then
      perform private.reject(v_field || '.rank', 'must be 0 for the ordinary tier and only for it');
    end if;
    if v_rank = 0 and (v_orders <> 0 or v_amount <> 0) then
      perform private.reject(v_field, 'is the ordinary tier, which has no thresholds (min_paid_orders and min_paid_amount 0)');
    end if;

    idx := v_idx; id := v_id; rank := v_rank; min_paid_orders := v_orders; min_paid_amount := v_amount;
    return next;
    v_idx := v_idx + 1;
  end loop;
  if not (0 = any (v_seen_ranks)) then
    perform private.reject('tiers', 'must keep the ordinary tier (its id, at rank 0)');
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Texts that show what they say
-- ---------------------------------------------------------------------------------------------

/**
 * `p_value` without the characters that show nothing where they stand: Unicode's default-ignorable
 * code points (DerivedCoreProperties.txt: zero-width spaces and joiners, direction marks and
 * controls, the soft hyphen, variation selectors, the combining grapheme joiner, Hangul fillers,
 * tag characters) and the braille blank U+2800, which fonts draw as an empty cell.
 */
create function private.without_invisibles(p_value text)
returns text
language sql immutable
set search_path = ''
as $$
  select regexp_replace(p_value, '[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]', '', 'g')
$$;

-- ICU's root collation at primary strength: only base characters weigh, so a text of nothing but
-- combining marks (and format characters) equals the empty text.
create collation private.base_characters (provider = icu, locale = 'und-u-ks-level1', deterministic = false);

/**
 * Whether `p_value` shows anything: more than white space, the invisible characters above and
 * marks with nothing to sit on (a lone combining accent). Marks with a weight of their own, which
 * render on a dotted circle (a Thai or Devanagari vowel sign alone), count as shown.
 */
create function private.is_visible_text(p_value text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select (regexp_replace(private.without_invisibles(p_value), '[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]', '', 'g')
          collate private.base_characters) <> ''
$$;

/**
 * Why one language's value, well formed by merchant_text_problem, would not show what the
 * merchant wrote, or null: it shows nothing (a perk line that shows nothing), or, in a one-line
 * text, it holds direction controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069),
 * which would reorder what it displays and, in a name shown inside a sentence, the words after
 * it. Multi-line texts and perks keep them: each is shown as a paragraph or list item of its own,
 * where they reach nothing else, and Arabic or Hebrew text may need them.
 */
create function private.merchant_text_shown_problem(p_value jsonb, p_shape text)
returns text
language sql immutable
set search_path = ''
as $$
  select case
    when p_shape = 'lines' then case
      when exists (select 1 from jsonb_array_elements_text(p_value) e where not private.is_visible_text(e)) then
        'must not have blank lines: lines of invisible characters show nothing'
    end
    when not private.is_visible_text(p_value #>> '{}') then 'must not be blank: leave the language out instead'
    when p_shape = 'line' and p_value #>> '{}' ~ '[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]' then
      'must not contain direction controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069)'
  end
$$;

/**
 * BEFORE INSERT OR UPDATE on every table with merchant text: a plain string (or a perks array)
 * is taken as the store's default language; then each field is checked language by language
 * and refused with 22023 naming the field and the language (`name.zh-CN must be a single line…`,
 * `name.en must not contain direction controls…`, `name has a text in fr, which is not a
 * supported language (en, zh-CN, es)`, `name needs a text in es, the store's default language`).
 * Runs as the writing role.
 */
create or replace function private.check_merchant_texts()
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
 * A tier name as readers tell names apart: invisible characters dropped (without_invisibles: zero-
 * width spaces, direction marks, variation selectors, Hangul fillers, tags…), Unicode-compatible
 * forms folded (the full-width "ＶＩＰ" a Chinese input method types is "VIP"), runs of spaces as
 * one, trimmed, lower case.
 */
create or replace function private.tier_name_key(p_name text)
returns text
language sql immutable
set search_path = ''
as $$
  select btrim(lower(regexp_replace(normalize(private.without_invisibles(p_name), nfkc), '\s+', ' ', 'g') collate "und-x-icu"))
$$;

revoke execute on function private.without_invisibles(text), private.is_visible_text(text),
  private.merchant_text_shown_problem(jsonb, text) from public;
-- check_merchant_texts runs them as the writing role.
grant execute on function private.without_invisibles(text), private.is_visible_text(text),
  private.merchant_text_shown_problem(jsonb, text) to anon, authenticated, service_role;

-- The names the tiers there are show, by the new comparison; lowest rank first: of two that now
-- share a name, the first keeps it.
delete from private.tier_name_keys;
insert into private.tier_name_keys (store_id, locale, name_key, tier_id)
select t.store_id, l.code, private.tier_name_key(coalesce(t.name ->> l.code, t.name ->> s.default_locale)), t.id
from public.tiers t
join public.stores s on s.id = t.store_id
cross join private.locales() l
order by t.store_id, t.rank, l."position"
on conflict do nothing;
