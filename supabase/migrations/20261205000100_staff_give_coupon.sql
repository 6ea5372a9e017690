-- Staff give a coupon to a member company from its page in the console: the one-off coupon for a
-- key account that members cannot claim (not in the gift pack, not claimable, not a reward), or
-- one more copy of any other. Until now the console listed such a coupon as "Staff give it" with
-- no way to; record_coupon_use (migration 20261124000300) had no screen either.

alter table public.member_coupons drop constraint member_coupons_source_check;
alter table public.member_coupons add constraint member_coupons_source_check
  check (source in ('claim', 'gift_pack', 'reward', 'staff'));
comment on column public.member_coupons.claimed_by is
  'The login that claimed or redeemed it, or the staff login that gave it; null for gift-pack issues nobody asked for.';

/**
 * Staff give the member company one more copy of a coupon of its store. The coupon's own rules
 * hold as for a claim (its window, its minimum tier, the per-company limit): a coupon meant for
 * one company is made with a limit of 1 and a low enough tier. Errors: PT404 unknown member or
 * coupon (another store's reads as unknown); 42501 not staff of the member's store; P0001
 * outside the window / tier too low / limit reached.
 */
create function private.give_coupon(p_member_id uuid, p_coupon_id uuid)
returns public.member_coupons
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_id uuid := private.issue_coupon(v_member.id, p_coupon_id, 'staff', (select auth.uid()));
  v_given public.member_coupons;
begin
  select * into v_given from public.member_coupons mc where mc.id = v_id;
  return v_given;
end
$$;
revoke execute on function private.give_coupon(uuid, uuid) from public;
grant execute on function private.give_coupon(uuid, uuid) to authenticated;

create function public.give_coupon(p_member_id uuid, p_coupon_id uuid)
returns public.member_coupons
language sql security invoker
set search_path = ''
as $$ select private.give_coupon(p_member_id, p_coupon_id) $$;
revoke execute on function public.give_coupon(uuid, uuid) from public, anon, authenticated;
grant execute on function public.give_coupon(uuid, uuid) to authenticated;
