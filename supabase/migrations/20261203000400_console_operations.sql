-- Console operations (issue 13, part 2): what the console's samples queue, member list and page,
-- and coupons screen need beyond the engine's RPCs. Staff reads that RLS already allows run as
-- the caller; the one write (a rebate credit) is a security-definer body in `private` behind a
-- thin invoker wrapper, like every other ledger write.

-- ---------------------------------------------------------------------------------------------
-- Member search
-- ---------------------------------------------------------------------------------------------

/**
 * The member list of `staff_members` (same filters, columns, order and paging) narrowed to
 * companies whose name, or one of whose contacts' name or card e-mail, contains `p_search`
 * (case-insensitive; `%` and `_` are literal). A function of its own so that `staff_members`,
 * which the console calls whenever nothing is searched, stays as tuned. Runs as the caller:
 * the members and contacts read are those the select policies show to the store's staff.
 * Errors: 42501 not staff of the store; 22023 bad filter, or a search that is blank or longer
 * than 100 characters.
 */
create function public.staff_member_search(
  p_store_id uuid,
  p_search text,
  p_tier_id uuid default null,
  p_stage text default null,
  p_churn_risk boolean default null,
  p_country text default null,
  p_last_order_from timestamptz default null,
  p_last_order_to timestamptz default null,
  p_limit int default 50,
  p_offset int default 0
)
returns table (
  member_id uuid, company_name text, country char(2), tier_id uuid, tier_name text, tier_rank int,
  stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int,
  points_balance bigint, rebate_balance numeric, joined_at timestamptz, total bigint
)
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_pattern text;
begin
  perform private.require_staff_of(p_store_id);
  if private.clean_line('search', p_search, 100) is null then
    perform private.reject('search', 'is required: a company, contact name or e-mail to look for');
  end if;
  v_pattern := '%' || replace(replace(replace(btrim(p_search), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  if p_stage not in ('cognitive', 'interested', 'purchasing', 'loyal') then
    perform private.reject('stage', 'must be one of cognitive, interested, purchasing, loyal');
  end if;
  p_country := private.clean_format('country', p_country, 'country');
  if p_limit not between 1 and 500 or p_offset < 0 then
    perform private.reject('limit', 'must be 1 to 500, with a non-negative offset');
  end if;

  return query
  with matches as not materialized (
    select m.id, m.last_paid_order_at, m.company_name
    from public.members m
    left join lateral (
      select l.stage, l.churn_risk from private.member_lifecycle(m.store_id, m.id) l
      where p_stage is not null or p_churn_risk is not null
    ) f on true
    where m.store_id = p_store_id
      and (m.company_name ilike v_pattern
           or exists (select 1 from public.member_contacts c
                      where c.member_id = m.id and c.store_id = m.store_id
                        and (c.full_name ilike v_pattern or c.email ilike v_pattern)))
      and (p_tier_id is null or m.tier_id = p_tier_id)
      and (p_country is null or m.country = p_country)
      and (p_last_order_from is null or m.last_paid_order_at >= p_last_order_from)
      and (p_last_order_to is null or m.last_paid_order_at < p_last_order_to)
      and (p_stage is null or f.stage = p_stage)
      and (p_churn_risk is null or f.churn_risk = p_churn_risk)
  ), page as (
    select x.id from matches x
    order by x.last_paid_order_at desc nulls last, x.company_name, x.id
    limit p_limit offset p_offset
  ), tier as materialized (
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = p_store_id
  )
  select m.id, m.company_name, m.country, t.id, t.name, t.rank,
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period,
    m.points_balance, m.rebate_balance, m.joined_at, (select count(*) from matches)
  from page
  join public.members m on m.id = page.id
  cross join lateral private.member_lifecycle(m.store_id, m.id) l
  left join tier t on t.id = m.tier_id
  order by m.last_paid_order_at desc nulls last, m.company_name, m.id;
end
$$;
revoke execute on function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int)
  from public, anon, authenticated;
grant execute on function public.staff_member_search(uuid, text, uuid, text, boolean, text, timestamptz, timestamptz, int, int)
  to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Sample quota use, beside the staff's queue
-- ---------------------------------------------------------------------------------------------

/**
 * Each listed company's sample quota use as the member sees it in `my_membership`: claims that
 * count in the store's current sample period and the quota of its effective tier now (null =
 * unlimited). Security definer because the effective tier is evaluated by the engine; only
 * members of a store the caller staffs are answered, others are left out.
 */
create function private.sample_quota_use(p_store_id uuid, p_member_ids uuid[])
returns table (member_id uuid, used int, quota int, tier_name text)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  if coalesce(cardinality(p_member_ids), 0) > 500 then
    perform private.reject('member_ids', 'must hold at most 500 members');
  end if;
  return query
  select m.id, private.samples_used(m.id), t.sample_quota, private.tier_json(t) ->> 'name'
  from public.members m
  left join public.tiers t on t.id = private.effective_tier_id(m.id)
  where m.store_id = p_store_id and m.id = any (p_member_ids)
  order by m.id;
end
$$;
revoke execute on function private.sample_quota_use(uuid, uuid[]) from public;
grant execute on function private.sample_quota_use(uuid, uuid[]) to authenticated;

create function public.sample_quota_use(p_store_id uuid, p_member_ids uuid[])
returns table (member_id uuid, used int, quota int, tier_name text)
language sql stable security invoker
set search_path = ''
as $$ select * from private.sample_quota_use(p_store_id, p_member_ids) $$;
revoke execute on function public.sample_quota_use(uuid, uuid[]) from public, anon, authenticated;
grant execute on function public.sample_quota_use(uuid, uuid[]) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Coupon and reward use
-- ---------------------------------------------------------------------------------------------

/**
 * Per coupon of the store: copies held by companies (`claimed`, whatever the source), of those
 * `used` on an order, and how many came as the gift pack or a reward. Runs as the caller, so
 * it counts the member_coupons the staff's select policy shows. Coupons nobody holds are left out.
 * Errors: 42501 not staff of the store.
 */
create function public.coupon_usage(p_store_id uuid)
returns table (coupon_id uuid, claimed bigint, used bigint, gift_pack bigint, reward bigint)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  return query
  select mc.coupon_id, count(*), count(mc.used_at),
    count(*) filter (where mc.source = 'gift_pack'), count(*) filter (where mc.source = 'reward')
  from public.member_coupons mc
  where mc.store_id = p_store_id
  group by mc.coupon_id
  order by mc.coupon_id;
end
$$;
revoke execute on function public.coupon_usage(uuid) from public, anon, authenticated;
grant execute on function public.coupon_usage(uuid) to authenticated;

/**
 * Per reward of the store: how many times it was redeemed and the points spent on it (from the
 * points ledger's redemption rows, as the caller reads them). Errors: 42501 not staff.
 */
create function public.reward_usage(p_store_id uuid)
returns table (reward_id uuid, redeemed bigint, points_spent bigint)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  return query
  select l.reward_id, count(*), coalesce(-sum(l.delta), 0)::bigint
  from public.points_ledger l
  where l.store_id = p_store_id and l.reason = 'redemption' and l.reward_id is not null
  group by l.reward_id
  order by l.reward_id;
end
$$;
revoke execute on function public.reward_usage(uuid) from public, anon, authenticated;
grant execute on function public.reward_usage(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Rebate credit
-- ---------------------------------------------------------------------------------------------

-- A staff credit (goodwill, a rebate agreed outside the tier's percentage) is a fourth kind of
-- rebate ledger row: positive, tied to no order, always with a note saying why.
alter table public.rebate_ledger drop constraint rebate_ledger_reason_check;
alter table public.rebate_ledger add constraint rebate_ledger_reason_check
  check (reason in ('order', 'applied', 'reversal', 'credit'));
alter table public.rebate_ledger drop constraint rebate_ledger_entry_shape;
alter table public.rebate_ledger add constraint rebate_ledger_entry_shape check (
  (reason = 'order' and delta > 0 and order_id is not null and applied_to_order_ref is null)
  or (reason = 'applied' and delta < 0 and order_id is null and applied_to_order_ref is not null)
  or (reason = 'reversal' and delta <= 0 and order_id is not null and applied_to_order_ref is null)
  or (reason = 'credit' and delta > 0 and order_id is null and applied_to_order_ref is null and note is not null));

/**
 * Staff credit rebate to a company's wallet (in the store's base currency) with a note saying
 * why. Returns the new balance. Errors: PT404 unknown company, or one the caller cannot read;
 * 42501 the caller reads it as its contact, not as staff; 22023 bad amount (NaN, infinite, not
 * positive, more than two decimals, not below 1000000000000) or missing note. The wallet total
 * stays below the column's limit (numeric(14,2)): P0001 beyond it.
 */
create function private.credit_rebate(p_member_id uuid, p_amount numeric, p_note text)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_currency char(3);
begin
  if p_amount is null then
    perform private.reject('amount', 'must be a positive amount with at most two decimals');
  end if;
  perform private.check_amount('amount', p_amount);
  if private.clean_text('note', p_note, 500) is null then
    perform private.reject('note', 'is required: say why the rebate is credited');
  end if;
  if v_member.rebate_balance + p_amount >= 1000000000000 then
    perform private.reject('amount', 'would take the rebate balance to 1000000000000 or more', 'P0001');
  end if;
  select s.base_currency into v_currency from public.stores s where s.id = v_member.store_id;

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, created_by, note)
  values (v_member.store_id, v_member.id, p_amount, v_currency, 'credit', (select auth.uid()), btrim(p_note));
  return (select m.rebate_balance from public.members m where m.id = p_member_id);
end
$$;
revoke execute on function private.credit_rebate(uuid, numeric, text) from public;
grant execute on function private.credit_rebate(uuid, numeric, text) to authenticated;

create function public.credit_rebate(p_member_id uuid, p_amount numeric, p_note text)
returns numeric
language sql security invoker
set search_path = ''
as $$ select private.credit_rebate(p_member_id, p_amount, p_note) $$;
revoke execute on function public.credit_rebate(uuid, numeric, text) from public, anon, authenticated;
grant execute on function public.credit_rebate(uuid, numeric, text) to authenticated;
