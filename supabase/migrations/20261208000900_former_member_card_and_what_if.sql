/**
 * Former members (20261208000500), two things left over:
 *
 * - Their card could still be written: staff (the store's members' update policy) could rename
 *   the anonymised row, or give it a country, a website, buying details, and the statistics kept
 *   for it would then name a company that is gone. No screen needs to: the company has no
 *   contacts to serve, and one that comes back joins anew (a new membership). A trigger refuses
 *   such writes with `P0001 company has left the store: its card is kept, anonymised, and cannot
 *   be changed`; leave_store writes the card in the update that sets left_at, which it lets by.
 * - tier_what_if counted and listed former members (their stored English name among the moves):
 *   a company that left can move tier in no meaningful way, and analytics counts it in no tier
 *   after it left. private.tier_what_if (as in 20261202000400, its only definition) now places
 *   current members only; every other line is as there.
 */

create function private.refuse_former_member_card()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.left_at is not null then
    perform private.reject(null, 'company has left the store: its card is kept, anonymised, and cannot be changed', 'P0001');
  end if;
  return new;
end
$$;
revoke execute on function private.refuse_former_member_card() from public;

create trigger members_former_card before update of company_name, country, website, industry, purchase_volume, product_categories
  on public.members
  for each row execute function private.refuse_former_member_card();

/**
 * As in 20261202000400, placing the store's current members only (left_at null): a former
 * member is neither counted (members, per tier now and after) nor listed among the moves.
 */
create or replace function private.tier_what_if(p_store_id uuid, p_tiers jsonb, p_limit int, p_offset int)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_proposed jsonb;
  v_now_case text;
  v_proposed_case text;
  v_result jsonb;
begin
  perform private.require_staff_of(p_store_id);
  if p_limit is null or p_limit not between 1 and 1000 then
    perform private.reject('limit', 'must be from 1 to 1000');
  end if;
  if p_offset is null or p_offset < 0 then
    perform private.reject('offset', 'must be 0 or more');
  end if;
  select jsonb_agg(to_jsonb(p)) into v_proposed from private.what_if_tiers(p_store_id, p_tiers) p;

  -- The rule, applied alike to the current tiers and the proposed ones, as one CASE each: the
  -- first of the tiers by rank, highest first, whose minimums the member's paid orders meet or
  -- that is the member's unexpired override. Evaluated once per member in a single pass (a join
  -- of members × tiers, or a sorted lateral per member, cost most of a second at 20,000 members).
  -- Every value is a number or id from the tiers table or what_if_tiers, quoted by format.
  select string_agg(format('when (s.paid_orders >= %s and s.paid_amount >= %s) or s.override_id = %L then %L::uuid',
           t.min_paid_orders, t.min_paid_amount, t.id, t.id), ' ' order by t.rank desc)
  into v_now_case from public.tiers t where t.store_id = p_store_id;
  select string_agg(format('when (s.paid_orders >= %s and s.paid_amount >= %s) or s.override_id = %L::uuid then %s',
           x.min_paid_orders, x.min_paid_amount, x.id, x.idx), ' ' order by x.rank desc)
  into v_proposed_case from jsonb_to_recordset(v_proposed) as x (idx int, id uuid, rank int, min_paid_orders int, min_paid_amount numeric);

  execute format($query$
  with proposed as materialized (
    select * from jsonb_to_recordset($1) as p (idx int, id uuid, rank int, min_paid_orders int, min_paid_amount numeric)
  ), placed as materialized (
    select s.member_id, s.paid_orders, s.paid_amount, s.override_id,
      f.id as from_tier_id, f.rank as from_rank, t.idx as to_index, t.id as to_tier_id, t.rank as to_rank,
      -- A kept tier is compared at its proposed rank; one proposed away at its current rank.
      coalesce(k.rank, f.rank) as from_rank_proposed
    from (
      select s.member_id, s.paid_orders, s.paid_amount, s.override_id,
        case %s end as from_tier_id, case %s end as to_index
      from (
        select s.member_id, s.paid_orders, s.paid_amount,
          case when m.tier_override_expires_at > now() then m.tier_override_id end as override_id
        from private.store_paid_in_period($2) s
        join public.members m on m.id = s.member_id and m.store_id = $2 and m.left_at is null
      ) s
    ) s
    join public.tiers f on f.id = s.from_tier_id
    join proposed t on t.idx = s.to_index
    left join proposed k on k.id = f.id
  ), to_counts as (
    select p.to_index, count(*) as n from placed p group by p.to_index
  ), from_counts as (
    select p.from_tier_id, count(*) as n from placed p group by p.from_tier_id
  ), moves as (
    select p.*, case when p.to_rank > p.from_rank_proposed then 'up'
                     when p.to_rank < p.from_rank_proposed then 'down' else 'across' end as direction
    from placed p
    where p.to_tier_id is distinct from p.from_tier_id
  )
  select jsonb_build_object(
    'members', (select count(*) from placed),
    'tiers', (select jsonb_agg(jsonb_build_object('index', p.idx, 'id', p.id, 'rank', p.rank,
                'members', coalesce(tc.n, 0), 'members_now', coalesce(fc.n, 0))
              order by p.rank)
              from proposed p
              left join to_counts tc on tc.to_index = p.idx
              left join from_counts fc on fc.from_tier_id = p.id),
    'moved_up', (select count(*) from moves where direction = 'up'),
    'moved_down', (select count(*) from moves where direction = 'down'),
    'moves', coalesce((select jsonb_agg(jsonb_build_object('member_id', m.member_id, 'company_name', m.company_name,
                'paid_orders', m.paid_orders, 'paid_amount', m.paid_amount, 'overridden', m.override_id is not null,
                'from_tier_id', m.from_tier_id, 'from_rank', m.from_rank, 'to_index', m.to_index,
                'to_tier_id', m.to_tier_id, 'to_rank', m.to_rank, 'direction', m.direction)
              order by m.company_name, m.member_id)
              from (select v.*, c.company_name from moves v join public.members c on c.id = v.member_id
                    order by c.company_name, v.member_id limit $3 offset $4) m), '[]'::jsonb)
  )
  $query$, v_now_case, v_proposed_case)
  into v_result using v_proposed, p_store_id, p_limit, p_offset;
  return v_result;
end
$$;
