-- =============================================================================================
-- A tier's perks number the same in every language they are written in
-- =============================================================================================
-- Readers take a tier's perks whole from one language (private.local_value): a language with
-- fewer perks than the store's default showed its readers fewer, the rest lost without a word
-- (Silver's two Chinese perks, one translated, read as one perk in English). Falling back perk by
-- perk would pair perks by position, which nothing makes a translation of each other; so a write
-- whose languages differ in number is refused, naming the language, and the editor says so at its
-- box before saving. Rows saved before keep their perks, as with the other text rules.

/** Refuses perks whose languages differ in number from the store's default language. */
create function private.check_perk_counts()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  -- check_merchant_texts ran first (trigger order): perks is a map, its default language read under the store's lock.
  v_default text := private.share_store_locale(new.store_id);
  v_count integer := pg_catalog.jsonb_array_length(coalesce(new.perks -> v_default, '[]'));
  v_entry record;
begin
  for v_entry in select e.key, pg_catalog.jsonb_array_length(e.value) as n from pg_catalog.jsonb_each(new.perks) e where e.key <> v_default order by e.key loop
    if v_entry.n <> v_count then
      perform private.reject('perks.' || v_entry.key, format(
        'has a different number of perks (%s) from %s, the store''s default language (%s): give every language the same perks, or leave %s out so its readers see the %s ones',
        v_entry.n, v_default, v_count, v_entry.key, v_default));
    end if;
  end loop;
  return new;
end
$$;
revoke execute on function private.check_perk_counts() from public;

-- After tiers_check_merchant_texts, which turns a plain list into the default language's.
create trigger tiers_check_perk_counts before insert or update of perks on public.tiers
  for each row execute function private.check_perk_counts();
