/**
 * The console's member search finds a contact by phone or WhatsApp number. An account manager on
 * the phone with a buyer searched "+86 139 1234 5678", "13912345678", "139 1234 5678" and
 * "+49 151 2345678" and found nobody, though the contacts' cards held those numbers (written
 * "+86 139 1234 5678" and the like); "Anna  Kowalski", typed with two spaces, found nothing either.
 *
 * - staff_member_search (as in 20261209000300) collapses each run of spaces in the search to one
 *   before it matches names and e-mails (a search of spaces alone, ideographic ones too, is blank),
 *   and also lists a company one of whose contacts' phone or WhatsApp numbers, as digits only,
 *   contains the search's digits without their leading zeros (the 00 of an international call, a
 *   trunk 0), when at least 6 digits remain (fewer would list much of a big store). Spacing,
 *   dashes, brackets and a leading + or 00 on either side do not matter; a number typed without
 *   its country code, or with the trunk 0 of national dialling ("0151 2345678" for
 *   "+49 151 2345678"), still finds the number stored with one. Its refusals, filters and paging
 *   are unchanged.
 * - private.contact_phone_digits gives those digits, and a trigram index on them (pg_trgm) lets
 *   private.member_ids_by_phone read the few contacts whose numbers hold the digits rather than
 *   every contact.
 *
 * Every other line of the re-created function is as in the migration named.
 */

create extension if not exists pg_trgm with schema extensions;

/**
 * The digits of a contact's phone and WhatsApp numbers, the two apart (a space between), so that
 * a match cannot run from the end of one into the start of the other.
 */
create function private.contact_phone_digits(p_phone text, p_whatsapp text)
returns text
language sql immutable parallel safe
set search_path = ''
as $$
  select regexp_replace(coalesce(p_phone, ''), '[^0-9]', '', 'g') || ' ' || regexp_replace(coalesce(p_whatsapp, ''), '[^0-9]', '', 'g')
$$;
revoke execute on function private.contact_phone_digits(text, text) from public;
-- The index runs it as whoever writes a contact's card; the search as the staff asking.
grant execute on function private.contact_phone_digits(text, text) to authenticated, service_role;

create index member_contacts_phone_digits_idx on public.member_contacts
  using gin (private.contact_phone_digits(phone, whatsapp) extensions.gin_trgm_ops);

/**
 * The companies of store `p_store_id` one of whose contacts' numbers, as contact_phone_digits
 * gives them, are `like p_digits`; for the store's staff only (42501 otherwise). Runs as its owner
 * so that the index serves the match: under the contacts' row security it cannot (LIKE is not
 * leakproof, so it may not run before the policy's check) and every contact of every store would
 * be read: 1-2 s at the bench's 120,000 contacts, against a millisecond through the index.
 */
create function private.member_ids_by_phone(p_store_id uuid, p_digits text)
returns setof uuid
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  -- Planned for the pattern at hand (EXECUTE): a generic plan cannot tell that it picks a few
  -- contacts, and reads the store's.
  return query execute
    'select c.member_id from public.member_contacts c
     where c.store_id = $1 and private.contact_phone_digits(c.phone, c.whatsapp) like $2'
  using p_store_id, p_digits;
end
$$;
revoke execute on function private.member_ids_by_phone(uuid, text) from public;
grant execute on function private.member_ids_by_phone(uuid, text) to authenticated;

drop function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean);
create function public.staff_member_search(
  p_store_id uuid,
  p_search text,
  p_tier_id uuid default null,
  p_stage text default null,
  p_churn_risk boolean default null,
  p_country text default null,
  p_last_order_from timestamptz default null,
  p_last_order_to timestamptz default null,
  p_limit int default 50,
  p_offset int default 0,
  p_former boolean default false
)
returns table (
  member_id uuid, company_name text, country text, tier_id uuid, tier_name text, tier_rank int,
  stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int, paid_amount_in_period numeric,
  points_balance bigint, rebate_balance numeric, joined_at timestamptz, left_at timestamptz, total bigint
)
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_search text;
  v_pattern text;
  v_digits text;
begin
  perform private.require_staff_of(p_store_id);
  -- The database's C character type knows only ASCII spaces: the no-break and ideographic
  -- spaces (a Chinese input method's) are named.
  v_search := btrim(regexp_replace(private.clean_line('search', p_search, 100),
    '[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+', ' ', 'g'));
  if nullif(v_search, '') is null then
    perform private.reject('search', 'is required: a company, contact name or e-mail to look for');
  end if;
  v_pattern := '%' || replace(replace(replace(v_search, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  v_digits := ltrim(regexp_replace(v_search, '[^0-9]', '', 'g'), '0');
  v_digits := case when length(v_digits) >= 6 then '%' || v_digits || '%' end;
  if p_stage not in ('cognitive', 'interested', 'purchasing', 'loyal') then
    perform private.reject('stage', 'must be one of cognitive, interested, purchasing, loyal');
  end if;
  p_country := private.clean_format('country', p_country, 'country');
  if p_limit not between 1 and 500 or p_offset < 0 then
    perform private.reject('limit', 'must be 1 to 500, with a non-negative offset');
  end if;

  return query
  with matches as not materialized (
    select m.id, m.last_paid_order_at, m.company_name
    from public.members m
    left join lateral (
      select l.stage, l.churn_risk from private.member_lifecycle(m.store_id, m.id) l
      where p_stage is not null or p_churn_risk is not null
    ) f on true
    where m.store_id = p_store_id
      and (m.company_name ilike v_pattern
           or exists (select 1 from public.member_contacts c
                      where c.member_id = m.id and c.store_id = m.store_id
                        and (c.full_name ilike v_pattern or c.email ilike v_pattern))
           or m.id in (select private.member_ids_by_phone(p_store_id, v_digits) where v_digits is not null))
      and (p_tier_id is null or m.tier_id = p_tier_id)
      and (p_country is null or m.country = p_country)
      and (p_last_order_from is null or m.last_paid_order_at >= p_last_order_from)
      and (p_last_order_to is null or m.last_paid_order_at < p_last_order_to)
      and (p_stage is null or f.stage = p_stage)
      and (p_churn_risk is null or f.churn_risk = p_churn_risk)
      and (p_former is null or (m.left_at is not null) = p_former)
  ), page as (
    select x.id from matches x
    order by x.last_paid_order_at desc nulls last, x.company_name, x.id
    limit p_limit offset p_offset
  ), tier as materialized (
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
  )
  select m.id, m.company_name, m.country, t.id, t.name, t.rank,
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period, l.paid_amount_in_period,
    m.points_balance, m.rebate_balance, m.joined_at, m.left_at, (select count(*) from matches)
  from page
  join public.members m on m.id = page.id
  cross join lateral private.member_lifecycle(m.store_id, m.id) l
  left join tier t on t.id = m.tier_id
  order by m.last_paid_order_at desc nulls last, m.company_name, m.id;
end
$$;
revoke execute on function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean)
  from public, anon, authenticated;
grant execute on function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean)
  to authenticated;
