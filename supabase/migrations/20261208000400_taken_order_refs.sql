/**
 * The console's orders import said "Ready to import", then a batch failed on a row whose
 * external_ref already belonged to another member's order, and took the valid rows of its batch
 * down with it (each batch is all-or-nothing). Staff read `orders` through RLS, but which member
 * a row's e-mail means is the confirmed login address in auth.users, which no client reads, so
 * taken_order_refs answers which of a file's references import_orders would refuse for this,
 * matching the buyer exactly as parse_order_rows (20261206000100) does, without importing.
 * A new function beside unknown_order_buyers (20261207000600), which stays as it is.
 *
 * It tells the store's staff no more than import_orders already does ("external_ref already
 * belongs to another member's order" for the same row), and only about their own store.
 */

/**
 * The file's rows as three arrays of one length: row i is `p_refs[i]` bought by
 * `p_member_ids[i]` or, when that is null, by the login address `p_emails[i]` (member_id wins, as
 * in import_orders). Answers, as a JSON array of text ordered and each once, the references
 * (trimmed) of rows whose order exists in the store for another member than the row's buyer.
 * A row whose buyer the store does not have is not answered: unknown_order_buyers names it.
 * Staff of the store only; at most 10,000 rows per call.
 * Errors: 42501 Only this store's staff may do this · 22023 refs has N values; at most 10000 per
 * call · 22023 member_ids / emails must have as many values as refs.
 */
create function private.taken_order_refs(p_store_id uuid, p_refs text[], p_member_ids uuid[], p_emails text[])
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_taken jsonb;
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
  select coalesce(jsonb_agg(t.external_ref order by t.external_ref), '[]')
  into v_taken
  from (
    select distinct o.external_ref
    from unnest(p_refs, p_member_ids, p_emails) r (ref, member_id, email)
    -- The unique (store_id, external_ref) index first: only references already in the store go on.
    join public.orders o on o.store_id = p_store_id and o.external_ref = btrim(r.ref)
    -- The row's buyer as parse_order_rows finds it, a key lookup each; none, and the row is
    -- unknown_order_buyers' to name.
    left join lateral (
      select m.id from public.members m where r.member_id is not null and m.id = r.member_id and m.store_id = p_store_id
    ) m on true
    left join lateral (
      select c.member_id
      from public.member_contacts c join auth.users u on u.id = c.user_id
      where r.member_id is null and c.store_id = p_store_id and lower(u.email) = lower(btrim(r.email))
        and not u.is_sso_user and u.email_confirmed_at is not null
      limit 1
    ) c on true
    where o.member_id <> coalesce(m.id, c.member_id)
  ) t;
  return v_taken;
end
$$;
revoke execute on function private.taken_order_refs(uuid, text[], uuid[], text[]) from public;
grant execute on function private.taken_order_refs(uuid, text[], uuid[], text[]) to authenticated;

create function public.taken_order_refs(p_store_id uuid, p_refs text[], p_member_ids uuid[], p_emails text[])
returns jsonb
language sql stable security invoker
set search_path = ''
as $$ select private.taken_order_refs(p_store_id, p_refs, p_member_ids, p_emails) $$;
revoke execute on function public.taken_order_refs(uuid, text[], uuid[], text[]) from public, anon, authenticated;
grant execute on function public.taken_order_refs(uuid, text[], uuid[], text[]) to authenticated;
