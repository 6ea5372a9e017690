-- A member finds any product of the store they may see, by name or SKU, to request its free
-- sample from My membership. The portal listed only the exclusive products a tier unlocks, and the
-- page's products in the widget: a public product (most of a store's range) had no way to its
-- sample request but from the store page's list, a page at a time.
--
-- - store_catalogue takes `p_search`: only the products whose SKU, or whose name in any of its
--   languages, contains the search (case-insensitive; runs of spaces as one, `%` and `_` taken
--   literally). The filter runs inside the query, before each row's name and description are put
--   in the reading language: filtered by PostgREST on the function's result instead, every search
--   built the whole catalogue first (390 ms at 5,000 products against 18 ms for the match
--   itself). The products' RLS still decides which rows there are: a hidden product is not found
--   by its SKU either. No trigram index: under row security ILIKE (not leakproof) cannot use one,
--   and the store's rows, read through (store_id, sku), are few enough.
-- - private.search_pattern turns a typed search into that pattern.
--
-- Every other line of the re-created function is as in 20261202000300.

/**
 * A search typed into a box as an ILIKE pattern that finds it anywhere in a text: trimmed, each
 * run of spaces as one (the no-break and ideographic spaces too: the database's C character type
 * knows only ASCII ones), LIKE's wildcards and escape taken literally; null when blank. Refuses
 * (22023 on `p_field`) a search of more than `p_max` characters or more than one line.
 */
create function private.search_pattern(p_field text, p_search text, p_max int)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v_search text;
begin
  perform private.check_line(p_field, p_search, p_max);
  v_search := btrim(regexp_replace(p_search, '[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+', ' ', 'g'));
  return '%' || replace(replace(replace(nullif(v_search, ''), '\', '\\'), '%', '\%'), '_', '\_') || '%';
end
$$;
revoke execute on function private.search_pattern(text, text, int) from public;
-- store_catalogue runs as its caller, a visitor too.
grant execute on function private.search_pattern(text, text, int) to anon, authenticated, service_role;

/**
 * The store's active products the caller may see (products' RLS decides: this runs as the
 * caller), with name and description in `p_locale` (null: the request's Accept-Language, else
 * the store's default) and the language each came in (`name_lang`, `description_lang`: null for
 * no description), and the caller's member price, prepayment percent and minimum order
 * quantity for their tier. With `p_search`, only those whose SKU or name (in any language)
 * contains it (private.search_pattern; blank: all). Public first, then by tier, then by name in
 * the reading language's ICU collation (pinyin for zh-CN). For visitors and non-members the tier
 * columns are null and sample_eligible false. Errors: PT404 unknown store; 22023 unsupported
 * locale, or a search over 100 characters or of more than one line.
 */
drop function public.store_catalogue(text, text);
create function public.store_catalogue(p_store_slug text, p_locale text default null, p_search text default null)
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
  v_pattern text := private.search_pattern('search', p_search, 100);
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
      and ($9::text is null or p.sku ilike $9 or exists (select from jsonb_each_text(p.name) n where n.value ilike $9))
    order by p.visibility = 'public' desc, p.min_tier_rank, name.field ->> 'name' collate %I, p.id
  $sql$, (select l.collation_name from private.locales() l where l.code = v_locale))
  using v_store.default_locale, v_locale, v_store.id, v_tier.discount_percent, v_tier.prepay_regular_percent,
    v_tier.prepay_customized_percent, v_tier.moq_override, v_can_claim, v_pattern;
end
$$;
revoke execute on function public.store_catalogue(text, text, text) from public, anon, authenticated;
grant execute on function public.store_catalogue(text, text, text) to anon, authenticated;
