/**
 * Leaving keeps the merchant's record of samples, and leaving does not reset what a login may
 * claim. When the last contact left, leave_store deleted the company's sample claims: the merchant
 * lost the record that shipped samples went out, and since the sample quota and a coupon's
 * per_member_limit counted by company, the same login could leave, exchange cards again (a new
 * company) and claim a fresh quota at once, or hold more copies of a coupon than its limit. The
 * gift pack is already given once per login (20261206000300); samples and claimed coupons follow
 * that model: the claim remembers the login that made it, and what a login claimed under a
 * company it has left still counts against it.
 *
 * - sample_claims.claimed_by: the login that claimed (as member_coupons.claimed_by), kept as
 *   recorded when the contact leaves; backfilled from the claim's contact where it still exists.
 * - private.samples_used takes the login whose claims under companies it left count too: dropped
 *   and created with `p_user` (default null, the company's claims alone: the staff's
 *   sample_quota_use, which is not re-created, calls it with one argument and still means that).
 *   Re-created to pass the login, each otherwise as in 20261124000200:
 *   - private.sample_quota_backstop, with the inserted claim's `claimed_by`;
 *   - private.claim_sample, which also records `claimed_by`;
 *   - private.member_summary (my_membership's `samples` used and left) and private.my_tier_at
 *     (store_catalogue's `sample_eligible`), with the caller, so what is shown as left is what a
 *     claim is allowed.
 * - private.coupon_copies_counted is the coupon limit's count: the company's copies and the
 *   login's own claims of the coupon under companies it left. Re-created to use it:
 *   private.issue_coupon (as in 20261124000300; only a claim passes the login, so give_coupon and
 *   rewards count the company's copies as before) and private.ledger_summary (as in
 *   20261204000610: a claimable coupon's `held` and `left`).
 * - private.leave_store (as in 20261204000800): a colleague who leaves has their open claims
 *   cancelled with their address and any rejection reason cleared (staff could otherwise ship one
 *   to a country alone; the reason is staff's free text, which may name the buyer or their
 *   address); with the last contact, the company's sample claims
 *   are kept with their addresses cleared to the country and no rejection reason, as for a
 *   colleague who leaves, and open ones are cancelled, as cancel_sample does, since nobody is
 *   left to ship to. sample_claims_rejected_has_reason therefore asks a reason only of a claim that
 *   still has its contact. (Mended before release: the kept claims first kept the reason.)
 *   And the company's `left_at` is set (the column is added by 20261208000500, with the reasons;
 *   the body resolves it when it runs): staff screens, segments and analytics know it left.
 *
 * Every other line of the re-created functions is as in the migration named; create or replace
 * keeps their grants, and samples_used, created anew, is revoked as before.
 */

alter table public.sample_claims add column claimed_by uuid;
comment on column public.sample_claims.claimed_by is
  'The login that claimed; kept as recorded (no foreign key) when its contact or company leaves, so the quota still counts the claim against that login.';

update public.sample_claims s set claimed_by = c.user_id
from public.member_contacts c where c.id = s.contact_id;

-- A rejected claim of a contact who left keeps no reason: staff's free text may name the buyer or
-- their address (leave_store clears it with the address).
alter table public.sample_claims
  drop constraint sample_claims_rejected_has_reason,
  add constraint sample_claims_rejected_has_reason check (status <> 'rejected' or rejection_reason is not null or contact_id is null);

-- Serves the login's part of the quota count (its claims at the store since a date).
create index sample_claims_claimed_by_idx on public.sample_claims (claimed_by, store_id, created_at) where claimed_by is not null;
-- Serves the login's part of a coupon's limit count.
create index member_coupons_claim_by_idx on public.member_coupons (coupon_id, claimed_by) where source = 'claim';

drop function private.samples_used(uuid);

/**
 * Claims that count against a member's quota in the store's current sample period: the company's,
 * and `p_user`'s own claims at the store under companies it has left (each claim once).
 */
create function private.samples_used(p_member_id uuid, p_user uuid default null)
returns int
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (
    select count(*)::int
    from public.sample_claims c
    join public.members m on m.id = p_member_id
    join public.stores s on s.id = m.store_id
    where c.store_id = m.store_id and (c.member_id = p_member_id or c.claimed_by = p_user)
      and c.status in ('requested', 'approved', 'shipped')
      and c.created_at > now() - make_interval(days => s.sample_period_days)
  );
end
$$;
revoke execute on function private.samples_used(uuid, uuid) from public;

/** As in 20261124000200, counting the claiming login's claims under companies it left too. */
create or replace function private.sample_quota_backstop()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_quota int;
  v_used int;
begin
  -- NO KEY UPDATE: the insert's foreign-key check already holds KEY SHARE on this row, which
  -- FOR UPDATE would conflict with between two inserters (a deadlock); this still serialises them.
  perform 1 from public.members m where m.id = new.member_id for no key update;
  select t.sample_quota into v_quota from public.tiers t where t.id = private.effective_tier_id(new.member_id);
  v_used := private.samples_used(new.member_id, new.claimed_by);
  if v_quota is not null and v_used > v_quota then
    raise exception using errcode = 'P0001',
      message = format('Sample quota reached (%s of %s used)', v_used - 1, v_quota),
      detail = jsonb_build_object('field', 'quota', 'reason', 'reached', 'used', v_used - 1, 'quota', v_quota)::text;
  end if;
  return null;
end
$$;

/**
 * As in 20261124000200, recording the claiming login, whose claims under companies it left count
 * against the quota with the company's. Its one company's lock serialises the login's claims too.
 */
create or replace function private.claim_sample(p_product_id uuid, p_ship_to jsonb, p_quantity int)
returns public.sample_claims
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_product public.products;
  v_contact public.member_contacts;
  v_tier public.tiers;
  v_tier_id uuid;
  v_used int;
  v_claim public.sample_claims;
begin
  select * into v_product from public.products p where p.id = p_product_id and p.active;
  if v_product.id is null then
    perform private.reject('product_id', 'matches no product', 'PT404');
  end if;
  select * into v_contact from public.member_contacts c where c.store_id = v_product.store_id and c.user_id = v_user;
  if v_contact.id is null then
    if v_product.visibility <> 'public' then
      -- Exclusivity hides even a product's existence from other stores' members.
      perform private.reject('product_id', 'matches no product', 'PT404');
    end if;
    perform private.reject(null, 'Only members of this store can claim samples', '42501');
  end if;

  perform 1 from public.members m where m.id = v_contact.member_id for update;
  -- Evaluated once into a variable: compared inside the query, the volatile call would run per
  -- tier row of every store.
  v_tier_id := private.refresh_member_tier(v_contact.member_id, null);
  select * into v_tier from public.tiers t where t.id = v_tier_id;
  if v_product.visibility <> 'public'
     and (case when v_product.visibility = 'members' then 0 else v_product.min_tier_rank end) > v_tier.rank then
    -- Same answer as for a product that does not exist: exclusivity hides even its existence.
    perform private.reject('product_id', 'matches no product', 'PT404');
  end if;
  -- Only now that the caller may see the product: an argument check before this would answer a
  -- hidden product differently from a missing one.
  if p_quantity is null or p_quantity not between 1 and 10 then
    perform private.reject('quantity', 'must be between 1 and 10');
  end if;
  v_used := private.samples_used(v_contact.member_id, v_user);
  if v_tier.sample_quota is not null and v_used >= v_tier.sample_quota then
    raise exception using errcode = 'P0001',
      message = format('Sample quota reached (%s of %s used)', v_used, v_tier.sample_quota),
      detail = jsonb_build_object('field', 'quota', 'reason', 'reached', 'used', v_used, 'quota', v_tier.sample_quota)::text;
  end if;

  insert into public.sample_claims (store_id, member_id, product_id, contact_id, quantity, ship_to, claimed_by)
  values (v_product.store_id, v_contact.member_id, v_product.id, v_contact.id, p_quantity, private.parse_ship_to(p_ship_to), v_user)
  returning * into v_claim;
  return v_claim;
end
$$;

/** As in 20261124000200, with the samples used as the caller's claims count them. */
create or replace function private.member_summary(p_member_id uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object(
      'store', jsonb_build_object('id', s.id, 'slug', s.slug, 'name', s.name, 'base_currency', s.base_currency,
        'default_locale', s.default_locale, 'statistical_period_days', s.statistical_period_days,
        'sample_period_days', s.sample_period_days),
      'member', jsonb_build_object('id', m.id, 'company_name', m.company_name, 'country', m.country,
        'website', m.website, 'industry', m.industry, 'joined_at', m.joined_at),
      'contact', (select jsonb_build_object('id', c.id, 'role', c.role, 'full_name', c.full_name)
                  from public.member_contacts c where c.member_id = m.id and c.user_id = (select auth.uid())),
      'contacts_count', (select count(*) from public.member_contacts c where c.member_id = m.id),
      'tier', private.tier_json(t),
      'override', case when m.tier_override_id is not null then jsonb_build_object(
        'tier_id', m.tier_override_id, 'tier_name', (select private.tier_json(o) ->> 'name' from public.tiers o where o.id = m.tier_override_id),
        'expires_at', m.tier_override_expires_at, 'reason', m.tier_override_reason) end,
      'progress', jsonb_build_object(
        'window_start', p.window_start,
        'paid_orders', p.paid_orders,
        'paid_amount', p.paid_amount,
        'currency', s.base_currency,
        -- When the oldest counted order leaves the window (and the totals drop).
        'next_expiry', p.oldest_placed_at + make_interval(days => s.statistical_period_days),
        'next_tier', (select jsonb_build_object('id', n.id, 'rank', n.rank, 'name', private.tier_json(n) ->> 'name',
            'min_paid_orders', n.min_paid_orders, 'min_paid_amount', n.min_paid_amount,
            'orders_needed', greatest(n.min_paid_orders - p.paid_orders, 0),
            'amount_needed', greatest(n.min_paid_amount - p.paid_amount, 0))
          from public.tiers n where n.store_id = s.id and n.rank > t.rank order by n.rank limit 1)),
      'samples', jsonb_build_object('used', u.used, 'quota', t.sample_quota,
        'left', case when t.sample_quota is not null then greatest(t.sample_quota - u.used, 0) end)
    )
    from public.members m
    join public.stores s on s.id = m.store_id
    join public.tiers t on t.id = m.tier_id
    cross join private.paid_in_periods(array[m.id]) p
    cross join lateral (select private.samples_used(m.id, (select auth.uid())) as used) u
    where m.id = p_member_id
  );
end
$$;

/** As in 20261124000200, with the samples used as the caller's claims count them. */
create or replace function private.my_tier_at(p_store_id uuid)
returns table (tier_id uuid, can_claim_sample boolean)
language sql stable security definer
set search_path = ''
as $$
  select t.id, t.sample_quota is null or t.sample_quota > private.samples_used(c.member_id, c.user_id)
  from public.member_contacts c
  join public.tiers t on t.id = private.effective_tier_id(c.member_id)
  where c.store_id = p_store_id and c.user_id = (select auth.uid())
$$;

/**
 * Copies of a coupon that count against its per_member_limit for a company: every copy it holds
 * (used ones too), and `p_user`'s own claims of the coupon under companies it has left.
 */
create function private.coupon_copies_counted(p_coupon_id uuid, p_member_id uuid, p_user uuid)
returns int
language sql stable
set search_path = ''
as $$
  select count(*)::int from public.member_coupons mc
  where mc.coupon_id = p_coupon_id
    and (mc.member_id = p_member_id or (mc.source = 'claim' and mc.claimed_by = p_user))
$$;
-- Called only by the functions below, as their owner.
revoke execute on function private.coupon_copies_counted(uuid, uuid, uuid) from public;

/** As in 20261124000300, with a claim's limit counting the claiming login's copies under companies it left. */
create or replace function private.issue_coupon(p_member_id uuid, p_coupon_id uuid, p_source text, p_claimed_by uuid)
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
  -- Staff and rewards give to the company: their login is not the one the limit follows.
  v_held := private.coupon_copies_counted(v_coupon.id, p_member_id, case when p_source = 'claim' then p_claimed_by end);
  if v_held >= v_coupon.per_member_limit then
    perform private.reject('coupon', format('limit reached (%s of %s held)', v_held, v_coupon.per_member_limit), 'P0001');
  end if;

  insert into public.member_coupons (store_id, coupon_id, member_id, slot, source, claimed_by)
  values (v_coupon.store_id, v_coupon.id, p_member_id,
    (select count(*) + 1 from public.member_coupons mc where mc.coupon_id = v_coupon.id and mc.member_id = p_member_id),
    p_source, p_claimed_by)
  returning id into v_id;
  return v_id;
end
$$;

/** As in 20261204000610, with `held` counted as claim_coupon counts it for the caller. */
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

/**
 * The caller leaves the store: their card is deleted; what they wrote or received keeps its
 * business facts without them (orders, claims, inquiries and reviews lose the contact; the
 * addresses on their sample claims are cleared to the country; invitations they sent or
 * accepted, which hold e-mail addresses, are deleted). When they were the company's last
 * contact, the company's personal data goes too: its card (name replaced, country, website,
 * industry cleared), override reason (on the company and in its tier history), invitations,
 * inquiries and reviews; its sample claims stay as the merchant's record of what went out
 * (addresses cleared to the country, open ones cancelled), and its orders, ledgers, coupons and tier history, with amounts and
 * dates only, for the merchant's statistics; `left_at` records when it left. `p_confirm` must be true (the portal asks first).
 * Returns {"left": true, "company_removed": bool}.
 * Errors: PT404 store not found; 42501 not signed in or not a member; 22023 confirm.
 */
create or replace function private.leave_store(p_store_slug text, p_confirm boolean)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_last boolean;
begin
  if p_confirm is not true then
    perform private.reject('confirm', 'must be true: leaving deletes your card and cannot be undone');
  end if;
  -- Colleagues leaving together are taken one at a time, so exactly one of them is the last.
  perform 1 from public.members m where m.id = v_contact.member_id for update;

  -- The leaver's address goes, and staff's reason for a rejection (free text that may name the
  -- buyer or their address); a claim of theirs still open is cancelled (as cancel_sample does),
  -- or staff could approve and ship it to a country alone. contact_id is cleared here, not by the
  -- card's delete below, since a rejected claim may go without a reason only once it has no contact.
  update public.sample_claims s
  set ship_to = jsonb_strip_nulls(jsonb_build_object('country', s.ship_to -> 'country')), rejection_reason = null, contact_id = null,
      status = case when s.status in ('requested', 'approved') then 'cancelled' else s.status end,
      decided_at = case when s.status in ('requested', 'approved') then now() else s.decided_at end
  where s.contact_id = v_contact.id;
  delete from public.member_invitations i where i.invited_by = v_contact.id or i.accepted_by = v_contact.id;
  delete from public.member_contacts c where c.id = v_contact.id;

  v_last := not exists (select 1 from public.member_contacts c where c.member_id = v_contact.member_id);
  if v_last then
    delete from public.member_invitations i where i.member_id = v_contact.member_id;
    -- The claims stay: the merchant's record of samples sent, and (by claimed_by) what each login
    -- has claimed. Every address and rejection reason is cleared, also of a card that went
    -- without leaving (a deleted login); an open claim is cancelled, as cancel_sample does, with
    -- nobody left to ship to.
    update public.sample_claims s
    set ship_to = jsonb_strip_nulls(jsonb_build_object('country', s.ship_to -> 'country')), rejection_reason = null,
        status = case when s.status in ('requested', 'approved') then 'cancelled' else s.status end,
        decided_at = case when s.status in ('requested', 'approved') then now() else s.decided_at end
    where s.member_id = v_contact.member_id;
    delete from public.inquiries q where q.member_id = v_contact.member_id;
    delete from public.order_reviews r where r.member_id = v_contact.member_id;
    update public.members m
    set company_name = 'Former member', country = null, website = null, industry = null, tier_override_reason = null,
      left_at = now()
    where m.id = v_contact.member_id;
    update public.tier_changes h set note = null where h.member_id = v_contact.member_id and h.note is not null;
  end if;
  return jsonb_build_object('left', true, 'company_removed', v_last);
end
$$;
