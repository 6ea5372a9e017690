/*
 * A tier given a rank that another tier of the store holds makes room instead of failing: that
 * tier and those right above it, up to the first free rank, move up one. Products, coupons and
 * posts gated at a tier's rank ("VIP and above") move with the tier, the moved one included.
 * Staff put a new tier between two others, or swap two, in one save; before, they renumbered the
 * tiers in the way by hand first, one save each, and every gate at a renumbered rank came to name
 * another tier. The console previews the same shift in its what-if.
 */

-- Deferrable, so that the tiers in the way can move while the tier being moved still holds its
-- old rank (a BEFORE trigger runs before its row is written); checked again when the change commits.
alter table public.tiers
  drop constraint tiers_store_id_rank_key,
  add constraint tiers_store_id_rank_key unique (store_id, rank) deferrable initially immediate;

/** The tiers from a taken rank up to the first free one move up one; the gates follow the tiers. */
create function private.make_room_for_tier()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_free int;
  v_old int;
begin
  -- The tiers this makes room among are moved by one statement of its own, which must not make room again.
  if new.rank = 0 or (tg_op = 'UPDATE' and new.rank = old.rank)
     or current_setting('cardclub.tiers_making_room', true) = 'on' then
    return new;
  end if;
  -- The first rank from new.rank up that no other tier holds (this tier's own is being left).
  select min(x.rank + 1) into v_free
  from (select new.rank - 1 as rank
        union all
        select t.rank from public.tiers t where t.store_id = new.store_id and t.id <> new.id and t.rank >= new.rank) x
  where not exists (select 1 from public.tiers t where t.store_id = new.store_id and t.id <> new.id and t.rank = x.rank + 1);
  if v_free > new.rank then
    set constraints public.tiers_store_id_rank_key deferred;
    -- One refresh of the members' tiers, by the statement that saves this tier, not one for the move.
    perform set_config('cardclub.tiers_making_room', 'on', true);
    update public.tiers t set rank = t.rank + 1
    where t.store_id = new.store_id and t.id <> new.id and t.rank between new.rank and v_free - 1;
    perform set_config('cardclub.tiers_making_room', '', true);
  end if;

  -- A gate names the tier at its rank: gates follow the tiers that moved, this one included.
  v_old := case when tg_op = 'UPDATE' then old.rank end;
  update public.products p set min_tier_rank = case when p.min_tier_rank = v_old then new.rank else p.min_tier_rank + 1 end
  where p.store_id = new.store_id and (p.min_tier_rank between new.rank and v_free - 1 or p.min_tier_rank = v_old);
  update public.coupons c set min_tier_rank = case when c.min_tier_rank = v_old then new.rank else c.min_tier_rank + 1 end
  where c.store_id = new.store_id and (c.min_tier_rank between new.rank and v_free - 1 or c.min_tier_rank = v_old);
  update public.posts p set min_tier_rank = case when p.min_tier_rank = v_old then new.rank else p.min_tier_rank + 1 end
  where p.store_id = new.store_id and (p.min_tier_rank between new.rank and v_free - 1 or p.min_tier_rank = v_old);
  return new;
end
$$;
revoke execute on function private.make_room_for_tier() from public;

-- After tiers_guard_ordinary (triggers of a kind fire by name): the ordinary tier never moves.
create trigger tiers_make_room before insert or update of rank on public.tiers
  for each row execute function private.make_room_for_tier();

/** tiers_changed (migration 20261124000200), quiet while a tier makes room: its own save refreshes. */
create or replace function private.tiers_changed()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store_id uuid;
begin
  if current_setting('cardclub.tiers_making_room', true) = 'on' then
    return null;
  end if;
  for v_store_id in
    select t.store_id from changed_tiers t
    where exists (select 1 from public.stores s where s.id = t.store_id)
    group by t.store_id
  loop
    perform private.refresh_store_tiers(v_store_id, 'tier_rules');
  end loop;
  return null;
end
$$;
revoke execute on function private.tiers_changed() from public;
