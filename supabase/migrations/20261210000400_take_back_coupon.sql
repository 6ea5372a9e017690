/**
 * Staff take back a coupon they gave by mistake (give_coupon, 20261205000100): a key-account
 * coupon given to the wrong company could not be undone, and the company kept it usable.
 *
 * A copy taken back stays as its row, marked (`taken_back_at`, `taken_back_by`), as a used copy
 * is marked and as a rebate credit taken back is a row of its own beside the credit: the merchant
 * keeps who gave it, who took it back and when, and the buyer's Updates keep both. No row is ever
 * deleted but with its company, so a copy's `slot` (issue_coupon: the company's rows of that
 * coupon + 1) never meets a slot in use, however many copies are taken back.
 *
 * A copy taken back is no longer held: it leaves every count of what a company holds, each
 * re-created as in the migration named with that one condition:
 * - private.held_coupon_ids (20261124000300): it no longer lets the company read the coupon;
 * - private.coupon_copies_counted (20261208000100): it no longer counts against the limit, so the
 *   right copy can be given, or the company claim one, as if it had never been given;
 * - private.ledger_summary (20261208000100): my_membership's `claimed`;
 * - public.coupon_usage (20261203000400) and public.analytics_coupons (20261203000500): not a copy
 *   taken, not one to redeem;
 * - private.segment_member_ids (20261208000500): not a coupon about to expire;
 * - private.record_coupon_use (20261207000300): refuses it;
 * - private.company_updates and private.my_updates (20261207000500): `coupon_taken_back`, beside
 *   the `coupon_given` it undoes.
 * my_data lists it with the company's other copies, marked: it is the company's record.
 */

alter table public.member_coupons
  add column taken_back_at timestamptz,
  add column taken_back_by uuid,
  add constraint member_coupons_take_back_is_complete check ((taken_back_at is null) = (taken_back_by is null)),
  -- Only a copy staff gave, and never one used: take_back_coupon's rules, kept by the table too.
  add constraint member_coupons_taken_back_was_given check (taken_back_at is null or (source = 'staff' and used_at is null));
comment on column public.member_coupons.taken_back_at is
  'When staff took back a copy they gave by mistake (take_back_coupon); the company no longer holds it. Null while held.';
comment on column public.member_coupons.taken_back_by is 'The staff login that took it back; kept as recorded.';
comment on column public.member_coupons.slot is
  'The n-th copy of this coupon the company received, taken-back copies included (rows are never deleted), so unique: two issues racing past the member lock collide.';

-- The Updates feed's branch for copies taken back (company_updates).
create index member_coupons_member_taken_back_idx on public.member_coupons (member_id, store_id, taken_back_at)
  where taken_back_at is not null;

-- ---------------------------------------------------------------------------------------------
-- Taking a copy back
-- ---------------------------------------------------------------------------------------------

/**
 * Staff take back a copy of a coupon that staff gave the company and that has not been used.
 * Errors: PT404 unknown, or a copy the caller cannot read (another company's or store's); 42501
 * the caller reads it but is not staff of its store (the holding company's contact); P0001 a copy
 * the company claimed, received in the gift pack or bought with points, one used on an order, one
 * already taken back.
 */
create function private.take_back_coupon(p_member_coupon_id uuid)
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
  -- The company's own coupons are not staff's to take: only a mistake of staff's is undone here.
  if v_held.source <> 'staff' then
    perform private.reject('member_coupon', case v_held.source
      when 'claim' then 'was claimed by the company itself: only a coupon staff gave can be taken back'
      when 'gift_pack' then 'came in the new-member gift pack: only a coupon staff gave can be taken back'
      else 'was bought with points: only a coupon staff gave can be taken back' end, 'P0001');
  end if;
  -- The lock record_coupon_use takes: a use and a take-back of one copy run one after the other,
  -- and the second reads what the first did.
  perform private.lock_member(v_held.member_id);
  select * into v_held from public.member_coupons mc where mc.id = p_member_coupon_id;
  if v_held.taken_back_at is not null then
    perform private.reject('member_coupon', format('was already taken back on %s',
      to_char(v_held.taken_back_at at time zone 'UTC', 'YYYY-MM-DD')), 'P0001');
  end if;
  if v_held.used_at is not null then
    perform private.reject('member_coupon', format('was used on order %s: a used coupon cannot be taken back', v_held.used_order_ref), 'P0001');
  end if;

  update public.member_coupons mc
  set taken_back_at = now(), taken_back_by = v_user
  where mc.id = v_held.id
  returning * into v_held;
  return v_held;
end
$$;
revoke execute on function private.take_back_coupon(uuid) from public;
grant execute on function private.take_back_coupon(uuid) to authenticated;

create function public.take_back_coupon(p_member_coupon_id uuid)
returns public.member_coupons
language sql security invoker
set search_path = ''
as $$ select private.take_back_coupon(p_member_coupon_id) $$;
revoke execute on function public.take_back_coupon(uuid) from public, anon, authenticated;
grant execute on function public.take_back_coupon(uuid) to authenticated;

/** As in 20261207000300, refusing a copy taken back. */
create or replace function private.record_coupon_use(p_member_coupon_id uuid, p_order_ref text)
returns public.member_coupons
language plpgsql security definer
set search_path = ''
as $$
declare
  v_held public.member_coupons;
  v_user uuid;
  v_order public.orders;
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
  if v_held.taken_back_at is not null then
    perform private.reject('member_coupon', format('was taken back on %s: the company no longer holds it',
      to_char(v_held.taken_back_at at time zone 'UTC', 'YYYY-MM-DD')), 'P0001');
  end if;
  if v_held.used_at is not null then
    perform private.reject('member_coupon', format('was already used on order %s', v_held.used_order_ref), 'P0001');
  end if;
  if (select c.valid_until <= now() from public.coupons c where c.id = v_held.coupon_id) then
    perform private.reject('member_coupon', 'has expired', 'P0001');
  end if;
  select * into v_order from public.orders o where o.store_id = v_held.store_id and o.external_ref = btrim(p_order_ref);
  if v_order.member_id <> v_held.member_id then
    perform private.reject('order_ref', format('%s is an order of another company', v_order.external_ref), 'P0001');
  end if;
  -- A refunded or cancelled order was not bought with the coupon, or is no longer: its use would stay recorded.
  if v_order.status <> 'paid' then
    perform private.reject('order_ref', format('%s was %s', v_order.external_ref, v_order.status), 'P0001');
  end if;
  if v_order.placed_at < v_held.claimed_at - interval '1 day' then
    perform private.reject('order_ref', format('%s was placed on %s, before the coupon was received on %s', v_order.external_ref,
      to_char(v_order.placed_at at time zone 'UTC', 'YYYY-MM-DD'), to_char(v_held.claimed_at at time zone 'UTC', 'YYYY-MM-DD')), 'P0001');
  end if;

  update public.member_coupons mc
  set used_at = now(), used_order_ref = btrim(p_order_ref), used_by = v_user
  where mc.id = v_held.id
  returning * into v_held;
  return v_held;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- What a company holds
-- ---------------------------------------------------------------------------------------------

/** As in 20261124000300, without copies taken back. */
create or replace function private.held_coupon_ids()
returns setof uuid
language sql stable security definer
rows 10
set search_path = ''
as $$
  select mc.coupon_id from public.member_coupons mc
  where mc.member_id in (select private.member_ids()) and mc.taken_back_at is null
$$;

/** As in 20261208000100, without copies taken back. */
create or replace function private.coupon_copies_counted(p_coupon_id uuid, p_member_id uuid, p_user uuid)
returns int
language sql stable
set search_path = ''
as $$
  select count(*)::int from public.member_coupons mc
  where mc.coupon_id = p_coupon_id and mc.taken_back_at is null
    and (mc.member_id = p_member_id or (mc.source = 'claim' and mc.claimed_by = p_user))
$$;

/** As in 20261208000100, `claimed` without copies taken back. */
create or replace function private.ledger_summary(p_member_id uuid)
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
          where mc.member_id = m.id and mc.used_at is null and mc.taken_back_at is null and (c.valid_until is null or c.valid_until > now())), '[]'),
        'claimable', coalesce((
          select jsonb_agg(jsonb_build_object('coupon_id', c.id, 'code', c.code,
              'kind', c.kind, 'value', c.value, 'currency', c.currency, 'min_order_amount', c.min_order_amount,
              'valid_until', c.valid_until, 'held', held.count, 'left', c.per_member_limit - held.count) || private.coupon_description(c)
            order by c.valid_until nulls last, c.code)
          from public.coupons c
          cross join lateral (select private.coupon_copies_counted(c.id, m.id, (select auth.uid()))) as held (count)
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

/** As in 20261203000400, without copies taken back: they were not taken, and nobody can use them. */
create or replace function public.coupon_usage(p_store_id uuid)
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
  where mc.store_id = p_store_id and mc.taken_back_at is null
  group by mc.coupon_id
  order by mc.coupon_id;
end
$$;

/** As in 20261203000500, without copies taken back, which would lower the rate for a mistake. */
create or replace function public.analytics_coupons(p_store_id uuid, p_from timestamptz, p_to timestamptz)
returns table (coupon_id uuid, code text, issued bigint, used bigint, rate numeric)
language plpgsql stable security invoker
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  perform private.check_range(p_from, p_to);
  return query
  select c.id, c.code::text, count(h.id), count(h.id) filter (where h.used_at < p_to),
    case when count(h.id) > 0 then round((count(h.id) filter (where h.used_at < p_to))::numeric / count(h.id), 4) end
  from public.coupons c
  join public.member_coupons h on h.coupon_id = c.id and h.store_id = c.store_id
    and h.claimed_at >= p_from and h.claimed_at < p_to and h.taken_back_at is null
  where c.store_id = p_store_id
  group by c.id, c.code
  order by count(h.id) desc, c.code;
end
$$;

/** As in 20261208000500: a coupon taken back is not one about to expire. */
create or replace function private.segment_member_ids(p_store_id uuid, p_filters jsonb)
returns table (member_id uuid)
language plpgsql stable
set search_path = ''
as $$
declare
  f jsonb := private.segment_filters(p_store_id, p_filters);
  v_tiers uuid[] := (select array_agg(x::uuid) from jsonb_array_elements_text(f -> 'tiers') x);
  v_stages text[] := (select array_agg(x) from jsonb_array_elements_text(f -> 'stages') x);
  v_countries text[] := (select array_agg(x) from jsonb_array_elements_text(f -> 'countries') x);
  v_industries text[] := (select array_agg(lower(x)) from jsonb_array_elements_text(f -> 'industries') x);
  v_churn boolean := (f ->> 'churn_risk')::boolean;
  v_joined_from timestamptz := (f ->> 'joined_from')::timestamptz;
  v_joined_to timestamptz := (f ->> 'joined_to')::timestamptz;
  v_last_from timestamptz := (f ->> 'last_order_from')::timestamptz;
  v_last_to timestamptz := (f ->> 'last_order_to')::timestamptz;
  v_sampled boolean := coalesce((f ->> 'sampled_never_ordered')::boolean, false);
  v_points bigint := (f ->> 'points_at_least')::bigint;
  v_coupon_days int := (f ->> 'coupon_expires_within_days')::int;
  v_lifecycle boolean := v_stages is not null or v_churn is not null;
begin
  return query
  select m.id from public.members m
  where m.store_id = p_store_id and m.left_at is null
    and (v_tiers is null
      or case when m.tier_valid_until > now() then m.tier_id else private.staff_member_tier_id(m.id) end = any (v_tiers))
    and (v_countries is null or m.country = any (v_countries))
    and (v_industries is null or lower(btrim(m.industry)) = any (v_industries))
    and (v_joined_from is null or m.joined_at >= v_joined_from)
    and (v_joined_to is null or m.joined_at < v_joined_to)
    and (v_last_from is null or m.last_paid_order_at >= v_last_from)
    and (v_last_to is null or m.last_paid_order_at < v_last_to)
    and (v_points is null or m.points_balance >= v_points)
    and (not v_sampled or (m.last_paid_order_at is null and m.id in (
      select c.member_id from public.sample_claims c
      where c.store_id = p_store_id and c.status in ('requested', 'approved', 'shipped'))))
    and (v_coupon_days is null or m.id in (
      select h.member_id from public.member_coupons h join public.coupons c on c.id = h.coupon_id
      where h.store_id = p_store_id and h.used_at is null and h.taken_back_at is null
        and c.valid_until > now() and c.valid_until <= now() + make_interval(days => v_coupon_days)))
    and (not v_lifecycle or m.id in (
      select l.member_id from private.store_lifecycle(p_store_id) l
      where (v_stages is null or l.stage = any (v_stages)) and (v_churn is null or l.churn_risk = v_churn)));
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The buyer's Updates
-- ---------------------------------------------------------------------------------------------

/**
 * As in 20261207000500, with `coupon_taken_back`: a copy staff gave and took back, at the time it
 * was taken back (its `coupon_given` stays, at the time it was given: both happened).
 */
create or replace function private.company_updates(p_member_id uuid, p_store_id uuid, p_after timestamptz, p_before timestamptz, p_limit int)
returns table (kind text, happened_at timestamptz, source_id uuid, source_seq bigint)
language plpgsql stable
set search_path = ''
as $$
begin
  -- PL/pgSQL keeps the plan of these eleven branches for the session; SQL planned them on every call.
  return query
  (select case c.status when 'rejected' then 'sample_rejected' else 'sample_approved' end, c.decided_at, c.id, null::bigint
   from public.sample_claims c
   where c.member_id = p_member_id and c.store_id = p_store_id and c.status in ('approved', 'shipped', 'rejected')
     and c.decided_at > p_after and c.decided_at < p_before
   order by c.decided_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'sample_shipped', c.shipped_at, c.id, null
   from public.sample_claims c
   where c.member_id = p_member_id and c.store_id = p_store_id and c.shipped_at > p_after and c.shipped_at < p_before
   order by c.shipped_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'inquiry_answered', q.answered_at, q.id, null
   from public.inquiries q
   where q.member_id = p_member_id and q.store_id = p_store_id and q.answered_at > p_after and q.answered_at < p_before
   order by q.answered_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'tier_changed', h.changed_at, h.id, h.seq
   from public.tier_changes h
   where h.member_id = p_member_id and h.store_id = p_store_id and h.reason <> 'join'
     and h.changed_at > p_after and h.changed_at < p_before
   order by h.changed_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'coupon_given', mc.claimed_at, mc.id, null
   from public.member_coupons mc
   where mc.member_id = p_member_id and mc.store_id = p_store_id and mc.source = 'staff'
     and mc.claimed_at > p_after and mc.claimed_at < p_before
   order by mc.claimed_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'coupon_taken_back', mc.taken_back_at, mc.id, null
   from public.member_coupons mc
   where mc.member_id = p_member_id and mc.store_id = p_store_id
     and mc.taken_back_at > p_after and mc.taken_back_at < p_before
   order by mc.taken_back_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'reward_sent', d.sent_at, null, d.points_entry_id
   from public.reward_deliveries d
   where d.member_id = p_member_id and d.store_id = p_store_id and d.sent_at > p_after and d.sent_at < p_before
   order by d.sent_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select case r.reason when 'credit' then 'rebate_credited' else 'rebate_corrected' end, r.created_at, null, r.id
   from public.rebate_ledger r
   where r.member_id = p_member_id and r.store_id = p_store_id and r.reason in ('credit', 'correction')
     and r.created_at > p_after and r.created_at < p_before
   order by r.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'points_adjusted', l.created_at, null, l.id
   from public.points_ledger l
   where l.member_id = p_member_id and l.store_id = p_store_id and l.reason = 'adjustment'
     and l.created_at > p_after and l.created_at < p_before
   order by l.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'order_refunded', l.created_at, null, l.id
   from public.points_ledger l
   where l.member_id = p_member_id and l.store_id = p_store_id and l.reason = 'clawback'
     and l.created_at > p_after and l.created_at < p_before
   order by l.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'order_refunded', r.created_at, r.order_id, r.id
   from public.rebate_ledger r
   where r.member_id = p_member_id and r.store_id = p_store_id and r.reason = 'reversal'
     and r.created_at > p_after and r.created_at < p_before
     and not exists (select 1 from public.points_ledger l
                     where l.order_id = r.order_id and l.reason = 'clawback' and l.created_at = r.created_at)
   order by r.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties);
end
$$;

/** As in 20261207000500, a `coupon_taken_back` read as its `coupon_given` is: the coupon's code and description. */
create or replace function private.my_updates(p_store_slug text, p_limit int, p_before timestamptz)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_locale text := v_store.default_locale;
begin
  if p_limit is null or p_limit not between 1 and 100 then
    perform private.reject('limit', 'must be between 1 and 100');
  end if;
  return jsonb_build_object(
    'seen_at', v_contact.updates_seen_at,
    'new_count', (select count(*) from private.company_updates(v_contact.member_id, v_store.id,
                    v_contact.updates_seen_at, 'infinity', null)),
    'updates', (
      -- Each source's newest p_limit, with ties: every update at or after the p_limit-th newest of
      -- them all (the page's oldest instant) is among these, as a source missing one would have
      -- p_limit newer ones.
      with candidates as (
        select * from private.company_updates(v_contact.member_id, v_store.id, '-infinity', coalesce(p_before, 'infinity'), p_limit)
      ), page as (
        select * from candidates c
        where c.happened_at >= (select c2.happened_at from candidates c2 order by c2.happened_at desc offset p_limit - 1 limit 1)
           or (select count(*) from candidates) < p_limit
      )
      select coalesce(jsonb_agg(jsonb_build_object('kind', u.kind, 'happened_at', u.happened_at,
          'is_new', u.happened_at > v_contact.updates_seen_at) || d.fields
        -- A refund's ledger id only names its row; it does not place the refund among the instant's other updates.
        order by u.happened_at desc, case when u.kind <> 'order_refunded' then u.source_seq end desc nulls last, u.kind, u.source_id,
          u.source_seq desc), '[]')
      from page u
      cross join lateral (
        select case
          when u.kind like 'sample_%' then (
            select jsonb_build_object('quantity', c.quantity, 'carrier', c.carrier, 'tracking_number', c.tracking_number,
                'note', c.rejection_reason)
              || private.local_field('product_name', p.name, v_locale)
            from public.sample_claims c join public.products p on p.id = c.product_id where c.id = u.source_id)
          when u.kind = 'inquiry_answered' then (
            select jsonb_build_object('inquiry_id', q.id) || private.local_field('product_name', p.name, v_locale)
            from public.inquiries q left join public.products p on p.id = q.product_id where q.id = u.source_id)
          when u.kind = 'tier_changed' then (
            select jsonb_build_object('reason', h.reason, 'up', ft.rank < tt.rank)
              || private.local_field('from_tier', h.from_tier_name, v_locale) || private.local_field('to_tier', h.to_tier_name, v_locale)
            from public.tier_changes h
            left join public.tiers ft on ft.id = h.from_tier_id
            left join public.tiers tt on tt.id = h.to_tier_id
            where h.id = u.source_id)
          when u.kind in ('coupon_given', 'coupon_taken_back') then (
            select jsonb_build_object('code', cp.code) || private.local_field('name', cp.description, v_locale)
            from public.member_coupons mc join public.coupons cp on cp.id = mc.coupon_id where mc.id = u.source_id)
          when u.kind = 'reward_sent' then (
            select jsonb_build_object('note', d.sent_note) || private.local_field('name', rw.name, v_locale)
            from public.reward_deliveries d join public.rewards rw on rw.id = d.reward_id where d.points_entry_id = u.source_seq)
          when u.kind like 'rebate_%' then (
            select jsonb_build_object('amount', abs(r.delta), 'currency', r.currency, 'note', r.note)
            from public.rebate_ledger r where r.id = u.source_seq)
          when u.kind = 'points_adjusted' then (
            select jsonb_build_object('points', l.delta, 'note', l.note) from public.points_ledger l where l.id = u.source_seq)
          -- A refund's clawback and the reversal written with it (see company_updates).
          when u.kind = 'order_refunded' and u.source_id is null then (
            select jsonb_build_object('order_ref', o.external_ref, 'order_status', o.status, 'points', -l.delta,
                'amount', -r.delta, 'currency', r.currency)
            from public.points_ledger l
            join public.orders o on o.id = l.order_id
            left join public.rebate_ledger r on r.order_id = l.order_id and r.reason = 'reversal' and r.created_at = l.created_at
            where l.id = u.source_seq)
          when u.kind = 'order_refunded' then (
            select jsonb_build_object('order_ref', o.external_ref, 'order_status', o.status, 'points', null,
                'amount', -r.delta, 'currency', r.currency)
            from public.rebate_ledger r join public.orders o on o.id = r.order_id
            where r.id = u.source_seq)
        end as fields
      ) d)
  );
end
$$;
