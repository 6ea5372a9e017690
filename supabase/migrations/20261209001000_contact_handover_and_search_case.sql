/**
 * Two mends to this round's migrations.
 *
 * A company always has one primary contact (docs/api.md), yet the hand-over to the
 * longest-standing contact (20261209000700) ran only in private.drop_contact, that is when a
 * contact left or staff removed them. A contact's card also goes when its login is deleted
 * (member_contacts.user_id references auth.users on delete cascade): a primary's deleted login
 * left the company with colleagues and no primary, and nobody but staff to name one. The hand-over
 * is now an after-delete trigger on member_contacts, the one place every way a card goes passes
 * through, and private.drop_contact (as in 20261209000700, its latest definition) is re-created
 * without its own copy of it.
 *
 * store_catalogue's `p_search` (20261209000800) matched with ILIKE, which under the database's C
 * character type folds ASCII letters only: "PEÑA ÉCLAT" was not found by "peña" nor "éclat", where
 * docs/api.md says the search ignores case. Text and search are now both lower-cased by Unicode's
 * rules (ICU's root locale, "und-x-icu") and compared with LIKE. private.search_pattern (as in
 * 20261209000800) is re-created to lower-case the search it turns into a pattern, so that the rule
 * is kept where the pattern is made; store_catalogue (as in 20261209000800) lower-cases each text.
 * The filter still runs before the rows are put in the reading language (the reason the search is
 * a parameter at all); the ICU lower-casing cost about 15% more than ILIKE over 5,000 products in
 * three languages.
 *
 * Every other line of the re-created functions is as in the migrations named; create or replace
 * keeps their grants.
 */

-- ---------------------------------------------------------------------------------------------
-- A primary contact's card deleted, however: the longest-standing contact left takes over
-- ---------------------------------------------------------------------------------------------

/**
 * After a primary contact's card is deleted (leave_store, remove_member_contact, a deleted
 * login's cascade): the longest-standing contact left becomes the company's primary.
 */
create function private.hand_over_primary()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_next uuid;
begin
  -- A primary named in the same statement (a data-modifying CTE) keeps the role: the unique
  -- index would refuse a second.
  if exists (select from public.member_contacts c where c.member_id = old.member_id and c.role = 'primary') then
    return null;
  end if;
  -- Locked as it is read: a login deleted meanwhile in another transaction takes its card without
  -- the company's lock, and a card so deleted is passed over for the next one rather than made
  -- primary in vain. Nothing is found when the last contact went, or the company itself: its
  -- contacts all go in the one cascaded statement, which this runs after.
  select c.id into v_next from public.member_contacts c
  where c.member_id = old.member_id
  order by c.created_at, c.id
  limit 1
  for update;
  if found then
    update public.member_contacts c set role = 'primary' where c.id = v_next;
  end if;
  return null;
end
$$;
revoke execute on function private.hand_over_primary() from public;

-- By row, after the statement: row-level after triggers run once the statement has deleted every
-- row it deletes, so when one statement takes several contacts of a company (a login in several
-- stores, or a company's contacts at once) the hand-over reads the contacts that are left, never
-- one going in the same statement. Only the primary's row calls it, at most one per company.
create trigger member_contacts_hand_over_primary after delete on public.member_contacts
  for each row when (old.role = 'primary') execute function private.hand_over_primary();

/**
 * The contact `p_contact_id` stops being one of their company's: their card is deleted; their
 * orders, claims, inquiries and reviews stay with the company without them; the addresses on
 * their sample claims are cleared to the country with staff's rejection reason (free text that may
 * name the buyer or their address), and a claim still open is cancelled, as cancel_sample does,
 * or staff could approve and ship it to a country alone; invitations they sent or accepted, which
 * hold e-mail addresses, are deleted. When they were the primary, the longest-standing contact
 * left becomes primary (private.hand_over_primary, on the card's delete). The caller holds the
 * company's row lock. Returns whether the company has no contact left.
 */
create or replace function private.drop_contact(p_contact_id uuid)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  v_member_id uuid;
begin
  -- contact_id is cleared here, not by the card's delete below, since a rejected claim may go
  -- without a reason only once it has no contact.
  update public.sample_claims s
  set ship_to = jsonb_strip_nulls(jsonb_build_object('country', s.ship_to -> 'country')), rejection_reason = null, contact_id = null,
      status = case when s.status in ('requested', 'approved') then 'cancelled' else s.status end,
      decided_at = case when s.status in ('requested', 'approved') then now() else s.decided_at end
  where s.contact_id = p_contact_id;
  delete from public.member_invitations i where i.invited_by = p_contact_id or i.accepted_by = p_contact_id;
  delete from public.member_contacts c where c.id = p_contact_id returning c.member_id into v_member_id;
  return not exists (select 1 from public.member_contacts c where c.member_id = v_member_id);
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The catalogue's search ignores case in every script
-- ---------------------------------------------------------------------------------------------

/**
 * A search typed into a box as a LIKE pattern that finds it anywhere in a text lower-cased as
 * `lower(text collate "und-x-icu")`: lower-cased the same way, trimmed, each run of spaces as one
 * (the no-break and ideographic spaces too: the database's C character type knows only ASCII
 * ones), LIKE's wildcards and escape taken literally; null when blank. Refuses (22023 on
 * `p_field`) a search of more than `p_max` characters or more than one line.
 */
create or replace function private.search_pattern(p_field text, p_search text, p_max int)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v_search text;
begin
  perform private.check_line(p_field, p_search, p_max);
  -- ICU's, since the C character type's lower() and ILIKE fold ASCII letters only (Ñ, É, Ä stay).
  v_search := lower(btrim(regexp_replace(p_search, '[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+', ' ', 'g')) collate "und-x-icu");
  return '%' || replace(replace(replace(nullif(v_search, ''), '\', '\\'), '%', '\%'), '_', '\_') || '%';
end
$$;

/**
 * The store's active products the caller may see (products' RLS decides: this runs as the
 * caller), with name and description in `p_locale` (null: the request's Accept-Language, else
 * the store's default) and the language each came in (`name_lang`, `description_lang`: null for
 * no description), and the caller's member price, prepayment percent and minimum order
 * quantity for their tier. With `p_search`, only those whose SKU or name (in any language)
 * contains it, letter case ignored in any script (private.search_pattern; blank: all). Public
 * first, then by tier, then by name in the reading language's ICU collation (pinyin for zh-CN).
 * For visitors and non-members the tier columns are null and sample_eligible false. Errors: PT404
 * unknown store; 22023 unsupported locale, or a search over 100 characters or of more than one
 * line.
 */
create or replace function public.store_catalogue(p_store_slug text, p_locale text default null, p_search text default null)
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
  select * into v_tier from public.tiers t
  where t.id = (select m.tier_id from private.my_tier_at(v_store.id) m);
  select m.can_claim_sample into v_can_claim from private.my_tier_at(v_store.id) m;
  -- A collation cannot be a parameter: it comes from private.locales(), never from the caller.
  -- The texts are lower-cased as search_pattern lower-cased the search.
  return query execute format($sql$
    select p.id, p.sku, name.field ->> 'name', name.field ->> 'name_lang',
      coalesce(description.field ->> 'description', ''), description.field ->> 'description_lang',
      p.kind, p.currency, p.price,
      round(p.price * (1 - $4 / 100), 2),
      $4,
      case p.kind when 'customized' then $6 else $5 end,
      -- A tier's MOQ override can lower a product's minimum, never raise it.
      least(p.moq, coalesce($7, p.moq)),
      p.visibility, p.min_tier_rank, p.image_path,
      coalesce($8, false)
    from public.products p
    cross join private.local_field('name', p.name, $1, $2) name (field)
    cross join private.local_field('description', p.description, $1, $2) description (field)
    where p.store_id = $3 and p.active
      and ($9::text is null or lower(p.sku collate "und-x-icu") like $9
        or exists (select from jsonb_each_text(p.name) n where lower(n.value collate "und-x-icu") like $9))
    order by p.visibility = 'public' desc, p.min_tier_rank, name.field ->> 'name' collate %I, p.id
  $sql$, (select l.collation_name from private.locales() l where l.code = v_locale))
  using v_store.default_locale, v_locale, v_store.id, v_tier.discount_percent, v_tier.prepay_regular_percent,
    v_tier.prepay_customized_percent, v_tier.moq_override, v_can_claim, v_pattern;
end
$$;
