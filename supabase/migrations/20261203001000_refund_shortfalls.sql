/*
 * What a refund could not take back, kept as a number rather than as an English sentence in
 * `note` (`refund of LUM-0650: 1200 points already spent`), so the portal and the console say it
 * in the reader's language. A clawback's or reversal's note is now empty, like an expiry's: the
 * row's reason, its order and its shortfall say everything, in every language.
 */

alter table public.points_ledger
  add column shortfall bigint,
  add constraint points_ledger_shortfall_on_clawback check (shortfall is null or (reason = 'clawback' and shortfall > 0));
comment on column public.points_ledger.shortfall is
  'On a clawback: the points the refunded order earned that had already been spent, so were not taken back.';

alter table public.rebate_ledger
  add column shortfall numeric(14,2),
  add constraint rebate_ledger_shortfall_on_reversal check (shortfall is null or (reason = 'reversal' and shortfall > 0));
comment on column public.rebate_ledger.shortfall is
  'On a reversal: the rebate the refunded order earned that had already been applied, so was not taken back (ledger currency).';

-- Rows written before: the number out of the engine's sentence, then the sentence goes. Only the
-- engine writes clawbacks and reversals, always in these two shapes. The guard that keeps points
-- rows from changing is lifted for this one rewrite, which changes no amount.
alter table public.points_ledger disable trigger points_ledger_guard;
update public.points_ledger
set shortfall = substring(note from ': ([0-9]+) points already spent$')::bigint, note = null
where reason = 'clawback' and note is not null;
alter table public.points_ledger enable trigger points_ledger_guard;

update public.rebate_ledger
set shortfall = substring(note from ': ([0-9]+\.[0-9]{2}) [A-Z]{3} already applied$')::numeric, note = null
where reason = 'reversal' and note is not null;

/** debit_points (migration 20261124000300) with the clawback's shortfall written in the same insert. */
drop function private.debit_points(uuid, bigint, text, uuid, uuid, bigint, uuid, text);
create function private.debit_points(
  p_member_id uuid, p_points bigint, p_reason text, p_reward_id uuid default null, p_order_id uuid default null,
  p_first_credit bigint default null, p_created_by uuid default null, p_note text default null, p_shortfall bigint default null)
returns bigint
language plpgsql
set search_path = ''
as $$
declare
  v_id bigint;
begin
  with open_credits as (
    select l.id, l.remaining,
      coalesce(sum(l.remaining) over (
        order by (l.id is not distinct from p_first_credit) desc, l.expires_at, l.id
        rows between unbounded preceding and 1 preceding), 0) as taken_before
    from public.points_ledger l
    where l.member_id = p_member_id and l.remaining > 0 and l.expires_at > now()
  )
  update public.points_ledger l set remaining = l.remaining - least(o.remaining, p_points - o.taken_before)
  from open_credits o
  where l.id = o.id and o.taken_before < p_points;

  insert into public.points_ledger (store_id, member_id, delta, reason, reward_id, order_id, created_by, note, shortfall)
  select m.store_id, m.id, -p_points, p_reason, p_reward_id, p_order_id, p_created_by, p_note, p_shortfall
  from public.members m where m.id = p_member_id
  returning id into v_id;
  return v_id;
end
$$;
revoke execute on function private.debit_points(uuid, bigint, text, uuid, uuid, bigint, uuid, text, bigint) from public;

/**
 * reverse_order_rewards (migration 20261124000300), the shortfall now a number: a refunded or
 * cancelled order takes back, exactly once, its points that did not expire (its own credit's
 * remainder first, then soonest-expiring credits) and its rebate, each at most the current balance.
 */
create or replace function private.reverse_order_rewards(p_order_id uuid)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_order public.orders;
  v_member public.members;
  v_credit public.points_ledger;
  v_points bigint;
  v_rebate_credit public.rebate_ledger;
  v_rebate numeric(14,2);
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  select * into v_credit from public.points_ledger l where l.order_id = p_order_id and l.reason = 'order';
  if v_credit.id is not null and not exists (
    select 1 from public.points_ledger l where l.order_id = p_order_id and l.reason = 'clawback'
  ) then
    v_member := private.lock_and_check_points(v_order.member_id, 0);
    v_points := v_credit.delta
      - coalesce((select -l.delta from public.points_ledger l where l.credit_id = v_credit.id), 0);
    perform private.debit_points(v_order.member_id, least(v_points, v_member.points_balance), 'clawback',
      p_order_id => p_order_id, p_first_credit => v_credit.id,
      p_shortfall => nullif(greatest(v_points - v_member.points_balance, 0), 0));
  end if;

  select * into v_rebate_credit from public.rebate_ledger r where r.order_id = p_order_id and r.reason = 'order';
  if v_rebate_credit.id is not null and not exists (
    select 1 from public.rebate_ledger r where r.order_id = p_order_id and r.reason = 'reversal'
  ) then
    v_member := private.lock_member(v_order.member_id);
    v_rebate := least(v_rebate_credit.delta, v_member.rebate_balance);
    insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, shortfall)
    values (v_order.store_id, v_order.member_id, -v_rebate, v_rebate_credit.currency, 'reversal', p_order_id,
      nullif(v_rebate_credit.delta - v_rebate, 0));
  end if;
end
$$;
revoke execute on function private.reverse_order_rewards(uuid) from public;
