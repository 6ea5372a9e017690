/**
 * The console's orders import checks a file's buyers before sending it. import_orders refuses a
 * whole batch (1,000 rows) for one row whose buyer matches nothing, and the check in the browser
 * passed such rows: it could not see them. A member id is readable through `members`, but an
 * e-mail is matched with the confirmed login address in auth.users, which no client reads
 * (member_contacts.email is the business card's, which its contact may change at will), so
 * unknown_order_buyers answers which of a file's buyers the store does not have, exactly as
 * parse_order_rows (20261206000100) matches them, without importing anything.
 *
 * It tells the store's staff no more than import_orders already does (which answers "email
 * matches no member contact of this store" for the same row), and only about their own store.
 */

/**
 * Those of `p_member_ids` that are no member of the store, and those of `p_emails` (trimmed, in
 * lower case) that are the confirmed login address of none of its member contacts (an SSO login
 * is matched by no address), as a JSON array of {field: 'member_id' | 'email', value}: one value,
 * not rows, which PostgREST would cut at its 1,000 rows per answer. Staff of the store only. At
 * most 10,000 of each per call: a file of 50,000 rows is asked in a few calls.
 * Errors: 42501 Only this store's staff may do this · 22023 member_ids / emails has N values; at
 * most 10000 per call.
 */
create function private.unknown_order_buyers(p_store_id uuid, p_member_ids uuid[], p_emails text[])
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
    -- An anti-join the planner hashes: one pass over the store's contacts for all the addresses
    -- asked about (auth.users has no index on lower(email) for a lookup per address).
    select 'email', asked.email
    from (select distinct lower(btrim(e)) from unnest(p_emails) e where e is not null) asked (email)
    where not exists (
      select 1
      from public.member_contacts c join auth.users u on u.id = c.user_id
      where c.store_id = p_store_id and lower(u.email) = asked.email and not u.is_sso_user
        -- Only a proved address, as import_orders matches: an unconfirmed one could be anybody's.
        and u.email_confirmed_at is not null
    )
  ) u;
  return v_unknown;
end
$$;
revoke execute on function private.unknown_order_buyers(uuid, uuid[], text[]) from public;
grant execute on function private.unknown_order_buyers(uuid, uuid[], text[]) to authenticated;

create function public.unknown_order_buyers(p_store_id uuid, p_member_ids uuid[] default '{}', p_emails text[] default '{}')
returns jsonb
language sql stable security invoker
set search_path = ''
as $$ select private.unknown_order_buyers(p_store_id, p_member_ids, p_emails) $$;
revoke execute on function public.unknown_order_buyers(uuid, uuid[], text[]) from public, anon, authenticated;
grant execute on function public.unknown_order_buyers(uuid, uuid[], text[]) to authenticated;
