/**
 * my_membership's claimable coupons gain `held`: how many copies the company has of each, as
 * claim_coupon counts them against the per-company limit (used ones too). The portal
 * said "may hold {held + left}; it has {held}" by counting the company's rows from a second read
 * (member_coupons), which had to list every copy ever held and could be a reload behind the
 * membership's `left`; the count is made here already, to work out `left`. The function is
 * re-created as 20261124000300 left it, with only that field added.
 */
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
          where mc.member_id = m.id and mc.used_at is null and (c.valid_until is null or c.valid_until > now())), '[]'),
        'claimable', coalesce((
          select jsonb_agg(jsonb_build_object('coupon_id', c.id, 'code', c.code,
              'kind', c.kind, 'value', c.value, 'currency', c.currency, 'min_order_amount', c.min_order_amount,
              'valid_until', c.valid_until, 'held', held.count, 'left', c.per_member_limit - held.count) || private.coupon_description(c)
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
