/**
 * Order refunds told from order_changes, and a tier move named after the order change behind it.
 *
 * - A refund in full or a cancellation was an update only through the points or rebate it took
 *   back, so refunding an order that earned nothing (a small one, one under a zero rate) said
 *   nothing. order_changes (20261211000300) now is the source of
 *   `order_refunded` for every refund it recorded, with what the ledgers took back at its instant
 *   (null when nothing). A refund from before order_changes existed, or written other than by the
 *   import, has no row there and is still read from its ledger rows: each refund is told once,
 *   decided per order and instant (private.refund_recorded).
 * - A tier moved for the reason `orders` at an instant the import changed paid orders read "This
 *   follows your latest paid orders", after a refund or a correction that lowered it. my_updates'
 *   `tier_changed` now says how many of the company's orders the import changed at that instant
 *   (`orders_changed`, for that reason only) and, for a drop when it changed exactly one, that
 *   order's reference (`changed_order_ref`): new orders only raise a tier, so a drop then follows
 *   that change; a rise, or several changes, are told without naming one.
 *
 * Re-created on their latest versions, those of 20261211000300, every other line as there:
 * private.company_updates (the ledgers' two refund branches skip the refunds order_changes
 * recorded; a branch of its own reads those) and private.my_updates (the recorded refund's
 * fields; tier_changed's two). New: private.refund_recorded.
 */

-- ---------------------------------------------------------------------------------------------
-- Which refunds order_changes recorded
-- ---------------------------------------------------------------------------------------------

/**
 * Whether order_changes recorded the order's refund or cancellation at that instant (its ledger
 * rows carry the import's transaction time, as the change does): such a refund is told from the
 * change, others from their ledger rows.
 */
create function private.refund_recorded(p_order_id uuid, p_at timestamptz)
returns boolean
language sql stable
set search_path = ''
as $$
  select exists (select 1 from public.order_changes ch
                 where ch.order_id = p_order_id and ch.changed_at = p_at and ch.kind in ('refunded_in_full', 'cancelled'))
$$;
revoke execute on function private.refund_recorded(uuid, timestamptz) from public;

-- ---------------------------------------------------------------------------------------------
-- The buyer's Updates
-- ---------------------------------------------------------------------------------------------

/**
 * As in 20261211000300, a refund or cancellation order_changes recorded told from there (one
 * branch), the ledgers' refunds only where it recorded none.
 */
create or replace function private.company_updates(p_member_id uuid, p_store_id uuid, p_after timestamptz, p_before timestamptz, p_limit int)
returns table (kind text, happened_at timestamptz, source_id uuid, source_seq bigint)
language plpgsql stable
set search_path = ''
as $$
begin
  -- PL/pgSQL keeps the plan of these fifteen branches for the session; SQL planned them on every call.
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
     and not private.refund_recorded(l.order_id, l.created_at)
   order by l.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'order_refunded', r.created_at, r.order_id, r.id
   from public.rebate_ledger r
   where r.member_id = p_member_id and r.store_id = p_store_id and r.reason = 'reversal'
     and r.created_at > p_after and r.created_at < p_before
     and not exists (select 1 from public.points_ledger l
                     where l.order_id = r.order_id and l.reason = 'clawback' and l.created_at = r.created_at)
     and not private.refund_recorded(r.order_id, r.created_at)
   order by r.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  -- A refund or cancellation order_changes recorded, whatever it took back (often nothing).
  (select 'order_refunded', ch.changed_at, ch.order_id, ch.id
   from public.order_changes ch
   where ch.member_id = p_member_id and ch.store_id = p_store_id and ch.kind in ('refunded_in_full', 'cancelled')
     and ch.changed_at > p_after and ch.changed_at < p_before
   order by ch.changed_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select case ch.kind when 'corrected' then 'order_corrected' else 'order_refunded_in_part' end, ch.changed_at, null, ch.id
   from public.order_changes ch
   where ch.member_id = p_member_id and ch.store_id = p_store_id and ch.kind in ('corrected', 'refunded_in_part')
     and ch.changed_at > p_after and ch.changed_at < p_before
   order by ch.changed_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  -- One update per instant however many orders it re-rated: each ledger's newest p_limit instants.
  (select 'orders_rerated', x.created_at, null, null
   from ((select distinct l.created_at from public.points_ledger l
          where l.member_id = p_member_id and l.store_id = p_store_id and l.reason = 'order_rerated'
            and l.created_at > p_after and l.created_at < p_before
          order by l.created_at desc limit coalesce(p_limit, 2147483647))
         union
         (select distinct r.created_at from public.rebate_ledger r
          where r.member_id = p_member_id and r.store_id = p_store_id and r.reason = 'order_rerated'
            and r.created_at > p_after and r.created_at < p_before
          order by r.created_at desc limit coalesce(p_limit, 2147483647))) x
   order by x.created_at desc limit coalesce(p_limit, 2147483647));
end
$$;

/**
 * As in 20261211000300, with `order_refunded` of a refund order_changes recorded (its amounts taken
 * back from the ledgers at its instant, null when none) and tier_changed's `orders_changed` and
 * `changed_order_ref`.
 */
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
        -- An order change's or refund's id only names its row; it does not place it among the instant's other updates.
        order by u.happened_at desc,
          case when u.kind not in ('order_refunded', 'order_corrected', 'order_refunded_in_part', 'orders_rerated') then u.source_seq end desc nulls last,
          u.kind, u.source_id,
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
          -- A move for the orders' reason at an instant the import changed paid orders follows those
          -- changes (new orders only raise a tier): a drop when it changed one order names it.
          when u.kind = 'tier_changed' then (
            select jsonb_build_object('reason', h.reason, 'up', ft.rank < tt.rank,
                'orders_changed', case when h.reason = 'orders' then ch.orders else 0 end,
                'changed_order_ref', case when h.reason = 'orders' and ch.orders = 1 and ft.rank > tt.rank then ch.order_ref end)
              || private.local_field('from_tier', h.from_tier_name, v_locale) || private.local_field('to_tier', h.to_tier_name, v_locale)
            from public.tier_changes h
            left join public.tiers ft on ft.id = h.from_tier_id
            left join public.tiers tt on tt.id = h.to_tier_id
            cross join lateral (
              select count(distinct c.order_id) as orders, min(o.external_ref) as order_ref
              from public.order_changes c join public.orders o on o.id = c.order_id
              where c.member_id = h.member_id and c.store_id = h.store_id and c.changed_at = h.changed_at
            ) ch
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
          -- A refund order_changes recorded (source_seq its id): what the ledgers took back at its
          -- instant, null when nothing; its status as the change left the order.
          when u.kind = 'order_refunded' and private.refund_recorded(u.source_id, u.happened_at) then (
            select jsonb_build_object('order_ref', o.external_ref,
                'order_status', case ch.kind when 'cancelled' then 'cancelled' else 'refunded' end,
                'points', (select -sum(l.delta) from public.points_ledger l
                           where l.order_id = ch.order_id and l.reason = 'clawback' and l.created_at = ch.changed_at),
                'amount', r.amount, 'currency', r.currency)
            from public.order_changes ch
            join public.orders o on o.id = ch.order_id
            cross join lateral (
              select -sum(r.delta) as amount, min(r.currency) as currency from public.rebate_ledger r
              where r.order_id = ch.order_id and r.reason = 'reversal' and r.created_at = ch.changed_at
            ) r
            where ch.id = u.source_seq)
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
          -- The amounts before and after, and what the order's own points and rebate moved then.
          when u.kind in ('order_corrected', 'order_refunded_in_part') then (
            select jsonb_build_object('order_ref', o.external_ref,
                'amount_before', ch.amount_before, 'currency_before', ch.currency_before, 'amount_base_before', ch.amount_base_before,
                'amount_after', ch.amount_after, 'currency_after', ch.currency_after, 'amount_base_after', ch.amount_base_after,
                'base_currency', v_store.base_currency,
                'points', (select sum(l.delta) from public.points_ledger l
                           where l.order_id = ch.order_id and l.reason = 'order_correction' and l.created_at = ch.changed_at),
                'rebate', (select sum(r.delta) from public.rebate_ledger r
                           where r.order_id = ch.order_id and r.reason = 'order_correction' and r.created_at = ch.changed_at))
            from public.order_changes ch join public.orders o on o.id = ch.order_id
            where ch.id = u.source_seq)
          -- The later orders an instant re-rated, and what their points and rebate moved.
          when u.kind = 'orders_rerated' then (
            select jsonb_build_object('orders', count(distinct x.order_id), 'points', sum(x.points), 'rebate', sum(x.rebate),
                'base_currency', v_store.base_currency)
            from ((select l.order_id, l.delta as points, null::numeric as rebate from public.points_ledger l
                   where l.member_id = v_contact.member_id and l.store_id = v_store.id and l.reason = 'order_rerated'
                     and l.created_at = u.happened_at)
                  union all
                  (select r.order_id, null, r.delta from public.rebate_ledger r
                   where r.member_id = v_contact.member_id and r.store_id = v_store.id and r.reason = 'order_rerated'
                     and r.created_at = u.happened_at)) x)
        end as fields
      ) d)
  );
end
$$;

