/**
 * API input refusals that did not say what docs/api.md promises (each a 22023 through
 * private.reject, naming the field and the reason, and writing nothing):
 *
 * - A company's country: members.country was char(2), so a member's PATCH of `Deutschland` failed
 *   in PostgREST's decoding (22001 value too long for type character(2)) before the card trigger
 *   could answer, and join_store checked a length of 2 before the format (`country must be at
 *   most 2 characters`). The column is text now (the same CHECK; values kept), so the trigger
 *   answers `country must be a two-letter ISO 3166 code such as DE`; join_store checks the format
 *   alone. staff_members, staff_member_search and segment_members are re-created only because
 *   their result declared `country char(2)`, which RETURN QUERY refuses to fill from a text
 *   column: the same bodies with `country text` (dropped and created, as a result type cannot be
 *   replaced; their grants as before).
 * - send_inquiry stored any three letters as a currency (XYZ), and dropped a currency given
 *   without a target price: it is re-created to refuse a code that is not an ISO 4217 currency
 *   in use (private.is_iso_currency), and a currency without a target price. Given in any case
 *   and trimmed (` usd` is USD); blank is none.
 * - import_orders ignored keys that are not order fields (`note`, or `delivered` for
 *   `delivered_at`): parse_order_rows, which checks its rows, is re-created to refuse them
 *   (`Row N: <key> is not a column of an order (…)`), and to word its future-date refusals as the
 *   rule is (`must be at most a day ahead`, not `must not be in the future`).
 * - membership_standing raised its limit refusal directly, with no details: re-created to raise it
 *   through private.reject (`p_limit must be at least 1`, details {field, reason}).
 * - stores.embed_origins answered a bad entry with the CHECK constraint's name: a trigger now
 *   refuses it naming the entry (the constraint stays as a backstop, its rule now one predicate
 *   per origin, private.is_embed_origin, that both use).
 *
 * Every other line of the re-created functions is as in the migration named above each.
 */

-- ---------------------------------------------------------------------------------------------
-- A company's country
-- ---------------------------------------------------------------------------------------------

-- The card trigger names country among its columns, which blocks a change of its type.
drop trigger members_check_card on public.members;
alter table public.members alter column country type text;
create trigger members_check_card before insert or update of company_name, country, website, industry on public.members
  for each row execute function private.check_member_card();

/** As in 20261124000100, with country checked by its format alone. */
create or replace function private.join_store(
  p_store_slug text,
  p_company_name text,
  p_full_name text,
  p_email text,
  p_job_title text,
  p_phone text,
  p_country text,
  p_website text,
  p_industry text,
  p_whatsapp text,
  p_wechat text,
  p_preferred_locale text
)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_store public.stores;
  v_member_id uuid;
  v_contact_id uuid;
  v_joined boolean := false;
  v_email text;
  v_country text;
begin
  select * into v_store from public.stores s where s.slug = p_store_slug;
  if v_store.id is null then
    perform private.reject('store', 'not found', 'PT404');
  end if;

  select c.member_id, c.id into v_member_id, v_contact_id
  from public.member_contacts c where c.store_id = v_store.id and c.user_id = v_user;

  if v_member_id is null then
    if private.my_confirmed_email() is null then
      perform private.reject('email', 'of your login is not confirmed yet: enter the code we e-mailed you, then join', '42501');
    end if;
    perform private.check_line('company_name', p_company_name, 200, true);
    perform private.check_line('full_name', p_full_name, 120, true);
    -- The format alone: a length check first answered 'Germany' with 'must be at most 2 characters'.
    v_country := private.clean_format('country', upper(p_country), 'country');
    v_email := private.clean_format('email', coalesce(private.clean_line('email', p_email, 254), private.my_confirmed_email()), 'email');
    perform private.check_locale(p_preferred_locale, 'preferred_locale');

    perform private.count_join(v_store.id, v_user);

    -- The card triggers check website, industry, phone, whatsapp, wechat and job_title.
    insert into public.members (store_id, company_name, country, website, industry, tier_id)
    values (v_store.id, btrim(p_company_name), v_country, private.clean_line('website', p_website, 300),
      private.clean_line('industry', p_industry, 120),
      (select t.id from public.tiers t where t.store_id = v_store.id and t.rank = 0))
    returning id into v_member_id;

    insert into public.member_contacts (member_id, store_id, user_id, role, full_name, job_title, email,
      phone, whatsapp, wechat, preferred_locale)
    values (v_member_id, v_store.id, v_user, 'primary', btrim(p_full_name),
      private.clean_line('job_title', p_job_title, 120), v_email, private.clean_line('phone', p_phone, 40),
      private.clean_line('whatsapp', p_whatsapp, 40), private.clean_line('wechat', p_wechat, 60), p_preferred_locale)
    returning id into v_contact_id;
    v_joined := true;
  end if;

  return jsonb_build_object(
    'member_id', v_member_id,
    'contact_id', v_contact_id,
    'store_id', v_store.id,
    'store_slug', v_store.slug,
    'company_name', (select m.company_name from public.members m where m.id = v_member_id),
    'joined', v_joined
  );
end
$$;

/** As in 20261124000300, with country text (members.country is text now). */
drop function public.staff_members(uuid, uuid, text, boolean, text, timestamptz, timestamptz, int, int);
create function public.staff_members(
  p_store_id uuid,
  p_tier_id uuid default null,
  p_stage text default null,
  p_churn_risk boolean default null,
  p_country text default null,
  p_last_order_from timestamptz default null,
  p_last_order_to timestamptz default null,
  p_limit int default 50,
  p_offset int default 0
)
returns table (
  member_id uuid, company_name text, country text, tier_id uuid, tier_name text, tier_rank int,
  stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int,
  points_balance bigint, rebate_balance numeric, joined_at timestamptz, total bigint
)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  if p_stage not in ('cognitive', 'interested', 'purchasing', 'loyal') then
    perform private.reject('stage', 'must be one of cognitive, interested, purchasing, loyal');
  end if;
  p_country := private.clean_format('country', p_country, 'country');
  if p_limit not between 1 and 500 or p_offset < 0 then
    perform private.reject('limit', 'must be 1 to 500, with a non-negative offset');
  end if;

  -- Members are filtered, counted and paged by their own columns (the cached tier and newest paid
  -- order, indexed in list order); the lifecycle is computed for every candidate only when the
  -- stage or churn filter needs it, and otherwise for the page's rows alone, in one call.
  -- Planned for each call's arguments (EXECUTE ... USING): the generic plan PL/pgSQL caches after
  -- five calls cannot leave out the filters that are null, nor the lifecycle they need, and read
  -- every member of the store.
  return query execute $query$
  with matches as not materialized (
    select m.id, m.last_paid_order_at, m.company_name
    from public.members m
    left join lateral (
      select l.stage, l.churn_risk from private.member_lifecycle(m.store_id, m.id) l
      where $3 is not null or $4 is not null
    ) f on true
    where m.store_id = $1
      and ($2 is null or m.tier_id = $2)
      and ($5 is null or m.country = $5)
      and ($6 is null or m.last_paid_order_at >= $6)
      and ($7 is null or m.last_paid_order_at < $7)
      and ($3 is null or f.stage = $3)
      and ($4 is null or f.churn_risk = $4)
  ), page as (
    select x.id from matches x
    order by x.last_paid_order_at desc nulls last, x.company_name, x.id
    limit $8 offset $9
  ), tier as materialized (
    -- Each tier named once, as every summary names it (in the reader's language once names are
    -- translated), not once per listed member.
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = $1
  )
  select m.id, m.company_name, m.country, t.id, t.name, t.rank,
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period,
    m.points_balance, m.rebate_balance, m.joined_at, (select count(*) from matches)
  from page
  join public.members m on m.id = page.id
  join private.member_lifecycles($1, array(select page.id from page)) l on l.member_id = m.id
  left join tier t on t.id = m.tier_id
  order by m.last_paid_order_at desc nulls last, m.company_name, m.id
  $query$
  using p_store_id, p_tier_id, p_stage, p_churn_risk, p_country, p_last_order_from, p_last_order_to, p_limit, p_offset;
end
$$;
revoke execute on function public.staff_members(uuid, uuid, text, boolean, text, timestamptz, timestamptz, int, int)
  from public, anon, authenticated;
grant execute on function public.staff_members(uuid, uuid, text, boolean, text, timestamptz, timestamptz, int, int)
  to authenticated;

/** As in 20261203000400, with country text (members.country is text now). */
drop function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int);
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
  p_offset int default 0
)
returns table (
  member_id uuid, company_name text, country text, tier_id uuid, tier_name text, tier_rank int,
  stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int,
  points_balance bigint, rebate_balance numeric, joined_at timestamptz, total bigint
)
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_pattern text;
begin
  perform private.require_staff_of(p_store_id);
  if private.clean_line('search', p_search, 100) is null then
    perform private.reject('search', 'is required: a company, contact name or e-mail to look for');
  end if;
  v_pattern := '%' || replace(replace(replace(btrim(p_search), '\', '\\'), '%', '\%'), '_', '\_') || '%';
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
                        and (c.full_name ilike v_pattern or c.email ilike v_pattern)))
      and (p_tier_id is null or m.tier_id = p_tier_id)
      and (p_country is null or m.country = p_country)
      and (p_last_order_from is null or m.last_paid_order_at >= p_last_order_from)
      and (p_last_order_to is null or m.last_paid_order_at < p_last_order_to)
      and (p_stage is null or f.stage = p_stage)
      and (p_churn_risk is null or f.churn_risk = p_churn_risk)
  ), page as (
    select x.id from matches x
    order by x.last_paid_order_at desc nulls last, x.company_name, x.id
    limit p_limit offset p_offset
  ), tier as materialized (
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
  )
  select m.id, m.company_name, m.country, t.id, t.name, t.rank,
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period,
    m.points_balance, m.rebate_balance, m.joined_at, (select count(*) from matches)
  from page
  join public.members m on m.id = page.id
  cross join lateral private.member_lifecycle(m.store_id, m.id) l
  left join tier t on t.id = m.tier_id
  order by m.last_paid_order_at desc nulls last, m.company_name, m.id;
end
$$;
revoke execute on function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int)
  from public, anon, authenticated;
grant execute on function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int)
  to authenticated;

/** As in 20261203000500, with country text (members.country is text now). */
drop function public.segment_members(uuid, jsonb, int, int);
create function public.segment_members(p_store_id uuid, p_filters jsonb default '{}', p_limit int default 50, p_offset int default 0)
returns table (
  member_id uuid, company_name text, country text, industry text, tier_id uuid, tier_name text, tier_rank int,
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
revoke execute on function public.segment_members(uuid, jsonb, int, int) from public, anon, authenticated;
grant execute on function public.segment_members(uuid, jsonb, int, int) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- An inquiry's currency
-- ---------------------------------------------------------------------------------------------

/**
 * An ISO 4217 code of a currency in use (List One as amended to 2026: HRK, BGN, ANG, SLL, ZWL
 * and CUC withdrawn), leaving out the codes no price is quoted in: funds (BOV, CHE, CHW, CLF,
 * COU, MXV, USN, UYI, UYW), precious metals, bond units, SDR and the like (XDR, XSU, XUA),
 * testing (XTS) and no currency (XXX).
 */
create function private.is_iso_currency(p_code text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_code = any (pg_catalog.string_to_array(
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD '
    'CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS '
    'GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW '
    'KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR '
    'MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR '
    'SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX '
    'USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG', ' '))
$$;
-- Called only by send_inquiry's security-definer body, as its owner.
revoke execute on function private.is_iso_currency(text) from public;

/** As in 20261124000300, with the caller's currency refused unless it is one and has a target price. */
create or replace function private.send_inquiry(
  p_store_slug text,
  p_message text,
  p_product_id uuid,
  p_quantity int,
  p_target_price numeric,
  p_currency text
)
returns public.inquiries
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store_id uuid := (private.store_by_slug(p_store_slug)).id;
  v_contact public.member_contacts;
  v_product public.products;
  v_currency text := nullif(upper(btrim(p_currency)), '');
  v_inquiry public.inquiries;
begin
  v_contact := private.my_contact_at(v_store_id);
  -- The product first: a message check before it would answer a product hidden by its tier
  -- differently from a missing one.
  if p_product_id is not null then
    select * into v_product from public.products p
    where p.id = p_product_id and p.store_id = v_store_id and p.active
      and p.min_tier_rank <= private.member_rank(v_contact.member_id);
    if v_product.id is null then
      perform private.reject('product_id', 'matches no product', 'PT404');
    end if;
  end if;
  if private.clean_text('message', p_message, 4000) is null then
    perform private.reject('message', 'is required');
  end if;
  if p_quantity is not null and p_quantity not between 1 and 10000000 then
    perform private.reject('quantity', 'must be a whole number from 1 to 10000000');
  end if;
  if v_currency is not null and not private.is_iso_currency(v_currency) then
    perform private.reject('currency', 'must be a three-letter ISO 4217 code such as USD');
  end if;
  if v_currency is not null and p_target_price is null then
    perform private.reject('currency', 'is the target price''s currency: give a target_price, or leave currency out');
  end if;
  if p_target_price is not null then
    perform private.check_amount('target_price', p_target_price);
    v_currency := coalesce(v_currency, v_product.currency,
      (select s.base_currency from public.stores s where s.id = v_store_id));
  end if;

  -- One company's open inquiries are counted one at a time.
  perform 1 from public.members m where m.id = v_contact.member_id for update;
  if (select count(*) from public.inquiries i where i.member_id = v_contact.member_id and i.status = 'open') >= 50 then
    perform private.reject('inquiry', 'cannot be sent: your company has 50 open inquiries; wait for answers first', 'P0001');
  end if;

  insert into public.inquiries (store_id, member_id, contact_id, product_id, quantity, target_price, currency, message)
  values (v_store_id, v_contact.member_id, v_contact.id, p_product_id, p_quantity, p_target_price, v_currency, btrim(p_message))
  returning * into v_inquiry;
  return v_inquiry;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Import rows
-- ---------------------------------------------------------------------------------------------

/** As in 20261124000200, refusing keys that are not order fields, and worded as the date rule is. */
create or replace function private.parse_order_rows(p_store public.stores, p_rows jsonb)
returns setof private.order_import_row
language sql stable security definer
set search_path = ''
as $$
  -- Each step materialized: flattened, every use of `fault` below would evaluate its checks again.
  with f as materialized (
    select r.row_no::int, r.j,
      jsonb_typeof(r.j) = 'object' as is_object,
      -- The first key that is not an order field, alphabetically: a misspelt delivered_at must
      -- not import the order without its delivery.
      case when jsonb_typeof(r.j) = 'object' then (
        select k from jsonb_object_keys(r.j) k
        where k <> all (array['external_ref', 'member_id', 'email', 'amount', 'currency', 'exchange_rate', 'placed_at', 'status', 'delivered_at'])
        order by k limit 1
      ) end as unknown_key,
      btrim(r.j ->> 'external_ref') as external_ref,
      r.j ? 'member_id' and r.j ->> 'member_id' is not null as by_id,
      case when r.j ->> 'member_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        then (r.j ->> 'member_id')::uuid end as member_uuid,
      nullif(btrim(r.j ->> 'email'), '') as email,
      case when jsonb_typeof(r.j -> 'amount') = 'number' then (r.j ->> 'amount')::numeric end as amount,
      coalesce(r.j ->> 'currency', p_store.base_currency) as currency,
      coalesce(jsonb_typeof(r.j -> 'exchange_rate'), 'null') = 'null' as rate_missing,
      case when jsonb_typeof(r.j -> 'exchange_rate') = 'number' then (r.j ->> 'exchange_rate')::numeric end as rate,
      private.import_timestamp(r.j ->> 'placed_at') as placed_at,
      r.j ->> 'delivered_at' as delivered_text,
      private.import_timestamp(r.j ->> 'delivered_at') as delivered_at,
      r.j ->> 'status' as status
    from jsonb_array_elements(p_rows) with ordinality as r (j, row_no)
  ), v as materialized (
    select f.*, coalesce(mm.id, mc.member_id) as member_id, mc.contact_id,
      case
        when not f.is_object then array[null, 'must be an object']
        -- The documented fields fit in a few hundred bytes; this bounds what 10,000 rows may carry.
        when octet_length(f.j::text) > 4096 then array[null, 'is larger than 4096 bytes; send only the order fields']
        when f.unknown_key is not null then array[left(f.unknown_key, 40),
          'is not a column of an order (external_ref, member_id, email, amount, currency, exchange_rate, placed_at, status, delivered_at)']
        when coalesce(f.external_ref, '') = '' or length(f.external_ref) > 100 then array['external_ref', 'is required (1-100 characters)']
        when not private.is_single_line(f.external_ref) then array['external_ref', 'must be a single line without control characters']
        when f.by_id and mm.id is null then array['member_id', 'is not a member of this store']
        when not f.by_id and f.email is not null and mc.member_id is null then array['email', 'matches no member contact of this store']
        when not f.by_id and f.email is null then array['member_id', 'or email is required']
        when f.amount is null or f.amount <= 0 then array['amount', 'must be a positive number']
        when f.amount <> round(f.amount, 2) or f.amount >= 1e12 then array['amount', 'must have at most 2 decimals and 12 digits']
        when f.currency !~ '^[A-Z]{3}$' then array['currency', 'must be a three-letter ISO 4217 code such as USD']
        when f.rate_missing and f.currency <> p_store.base_currency then
          array['exchange_rate', format('is required for %s (store currency %s)', f.currency, p_store.base_currency)]
        -- The column keeps 8 decimals: a smaller rate would be stored as 0.
        when not f.rate_missing and (f.rate is null or round(f.rate, 8) <= 0 or f.rate >= 1e10) then
          array['exchange_rate', 'must be a positive number from 0.00000001 to 9999999999']
        when not f.rate_missing and f.currency = p_store.base_currency and f.rate <> 1 then
          array['exchange_rate', format('must be 1 for the store currency %s', p_store.base_currency)]
        when round(f.amount * coalesce(f.rate, 1), 2) >= 1e12 then
          array['amount', format('converted to %s must be below 1000000000000', p_store.base_currency)]
        when f.placed_at is null then array['placed_at', 'must be a date or timestamp such as 2026-03-01T10:00:00Z, from 2000 on']
        -- A day of slack for merchants' clocks and time zones.
        when f.placed_at > now() + interval '1 day' then array['placed_at', 'must be at most a day ahead']
        when f.delivered_text is not null and (f.delivered_at is null or f.delivered_at < f.placed_at) then
          array['delivered_at', 'must be a timestamp no earlier than placed_at']
        when f.delivered_at > now() + interval '1 day' then array['delivered_at', 'must be at most a day ahead']
        when f.status is null or f.status not in ('paid', 'refunded', 'cancelled') then
          array['status', 'must be one of paid, refunded, cancelled']
        when exists (select 1 from public.orders o
                     where o.store_id = p_store.id and o.external_ref = f.external_ref
                       and o.member_id <> coalesce(mm.id, mc.member_id)) then
          array['external_ref', 'already belongs to another member''s order']
      end as fault
    from f
    -- A key lookup per row (the limit keeps it one): as a join, the planner hashed every member
    -- of the store (100,000 at a large merchant) for a batch it guessed at 100 rows.
    left join lateral (
      select mm.id from public.members mm where f.by_id and mm.id = f.member_uuid and mm.store_id = p_store.id limit 1
    ) mm on true
    left join lateral (
      select c.member_id, c.id as contact_id
      from public.member_contacts c join auth.users u on u.id = c.user_id
      where not f.by_id and f.email is not null
        and c.store_id = p_store.id and lower(u.email) = lower(f.email) and not u.is_sso_user
        -- Only a proved address: an unconfirmed one could belong to anybody.
        and u.email_confirmed_at is not null
      limit 1
    ) mc on true
  )
  select v.row_no,
    -- Typed values only for valid rows: an out-of-range amount must be reported, not overflow.
    case when v.fault is null then v.external_ref end,
    case when v.fault is null then v.member_id end,
    case when v.fault is null then v.contact_id end,
    case when v.fault is null then v.amount end,
    case when v.fault is null then v.currency end,
    case when v.fault is null then coalesce(v.rate, 1) end,
    case when v.fault is null then v.placed_at end,
    case when v.fault is null then v.status end,
    case when v.fault is null then v.delivered_at end,
    v.fault[1], v.fault[2]
  from v
  order by v.row_no
$$;

-- ---------------------------------------------------------------------------------------------
-- membership_standing's limit
-- ---------------------------------------------------------------------------------------------

/** As in 20261203000200, the limit refused through private.reject. */
create or replace function public.membership_standing(p_store_slug text, p_limit int default null)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_period interval := make_interval(days => v_store.statistical_period_days);
  v_start timestamptz := now() - v_period;
  v_orders jsonb;
  v_now public.tiers;
  v_paid_orders int;
  v_paid_amount numeric;
  v_fall jsonb;
begin
  if p_limit < 1 then
    perform private.reject('p_limit', 'must be at least 1');
  end if;

  select count(*), coalesce(sum(o.amount_base), 0) into v_paid_orders, v_paid_amount
  from public.orders o
  where o.member_id = v_contact.member_id and o.status = 'paid' and o.placed_at > v_start;

  select * into v_now from public.tiers t
  where t.store_id = v_store.id and t.min_paid_orders <= v_paid_orders and t.min_paid_amount <= v_paid_amount
  order by t.rank desc limit 1;

  -- After an order leaves, the orders placed strictly later remain (orders placed at the same
  -- instant leave together: `exclude group` leaves out the order's peers). One ordered pass, not
  -- a rescan of the later orders per order.
  with counted as (
    select o.id, o.external_ref, o.placed_at, o.amount, o.currency, o.amount_base,
      count(*) over later as orders_after,
      coalesce(sum(o.amount_base) over later, 0) as amount_after
    from public.orders o
    where o.member_id = v_contact.member_id and o.status = 'paid' and o.placed_at > v_start
    window later as (order by o.placed_at range between current row and unbounded following exclude group)
  ), reached as (
    select c.*, a.id as tier_id, a.rank as tier_rank,
      row_number() over (order by c.placed_at, c.id) as n
    from counted c
    cross join lateral (
      select t.id, t.rank from public.tiers t
      where t.store_id = v_store.id and t.min_paid_orders <= c.orders_after and t.min_paid_amount <= c.amount_after
      order by t.rank desc limit 1
    ) a
  )
  select
    coalesce(jsonb_agg(jsonb_build_object(
        'id', r.id, 'external_ref', r.external_ref, 'placed_at', r.placed_at, 'amount', r.amount,
        'currency', r.currency, 'amount_base', r.amount_base, 'leaves_at', r.placed_at + v_period,
        'orders_after', r.orders_after, 'amount_after', r.amount_after,
        'tier_after', jsonb_build_object('id', r.tier_id, 'rank', r.tier_rank)) order by r.n)
      filter (where r.n <= coalesce(p_limit, v_paid_orders)), '[]'),
    (array_agg(jsonb_build_object('leaves_at', r.placed_at + v_period,
        'orders_after', r.orders_after, 'amount_after', r.amount_after,
        'tier_after', jsonb_build_object('id', r.tier_id, 'rank', r.tier_rank)) order by r.n)
      filter (where r.tier_rank < v_now.rank))[1]
  into v_orders, v_fall
  from reached r;

  return jsonb_build_object(
    'window_start', v_start,
    'period_days', v_store.statistical_period_days,
    'currency', v_store.base_currency,
    'paid_orders', v_paid_orders,
    'paid_amount', v_paid_amount,
    'orders_tier', jsonb_build_object('id', v_now.id, 'rank', v_now.rank,
      'min_paid_orders', v_now.min_paid_orders, 'min_paid_amount', v_now.min_paid_amount),
    'orders', v_orders,
    'holds_until', v_fall ->> 'leaves_at',
    'falls_to', v_fall -> 'tier_after',
    'to_keep', case when v_fall is null then null else jsonb_build_object(
      'orders_needed', greatest(v_now.min_paid_orders - (v_fall ->> 'orders_after')::int, 0),
      'amount_needed', greatest(v_now.min_paid_amount - (v_fall ->> 'amount_after')::numeric, 0)) end
  );
end
$$;

-- ---------------------------------------------------------------------------------------------
-- A store's embed origins
-- ---------------------------------------------------------------------------------------------

/** One entry of an embed allowlist: `http(s)://host[:port]` in lower case, no path, query or trailing slash, at most 300 characters. */
create function private.is_embed_origin(p_origin text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_origin ~ '^https?://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[1-9][0-9]{0,4})?$'
    and length(p_origin) <= 300
    -- A port a browser can report: 1-65535 without leading zeros, and not the scheme's default,
    -- which an origin leaves out.
    and coalesce(substring(p_origin from ':([0-9]+)$')::int <= 65535, true)
    and p_origin !~ '^(https://.*:443|http://.*:80)$'
$$;
revoke execute on function private.is_embed_origin(text) from public;
-- The constraint below and the trigger run as the writing role.
grant execute on function private.is_embed_origin(text) to anon, authenticated, service_role;

/** As in 20261203000100, each entry checked by is_embed_origin, the rule the trigger names entries by. */
create or replace function private.are_embed_origins(p_origins text[])
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_origins is not null
    and coalesce(array_length(p_origins, 1), 0) <= 50
    and array_position(p_origins, null) is null
    and (select count(distinct o) = count(*) from unnest(p_origins) o)
    and (select bool_and(private.is_embed_origin(o)) from unnest(p_origins) o) is not false
$$;

-- Lists saved under the old rule may hold an entry the new one refuses (a default or zero-padded
-- port, a port past 65535), and Postgres checks the constraint again on any update of the row:
-- such an entry is written as the browser reports it (`https://x:443` is `https://x`), or dropped
-- when no browser reports it, so the stores' other updates (a rename, a new period) still pass.
update public.stores s set embed_origins = coalesce((
    select array_agg(o order by first_at)
    from (
      select n.o, min(n.pos) as first_at
      from (
        select regexp_replace(regexp_replace(e, '^(https://[^/]+):0*443$', '\1'), '^(http://[^/]+):0*80$', '\1') as o, pos
        from unnest(s.embed_origins) with ordinality as u(e, pos)) n
      where private.is_embed_origin(n.o)
      group by n.o) kept),
  '{}')
where not private.are_embed_origins(s.embed_origins);

/**
 * An embed allowlist as an owner writes it: are_embed_origins' rules (the CHECK constraint stays
 * as a backstop) refused with a 22023 that names the entry at fault.
 */
create function private.check_embed_origins()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_origin text;
begin
  if new.embed_origins is null then
    perform private.reject('embed_origins', 'must be a list of origins (empty for none)');
  end if;
  if cardinality(new.embed_origins) > 50 then
    perform private.reject('embed_origins', format('has %s origins; at most 50', cardinality(new.embed_origins)));
  end if;
  foreach v_origin in array new.embed_origins loop
    if v_origin is null then
      perform private.reject('embed_origins', 'must not contain null');
    end if;
    if not private.is_embed_origin(v_origin) then
      perform private.reject('embed_origins', format(
        '"%s" must be an origin like https://shop.example.com: lower case, without a path, query, trailing slash or default port',
        left(v_origin, 100)));
    end if;
  end loop;
  select o into v_origin from unnest(new.embed_origins) o group by o having count(*) > 1 order by o limit 1;
  if v_origin is not null then
    perform private.reject('embed_origins', format('"%s" is listed twice', v_origin));
  end if;
  return new;
end
$$;
revoke execute on function private.check_embed_origins() from public;

create trigger stores_check_embed_origins before insert or update of embed_origins on public.stores
  for each row execute function private.check_embed_origins();
