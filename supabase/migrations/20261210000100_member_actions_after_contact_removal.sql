/**
 * A member's request waiting on its company's lock while staff take the caller off the company
 * (remove_member_contact, 20261209000700) went through for a card that was gone: redeem_reward,
 * claim_coupon, claim_sample, send_inquiry and invite_colleague read the caller's card before
 * the lock and never again, so a reward was paid for in points and a coupon issued to a contact
 * no longer there, and a claim, inquiry or invitation failed on the card's foreign key (23503,
 * naming the constraint). Each now looks for the card again once the lock is held and, when it is
 * gone, answers as the same request sent after the removal does: it runs again from the start,
 * whose checks refuse the caller with their own sentence (PT404 for a reward or coupon the caller
 * may no longer read, 42501 not a member, PT404 for a company they are no longer a contact of)
 * before anything is written. leave_store already reads the card again under the lock.
 *
 * redeem_reward takes the company's lock before lock_and_check_points, which takes it again: a
 * removed contact's request is refused for that, not for a balance it no longer draws on.
 *
 * Every other line is as in the migration named above each function; create or replace keeps
 * their grants.
 */

-- ---------------------------------------------------------------------------------------------
-- Points and coupons
-- ---------------------------------------------------------------------------------------------

/** As in 20261205000200. */
create or replace function private.redeem_reward(p_reward_id uuid)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_reward public.rewards;
  v_contact public.member_contacts;
  v_member_coupon uuid;
begin
  -- Held until the redemption commits: a reward's coupon changed meanwhile by staff would leave
  -- the company with neither its coupon nor a delivery (or with both).
  select * into v_reward from public.rewards r where r.id = p_reward_id for share;
  if v_reward.id is null or not private.can_read_reward(v_reward) then
    perform private.reject('reward_id', 'matches no active reward', 'PT404');
  end if;
  v_contact := private.my_contact_at(v_reward.store_id);
  if not v_reward.active then
    perform private.reject('reward_id', 'matches no active reward', 'PT404');
  end if;
  perform private.lock_member(v_contact.member_id);
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.redeem_reward(p_reward_id);
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

/** As in 20261124000300. */
create or replace function private.claim_coupon(p_coupon_id uuid)
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
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.claim_coupon(p_coupon_id);
  end if;
  v_claimed_id := private.issue_coupon(v_contact.member_id, v_coupon.id, 'claim', v_contact.user_id);
  select * into v_claimed from public.member_coupons mc where mc.id = v_claimed_id;
  return v_claimed;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Samples, inquiries and invitations
-- ---------------------------------------------------------------------------------------------

/** As in 20261208000100. */
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
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.claim_sample(p_product_id, p_ship_to, p_quantity);
  end if;
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

/** As in 20261206000100. */
create or replace function private.send_inquiry(
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
  v_currency text := nullif(upper(btrim(p_currency)), '');
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
  if v_currency is not null and not private.is_iso_currency(v_currency) then
    perform private.reject('currency', 'must be a three-letter ISO 4217 code such as USD');
  end if;
  if v_currency is not null and p_target_price is null then
    perform private.reject('currency', 'is the target price''s currency: give a target_price, or leave currency out');
  end if;
  if p_target_price is not null then
    perform private.check_amount('target_price', p_target_price);
    v_currency := coalesce(v_currency, v_product.currency,
      (select s.base_currency from public.stores s where s.id = v_store_id));
  end if;

  -- One company's open inquiries are counted one at a time.
  perform 1 from public.members m where m.id = v_contact.member_id for update;
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.send_inquiry(p_store_slug, p_message, p_product_id, p_quantity, p_target_price, p_currency);
  end if;
  if (select count(*) from public.inquiries i where i.member_id = v_contact.member_id and i.status = 'open') >= 50 then
    perform private.reject('inquiry', 'cannot be sent: your company has 50 open inquiries; wait for answers first', 'P0001');
  end if;

  insert into public.inquiries (store_id, member_id, contact_id, product_id, quantity, target_price, currency, message)
  values (v_store_id, v_contact.member_id, v_contact.id, p_product_id, p_quantity, p_target_price, v_currency, btrim(p_message))
  returning * into v_inquiry;
  return v_inquiry;
end
$$;

/** As in 20261124000200. */
create or replace function private.invite_colleague(p_member_id uuid, p_email text)
returns public.member_invitations
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_contact public.member_contacts;
  v_email text := lower(btrim(p_email));
  v_invitation public.member_invitations;
  v_pending int;
begin
  if not exists (select 1 from public.members m
                 where m.id = p_member_id and private.can_read_company_row(m.store_id, m.id)) then
    perform private.reject('member_id', 'matches no member', 'PT404');
  end if;
  select * into v_contact from public.member_contacts c
  where c.member_id = p_member_id and c.user_id = v_user;
  if v_contact.id is null then
    perform private.reject('member_id', 'is not a company you are a contact of', '42501');
  end if;
  perform private.clean_format('email', v_email, 'email', true);
  -- Only the inviter's own company is checked: refusing an address of another company here
  -- would let any member test who buys from the store. Such an invitation is created, and the
  -- invitee is told why it cannot be accepted (already a contact at this store).
  if exists (select 1 from public.member_contacts c join auth.users u on u.id = c.user_id
             where c.member_id = p_member_id and lower(u.email) = v_email) then
    perform private.reject('email', 'already belongs to a contact of your company', '23505');
  end if;

  -- One company's invitations are counted one at a time.
  perform 1 from public.members m where m.id = p_member_id for update;
  -- Staff may have removed the caller while this waited (remove_member_contact): answered as the
  -- same request sent now.
  if not exists (select 1 from public.member_contacts c where c.id = v_contact.id) then
    return private.invite_colleague(p_member_id, p_email);
  end if;
  select count(*) into v_pending from public.member_invitations i
  where i.member_id = p_member_id and i.accepted_at is null and i.expires_at > now() and lower(i.email) <> v_email;
  if v_pending >= 100 then
    perform private.reject('email', 'cannot be invited: your company has 100 pending invitations; withdraw some first', 'P0001');
  end if;

  insert into public.member_invitations as i (member_id, store_id, email, invited_by)
  values (p_member_id, v_contact.store_id, v_email, v_contact.id)
  on conflict (member_id, lower(email)) where accepted_at is null do update
    set expires_at = now() + interval '14 days', invited_by = excluded.invited_by
  returning * into v_invitation;
  return v_invitation;
end
$$;
