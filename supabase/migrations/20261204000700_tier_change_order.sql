/**
 * The tier history in the order it was written. A change is dated at its transaction's time
 * (changed_at default now()), so two changes of one member in one transaction (a join and a
 * promotion, a refund and a period re-evaluation) share an instant, and the random uuid ids that
 * broke the tie listed them in a stable but arbitrary order: the console and the portal could
 * show the earlier as the newest, the export and the tier spans could end on it, and an order
 * could be stamped with the tier the member had already left. `seq` numbers the changes as they
 * are written (the rows already there in their (changed_at, id) order, so no order moves) and
 * takes the uuid's place as the tie-breaker.
 *
 * Re-created with only their ordering changed from (changed_at, id) to (changed_at, seq), as the
 * latest migration defining each left them: public.my_data (20261202000600),
 * private.store_tier_spans (20261203000500) and private.tier_at (20261203000800). Their grants,
 * which create or replace keeps, are unchanged.
 */

alter table public.tier_changes add column seq bigint;

-- The numbers follow the order the history was listed in; the tiers in effect stay the same, so
-- the orders need no restamping (the update triggers would visit every member's orders).
alter table public.tier_changes disable trigger user;
update public.tier_changes h set seq = n.seq
from (select id, row_number() over (order by changed_at, id) as seq from public.tier_changes) n
where n.id = h.id;
alter table public.tier_changes enable trigger user;

alter table public.tier_changes alter column seq set not null;
alter table public.tier_changes alter column seq add generated always as identity;
select setval(pg_get_serial_sequence('public.tier_changes', 'seq'), coalesce(max(seq), 0) + 1, false) from public.tier_changes;
alter table public.tier_changes add constraint tier_changes_seq_key unique (seq);
comment on column public.tier_changes.seq is
  'The order the changes were written: breaks ties between changes of one transaction, which share changed_at.';

-- The indexes serving the history's order (a member's, newest first; a store's members' in the
-- tier spans' window) end with the tie-breaker they sort by.
drop index public.tier_changes_member_idx;
create index tier_changes_member_idx on public.tier_changes (member_id, store_id, changed_at, seq);
drop index public.tier_changes_store_member_idx;
create index tier_changes_store_member_idx on public.tier_changes (store_id, member_id, changed_at, seq) include (to_tier_id);

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
    'consent', private.contact_consent(v_contact)
  );
end
$$;

/**
 * Members' tier spans from the tier history: the tier they entered at `since`, held until the
 * next change (`until`, null while current). Runs as the caller.
 */
create or replace function private.store_tier_spans(p_store_id uuid, p_before timestamptz)
returns table (member_id uuid, tier_id uuid, since timestamptz, until timestamptz)
language sql stable
set search_path = ''
as $$
  select h.member_id, h.to_tier_id, h.changed_at,
    lead(h.changed_at) over (partition by h.member_id order by h.changed_at, h.seq)
  from public.tier_changes h
  where h.store_id = p_store_id and h.changed_at < p_before
$$;

/**
 * The tier a member held at an instant by the tier history: the last change at or before it (by
 * time, then the order written, as store_tier_spans orders them); null before the first.
 */
create or replace function private.tier_at(p_store_id uuid, p_member_id uuid, p_at timestamptz)
returns uuid
language sql stable
set search_path = ''
as $$
  select h.to_tier_id from public.tier_changes h
  where h.store_id = p_store_id and h.member_id = p_member_id and h.changed_at <= p_at
  order by h.changed_at desc, h.seq desc
  limit 1
$$;
