/**
 * Former members (20261210000900), two gaps:
 * - The orders import still gave a company that left or was erased points, rebate and a tier: a
 *   row naming it by member_id with a new external_ref was imported. parse_order_rows now refuses
 *   a new order (an external_ref the store does not have yet) of a former member as the import's
 *   other row mistakes are (`Row N: member_id left the store on 2026-12-05: its record is kept
 *   for the store's statistics only`, details {row, field, reason}; nothing imported), while
 *   refunds and corrections of its orders stay open for the store's accounts. Only a member_id
 *   names a former member: its contacts are gone, so no e-mail matches it.
 * - apply_rebate was refused outright for a former member, so rebate spent at checkout on an
 *   order from before it left could never be recorded, and the wallet stayed overstated. It is
 *   now refused as record_coupon_use is: allowed on an imported order of the company's own placed
 *   before it left, refused on anything else (there is no later order of it).
 *
 * Every other line of the re-created functions is as in the migration named above each.
 */

/**
 * As in 20261210000200, refusing a new order of a former member. The check reads left_at in the
 * member lookup the row makes anyway, and asks for the order only for a former member's rows: the
 * bench holds the import to at most 5x a bare insert.
 */
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
        -- Nothing more is given to a former member; its existing orders' refunds and corrections
        -- still keep the store's accounts.
        when mm.left_at is not null and not exists (
            select 1 from public.orders o where o.store_id = p_store.id and o.external_ref = f.external_ref) then
          array['member_id', format('left the store on %s: its record is kept for the store''s statistics only',
            to_char(mm.left_at at time zone 'UTC', 'YYYY-MM-DD'))]
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
      select mm.id, mm.left_at from public.members mm where f.by_id and mm.id = f.member_uuid and mm.store_id = p_store.id limit 1
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

/**
 * As in 20261210000900, refusing for a former member anything but rebate spent on an imported
 * order of its own placed before it left.
 */
create or replace function private.apply_rebate(p_member_id uuid, p_amount numeric, p_order_ref text, p_note text)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_currency char(3);
begin
  -- Rebate spent at checkout before it left is recorded late, as record_coupon_use records a
  -- coupon's use: the wallet would stay overstated otherwise.
  if v_member.left_at is not null and not exists (select 1 from public.orders o
                 where o.store_id = v_member.store_id and o.external_ref = btrim(p_order_ref)
                   and o.member_id = v_member.id and o.placed_at < v_member.left_at) then
    perform private.refuse_former_member(v_member);
  end if;
  if p_amount is null then
    perform private.reject('amount', 'must be a positive amount with at most two decimals');
  end if;
  perform private.check_amount('amount', p_amount);
  if private.clean_line('order_ref', p_order_ref, 100) is null then
    perform private.reject('order_ref', 'is required');
  end if;
  select s.base_currency into v_currency from public.stores s where s.id = v_member.store_id;
  if p_amount > v_member.rebate_balance then
    perform private.reject('amount', format('exceeds the rebate balance of %s %s', v_member.rebate_balance, v_currency), 'P0001');
  end if;

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, applied_to_order_ref, created_by, note)
  values (v_member.store_id, v_member.id, -p_amount, v_currency, 'applied', btrim(p_order_ref), (select auth.uid()),
    private.clean_text('note', p_note, 500));
  return (select m.rebate_balance from public.members m where m.id = p_member_id);
end
$$;
