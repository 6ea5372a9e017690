/**
 * An order's day alone (placed_at or delivered_at `2026-03-01`, what Record an order sends for
 * "today") is the merchant's own calendar day, in whichever zone the merchant is: it is refused as
 * ahead only until it has begun somewhere on Earth, at UTC+14, the first zone to reach it. It was
 * read as noon UTC and allowed up to a day ahead of that, so it was refused from 00:00 to 02:00 at
 * UTC+14 (to 01:00 at UTC+13), a merchant in Kiribati or Tonga unable to record the day's first
 * order. A day alone is still stored at noon UTC (20261204000900), and a time keeps the day of slack
 * for clocks it had. The message is as before.
 *
 * parse_order_rows re-created from 20261213000210 with only that check changed; create or replace
 * keeps its owner and grants.
 */

/**
 * The latest day an order may give alone at `p_now`: the day it is at UTC+14, the first zone to
 * reach each day. Asked once a batch; the clock an argument so that both edges can be tested at
 * any hour.
 */
create function private.latest_order_day(p_now timestamptz)
returns date
language sql immutable
set search_path = ''
as $$
  select (p_now at time zone interval '+14:00')::date
$$;
revoke execute on function private.latest_order_day(timestamptz) from public;

/** As in 20261213000210, a day alone ahead only after private.latest_order_day. */
create or replace function private.parse_order_rows(p_store public.stores, p_rows jsonb)
returns setof private.order_import_row
language sql stable security definer
set search_path = ''
as $$
  -- Each step materialized: flattened, every use of `fault` below would evaluate its checks again.
  with f as materialized (
    -- The row's JSON itself is not kept: the steps below read these columns, and each
    -- materialized step would otherwise hold the whole batch again.
    select r.row_no::int,
      jsonb_typeof(r.j) = 'object' as is_object,
      octet_length(r.j::text) as bytes,
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
      r.j ->> 'placed_at' as placed_text,
      private.import_timestamp(r.j ->> 'placed_at') as placed_at,
      r.j ->> 'delivered_at' as delivered_text,
      private.import_timestamp(r.j ->> 'delivered_at') as delivered_at,
      r.j ->> 'status' as status
    from jsonb_array_elements(p_rows) with ordinality as r (j, row_no)
  ), b as materialized (
    -- The row's buyer, and whether its currency is one in use.
    select f.*, mm.id as by_id_member, coalesce(mm.id, mc.member_id) as member_id, mc.contact_id, cur.code is not null as known_currency
    from f
    -- A key lookup per row (the limit keeps it one): as a join, the planner hashed every member
    -- of the store (100,000 at a large merchant) for a batch it guessed at 100 rows.
    left join lateral (
      select mm.id from public.members mm where f.by_id and mm.id = f.member_uuid and mm.store_id = p_store.id limit 1
    ) mm on true
    -- The batch's addresses found once, hashed in (private.store_contacts_by_email).
    left join private.store_contacts_by_email(p_store.id, array(select f.email from f where not f.by_id)) mc
      on not f.by_id and mc.email = lower(f.email)
    left join private.iso_currencies cur on cur.code = f.currency
  ), taken as materialized (
    -- Once for the batch: joined on b's columns, the function would run once a row.
    select t.* from (select array_agg(b.external_ref) as refs, array_agg(b.member_id) as member_ids from b) a
    cross join private.other_members_refs(p_store.id, a.refs, a.member_ids) t
  ), v as materialized (
    select b.*,
      case
        when not b.is_object then array[null, 'must be an object']
        -- The documented fields fit in a few hundred bytes; this bounds what 10,000 rows may carry.
        when b.bytes > 4096 then array[null, 'is larger than 4096 bytes; send only the order fields']
        when b.unknown_key is not null then array[left(b.unknown_key, 40),
          'is not a column of an order (external_ref, member_id, email, amount, currency, exchange_rate, placed_at, status, delivered_at)']
        when coalesce(b.external_ref, '') = '' or length(b.external_ref) > 100 then array['external_ref', 'is required (1-100 characters)']
        when not private.is_single_line(b.external_ref) then array['external_ref', 'must be a single line without control characters']
        when b.by_id and b.by_id_member is null then array['member_id', 'is not a member of this store']
        when not b.by_id and b.email is not null and b.member_id is null then array['email', 'matches no member contact of this store']
        when not b.by_id and b.email is null then array['member_id', 'or email is required']
        when b.amount is null or b.amount <= 0 then array['amount', 'must be a positive number']
        when b.amount <> round(b.amount, 2) or b.amount >= 1e12 then array['amount', 'must have at most 2 decimals and 12 digits']
        when b.currency !~ '^[A-Z]{3}$' then array['currency', 'must be a three-letter ISO 4217 code such as USD']
        when not b.known_currency and b.currency <> p_store.base_currency then
          array['currency', format('%s is not an ISO 4217 currency in use', b.currency)]
        when b.rate_missing and b.currency <> p_store.base_currency then
          array['exchange_rate', format('is required for %s (store currency %s)', b.currency, p_store.base_currency)]
        -- The column keeps 8 decimals: a smaller rate would be stored as 0.
        when not b.rate_missing and (b.rate is null or round(b.rate, 8) <= 0 or b.rate >= 1e10) then
          array['exchange_rate', 'must be a positive number from 0.00000001 to 9999999999']
        when not b.rate_missing and b.currency = p_store.base_currency and b.rate <> 1 then
          array['exchange_rate', format('must be 1 for the store currency %s', p_store.base_currency)]
        when round(b.amount * coalesce(b.rate, 1), 2) >= 1e12 then
          array['amount', format('converted to %s must be below 1000000000000', p_store.base_currency)]
        when b.placed_at is null then array['placed_at', 'must be a date or timestamp such as 2026-03-01T10:00:00Z, from 2000 on']
        -- A day alone (import_timestamp takes one only as 10 characters) against the day at UTC+14,
        -- found once (an init plan); a time with a day of slack for merchants' clocks.
        when case when length(b.placed_text) = 10 then b.placed_text::date > (select private.latest_order_day(now()))
          else b.placed_at > now() + interval '1 day' end then array['placed_at', 'must be at most a day ahead']
        when b.delivered_text is not null and (b.delivered_at is null or b.delivered_at < b.placed_at) then
          array['delivered_at', 'must be a timestamp no earlier than placed_at']
        when case when length(b.delivered_text) = 10 then b.delivered_text::date > (select private.latest_order_day(now()))
          else b.delivered_at > now() + interval '1 day' end then array['delivered_at', 'must be at most a day ahead']
        when b.status is null or b.status not in ('paid', 'partially_refunded', 'refunded', 'cancelled') then
          array['status', 'must be one of paid, partially_refunded, refunded, cancelled']
        else t.fault
      end as fault
    from b
    left join taken t on t.external_ref = b.external_ref and t.member_id = b.member_id
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
