/**
 * Which texts stand in the way of a new default language.
 *
 * guard_default_locale refuses a store's change of default language while some merchant text
 * lacks the new one, naming only the fields (`some products.name, tiers.name have no text in
 * es yet`). A merchant walkthrough chose Español, was refused, and had nothing saying which
 * tier, product or coupon to translate. So:
 * - private.texts_lacking_locale lists them row by row: every text of the store (required
 *   fields, and optional ones that have any text) with no text in a language, read from
 *   private.merchant_text_fields, the trigger's own list;
 * - guard_default_locale (as in 20261210000500) names the fields of that same list, so the
 *   console's list and the refusal cannot disagree: same message, details and order;
 * - texts_lacking_locale(p_store_id, p_locale), an RPC for the store's staff, gives the console
 *   that list before the owner saves.
 */

/**
 * The store's texts with no text in `p_locale`: per merchant_text_fields row (`position` its
 * place in that list), each row of its table lacking it, with the row's id (a store's, or a
 * merchant card's, is the store's id) and a name to find it by, in the store's default language
 * as stored now (a coupon's code), whatever language the request reads in. `p_store_name` stands
 * for the store's own name: the trigger passes the one being written. `p_any`: only whether each
 * field has such a row (one row a field at most, no name), which is all the trigger asks: listing
 * and naming every row of a large store held its row locked for seconds. Runs as the caller: the
 * trigger's reader sees what it saw before.
 */
create function private.texts_lacking_locale(p_store_id uuid, p_locale text, p_store_name jsonb, p_any boolean default false)
returns table ("position" int, table_name text, field text, row_id uuid, label text)
language plpgsql stable
set search_path = ''
as $$
declare
  v_default text := private.store_locale(p_store_id);
  v_field record;
begin
  for v_field in select f.table_name, f.field, f.ordinality::int as position
                 from private.merchant_text_fields() with ordinality f loop
    if v_field.table_name = 'stores' then
      return query select v_field.position, v_field.table_name, v_field.field, p_store_id,
          case when not p_any then private.local_text(p_store_name, v_default, v_default) end
        where not coalesce(p_store_name, '{}') ? p_locale;
    else
      -- Names in the default language asked for by name ($6 twice): read in the request's language
      -- they came back in the reader's, and each one parsed the request's headers.
      return query execute format(
        'select $3, $4, $5, t.%I, %s from public.%I t where t.store_id = $1 and t.%I <> ''{}'' and not t.%I ? $2%s',
        case v_field.table_name when 'merchant_cards' then 'store_id' else 'id' end,
        case when p_any then 'null::text'
             when v_field.table_name = 'coupons' then 't.code'
             when v_field.table_name = 'merchant_cards' then 'private.local_text(t.title, $6, $6)'
             else 'private.local_text(t.name, $6, $6)' end,
        v_field.table_name, v_field.field, v_field.field,
        case when p_any then ' limit 1' else '' end)
      using p_store_id, p_locale, v_field.position, v_field.table_name, v_field.field, v_default;
    end if;
  end loop;
end
$$;
revoke execute on function private.texts_lacking_locale(uuid, text, jsonb, boolean) from public;
-- guard_default_locale runs it as the owner updating the store.
grant execute on function private.texts_lacking_locale(uuid, text, jsonb, boolean) to authenticated, service_role;

/**
 * As in 20261210000500, the fields read from private.texts_lacking_locale: refused with 23514
 * naming every field that lacks the language, in the merchant_text_fields order, with `missing`
 * (["stores.name", "tiers.name", …]) in the details. The store's own name is the one in the
 * update (its check ran first, by trigger name).
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

/**
 * The console's list before a change of default language: the texts the change to `p_locale`
 * would be refused for, as one JSON array (PostgREST cuts rows at 1,000) of groups
 * `{table, field, count, rows: [{id, name}]}` in merchant_text_fields order, each group's rows by
 * name, at most 100 of them (`count` says how many in all). Empty when the change would pass.
 * Staff read it (the refusal names what any of them may translate).
 * Errors: 42501 not staff of the store; 22023 locale not a supported language.
 */
create function private.texts_lacking_locale(p_store_id uuid, p_locale text)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  if p_locale is null then
    perform private.reject('locale', 'is required: one of ' || private.locale_list());
  end if;
  perform private.check_locale(p_locale);
  return (
    select coalesce(jsonb_agg(jsonb_build_object('table', g.table_name, 'field', g.field, 'count', g.count, 'rows', g.rows)
                              order by g.position), '[]')
    from (select l.position, l.table_name, l.field, count(*) as count,
            jsonb_agg(jsonb_build_object('id', l.row_id, 'name', l.label) order by l.n) filter (where l.n <= 100) as rows
          from (select t.*, row_number() over (partition by t.position order by t.label, t.row_id) as n
                from private.texts_lacking_locale(p_store_id, p_locale, (select s.name from public.stores s where s.id = p_store_id)) t) l
          group by l.position, l.table_name, l.field) g
  );
end
$$;
revoke execute on function private.texts_lacking_locale(uuid, text) from public;
grant execute on function private.texts_lacking_locale(uuid, text) to authenticated;

create function public.texts_lacking_locale(p_store_id uuid, p_locale text)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$ select private.texts_lacking_locale(p_store_id, p_locale) $$;
revoke execute on function public.texts_lacking_locale(uuid, text) from public, anon, authenticated;
grant execute on function public.texts_lacking_locale(uuid, text) to authenticated;
