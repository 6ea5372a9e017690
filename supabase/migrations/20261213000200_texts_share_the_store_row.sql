/**
 * A text written while the owner changes the store's default language.
 *
 * guard_default_locale refuses the change while some merchant text lacks the new language, but it
 * reads the texts committed when it runs, under the store row's lock, and only the tier trigger
 * (check_tier_name, 20261209000200) shared that row before reading the language. The product,
 * coupon, reward and merchant-card writes read it bare in check_merchant_texts, and their foreign
 * key's KEY SHARE lets an update of the row through: a product written in English while the
 * language became Spanish passed both checks, each blind to the other, and the store then had a
 * product without a text in its default language. A tier's name had the same gap between its
 * BEFORE check and its AFTER lock.
 * - private.share_store_locale is the one way a writer reads the language it must check against:
 *   the store row FOR SHARE, as check_tier_name took it. A change of language under way commits
 *   before (the text is then checked against the new language), or waits for the text to commit
 *   (and the guard then sees it).
 * - check_merchant_texts (as in 20261210000500) reads it so for every table but stores (a store's
 *   row is its own, already locked by its update); check_tier_name (as in 20261209000200) too.
 * The order is the one the tier trigger had: the written row (an update's), then the store row,
 * then tier_name_keys; the settings change takes the store row first and reads texts unlocked,
 * so it never waits for a writer while holding what that writer needs next.
 */

/**
 * The default language of store `p_store_id`, its row held FOR SHARE until the caller's
 * transaction ends: for a trigger that checks a text against it. Security definer: FOR SHARE
 * needs the right to update the row, which staff who write products do not have.
 */
create function private.share_store_locale(p_store_id uuid)
returns text
language sql volatile security definer
set search_path = ''
as $$
  select s.default_locale from public.stores s where s.id = p_store_id for share
$$;
revoke execute on function private.share_store_locale(uuid) from public;
-- check_merchant_texts runs it as the writing role.
grant execute on function private.share_store_locale(uuid) to authenticated, service_role;

/** As in 20261210000500, a row's store language read under the store row's share lock. */
create or replace function private.check_merchant_texts()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_row jsonb := to_jsonb(new);
  v_default text := case when tg_table_name = 'stores' then v_row ->> 'default_locale'
                         else private.share_store_locale((v_row ->> 'store_id')::uuid) end;
  v_field record;
  v_text jsonb;
  v_entry record;
  v_problem text;
  v_changes jsonb := '{}';
begin
  if tg_table_name = 'stores' then
    -- Before the name is said to lack a language nobody could give it.
    perform private.check_locale(v_default, 'default_locale');
  end if;
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

/** As in 20261209000200, the store's language read through private.share_store_locale. */
create or replace function private.check_tier_name()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_clash text;
begin
  -- A change of the default language (which changes what readers without a text of their own
  -- see) commits before this reads it, or waits for this to commit.
  v_clash := private.record_tier_name_keys(new.id, new.store_id, new.name, private.share_store_locale(new.store_id));
  if v_clash is not null then
    perform private.reject('name.' || v_clash, format('is the name readers of %s already see for another tier', v_clash), '23505');
  end if;
  return null;
end
$$;
