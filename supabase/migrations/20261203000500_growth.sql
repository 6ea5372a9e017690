-- Growing the membership (issue 14): segments of a store's members (saved filter sets with a
-- live size, a member list and a CSV export of the contacts who consented to be contacted), a
-- campaign log whose results are the recipients' orders within 30 days, posts for members
-- (industry news, trend reports, trade data, greetings) gated by tier exactly like exclusive
-- products with attachments in Storage, and analytics over a date range.
--
-- Everything staff read runs as the caller (security invoker), so the select policies decide;
-- the one write that must hold what the caller could not forge (a campaign's recipients, kept
-- as they were at send time) is a security-definer body in `private` behind an invoker RPC.
-- A large merchant has 100,000 members and a million orders: segments filter on member columns
-- (cached tier, newest paid order, balances) and compute lifecycle stages for the whole store in
-- one set-based pass (`private.store_lifecycle`, which agrees member by member with the
-- engine's `private.member_lifecycle`), never once per member.

-- ---------------------------------------------------------------------------------------------
-- Segment filters
-- ---------------------------------------------------------------------------------------------

/** An ISO 8601 date or timestamp filter value as a timestamptz; a bare date is midnight UTC. */
create function private.segment_instant(p_field text, p_value jsonb)
returns timestamptz
language plpgsql immutable
set search_path = ''
as $$
declare
  v_text text := p_value #>> '{}';
begin
  if jsonb_typeof(p_value) <> 'string'
     or v_text !~ '^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?))?$' then
    perform private.reject(p_field, 'must be an ISO 8601 date such as 2026-03-01 or a timestamp with its offset');
  end if;
  begin
    return case when length(v_text) = 10 then (v_text || 'T00:00:00Z')::timestamptz else v_text::timestamptz end;
  exception when others then
    perform private.reject(p_field, 'must be an ISO 8601 date such as 2026-03-01 or a timestamp with its offset');
  end;
end
$$;

/** A filter value that must be a non-empty JSON array of at most `p_max` strings; returns them. */
create function private.segment_strings(p_field text, p_value jsonb, p_max int)
returns text[]
language plpgsql immutable
set search_path = ''
as $$
begin
  if jsonb_typeof(p_value) <> 'array' or jsonb_array_length(p_value) = 0 or jsonb_array_length(p_value) > p_max
     or exists (select 1 from jsonb_array_elements(p_value) e where jsonb_typeof(e) <> 'string') then
    perform private.reject(p_field, format('must be a list of 1 to %s texts', p_max));
  end if;
  return array(select e from jsonb_array_elements_text(p_value) e);
end
$$;

/**
 * A segment's filters, checked and normalised, or 22023 naming the filter (`filters.tiers`):
 *   tiers                      tier ids of the store (any of them)
 *   stages                     lifecycle stages (any of them)
 *   churn_risk                 true or false
 *   countries                  ISO 3166 alpha-2 codes (any of them)
 *   industries                 industries as members wrote them, case-insensitive (any of them)
 *   joined_from / joined_to    join date, from inclusive, to exclusive
 *   last_order_from / _to      newest paid order, from inclusive, to exclusive
 *   sampled_never_ordered      true: claimed a sample (not cancelled or rejected), never a paid order
 *   points_at_least            a whole number of points, 1 or more
 *   coupon_expires_within_days a whole number of days, 1-3650: holds an unused coupon ending by then
 * Filters combine with AND; the values of one list filter with OR. `{}` is every member.
 */
create function private.segment_filters(p_store_id uuid, p_filters jsonb)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
declare
  v_key text;
  v_value jsonb;
  v_list text[];
  v_result jsonb := '{}';
  v_field text;
begin
  if jsonb_typeof(p_filters) is distinct from 'object' then
    perform private.reject('filters', 'must be an object of filters such as {"countries": ["DE"]}');
  end if;
  for v_key, v_value in select * from jsonb_each(p_filters) loop
    -- Cut: the key is the caller's text, and a 100 kB key must not become a 100 kB error.
    v_field := 'filters.' || left(v_key, 40);
    continue when jsonb_typeof(v_value) = 'null';
    case v_key
    when 'tiers' then
      v_list := private.segment_strings(v_field, v_value, 50);
      if exists (select 1 from unnest(v_list) x
                 where x !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                    or not exists (select 1 from public.tiers t where t.store_id = p_store_id and t.id = x::uuid)) then
        perform private.reject(v_field, 'must name tiers of this store');
      end if;
      v_result := v_result || jsonb_build_object(v_key, to_jsonb(array(select distinct lower(x) from unnest(v_list) x order by 1)));
    when 'stages' then
      v_list := private.segment_strings(v_field, v_value, 4);
      if exists (select 1 from unnest(v_list) x where x not in ('cognitive', 'interested', 'purchasing', 'loyal')) then
        perform private.reject(v_field, 'must be among cognitive, interested, purchasing, loyal');
      end if;
      v_result := v_result || jsonb_build_object(v_key, to_jsonb(array(select distinct x from unnest(v_list) x order by 1)));
    when 'countries' then
      v_list := private.segment_strings(v_field, v_value, 250);
      if exists (select 1 from unnest(v_list) x where x !~ '^[A-Z]{2}$') then
        perform private.reject(v_field, 'must be two-letter ISO 3166 codes such as DE');
      end if;
      v_result := v_result || jsonb_build_object(v_key, to_jsonb(array(select distinct x from unnest(v_list) x order by 1)));
    when 'industries' then
      v_list := private.segment_strings(v_field, v_value, 50);
      if exists (select 1 from unnest(v_list) x
                 where length(btrim(x)) not between 1 and 120 or not private.is_single_line(x)) then
        perform private.reject(v_field, 'must be single-line texts of 1 to 120 characters');
      end if;
      v_result := v_result || jsonb_build_object(v_key, to_jsonb(array(select distinct btrim(x) from unnest(v_list) x order by 1)));
    when 'churn_risk', 'sampled_never_ordered' then
      if jsonb_typeof(v_value) <> 'boolean' or (v_key = 'sampled_never_ordered' and v_value = 'false') then
        perform private.reject(v_field, case v_key when 'churn_risk' then 'must be true or false' else 'must be true or left out' end);
      end if;
      v_result := v_result || jsonb_build_object(v_key, v_value);
    when 'joined_from', 'joined_to', 'last_order_from', 'last_order_to' then
      v_result := v_result || jsonb_build_object(v_key, private.segment_instant(v_field, v_value));
    when 'points_at_least' then
      if jsonb_typeof(v_value) <> 'number' or (v_value #>> '{}')::numeric not between 1 and 1e15
         or (v_value #>> '{}')::numeric % 1 <> 0 then
        perform private.reject(v_field, 'must be a whole number of points from 1');
      end if;
      v_result := v_result || jsonb_build_object(v_key, (v_value #>> '{}')::bigint);
    when 'coupon_expires_within_days' then
      if jsonb_typeof(v_value) <> 'number' or (v_value #>> '{}')::numeric not between 1 and 3650
         or (v_value #>> '{}')::numeric % 1 <> 0 then
        perform private.reject(v_field, 'must be a whole number of days from 1 to 3650');
      end if;
      v_result := v_result || jsonb_build_object(v_key, (v_value #>> '{}')::int);
    else
      perform private.reject(v_field, 'is not a filter (tiers, stages, churn_risk, countries, industries, joined_from, joined_to, last_order_from, last_order_to, sampled_never_ordered, points_at_least, coupon_expires_within_days)');
    end case;
  end loop;
  if (v_result ->> 'joined_from')::timestamptz >= (v_result ->> 'joined_to')::timestamptz then
    perform private.reject('filters.joined_to', 'must be after joined_from');
  end if;
  if (v_result ->> 'last_order_from')::timestamptz >= (v_result ->> 'last_order_to')::timestamptz then
    perform private.reject('filters.last_order_to', 'must be after last_order_from');
  end if;
  return v_result;
end
$$;

/**
 * Lifecycle stage and churn risk of every member of a store in one pass: the semantics of the
 * engine's `private.member_lifecycle` (same window, orders, activities, cached tier and churn
 * rule), with the period's paid orders read as the engine reads them, from the figures kept with
 * each valid cached tier, and counted (at most two index entries) only for members whose cache
 * lapsed; never an aggregate of the store's orders in the period (2.4-3 s at 100,000 members).
 * tests/db/growth-segments.test.ts checks they agree member by member.
 * Runs as the caller: staff read their store's rows.
 */
create function private.store_lifecycle(p_store_id uuid)
returns table (member_id uuid, stage text, churn_risk boolean)
language sql stable
set search_path = ''
as $$
  with s as (
    select st.id, now() - make_interval(days => st.statistical_period_days) as start, st.churn_threshold_days
    from public.stores st where st.id = p_store_id
  ), tiers as materialized (
    select t.id, t.rank > 0 and t.rank = max(t.rank) over () as top from public.tiers t where t.store_id = p_store_id
  ), active as (
    select i.member_id from s join public.inquiries i on i.store_id = s.id and i.created_at > s.start
    union
    select c.member_id from s join public.sample_claims c on c.store_id = s.id and c.created_at > s.start
    union
    select l.member_id from s join public.points_ledger l on l.store_id = s.id and l.reason = 'redemption' and l.earned_at > s.start
  )
  select m.id,
    case
      when p.n >= 2 or t.top then 'loyal'
      when p.n = 1 then 'purchasing'
      when a.member_id is not null then 'interested'
      else 'cognitive'
    end,
    coalesce(now() - m.last_paid_order_at > make_interval(days => s.churn_threshold_days)
      and (m.paid_order_gap_median is null or now() - m.last_paid_order_at > 2 * m.paid_order_gap_median), false)
  from s
  join public.members m on m.store_id = s.id
  -- The period's paid orders as the engine reads them (private.paid_in_periods): kept with the
  -- cached tier while it is valid, else counted, here only up to the two a stage tells apart.
  cross join lateral (
    select case when m.tier_valid_until > now() and m.period_paid_orders is not null then m.period_paid_orders
      else (select count(*)::int from (
              select from public.orders o
              where o.member_id = m.id and o.store_id = m.store_id and o.status = 'paid' and o.placed_at > s.start
              limit 2) x)
    end as n
  ) p
  left join active a on a.member_id = m.id
  left join tiers t on t.id = m.tier_id
$$;

/**
 * A member's effective tier exactly as of now (the engine's effective_tier_id) for the staff of
 * its store, null for anyone else. Segments read the cached tier while it is valid and ask this
 * only for the few members whose cache has lapsed.
 */
create function private.staff_member_tier_id(p_member_id uuid)
returns uuid
language sql stable security definer
set search_path = ''
as $$
  select private.effective_tier_id(m.id) from public.members m
  where m.id = p_member_id and m.store_id in (select private.staff_store_ids())
$$;

/**
 * The members of a store a filter set selects (filters checked first). Runs as the caller, so a
 * store the caller does not staff yields nothing even before the RPCs' own 42501.
 */
create function private.segment_member_ids(p_store_id uuid, p_filters jsonb)
returns table (member_id uuid)
language plpgsql stable
set search_path = ''
as $$
declare
  f jsonb := private.segment_filters(p_store_id, p_filters);
  v_tiers uuid[] := (select array_agg(x::uuid) from jsonb_array_elements_text(f -> 'tiers') x);
  v_stages text[] := (select array_agg(x) from jsonb_array_elements_text(f -> 'stages') x);
  v_countries text[] := (select array_agg(x) from jsonb_array_elements_text(f -> 'countries') x);
  v_industries text[] := (select array_agg(lower(x)) from jsonb_array_elements_text(f -> 'industries') x);
  v_churn boolean := (f ->> 'churn_risk')::boolean;
  v_joined_from timestamptz := (f ->> 'joined_from')::timestamptz;
  v_joined_to timestamptz := (f ->> 'joined_to')::timestamptz;
  v_last_from timestamptz := (f ->> 'last_order_from')::timestamptz;
  v_last_to timestamptz := (f ->> 'last_order_to')::timestamptz;
  v_sampled boolean := coalesce((f ->> 'sampled_never_ordered')::boolean, false);
  v_points bigint := (f ->> 'points_at_least')::bigint;
  v_coupon_days int := (f ->> 'coupon_expires_within_days')::int;
  v_lifecycle boolean := v_stages is not null or v_churn is not null;
begin
  return query
  select m.id from public.members m
  where m.store_id = p_store_id
    and (v_tiers is null
      or case when m.tier_valid_until > now() then m.tier_id else private.staff_member_tier_id(m.id) end = any (v_tiers))
    and (v_countries is null or m.country = any (v_countries))
    and (v_industries is null or lower(btrim(m.industry)) = any (v_industries))
    and (v_joined_from is null or m.joined_at >= v_joined_from)
    and (v_joined_to is null or m.joined_at < v_joined_to)
    and (v_last_from is null or m.last_paid_order_at >= v_last_from)
    and (v_last_to is null or m.last_paid_order_at < v_last_to)
    and (v_points is null or m.points_balance >= v_points)
    and (not v_sampled or (m.last_paid_order_at is null and m.id in (
      select c.member_id from public.sample_claims c
      where c.store_id = p_store_id and c.status in ('requested', 'approved', 'shipped'))))
    and (v_coupon_days is null or m.id in (
      select h.member_id from public.member_coupons h join public.coupons c on c.id = h.coupon_id
      where h.store_id = p_store_id and h.used_at is null
        and c.valid_until > now() and c.valid_until <= now() + make_interval(days => v_coupon_days)))
    and (not v_lifecycle or m.id in (
      select l.member_id from private.store_lifecycle(p_store_id) l
      where (v_stages is null or l.stage = any (v_stages)) and (v_churn is null or l.churn_risk = v_churn)));
end
$$;

revoke execute on function private.segment_instant(text, jsonb), private.segment_strings(text, jsonb, int),
  private.segment_filters(uuid, jsonb), private.store_lifecycle(uuid), private.staff_member_tier_id(uuid),
  private.segment_member_ids(uuid, jsonb) from public;
-- The segment RPCs and the segments table's check trigger run as the caller.
grant execute on function private.segment_instant(text, jsonb), private.segment_strings(text, jsonb, int),
  private.segment_filters(uuid, jsonb), private.store_lifecycle(uuid), private.staff_member_tier_id(uuid),
  private.segment_member_ids(uuid, jsonb) to authenticated;

-- Segments read a store's sample claims, redemptions and held coupons as sets.
create index points_ledger_store_redemptions_idx on public.points_ledger (store_id, earned_at) include (member_id)
  where reason = 'redemption';
-- Liabilities: a store's unexpired credits by expiry, from the index alone (member_id is what
-- the table's policy reads; member_id never changes, so a write touches the index as before).
create index points_ledger_store_open_credits_idx on public.points_ledger (store_id, expires_at) include (remaining, member_id)
  where remaining > 0;

-- ---------------------------------------------------------------------------------------------
-- Segments
-- ---------------------------------------------------------------------------------------------

/** A saved set of filters over a store's members; its size and members are always computed live. */
create table public.segments (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null references public.stores (id) on delete cascade,
  name text not null,
  filters jsonb not null default '{}',
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, store_id),
  unique (store_id, name),
  constraint segments_name_single_line check (length(btrim(name)) between 1 and 120 and private.is_single_line(name)),
  constraint segments_filters_is_an_object check (jsonb_typeof(filters) = 'object')
);
comment on table public.segments is 'Saved member filters of a store (issue 14). Staff of the store only.';

/** Name and filters checked with a 22023 naming the field; filters stored normalised. */
create function private.check_segment()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform private.check_line('name', new.name, 120, true);
  new.name := btrim(new.name);
  new.filters := private.segment_filters(new.store_id, new.filters);
  if tg_op = 'INSERT' then
    new.created_by := (select auth.uid());
    new.created_at := now();
  else
    new.created_by := old.created_by;
    new.created_at := old.created_at;
  end if;
  new.updated_at := now();
  return new;
end
$$;
revoke execute on function private.check_segment() from public;
grant execute on function private.check_segment() to authenticated, service_role;
create trigger segments_check before insert or update on public.segments
  for each row execute function private.check_segment();

alter table public.segments enable row level security;
revoke all on table public.segments from anon, authenticated;
grant select, insert, delete on table public.segments to authenticated;
grant update (name, filters) on table public.segments to authenticated;
create policy "Staff read their store's segments" on public.segments
  for select to authenticated using (store_id in (select private.staff_store_ids()));
create policy "Staff add segments to their store" on public.segments
  for insert to authenticated with check (store_id in (select private.staff_store_ids()));
create policy "Staff edit their store's segments" on public.segments
  for update to authenticated
  using (store_id in (select private.staff_store_ids()))
  with check (store_id in (select private.staff_store_ids()));
create policy "Staff remove their store's segments" on public.segments
  for delete to authenticated using (store_id in (select private.staff_store_ids()));

/**
 * A filter set's live size: member companies, their contacts, and how many of those contacts
 * consented to be contacted (what an export or a campaign reaches).
 * Errors: 42501 not staff of the store · 22023 a filter (field filters.<name>).
 */
create function public.segment_size(p_store_id uuid, p_filters jsonb default '{}')
returns table (members bigint, contacts bigint, consenting_contacts bigint)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  return query
  with ids as materialized (select s.member_id from private.segment_member_ids(p_store_id, p_filters) s)
  select (select count(*) from ids),
    count(c.id), count(c.id) filter (where c.contact_consent_at is not null)
  from ids join public.member_contacts c on c.member_id = ids.member_id and c.store_id = p_store_id;
end
$$;

/**
 * The members a filter set selects, a page at a time, newest buyers first then by company (the
 * staff list's order), with tier, stage and churn risk. `total` counts every match.
 * Errors: 42501 · 22023 a filter, `limit must be 1 to 500, with a non-negative offset`.
 */
create function public.segment_members(p_store_id uuid, p_filters jsonb default '{}', p_limit int default 50, p_offset int default 0)
returns table (
  member_id uuid, company_name text, country char(2), industry text, tier_id uuid, tier_name text, tier_rank int,
  stage text, churn_risk boolean, last_order_at timestamptz, points_balance bigint, joined_at timestamptz,
  consenting_contacts int, total bigint
)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  if p_limit not between 1 and 500 or p_offset < 0 then
    perform private.reject('limit', 'must be 1 to 500, with a non-negative offset');
  end if;
  return query
  with ids as materialized (select s.member_id from private.segment_member_ids(p_store_id, p_filters) s),
  page as (
    select m.id from ids join public.members m on m.id = ids.member_id
    order by m.last_paid_order_at desc nulls last, m.company_name, m.id
    limit p_limit offset p_offset
  ), tier as materialized (
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
  )
  select m.id, m.company_name, m.country, m.industry, t.id, t.name, t.rank, l.stage, l.churn_risk, m.last_paid_order_at,
    m.points_balance, m.joined_at,
    (select count(*)::int from public.member_contacts c where c.member_id = m.id and c.contact_consent_at is not null),
    (select count(*) from ids)
  from page
  join public.members m on m.id = page.id
  cross join lateral private.member_lifecycle(m.store_id, m.id) l
  left join tier t on t.id = m.tier_id
  order by m.last_paid_order_at desc nulls last, m.company_name, m.id;
end
$$;

/**
 * The export of a filter set for a mailer or SMS tool: one row per contact who consented to be
 * contacted, and how many contacts of the selected companies did not (never their details).
 *   { members, contacts_without_consent,
 *     rows: [{full_name, company_name, email, phone, whatsapp, language, tier, stage}] }
 * `language` is the contact's preferred language, else the store's; `tier` the tier's name in
 * the request's language; rows by company, then name. The console turns rows into CSV.
 * Errors: 42501 · 22023 a filter.
 */
create function public.segment_export(p_store_id uuid, p_filters jsonb default '{}')
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_default text := private.store_locale(p_store_id);
begin
  perform private.require_staff_of(p_store_id);
  return (
    with ids as materialized (select s.member_id from private.segment_member_ids(p_store_id, p_filters) s),
    stage as materialized (
      select l.member_id, l.stage from private.store_lifecycle(p_store_id) l where l.member_id in (select member_id from ids)
    ), tier as materialized (
      select t.id, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
    ), contacts as (
      select c.*, m.company_name, m.tier_id from ids
      join public.members m on m.id = ids.member_id
      join public.member_contacts c on c.member_id = m.id and c.store_id = p_store_id
    )
    select jsonb_build_object(
      'members', (select count(*) from ids),
      'contacts_without_consent', (select count(*) from contacts c where c.contact_consent_at is null),
      'rows', coalesce((
        select jsonb_agg(jsonb_build_object(
          'full_name', c.full_name, 'company_name', c.company_name, 'email', c.email, 'phone', c.phone,
          'whatsapp', c.whatsapp, 'language', coalesce(c.preferred_locale, v_default), 'tier', t.name, 'stage', s.stage)
          order by c.company_name, c.full_name, c.id)
        from contacts c left join tier t on t.id = c.tier_id left join stage s on s.member_id = c.member_id
        where c.contact_consent_at is not null), '[]'))
  );
end
$$;

revoke execute on function public.segment_size(uuid, jsonb), public.segment_members(uuid, jsonb, int, int),
  public.segment_export(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.segment_size(uuid, jsonb), public.segment_members(uuid, jsonb, int, int),
  public.segment_export(uuid, jsonb) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Campaigns
-- ---------------------------------------------------------------------------------------------

/**
 * A send recorded by staff (the mailer or SMS tool sent it). `segment_name` and `filters` are
 * kept as they were, so the log reads the same after the segment changes or is deleted.
 */
create table public.campaigns (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null references public.stores (id) on delete cascade,
  segment_id uuid,
  segment_name text not null,
  filters jsonb not null,
  channel text not null check (channel in ('email', 'sms', 'whatsapp')),
  subject text not null,
  sent_at timestamptz not null,
  -- How many messages went out, as staff report it (defaults to the consenting contacts).
  sent_count int not null check (sent_count between 0 and 10000000),
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (id, store_id),
  foreign key (segment_id, store_id) references public.segments (id, store_id) on delete set null (segment_id),
  constraint campaigns_subject_single_line check (length(btrim(subject)) between 1 and 200 and private.is_single_line(subject))
);
comment on table public.campaigns is 'Campaign log (issue 14): sends recorded by staff, with their recipients at send time.';
create index campaigns_store_sent_idx on public.campaigns (store_id, sent_at desc);
create index campaigns_segment_idx on public.campaigns (segment_id, store_id);

/** The companies a campaign reached: the segment's companies with a consenting contact when it was recorded. */
create table public.campaign_recipients (
  campaign_id uuid not null,
  store_id uuid not null,
  member_id uuid not null,
  primary key (campaign_id, member_id),
  foreign key (campaign_id, store_id) references public.campaigns (id, store_id) on delete cascade,
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade
);
comment on table public.campaign_recipients is 'Recipient companies of a campaign, fixed when it is recorded.';
create index campaign_recipients_campaign_store_idx on public.campaign_recipients (campaign_id, store_id);
create index campaign_recipients_member_store_idx on public.campaign_recipients (member_id, store_id);
create index campaign_recipients_store_idx on public.campaign_recipients (store_id);

alter table public.campaigns enable row level security;
revoke all on table public.campaigns from anon, authenticated;
grant select, delete on table public.campaigns to authenticated;
create policy "Staff read their store's campaigns" on public.campaigns
  for select to authenticated using (store_id in (select private.staff_store_ids()));
create policy "Staff remove their store's campaigns" on public.campaigns
  for delete to authenticated using (store_id in (select private.staff_store_ids()));

alter table public.campaign_recipients enable row level security;
revoke all on table public.campaign_recipients from anon, authenticated;
grant select on table public.campaign_recipients to authenticated;
create policy "Staff read their store's campaign recipients" on public.campaign_recipients
  for select to authenticated using (store_id in (select private.staff_store_ids()));

/**
 * Records a send of a saved segment: the segment's companies that have a consenting contact now
 * become its recipients. Errors: 42501 not staff · PT404 segment_id · 22023 channel, subject,
 * sent_at, sent_count.
 */
create function private.record_campaign(p_store_id uuid, p_segment_id uuid, p_channel text, p_subject text,
  p_sent_at timestamptz, p_sent_count int)
returns public.campaigns
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_staff_of(p_store_id);
  v_segment public.segments;
  v_campaign public.campaigns;
  v_consenting int;
  v_recipients uuid[];
begin
  select * into v_segment from public.segments s where s.id = p_segment_id and s.store_id = p_store_id;
  if v_segment.id is null then
    perform private.reject('segment_id', 'matches no segment', 'PT404');
  end if;
  if p_channel is null or p_channel not in ('email', 'sms', 'whatsapp') then
    perform private.reject('channel', 'must be one of email, sms, whatsapp');
  end if;
  perform private.check_line('subject', p_subject, 200, true);
  if p_sent_at is null or not isfinite(p_sent_at) or p_sent_at < '2000-01-01' or p_sent_at > now() + interval '1 day' then
    perform private.reject('sent_at', 'must be a time from 2000 on, at most a day ahead');
  end if;
  if p_sent_count not between 0 and 10000000 then
    perform private.reject('sent_count', 'must be a whole number from 0 to 10000000');
  end if;

  select coalesce(array_agg(x.member_id), '{}'), coalesce(sum(x.consenting), 0) into v_recipients, v_consenting
  from (
    select c.member_id, count(*)::int as consenting
    from private.segment_member_ids(p_store_id, v_segment.filters) s
    join public.member_contacts c on c.member_id = s.member_id and c.store_id = p_store_id and c.contact_consent_at is not null
    group by c.member_id
  ) x;

  insert into public.campaigns (store_id, segment_id, segment_name, filters, channel, subject, sent_at, sent_count, created_by)
  values (p_store_id, v_segment.id, v_segment.name, v_segment.filters, p_channel, btrim(p_subject), p_sent_at,
    coalesce(p_sent_count, v_consenting), v_user)
  returning * into v_campaign;
  insert into public.campaign_recipients (campaign_id, store_id, member_id)
  select v_campaign.id, p_store_id, r from unnest(v_recipients) r;
  return v_campaign;
end
$$;
revoke execute on function private.record_campaign(uuid, uuid, text, text, timestamptz, int) from public;
grant execute on function private.record_campaign(uuid, uuid, text, text, timestamptz, int) to authenticated;

create function public.record_campaign(p_store_id uuid, p_segment_id uuid, p_channel text, p_subject text,
  p_sent_at timestamptz default now(), p_sent_count int default null)
returns public.campaigns
language sql security invoker
set search_path = ''
as $$ select private.record_campaign(p_store_id, p_segment_id, p_channel, p_subject, p_sent_at, p_sent_count) $$;
revoke execute on function public.record_campaign(uuid, uuid, text, text, timestamptz, int) from public, anon, authenticated;
grant execute on function public.record_campaign(uuid, uuid, text, text, timestamptz, int) to authenticated;

/**
 * Each campaign sent in [p_from, p_to) (all when null), newest first, with the paid orders its
 * recipients placed from the send until 30 days after it: how many recipients ordered, orders,
 * revenue in the store's currency. Runs as the caller. Errors: 42501.
 */
create function public.campaign_results(p_store_id uuid, p_from timestamptz default null, p_to timestamptz default null)
returns table (
  campaign_id uuid, channel text, subject text, segment_id uuid, segment_name text, sent_at timestamptz,
  sent_count int, recipients int, ordering_recipients int, orders int, revenue numeric, currency text
)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  return query
  select c.id, c.channel, c.subject, c.segment_id, c.segment_name, c.sent_at, c.sent_count,
    (select count(*)::int from public.campaign_recipients r where r.campaign_id = c.id and r.store_id = c.store_id),
    coalesce(x.buyers, 0), coalesce(x.orders, 0), coalesce(x.revenue, 0), s.base_currency::text
  from public.campaigns c
  join public.stores s on s.id = c.store_id
  left join lateral (
    select count(distinct o.member_id)::int as buyers, count(*)::int as orders, sum(o.amount_base) as revenue
    from public.campaign_recipients r
    join public.orders o on o.member_id = r.member_id and o.store_id = r.store_id and o.status = 'paid'
      and o.placed_at >= c.sent_at and o.placed_at < c.sent_at + interval '30 days'
    where r.campaign_id = c.id and r.store_id = c.store_id
  ) x on true
  where c.store_id = p_store_id
    and (p_from is null or c.sent_at >= p_from) and (p_to is null or c.sent_at < p_to)
  order by c.sent_at desc, c.id;
end
$$;
revoke execute on function public.campaign_results(uuid, timestamptz, timestamptz) from public, anon, authenticated;
grant execute on function public.campaign_results(uuid, timestamptz, timestamptz) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Posts
-- ---------------------------------------------------------------------------------------------

/** A post's attachments: at most 20 {path, name, size?} with paths in the post's Storage folder. */
create function private.are_post_attachments(p_store_id uuid, p_post_id uuid, p_attachments jsonb)
returns boolean
language sql immutable
set search_path = ''
as $$
  select jsonb_typeof(p_attachments) = 'array' and jsonb_array_length(p_attachments) <= 20
    and not exists (
      select 1 from jsonb_array_elements(p_attachments) a
      where jsonb_typeof(a) <> 'object'
         or exists (select 1 from jsonb_object_keys(a) k where k not in ('path', 'name', 'size', 'type'))
         or jsonb_typeof(a -> 'path') is distinct from 'string'
         or not starts_with(a ->> 'path', p_store_id::text || '/' || p_post_id::text || '/')
         or length(a ->> 'path') > 1024 or not private.is_single_line(a ->> 'path')
         or (a ->> 'path') ~ '(^|/)\.{0,2}(/|$)'
         or jsonb_typeof(a -> 'name') is distinct from 'string'
         or length(btrim(a ->> 'name')) not between 1 and 200 or not private.is_single_line(a ->> 'name')
         or (a ? 'size' and (jsonb_typeof(a -> 'size') <> 'number' or (a ->> 'size')::numeric not between 0 and 52428800))
         or (a ? 'type' and (jsonb_typeof(a -> 'type') <> 'string' or length(a ->> 'type') > 100)))
$$;
revoke execute on function private.are_post_attachments(uuid, uuid, jsonb) from public;
grant execute on function private.are_post_attachments(uuid, uuid, jsonb) to anon, authenticated, service_role;

/**
 * A post for members: industry news, a trend report, trade data or a holiday greeting, written
 * in one language, in Markdown (rendered with raw HTML disabled). `visibility` and
 * `min_tier_rank` mean what they mean on products; readers below see the title only, through
 * `post_feed`. Unpublished until `publish_at`.
 */
create table public.posts (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null references public.stores (id) on delete cascade,
  kind text not null check (kind in ('industry_news', 'trend_report', 'trade_data', 'holiday_greeting')),
  title text not null,
  body text not null default '',
  locale text not null,
  visibility text not null default 'members' check (visibility in ('public', 'members', 'tier')),
  min_tier_rank int not null default 0 check (min_tier_rank >= 0),
  publish_at timestamptz not null default now(),
  attachments jsonb not null default '[]',
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  constraint posts_tier_visibility_names_a_tier check ((visibility = 'tier') = (min_tier_rank > 0)),
  constraint posts_title_single_line check (length(btrim(title)) between 1 and 200 and private.is_single_line(title)),
  constraint posts_body_text check (length(body) <= 50000 and private.is_text_block(body)),
  constraint posts_locale_supported check (private.is_locale(locale)),
  constraint posts_publish_at_finite check (isfinite(publish_at)),
  constraint posts_attachments_in_post_folder check (private.are_post_attachments(store_id, id, attachments))
);
comment on table public.posts is 'Member content (issue 14); rows visible exactly like exclusive products.';
create index posts_store_publish_idx on public.posts (store_id, publish_at desc);

alter table public.posts enable row level security;
revoke all on table public.posts from anon, authenticated;
grant select on table public.posts to anon, authenticated;
grant insert, delete on table public.posts to authenticated;
grant update (kind, title, body, locale, visibility, min_tier_rank, publish_at, attachments) on table public.posts to authenticated;

-- The products policies, with publication: members-only counts as rank 0.
create policy "Visitors read published public posts" on public.posts
  for select to anon
  using (visibility = 'public' and publish_at <= (select now()));
create policy "Members read published posts their tier unlocks, staff read their store's" on public.posts
  for select to authenticated
  using (
    (visibility = 'public' and publish_at <= (select now()))
    or store_id in (select private.staff_store_ids())
    or (publish_at <= (select now()) and (store_id, min_tier_rank) in (
      select r.store_id, unlocked.rank from private.my_store_ranks() r, generate_series(0, r.rank) as unlocked (rank)))
  );
create policy "Staff add posts to their store" on public.posts
  for insert to authenticated with check (store_id in (select private.staff_store_ids()));
create policy "Staff edit their store's posts" on public.posts
  for update to authenticated
  using (store_id in (select private.staff_store_ids()))
  with check (store_id in (select private.staff_store_ids()));
create policy "Staff remove their store's posts" on public.posts
  for delete to authenticated using (store_id in (select private.staff_store_ids()));

/** Every published post of a store with what a teaser shows (no body, no attachments). */
create function private.post_teasers(p_store_id uuid)
returns table (id uuid, kind text, title text, locale text, publish_at timestamptz, visibility text, min_tier_rank int)
language sql stable security definer
set search_path = ''
as $$
  select p.id, p.kind, p.title, p.locale, p.publish_at, p.visibility, p.min_tier_rank
  from public.posts p where p.store_id = p_store_id and p.publish_at <= now()
$$;
revoke execute on function private.post_teasers(uuid) from public;
grant execute on function private.post_teasers(uuid) to anon, authenticated;

/**
 * A store's feed, newest first: every published post with its title, and body and attachments
 * where the caller's own RLS lets them read the post (`locked` false); otherwise a teaser naming
 * the tier that unlocks it. With `p_post_id`, that post alone (PT404 if it is not a published
 * post of the store). Errors: PT404 store not found, post_id · 22023 limit.
 */
create function public.post_feed(p_store_slug text, p_post_id uuid default null, p_limit int default 20, p_offset int default 0)
returns table (
  id uuid, kind text, title text, locale text, publish_at timestamptz, visibility text, min_tier_rank int,
  tier_name text, locked boolean, body text, attachments jsonb, total bigint
)
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
begin
  -- The post first, as every RPC checks the row it names before its other arguments.
  if p_post_id is not null and not exists (select 1 from private.post_teasers(v_store.id) t where t.id = p_post_id) then
    perform private.reject('post_id', 'matches no post', 'PT404');
  end if;
  if p_limit not between 1 and 100 or p_offset < 0 then
    perform private.reject('limit', 'must be 1 to 100, with a non-negative offset');
  end if;
  return query
  select t.id, t.kind, t.title, t.locale, t.publish_at, t.visibility, t.min_tier_rank,
    case when t.visibility = 'tier' then (
      select private.tier_json(x, null) ->> 'name' from public.tiers x
      where x.store_id = v_store.id and x.rank >= t.min_tier_rank order by x.rank limit 1) end,
    p.id is null, p.body, p.attachments, count(*) over ()
  from private.post_teasers(v_store.id) t
  left join public.posts p on p.id = t.id
  where p_post_id is null or t.id = p_post_id
  order by t.publish_at desc, t.id
  limit p_limit offset p_offset;
end
$$;

/**
 * How many posts of the store's feed were published after `p_since` (the widget's "new" badge;
 * a client keeps when its reader last opened the feed). Teasers count: they are news too.
 * Errors: PT404 store not found.
 */
create function public.my_new_posts_count(p_store_slug text, p_since timestamptz)
returns int
language sql stable security invoker
set search_path = ''
as $$
  select count(*)::int from private.post_teasers((private.store_by_slug(p_store_slug)).id) t
  where p_since is null or t.publish_at > p_since
$$;

revoke execute on function public.post_feed(text, uuid, int, int), public.my_new_posts_count(text, timestamptz)
  from public, anon, authenticated;
grant execute on function public.post_feed(text, uuid, int, int), public.my_new_posts_count(text, timestamptz)
  to anon, authenticated;

-- Attachments: private, so every read passes the policies below; names '<store_id>/<post_id>/<file>'.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('post-attachments', 'post-attachments', false, 20971520, array[
  'application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'text/csv', 'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation'])
on conflict (id) do nothing;

-- As for product images: the subquery runs under posts' own RLS for the caller, so a file is
-- readable exactly when its post is (a teaser's reader gets nothing).
create policy "Visitors read attachments of posts they can read" on storage.objects
  for select to anon
  using (bucket_id = 'post-attachments' and (storage.foldername(name))[2] in (select p.id::text from public.posts p));
create policy "Members read attachments of posts they can read, staff their store's" on storage.objects
  for select to authenticated
  using (bucket_id = 'post-attachments' and (
    (storage.foldername(name))[2] in (select p.id::text from public.posts p)
    or (storage.foldername(name))[1] in (select s::text from private.staff_store_ids() s)));
create policy "Staff upload post attachments to their store's folder" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'post-attachments'
    and (storage.foldername(name))[1] in (select s::text from private.staff_store_ids() s));
create policy "Staff replace post attachments in their store's folder" on storage.objects
  for update to authenticated
  using (bucket_id = 'post-attachments'
    and (storage.foldername(name))[1] in (select s::text from private.staff_store_ids() s))
  with check (bucket_id = 'post-attachments'
    and (storage.foldername(name))[1] in (select s::text from private.staff_store_ids() s));
create policy "Staff delete post attachments in their store's folder" on storage.objects
  for delete to authenticated
  using (bucket_id = 'post-attachments'
    and (storage.foldername(name))[1] in (select s::text from private.staff_store_ids() s));

-- ---------------------------------------------------------------------------------------------
-- Analytics
-- ---------------------------------------------------------------------------------------------
-- Over [p_from, p_to) (timestamps; the console sends UTC days). All run as the caller after
-- require_staff_of, so they read exactly what the store's staff may read. Orders count by their
-- status today (a refunded order counts nowhere) in the store's currency (amount_base).

/** The range checked: both given, from before to, at most ten years. */
create function private.check_range(p_from timestamptz, p_to timestamptz)
returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_from is null or p_to is null or not isfinite(p_from) or not isfinite(p_to) then
    perform private.reject('from', 'and to are required');
  end if;
  if p_from >= p_to then
    perform private.reject('to', 'must be after from');
  end if;
  if p_to - p_from > interval '3660 days' then
    perform private.reject('to', 'must be at most ten years after from');
  end if;
end
$$;

/**
 * Members' tier spans from the tier history: the tier they entered at `since`, held until the
 * next change (`until`, null while current). Runs as the caller.
 */
create function private.store_tier_spans(p_store_id uuid, p_before timestamptz)
returns table (member_id uuid, tier_id uuid, since timestamptz, until timestamptz)
language sql stable
set search_path = ''
as $$
  select h.member_id, h.to_tier_id, h.changed_at,
    lead(h.changed_at) over (partition by h.member_id order by h.changed_at, h.id)
  from public.tier_changes h
  where h.store_id = p_store_id and h.changed_at < p_before
$$;

-- A store's tier spans from the index alone, already in the window's order (member, time, id):
-- through the engine's (store_id, changed_at) index store_tier_spans visited the heap once per
-- change and sorted them (100,000 changes: 100,600 buffers, a sort that spilled at order_value's
-- work_mem); now an index-only scan of 1,800 pages and no sort.
create index tier_changes_store_member_idx on public.tier_changes (store_id, member_id, changed_at, id) include (to_tier_id);

revoke execute on function private.check_range(timestamptz, timestamptz), private.store_tier_spans(uuid, timestamptz) from public;
grant execute on function private.check_range(timestamptz, timestamptz), private.store_tier_spans(uuid, timestamptz) to authenticated;

/**
 * Members by tier and by lifecycle stage at the end of each period (`day`, `week`, `month`) of
 * the range: members who had joined by then, their tier from the tier history, and their stage
 * by member_lifecycle's rule applied at that instant (paid orders, inquiries, sample claims and
 * redemptions in the statistical period before it; loyal also at the store's top tier).
 * Rows: (period_end, dimension 'tier' | 'stage', key (tier id or stage), label (tier name or
 * stage), rank (tier rank, or 0-3 cognitive → loyal), members), every tier of the store and
 * every stage at every period end (0 when none). At most 400 periods.
 */
create function public.analytics_members_over_time(p_store_id uuid, p_from timestamptz, p_to timestamptz, p_period text default 'month')
returns table (period_end timestamptz, dimension text, key text, label text, rank int, members bigint)
language plpgsql stable security invoker
set search_path = ''
-- The hashes of a large store's members (100,000) in memory rather than on disk; the RPC is
-- staff-only and runs once per analytics page.
set work_mem = '32MB'
-- Planned for the store and range at hand every time: from the sixth call of a session PL/pgSQL
-- would switch to a generic plan, built for an average store, about 20 % slower at 100,000
-- members.
set plan_cache_mode = 'force_custom_plan'
as $$
declare
  v_step interval;
  v_window interval;
  v_ends timestamptz[];
  v_first timestamptz;
  v_last timestamptz;
  v_n int;
  v_after timestamptz[];
  v_opens timestamptz[];
  v_ones varbit;
begin
  perform private.require_staff_of(p_store_id);
  perform private.check_range(p_from, p_to);
  v_step := case p_period when 'day' then interval '1 day' when 'week' then interval '7 days' when 'month' then interval '1 month' end;
  if v_step is null then
    perform private.reject('period', 'must be one of day, week, month');
  end if;
  if p_from + 400 * v_step < p_to then
    perform private.reject('period', 'gives more than 400 periods in this range: choose a longer one');
  end if;
  select make_interval(days => s.statistical_period_days) into v_window from public.stores s where s.id = p_store_id;
  v_ends := array(select least(g + v_step, p_to) from generate_series(p_from, p_to - interval '1 microsecond', v_step) g order by 1);
  v_n := cardinality(v_ends);
  v_first := v_ends[1];
  v_last := v_ends[v_n];
  -- A period end's statistical window is (end - window, end]. Timestamps are microseconds, so
  -- for an instant t: the ends before t are the ends + 1 µs not after t, and the windows that
  -- have opened by t (their start before t) are the starts + 1 µs not after t.
  v_after := array(select e + interval '1 microsecond' from unnest(v_ends) e order by 1);
  v_opens := array(select e - v_window + interval '1 microsecond' from unnest(v_ends) e order by 1);
  v_ones := repeat('1', v_n)::varbit;

  -- What a member was at each period end is a bit string, one bit per end: the ends whose
  -- windows held a paid order (an order sets the ends from the first at or after it to the last
  -- whose window opened before it), two (from the first end at or after an order to the last
  -- whose window opened before the member's order before it: one pass over the store's paid
  -- orders in the member's order), an inquiry, claim or redemption, the top tier; and the ends
  -- since joining. A stage is an expression of these; where a stage starts or stops is counted
  -- per end once per distinct bit string. The work grows with the store's rows in the range and
  -- barely with periods (longer strings).
  return query
  with tiers as materialized (
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name, t.rank > 0 and t.rank = max(t.rank) over () as top
    from public.tiers t where t.store_id = p_store_id
  ), joined as materialized (
    -- i: the first period end at or after joining.
    select m.id, width_bucket(m.joined_at, v_after) + 1 as i from public.members m
    where m.store_id = p_store_id and m.joined_at <= v_last
  ), spans as materialized (
    -- The tiers a member held, from its joining on, as the ends lo to hi.
    select s.member_id, s.tier_id, greatest(width_bucket(s.since, v_after) + 1, j.i) as lo,
      coalesce(width_bucket(s.until, v_after), v_n) as hi
    from private.store_tier_spans(p_store_id, p_to) s join joined j on j.id = s.member_id
    where s.until is null or s.until > v_first
  ), paid as (
    -- Each paid order as the period ends whose windows hold it, lo to hi, packed in one int.
    select o.member_id, o.placed_at, (width_bucket(o.placed_at, v_after) + 1) * 1024 + width_bucket(o.placed_at, v_opens) as p
    from public.orders o
    where o.store_id = p_store_id and o.status = 'paid' and o.placed_at > v_first - v_window and o.placed_at <= v_last
  ), bought as (
    select x.member_id,
      bit_or((v_ones >> (x.p / 1024 - 1)) & (v_ones << (v_n - x.p % 1024))) as once,
      bit_or((v_ones >> (x.p / 1024 - 1)) & (v_ones << (v_n - x.p1 % 1024))) filter (where x.p1 is not null) as twice
    from (
      select p.member_id, p.p, lag(p.p) over (partition by p.member_id order by p.placed_at) as p1
      from paid p
    ) x
    group by x.member_id
  ), active as (
    -- (an event's first end is width_bucket + 1, so its shift is width_bucket)
    select a.member_id, bit_or((v_ones >> width_bucket(a.t, v_after)) & (v_ones << (v_n - width_bucket(a.t, v_opens)))) as active
    from (
      select i.member_id, i.created_at as t from public.inquiries i where i.store_id = p_store_id
      union all
      select c.member_id, c.created_at from public.sample_claims c where c.store_id = p_store_id
      union all
      select l.member_id, l.earned_at from public.points_ledger l where l.store_id = p_store_id and l.reason = 'redemption'
    ) a where a.t > v_first - v_window and a.t <= v_last
    group by a.member_id
  ), top as (
    select s.member_id, bit_or((v_ones >> (s.lo - 1)) & (v_ones << (v_n - s.hi))) as top
    from spans s join tiers t on t.id = s.tier_id and t.top
    group by s.member_id
  ), levels as (
    -- At least interested (1), purchasing (2), loyal (3), as member_lifecycle decides them,
    -- from joining on; where each starts (up) and stops (down: the end after its last).
    select l.l1 & ~(l.l1 >> 1) as up1, ~l.l1 & (l.l1 >> 1) as down1, l.l2 & ~(l.l2 >> 1) as up2, ~l.l2 & (l.l2 >> 1) as down2,
      l.l3 & ~(l.l3 >> 1) as up3, ~l.l3 & (l.l3 >> 1) as down3
    from (
      select (v_ones >> (j.i - 1)) & (coalesce(b.once, z.z) | coalesce(t.top, z.z) | coalesce(a.active, z.z)) as l1,
        (v_ones >> (j.i - 1)) & (coalesce(b.once, z.z) | coalesce(t.top, z.z)) as l2,
        (v_ones >> (j.i - 1)) & (coalesce(b.twice, z.z) | coalesce(t.top, z.z)) as l3
      from bought b
      full join active a on a.member_id = b.member_id
      full join top t on t.member_id = coalesce(b.member_id, a.member_id)
      join joined j on j.id = coalesce(b.member_id, a.member_id, t.member_id)
      cross join (select v_ones >> v_n as z) z
    ) l
  ), masks as (
    -- A string of starts or stops has a bit or two: members share them, so few are expanded.
    select grouping(x.up1, x.down1, x.up2, x.down2, x.up3, x.down3) as g, coalesce(x.up1, x.down1, x.up2, x.down2, x.up3, x.down3) as mask, count(*) as n
    from levels x
    group by grouping sets ((x.up1), (x.down1), (x.up2), (x.down2), (x.up3), (x.down3))
  ), stage_changes as (
    select i.i, m.g, sum(m.n) as n
    from masks m cross join generate_series(1, v_n) i (i)
    where get_bit(m.mask, i.i - 1) = 1
    group by 1, 2
  ), per_period (dimension, key, i, delta) as (
    select 'joined', '', j.i, count(*) from joined j group by j.i
    union all
    select 'tier', s.tier_id::text, s.lo, count(*) from spans s where s.tier_id is not null and s.lo <= s.hi group by 2, 3
    union all
    select 'tier', s.tier_id::text, s.hi + 1, -count(*) from spans s where s.tier_id is not null and s.lo <= s.hi and s.hi < v_n group by 2, 3
    union all
    -- grouping() sets a bit for each column outside the set, the first column highest: 31 =
    -- 0b011111 is up1's set, 62 = 0b111110 down3's.
    select 'stage', l.level, c.i, l.sign * c.n from stage_changes c
    join (values (31, '1', 1), (47, '1', -1), (55, '2', 1), (59, '2', -1), (61, '3', 1), (62, '3', -1)) as l (g, level, sign) on l.g = c.g
  ), running as materialized (
    select e.i::int as i, e.at, k.dimension, k.key,
      coalesce(sum(p.delta) over (partition by k.dimension, k.key order by e.i), 0)::bigint as n
    from unnest(v_ends) with ordinality as e (at, i)
    cross join (select distinct p.dimension, p.key from per_period p) k
    left join (select p.dimension, p.key, p.i, sum(p.delta) as delta from per_period p group by 1, 2, 3) p
      on p.i = e.i and p.dimension = k.dimension and p.key = k.key
  ), totals as (
    select r.i, r.at,
      coalesce(sum(r.n) filter (where r.dimension = 'joined'), 0)::bigint as joined,
      coalesce(sum(r.n) filter (where r.dimension = 'tier'), 0)::bigint as tiered,
      coalesce(sum(r.n) filter (where r.dimension = 'stage' and r.key = '1'), 0)::bigint as s1,
      coalesce(sum(r.n) filter (where r.dimension = 'stage' and r.key = '2'), 0)::bigint as s2,
      coalesce(sum(r.n) filter (where r.dimension = 'stage' and r.key = '3'), 0)::bigint as s3
    from unnest(v_ends) with ordinality as r0 (at, i)
    left join running r on r.i = r0.i
    group by 1, 2
  )
  select e.at, 'tier', t.id::text, t.name, t.rank, coalesce(r.n, 0)
  from unnest(v_ends) with ordinality as e (at, i)
  cross join tiers t
  left join running r on r.i = e.i and r.dimension = 'tier' and r.key = t.id::text
  union all
  select r.at, 'tier', r.key, '?', -1, r.n
  from running r where r.dimension = 'tier' and r.n > 0 and r.key not in (select x.id::text from tiers x)
  union all
  select x.at, 'tier', null, '?', -1, x.joined - x.tiered from totals x where x.joined > x.tiered
  union all
  select x.at, 'stage', st.stage, st.stage, st.ord, st.n
  from totals x
  cross join lateral (values ('cognitive', 0, x.joined - x.s1), ('interested', 1, x.s1 - x.s2),
    ('purchasing', 2, x.s2 - x.s3), ('loyal', 3, x.s3)) as st (stage, ord, n)
  order by 1, 2, 5;
end
$$;

/**
 * Conversions over the range, each as (metric, base, converted, rate):
 *   join_first_order  members who joined in the range; converted: a paid order placed after
 *                     joining and before the range's end
 *   repurchase        members with a paid order placed in the range; converted: two or more
 *   sample_order      members who claimed a sample (not cancelled or rejected) in the range;
 *                     converted: a paid order placed after their first such claim, before the end
 * rate = converted / base (4 decimals), null when the base is 0.
 */
create function public.analytics_conversions(p_store_id uuid, p_from timestamptz, p_to timestamptz)
returns table (metric text, base bigint, converted bigint, rate numeric)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  perform private.check_range(p_from, p_to);
  return query
  with figures (metric, ord, base, converted) as (
    select 'join_first_order', 1, count(*), count(*) filter (where exists (
      select 1 from public.orders o where o.member_id = m.id and o.store_id = m.store_id and o.status = 'paid'
        and o.placed_at >= m.joined_at and o.placed_at < p_to))
    from public.members m where m.store_id = p_store_id and m.joined_at >= p_from and m.joined_at < p_to
    union all
    select 'repurchase', 2, count(*), count(*) filter (where n >= 2)
    from (select o.member_id, count(*) as n from public.orders o
          where o.store_id = p_store_id and o.status = 'paid' and o.placed_at >= p_from and o.placed_at < p_to
          group by o.member_id) b
    union all
    select 'sample_order', 3, count(*), count(*) filter (where exists (
      select 1 from public.orders o where o.member_id = c.member_id and o.store_id = p_store_id and o.status = 'paid'
        and o.placed_at >= c.first_claim and o.placed_at < p_to))
    from (select sc.member_id, min(sc.created_at) as first_claim from public.sample_claims sc
          where sc.store_id = p_store_id and sc.status in ('requested', 'approved', 'shipped')
            and sc.created_at >= p_from and sc.created_at < p_to
          group by sc.member_id) c
  )
  select f.metric, f.base, f.converted, case when f.base > 0 then round(f.converted::numeric / f.base, 4) end
  from figures f order by f.ord;
end
$$;

/**
 * Paid orders placed in the range by the tier the buyer held when ordering (from the tier
 * history; tiers removed since are grouped under a null tier): orders, revenue and average
 * order value in the store's currency, by rank.
 */
create function public.analytics_order_value(p_store_id uuid, p_from timestamptz, p_to timestamptz)
returns table (tier_id uuid, tier_name text, tier_rank int, orders bigint, revenue numeric, average numeric, currency text)
language plpgsql stable security invoker
set search_path = ''
-- The range's paid orders of a large store (300,000) hashed in memory: at 4 MB the join spilled
-- to disk in four batches. Custom plans, as analytics_members_over_time says.
set work_mem = '32MB'
set plan_cache_mode = 'force_custom_plan'
as $$
begin
  perform private.require_staff_of(p_store_id);
  perform private.check_range(p_from, p_to);
  return query
  with spans as materialized (
    select s.member_id, s.tier_id, s.since, s.until from private.store_tier_spans(p_store_id, p_to) s
    where s.until is null or s.until > p_from
  ), sold as (
    -- Summed by the tier id first (a handful of groups), named after: avg is sum / count.
    select s.tier_id, count(*) as orders, sum(o.amount_base) as revenue
    from public.orders o
    left join spans s on s.member_id = o.member_id and s.since <= o.placed_at and (s.until is null or s.until > o.placed_at)
    where o.store_id = p_store_id and o.status = 'paid' and o.placed_at >= p_from and o.placed_at < p_to
    group by s.tier_id
  )
  select t.id, private.tier_json(t) ->> 'name', t.rank, sum(x.orders)::bigint, sum(x.revenue), round(sum(x.revenue) / sum(x.orders), 2),
    (select st.base_currency::text from public.stores st where st.id = p_store_id)
  from sold x left join public.tiers t on t.id = x.tier_id and t.store_id = p_store_id
  group by t.id
  order by t.rank nulls first;
end
$$;

/**
 * What the store owes its members now: outstanding points (unexpired credits' remainders, which
 * is the balance once due expiries are recorded) and rebates (which do not expire), and when the
 * points expire, by month. Rows: (kind 'points' | 'rebate', expires_in (first day of the month;
 * null for the total), amount, currency (null for points)).
 */
create function public.analytics_liabilities(p_store_id uuid)
returns table (kind text, expires_in date, amount numeric, currency text)
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_months timestamptz[];
begin
  perform private.require_staff_of(p_store_id);
  -- The first instant of each UTC month from this one to the last expiry: a credit's month is
  -- found by binary search over them (date_trunc with a time zone, row by row, cost ten times
  -- the index-only scan of a large store's 300,000 open credits).
  v_months := array(
    select g at time zone 'UTC' from generate_series(date_trunc('month', now() at time zone 'UTC'),
      (select max(l.expires_at) from public.points_ledger l where l.store_id = p_store_id and l.remaining > 0) at time zone 'UTC',
      interval '1 month') g);
  return query
  with credits as (
    select (v_months[width_bucket(l.expires_at, v_months)] at time zone 'UTC')::date as month, sum(l.remaining) as points
    from public.points_ledger l
    where l.store_id = p_store_id and l.remaining > 0 and l.expires_at > now()
    group by width_bucket(l.expires_at, v_months)
  )
  select 'points', null::date, coalesce((select sum(c.points) from credits c), 0)::numeric, null::text
  union all
  select 'rebate', null::date, coalesce(sum(m.rebate_balance), 0), (select s.base_currency::text from public.stores s where s.id = p_store_id)
  from public.members m where m.store_id = p_store_id
  union all
  select 'points', c.month, c.points::numeric, null::text from credits c
  order by 1, 2 nulls first;
end
$$;

/**
 * Coupons over the range: per coupon, copies taken (claimed, gift pack or reward) in the range
 * and how many of those were used before its end; rate = used / issued.
 */
create function public.analytics_coupons(p_store_id uuid, p_from timestamptz, p_to timestamptz)
returns table (coupon_id uuid, code text, issued bigint, used bigint, rate numeric)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  perform private.check_range(p_from, p_to);
  return query
  select c.id, c.code::text, count(h.id), count(h.id) filter (where h.used_at < p_to),
    case when count(h.id) > 0 then round((count(h.id) filter (where h.used_at < p_to))::numeric / count(h.id), 4) end
  from public.coupons c
  join public.member_coupons h on h.coupon_id = c.id and h.store_id = c.store_id
    and h.claimed_at >= p_from and h.claimed_at < p_to
  where c.store_id = p_store_id
  group by c.id, c.code
  order by count(h.id) desc, c.code;
end
$$;

revoke execute on function public.analytics_members_over_time(uuid, timestamptz, timestamptz, text),
  public.analytics_conversions(uuid, timestamptz, timestamptz), public.analytics_order_value(uuid, timestamptz, timestamptz),
  public.analytics_liabilities(uuid), public.analytics_coupons(uuid, timestamptz, timestamptz) from public, anon, authenticated;
grant execute on function public.analytics_members_over_time(uuid, timestamptz, timestamptz, text),
  public.analytics_conversions(uuid, timestamptz, timestamptz), public.analytics_order_value(uuid, timestamptz, timestamptz),
  public.analytics_liabilities(uuid), public.analytics_coupons(uuid, timestamptz, timestamptz) to authenticated;
