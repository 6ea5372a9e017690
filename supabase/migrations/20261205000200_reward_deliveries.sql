-- Rewards the store's team fulfils (a reward for points without a coupon: a colour-card kit, a
-- catalogue) reached nobody: redeem_reward took the points and staff saw only a count per reward.
-- Each such redemption is now a delivery for staff to send, listed on the console's coupons and
-- rewards screen until marked sent (with how it went, e.g. a tracking number), and the member's
-- points history says when it was sent.

/**
 * One redemption of a reward without a coupon: what the store owes the company. Written by the
 * trigger on points_ledger (a redemption of such a reward) and by mark_reward_sent only.
 */
create table public.reward_deliveries (
  -- The redemption's entry in the points history.
  points_entry_id bigint primary key references public.points_ledger (id) on delete cascade,
  store_id uuid not null,
  member_id uuid not null,
  reward_id uuid not null references public.rewards (id),
  requested_at timestamptz not null,
  sent_at timestamptz,
  -- The staff login that marked it sent.
  sent_by uuid,
  -- How it went, as staff wrote it (carrier and tracking number, "handed over at the fair").
  sent_note text check (length(sent_note) between 1 and 200),
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade,
  constraint reward_deliveries_sent_is_complete check ((sent_at is null) = (sent_by is null)),
  constraint reward_deliveries_note_when_sent check (sent_note is null or sent_at is not null),
  constraint reward_deliveries_sent_note_single_line check (private.is_single_line(sent_note))
);
comment on table public.reward_deliveries is
  'Rewards for points the store''s team sends (no coupon): one per redemption, until marked sent. Staff of the store and the company''s contacts read them.';
-- The console's list: a store's deliveries still to send, oldest first.
create index reward_deliveries_to_send_idx on public.reward_deliveries (store_id, requested_at) where sent_at is null;
create index reward_deliveries_member_store_idx on public.reward_deliveries (member_id, store_id);
create index reward_deliveries_reward_idx on public.reward_deliveries (reward_id);

alter table public.reward_deliveries enable row level security;
revoke all on table public.reward_deliveries from anon, authenticated, service_role;
grant select on table public.reward_deliveries to authenticated, service_role;

create policy "Contacts read their company's deliveries, staff their store's" on public.reward_deliveries
  for select to authenticated
  using (member_id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));

/** A redemption of a reward without a coupon becomes a delivery to send, in the same transaction. */
create function private.reward_delivery_for_redemption()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.reward_deliveries (points_entry_id, store_id, member_id, reward_id, requested_at)
  select new.id, new.store_id, new.member_id, r.id, new.created_at
  from public.rewards r
  where r.id = new.reward_id and r.coupon_id is null;
  return null;
end
$$;
revoke execute on function private.reward_delivery_for_redemption() from public;

create trigger points_ledger_reward_delivery after insert on public.points_ledger
  for each row when (new.reason = 'redemption') execute function private.reward_delivery_for_redemption();

-- Redemptions made before this migration of rewards that have no coupon today and issued none
-- then (a reward's coupon may have been removed since: its copy was written in the redemption's
-- transaction, so at the same instant): owed as well.
insert into public.reward_deliveries (points_entry_id, store_id, member_id, reward_id, requested_at)
select l.id, l.store_id, l.member_id, r.id, l.created_at
from public.points_ledger l
join public.rewards r on r.id = l.reward_id
where l.reason = 'redemption' and r.coupon_id is null
  and not exists (select 1 from public.member_coupons mc
                  where mc.member_id = l.member_id and mc.source = 'reward' and mc.claimed_at = l.created_at);

/**
 * redeem_reward (migration 20261124000300) as before, with the reward read under a share lock: the
 * coupon it issues and the delivery the trigger writes are then decided by the same reward.
 */
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

/**
 * Staff mark a delivery sent, with how it went (optional, one line of at most 200 characters).
 * Errors: PT404 no delivery with that entry the caller can read; 42501 the company's contact;
 * 22023 a note too long or of several lines; P0001 already marked sent.
 */
create function private.mark_reward_sent(p_points_entry_id bigint, p_note text)
returns public.reward_deliveries
language plpgsql security definer
set search_path = ''
as $$
declare
  v_delivery public.reward_deliveries;
  v_user uuid;
begin
  select * into v_delivery from public.reward_deliveries d
  where d.points_entry_id = p_points_entry_id and private.can_read_company_row(d.store_id, d.member_id)
  for update;
  if v_delivery.points_entry_id is null then
    perform private.reject('points_entry_id', 'matches no reward to send', 'PT404');
  end if;
  v_user := private.require_staff_of(v_delivery.store_id);
  if v_delivery.sent_at is not null then
    perform private.reject('delivery', format('was already marked sent at %s', v_delivery.sent_at), 'P0001');
  end if;

  update public.reward_deliveries d
  set sent_at = now(), sent_by = v_user, sent_note = private.clean_line('note', p_note, 200)
  where d.points_entry_id = v_delivery.points_entry_id
  returning * into v_delivery;
  return v_delivery;
end
$$;
revoke execute on function private.mark_reward_sent(bigint, text) from public;
grant execute on function private.mark_reward_sent(bigint, text) to authenticated;

create function public.mark_reward_sent(p_points_entry_id bigint, p_note text default null)
returns public.reward_deliveries
language sql security invoker
set search_path = ''
as $$ select private.mark_reward_sent(p_points_entry_id, p_note) $$;
revoke execute on function public.mark_reward_sent(bigint, text) from public, anon, authenticated;
grant execute on function public.mark_reward_sent(bigint, text) to authenticated;

-- The company's data at the store includes what it is owed and how it was sent: my_data
-- (migration 20261204000700) as before, with the deliveries.
create or replace function public.my_data(p_store_slug text)
returns jsonb
language plpgsql stable security invoker
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_member uuid := v_contact.member_id;
begin
  return jsonb_build_object(
    'exported_at', now(),
    'store', jsonb_build_object('id', v_store.id, 'slug', v_store.slug, 'name', v_store.name),
    'login', jsonb_build_object('user_id', v_contact.user_id, 'email', (select auth.jwt()) ->> 'email'),
    'my_card', to_jsonb(v_contact),
    'company', (select to_jsonb(m) from public.members m where m.id = v_member),
    'contacts', (select coalesce(jsonb_agg(to_jsonb(c) order by c.created_at, c.id), '[]') from public.member_contacts c where c.member_id = v_member),
    'invitations', (select coalesce(jsonb_agg(to_jsonb(i) - 'token' order by i.created_at, i.id), '[]') from public.member_invitations i where i.member_id = v_member),
    'orders', (select coalesce(jsonb_agg(to_jsonb(o) order by o.placed_at, o.id), '[]') from public.orders o where o.member_id = v_member),
    'tier_changes', (select coalesce(jsonb_agg(to_jsonb(t) order by t.changed_at, t.seq), '[]') from public.tier_changes t where t.member_id = v_member),
    'points_ledger', (select coalesce(jsonb_agg(to_jsonb(p) order by p.id), '[]') from public.points_ledger p where p.member_id = v_member),
    'rebate_ledger', (select coalesce(jsonb_agg(to_jsonb(r) order by r.id), '[]') from public.rebate_ledger r where r.member_id = v_member),
    'coupons', (select coalesce(jsonb_agg(to_jsonb(c) order by c.claimed_at, c.id), '[]') from public.member_coupons c where c.member_id = v_member),
    'sample_claims', (select coalesce(jsonb_agg(to_jsonb(s) order by s.created_at, s.id), '[]') from public.sample_claims s where s.member_id = v_member),
    'inquiries', (select coalesce(jsonb_agg(to_jsonb(q) order by q.created_at, q.id), '[]') from public.inquiries q where q.member_id = v_member),
    'reviews', (select coalesce(jsonb_agg(to_jsonb(r) order by r.created_at, r.id), '[]') from public.order_reviews r where r.member_id = v_member),
    'reward_deliveries', (select coalesce(jsonb_agg(to_jsonb(d) order by d.requested_at, d.points_entry_id), '[]') from public.reward_deliveries d where d.member_id = v_member),
    'consent', private.contact_consent(v_contact)
  );
end
$$;
