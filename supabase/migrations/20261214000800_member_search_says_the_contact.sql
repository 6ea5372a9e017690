/**
 * The console's member search says why a company matched when a contact did. Searching "Chen Wei"
 * or a buyer's e-mail listed "Bella Cabello S.A. de C.V." with nothing to say which of its people
 * was meant, or that the search had found a person at all.
 *
 * - private.member_ids_by_search (as in 20261214000400) returns, with each company, the contact
 *   whose name, card e-mail or number matched: their name and e-mail, read from the contact rows
 *   its index searches already read (no further read). None when the company's own name matched:
 *   the name says why. A company several of whose contacts matched gives the first by name, then
 *   e-mail. Its return type changes: dropped and re-created, with its grants.
 * - staff_member_search (as in 20261214000400) returns them as matched_contact_name and
 *   matched_contact_email, carried with the ids it already takes as a value; its refusals,
 *   filters, order and paging are unchanged. Its return type changes: dropped and re-created,
 *   with its grants.
 *
 * Every other line of the re-created functions is as in the migration named.
 */

drop function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int, boolean);
drop function private.member_ids_by_search(uuid, text, text);

/**
 * The companies of store `p_store_id` whose name is `ilike p_pattern`, one of whose contacts'
 * name or card e-mail is, or (`p_digits` not null) one of whose contacts' numbers, as
 * contact_phone_digits gives them, are `like p_digits`, each once, with the contact that matched
 * (`contact_name`, `contact_email`; null when the company's name did, the first by name then
 * e-mail when several did); for the store's staff only (42501 otherwise). Runs as its owner so
 * that the trigram indexes serve the match: under row security they cannot (ILIKE is not
 * leakproof, so it may not run before the policies' check) and every company and contact of the
 * store would be read.
 */
create function private.member_ids_by_search(p_store_id uuid, p_pattern text, p_digits text)
returns table (member_id uuid, contact_name text, contact_email text)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  -- Planned for the pattern at hand (EXECUTE): a generic plan cannot tell a search that picks a
  -- few rows through the indexes from one that matches much of the store.
  return query execute
    'select distinct on (x.member_id) x.member_id, x.contact_name, x.contact_email
     from (
       select m.id as member_id, null::text as contact_name, null::text as contact_email, false as by_contact
       from public.members m
       where m.store_id = $1 and m.company_name ilike $2
       union all
       select c.member_id, c.full_name, c.email, true from public.member_contacts c
       where c.store_id = $1 and (c.full_name ilike $2 or c.email ilike $2)
       union all
       select c.member_id, c.full_name, c.email, true from public.member_contacts c
       where $3 is not null and c.store_id = $1 and private.contact_phone_digits(c.phone, c.whatsapp) like $3
     ) x
     order by x.member_id, x.by_contact, x.contact_name, x.contact_email'
  using p_store_id, p_pattern, p_digits;
end
$$;
revoke execute on function private.member_ids_by_search(uuid, text, text) from public;
grant execute on function private.member_ids_by_search(uuid, text, text) to authenticated;

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
  points_balance bigint, rebate_balance numeric, joined_at timestamptz, left_at timestamptz, total bigint,
  matched_contact_name text, matched_contact_email text
)
language plpgsql stable security invoker
-- Planned for each call's filters: a plan kept for the function, made for none, ran
-- private.member_lifecycle for every matched company even with no stage or churn filter.
set plan_cache_mode = force_custom_plan
set search_path = ''
as $$
declare
  v_search text;
  v_pattern text;
  v_digits text;
  v_ids uuid[];
  v_contact_names text[];
  v_contact_emails text[];
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
  -- The matched ids first, as a value: a plan kept for the function (one not made for this call's
  -- filters) joined a subquery of them to the store's companies by a scan of the ids for each
  -- company; from the array, each company is read by its key.
  select coalesce(array_agg(f.member_id), '{}'), array_agg(f.contact_name), array_agg(f.contact_email)
  into v_ids, v_contact_names, v_contact_emails
  from private.member_ids_by_search(p_store_id, v_pattern, v_digits) f;

  return query
  with matches as not materialized (
    select m.id, m.last_paid_order_at, m.company_name, found.contact_name, found.contact_email
    from unnest(v_ids, v_contact_names, v_contact_emails) found (id, contact_name, contact_email)
    join public.members m on m.id = found.id
    left join lateral (
      select l.stage, l.churn_risk from private.member_lifecycle(m.store_id, m.id) l
      where p_stage is not null or p_churn_risk is not null
    ) f on true
    where m.store_id = p_store_id
      and (p_tier_id is null or m.tier_id = p_tier_id)
      and (p_country is null or m.country = p_country)
      and (p_last_order_from is null or m.last_paid_order_at >= p_last_order_from)
      and (p_last_order_to is null or m.last_paid_order_at < p_last_order_to)
      and (p_stage is null or f.stage = p_stage)
      and (p_churn_risk is null or f.churn_risk = p_churn_risk)
      and (p_former is null or (m.left_at is not null) = p_former)
  ), page as (
    select x.id, x.contact_name, x.contact_email from matches x
    order by x.last_paid_order_at desc nulls last, x.company_name, x.id
    limit p_limit offset p_offset
  ), tier as materialized (
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
  )
  select m.id, m.company_name, m.country, t.id, t.name, t.rank,
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period, l.paid_amount_in_period,
    m.points_balance, m.rebate_balance, m.joined_at, m.left_at, (select count(*) from matches),
    page.contact_name, page.contact_email
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
