/*
 * A store's tiers hold ranks 0, 1, 2, … without gaps: a rank is the tier's place in the ladder,
 * which is how the console shows it ("Rank 3" is the third tier). Before, a removed tier left its
 * rank unused (the console listed ranks 1, 3, 4), a tier moved up left a gap below it (the tier in
 * its way moved further up rather than down into the place it left), and any rank past the top
 * was taken as typed. Now:
 *   - a tier inserted at a rank moves the tiers from that rank up one (as before);
 *   - a tier moved down moves the tiers from its new rank to its old one up one (as before);
 *   - a tier moved up moves the tiers above its old rank, up to its new one, down one;
 *   - a tier removed moves the tiers above it down one;
 *   - a rank past the top (more than one above the highest tier for a new tier, above the
 *     highest for a moved one) is refused, naming the highest it may take.
 * Products, coupons and posts gated at a tier's rank ("VIP and above") move with that tier, as
 * they did; those gated at a removed tier's rank stay at that rank, now the next tier's above.
 * Stores whose ranks have gaps are closed up here, once, with their gates.
 */

/**
 * Where a gate at `p_rank` goes once a store's ranks are closed up (its highest tier at `p_top`
 * before): to the place of the first tier at or above it; above the highest tier (for no tier),
 * as far above the new highest.
 */
create function private.closed_gate_rank(p_store_id uuid, p_rank int, p_top int)
returns int
language sql stable
set search_path = ''
as $$
  select (count(*) + 1 + greatest(0, p_rank - p_top - 1))::int
  from public.tiers t where t.store_id = p_store_id and t.rank between 1 and p_rank - 1
$$;
revoke execute on function private.closed_gate_rank(uuid, int, int) from public;

/**
 * Closes the gaps in a store's ranks: each tier takes its place (0, 1, 2, …), each gate follows
 * (private.closed_gate_rank); rows already in place are not written. Quiet to the members'
 * refresh: the tiers keep their order, so no member's tier changes.
 */
create function private.close_tier_rank_gaps(p_store_id uuid)
returns void
language plpgsql security definer
set search_path = ''
as $$
declare
  v_top int;
begin
  select max(t.rank) into v_top from public.tiers t where t.store_id = p_store_id;
  if v_top is null or v_top + 1 = (select count(*) from public.tiers t where t.store_id = p_store_id) then
    return;
  end if;
  perform set_config('cardclub.tiers_making_room', 'on', true);
  -- Gates first, while the tiers still hold the ranks the gates name.
  update public.products p set min_tier_rank = private.closed_gate_rank(p_store_id, p.min_tier_rank, v_top)
  where p.store_id = p_store_id and p.min_tier_rank > 0 and p.min_tier_rank <> private.closed_gate_rank(p_store_id, p.min_tier_rank, v_top);
  update public.coupons c set min_tier_rank = private.closed_gate_rank(p_store_id, c.min_tier_rank, v_top)
  where c.store_id = p_store_id and c.min_tier_rank > 0 and c.min_tier_rank <> private.closed_gate_rank(p_store_id, c.min_tier_rank, v_top);
  update public.posts p set min_tier_rank = private.closed_gate_rank(p_store_id, p.min_tier_rank, v_top)
  where p.store_id = p_store_id and p.min_tier_rank > 0 and p.min_tier_rank <> private.closed_gate_rank(p_store_id, p.min_tier_rank, v_top);
  update public.tiers t set rank = placed.place
  from (select x.id, (row_number() over (order by x.rank) - 1)::int as place from public.tiers x where x.store_id = p_store_id) placed
  where t.id = placed.id and t.rank <> placed.place;
  perform set_config('cardclub.tiers_making_room', '', true);
end
$$;
revoke execute on function private.close_tier_rank_gaps(uuid) from public;

/** The tiers in the way of a tier's new rank move one place; the gates follow the tiers. */
create or replace function private.make_room_for_tier()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_highest int;
  v_old int;
begin
  -- The tiers this makes room among are moved by one statement of its own, which must not make room again.
  if new.rank = 0 or (tg_op = 'UPDATE' and new.rank = old.rank)
     or current_setting('cardclub.tiers_making_room', true) = 'on' then
    return new;
  end if;
  -- An upsert fires insert triggers for rows it will update: a tier the store has is placed by the update's.
  if tg_op = 'INSERT' and exists (select 1 from public.tiers t where t.id = new.id) then
    return new;
  end if;
  -- One past the other tiers above the ordinary one: the top for a moved tier, one above it for a new one.
  v_highest := (select count(*) from public.tiers t where t.store_id = new.store_id and t.id <> new.id and t.rank > 0) + 1;
  if new.rank > v_highest then
    perform private.reject('rank', format('must be at most %s: ranks go up from 0 without gaps', v_highest));
  end if;
  v_old := case when tg_op = 'UPDATE' then old.rank end;

  set constraints public.tiers_store_id_rank_key deferred;
  -- One refresh of the members' tiers, by the statement that saves this tier, not one for the move.
  perform set_config('cardclub.tiers_making_room', 'on', true);
  if v_old is null or new.rank < v_old then
    -- In from above, or down: the tiers from the new rank up to the old one (or the top) move up.
    update public.tiers t set rank = t.rank + 1
    where t.store_id = new.store_id and t.id <> new.id and t.rank >= new.rank and (v_old is null or t.rank < v_old);
    update public.products p set min_tier_rank = case when p.min_tier_rank = v_old then new.rank else p.min_tier_rank + 1 end
    where p.store_id = new.store_id and p.min_tier_rank between new.rank and coalesce(v_old, v_highest - 1);
    update public.coupons c set min_tier_rank = case when c.min_tier_rank = v_old then new.rank else c.min_tier_rank + 1 end
    where c.store_id = new.store_id and c.min_tier_rank between new.rank and coalesce(v_old, v_highest - 1);
    update public.posts p set min_tier_rank = case when p.min_tier_rank = v_old then new.rank else p.min_tier_rank + 1 end
    where p.store_id = new.store_id and p.min_tier_rank between new.rank and coalesce(v_old, v_highest - 1);
  else
    -- Up: the tiers above the old rank, up to the new one, move down into the place it leaves.
    update public.tiers t set rank = t.rank - 1
    where t.store_id = new.store_id and t.id <> new.id and t.rank > v_old and t.rank <= new.rank;
    update public.products p set min_tier_rank = case when p.min_tier_rank = v_old then new.rank else p.min_tier_rank - 1 end
    where p.store_id = new.store_id and p.min_tier_rank between v_old and new.rank;
    update public.coupons c set min_tier_rank = case when c.min_tier_rank = v_old then new.rank else c.min_tier_rank - 1 end
    where c.store_id = new.store_id and c.min_tier_rank between v_old and new.rank;
    update public.posts p set min_tier_rank = case when p.min_tier_rank = v_old then new.rank else p.min_tier_rank - 1 end
    where p.store_id = new.store_id and p.min_tier_rank between v_old and new.rank;
  end if;
  perform set_config('cardclub.tiers_making_room', '', true);
  return new;
end
$$;
revoke execute on function private.make_room_for_tier() from public;

/** A removal moves the tiers above the removed ones down, with their gates (not when the store goes). */
create function private.close_rank_of_removed_tiers()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store_id uuid;
begin
  for v_store_id in
    select r.store_id from removed_tiers r
    where exists (select 1 from public.stores s where s.id = r.store_id)
    group by r.store_id
  loop
    perform private.close_tier_rank_gaps(v_store_id);
  end loop;
  return null;
end
$$;
revoke execute on function private.close_rank_of_removed_tiers() from public;

-- Named to fire before tiers_refresh_members_after_delete (triggers of a kind fire by name), so
-- that the members' refresh the removal makes reads the tiers' new ranks.
create trigger tiers_close_rank_after_delete after delete on public.tiers
  referencing old table as removed_tiers for each statement execute function private.close_rank_of_removed_tiers();

select private.close_tier_rank_gaps(s.id) from public.stores s;
