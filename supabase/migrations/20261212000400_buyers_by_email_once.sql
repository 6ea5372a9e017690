/**
 * A file's buyers named by e-mail are found once for the whole file, not once a row. The orders
 * import's three reads of them (parse_order_rows, which import_orders checks its rows with;
 * order_ref_refusals; unknown_order_buyers) match an address with the confirmed login of one of
 * the store's contacts, lower(auth.users.email). parse_order_rows and order_ref_refusals looked
 * each row's address up on its own, which only an index on lower(email) alone makes cheap: our
 * local bootstrap had one, hosted Supabase has not (GoTrue's are on (instance_id, lower(email))
 * and a unique one on email; the bootstrap now has exactly those). There, every row scanned every
 * login of the project: with 40,000 logins, 10,000 rows of order_ref_refusals ran past the 8 s
 * statement timeout and a 1,000-row import by e-mail took 6-8 s, once past it (bench/README.md,
 * round 24).
 * - private.store_contacts_by_email resolves a list of addresses at once: each distinct address
 *   (trimmed, in lower case) with the company and contact it names, in one pass over the logins,
 *   as unknown_order_buyers (20261207000600) did.
 * - The three re-created functions call it; every other line is as in the migration named above
 *   each: the same rows refused, with the same messages, in the same order. One choice is now
 *   fixed: when two of the store's contacts have logins whose addresses differ only in case
 *   (GoTrue writes addresses in lower case; only logins written into auth.users directly can),
 *   the row goes to the contact with the lower id, where a look-up per row took whichever its
 *   plan met first.
 */

/**
 * The store `p_store_id`'s buyers of the login addresses `p_emails`: one row per distinct
 * address (trimmed and in lower case, '' included, nulls left out), with the company and the
 * contact whose confirmed login it is, or nulls when none of the store's contacts has it (an SSO
 * login is matched by no address; an unconfirmed one could be anybody's). One pass over the
 * logins for all the addresses together, hashed: on hosted Supabase auth.users has no index for a
 * look-up per address, so a look-up per row would scan it once a row. The caller joins the answer
 * back on lower(btrim(email)).
 */
create function private.store_contacts_by_email(p_store_id uuid, p_emails text[])
returns table (email text, member_id uuid, contact_id uuid)
language sql stable
set search_path = ''
as $$
  with asked (email) as (
    select distinct lower(btrim(e)) from unnest(p_emails) e where e is not null
  ), found as (
    -- Inner joins, which the planner may order as the sizes ask: the logins hashed against the
    -- addresses, or the store's contacts against the logins.
    select distinct on (a.email) a.email, c.member_id, c.id
    from asked a
    join auth.users u on lower(u.email) = a.email and not u.is_sso_user and u.email_confirmed_at is not null
    join public.member_contacts c on c.user_id = u.id and c.store_id = p_store_id
    order by a.email, c.id
  )
  select a.email, f.member_id, f.id from asked a left join found f on f.email = a.email
$$;
revoke execute on function private.store_contacts_by_email(uuid, text[]) from public;

/** As in 20261211000800, a row's contact found by e-mail through private.store_contacts_by_email. */
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
        when f.status is null or f.status not in ('paid', 'partially_refunded', 'refunded', 'cancelled') then
          array['status', 'must be one of paid, partially_refunded, refunded, cancelled']
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
    -- The batch's addresses found once, hashed in (private.store_contacts_by_email).
    left join private.store_contacts_by_email(p_store.id, array(select f.email from f where not f.by_id)) mc
      on not f.by_id and mc.email = lower(f.email)
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


/** As in 20261207000600, the addresses found through private.store_contacts_by_email. */
create or replace function private.unknown_order_buyers(p_store_id uuid, p_member_ids uuid[], p_emails text[])
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_unknown jsonb;
begin
  perform private.require_staff_of(p_store_id);
  if cardinality(p_member_ids) > 10000 then
    perform private.reject('member_ids', format('has %s values; at most 10000 per call', cardinality(p_member_ids)));
  end if;
  if cardinality(p_emails) > 10000 then
    perform private.reject('emails', format('has %s values; at most 10000 per call', cardinality(p_emails)));
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('field', u.field, 'value', u.value) order by u.field, u.value), '[]')
  into v_unknown
  from (
    select 'member_id' as field, i::text as value
    from (select distinct i from unnest(p_member_ids) i where i is not null) ids (i)
    where not exists (select 1 from public.members m where m.id = ids.i and m.store_id = p_store_id)
    union all
    select 'email', b.email
    from private.store_contacts_by_email(p_store_id, p_emails) b
    where b.member_id is null
  ) u;
  return v_unknown;
end
$$;

/**
 * The file's rows as four arrays of one length: row i is `p_refs[i]` bought by `p_member_ids[i]`
 * or, when that is null, by the login address `p_emails[i]` (member_id wins, as in
 * import_orders), placed at `p_placed_ats[i]` as the file writes it. Answers, as a JSON array
 * ordered by row, the rows import_orders would refuse for their reference, and why:
 * {"row": i, "refusal": "taken"} when the order exists in the store for another company than the
 * row's buyer; {"row": i, "refusal": "left", "left_at": …} when the buyer left the store at or
 * before the row was placed and the store has no such order (private.former_member_new_order,
 * import_orders' own rule). The buyer and the time are found as import_orders finds them
 * (parse_order_rows, import_timestamp): a row whose buyer the store does not have
 * (unknown_order_buyers names it) is not answered; one whose placed_at import_orders cannot read
 * is answered for another company's order, never for leaving, which depends on the time.
 * Staff of the store only; at most 10,000 rows per call.
 * Errors: 42501 Only this store's staff may do this · 22023 refs has N values; at most 10000 per
 * call · 22023 member_ids / emails / placed_ats must have as many values as refs.
 *
 * As in 20261212000200, the rows' addresses found through private.store_contacts_by_email.
 */
create or replace function private.order_ref_refusals(p_store_id uuid, p_refs text[], p_member_ids uuid[], p_emails text[], p_placed_ats text[])
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_refusals jsonb;
begin
  perform private.require_staff_of(p_store_id);
  if cardinality(p_refs) > 10000 then
    perform private.reject('refs', format('has %s values; at most 10000 per call', cardinality(p_refs)));
  end if;
  if cardinality(p_member_ids) is distinct from cardinality(p_refs) then
    perform private.reject('member_ids', 'must have as many values as refs');
  end if;
  if cardinality(p_emails) is distinct from cardinality(p_refs) then
    perform private.reject('emails', 'must have as many values as refs');
  end if;
  if cardinality(p_placed_ats) is distinct from cardinality(p_refs) then
    perform private.reject('placed_ats', 'must have as many values as refs');
  end if;
  select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
      'row', r.row_no,
      'refusal', case when o.member_id is not null then 'taken' else 'left' end,
      'left_at', f.left_at)) order by r.row_no), '[]')
  into v_refusals
  from unnest(p_refs, p_member_ids, p_emails, p_placed_ats) with ordinality r (ref, member_id, email, placed_at, row_no)
  -- The row's buyer as parse_order_rows finds it: a key lookup for a member id, the file's
  -- addresses found once (private.store_contacts_by_email); none, and the row is
  -- unknown_order_buyers' to name.
  left join lateral (
    select m.id from public.members m where r.member_id is not null and m.id = r.member_id and m.store_id = p_store_id
  ) m on true
  -- A blank address names no buyer, as parse_order_rows refuses it ('member_id or email is required').
  left join private.store_contacts_by_email(p_store_id, array(select nullif(btrim(e), '') from unnest(p_member_ids, p_emails) x (id, e) where x.id is null)) c
    on r.member_id is null and c.email = lower(nullif(btrim(r.email), ''))
  cross join lateral (select coalesce(m.id, c.member_id) as id) buyer
  -- Another company's order with the reference (the unique (store_id, external_ref) index).
  left join lateral (
    select o.member_id from public.orders o
    where o.store_id = p_store_id and o.external_ref = btrim(r.ref) and o.member_id <> buyer.id
  ) o on true
  cross join lateral (
    select private.former_member_new_order(p_store_id, buyer.id, btrim(r.ref), private.import_timestamp(r.placed_at)) as left_at
  ) f
  where buyer.id is not null and (o.member_id is not null or f.left_at is not null);
  return v_refusals;
end
$$;
