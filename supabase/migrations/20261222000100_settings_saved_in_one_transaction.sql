/**
 * The store's settings saved in one transaction. The console saved them in two requests: a PATCH of
 * the store's row (all but the period), then, for a new statistical period, set_statistical_period.
 * A failure of the second (its refusal, its timeout, the network) left the first saved: half a
 * save, and the form, still holding the settings as it read them, then had the owner's next save
 * refused as if someone else had changed them since, when it was their own half-save.
 *
 * - save_store_settings(p_store_id, p_settings, p_settings_read) saves the settings `p_settings`
 *   gives (the console gives all of them; a field left out keeps its value), the period with the
 *   rest, in one update over the settings as read (`p_settings_read`, as set_statistical_period
 *   took it): all of it, or, refused or failed, nothing. Owners only, for every field: the stores'
 *   update policy already let no one else change any setting, and set_statistical_period was the
 *   owners'. Each field is checked for its JSON type, and the numbers for their range, by field
 *   (22023; the period's sentence as set_statistical_period said it); the table's own rules (its
 *   CHECKs, the name's and the allowed sites' triggers, the default language's guard) then apply as
 *   to a PATCH. A deleted store is said so (PT404) before whose it is: stores are public, and the
 *   console says "deleted since" for it, as it did when its PATCH found no row. Its own 60 s
 *   statement timeout, as set_statistical_period had: a new period rewrites every member row.
 * - set_statistical_period is dropped: save_store_settings given the period alone does what it did.
 *
 * A PATCH of the settings' columns is unchanged (grants, policy, stores_updated_at): the same
 * columns, for the same owners.
 */

drop function public.set_statistical_period(uuid, int, timestamptz);
drop function private.set_statistical_period(uuid, int, timestamptz);

/**
 * Saves store `p_store_id`'s settings given in `p_settings` (name, default_locale, brand_color,
 * embed_origins, statistical_period_days, sample_period_days, churn_threshold_days,
 * points_expiry_days, points_per_currency_unit, join_points, review_points; any of them, a field
 * left out keeps its value) over the settings as read (`p_settings_read`, the store's updated_at
 * as read: refused once they changed since) and returns the store's row as saved. Owners only. One
 * update: a refusal of any field, or a failure anywhere, writes none. A new period's members follow
 * in the same transaction (period_changed), which holds the store's member rows until it commits.
 */
create function private.save_store_settings(p_store_id uuid, p_settings jsonb, p_settings_read timestamptz)
returns public.stores
language plpgsql security definer
set search_path = ''
as $$
declare
  -- The settings a save gives, by JSON type; days, points and the rate within their CHECKs' ranges.
  v_types constant jsonb := '{"name": "object", "default_locale": "string", "brand_color": "string or null",
    "embed_origins": "array of strings", "statistical_period_days": "days", "sample_period_days": "days",
    "churn_threshold_days": "days", "points_expiry_days": "days", "points_per_currency_unit": "rate",
    "join_points": "points", "review_points": "points"}';
  v_store public.stores;
  v_given public.stores;
  v_field record;
begin
  if not exists (select from public.stores s where s.id = p_store_id) then
    perform private.reject('store_id', 'matches no store', 'PT404');
  end if;
  perform private.require_owner_of(p_store_id);
  if p_settings_read is null then
    perform private.reject('settings_read', 'is required: the store''s updated_at as read');
  end if;
  if jsonb_typeof(p_settings) is distinct from 'object' then
    perform private.reject('settings', 'must be an object of the store''s settings');
  end if;
  for v_field in
    select e.key as name, t.type, e.value, jsonb_typeof(e.value) as given,
      case when jsonb_typeof(e.value) = 'number' then (e.value)::numeric end as number
    from jsonb_each(p_settings) e
    left join jsonb_each_text(v_types) t (name, type) on t.name = e.key
    order by t.type is null desc, e.key
  loop
    if v_field.type is null then
      perform private.reject('settings', format('has no field %s', left(v_field.name, 64)));
    elsif v_field.type = 'days' and (v_field.number is null or scale(v_field.number) > 0 or v_field.number not between 1 and 3650) then
      perform private.reject(v_field.name, 'must be a whole number of days from 1 to 3650');
    elsif v_field.type = 'points' and (v_field.number is null or scale(v_field.number) > 0 or v_field.number not between 0 and 1000000) then
      perform private.reject(v_field.name, 'must be a whole number from 0 to 1000000');
    elsif v_field.type = 'rate' and (v_field.number is null or scale(v_field.number) > 4 or v_field.number not between 0 and 1000) then
      -- Its column keeps four decimals: a fifth would be rounded away unsaid.
      perform private.reject(v_field.name, 'must be a number from 0 to 1000 with at most 4 decimals');
    elsif v_field.type = 'string or null' and v_field.given not in ('string', 'null')
       or v_field.type = 'array of strings' and (v_field.given <> 'array'
         or exists (select from jsonb_array_elements(v_field.value) x where jsonb_typeof(x) <> 'string'))
       or v_field.type in ('object', 'string') and v_field.given <> v_field.type then
      perform private.reject(v_field.name, format('must be a JSON %s', v_field.type));
    end if;
  end loop;

  -- Held until the save commits (no key update: the store's rows that reference it are written on
  -- meanwhile); a save committed since the check above was waited for and is seen.
  select * into v_store from public.stores s where s.id = p_store_id for no key update;
  if not found then
    perform private.reject('store_id', 'matches no store', 'PT404');
  end if;
  if v_store.updated_at <> p_settings_read then
    perform private.reject('settings_read', 'is not the store''s settings now: someone changed them since they were read', 'P0001');
  end if;
  v_given := jsonb_populate_record(v_store, p_settings);
  update public.stores s set name = v_given.name, default_locale = v_given.default_locale, brand_color = v_given.brand_color,
    embed_origins = v_given.embed_origins, statistical_period_days = v_given.statistical_period_days,
    sample_period_days = v_given.sample_period_days, churn_threshold_days = v_given.churn_threshold_days,
    points_expiry_days = v_given.points_expiry_days, points_per_currency_unit = v_given.points_per_currency_unit,
    join_points = v_given.join_points, review_points = v_given.review_points
  where s.id = p_store_id
  returning * into v_store;
  return v_store;
end
$$;
revoke execute on function private.save_store_settings(uuid, jsonb, timestamptz) from public;
grant execute on function private.save_store_settings(uuid, jsonb, timestamptz) to authenticated;

-- 60 s: the most Supabase allows an API request (a new period at the bench's large store takes 6-9 s).
create function public.save_store_settings(p_store_id uuid, p_settings jsonb, p_settings_read timestamptz)
returns public.stores
language sql security invoker
set search_path = ''
set statement_timeout = '60s'
as $$ select * from private.save_store_settings(p_store_id, p_settings, p_settings_read) $$;
revoke execute on function public.save_store_settings(uuid, jsonb, timestamptz) from public, anon;
grant execute on function public.save_store_settings(uuid, jsonb, timestamptz) to authenticated;
