/**
 * Updates: the ledgers' refund branches read as far back as the page can reach, not the company's
 * whole history of refunds.
 *
 * private.company_updates tells a refund from its ledger rows (points clawback, rebate reversal)
 * only where order_changes recorded none, decided row by row (private.refund_recorded). Every
 * refund an import made since 20261211000300 is recorded, so for a company with such a history
 * each of those two branches walked every clawback or reversal it ever had, newest first, looking
 * for p_limit unrecorded ones that are not there. On the bench's big store, one company with 485
 * clawbacks and 600 reversals (120 imports refunding 5 orders each): one my_updates page of 20
 * called refund_recorded 2,190 times (auto_explain), every one of those rows read twice, by the
 * new count and by the page.
 *
 * A page of p_limit updates never reaches further back than the p_limit-th newest order change in
 * its window (my_updates keeps the candidates at or after the p_limit-th newest of them all, and
 * the order changes' two branches give each of those): the two ledger branches now start there,
 * an index range on points_ledger_member_updates_idx (member_id, store_id, reason, created_at) and
 * rebate_ledger_member_reversals_idx, so a page reads about as many ledger refunds as it can
 * show. The answers are the same: what the floor leaves out could not be on the page. The new
 * count (no p_limit) reads what it did, the refunds since the contact last looked.
 *
 * Re-created from its latest definition (20261211000500), otherwise unchanged.
 */

/** As in 20261211000500, the ledgers' refunds read from the page's floor. */
create or replace function private.company_updates(p_member_id uuid, p_store_id uuid, p_after timestamptz, p_before timestamptz, p_limit int)
returns table (kind text, happened_at timestamptz, source_id uuid, source_seq bigint)
language plpgsql stable
set search_path = ''
as $$
declare
  -- The oldest instant a page can reach (see the ledgers' refund branches below).
  v_floor timestamptz := '-infinity';
begin
  -- A page of p_limit updates ends at or after the p_limit-th newest order change: the order
  -- changes' two branches below put each of those among the candidates, so the page's oldest
  -- update (the p_limit-th newest candidate) is no older. Ledger refunds before it cannot be shown.
  if p_limit is not null then
    select ch.changed_at into v_floor
    from public.order_changes ch
    where ch.member_id = p_member_id and ch.store_id = p_store_id
      and ch.changed_at > p_after and ch.changed_at < p_before
    order by ch.changed_at desc
    offset p_limit - 1 limit 1;
    v_floor := coalesce(v_floor, '-infinity');
  end if;
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
     -- From the page's floor: the refunds order_changes recorded are skipped one by one, and
     -- without it a company whose refunds all are (every import's since 20261211000300) had its
     -- whole history of them read on every page.
     and l.created_at >= v_floor
     and not private.refund_recorded(l.order_id, l.created_at)
   order by l.created_at desc fetch first coalesce(p_limit, 2147483647) rows with ties)
  union all
  (select 'order_refunded', r.created_at, r.order_id, r.id
   from public.rebate_ledger r
   where r.member_id = p_member_id and r.store_id = p_store_id and r.reason = 'reversal'
     and r.created_at > p_after and r.created_at < p_before
     and r.created_at >= v_floor
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

