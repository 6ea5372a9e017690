/**
 * What the store did for a buyer's company, as an "Updates" feed on My membership (two product
 * walks: the product sends no e-mail but sign-in codes, so a buyer over months had to keep checking
 * every section, and did not know what had changed when they did). An update is a fact the store
 * already keeps, read where it is kept: no copy, no trigger writing rows of its own. What the
 * member has seen is one time per contact (`updates_seen_at`), kept in the database so that phone
 * and desktop agree; the posts feed's "new" is per device (growth/feed/seen.ts), which suits posts
 * everyone reads but not a company's own business read on two devices.
 */

-- ---------------------------------------------------------------------------------------------
-- The updates: one row per fact, read through the indexes below
-- ---------------------------------------------------------------------------------------------

/**
 * A company's updates at its store that happened after `p_after` and before `p_before`, each
 * source's newest `p_limit` (null: all) and the others at the instant of the last of them: its
 * kind, when it happened (the staff action's transaction time) and the row it is read from
 * (`source_id` for a uuid key, `source_seq` for a ledger's bigint, which also orders a tier
 * history's changes of one instant). Each branch reads one index leading with (member_id,
 * store_id, its time), newest first, and stops at its limit. (A view over the same union could not
 * do that: a branch with a WHERE is planned apart from the query's order and limit, so every
 * branch read all of the company's rows and the page sorted them all.)
 * - sample_approved / sample_rejected: the claim's decision (a claim rejected after its approval
 *   keeps the rejection only: decided_at is then the rejection's); a member's own cancellation is
 *   not the store's act;
 * - sample_shipped: with its carrier and tracking number;
 * - inquiry_answered (an answer replaced is news again: answered_at moves);
 * - tier_changed: every change but joining;
 * - coupon_given: a coupon staff gave (claimed, gift-pack and reward coupons are the member's own
 *   doing);
 * - reward_sent: a reward for points the team marked sent;
 * - rebate_credited / rebate_corrected: a staff credit, or one taken back;
 * - points_adjusted: staff added or took points;
 * - order_refunded: an order that left paid (refunded or cancelled) took back its points and
 *   rebate; one update per refund (an order paid again can be refunded again), read from its
 *   points' clawback (`source_seq`), else, for a refund that took back rebate alone, from its
 *   rebate's reversal (`source_seq`, with the order as `source_id` to tell the two apart). A
 *   refund writes both rows in one transaction, so at one instant; import_orders takes an order
 *   once per call, so an order is refunded at most once an instant.
 */
create function private.company_updates(p_member_id uuid, p_store_id uuid, p_after timestamptz, p_before timestamptz, p_limit int)
returns table (kind text, happened_at timestamptz, source_id uuid, source_seq bigint)
language plpgsql stable
set search_path = ''
as $$
begin
  -- PL/pgSQL keeps the plan of these ten branches for the session; SQL planned them on every call.
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
revoke execute on function private.company_updates(uuid, uuid, timestamptz, timestamptz, int) from public;

-- A company's rows of each source, by time (tier_changes_member_idx, (member_id, store_id,
-- changed_at, seq), already serves the tier changes). Measured with 100,000 rows in each source
-- over 1,000 companies of one store, one company holding 5,000 of each, interleaved in the heap
-- (EXPLAIN ANALYZE as that company's contact, warm, on 2 busy cores): without these indexes each
-- branch read all of the company's rows of its source and sorted them, and my_updates took
-- 160-250 ms; with them each branch reads its page's 21 index entries (0.2-0.9 ms for all ten),
-- and my_updates takes 7-11 ms (20 rows; counting a month of new updates, about 1,000, included).
create index sample_claims_member_decided_idx on public.sample_claims (member_id, store_id, decided_at)
  where status in ('approved', 'shipped', 'rejected');
create index sample_claims_member_shipped_idx on public.sample_claims (member_id, store_id, shipped_at)
  where shipped_at is not null;
create index inquiries_member_answered_idx on public.inquiries (member_id, store_id, answered_at)
  where answered_at is not null;
create index member_coupons_member_staff_idx on public.member_coupons (member_id, store_id, claimed_at)
  where source = 'staff';
create index reward_deliveries_member_sent_idx on public.reward_deliveries (member_id, store_id, sent_at)
  where sent_at is not null;
-- The ledgers' hold only the reasons a branch reads, so a company's many refunds do not stand
-- between a branch and its few staff entries (the points' with the reason before the time: each of
-- its branches reads one reason).
create index rebate_ledger_member_credits_idx on public.rebate_ledger (member_id, store_id, created_at)
  where reason in ('credit', 'correction');
create index rebate_ledger_member_reversals_idx on public.rebate_ledger (member_id, store_id, created_at)
  where reason = 'reversal';
create index points_ledger_member_updates_idx on public.points_ledger (member_id, store_id, reason, created_at)
  where reason in ('adjustment', 'clawback');

-- ---------------------------------------------------------------------------------------------
-- What the contact has seen
-- ---------------------------------------------------------------------------------------------

-- Contacts there now have seen everything so far: the feed starts with nothing new, rather than
-- with a company's whole history as news. A new contact likewise starts at joining.
alter table public.member_contacts add column updates_seen_at timestamptz not null default now();
comment on column public.member_contacts.updates_seen_at is
  'Updates (my_updates) up to this time are seen by this contact; set only by mark_updates_seen. Colleagues and staff read it as they read the card.';

/**
 * The caller has seen their company's updates up to `p_through` (default: now; never later than
 * now, and never earlier than what was already seen, so two devices cannot undo each other).
 * The portal passes the newest update it showed, so one arriving after the page was read stays
 * new. Returns the contact's updates_seen_at.
 * Errors: PT404 store not found; 42501 not signed in or not a member of the store.
 */
create function private.mark_updates_seen(p_store_slug text, p_through timestamptz)
returns timestamptz
language plpgsql security definer
set search_path = ''
as $$
declare
  v_contact public.member_contacts := private.my_contact_at((private.store_by_slug(p_store_slug)).id);
  v_seen timestamptz;
begin
  update public.member_contacts c
  set updates_seen_at = greatest(c.updates_seen_at, least(coalesce(p_through, now()), now()))
  where c.id = v_contact.id
  returning c.updates_seen_at into v_seen;
  return v_seen;
end
$$;
revoke execute on function private.mark_updates_seen(text, timestamptz) from public;
grant execute on function private.mark_updates_seen(text, timestamptz) to authenticated;

create function public.mark_updates_seen(p_store_slug text, p_through timestamptz default null)
returns timestamptz
language sql security invoker
set search_path = ''
as $$ select private.mark_updates_seen(p_store_slug, p_through) $$;
revoke execute on function public.mark_updates_seen(text, timestamptz) from public, anon, authenticated;
grant execute on function public.mark_updates_seen(text, timestamptz) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- The read
-- ---------------------------------------------------------------------------------------------

/**
 * The caller's company's updates at the store, newest first: the `p_limit` newest before
 * `p_before` (default: all), and every other update at the same instant as the last of them, so a
 * page never ends inside an instant and the next page is exactly `p_before` = the last one's
 * `happened_at` (an import refunding several orders dates them all alike). Merchant texts (product,
 * coupon, reward and tier names) in the request's language (see reader_locale), each with its
 * `_lang`. Returns {seen_at, new_count, updates: [{kind, happened_at, is_new, …}]}: new are the
 * updates after the caller's updates_seen_at, counted over all of them, not only the page's.
 * Errors: PT404 store not found; 42501 not signed in or not a member of the store; 22023 a limit
 * outside 1-100.
 */
create function private.my_updates(p_store_slug text, p_limit int, p_before timestamptz)
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
          when u.kind = 'coupon_given' then (
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
revoke execute on function private.my_updates(text, int, timestamptz) from public;
grant execute on function private.my_updates(text, int, timestamptz) to authenticated;

/** my_updates with merchant text in `p_locale` (null: the request's Accept-Language, else the store's default), as my_membership. */
create function public.my_updates(p_store_slug text, p_limit int default 20, p_before timestamptz default null, p_locale text default null)
returns jsonb
language sql security invoker
set search_path = ''
as $$
  select set_config('cardclub.locale', coalesce(private.check_locale(p_locale), ''), true);
  select private.my_updates(p_store_slug, p_limit, p_before);
$$;
revoke execute on function public.my_updates(text, int, timestamptz, text) from public, anon, authenticated;
grant execute on function public.my_updates(text, int, timestamptz, text) to authenticated;
