/**
 * Two members of staff editing one product: the second save no longer puts back, unseen, the
 * product's own fields the first changed. save_product already refused a save over tier prices
 * changed since the editor read them (`p_tier_prices_read`, 20261217000600); the product's own
 * fields were last-writer-wins, so a name, price or deactivation saved meanwhile was overwritten
 * by the fields the second editor had read and not touched. The same mechanism, extended:
 *
 * - save_product takes `p_product_read`, the product's fields as the caller read them (the same
 *   fields as `p_product`, image_path included, null for none): required for an existing product,
 *   left out for a new one. Compared under the product's lock with the row as it is now; when one
 *   differs (another save, the console's (de)activation or any write through the table since),
 *   the save is refused, `P0001 product_read is not the product now: someone changed name, price
 *   since it was read` (details field `product_read`), and nothing is written. The product has no
 *   updated_at, and a timestamp would refuse a save over a write that changed nothing; the fields
 *   read are what the tier prices already use, compared as values (jsonb: 8.2 is 8.20).
 * - A tier's price removed through the table (PostgREST delete) now holds its product for share,
 *   as a price set or changed already does (private.product_tier_price_written, now for delete too),
 *   so it serialises with save_product, which holds the product for update: a removal made first is
 *   seen by the save's check of the prices read and refuses it; one made during a save waits for it.
 *   Before, a removal committed while a save had read the prices but not yet replaced them was put
 *   back by the save unseen. A trigger rather than a policy: a policy's expression cannot lock a row.
 *   A removal cascaded from its product or tier takes no lock (it comes from a trigger, depth 2):
 *   the product is gone, or the tier's removal would wait on a save that waits on the tier's row
 *   (its price's foreign key), a deadlock for nothing a staff member read.
 *
 * save_product re-created from 20261218000120 with only those changes (a new argument: dropped and
 * created, its grants restated); the field list is one constant, read by both checks.
 */

drop function public.save_product(uuid, uuid, jsonb, jsonb, boolean, jsonb);

/**
 * Saves product `p_product_id` of store `p_store_id` (a new one with that id when `p_new`) with
 * every field of `p_product` (all of sku, name, description, kind, price, currency, moq,
 * visibility, min_tier_rank, active; image_path optional: absent keeps the product's) and
 * `p_tier_prices`, `{"<tier id>": price}`, as the whole set of its tiers' prices (a tier left out
 * has none: its discount applies). `p_product_read` (every field, image_path too) and
 * `p_tier_prices_read` (in the form of `p_tier_prices`) are the product and prices the caller read
 * and replaces (required for an existing product; none for a new one): when the product or its
 * prices are no longer those, another member of staff changed them since, and the save is refused
 * rather than overwriting or deleting their change unseen. One transaction: a refusal changes
 * nothing. Runs as the caller: products' and product_tier_prices' policies and constraints apply
 * as to direct writes.
 */
create function public.save_product(
  p_store_id uuid, p_product_id uuid, p_product jsonb, p_tier_prices jsonb default '{}', p_new boolean default false,
  p_tier_prices_read jsonb default null, p_product_read jsonb default null
)
returns public.products
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
  -- The product's fields a save gives, with their JSON types (integer: a whole JSON number).
  v_types constant jsonb := '{"sku": "string", "name": "object", "description": "object", "kind": "string", "price": "number",
    "currency": "string", "moq": "integer", "visibility": "string", "min_tier_rank": "integer", "active": "boolean", "image_path": "string"}';
  v_saved public.products;
  v_given public.products;
  v_row public.products;
  v_field record;
  v_price record;
  v_map record;
  v_twice record;
  v_changed text;
begin
  perform private.require_staff_of(p_store_id);
  if p_product_id is null then
    perform private.reject('product_id', 'is required');
  end if;
  -- The product first, as every RPC taking a row's id: a product of another store is answered
  -- like an id of nothing, whatever the other arguments. Locked until the save is done.
  if not p_new then
    select * into v_saved from public.products p where p.id = p_product_id and p.store_id = p_store_id for update;
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
    from jsonb_each_text(v_types) f (name, type)
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
  if p_new and p_product_read is not null then
    perform private.reject('product_read', 'must be left out for a new product: there was nothing to read');
  elsif not p_new and p_product_read is null then
    perform private.reject('product_read', 'is required: the product''s fields this save replaces, as read');
  elsif not p_new and jsonb_typeof(p_product_read) <> 'object' then
    perform private.reject('product_read', 'must be an object of the product''s fields as read');
  end if;
  -- Every field as read, image_path too (null: it had none): a field left out would go unchecked.
  for v_field in
    select coalesce(f.name, e.key) as name, f.type, jsonb_typeof(e.value) as given, f.name is null as unknown
    from jsonb_each_text(v_types) f (name, type)
    full join jsonb_each(p_product_read) e on e.key = f.name
    where not p_new
    order by f.name is null desc, f.name
  loop
    if v_field.unknown then
      perform private.reject('product_read', format('has no field %s', left(v_field.name, 64)));
    elsif v_field.given is null then
      perform private.reject('product_read.' || v_field.name, 'is required');
    elsif v_field.given <> replace(v_field.type, 'integer', 'number') and not (v_field.name = 'image_path' and v_field.given = 'null') then
      perform private.reject('product_read.' || v_field.name, format('must be a JSON %s', replace(v_field.type, 'integer', 'number')));
    end if;
  end loop;
  -- Compared with the row as locked, which a write through the table since was waited for.
  select string_agg(e.key, ', ' order by e.key) into v_changed
  from jsonb_each(p_product_read) e where not p_new and to_jsonb(v_saved) -> e.key is distinct from e.value;
  if v_changed is not null then
    perform private.reject('product_read', format('is not the product now: someone changed %s since it was read', v_changed), 'P0001');
  end if;
  -- Read under the product's lock, which every price set, changed or removed waits for (their
  -- trigger holds it for share): one set or removed since the caller read them is seen here.
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
revoke execute on function public.save_product(uuid, uuid, jsonb, jsonb, boolean, jsonb, jsonb) from public, anon;
grant execute on function public.save_product(uuid, uuid, jsonb, jsonb, boolean, jsonb, jsonb) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- A tier's price removed waits for a save of its product
-- ---------------------------------------------------------------------------------------------

/**
 * A tier's price written or removed. Written: checked against its product, and its store set from
 * the product. The product is read as the writer (a product they may not change is not found) and
 * held for share, so that a list price lowered at the same time waits and is checked against this
 * price, and so is save_product's check of the prices read. Removed: the product held for share
 * too, for that check; not for a removal cascaded from its product or tier (see the migration).
 */
create or replace function private.product_tier_price_written()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_product public.products;
begin
  if tg_op = 'DELETE' then
    if pg_catalog.pg_trigger_depth() = 1 then
      perform from public.products p where p.id = old.product_id for share;
    end if;
    return old;
  end if;
  select * into v_product from public.products p where p.id = new.product_id for share;
  if not found then
    perform private.reject('product_id', 'matches no product of your store', 'PT404');
  end if;
  perform private.check_tier_price(v_product, new.tier_id, new.price, 'price', 'tier_id');
  new.store_id := v_product.store_id;
  return new;
end
$$;

drop trigger product_tier_prices_checked on public.product_tier_prices;
create trigger product_tier_prices_checked before insert or update or delete on public.product_tier_prices
  for each row execute function private.product_tier_price_written();
