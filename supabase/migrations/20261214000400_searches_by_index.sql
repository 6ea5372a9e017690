/**
 * Searches read what they must, not every row of the store (bench round 27, "search").
 *
 * store_catalogue's `p_search` (My membership's product search, 20261209001000) lower-cased each
 * product's SKU and every language of its name by ICU's rules for every product of the store,
 * matched or not, before it could page: about 10 µs a product, 35-85 ms for a page of 12 at 5,000
 * products in three languages, whatever the search. Its page was then joined to every store's
 * products by a hash (a scan of the whole table) rather than read by its ids.
 *
 * - products.search_text, a stored generated column: the SKU and each language of the name,
 *   each lower-cased as before (ICU's root locale), a line apart (private.product_search_text).
 *   A search is one line (private.search_pattern refuses more), so `search_text like pattern`
 *   matches exactly when the SKU or one name matched: results and order are unchanged.
 *   Lower-cased once when a product is written instead of on every search.
 * - store_catalogue (as in 20261209001200) matches on it, and reads its page's rows at the
 *   store by their ids. No trigram index on it: store_catalogue runs as its caller, under the
 *   products' row security, before which LIKE (not leakproof) may not run, so no index could
 *   serve the match; the column alone makes the store's scan cheap.
 *
 * staff_member_search (the console's member search, 20261209000600) read every company of the
 * store and every contact of each to match the company name, contacts' names and card e-mails:
 * 0.2-0.9 s at 10,000 companies. Trigram indexes (pg_trgm, as the phone search's) on
 * members.company_name and on member_contacts' full_name and email, and
 * private.member_ids_by_search (private.member_ids_by_phone, 20261209000600, which it replaces,
 * grown to the names and e-mails): the companies matched by name, by a contact's name or
 * e-mail, or by a number. It runs as its owner for the reason member_ids_by_phone did (under row
 * security ILIKE could not use an index), for the store's staff only, who read every company and
 * contact of it anyway; and plans each search for its pattern, so that a broad one still reads the
 * store's rows rather than most of an index. staff_member_search (as in 20261209000600) asks it
 * for the ids; its refusals, filters, order and paging are unchanged.
 *
 * Every other line of the re-created functions is as in the migrations named; create or replace
 * keeps their grants.
 */

-- ---------------------------------------------------------------------------------------------
-- The catalogue's search text, lower-cased once
-- ---------------------------------------------------------------------------------------------

/**
 * A product's SKU and each language of its name, each lower-cased by Unicode's rules (ICU's root
 * locale), one a line: what store_catalogue's search matches.
 */
create function private.product_search_text(p_sku text, p_name jsonb)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
  select lower(p_sku collate "und-x-icu")
    || coalesce((select string_agg(E'\n' || lower(n.value collate "und-x-icu"), '') from jsonb_each_text(p_name) n), '')
$$;
revoke execute on function private.product_search_text(text, jsonb) from public;
-- Computed as whoever writes a product.
grant execute on function private.product_search_text(text, jsonb) to authenticated, service_role;

alter table public.products
  add column search_text text not null generated always as (private.product_search_text(sku, name)) stored;
comment on column public.products.search_text is
  'SKU and each language of the name, lower-cased, one a line: what store_catalogue''s search matches.';

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
create or replace function public.store_catalogue(
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
  -- The page is cut in the inner query, whose sort carries only the ids and names; the outer one
  -- reads the page's rows (through the primary key: the store named, else a hash of every store's)
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
        and ($9::text is null or p.search_text like $9)
        and ($10::text[] is null or p.sku = any($10))
        and ($11::uuid[] is null or p.id = any($11))
        and ($12::text[] is null or p.visibility = any($12))
      order by p.visibility = 'public' desc, p.min_tier_rank, p.name ->> name.code collate %1$I, p.id
      limit $13 offset $14
    ) page
    join public.products p on p.id = page.id and p.store_id = $3
    cross join private.local_field('description', p.description, $1, $2) description (field)
    order by p.visibility = 'public' desc, p.min_tier_rank, page.name collate %1$I, p.id
  $sql$, (select l.collation_name from private.locales() l where l.code = v_locale))
  using v_store.default_locale, v_locale, v_store.id, v_tier.discount_percent, v_tier.prepay_regular_percent,
    v_tier.prepay_customized_percent, v_tier.moq_override, v_can_claim, v_pattern,
    p_skus, p_ids, p_visibility, p_limit, coalesce(p_offset, 0);
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The members' search, by index
-- ---------------------------------------------------------------------------------------------

create index members_company_name_trgm_idx on public.members using gin (company_name extensions.gin_trgm_ops);
create index member_contacts_name_email_trgm_idx on public.member_contacts
  using gin (full_name extensions.gin_trgm_ops, email extensions.gin_trgm_ops);

drop function private.member_ids_by_phone(uuid, text);

/**
 * The companies of store `p_store_id` whose name is `ilike p_pattern`, one of whose contacts'
 * name or card e-mail is, or (`p_digits` not null) one of whose contacts' numbers, as
 * contact_phone_digits gives them, are `like p_digits`; for the store's staff only (42501
 * otherwise). Runs as its owner so that the trigram indexes serve the match: under row security
 * they cannot (ILIKE is not leakproof, so it may not run before the policies' check) and every
 * company and contact of the store would be read.
 */
create function private.member_ids_by_search(p_store_id uuid, p_pattern text, p_digits text)
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  -- Planned for the pattern at hand (EXECUTE): a generic plan cannot tell a search that picks a
  -- few rows through the indexes from one that matches much of the store.
  return query execute
    'select m.id from public.members m
     where m.store_id = $1 and m.company_name ilike $2
     union
     select c.member_id from public.member_contacts c
     where c.store_id = $1 and (c.full_name ilike $2 or c.email ilike $2)
     union
     select c.member_id from public.member_contacts c
     where $3 is not null and c.store_id = $1 and private.contact_phone_digits(c.phone, c.whatsapp) like $3'
  using p_store_id, p_pattern, p_digits;
end
$$;
revoke execute on function private.member_ids_by_search(uuid, text, text) from public;
grant execute on function private.member_ids_by_search(uuid, text, text) to authenticated;

create or replace function public.staff_member_search(
  p_store_id uuid,
  p_search text,
  p_tier_id uuid default null,
  p_stage text default null,
  p_churn_risk boolean default null,
  p_country text default null,
  p_last_order_from timestamptz default null,
  p_last_order_to timestamptz default null,
  p_limit int default 50,
  p_offset int default 0,
  p_former boolean default false
)
returns table (
  member_id uuid, company_name text, country text, tier_id uuid, tier_name text, tier_rank int,
  stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int, paid_amount_in_period numeric,
  points_balance bigint, rebate_balance numeric, joined_at timestamptz, left_at timestamptz, total bigint
)
language plpgsql stable security invoker
-- Planned for each call's filters: a plan kept for the function, made for none, ran
-- private.member_lifecycle for every matched company even with no stage or churn filter.
set plan_cache_mode = force_custom_plan
set search_path = ''
as $$
declare
  v_search text;
  v_pattern text;
  v_digits text;
  v_ids uuid[];
begin
  perform private.require_staff_of(p_store_id);
  -- The database's C character type knows only ASCII spaces: the no-break and ideographic
  -- spaces (a Chinese input method's) are named.
  v_search := btrim(regexp_replace(private.clean_line('search', p_search, 100),
    '[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+', ' ', 'g'));
  if nullif(v_search, '') is null then
    perform private.reject('search', 'is required: a company, contact name or e-mail to look for');
  end if;
  v_pattern := '%' || replace(replace(replace(v_search, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  v_digits := ltrim(regexp_replace(v_search, '[^0-9]', '', 'g'), '0');
  v_digits := case when length(v_digits) >= 6 then '%' || v_digits || '%' end;
  if p_stage not in ('cognitive', 'interested', 'purchasing', 'loyal') then
    perform private.reject('stage', 'must be one of cognitive, interested, purchasing, loyal');
  end if;
  p_country := private.clean_format('country', p_country, 'country');
  if p_limit not between 1 and 500 or p_offset < 0 then
    perform private.reject('limit', 'must be 1 to 500, with a non-negative offset');
  end if;
  -- The matched ids first, as a value: a plan kept for the function (one not made for this call's
  -- filters) joined a subquery of them to the store's companies by a scan of the ids for each
  -- company; from the array, each company is read by its key.
  v_ids := array(select private.member_ids_by_search(p_store_id, v_pattern, v_digits));

  return query
  with matches as not materialized (
    select m.id, m.last_paid_order_at, m.company_name
    from unnest(v_ids) found (id)
    join public.members m on m.id = found.id
    left join lateral (
      select l.stage, l.churn_risk from private.member_lifecycle(m.store_id, m.id) l
      where p_stage is not null or p_churn_risk is not null
    ) f on true
    where m.store_id = p_store_id
      and (p_tier_id is null or m.tier_id = p_tier_id)
      and (p_country is null or m.country = p_country)
      and (p_last_order_from is null or m.last_paid_order_at >= p_last_order_from)
      and (p_last_order_to is null or m.last_paid_order_at < p_last_order_to)
      and (p_stage is null or f.stage = p_stage)
      and (p_churn_risk is null or f.churn_risk = p_churn_risk)
      and (p_former is null or (m.left_at is not null) = p_former)
  ), page as (
    select x.id from matches x
    order by x.last_paid_order_at desc nulls last, x.company_name, x.id
    limit p_limit offset p_offset
  ), tier as materialized (
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
  )
  select m.id, m.company_name, m.country, t.id, t.name, t.rank,
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period, l.paid_amount_in_period,
    m.points_balance, m.rebate_balance, m.joined_at, m.left_at, (select count(*) from matches)
  from page
  join public.members m on m.id = page.id
  cross join lateral private.member_lifecycle(m.store_id, m.id) l
  left join tier t on t.id = m.tier_id
  order by m.last_paid_order_at desc nulls last, m.company_name, m.id;
end
$$;
