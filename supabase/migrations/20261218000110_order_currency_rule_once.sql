/**
 * An order's currency and exchange rate are checked by one statement of the rule,
 * private.order_currency_faults, which the orders import (parse_order_rows) and the orders' own
 * statement trigger (private.check_order_currencies, 20261217000100) both call: each held its own
 * copy, and a change to one would have let the other drift. Behaviour unchanged: the same faults,
 * in the same order, in the same words.
 *
 * The import's order of checks is kept: a currency's form, then in use, then the rate required,
 * a number the column can hold, and 1 for the store's own. An order written directly can break only
 * the currency in use and the rate of 1 (the rate's column is numeric(18,8), not null, above 0, and
 * a currency's form is refused by the row trigger first), so the trigger asking the whole rule
 * answers as it did.
 *
 * Both functions re-created (parse_order_rows from 20261218000100, check_order_currencies from
 * 20261217000100); create or replace keeps their owners, grants and triggers.
 */

/**
 * What is wrong with each order's currency and exchange rate, given as arrays of one element an
 * order: `p_currencies`, `p_rates`, `p_rates_given` (false: the order gave no rate; a non-number
 * given is a null rate), the store's `p_base_currencies`, and `p_new` (false: the order already had
 * this currency, then not asked to be in use: one withdrawn since stays with its orders). A null
 * array, or a null in it, is given / new. Answers the orders at fault, by their place in the arrays
 * (`ord`, from 1), each with its first fault as {field, reason}.
 *
 * Asked once for a batch or a statement, not once a row: a function called for each of 10,000 rows
 * (it cannot be inlined, having its search_path set) cost ~50 µs a call, where the rule read in
 * place cost ~5 µs a row.
 */
create function private.order_currency_faults(p_currencies text[], p_rates numeric[], p_rates_given boolean[],
  p_base_currencies text[], p_new boolean[])
returns table (ord bigint, fault text[])
language sql stable
set search_path = ''
as $$
  select n.ord, x.fault
  from unnest(p_currencies, p_rates, p_rates_given, p_base_currencies, p_new) with ordinality
    as n (currency, rate, rate_given, base_currency, is_new, ord)
  left join private.iso_currencies c on c.code = n.currency
  cross join lateral (select case
      when n.currency !~ '^[A-Z]{3}$' then array['currency', 'must be a three-letter ISO 4217 code such as USD']
      when n.is_new is not false and n.currency <> n.base_currency and c.code is null then
        array['currency', pg_catalog.format('%s is not an ISO 4217 currency in use', n.currency)]
      when n.rate_given is false and n.currency <> n.base_currency then
        array['exchange_rate', pg_catalog.format('is required for %s (store currency %s)', n.currency, n.base_currency)]
      -- The column keeps 8 decimals: a smaller rate would be stored as 0.
      when n.rate_given is not false and (n.rate is null or round(n.rate, 8) <= 0 or n.rate >= 1e10) then
        array['exchange_rate', 'must be a positive number from 0.00000001 to 9999999999']
      when n.rate_given is not false and n.currency = n.base_currency and n.rate <> 1 then
        array['exchange_rate', pg_catalog.format('must be 1 for the store currency %s', n.base_currency)]
    end as fault) x
  where x.fault is not null
$$;
revoke execute on function private.order_currency_faults(text[], numeric[], boolean[], text[], boolean[]) from public;

/**
 * As in 20261217000100, each statement's rows' faults private.order_currency_faults'. The row
 * branch raises the currency's form itself, as before, without asking the rule: were the trigger's
 * WHEN and the rule's first check ever to differ, a row it let through would be dropped (a BEFORE
 * row trigger returning null) with no error.
 */
create or replace function private.check_order_currencies()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_stores uuid[];
  v_refs text[];
  v_currencies text[];
  v_rates numeric[];
  -- Whether each row's currency is new to it (changed, or the order moved to another store); null on insert: all are.
  v_new boolean[];
  v_fault record;
begin
  if tg_level = 'ROW' then
    -- Fired only for a currency not in three capitals (its WHEN), ahead of the constraint naming no
    -- field. Raised here without asking the rule: a row this branch let through would be dropped.
    raise exception using errcode = '22023', message = 'currency must be a three-letter ISO 4217 code such as USD',
      detail = jsonb_build_object('field', 'currency', 'reason', 'must be a three-letter ISO 4217 code such as USD',
        'external_ref', new.external_ref)::text;
  end if;
  if tg_op = 'INSERT' then
    select array_agg(n.store_id), array_agg(n.external_ref), array_agg(n.currency), array_agg(n.exchange_rate)
    into v_stores, v_refs, v_currencies, v_rates
    from new_orders n;
  else
    -- Only the rows whose currency, store or rate changed, matched to their old selves by key (a
    -- hash join): an update of anything else checks nothing.
    select array_agg(n.store_id), array_agg(n.external_ref), array_agg(n.currency), array_agg(n.exchange_rate),
      array_agg((n.currency, n.store_id) is distinct from (o.currency, o.store_id))
    into v_stores, v_refs, v_currencies, v_rates, v_new
    from new_orders n join old_orders o on o.id = n.id
    where (n.currency, n.store_id, n.exchange_rate) is distinct from (o.currency, o.store_id, o.exchange_rate);
  end if;
  select n.external_ref, x.fault[1] as field, x.fault[2] as reason into v_fault
  from private.order_currency_faults(v_currencies, v_rates, null,
    array(select s.base_currency::text from unnest(v_stores) with ordinality u (store_id, ord) join public.stores s on s.id = u.store_id order by u.ord),
    v_new) x
  join unnest(v_refs) with ordinality n (external_ref, ord) on n.ord = x.ord
  order by n.external_ref
  limit 1;
  if v_fault.field is not null then
    raise exception using errcode = '22023', message = v_fault.field || ' ' || v_fault.reason,
      detail = jsonb_build_object('field', v_fault.field, 'reason', v_fault.reason, 'external_ref', v_fault.external_ref)::text;
  end if;
  return null;
end
$$;

/** As in 20261218000100, the rows' currencies and rates checked by private.order_currency_faults, once for the batch. */
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
    -- The row's buyer, and what is wrong with its currency and rate.
    select f.*, mm.id as by_id_member, coalesce(mm.id, mc.member_id) as member_id, mc.contact_id, cf.fault as currency_fault
    from f
    -- A key lookup per row (the limit keeps it one): as a join, the planner hashed every member
    -- of the store (100,000 at a large merchant) for a batch it guessed at 100 rows.
    left join lateral (
      select mm.id from public.members mm where f.by_id and mm.id = f.member_uuid and mm.store_id = p_store.id limit 1
    ) mm on true
    -- The batch's addresses found once, hashed in (private.store_contacts_by_email).
    left join private.store_contacts_by_email(p_store.id, array(select f.email from f where not f.by_id)) mc
      on not f.by_id and mc.email = lower(f.email)
    -- Asked once for the batch, in row order (row_no counts from 1 as ord does).
    left join (
      select x.ord, x.fault
      from (select array_agg(f.currency order by f.row_no) as currencies, array_agg(f.rate order by f.row_no) as rates,
              array_agg(not f.rate_missing order by f.row_no) as given, array_agg(p_store.base_currency::text order by f.row_no) as bases
            from f) a
      cross join private.order_currency_faults(a.currencies, a.rates, a.given, a.bases, null) x
    ) cf on cf.ord = f.row_no
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
        when b.currency_fault is not null then b.currency_fault
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
