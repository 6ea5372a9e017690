/**
 * store_catalogue takes its callers' filters and page as parameters, applied inside its query.
 *
 * Its callers filtered its result with PostgREST query parameters (`visibility=eq.public&limit=25
 * &offset=…` on the store page, `sku=in.(…)` in the widget and its frame, `visibility=neq.public`
 * and `id=in.(…)` on My membership), which PostgREST applies after the function: every call built
 * the whole catalogue, each of its products put in the reading language by private.local_field,
 * to keep 25 rows or a handful of SKUs. `p_search` (20261209000800) already showed the cure. At
 * 5,000 products, as a visitor: a store page 25 rows deep into the public ones 69 → 13 ms, five
 * SKUs 71 → 2 ms, the first exclusive page 69 → 4 ms (medians of 15).
 *
 * - `p_skus` and `p_ids`: only the products with those SKUs (exact, as `sku=in.(…)` matched) or
 *   ids, read through products' (store_id, sku) key and primary key; at most 50 of each (a page's
 *   placements, as the widget's frame takes them), each SKU at most 100 characters (the frame's
 *   bound; a product's SKU has at most 64 besides spaces around it).
 * - `p_visibility`: only the products of those visibilities (`{public}` for the store page,
 *   `{members,tier}` for the exclusive catalogue, which one value could not say).
 * - `p_limit` (1 to 100) and `p_offset`: a page of the catalogue's order. Ordering needs every
 *   selected product's name in the reading language, but not its description: the page is cut
 *   before the descriptions are put in the reading language, and the name's language is chosen
 *   by private.local_locale's rule written out in the query, which PL/pgSQL called per row made
 *   most of a page's time.
 *
 * The products' RLS still decides which rows there are (security invoker), and a page is the
 * same rows, in the same order, as the unpaged result cut the same way. The new parameters
 * change the function's signature: the old one is dropped and the new one granted as before.
 * PostgREST filters on the result still work as they did. Every other line is as in
 * 20261209001000, its latest definition.
 */

/**
 * The store's active products the caller may see (products' RLS decides: this runs as the
 * caller), with name and description in `p_locale` (null: the request's Accept-Language, else
 * the store's default) and the language each came in (`name_lang`, `description_lang`: null for
 * no description), and the caller's member price, prepayment percent and minimum order
 * quantity for their tier. With `p_search`, only those whose SKU or name (in any language)
 * contains it, letter case ignored in any script (private.search_pattern; blank: all); with
 * `p_skus`, `p_ids` or `p_visibility`, only those with one of those SKUs (exact), ids or
 * visibilities. Public first, then by tier, then by name in the reading language's ICU collation
 * (pinyin for zh-CN), then by id; `p_limit` rows (all: null) after the first `p_offset` of that
 * order. For visitors and non-members the tier columns are null and sample_eligible false.
 * Errors: PT404 unknown store; 22023 unsupported locale, a search over 100 characters or of more
 * than one line, more than 50 SKUs or ids, a SKU that is null or over 100 characters, a
 * visibility that is not public, members or tier, a limit outside 1 to 100, a negative offset.
 */
drop function public.store_catalogue(text, text, text);
create function public.store_catalogue(
  p_store_slug text, p_locale text default null, p_search text default null,
  p_skus text[] default null, p_ids uuid[] default null, p_visibility text[] default null,
  p_limit int default null, p_offset int default 0
)
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
  if cardinality(p_skus) > 50 then
    perform private.reject('skus', format('has %s SKUs; at most 50', cardinality(p_skus)));
  end if;
  if exists (select from unnest(p_skus) s where s is null or length(s) > 100) then
    perform private.reject('skus', 'must each be a SKU of at most 100 characters');
  end if;
  if cardinality(p_ids) > 50 then
    perform private.reject('ids', format('has %s ids; at most 50', cardinality(p_ids)));
  end if;
  if exists (select from unnest(p_visibility) v where v is null or v not in ('public', 'members', 'tier')) then
    perform private.reject('visibility', 'must each be public, members or tier');
  end if;
  if p_limit not between 1 and 100 then
    perform private.reject('limit', 'must be from 1 to 100');
  end if;
  if p_offset < 0 then
    perform private.reject('offset', 'must be at least 0');
  end if;
  select * into v_tier from public.tiers t
  where t.id = (select m.tier_id from private.my_tier_at(v_store.id) m);
  select m.can_claim_sample into v_can_claim from private.my_tier_at(v_store.id) m;
  -- A collation cannot be a parameter: it comes from private.locales(), never from the caller.
  -- The texts are lower-cased as search_pattern lower-cased the search. The page is cut in the
  -- inner query, whose sort carries only the ids and names; the outer one reads the page's rows
  -- and orders them again, the same way.
  return query execute format($sql$
    select p.id, p.sku, page.name, page.name_lang,
      coalesce(description.field ->> 'description', ''), description.field ->> 'description_lang',
      p.kind, p.currency, p.price,
      round(p.price * (1 - $4 / 100), 2),
      $4,
      case p.kind when 'customized' then $6 else $5 end,
      -- A tier's MOQ override can lower a product's minimum, never raise it.
      least(p.moq, coalesce($7, p.moq)),
      p.visibility, p.min_tier_rank, p.image_path,
      coalesce($8, false)
    from (
      select p.id, p.name ->> name.code as name, name.code as name_lang
      from public.products p
      -- private.local_locale's rule (as private.local_field applies it), written out: called per
      -- row, its PL/pgSQL was most of a page's time, since every selected row is ordered by it.
      cross join lateral (select coalesce(case when p.name ? $2 then $2 end, case when p.name ? $1 then $1 end,
        (select l.code from private.locales() l where p.name ? l.code order by l."position" limit 1)) as code) name
      where p.store_id = $3 and p.active
        and ($9::text is null or lower(p.sku collate "und-x-icu") like $9
          or exists (select from jsonb_each_text(p.name) n where lower(n.value collate "und-x-icu") like $9))
        and ($10::text[] is null or p.sku = any($10))
        and ($11::uuid[] is null or p.id = any($11))
        and ($12::text[] is null or p.visibility = any($12))
      order by p.visibility = 'public' desc, p.min_tier_rank, p.name ->> name.code collate %1$I, p.id
      limit $13 offset $14
    ) page
    join public.products p on p.id = page.id
    cross join private.local_field('description', p.description, $1, $2) description (field)
    order by p.visibility = 'public' desc, p.min_tier_rank, page.name collate %1$I, p.id
  $sql$, (select l.collation_name from private.locales() l where l.code = v_locale))
  using v_store.default_locale, v_locale, v_store.id, v_tier.discount_percent, v_tier.prepay_regular_percent,
    v_tier.prepay_customized_percent, v_tier.moq_override, v_can_claim, v_pattern,
    p_skus, p_ids, p_visibility, p_limit, coalesce(p_offset, 0);
end
$$;
revoke execute on function public.store_catalogue(text, text, text, text[], uuid[], text[], int, int) from public, anon, authenticated;
grant execute on function public.store_catalogue(text, text, text, text[], uuid[], text[], int, int) to anon, authenticated;
