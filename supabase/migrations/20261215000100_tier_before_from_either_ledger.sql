/**
 * A settled order's tier before, read from both ledgers: public.tier_before (20261214000700) read
 * only the row's own ledger, so a rebate row re-rating an order that had earned no rebate before
 * (its tier's rebate was 0 %, so no rebate row recorded that tier) said null, though the order's
 * points rows named the tier it earned at.
 *
 * The tier an order earns at is, for the engine itself, its latest row in either ledger that
 * records one (private.settle_order_rewards' rule, 20261209000400: points first at one instant; a
 * credit from before corrections settled and a scaled correction record none and are passed
 * over). tier_before is now that rule read before the row: earlier rows of the row's own ledger,
 * and rows of the other ledger from an earlier instant (the other ledger's rows at the row's own
 * instant were written by the same settlement, with the tier it earns at from then on).
 *
 * Still null where no earlier row of either ledger records a tier: an order that earned nothing in
 * both (a tier with no points and no rebate writes no row), or whose only rows predate the tiers'
 * recording. Nothing else keeps the tier an order earned at: orders.tier_id is the tier the
 * company held when the order was placed, not the one its own figures reached.
 *
 * Both functions re-created in full (each is one statement); callers read them as before.
 */

/**
 * The tier an order earned at before ledger row `p_order_id`/`p_created_at`/`p_id` of ledger
 * `p_ledger` (1 points, 2 rebate): settle_order_rewards' rule over the rows before it.
 */
create function private.order_tier_before(p_order_id uuid, p_ledger int, p_id bigint, p_created_at timestamptz)
returns uuid
language sql stable
set search_path = ''
as $$
  select k.tier_id from (
    (select l.tier_id, l.created_at, 1 as ledger from public.points_ledger l
     where l.order_id = p_order_id
       and (l.reason = 'order' or (l.reason in ('order_correction', 'order_rerated') and l.tier_id is not null))
       and case when p_ledger = 1 then l.id < p_id else l.created_at < p_created_at end
     order by l.id desc limit 1)
    union all
    (select r.tier_id, r.created_at, 2 from public.rebate_ledger r
     where r.order_id = p_order_id
       and (r.reason = 'order' or (r.reason in ('order_correction', 'order_rerated') and r.tier_id is not null))
       and case when p_ledger = 2 then r.id < p_id else r.created_at < p_created_at end
     order by r.id desc limit 1)
  ) k
  order by k.created_at desc, k.ledger
  limit 1
$$;
revoke execute on function private.order_tier_before(uuid, int, bigint, timestamptz) from public;
-- The computed fields below are security invoker: their caller reads the rows through the ledgers' RLS.
grant execute on function private.order_tier_before(uuid, int, bigint, timestamptz) to authenticated;

/** On a settlement of an order's points, the tier it earned at before (null when unrecorded). */
create or replace function public.tier_before(public.points_ledger)
returns uuid
language sql stable
set search_path = ''
as $$
  select private.order_tier_before($1.order_id, 1, $1.id, $1.created_at)
  where $1.reason in ('order_correction', 'order_rerated')
$$;

/** On a settlement of an order's rebate, the tier it earned at before (null when unrecorded). */
create or replace function public.tier_before(public.rebate_ledger)
returns uuid
language sql stable
set search_path = ''
as $$
  select private.order_tier_before($1.order_id, 2, $1.id, $1.created_at)
  where $1.reason in ('order_correction', 'order_rerated')
$$;
