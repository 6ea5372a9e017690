/**
 * The orders import took any three capital letters as a row's currency once an exchange rate was
 * given (`XYZ` with a rate of 1.1 was imported, and counted toward tiers in the store's currency).
 * A row's currency must now be an ISO 4217 currency in use, or the store's own (a store keeps
 * the currency it was created in, even one since withdrawn); any other is refused as the import's
 * other row mistakes are (`Row N: currency XYZ is not an ISO 4217 currency in use`, details
 * {row, field, reason}; nothing imported).
 *
 * The codes are a table, private.iso_currencies, so that parse_order_rows checks a batch with one
 * join (the bench's import goal: at most 5x a bare insert); they are the list
 * private.is_iso_currency held for send_inquiry (20261206000100), which now reads the table, so
 * the two cannot drift. src/lib/iso-currencies.ts holds the same codes for the console's file
 * check; tests/db/engine-import.test.ts checks the two agree.
 *
 * parse_order_rows is as in 20261206000100 but for the join and its one refusal.
 */

-- ---------------------------------------------------------------------------------------------
-- The codes
-- ---------------------------------------------------------------------------------------------

/**
 * ISO 4217 codes of the currencies in use (List One as amended to 2026: HRK, BGN, ANG, SLL, ZWL
 * and CUC withdrawn), leaving out the codes no price is quoted in: funds (BOV, CHE, CHW, CLF,
 * COU, MXV, USN, UYI, UYW), precious metals, bond units, SDR and the like (XDR, XSU, XUA),
 * testing (XTS) and no currency (XXX). Changed only by a migration.
 */
create table private.iso_currencies (
  code text primary key check (code ~ '^[A-Z]{3}$')
);
comment on table private.iso_currencies is 'ISO 4217 codes of the currencies in use that prices are quoted in.';

insert into private.iso_currencies (code)
select unnest(pg_catalog.string_to_array(
  'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD '
  'CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS '
  'GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW '
  'KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR '
  'MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR '
  'SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX '
  'USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG', ' '));

-- Not in an exposed schema; RLS without policies keeps it closed if it ever is. Read only by
-- security-definer functions, as their owner.
alter table private.iso_currencies enable row level security;
revoke all on table private.iso_currencies from public, anon, authenticated, service_role;

/** Whether `p_code` is one of private.iso_currencies (stable now that it reads the table). */
create or replace function private.is_iso_currency(p_code text)
returns boolean
language sql stable
set search_path = ''
as $$
  select exists (select 1 from private.iso_currencies c where c.code = p_code)
$$;

-- ---------------------------------------------------------------------------------------------
-- Import rows
-- ---------------------------------------------------------------------------------------------

/** As in 20261206000100, refusing a currency that is neither one in use nor the store's. */
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
        when cur.code is null and f.currency <> p_store.base_currency then
          array['currency', format('%s is not an ISO 4217 currency in use', f.currency)]
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
    left join private.iso_currencies cur on cur.code = f.currency
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

