/**
 * A member's samples used counted through the indexes made for it, whatever the number of stores.
 *
 * private.samples_used (20261208000100) counted the company's claims and the login's own in one
 * query, `c.store_id = m.store_id and (c.member_id = … or c.claimed_by = …)`, the store and the
 * period's start joined in from members and stores. Its plan depended on the stores' statistics:
 * the bench's large store (100,000 members) with 800 more stores, analysed, made each count 53 ms
 * (it runs twice a claim: claim_sample and the quota's backstop), and claim_sample 0.14-0.23× as
 * fast as without them (bench rounds 38 and 39). Now the store and the period's start are read
 * first, and each half of the count is a query of its own on its index (sample_claims_member_idx,
 * sample_claims_claimed_by_idx), a claim that is both the company's and the login's counted once.
 * Same arguments, result, volatility, security and grants.
 */

/**
 * Claims that count against a member's quota in the store's current sample period: the company's,
 * and `p_user`'s own claims at the store under companies it has left (each claim once).
 */
create or replace function private.samples_used(p_member_id uuid, p_user uuid default null)
returns int
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store uuid;
  v_since timestamptz;
begin
  select m.store_id, now() - make_interval(days => s.sample_period_days) into v_store, v_since
  from public.members m join public.stores s on s.id = m.store_id
  where m.id = p_member_id;
  if v_store is null then
    return 0;
  end if;
  return (
    select count(*)::int from (
      select c.id from public.sample_claims c
      where c.member_id = p_member_id and c.store_id = v_store and c.created_at > v_since
        and c.status in ('requested', 'approved', 'shipped')
      union
      select c.id from public.sample_claims c
      where c.claimed_by = p_user and c.store_id = v_store and c.created_at > v_since
        and c.status in ('requested', 'approved', 'shipped')
    ) counted
  );
end
$$;
revoke execute on function private.samples_used(uuid, uuid) from public;
