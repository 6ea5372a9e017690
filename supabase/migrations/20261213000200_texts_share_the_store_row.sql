/**
 * A text written while the owner changes the store's default language.
 *
 * guard_default_locale refuses the change while some merchant text lacks the new language, but it
 * reads the texts committed when it runs, and only the tier trigger (check_tier_name,
 * 20261209000200) held anything before reading the language. The product, coupon, reward and
 * merchant-card writes read it bare in check_merchant_texts: a product written in English while
 * the language became Spanish passed both checks, each blind to the other, and the store then had
 * a product without a text in its default language. A tier's name had the same gap between its
 * BEFORE check and its AFTER lock.
 *
 * The two meet on a transaction-scoped advisory lock of the store's own
 * (`cardclub.store_locale:<store id>`), not on the store row: a row lock (FOR SHARE, as the tier
 * trigger took it) made every text write wait behind whatever holds the row — a settings PATCH,
 * set_statistical_period (seconds at a large store), the staff functions — and deadlocked
 * delete_store, which holds the row FOR NO KEY UPDATE and then deletes the products a waiting
 * writer holds.
 * - private.share_store_locale is the one way a writer reads the language it must check against:
 *   the lock shared, then the language read in a statement of its own (so as committed once the
 *   lock is had). Writers do not wait for one another.
 * - guard_default_locale takes the lock exclusively before it reads the texts: it waits for the
 *   writers under way to commit (and sees their texts), and writers arriving meanwhile wait for
 *   the change to commit (and are checked against the new language).
 * - check_merchant_texts (as in 20261210000500) reads the language so for every table but stores
 *   (a store's row is its own, its language the one being written); check_tier_name (as in
 *   20261209000200) too.
 * Lock order: a writer holds its own row, then the lock (shared), then tier_name_keys and the
 *   store row FOR KEY SHARE (an insert's foreign key); a change of language holds the store row
 *   (its update), then the lock (exclusive), then tier_name_keys. KEY SHARE does not conflict with
 *   the change's row lock, so neither holds what the other waits for. Only a change of language
 *   conflicts with a text write; nothing else that locks the store row does.
 */

/**
 * The default language of store `p_store_id`, for a trigger that checks a text against it: the
 * store's language lock (`cardclub.store_locale:<id>`) taken shared until the caller's transaction
 * ends, and then the language read. Volatile and in plpgsql: the read is a statement of its own,
 * with a snapshot taken after the wait, so a change of language that committed meanwhile is seen.
 */
create function private.share_store_locale(p_store_id uuid)
returns text
language plpgsql volatile
set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock_shared(hashtextextended('cardclub.store_locale:' || p_store_id::text, 0));
  return (select s.default_locale from public.stores s where s.id = p_store_id);
end
$$;
revoke execute on function private.share_store_locale(uuid) from public;
-- check_merchant_texts runs it as the writing role.
grant execute on function private.share_store_locale(uuid) to authenticated, service_role;

/** As in 20261210000500, a row's store language read through private.share_store_locale. */
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
  -- see) commits before this reads it, or waits for this to commit (private.share_store_locale).
  v_clash := private.record_tier_name_keys(new.id, new.store_id, new.name, private.share_store_locale(new.store_id));
  if v_clash is not null then
    perform private.reject('name.' || v_clash, format('is the name readers of %s already see for another tier', v_clash), '23505');
  end if;
  return null;
end
$$;

/**
 * As in 20261212000700, the store's language lock taken exclusively before the texts are read:
 * a text write under way (private.share_store_locale) commits first and is read, and one arriving
 * meanwhile waits for this change and is checked against the new language.
 */
create or replace function private.guard_default_locale()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_fields text[];
  v_reason text;
begin
  perform pg_advisory_xact_lock(hashtextextended('cardclub.store_locale:' || new.id::text, 0));
  -- A statement of its own, after the wait: it sees the texts committed meanwhile.
  -- One row a field at most (p_any), in the list's order.
  select coalesce(array_agg(l.table_name || '.' || l.field order by l.position), '{}') into v_fields
  from private.texts_lacking_locale(new.id, new.default_locale, new.name, true) l;
  if cardinality(v_fields) > 0 then
    v_reason := format('cannot become %s: some %s %s no text in %s yet', new.default_locale,
      array_to_string(v_fields, ', '), case when cardinality(v_fields) = 1 then 'has' else 'have' end, new.default_locale);
    -- private.reject's details, with the list beside them.
    raise exception using
      errcode = '23514',
      message = 'default_locale ' || v_reason,
      detail = pg_catalog.jsonb_build_object('field', 'default_locale', 'reason', v_reason, 'missing', to_jsonb(v_fields))::text;
  end if;
  return new;
end
$$;
