/**
 * A login that left a store (leave_store), or that staff took off its company, and signs in to its
 * widget again read "You are … not a member of {store} yet": the store could not tell it from a
 * newcomer. my_former_membership says what the store kept of that login's membership, to that login
 * only, so the frame can say "no longer a member", and, while the company is still a member through
 * colleagues, name it (the login's own company, whose name it read as a member) and say that a
 * colleague can invite it back.
 *
 * - Nothing new is kept when someone leaves: the function reads what the store already keeps by the
 *   login's id (docs/api.md, leave_store): the join points and gift-pack coupons it received
 *   (private.had_gift_pack's facts) and the samples it claimed. A login that left having done none
 *   of these reads as one that never joined.
 * - private.my_former_membership is security definer, as private.my_gift_pack_received: what a
 *   former contact's company keeps is no longer the login's to read; it answers for the caller only.
 * - public.my_former_membership is the invoker wrapper PostgREST exposes, to signed-in logins only.
 */

/**
 * What `p_store_id` kept of the caller's membership: `{left, company_name}`. `left` when the caller
 * is no contact of the store now and the store keeps something it received or claimed as one;
 * `company_name` is the company of the latest such fact while that company is still a member (else
 * null). Every index read is by the caller's own login.
 */
create function private.my_former_membership(p_store_id uuid)
returns jsonb
language sql stable security definer
set search_path = ''
as $$
  with me as (
    select private.require_user() as id
  ), kept as (
    select l.member_id, l.created_at as at from public.points_ledger l, me
    where l.store_id = p_store_id and l.reason = 'join' and l.created_by = me.id
    union all
    select mc.member_id, mc.claimed_at from public.member_coupons mc, me
    where mc.store_id = p_store_id and mc.source = 'gift_pack' and mc.claimed_by = me.id
    union all
    select s.member_id, s.created_at from public.sample_claims s, me
    where s.claimed_by = me.id and s.store_id = p_store_id
  ), latest as (
    select k.member_id from kept k
    where not exists (select 1 from public.member_contacts c, me where c.store_id = p_store_id and c.user_id = me.id)
    order by k.at desc limit 1
  )
  select jsonb_build_object('left', exists (select 1 from latest),
    'company_name', (select m.company_name from latest l join public.members m on m.id = l.member_id where m.left_at is null))
$$;
revoke execute on function private.my_former_membership(uuid) from public;
grant execute on function private.my_former_membership(uuid) to authenticated, service_role;

/** The caller's former membership of the store at `p_store_slug` (see the private function). Errors: PT404 store not found; 42501 not signed in. */
create function public.my_former_membership(p_store_slug text)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$ select private.my_former_membership((private.store_by_slug(p_store_slug)).id) $$;
revoke execute on function public.my_former_membership(text) from public, anon, authenticated;
grant execute on function public.my_former_membership(text) to authenticated;
