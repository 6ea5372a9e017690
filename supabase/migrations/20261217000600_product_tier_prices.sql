/**
 * A tier's own price for a product (a merchant walk: "VIP US$8.20 / unit" on an exclusive product,
 * not only the store-wide percentage of the tier).
 *
 * - product_tier_prices: at most one price per (product, tier), in the product's currency, that
 *   replaces the tier's discount on that product. Written by the store's staff as products are
 *   (owners and plain staff alike); read by the store's staff, and by a member only for their own
 *   effective tier on a product they may see, which is exactly what store_catalogue shows them: a
 *   visitor, another tier or another store reads none.
 * - Refusals, for every writer (private.check_tier_price, from a trigger): a price that is not
 *   above 0, one above the product's list price (no discount at all: a member would pay more than
 *   a visitor), a tier of another store. Lowering a product's list price below a tier's price is
 *   refused the same way, so the rule holds whichever side changes.
 * - save_product: the console's editor saves a product and its tiers' prices in one call (one
 *   transaction): a refusal of either leaves both as they were.
 * - store_catalogue (as in 20261214000400): a member's price is their tier's price for the product
 *   when there is one (discount_percent then the discount it amounts to, rounded to hundredths),
 *   else the tier's discount as before. Read by the primary key, one probe per row of the page.
 */

-- ---------------------------------------------------------------------------------------------
-- A tier's price of a product
-- ---------------------------------------------------------------------------------------------

/** A price a tier's members pay for a product instead of the tier's discount on its list price. */
create table public.product_tier_prices (
  product_id uuid not null references public.products (id) on delete cascade,
  tier_id uuid not null references public.tiers (id) on delete cascade,
  -- The product's store, set from the product (the policies' filter).
  store_id uuid not null references public.stores (id) on delete cascade,
  -- In the product's currency, as its list price.
  price numeric(14,2) not null,
  primary key (product_id, tier_id),
  constraint product_tier_prices_price_is_positive check (price > 0 and price <> 'NaN')
);
comment on table public.product_tier_prices is
  'A tier''s own price for a product (instead of the tier''s discount); members read their own tier''s, through store_catalogue.';

create index product_tier_prices_store_id_idx on public.product_tier_prices (store_id);
create index product_tier_prices_tier_id_idx on public.product_tier_prices (tier_id);

/** The caller's effective tier at each store they are a member of. */
create function private.my_tier_ids()
returns setof uuid
language sql stable security definer
-- A caller belongs to a handful of companies: the default estimate of 1000 rows would keep the
-- policy from hashing this set once per query.
rows 10
set search_path = ''
as $$
  select private.effective_tier_id(c.member_id) from public.member_contacts c where c.user_id = (select auth.uid())
$$;
revoke execute on function private.my_tier_ids() from public;
grant execute on function private.my_tier_ids() to authenticated;

alter table public.product_tier_prices enable row level security;
revoke all on table public.product_tier_prices from anon, authenticated;
-- Visitors hold select only because store_catalogue, which they call, names the table; no policy
-- admits them, so they read no row of it.
grant select on table public.product_tier_prices to anon, authenticated;
grant insert, delete on table public.product_tier_prices to authenticated;
grant update (price) on table public.product_tier_prices to authenticated;

-- The product's own row security decides whether the member may see it (and so its price).
create policy "Members read their tier's price of products they see, staff their store's" on public.product_tier_prices
  for select to authenticated
  using (
    store_id in (select private.staff_store_ids())
    or (tier_id in (select private.my_tier_ids()) and exists (select from public.products p where p.id = product_id))
  );
create policy "Staff set tier prices of their store's products" on public.product_tier_prices
  for insert to authenticated with check (store_id in (select private.staff_store_ids()));
create policy "Staff change tier prices of their store's products" on public.product_tier_prices
  for update to authenticated
  using (store_id in (select private.staff_store_ids()))
  with check (store_id in (select private.staff_store_ids()));
create policy "Staff remove tier prices of their store's products" on public.product_tier_prices
  for delete to authenticated using (store_id in (select private.staff_store_ids()));

/**
 * Refuses a price `p_price` of tier `p_tier_id` for `p_product` that is not a positive amount of
 * at most 2 decimals, is above the product's list price, or whose tier is of another store; the
 * price's refusals name `p_price_field`, the tier's `p_tier_field`.
 */
create function private.check_tier_price(p_product public.products, p_tier_id uuid, p_price numeric, p_price_field text, p_tier_field text)
returns void
language plpgsql stable
set search_path = ''
as $$
begin
  if p_price is null or p_price = 'NaN' or p_price <= 0 or scale(p_price) > 2 then
    perform private.reject(p_price_field, 'must be a positive amount with at most 2 decimals');
  end if;
  if not exists (select from public.tiers t where t.id = p_tier_id and t.store_id = p_product.store_id) then
    perform private.reject(p_tier_field, 'must be a tier of the product''s store');
  end if;
  if p_price > p_product.price then
    perform private.reject(p_price_field, format(
      'must not be above the product''s list price of %s %s: a member price above it is no discount',
      p_product.price, p_product.currency));
  end if;
end
$$;
revoke execute on function private.check_tier_price(public.products, uuid, numeric, text, text) from public;
grant execute on function private.check_tier_price(public.products, uuid, numeric, text, text) to authenticated, service_role;

/**
 * A tier's price written: checked against its product, and its store set from the product. The
 * product is read as the writer (a product they may not change is not found) and held for share,
 * so that a list price lowered at the same time waits and is checked against this price.
 */
create function private.product_tier_price_written()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_product public.products;
begin
  select * into v_product from public.products p where p.id = new.product_id for share;
  if not found then
    perform private.reject('product_id', 'matches no product of your store', 'PT404');
  end if;
  perform private.check_tier_price(v_product, new.tier_id, new.price, 'price', 'tier_id');
  new.store_id := v_product.store_id;
  return new;
end
$$;
revoke execute on function private.product_tier_price_written() from public;
create trigger product_tier_prices_checked before insert or update on public.product_tier_prices
  for each row execute function private.product_tier_price_written();

/** A product's list price lowered below one of its tiers' prices is refused: that price would be no discount. */
create function private.product_price_above_tier_prices()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_highest numeric;
begin
  select max(tp.price) into v_highest from public.product_tier_prices tp where tp.product_id = new.id;
  if v_highest > new.price then
    perform private.reject('price', format(
      'must not be below a tier''s member price of %s %s: lower or clear that price first', v_highest, new.currency));
  end if;
  return new;
end
$$;
revoke execute on function private.product_price_above_tier_prices() from public;
create trigger products_price_above_tier_prices before update of price on public.products
  for each row when (new.price < old.price) execute function private.product_price_above_tier_prices();

-- ---------------------------------------------------------------------------------------------
-- The console's save: a product with its tiers' prices
-- ---------------------------------------------------------------------------------------------

/**
 * Saves product `p_product_id` of store `p_store_id` (a new one with that id when `p_new`) with
 * every field of `p_product` (all of sku, name, description, kind, price, currency, moq,
 * visibility, min_tier_rank, active; image_path optional: absent keeps the product's) and
 * `p_tier_prices`, `{"<tier id>": price}`, as the whole set of its tiers' prices (a tier left out
 * has none: its discount applies). `p_tier_prices_read`, in the same form, is the set the caller
 * read and replaces (required for an existing product; none for a new one): when the product's
 * prices are no longer those, another member of staff changed them since, and the save is refused
 * rather than deleting their price unseen. One transaction: a refusal changes nothing. Runs as the
 * caller: products' and product_tier_prices' policies and constraints apply as to direct writes.
 */
create function public.save_product(
  p_store_id uuid, p_product_id uuid, p_product jsonb, p_tier_prices jsonb default '{}', p_new boolean default false,
  p_tier_prices_read jsonb default null
)
returns public.products
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  v_given public.products;
  v_row public.products;
  v_field record;
  v_price record;
  v_map record;
begin
  perform private.require_staff_of(p_store_id);
  if p_product_id is null then
    perform private.reject('product_id', 'is required');
  end if;
  -- The product first, as every RPC taking a row's id: a product of another store is answered
  -- like an id of nothing, whatever the other arguments. Locked until the save is done.
  if not p_new then
    perform from public.products p where p.id = p_product_id and p.store_id = p_store_id for update;
    if not found then
      perform private.reject('product_id', 'matches no product of this store', 'PT404');
    end if;
  end if;
  if jsonb_typeof(p_product) is distinct from 'object' then
    perform private.reject('product', 'must be an object of the product''s fields');
  end if;
  -- Each field present (image_path may be left out) and of its JSON type; no other field.
  for v_field in
    select coalesce(f.name, e.key) as name, f.type, e.value, f.name is null as unknown,
      case when jsonb_typeof(e.value) = 'number' then (e.value)::numeric end as number
    from (values ('sku', 'string'), ('name', 'object'), ('description', 'object'), ('kind', 'string'), ('price', 'number'),
      ('currency', 'string'), ('moq', 'integer'), ('visibility', 'string'), ('min_tier_rank', 'integer'), ('active', 'boolean'),
      ('image_path', 'string')) f (name, type)
    full join jsonb_each(p_product) e on e.key = f.name
    order by f.name is null desc, f.name
  loop
    if v_field.unknown then
      perform private.reject('product', format('has no field %s', left(v_field.name, 64)));
    elsif v_field.value is null and v_field.name <> 'image_path' then
      perform private.reject(v_field.name, 'is required');
    elsif v_field.value is null or (v_field.name = 'image_path' and jsonb_typeof(v_field.value) = 'null') then
      continue;
    elsif v_field.type = 'integer' and (v_field.number is null or v_field.number not between 0 and 2147483647 or scale(v_field.number) > 0) then
      perform private.reject(v_field.name, 'must be a whole number');
    elsif v_field.type = 'number' and (v_field.number is null or scale(v_field.number) > 2) then
      perform private.reject(v_field.name, 'must be an amount with at most 2 decimals');
    elsif v_field.type not in ('integer', 'number') and jsonb_typeof(v_field.value) <> v_field.type then
      perform private.reject(v_field.name, format('must be a JSON %s', v_field.type));
    elsif v_field.name = 'currency' and length(v_field.value #>> '{}') <> 3 then
      -- Its column is char(3): a longer code would fail as "value too long", naming no field.
      perform private.reject('currency', 'must be a currency code such as USD');
    end if;
  end loop;
  -- Both maps alike; the prices saved are checked one by one below, by their tier's field.
  for v_map in
    select * from (values ('tier_prices', p_tier_prices), ('tier_prices_read', coalesce(p_tier_prices_read, '{}'))) m (field, prices)
  loop
    if jsonb_typeof(v_map.prices) is distinct from 'object' then
      perform private.reject(v_map.field, 'must be an object of tier ids and prices');
    end if;
    if (select count(*) from jsonb_object_keys(v_map.prices)) > 20 then
      perform private.reject(v_map.field, 'must hold at most 20 prices');
    end if;
    if exists (select from jsonb_object_keys(v_map.prices) k
               where k !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') then
      perform private.reject(v_map.field, 'must be keyed by tier ids');
    end if;
  end loop;
  if p_new and p_tier_prices_read is not null and p_tier_prices_read <> '{}' then
    perform private.reject('tier_prices_read', 'must be empty for a new product: it has no prices yet');
  elsif not p_new and p_tier_prices_read is null then
    perform private.reject('tier_prices_read', 'is required: the tier prices this save replaces, as read');
  end if;
  if exists (select from jsonb_each(p_tier_prices_read) e where jsonb_typeof(e.value) <> 'number') then
    perform private.reject('tier_prices_read', 'must give each tier''s price as a number');
  end if;
  -- Read under the product's lock, which every price set or changed waits for (their trigger
  -- holds it for share): one set since the caller read them is seen here.
  if not p_new and exists (
    select from (select tp.tier_id::text as tier_id, tp.price from public.product_tier_prices tp where tp.product_id = p_product_id) saved
    full join jsonb_each(p_tier_prices_read) e on lower(e.key) = saved.tier_id
    where saved.price is distinct from (e.value)::numeric
  ) then
    perform private.reject('tier_prices_read', 'are not the product''s tier prices now: someone changed them since they were read', 'P0001');
  end if;

  v_given := jsonb_populate_record(null::public.products, p_product);
  -- The prices replaced go first: a list price lowered below one of them is then not refused.
  delete from public.product_tier_prices tp where tp.product_id = p_product_id and tp.store_id = p_store_id;
  if p_new then
    insert into public.products (id, store_id, sku, name, description, kind, price, currency, moq, visibility,
      min_tier_rank, image_path, active)
    values (p_product_id, p_store_id, v_given.sku, v_given.name, v_given.description, v_given.kind, v_given.price,
      v_given.currency, v_given.moq, v_given.visibility, v_given.min_tier_rank, v_given.image_path, v_given.active)
    returning * into v_row;
  else
    update public.products p set sku = v_given.sku, name = v_given.name, description = v_given.description,
      kind = v_given.kind, price = v_given.price, currency = v_given.currency, moq = v_given.moq,
      visibility = v_given.visibility, min_tier_rank = v_given.min_tier_rank, active = v_given.active,
      image_path = case when p_product ? 'image_path' then v_given.image_path else p.image_path end
    where p.id = p_product_id and p.store_id = p_store_id
    returning p.* into v_row;
  end if;

  for v_price in select e.key, e.value from jsonb_each(p_tier_prices) e order by e.key loop
    -- Refused here by the tier's own field, for the form to say it beside that tier's price.
    perform private.check_tier_price(v_row, v_price.key::uuid,
      case when jsonb_typeof(v_price.value) = 'number' then (v_price.value)::numeric end,
      'tier_prices.' || v_price.key, 'tier_prices.' || v_price.key);
    insert into public.product_tier_prices (product_id, tier_id, store_id, price)
    values (p_product_id, v_price.key::uuid, p_store_id, (v_price.value)::numeric);
  end loop;
  return v_row;
end
$$;
revoke execute on function public.save_product(uuid, uuid, jsonb, jsonb, boolean, jsonb) from public, anon;
grant execute on function public.save_product(uuid, uuid, jsonb, jsonb, boolean, jsonb) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The catalogue: a tier's own price first
-- ---------------------------------------------------------------------------------------------

/**
 * The store's active products the caller may see (products' RLS decides: this runs as the
 * caller), with name and description in `p_locale` (null: the request's Accept-Language, else
 * the store's default) and the language each came in (`name_lang`, `description_lang`: null for
 * no description), and the caller's member price, prepayment percent and minimum order
 * quantity for their tier. The member price is their tier's own price for the product
 * (product_tier_prices) when it has one, `discount_percent` then the discount it amounts to;
 * else the tier's discount on the list price. With `p_search`, only those whose SKU or name (in
 * any language) contains it, letter case ignored in any script (private.search_pattern; blank:
 * all); with `p_skus`, `p_ids` or `p_visibility`, only those with one of those SKUs (exact), ids
 * or visibilities. Public first, then by tier, then by name in the reading language's ICU
 * collation (pinyin for zh-CN), then by id; `p_limit` rows (all: null) after the first
 * `p_offset` of that order. For visitors and non-members the tier columns are null and
 * sample_eligible false. Errors: PT404 unknown store; 22023 unsupported locale, a search over 100
 * characters or of more than one line, more than 50 SKUs or ids, a SKU that is null or over 100
 * characters, a visibility that is not public, members or tier, a limit outside 1 to 100, a
 * negative offset.
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
  -- and orders them again, the same way. The tier's own prices of the page's rows are read by
  -- their primary key too, under their row security: none for a visitor or a non-member ($15 null).
  return query execute format($sql$
    select p.id, p.sku, page.name, page.name_lang,
      coalesce(description.field ->> 'description', ''), description.field ->> 'description_lang',
      p.kind, p.currency, p.price,
      coalesce(tp.price, round(p.price * (1 - $4 / 100), 2)),
      -- A tier's price is at most the list price, which is then above 0.
      coalesce(round((1 - tp.price / p.price) * 100, 2), $4),
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
    -- A probe per page row by the primary key (offset 0 keeps it a subquery of its own): a plain
    -- outer join let the planner hash the description's function over every product of the store
    -- before matching the page (1.4-2.8 s for a member at 20,000 products, against ~50 ms).
    left join lateral (
      select tp.price from public.product_tier_prices tp where tp.product_id = p.id and tp.tier_id = $15 offset 0
    ) tp on true
    cross join private.local_field('description', p.description, $1, $2) description (field)
    order by p.visibility = 'public' desc, p.min_tier_rank, page.name collate %1$I, p.id
  $sql$, (select l.collation_name from private.locales() l where l.code = v_locale))
  using v_store.default_locale, v_locale, v_store.id, v_tier.discount_percent, v_tier.prepay_regular_percent,
    v_tier.prepay_customized_percent, v_tier.moq_override, v_can_claim, v_pattern,
    p_skus, p_ids, p_visibility, p_limit, coalesce(p_offset, 0), v_tier.id;
end
$$;
