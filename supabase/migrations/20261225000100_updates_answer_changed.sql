/**
 * An inquiry's answer changed by staff (answer_inquiry over the answer read, 20261224000100) came
 * back to the buyer's Updates as "The store answered your company's inquiry …", word for word the
 * first answer's, so the buyer could not tell that the answer they had read was no longer the
 * store's. inquiry_answered now carries `changed` (the answer shown was given after the first), and
 * the portal says "The store changed its answer …".
 *
 * private.my_updates re-created from 20261218000310; only inquiry_answered's fields change.
 */

/** As in 20261218000310, inquiry_answered with whether its answer was changed. */
create or replace function private.my_updates(p_store_slug text, p_limit int, p_before timestamptz)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_locale text := v_store.default_locale;
  v_new int;
begin
  if p_limit is null or p_limit not between 1 and 100 then
    perform private.reject('limit', 'must be between 1 and 100');
  end if;
  -- The updates since the contact last looked, counted up to 101: company_updates' newest 101 of
  -- each source, its ledgers' refunds from the 101st newest order change, are all of them when
  -- there are at most 100, and more than 100 otherwise.
  select count(*) into v_new
  from private.company_updates(v_contact.member_id, v_store.id, v_contact.updates_seen_at, 'infinity', 101);
  return jsonb_build_object(
    'seen_at', v_contact.updates_seen_at,
    'new_count', least(v_new, 100),
    'new_more', v_new > 100,
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
            select jsonb_build_object('inquiry_id', q.id, 'changed', q.answered_at > q.first_answered_at)
              || private.local_field('product_name', p.name, v_locale)
            from public.inquiries q left join public.products p on p.id = q.product_id where q.id = u.source_id)
          -- Whether the move followed the import's change of orders, and which one a drop names: tier_move_orders.
          when u.kind = 'tier_changed' then (
            select jsonb_build_object('reason', h.reason, 'up', ft.rank < tt.rank,
                'orders_changed', m.orders_changed, 'changed_order_ref', m.changed_order_ref,
                'moved_order_refs', public.moved_order_refs(h))
              || private.local_field('from_tier', h.from_tier_name, v_locale) || private.local_field('to_tier', h.to_tier_name, v_locale)
            from public.tier_changes h
            left join public.tiers ft on ft.id = h.from_tier_id
            left join public.tiers tt on tt.id = h.to_tier_id
            cross join lateral private.tier_move_orders(h) m
            where h.id = u.source_id)
          when u.kind in ('coupon_given', 'coupon_taken_back') then (
            select jsonb_build_object('code', cp.code) || private.local_field('name', cp.description, v_locale)
            from public.member_coupons mc join public.coupons cp on cp.id = mc.coupon_id where mc.id = u.source_id)
          when u.kind = 'reward_sent' then (
            select jsonb_build_object('delivery', d.delivery, 'carrier', d.carrier, 'tracking_number', d.tracking_number,
                'note', d.sent_note)
              || private.local_field('name', rw.name, v_locale)
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
