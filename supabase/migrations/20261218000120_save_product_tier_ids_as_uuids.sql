/**
 * save_product compares tier ids as uuids, so the letter case of an id never matters: the prices
 * read matched the product's by lower(), which held only because the keys' pattern allowed no other
 * spelling, and a tier named twice in one map, in upper and lower case, was not seen as one: as a
 * price to set it failed on the primary key (23505, naming a constraint and no field), as a price
 * read it was said to have been changed by someone else. Now it is refused as named twice
 * (`tier_prices names tier <id> twice`, the same for `tier_prices_read`), and the prices are
 * checked in the order of their tiers' ids, whatever their case; a refused price is named by its
 * tier's id as Postgres writes a uuid (`tier_prices.<id>`, lower case), as the tier is named
 * everywhere else, not by the key as sent.
 *
 * Re-created from 20261217000600 with only those changes; create or replace keeps its grants.
 */

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
create or replace function public.save_product(
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
  v_twice record;
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
    select k::uuid as tier_id into v_twice from jsonb_object_keys(v_map.prices) k group by k::uuid having count(*) > 1 order by 1 limit 1;
    if v_twice.tier_id is not null then
      perform private.reject(v_map.field, format('names tier %s twice', v_twice.tier_id));
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
    select from (select tp.tier_id, tp.price from public.product_tier_prices tp where tp.product_id = p_product_id) saved
    full join jsonb_each(p_tier_prices_read) e on (e.key)::uuid = saved.tier_id
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

  for v_price in select e.key, e.value from jsonb_each(p_tier_prices) e order by (e.key)::uuid loop
    -- Refused here by the tier's own field, for the form to say it beside that tier's price.
    perform private.check_tier_price(v_row, v_price.key::uuid,
      case when jsonb_typeof(v_price.value) = 'number' then (v_price.value)::numeric end,
      'tier_prices.' || v_price.key::uuid::text, 'tier_prices.' || v_price.key::uuid::text);
    insert into public.product_tier_prices (product_id, tier_id, store_id, price)
    values (p_product_id, v_price.key::uuid, p_store_id, (v_price.value)::numeric);
  end loop;
  return v_row;
end
$$;
