-- Two tiers of a store could share a name: a merchant added "VIP会员" beside the default "VIP会员"
-- and both were saved, so buyers would have seen two VIP会员 tiers, and a product or coupon "for
-- VIP会员 and above" could not say which. unique (store_id, name) compared whole maps, and
-- {"en": "VIP", "zh-CN": "VIP会员"} is not {"zh-CN": "VIP会员"}.
--
-- Now no two tiers of a store show one name to the same reader: for every language, the name a
-- reader of it sees (the tier's text in that language, else the store's default one, as
-- private.local_locale reads it) differs from every other tier's, compared as readers tell names
-- apart (tier_name_key: trimmed, case and width folded). So "VIP" in one tier's English and in
-- another's Spanish is allowed while each of them has a text in the other language, and refused
-- when a Spanish reader would get the first one's English. The names each tier shows are kept
-- in private.tier_name_keys, whose primary key decides: of two saves of one name at once, the
-- second waits for the first and is refused once it commits.
--
-- Tiers that already share a name keep it (the lower rank keeps the record): the next save of
-- the other one's name is refused until one is renamed.

alter table public.tiers drop constraint tiers_store_id_name_key;

/**
 * A tier name as readers tell names apart: Unicode-compatible forms folded (the full-width
 * "ＶＩＰ" a Chinese input method types is "VIP"), invisible format characters (zero-width
 * spaces, direction marks, soft hyphens) dropped, runs of spaces as one, trimmed, lower case.
 */
create function private.tier_name_key(p_name text)
returns text
language sql immutable
set search_path = ''
as $$
  select btrim(lower(regexp_replace(regexp_replace(normalize(p_name, nfkc),
    '[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]', '', 'g'), '\s+', ' ', 'g') collate "und-x-icu"))
$$;

/** The name each tier of a store shows to the readers of each language, as tier_name_key. */
create table private.tier_name_keys (
  store_id uuid not null,
  locale text not null,
  name_key text not null,
  tier_id uuid not null,
  primary key (store_id, locale, name_key),
  foreign key (tier_id, store_id) references public.tiers (id, store_id) on update cascade on delete cascade
);
comment on table private.tier_name_keys is 'The name each tier shows to the readers of each language; its key keeps them distinct within a store.';
create index tier_name_keys_tier_id_store_id_idx on private.tier_name_keys (tier_id, store_id);

-- Not in an exposed schema; RLS without policies keeps it closed if it ever is.
alter table private.tier_name_keys enable row level security;
revoke all on table private.tier_name_keys from public, anon, authenticated, service_role;

/**
 * Records the names a tier shows to the readers of each language under the store's default
 * language `p_default`, in place of those recorded for it before. Returns a language whose
 * readers already see that name for another tier of the store (the default first, then those
 * the tier has a text in), or null; the caller refuses the change then, and with it this record.
 */
create function private.record_tier_name_keys(p_tier_id uuid, p_store_id uuid, p_name jsonb, p_default text)
returns text
language plpgsql
set search_path = ''
as $$
declare
  v_clash text;
begin
  delete from private.tier_name_keys k where k.tier_id = p_tier_id;
  with shown as (
    select l.code as locale, l."position", private.tier_name_key(coalesce(p_name ->> l.code, p_name ->> p_default)) as name_key
    from private.locales() l
  ), recorded as (
    insert into private.tier_name_keys (store_id, locale, name_key, tier_id)
    select p_store_id, s.locale, s.name_key, p_tier_id from shown s where s.name_key is not null
    on conflict do nothing
    returning locale
  )
  select s.locale into v_clash
  from shown s
  where s.name_key is not null and s.locale not in (select r.locale from recorded r)
  order by s.locale = p_default desc, p_name ? s.locale desc, s."position"
  limit 1;
  return v_clash;
end
$$;

/**
 * AFTER INSERT OR UPDATE OF name on tiers: refuses a name another tier of the store already
 * shows to the same readers, with 23505 naming the language (`name.zh-CN is the name readers of
 * zh-CN already see for another tier`).
 */
create function private.check_tier_name()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_default text;
  v_clash text;
begin
  -- The store row shared: a change of its default language (which changes what readers without
  -- a text of their own see) commits before this reads it, or waits for this to commit.
  select s.default_locale into v_default from public.stores s where s.id = new.store_id for share;
  v_clash := private.record_tier_name_keys(new.id, new.store_id, new.name, v_default);
  if v_clash is not null then
    perform private.reject('name.' || v_clash, format('is the name readers of %s already see for another tier', v_clash), '23505');
  end if;
  return null;
end
$$;

/**
 * AFTER UPDATE OF default_locale on stores: readers without a text of their own now see the
 * new default's, so every tier's names are recorded again; refused (23514) when two tiers would
 * then show one name to the same readers.
 */
create function private.record_store_tier_names()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_tier record;
  v_clash text;
begin
  delete from private.tier_name_keys k where k.store_id = new.id;
  for v_tier in select t.id, t.name from public.tiers t where t.store_id = new.id order by t.rank loop
    v_clash := private.record_tier_name_keys(v_tier.id, new.id, v_tier.name, new.default_locale);
    if v_clash is not null then
      perform private.reject('default_locale', format('cannot become %s: readers of %s would see two tiers named "%s"',
        new.default_locale, v_clash, coalesce(v_tier.name ->> v_clash, v_tier.name ->> new.default_locale)), '23514');
    end if;
  end loop;
  return null;
end
$$;

revoke execute on function private.tier_name_key(text), private.record_tier_name_keys(uuid, uuid, jsonb, text),
  private.check_tier_name(), private.record_store_tier_names() from public;

create trigger tiers_distinct_names after insert or update of name on public.tiers
  for each row execute function private.check_tier_name();
create trigger stores_record_tier_names after update of default_locale on public.stores
  for each row when (new.default_locale is distinct from old.default_locale)
  execute function private.record_store_tier_names();

-- The tiers there are, lowest rank first: of two that already share a name, the first keeps it.
insert into private.tier_name_keys (store_id, locale, name_key, tier_id)
select t.store_id, l.code, private.tier_name_key(coalesce(t.name ->> l.code, t.name ->> s.default_locale)), t.id
from public.tiers t
join public.stores s on s.id = t.store_id
cross join private.locales() l
order by t.store_id, t.rank, l."position"
on conflict do nothing;
