-- Points, rebates, coupons (with the new-member gift pack), rewards, order reviews, inquiries and
-- each member's lifecycle stage (issue 4).
--
-- Value moves only through two append-only ledgers. A row is the only way a balance changes: a
-- trigger on each ledger adds the row's delta to members.points_balance / rebate_balance, whose
-- `check (>= 0)` is the backstop; orders' credits (reason `order`) are the one exception, added
-- by refresh_tiers (000200) in the same statement that writes them and the tier they earn at.
-- Every function that spends or claws back locks the member row FOR UPDATE first, so one
-- company's ledger changes run one at a time. Members hold no grant on the balances or the
-- ledgers beyond SELECT; staff move value only through RPCs.
--
-- Points credits carry `remaining`: spending, clawbacks and expiry consume credits first-in
-- first-out (soonest expiry first), so at every moment
--   points_balance = sum(delta) = sum(remaining of unexpired credits)
-- once due credits have been expired (every spending function expires first).

-- ---------------------------------------------------------------------------------------------
-- Balances on the member
-- ---------------------------------------------------------------------------------------------

alter table public.members
  add column points_balance bigint not null default 0
    constraint members_points_balance_not_negative check (points_balance >= 0),
  add column rebate_balance numeric(14,2) not null default 0
    constraint members_rebate_balance_not_negative check (rebate_balance >= 0);
comment on column public.members.points_balance is 'Sum of the company''s points_ledger; written only by the ledger trigger.';
comment on column public.members.rebate_balance is 'Sum of the company''s rebate_ledger in the store''s base currency; non-withdrawable.';

-- ---------------------------------------------------------------------------------------------
-- Shared helpers
-- ---------------------------------------------------------------------------------------------

/** Locks a member row for the rest of the transaction: the single queue for its ledger changes. */
create function private.lock_member(p_member_id uuid)
returns public.members
language plpgsql
set search_path = ''
as $$
declare
  v_member public.members;
begin
  select * into v_member from public.members m where m.id = p_member_id for update;
  if v_member.id is null then
    perform private.reject('member_id', 'matches no member', 'PT404');
  end if;
  return v_member;
end
$$;

/** The caller's business card at a store, or a 42501 error when they are not a member there. */
create function private.my_contact_at(p_store_id uuid)
returns public.member_contacts
language plpgsql stable
set search_path = ''
as $$
declare
  v_contact public.member_contacts;
begin
  select * into v_contact from public.member_contacts c
  where c.store_id = p_store_id and c.user_id = private.require_user();
  if v_contact.id is null then
    perform private.reject(null, 'You are not a member of this store', '42501');
  end if;
  return v_contact;
end
$$;

/** The rank of a member's effective tier (orders in the period, unexpired override). */
create function private.member_rank(p_member_id uuid)
returns int
language sql stable
set search_path = ''
as $$
  select coalesce((select t.rank from public.tiers t where t.id = private.effective_tier_id(p_member_id)), 0)
$$;

revoke execute on function private.lock_member(uuid), private.my_contact_at(uuid), private.member_rank(uuid) from public;

-- ---------------------------------------------------------------------------------------------
-- Coupons and what members hold
-- ---------------------------------------------------------------------------------------------

/**
 * A store's coupon: a percentage or a fixed amount off, for members whose tier reaches
 * `min_tier_rank`, within a validity window, at most `per_member_limit` copies per company.
 * Gift-pack coupons are issued to every new member automatically; coupons that are not
 * `claimable` are only given (gift pack, rewards).
 */
create table public.coupons (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null references public.stores (id) on delete cascade,
  -- What the buyer quotes with an order.
  code text not null check (code ~ '^[A-Z0-9][A-Z0-9-]{2,31}$'),
  description text not null default '' check (length(description) <= 500),
  kind text not null check (kind in ('percent', 'amount')),
  -- Percent off (0-100] for 'percent', money off in `currency` for 'amount'.
  value numeric(14,2) not null check (value > 0),
  -- Currency of `value` (amount coupons) and of `min_order_amount`.
  currency char(3) check (currency ~ '^[A-Z]{3}$'),
  min_order_amount numeric(14,2) check (min_order_amount >= 0),
  min_tier_rank int not null default 0 check (min_tier_rank >= 0),
  valid_from timestamptz not null default now(),
  -- Null: no end.
  valid_until timestamptz,
  per_member_limit int not null default 1 check (per_member_limit between 1 and 100),
  is_gift_pack boolean not null default false,
  claimable boolean not null default true,
  created_at timestamptz not null default now(),
  unique (store_id, code),
  -- Target of composite foreign keys that keep rewards and held coupons within the coupon's store.
  unique (id, store_id),
  constraint coupons_percent_at_most_100 check (kind <> 'percent' or value <= 100),
  constraint coupons_money_has_currency check ((currency is not null) = (kind = 'amount' or min_order_amount is not null)),
  constraint coupons_window_is_ordered check (valid_until > valid_from),
  -- New members start at rank 0; a gift pack they could not hold would be a broken promise.
  constraint coupons_gift_pack_for_everyone check (not is_gift_pack or min_tier_rank = 0),
  constraint coupons_description_text check (private.is_text_block(description)),
  constraint coupons_value_is_a_number check (value <> 'NaN'),
  constraint coupons_min_order_amount_is_a_number check (min_order_amount <> 'NaN')
);
comment on table public.coupons is 'Store coupons. Members read those their tier reaches and those they hold; staff manage their store''s.';

/**
 * One copy of a coupon held by a member company: claimed by a contact, issued in the gift
 * pack on joining, or bought with points. Staff record when it is used.
 */
create table public.member_coupons (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null,
  coupon_id uuid not null,
  member_id uuid not null,
  -- The n-th copy of this coupon the company holds; unique, so per_member_limit holds even
  -- if two issues ever raced past the member lock.
  slot int not null check (slot >= 1),
  source text not null check (source in ('claim', 'gift_pack', 'reward')),
  -- The login that claimed or redeemed it; null for issues nobody asked for. Kept as recorded.
  claimed_by uuid,
  claimed_at timestamptz not null default now(),
  used_at timestamptz,
  used_order_ref text check (length(btrim(used_order_ref)) between 1 and 100),
  -- The staff login that recorded the use.
  used_by uuid,
  foreign key (coupon_id, store_id) references public.coupons (id, store_id),
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade,
  unique (coupon_id, member_id, slot),
  constraint member_coupons_use_is_complete check ((used_at is null) = (used_order_ref is null) and (used_at is null) = (used_by is null)),
  constraint member_coupons_used_order_ref_single_line check (private.is_single_line(used_order_ref))
);
comment on table public.member_coupons is 'Coupons a member company holds. Its contacts and the store''s staff read them; written only by RPCs.';
create index member_coupons_coupon_store_idx on public.member_coupons (coupon_id, store_id);
create index member_coupons_member_store_idx on public.member_coupons (member_id, store_id);
create index member_coupons_store_id_idx on public.member_coupons (store_id);

/** Coupons the caller's companies hold: they stay readable after the tier that unlocked them is lost. */
create function private.held_coupon_ids()
returns setof uuid
language sql stable security definer
-- A caller belongs to a handful of stores and companies: the default estimate of 1000 rows
-- would keep policies from hashing this set once per query.
rows 10
set search_path = ''
as $$
  select mc.coupon_id from public.member_coupons mc where mc.member_id in (select private.member_ids())
$$;
revoke execute on function private.held_coupon_ids() from public;
grant execute on function private.held_coupon_ids() to authenticated;

alter table public.coupons enable row level security;
revoke all on table public.coupons from anon, authenticated;
grant select, insert, delete on table public.coupons to authenticated;
grant update (code, description, kind, value, currency, min_order_amount, min_tier_rank, valid_from, valid_until,
  per_member_limit, is_gift_pack, claimable) on table public.coupons to authenticated;

create policy "Members read coupons their tier reaches or they hold, staff their store's" on public.coupons
  for select to authenticated
  using (
    store_id in (select private.staff_store_ids())
    or (store_id, min_tier_rank) in (
      select r.store_id, reached.rank from private.my_store_ranks() r, generate_series(0, r.rank) as reached (rank))
    or id in (select private.held_coupon_ids())
  );
create policy "Staff add coupons to their store" on public.coupons
  for insert to authenticated with check (store_id in (select private.staff_store_ids()));
create policy "Staff edit their store's coupons" on public.coupons
  for update to authenticated
  using (store_id in (select private.staff_store_ids()))
  with check (store_id in (select private.staff_store_ids()));
-- A coupon some member holds cannot be deleted (foreign key); end its window instead.
create policy "Staff remove their store's coupons" on public.coupons
  for delete to authenticated using (store_id in (select private.staff_store_ids()));

alter table public.member_coupons enable row level security;
revoke all on table public.member_coupons from anon, authenticated, service_role;
grant select on table public.member_coupons to authenticated, service_role;

create policy "Members read coupons they hold, staff their store's" on public.member_coupons
  for select to authenticated
  using (member_id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));

/**
 * Whether the caller may read the coupon, exactly as its select policy says: staff of its
 * store, a member whose live tier reaches `min_tier_rank`, or a company holding a copy.
 */
create function private.can_read_coupon(p_coupon public.coupons)
returns boolean
language sql stable
set search_path = ''
as $$
  select p_coupon.store_id in (select private.staff_store_ids())
      or (p_coupon.store_id, p_coupon.min_tier_rank) in (
        select r.store_id, reached.rank from private.my_store_ranks() r, generate_series(0, r.rank) as reached (rank))
      or p_coupon.id in (select private.held_coupon_ids())
$$;
revoke execute on function private.can_read_coupon(public.coupons) from public;

/**
 * Gives a member one more copy of a coupon, checking the window, the tier and the per-member
 * limit. The caller holds the member's lock. Returns the new member_coupons id.
 */
create function private.issue_coupon(p_member_id uuid, p_coupon_id uuid, p_source text, p_claimed_by uuid)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  v_coupon public.coupons;
  v_held int;
  v_id uuid;
begin
  select * into v_coupon from public.coupons c
  where c.id = p_coupon_id and c.store_id = (select m.store_id from public.members m where m.id = p_member_id);
  if v_coupon.id is null then
    perform private.reject('coupon_id', 'matches no coupon of this store', 'PT404');
  end if;
  if v_coupon.valid_from > now() then
    perform private.reject('coupon', format('is valid from %s', v_coupon.valid_from), 'P0001');
  end if;
  if v_coupon.valid_until <= now() then
    perform private.reject('coupon', format('expired at %s', v_coupon.valid_until), 'P0001');
  end if;
  if private.member_rank(p_member_id) < v_coupon.min_tier_rank then
    perform private.reject('coupon', format('requires the %s tier or higher',
      (select private.tier_json(t) ->> 'name' from public.tiers t where t.store_id = v_coupon.store_id and t.rank = v_coupon.min_tier_rank)), 'P0001');
  end if;
  select count(*) into v_held from public.member_coupons mc where mc.coupon_id = v_coupon.id and mc.member_id = p_member_id;
  if v_held >= v_coupon.per_member_limit then
    perform private.reject('coupon', format('limit reached (%s of %s held)', v_held, v_coupon.per_member_limit), 'P0001');
  end if;

  insert into public.member_coupons (store_id, coupon_id, member_id, slot, source, claimed_by)
  values (v_coupon.store_id, v_coupon.id, p_member_id, v_held + 1, p_source, p_claimed_by)
  returning id into v_id;
  return v_id;
end
$$;
revoke execute on function private.issue_coupon(uuid, uuid, text, uuid) from public;

/**
 * A contact claims a coupon for their company. Errors: PT404 unknown coupon, or one the caller
 * cannot read (another store's, or above their tier and not held); 42501 the caller reads it
 * but is not a member of its store (staff); P0001 not claimable / outside its window / tier too
 * low (a held coupon after the tier dropped) / limit reached.
 */
create function private.claim_coupon(p_coupon_id uuid)
returns public.member_coupons
language plpgsql security definer
set search_path = ''
as $$
declare
  v_coupon public.coupons;
  v_contact public.member_contacts;
  v_claimed_id uuid;
  v_claimed public.member_coupons;
begin
  select * into v_coupon from public.coupons c where c.id = p_coupon_id;
  if v_coupon.id is null or not private.can_read_coupon(v_coupon) then
    perform private.reject('coupon_id', 'matches no coupon', 'PT404');
  end if;
  v_contact := private.my_contact_at(v_coupon.store_id);
  if not v_coupon.claimable then
    perform private.reject('coupon', 'cannot be claimed: it is given in the gift pack or as a reward', 'P0001');
  end if;
  perform private.lock_member(v_contact.member_id);
  v_claimed_id := private.issue_coupon(v_contact.member_id, v_coupon.id, 'claim', v_contact.user_id);
  select * into v_claimed from public.member_coupons mc where mc.id = v_claimed_id;
  return v_claimed;
end
$$;
revoke execute on function private.claim_coupon(uuid) from public;
grant execute on function private.claim_coupon(uuid) to authenticated;

create function public.claim_coupon(p_coupon_id uuid)
returns public.member_coupons
language sql security invoker
set search_path = ''
as $$ select private.claim_coupon(p_coupon_id) $$;
revoke execute on function public.claim_coupon(uuid) from public, anon, authenticated;
grant execute on function public.claim_coupon(uuid) to authenticated;

/**
 * Staff record that a held coupon was used on an order. Errors: PT404 unknown, or a held coupon
 * the caller cannot read (another company's or store's); 42501 the caller reads it but is not
 * staff of its store (the holding company's contact); P0001 already used or expired, 22023
 * missing or malformed order reference.
 */
create function private.record_coupon_use(p_member_coupon_id uuid, p_order_ref text)
returns public.member_coupons
language plpgsql security definer
set search_path = ''
as $$
declare
  v_held public.member_coupons;
  v_user uuid;
begin
  select * into v_held from public.member_coupons mc where mc.id = p_member_coupon_id;
  if v_held.id is null or not private.can_read_company_row(v_held.store_id, v_held.member_id) then
    perform private.reject('member_coupon_id', 'matches no held coupon', 'PT404');
  end if;
  v_user := private.require_staff_of(v_held.store_id);
  if private.clean_line('order_ref', p_order_ref, 100) is null then
    perform private.reject('order_ref', 'is required');
  end if;
  perform private.lock_member(v_held.member_id);
  select * into v_held from public.member_coupons mc where mc.id = p_member_coupon_id;
  if v_held.used_at is not null then
    perform private.reject('member_coupon', format('was already used on order %s', v_held.used_order_ref), 'P0001');
  end if;
  if (select c.valid_until <= now() from public.coupons c where c.id = v_held.coupon_id) then
    perform private.reject('member_coupon', 'has expired', 'P0001');
  end if;

  update public.member_coupons mc
  set used_at = now(), used_order_ref = btrim(p_order_ref), used_by = v_user
  where mc.id = v_held.id
  returning * into v_held;
  return v_held;
end
$$;
revoke execute on function private.record_coupon_use(uuid, text) from public;
grant execute on function private.record_coupon_use(uuid, text) to authenticated;

create function public.record_coupon_use(p_member_coupon_id uuid, p_order_ref text)
returns public.member_coupons
language sql security invoker
set search_path = ''
as $$ select private.record_coupon_use(p_member_coupon_id, p_order_ref) $$;
revoke execute on function public.record_coupon_use(uuid, text) from public, anon, authenticated;
grant execute on function public.record_coupon_use(uuid, text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Rewards (what points buy)
-- ---------------------------------------------------------------------------------------------

/** Something a member can buy with points; a reward with a coupon issues that coupon. */
create table public.rewards (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null references public.stores (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 120),
  description text not null default '' check (length(description) <= 1000),
  points_cost int not null check (points_cost > 0),
  coupon_id uuid,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  foreign key (coupon_id, store_id) references public.coupons (id, store_id),
  constraint rewards_name_single_line check (private.is_single_line(name)),
  constraint rewards_description_text check (private.is_text_block(description))
);
comment on table public.rewards is 'Rewards bought with points. Members read their store''s active ones; staff manage them.';
create index rewards_store_id_idx on public.rewards (store_id);
create index rewards_coupon_store_idx on public.rewards (coupon_id, store_id);

alter table public.rewards enable row level security;
revoke all on table public.rewards from anon, authenticated;
grant select, insert, delete on table public.rewards to authenticated;
grant update (name, description, points_cost, coupon_id, active) on table public.rewards to authenticated;

create policy "Members read their store's active rewards, staff all of their store's" on public.rewards
  for select to authenticated
  using ((active and store_id in (select private.member_store_ids())) or store_id in (select private.staff_store_ids()));
create policy "Staff add rewards to their store" on public.rewards
  for insert to authenticated with check (store_id in (select private.staff_store_ids()));
create policy "Staff edit their store's rewards" on public.rewards
  for update to authenticated
  using (store_id in (select private.staff_store_ids()))
  with check (store_id in (select private.staff_store_ids()));
-- A reward someone redeemed cannot be deleted (the ledger refers to it); deactivate it instead.
create policy "Staff remove their store's rewards" on public.rewards
  for delete to authenticated using (store_id in (select private.staff_store_ids()));

/** Whether the caller may read the reward, exactly as its select policy says: members of its store the active ones, staff all. */
create function private.can_read_reward(p_reward public.rewards)
returns boolean
language sql stable
set search_path = ''
as $$
  select (p_reward.active and p_reward.store_id in (select private.member_store_ids()))
      or p_reward.store_id in (select private.staff_store_ids())
$$;
revoke execute on function private.can_read_reward(public.rewards) from public;

-- ---------------------------------------------------------------------------------------------
-- Points ledger
-- ---------------------------------------------------------------------------------------------

/**
 * Every change to a company's points, append-only. Credits (delta > 0: join, order, review,
 * adjustment) expire at `expires_at` and keep in `remaining` what is left of them; debits
 * (redemption, adjustment, expiry, clawback) consume credits soonest-expiry first.
 */
create table public.points_ledger (
  id bigint generated always as identity primary key,
  store_id uuid not null,
  member_id uuid not null,
  -- A clawback may be 0: the refund was processed but its points were already spent or expired.
  delta bigint not null,
  reason text not null check (reason in ('join', 'order', 'review', 'adjustment', 'redemption', 'expiry', 'clawback')),
  order_id uuid references public.orders (id),
  reward_id uuid references public.rewards (id),
  -- For expiry rows: the credit that expired.
  credit_id bigint references public.points_ledger (id),
  -- When the entry takes effect: an order's credit dates from the order, an expiry from its boundary.
  earned_at timestamptz not null default now(),
  expires_at timestamptz,
  remaining bigint,
  -- The login that caused it (staff for adjustments, the contact for redemptions); kept as recorded.
  created_by uuid,
  note text check (length(note) <= 500),
  created_at timestamptz not null default now(),
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade,
  constraint points_ledger_entry_shape check (
    (delta > 0 and reason in ('join', 'order', 'review', 'adjustment')
      and expires_at > earned_at and remaining between 0 and delta)
    or (delta < 0 and reason in ('redemption', 'adjustment', 'expiry', 'clawback')
      and expires_at is null and remaining is null)
    or (delta = 0 and reason = 'clawback' and expires_at is null and remaining is null)),
  constraint points_ledger_order_reasons check ((order_id is not null) = (reason in ('order', 'review', 'clawback'))),
  constraint points_ledger_reward_reasons check ((reward_id is not null) = (reason = 'redemption')),
  constraint points_ledger_expiry_names_credit check ((credit_id is not null) = (reason = 'expiry')),
  constraint points_ledger_note_text check (private.is_text_block(note))
);
comment on table public.points_ledger is 'Append-only points history per company. Its contacts and the store''s staff read it.';
create index points_ledger_member_store_idx on public.points_ledger (member_id, store_id);
create index points_ledger_store_id_idx on public.points_ledger (store_id);
create index points_ledger_reward_id_idx on public.points_ledger (reward_id);
-- An order earns, is reviewed for points and is clawed back at most once each.
create unique index points_ledger_once_per_order_idx on public.points_ledger (order_id, reason) where order_id is not null;
create unique index points_ledger_one_join_idx on public.points_ledger (member_id) where reason = 'join';
create unique index points_ledger_one_expiry_per_credit_idx on public.points_ledger (credit_id) where credit_id is not null;
-- The credits still to consume, in consumption order.
create index points_ledger_open_credits_idx on public.points_ledger (member_id, expires_at, id) where remaining > 0;

/**
 * Keeps points_balance equal to the sum of the ledger; the member's check constraint refuses a
 * negative total. Orders' credits are left out: refresh_tiers, their only writer, adds them in
 * its own write of the member row (an import then writes each member row once, not once more
 * per ledger).
 */
create function private.apply_points_delta()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- Once per statement and member, in member id order: a batch of credits updates each
  -- member row once (a row updated thousands of times in one transaction gets slow to find).
  update public.members m set points_balance = m.points_balance + d.delta
  from (select n.member_id, sum(n.delta) as delta from new_rows n where n.reason <> 'order'
        group by n.member_id order by n.member_id) d
  where m.id = d.member_id;
  return null;
end
$$;
revoke execute on function private.apply_points_delta() from public;

create trigger points_ledger_apply_delta after insert on public.points_ledger
  referencing new table as new_rows for each statement execute function private.apply_points_delta();

/** Ledger rows never change, except that what is left of a credit may only go down. */
create function private.guard_points_ledger()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if to_jsonb(new) - 'remaining' <> to_jsonb(old) - 'remaining' or new.remaining > old.remaining then
    perform private.reject(null, 'The points ledger is append-only', '42501');
  end if;
  return new;
end
$$;
revoke execute on function private.guard_points_ledger() from public;

create trigger points_ledger_guard before update on public.points_ledger
  for each row execute function private.guard_points_ledger();

alter table public.points_ledger enable row level security;
revoke all on table public.points_ledger from anon, authenticated, service_role;
grant select on table public.points_ledger to authenticated, service_role;

create policy "Members read their company's points, staff their store's" on public.points_ledger
  for select to authenticated
  using (member_id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));

/**
 * Records expired credits of a member: each credit whose `expires_at` has passed with points
 * left gets an expiry row dated at that boundary. A credit is spendable strictly before
 * `expires_at` and expired from that instant on. Locks the member only when something is due,
 * so that reads which bring balances up to date stay cheap.
 */
create function private.expire_member_points(p_member_id uuid)
returns int
language plpgsql
set search_path = ''
as $$
declare
  v_count int;
begin
  if not exists (select 1 from public.points_ledger l
                 where l.member_id = p_member_id and l.remaining > 0 and l.expires_at <= now()) then
    return 0;
  end if;
  -- After the lock this statement's snapshot sees any expiry a concurrent caller committed.
  perform private.lock_member(p_member_id);
  with due as (
    select l.id, l.store_id, l.remaining, l.expires_at from public.points_ledger l
    where l.member_id = p_member_id and l.remaining > 0 and l.expires_at <= now()
  ), emptied as (
    update public.points_ledger l set remaining = 0 from due where l.id = due.id
  )
  insert into public.points_ledger (store_id, member_id, delta, reason, credit_id, earned_at)
  select due.store_id, p_member_id, -due.remaining, 'expiry', due.id, due.expires_at from due;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
revoke execute on function private.expire_member_points(uuid) from public;

/** Adds a credit that expires after the store's points period, counted from `p_earned_at`. */
create function private.credit_points(
  p_member_id uuid, p_points bigint, p_reason text, p_earned_at timestamptz default now(),
  p_order_id uuid default null, p_created_by uuid default null, p_note text default null)
returns bigint
language sql
set search_path = ''
as $$
  insert into public.points_ledger (store_id, member_id, delta, reason, order_id, earned_at, expires_at, remaining, created_by, note)
  select m.store_id, m.id, p_points, p_reason, p_order_id, p_earned_at,
    p_earned_at + make_interval(days => s.points_expiry_days), p_points, p_created_by, p_note
  from public.members m join public.stores s on s.id = m.store_id
  where m.id = p_member_id
  on conflict do nothing
  returning id
$$;
revoke execute on function private.credit_points(uuid, bigint, text, timestamptz, uuid, uuid, text) from public;

/**
 * Takes `p_points` from a member's unexpired credits, soonest expiry first (`p_first_credit`,
 * when given, before all others) and records the debit. The caller holds the member's lock,
 * has expired due credits and checked the balance; the balance constraint is the backstop.
 */
create function private.debit_points(
  p_member_id uuid, p_points bigint, p_reason text, p_reward_id uuid default null, p_order_id uuid default null,
  p_first_credit bigint default null, p_created_by uuid default null, p_note text default null)
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

  insert into public.points_ledger (store_id, member_id, delta, reason, reward_id, order_id, created_by, note)
  select m.store_id, m.id, -p_points, p_reason, p_reward_id, p_order_id, p_created_by, p_note
  from public.members m where m.id = p_member_id
  returning id into v_id;
  return v_id;
end
$$;
revoke execute on function private.debit_points(uuid, bigint, text, uuid, uuid, bigint, uuid, text) from public;

/** Locks the member, expires due credits and refuses to spend more than is left. */
create function private.lock_and_check_points(p_member_id uuid, p_points bigint)
returns public.members
language plpgsql
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member(p_member_id);
begin
  if private.expire_member_points(p_member_id) > 0 then
    v_member := private.lock_member(p_member_id);
  end if;
  if p_points > v_member.points_balance then
    perform private.reject('points', format('balance is %s, %s needed', v_member.points_balance, p_points), 'P0001');
  end if;
  return v_member;
end
$$;
revoke execute on function private.lock_and_check_points(uuid, bigint) from public;

/** What a redemption's ledger row notes of the reward: its name (the migration that translates names keeps the store's language). */
create function private.reward_note(p_reward public.rewards)
returns text
language sql stable
set search_path = ''
as $$
  select p_reward.name
$$;
revoke execute on function private.reward_note(public.rewards) from public;

/**
 * A contact spends their company's points on a reward of its store; a reward with a coupon
 * issues it (window, tier and limit apply). Returns {points_spent, points_balance, member_coupon_id}.
 * Errors: PT404 unknown or inactive reward, or one the caller cannot read; 42501 the caller
 * reads it but is not a member of its store (staff); P0001 not enough points or the coupon
 * cannot be issued.
 */
create function private.redeem_reward(p_reward_id uuid)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_reward public.rewards;
  v_contact public.member_contacts;
  v_member_coupon uuid;
begin
  select * into v_reward from public.rewards r where r.id = p_reward_id;
  if v_reward.id is null or not private.can_read_reward(v_reward) then
    perform private.reject('reward_id', 'matches no active reward', 'PT404');
  end if;
  v_contact := private.my_contact_at(v_reward.store_id);
  if not v_reward.active then
    perform private.reject('reward_id', 'matches no active reward', 'PT404');
  end if;
  perform private.lock_and_check_points(v_contact.member_id, v_reward.points_cost);
  if v_reward.coupon_id is not null then
    v_member_coupon := private.issue_coupon(v_contact.member_id, v_reward.coupon_id, 'reward', v_contact.user_id);
  end if;
  perform private.debit_points(v_contact.member_id, v_reward.points_cost, 'redemption',
    p_reward_id => v_reward.id, p_created_by => v_contact.user_id, p_note => private.reward_note(v_reward));
  return jsonb_build_object(
    'points_spent', v_reward.points_cost,
    'points_balance', (select m.points_balance from public.members m where m.id = v_contact.member_id),
    'member_coupon_id', v_member_coupon);
end
$$;
revoke execute on function private.redeem_reward(uuid) from public;
grant execute on function private.redeem_reward(uuid) to authenticated;

create function public.redeem_reward(p_reward_id uuid)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.redeem_reward(p_reward_id) $$;
revoke execute on function public.redeem_reward(uuid) from public, anon, authenticated;
grant execute on function public.redeem_reward(uuid) to authenticated;

/**
 * Staff add points (a credit that expires after the store's period) or take them (at most the
 * balance) with a note saying why; at most 100,000,000 points either way in one adjustment.
 * Returns the new balance. Errors: PT404 unknown company, or one the caller cannot read; 42501
 * the caller reads it as its contact, not as staff; 22023 zero or out-of-range delta or missing
 * note, P0001 not enough points.
 */
create function private.adjust_points(p_member_id uuid, p_delta int, p_note text)
returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
begin
  perform private.lock_member_for_staff(p_member_id);
  if coalesce(p_delta, 0) = 0 or abs(p_delta::bigint) > 100000000 then
    perform private.reject('delta', 'must be a non-zero whole number of points, at most 100000000 either way');
  end if;
  if private.clean_text('note', p_note, 500) is null then
    perform private.reject('note', 'is required: say why the points change');
  end if;

  perform private.lock_and_check_points(p_member_id, greatest(-p_delta, 0));
  if p_delta > 0 then
    perform private.credit_points(p_member_id, p_delta, 'adjustment', p_created_by => v_user, p_note => btrim(p_note));
  else
    perform private.debit_points(p_member_id, -p_delta, 'adjustment', p_created_by => v_user, p_note => btrim(p_note));
  end if;
  return (select m.points_balance from public.members m where m.id = p_member_id);
end
$$;
revoke execute on function private.adjust_points(uuid, int, text) from public;
grant execute on function private.adjust_points(uuid, int, text) to authenticated;

create function public.adjust_points(p_member_id uuid, p_delta int, p_note text)
returns bigint
language sql security invoker
set search_path = ''
as $$ select private.adjust_points(p_member_id, p_delta, p_note) $$;
revoke execute on function public.adjust_points(uuid, int, text) from public, anon, authenticated;
grant execute on function public.adjust_points(uuid, int, text) to authenticated;

/** Records expired points for every member of a store (of every store when null); returns the credits expired. */
create function private.expire_store_points(p_store_id uuid)
returns int
language sql
set search_path = ''
as $$
  select coalesce(sum(private.expire_member_points(due.member_id)), 0)::int
  from (select distinct l.member_id from public.points_ledger l
        where l.remaining > 0 and l.expires_at <= now() and (p_store_id is null or l.store_id = p_store_id)) due
$$;
revoke execute on function private.expire_store_points(uuid) from public;

/**
 * Records expired points now for a scheduler (balances are also brought up to date whenever a
 * member reads or spends them). Staff of the store or the service role; the service role may
 * pass null for every store. Returns the number of credits expired. Errors: 42501.
 */
create function private.expire_points(p_store_id uuid)
returns int
language plpgsql security definer
set search_path = ''
as $$
begin
  if not (p_store_id is null and (select auth.role()) = 'service_role')
     and not (p_store_id is not null and private.is_staff_or_service(p_store_id)) then
    perform private.reject(null, 'Only staff of this store can expire its points', '42501');
  end if;
  return private.expire_store_points(p_store_id);
end
$$;
revoke execute on function private.expire_points(uuid) from public;
grant execute on function private.expire_points(uuid) to authenticated, service_role;

create function public.expire_points(p_store_id uuid default null)
returns int
language sql security invoker
set search_path = ''
as $$ select private.expire_points(p_store_id) $$;
revoke execute on function public.expire_points(uuid) from public, anon, authenticated;
grant execute on function public.expire_points(uuid) to authenticated, service_role;

-- Where pg_cron exists, record expiries nightly (after the tier evaluation at 03:17).
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_cron') then
    execute $cron$select cron.schedule('cardclub-expire-points', '37 3 * * *', 'select private.expire_store_points(null)')$cron$;
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Rebate ledger
-- ---------------------------------------------------------------------------------------------

/**
 * A company's rebate wallet, append-only, in the store's base currency: a tier's rebate
 * percent of each paid order is credited, staff record amounts applied to later orders, and a
 * refund reverses its order's credit (at most what is left in the wallet). Never withdrawable.
 */
create table public.rebate_ledger (
  id bigint generated always as identity primary key,
  store_id uuid not null,
  member_id uuid not null,
  -- A reversal may be 0: the refund was processed but the rebate was already applied.
  delta numeric(14,2) not null,
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  reason text not null check (reason in ('order', 'applied', 'reversal')),
  order_id uuid references public.orders (id),
  -- The later order (merchant's reference) the rebate was deducted from.
  applied_to_order_ref text check (length(btrim(applied_to_order_ref)) between 1 and 100),
  created_by uuid,
  note text check (length(note) <= 500),
  created_at timestamptz not null default now(),
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade,
  constraint rebate_ledger_entry_shape check (
    (reason = 'order' and delta > 0 and order_id is not null and applied_to_order_ref is null)
    or (reason = 'applied' and delta < 0 and order_id is null and applied_to_order_ref is not null)
    or (reason = 'reversal' and delta <= 0 and order_id is not null and applied_to_order_ref is null)),
  constraint rebate_ledger_note_text check (private.is_text_block(note)),
  constraint rebate_ledger_applied_to_order_ref_single_line check (private.is_single_line(applied_to_order_ref))
);
comment on table public.rebate_ledger is 'Append-only rebate wallet per company. Its contacts and the store''s staff read it.';
create index rebate_ledger_member_store_idx on public.rebate_ledger (member_id, store_id);
create index rebate_ledger_store_id_idx on public.rebate_ledger (store_id);
-- An order is credited and reversed at most once each.
create unique index rebate_ledger_once_per_order_idx on public.rebate_ledger (order_id, reason) where order_id is not null;

/** Keeps rebate_balance equal to the sum of the ledger, orders' credits aside, like the points balance. */
create function private.apply_rebate_delta()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- Per statement and member, like the points balance.
  update public.members m set rebate_balance = m.rebate_balance + d.delta
  from (select n.member_id, sum(n.delta) as delta from new_rows n where n.reason <> 'order'
        group by n.member_id order by n.member_id) d
  where m.id = d.member_id;
  return null;
end
$$;
revoke execute on function private.apply_rebate_delta() from public;

create trigger rebate_ledger_apply_delta after insert on public.rebate_ledger
  referencing new table as new_rows for each statement execute function private.apply_rebate_delta();

alter table public.rebate_ledger enable row level security;
revoke all on table public.rebate_ledger from anon, authenticated, service_role;
grant select on table public.rebate_ledger to authenticated, service_role;

create policy "Members read their company's rebates, staff their store's" on public.rebate_ledger
  for select to authenticated
  using (member_id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));

/**
 * Staff record rebate deducted from a later order (by the merchant's order reference).
 * Returns the new balance. Errors: PT404 unknown company, or one the caller cannot read; 42501
 * the caller reads it as its contact, not as staff; 22023 bad amount (NaN, infinite, too many
 * digits) or missing reference, P0001 more than the balance.
 */
create function private.apply_rebate(p_member_id uuid, p_amount numeric, p_order_ref text, p_note text)
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
  if private.clean_line('order_ref', p_order_ref, 100) is null then
    perform private.reject('order_ref', 'is required');
  end if;
  select s.base_currency into v_currency from public.stores s where s.id = v_member.store_id;
  if p_amount > v_member.rebate_balance then
    perform private.reject('amount', format('exceeds the rebate balance of %s %s', v_member.rebate_balance, v_currency), 'P0001');
  end if;

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, applied_to_order_ref, created_by, note)
  values (v_member.store_id, v_member.id, -p_amount, v_currency, 'applied', btrim(p_order_ref), (select auth.uid()),
    private.clean_text('note', p_note, 500));
  return (select m.rebate_balance from public.members m where m.id = p_member_id);
end
$$;
revoke execute on function private.apply_rebate(uuid, numeric, text, text) from public;
grant execute on function private.apply_rebate(uuid, numeric, text, text) to authenticated;

create function public.apply_rebate(p_member_id uuid, p_amount numeric, p_order_ref text, p_note text default null)
returns numeric
language sql security invoker
set search_path = ''
as $$ select private.apply_rebate(p_member_id, p_amount, p_order_ref, p_note) $$;
revoke execute on function public.apply_rebate(uuid, numeric, text, text) from public, anon, authenticated;
grant execute on function public.apply_rebate(uuid, numeric, text, text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Orders drive points and rebates
-- ---------------------------------------------------------------------------------------------

/*
 * Paid orders earn: the store's points per unit of amount_base (times the tier's
 * points_multiplier), dated from when they were placed, and the tier's rebate percent of
 * amount_base, at the tier the order leads to. refresh_tiers (000200) writes these credits with
 * the tier, when the orders' trigger refreshes the members of a statement's orders.
 */

/**
 * A refunded or cancelled order takes back, exactly once, what it earned: its points that did
 * not expire (its own credit's remainder first, then soonest-expiring credits) and its rebate,
 * each at most the current balance so a balance never goes negative. A shortfall is noted.
 */
create function private.reverse_order_rewards(p_order_id uuid)
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
      p_note => case when v_points > v_member.points_balance
        then format('refund of %s: %s points already spent', v_order.external_ref, v_points - v_member.points_balance)
        else format('refund of %s', v_order.external_ref) end);
  end if;

  select * into v_rebate_credit from public.rebate_ledger r where r.order_id = p_order_id and r.reason = 'order';
  if v_rebate_credit.id is not null and not exists (
    select 1 from public.rebate_ledger r where r.order_id = p_order_id and r.reason = 'reversal'
  ) then
    v_member := private.lock_member(v_order.member_id);
    v_rebate := least(v_rebate_credit.delta, v_member.rebate_balance);
    insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, note)
    values (v_order.store_id, v_order.member_id, -v_rebate, v_rebate_credit.currency, 'reversal', p_order_id,
      case when v_rebate < v_rebate_credit.delta
        then format('refund of %s: %s %s already applied', v_order.external_ref, v_rebate_credit.delta - v_rebate, v_rebate_credit.currency)
        else format('refund of %s', v_order.external_ref) end);
  end if;
end
$$;
revoke execute on function private.reverse_order_rewards(uuid) from public;

/**
 * Orders give back on leaving paid, once per statement: each order that left paid is reversed,
 * member by member in id order. Runs after the tier refresh on orders (see orders_changed),
 * which has locked the statement's members in id order, so concurrent imports cannot deadlock,
 * and credited the orders that became paid.
 */
create function private.order_ledgers_on_status()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_order record;
begin
  for v_order in
    select n.id from new_orders n join old_orders o on o.id = n.id
    where n.status <> 'paid' and o.status = 'paid'
    order by n.member_id, n.id
  loop
    perform private.reverse_order_rewards(v_order.id);
  end loop;
  return null;
end
$$;
revoke execute on function private.order_ledgers_on_status() from public;

-- Named to fire after orders_refresh_tiers_*: an order refunded in the batch that also credits
-- others is given back after the credits.
create trigger orders_settle_ledgers_after_update after update on public.orders
  referencing old table as old_orders new table as new_orders for each statement execute function private.order_ledgers_on_status();

-- ---------------------------------------------------------------------------------------------
-- Order reviews ("rewarded comments")
-- ---------------------------------------------------------------------------------------------

/** A contact's review of a delivered order; the first (only) review of an order earns the store's review points. */
create table public.order_reviews (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null,
  member_id uuid not null,
  order_id uuid not null unique references public.orders (id) on delete cascade,
  contact_id uuid references public.member_contacts (id) on delete set null,
  rating int not null check (rating between 1 and 5),
  body text not null check (length(btrim(body)) between 1 and 4000),
  created_at timestamptz not null default now(),
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade,
  constraint order_reviews_body_text check (private.is_text_block(body))
);
comment on table public.order_reviews is 'Reviews of delivered orders. The company''s contacts and the store''s staff read them.';
create index order_reviews_member_store_idx on public.order_reviews (member_id, store_id);
create index order_reviews_store_id_idx on public.order_reviews (store_id);
create index order_reviews_contact_id_idx on public.order_reviews (contact_id);

alter table public.order_reviews enable row level security;
revoke all on table public.order_reviews from anon, authenticated;
grant select on table public.order_reviews to authenticated;

create policy "Members read their company's reviews, staff their store's" on public.order_reviews
  for select to authenticated
  using (member_id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));

/**
 * A contact reviews one of their company's delivered, paid orders; the first review of an
 * order earns the store's review points. Returns {review_id, points_earned}.
 * Errors: PT404 unknown order, or one the caller cannot read (another company's); 42501 the
 * caller reads it but is not a member of its store (staff); P0001 not delivered or not paid,
 * 23505 already reviewed, 22023 bad rating or empty text.
 */
create function private.review_order(p_order_id uuid, p_rating int, p_body text)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_order public.orders;
  v_contact public.member_contacts;
  v_review uuid;
  v_points bigint;
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  if v_order.id is null or not private.can_read_company_row(v_order.store_id, v_order.member_id) then
    perform private.reject('order_id', 'matches no order of your company', 'PT404');
  end if;
  v_contact := private.my_contact_at(v_order.store_id);
  if v_contact.member_id <> v_order.member_id then
    perform private.reject('order_id', 'matches no order of your company', 'PT404');
  end if;
  if p_rating is null or p_rating not between 1 and 5 then
    perform private.reject('rating', 'must be a whole number from 1 to 5');
  end if;
  if private.clean_text('body', p_body, 4000) is null then
    perform private.reject('body', 'is required');
  end if;
  if v_order.status <> 'paid' or v_order.delivered_at is null then
    perform private.reject('order', 'can be reviewed once it is paid and delivered', 'P0001');
  end if;

  perform private.lock_member(v_order.member_id);
  if exists (select 1 from public.order_reviews r where r.order_id = v_order.id) then
    perform private.reject('order', 'has already been reviewed', '23505');
  end if;
  insert into public.order_reviews (store_id, member_id, order_id, contact_id, rating, body)
  values (v_order.store_id, v_order.member_id, v_order.id, v_contact.id, p_rating, btrim(p_body))
  returning id into v_review;

  v_points := (select s.review_points from public.stores s where s.id = v_order.store_id);
  if v_points > 0 then
    perform private.credit_points(v_order.member_id, v_points, 'review', p_order_id => v_order.id,
      p_created_by => v_contact.user_id, p_note => v_order.external_ref);
  end if;
  return jsonb_build_object('review_id', v_review, 'points_earned', v_points);
end
$$;
revoke execute on function private.review_order(uuid, int, text) from public;
grant execute on function private.review_order(uuid, int, text) to authenticated;

create function public.review_order(p_order_id uuid, p_rating int, p_body text)
returns jsonb
language sql security invoker
set search_path = ''
as $$ select private.review_order(p_order_id, p_rating, p_body) $$;
revoke execute on function public.review_order(uuid, int, text) from public, anon, authenticated;
grant execute on function public.review_order(uuid, int, text) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Joining: join points and the new-member gift pack
-- ---------------------------------------------------------------------------------------------

/**
 * A new member company receives the store's join points and every gift-pack coupon valid now.
 * It runs once per company (on insert); retrying join_store returns the existing membership
 * without inserting, and the ledger's and slots' unique indexes are the backstop.
 */
create function private.welcome_member()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_join_points int := (select s.join_points from public.stores s where s.id = new.store_id);
begin
  if v_join_points > 0 then
    perform private.credit_points(new.id, v_join_points, 'join', new.joined_at, p_created_by => (select auth.uid()));
  end if;
  insert into public.member_coupons (store_id, coupon_id, member_id, slot, source, claimed_by)
  select c.store_id, c.id, new.id, 1, 'gift_pack', (select auth.uid())
  from public.coupons c
  where c.store_id = new.store_id and c.is_gift_pack
    and c.valid_from <= now() and (c.valid_until is null or c.valid_until > now())
  on conflict do nothing;
  return null;
end
$$;
revoke execute on function private.welcome_member() from public;

create trigger members_welcome after insert on public.members
  for each row execute function private.welcome_member();

-- ---------------------------------------------------------------------------------------------
-- Inquiries
-- ---------------------------------------------------------------------------------------------

/** A member's question before an order: about a product (or none), a quantity and a target price. */
create table public.inquiries (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null,
  member_id uuid not null,
  -- Who asked; null once that contact has left the company.
  contact_id uuid references public.member_contacts (id) on delete set null,
  product_id uuid references public.products (id) on delete set null,
  quantity int check (quantity between 1 and 10000000),
  target_price numeric(14,2) check (target_price > 0),
  currency char(3) check (currency ~ '^[A-Z]{3}$'),
  message text not null check (length(btrim(message)) between 1 and 4000),
  status text not null default 'open' check (status in ('open', 'answered', 'closed')),
  answer text check (length(btrim(answer)) between 1 and 4000),
  answered_by uuid,
  answered_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade,
  constraint inquiries_price_has_currency check ((target_price is null) = (currency is null)),
  constraint inquiries_answer_is_complete check ((answer is null) = (answered_at is null) and (answer is null) = (answered_by is null)),
  constraint inquiries_answered_has_answer check (status <> 'answered' or answer is not null),
  constraint inquiries_closed_when_closed check ((status = 'closed') = (closed_at is not null)),
  constraint inquiries_message_text check (private.is_text_block(message)),
  constraint inquiries_answer_text check (private.is_text_block(answer)),
  constraint inquiries_target_price_is_a_number check (target_price <> 'NaN')
);
comment on table public.inquiries is 'Member inquiries. The company''s contacts and the store''s staff read them; written only by RPCs.';
create index inquiries_member_store_idx on public.inquiries (member_id, store_id, created_at);
create index inquiries_store_status_idx on public.inquiries (store_id, status, created_at);
create index inquiries_contact_id_idx on public.inquiries (contact_id);
create index inquiries_product_id_idx on public.inquiries (product_id);

alter table public.inquiries enable row level security;
revoke all on table public.inquiries from anon, authenticated;
grant select on table public.inquiries to authenticated;

create policy "Members read their company's inquiries, staff their store's" on public.inquiries
  for select to authenticated
  using (member_id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));

/**
 * A contact sends an inquiry to a store they are a member of, optionally about a product they
 * can see (its currency is the default for the target price). A company may have at most 50
 * inquiries open (unanswered) at a time.
 * Errors: 42501 not a member, PT404 unknown store or product, 22023 bad field, P0001 too many open.
 */
create function private.send_inquiry(
  p_store_slug text,
  p_message text,
  p_product_id uuid,
  p_quantity int,
  p_target_price numeric,
  p_currency text
)
returns public.inquiries
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store_id uuid := (private.store_by_slug(p_store_slug)).id;
  v_contact public.member_contacts;
  v_product public.products;
  v_currency text;
  v_inquiry public.inquiries;
begin
  v_contact := private.my_contact_at(v_store_id);
  -- The product first: a message check before it would answer a product hidden by its tier
  -- differently from a missing one.
  if p_product_id is not null then
    select * into v_product from public.products p
    where p.id = p_product_id and p.store_id = v_store_id and p.active
      and p.min_tier_rank <= private.member_rank(v_contact.member_id);
    if v_product.id is null then
      perform private.reject('product_id', 'matches no product', 'PT404');
    end if;
  end if;
  if private.clean_text('message', p_message, 4000) is null then
    perform private.reject('message', 'is required');
  end if;
  if p_quantity is not null and p_quantity not between 1 and 10000000 then
    perform private.reject('quantity', 'must be a whole number from 1 to 10000000');
  end if;
  if p_target_price is not null then
    perform private.check_amount('target_price', p_target_price);
    v_currency := coalesce(upper(p_currency), v_product.currency,
      (select s.base_currency from public.stores s where s.id = v_store_id));
    if v_currency !~ '^[A-Z]{3}$' then
      perform private.reject('currency', 'must be a three-letter ISO 4217 code such as USD');
    end if;
  end if;

  -- One company's open inquiries are counted one at a time.
  perform 1 from public.members m where m.id = v_contact.member_id for update;
  if (select count(*) from public.inquiries i where i.member_id = v_contact.member_id and i.status = 'open') >= 50 then
    perform private.reject('inquiry', 'cannot be sent: your company has 50 open inquiries; wait for answers first', 'P0001');
  end if;

  insert into public.inquiries (store_id, member_id, contact_id, product_id, quantity, target_price, currency, message)
  values (v_store_id, v_contact.member_id, v_contact.id, p_product_id, p_quantity, p_target_price, v_currency, btrim(p_message))
  returning * into v_inquiry;
  return v_inquiry;
end
$$;
revoke execute on function private.send_inquiry(text, text, uuid, int, numeric, text) from public;
grant execute on function private.send_inquiry(text, text, uuid, int, numeric, text) to authenticated;

create function public.send_inquiry(
  p_store_slug text,
  p_message text,
  p_product_id uuid default null,
  p_quantity int default null,
  p_target_price numeric default null,
  p_currency text default null
)
returns public.inquiries
language sql security invoker
set search_path = ''
as $$
  select private.send_inquiry(p_store_slug, p_message, p_product_id, p_quantity, p_target_price, p_currency)
$$;
revoke execute on function public.send_inquiry(text, text, uuid, int, numeric, text) from public, anon, authenticated;
grant execute on function public.send_inquiry(text, text, uuid, int, numeric, text) to authenticated;

/**
 * The inquiry, locked, once the caller is known to be staff of its store. One the caller cannot
 * read is reported like a missing one (PT404, and it is never locked); the asking company's
 * contacts read it but are refused with 42501.
 */
create function private.inquiry_for_staff(p_inquiry_id uuid)
returns public.inquiries
language plpgsql
set search_path = ''
as $$
declare
  v_inquiry public.inquiries;
begin
  select * into v_inquiry from public.inquiries i
  where i.id = p_inquiry_id and private.can_read_company_row(i.store_id, i.member_id)
  for update;
  if v_inquiry.id is null then
    perform private.reject('inquiry_id', 'matches no inquiry', 'PT404');
  end if;
  perform private.require_staff_of(v_inquiry.store_id);
  if v_inquiry.status = 'closed' then
    perform private.reject('inquiry', 'is closed', 'P0001');
  end if;
  return v_inquiry;
end
$$;
revoke execute on function private.inquiry_for_staff(uuid) from public;

/**
 * Staff answer an open or answered inquiry (a new answer replaces the previous one).
 * Errors: PT404 unknown (or unreadable), 42501 not staff of its store, P0001 closed, 22023 empty answer.
 */
create function private.answer_inquiry(p_inquiry_id uuid, p_answer text)
returns public.inquiries
language plpgsql security definer
set search_path = ''
as $$
declare
  v_inquiry public.inquiries := private.inquiry_for_staff(p_inquiry_id);
begin
  if private.clean_text('answer', p_answer, 4000) is null then
    perform private.reject('answer', 'is required');
  end if;
  update public.inquiries i
  set answer = btrim(p_answer), answered_by = (select auth.uid()), answered_at = now(), status = 'answered'
  where i.id = v_inquiry.id
  returning * into v_inquiry;
  return v_inquiry;
end
$$;
revoke execute on function private.answer_inquiry(uuid, text) from public;
grant execute on function private.answer_inquiry(uuid, text) to authenticated;

create function public.answer_inquiry(p_inquiry_id uuid, p_answer text)
returns public.inquiries
language sql security invoker
set search_path = ''
as $$ select private.answer_inquiry(p_inquiry_id, p_answer) $$;
revoke execute on function public.answer_inquiry(uuid, text) from public, anon, authenticated;
grant execute on function public.answer_inquiry(uuid, text) to authenticated;

/** Staff close an inquiry. Errors: PT404 unknown (or unreadable), 42501 not staff of its store, P0001 already closed. */
create function private.close_inquiry(p_inquiry_id uuid)
returns public.inquiries
language plpgsql security definer
set search_path = ''
as $$
declare
  v_inquiry public.inquiries := private.inquiry_for_staff(p_inquiry_id);
begin
  update public.inquiries i set status = 'closed', closed_at = now()
  where i.id = v_inquiry.id
  returning * into v_inquiry;
  return v_inquiry;
end
$$;
revoke execute on function private.close_inquiry(uuid) from public;
grant execute on function private.close_inquiry(uuid) to authenticated;

create function public.close_inquiry(p_inquiry_id uuid)
returns public.inquiries
language sql security invoker
set search_path = ''
as $$ select private.close_inquiry(p_inquiry_id) $$;
revoke execute on function public.close_inquiry(uuid) from public, anon, authenticated;
grant execute on function public.close_inquiry(uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Lifecycle stage and churn risk
-- ---------------------------------------------------------------------------------------------

/**
 * Stage and churn risk of members of a store (the given ids that are its members), from behaviour in the store's statistical
 * period (the same rolling window as tiers):
 *   loyal       two or more paid orders, or the effective tier is the store's top tier (VIP);
 *   purchasing  one paid order;
 *   interested  an inquiry, a sample claim or a points redemption, but no paid order;
 *   cognitive   none of these: the exchanged business card only.
 * Churn risk: the time since the last paid order (at any time) exceeds both the store's
 * churn threshold and twice the member's median interval between paid orders; with fewer than
 * two paid orders there is no interval and the threshold alone decides. Never-buyers are not
 * at risk. The tier is the cached effective tier, refreshed on every order change and read.
 * Members found by key: callers list members first (filtered, sorted and paged) and compute
 * this for the rows they show, in one call for the set. Security definer,
 * so the ledgers are read once by key rather than through each table's policy; callers have
 * already decided the caller may see these members. PL/pgSQL, so its plan is kept for the
 * session (see the engine's helpers).
 */
create function private.member_lifecycles(p_store_id uuid, p_member_ids uuid[])
returns table (member_id uuid, stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int)
language plpgsql stable security definer
set search_path = ''
-- As paid_in_periods: one plan for any ids, not replanned on every call.
set plan_cache_mode = force_generic_plan
as $$
#variable_conflict use_column
begin
  return query
  select m.id,
    case
      when o.in_period >= 2 or (t.rank > 0 and t.rank = top.rank) then 'loyal'
      when o.in_period = 1 then 'purchasing'
      when exists (select 1 from public.inquiries i where i.member_id = m.id and i.created_at > window_start.at)
        or exists (select 1 from public.sample_claims c where c.member_id = m.id and c.created_at > window_start.at)
        or exists (select 1 from public.points_ledger l
                   where l.member_id = m.id and l.reason = 'redemption' and l.earned_at > window_start.at)
        then 'interested'
      else 'cognitive'
    end,
    coalesce(now() - o.last_at > make_interval(days => s.churn_threshold_days)
      and (o.median_gap is null or now() - o.last_at > 2 * o.median_gap), false),
    o.last_at,
    o.in_period
  -- Members by key through unnest: with `m.id = any (...)` the cached generic plan read every
  -- member of the store in the list index.
  from unnest(p_member_ids) as i (id)
  join public.members m on m.id = i.id
  join public.stores s on s.id = m.store_id
  -- The period's paid orders as the tier counts them (kept with the cached tier while valid).
  join private.paid_in_periods(p_member_ids) p on p.member_id = m.id
  cross join lateral (select p.window_start) as window_start (at)
  cross join lateral (select max(x.rank) from public.tiers x where x.store_id = s.id) as top (rank)
  left join public.tiers t on t.id = m.tier_id
  -- The newest paid order and the median gap are kept on the member with its tier.
  cross join lateral (
    select p.paid_orders as in_period, m.last_paid_order_at as last_at, m.paid_order_gap_median as median_gap
  ) o
  where m.store_id = p_store_id;
end
$$;
revoke execute on function private.member_lifecycles(uuid, uuid[]) from public;
grant execute on function private.member_lifecycles(uuid, uuid[]) to authenticated;

/** One member's member_lifecycles. */
create function private.member_lifecycle(p_store_id uuid, p_member_id uuid)
returns table (member_id uuid, stage text, churn_risk boolean, last_order_at timestamptz, paid_orders_in_period int)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return query select * from private.member_lifecycles(p_store_id, array[p_member_id]);
end
$$;
revoke execute on function private.member_lifecycle(uuid, uuid) from public;
-- staff_members runs as its caller, and calls this for the members its select policy shows.
grant execute on function private.member_lifecycle(uuid, uuid) to authenticated;

/**
 * Staff list their store's members with tier, stage, churn risk and balances, filtered by any
 * of tier, stage, churn risk, country and a last-paid-order window; newest buyers first, then
 * by company. `total` is the number of matches before paging.
 * Errors: 42501 not staff of the store, 22023 bad filter.
 */
create function public.staff_members(
  p_store_id uuid,
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
begin
  perform private.require_staff_of(p_store_id);
  if p_stage not in ('cognitive', 'interested', 'purchasing', 'loyal') then
    perform private.reject('stage', 'must be one of cognitive, interested, purchasing, loyal');
  end if;
  p_country := private.clean_format('country', p_country, 'country');
  if p_limit not between 1 and 500 or p_offset < 0 then
    perform private.reject('limit', 'must be 1 to 500, with a non-negative offset');
  end if;

  -- Members are filtered, counted and paged by their own columns (the cached tier and newest paid
  -- order, indexed in list order); the lifecycle is computed for every candidate only when the
  -- stage or churn filter needs it, and otherwise for the page's rows alone, in one call.
  -- Planned for each call's arguments (EXECUTE ... USING): the generic plan PL/pgSQL caches after
  -- five calls cannot leave out the filters that are null, nor the lifecycle they need, and read
  -- every member of the store.
  return query execute $query$
  with matches as not materialized (
    select m.id, m.last_paid_order_at, m.company_name
    from public.members m
    left join lateral (
      select l.stage, l.churn_risk from private.member_lifecycle(m.store_id, m.id) l
      where $3 is not null or $4 is not null
    ) f on true
    where m.store_id = $1
      and ($2 is null or m.tier_id = $2)
      and ($5 is null or m.country = $5)
      and ($6 is null or m.last_paid_order_at >= $6)
      and ($7 is null or m.last_paid_order_at < $7)
      and ($3 is null or f.stage = $3)
      and ($4 is null or f.churn_risk = $4)
  ), page as (
    select x.id from matches x
    order by x.last_paid_order_at desc nulls last, x.company_name, x.id
    limit $8 offset $9
  ), tier as materialized (
    -- Each tier named once, as every summary names it (in the reader's language once names are
    -- translated), not once per listed member.
    select t.id, t.rank, private.tier_json(t) ->> 'name' as name from public.tiers t where t.store_id = $1
  )
  select m.id, m.company_name, m.country, t.id, t.name, t.rank,
    l.stage, l.churn_risk, l.last_order_at, l.paid_orders_in_period,
    m.points_balance, m.rebate_balance, m.joined_at, (select count(*) from matches)
  from page
  join public.members m on m.id = page.id
  join private.member_lifecycles($1, array(select page.id from page)) l on l.member_id = m.id
  left join tier t on t.id = m.tier_id
  order by m.last_paid_order_at desc nulls last, m.company_name, m.id
  $query$
  using p_store_id, p_tier_id, p_stage, p_churn_risk, p_country, p_last_order_from, p_last_order_to, p_limit, p_offset;
end
$$;
revoke execute on function public.staff_members(uuid, uuid, text, boolean, text, timestamptz, timestamptz, int, int)
  from public, anon, authenticated;
grant execute on function public.staff_members(uuid, uuid, text, boolean, text, timestamptz, timestamptz, int, int)
  to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The member's whole picture
-- ---------------------------------------------------------------------------------------------

/** A coupon's description as summaries show it (the migration that translates it adds its language). */
create function private.coupon_description(p_coupon public.coupons)
returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('description', p_coupon.description)
$$;
revoke execute on function private.coupon_description(public.coupons) from public;

/**
 * The ledgers' part of a member's summary: points balance and the soonest expiry, rebate
 * balance, coupons held and usable, coupons the tier lets them claim now (with how many more
 * copies), and the lifecycle stage.
 */
create function private.ledger_summary(p_member_id uuid)
returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object(
      'points', jsonb_build_object(
        'balance', m.points_balance,
        'soonest_expiry', (
          select jsonb_build_object('expires_at', l.expires_at, 'points', sum(l.remaining))
          from public.points_ledger l
          where l.member_id = m.id and l.remaining > 0 and l.expires_at > now()
          group by l.expires_at order by l.expires_at limit 1)),
      'rebates', jsonb_build_object('balance', m.rebate_balance, 'currency', s.base_currency),
      'coupons', jsonb_build_object(
        'claimed', coalesce((
          select jsonb_agg(jsonb_build_object('id', mc.id, 'coupon_id', c.id, 'code', c.code,
              'kind', c.kind, 'value', c.value, 'currency', c.currency, 'min_order_amount', c.min_order_amount,
              'valid_until', c.valid_until, 'source', mc.source, 'claimed_at', mc.claimed_at) || private.coupon_description(c)
            order by c.valid_until nulls last, mc.claimed_at)
          from public.member_coupons mc join public.coupons c on c.id = mc.coupon_id
          where mc.member_id = m.id and mc.used_at is null and (c.valid_until is null or c.valid_until > now())), '[]'),
        'claimable', coalesce((
          select jsonb_agg(jsonb_build_object('coupon_id', c.id, 'code', c.code,
              'kind', c.kind, 'value', c.value, 'currency', c.currency, 'min_order_amount', c.min_order_amount,
              'valid_until', c.valid_until, 'left', c.per_member_limit - held.count) || private.coupon_description(c)
            order by c.valid_until nulls last, c.code)
          from public.coupons c
          cross join lateral (select count(*)::int from public.member_coupons mc
                              where mc.coupon_id = c.id and mc.member_id = m.id) as held (count)
          where c.store_id = m.store_id and c.claimable and c.valid_from <= now()
            and (c.valid_until is null or c.valid_until > now())
            and c.min_tier_rank <= coalesce(t.rank, 0) and held.count < c.per_member_limit), '[]')),
      'lifecycle', jsonb_build_object('stage', lc.stage))
    from public.members m
    join public.stores s on s.id = m.store_id
    left join public.tiers t on t.id = m.tier_id
    cross join private.member_lifecycles(m.store_id, array[m.id]) lc
    where m.id = p_member_id
  );
end
$$;
revoke execute on function private.ledger_summary(uuid) from public;

/**
 * The caller's membership at a store (see 000200), now with points, rebates, coupons and
 * lifecycle. The engine's summary and the ledgers' are separate functions merged here, so
 * this migration replaces only this thin body (public.my_membership calls it unchanged) and
 * copies none of the engine's summary.
 * Due point expiries are recorded first so the balance shown is spendable.
 * Errors: 42501 not signed in; PT404 unknown store. Null when the caller is not a member there.
 */
create or replace function private.my_membership(p_store_slug text)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_member_id uuid;
begin
  select c.member_id into v_member_id
  from public.member_contacts c where c.store_id = v_store.id and c.user_id = private.require_user();
  if v_member_id is null then
    return null;
  end if;
  perform private.refresh_member_tier(v_member_id, null);
  perform private.expire_member_points(v_member_id);
  return private.member_summary(v_member_id) || private.ledger_summary(v_member_id);
end
$$;
revoke execute on function private.my_membership(text) from public;
grant execute on function private.my_membership(text) to authenticated;
