-- The large merchant and its 200 small neighbours, generated set-based inside Postgres.
-- Run as postgres on a throw-away bench database by bench/generate.ts, which first sets the
-- `bench.*` parameters (seed and sizes) and replaces :seed below. Statements are separated by
-- lines holding only `-- step: <name>`, so the runner can time and report each.
--
-- Business triggers are bypassed (session_replication_role = replica) for speed, and every row
-- they would have written is computed here instead, as one back-fill import per buyer at t0
-- would leave it: tier evaluated from paid orders in the period, order points and rebates at
-- that tier, points expired as the nightly expire_points leaves them, balances equal to their
-- ledgers, and a tier history of join then orders. bench/consistency.sql checks the result.

-- step: helpers
create schema bench;
-- Deterministic uniform [0, 1) per (stream, store, row): the seeded PRNG, independent of plans.
create function bench.u(p_stream text, p_store int, p_i bigint) returns double precision
language sql immutable parallel safe as $$
  select ('x' || substr(md5(':seed' || ':' || p_stream || ':' || p_store || ':' || p_i), 1, 8))::bit(32)::bigint / 4294967296.0
$$;
-- The k-th uniform (0-3) of an md5 already drawn: one hash serves four draws.
create function bench.hu(p_hash text, p_k int) returns double precision
language sql immutable parallel safe as $$
  select ('x' || substr(p_hash, 1 + 8 * p_k, 8))::bit(32)::bigint / 4294967296.0
$$;
-- An md5 as a version-4 UUID (version and variant bits set, as gen_random_uuid's are): clients
-- that validate ids (zod's uuid) refuse a raw md5.
create function bench.uuid(p_hash text) returns uuid
language sql immutable parallel safe as $$
  select overlay(overlay(p_hash placing '4' from 13)
    placing substr('89ab', ('x' || lpad(substr(p_hash, 17, 1), 8, '0'))::bit(32)::int % 4 + 1, 1) from 17)::uuid
$$;
-- Deterministic ids, so that a rerun produces the same rows and the same plans.
create function bench.id(p_kind text, p_store int, p_i bigint) returns uuid
language sql immutable parallel safe as $$
  select bench.uuid(md5(':seed' || ':id:' || p_kind || ':' || p_store || ':' || p_i))
$$;
-- Bulk loads build a table's secondary indexes once afterwards instead of row by row:
-- every index that backs no constraint is dropped before its table's load and recreated
-- from its saved definition after, whatever indexes the migrations define by then.
create table bench.saved_indexes (table_name text, index_name text, definition text);
create function bench.drop_indexes(p_table regclass) returns void language plpgsql as $$
declare
  r record;
begin
  for r in select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
           where i.indrelid = p_table and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid) loop
    insert into bench.saved_indexes values (p_table::text, r.name, r.def);
    execute format('drop index %s', r.name);
  end loop;
end
$$;
create function bench.restore_indexes(p_table regclass) returns void language plpgsql as $$
declare
  r record;
begin
  for r in delete from bench.saved_indexes s where s.table_name = p_table::text returning s.definition loop
    execute r.definition;
  end loop;
end
$$;

-- Merchant texts (product and reward names, descriptions) are plain text or, once the
-- merchant-languages migration is in, jsonb by locale; bench.mt writes whichever the column is.
do $do$
begin
  if (select c.data_type from information_schema.columns c
      where c.table_schema = 'public' and c.table_name = 'products' and c.column_name = 'name') = 'jsonb' then
    create function bench.mt(p text) returns jsonb language sql immutable as $$ select jsonb_build_object('en', p) $$;
  else
    create function bench.mt(p text) returns text language sql immutable as $$ select p $$;
  end if;
end
$do$;
create table bench.plan as
select s as store_no, bench.id('store', s, 0) as store_id,
  case when s = 0 then current_setting('bench.members')::int else current_setting('bench.small_members')::int end as members,
  case when s = 0 then current_setting('bench.orders')::int else current_setting('bench.small_orders')::int end as orders,
  case when s = 0 then current_setting('bench.products')::int else current_setting('bench.small_products')::int end as products,
  case when s = 0 then current_setting('bench.claims')::int else current_setting('bench.small_claims')::int end as claims,
  date_trunc('minute', now()) as t0
from generate_series(0, current_setting('bench.small_stores')::int) s;

-- step: stores
-- With triggers on: each store gets its three default tiers exactly as create_store does.
-- The big merchant signs up last, after the 200 small ones, so that whatever scans other
-- stores' rows (tiers, say) before reaching its own pays for them, as a late large tenant would.
insert into public.stores (id, slug, name, created_at)
select p.store_id, case when p.store_no = 0 then 'bench-big' else format('bench-s%s', lpad(p.store_no::text, 3, '0')) end,
  bench.mt(case when p.store_no = 0 then 'Big Wigs Wholesale' else format('Small store %s', p.store_no) end),
  p.t0 - interval '1100 days'
from bench.plan p order by p.store_no = 0, p.store_no;
insert into public.rewards (store_id, name, description, points_cost)
select p.store_id, bench.mt('Sample pack voucher'), bench.mt('Staff send a pack of samples.'), 200 from bench.plan p;

-- step: members
set session_replication_role = replica;
insert into public.members (id, store_id, company_name, country, industry, joined_at)
select bench.id('member', p.store_no, m), p.store_id,
  format('%s %s %s', (array['Apex','Bright','Coral','Delta','Evergreen','Falcon','Golden','Harbor','Ivory','Jade'])[1 + (bench.u('cn1', p.store_no, m) * 10)::int % 10],
    (array['Beauty','Hair','Trading','Imports','Salon Supply','Retail','Styles','Goods'])[1 + (bench.u('cn2', p.store_no, m) * 8)::int % 8], m),
  (array['DE','US','FR','ES','GB','NG','BR','AE','MX','IT'])[1 + (bench.u('cc', p.store_no, m) * 10)::int % 10],
  'Hair and beauty wholesale',
  p.t0 - make_interval(secs => bench.u('mj', p.store_no, m) * 1095 * 86400)
from bench.plan p cross join lateral generate_series(1, p.members) m;

-- step: auth users
-- One login per contact (a primary per company, a colleague for about one company in ten) and
-- an owner per store; bench/users.ts gives passwords to the few the measures sign in as.
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email, '', p.t0 - interval '1100 days',
  '{"provider": "email", "providers": ["email"]}', '{}', p.t0 - interval '1100 days', p.t0 - interval '1100 days'
from bench.plan p
cross join lateral (
  select bench.id('user', p.store_no, m) as id, format('buyer-%s-%s@bench.test', p.store_no, m) as email
  from generate_series(1, p.members) m
  union all
  select bench.id('colleague-user', p.store_no, m), format('colleague-%s-%s@bench.test', p.store_no, m)
  from generate_series(1, p.members) m where bench.u('colleague', p.store_no, m) < 0.1
  union all
  select bench.id('owner', p.store_no, 0), format('owner-%s@bench.test', p.store_no)
) u;
insert into public.store_staff (store_id, user_id, role, created_at)
select p.store_id, bench.id('owner', p.store_no, 0), 'owner', p.t0 - interval '1100 days' from bench.plan p;

-- step: contacts
insert into public.member_contacts (id, member_id, store_id, user_id, role, full_name, job_title, email, preferred_locale, created_at)
select bench.id('contact', p.store_no, m), bench.id('member', p.store_no, m), p.store_id, bench.id('user', p.store_no, m),
  'primary', format('Buyer %s', m), 'Purchasing manager', format('buyer-%s-%s@bench.test', p.store_no, m), 'en', mem.joined_at
from bench.plan p cross join lateral generate_series(1, p.members) m
join public.members mem on mem.id = bench.id('member', p.store_no, m)
union all
select bench.id('colleague', p.store_no, m), bench.id('member', p.store_no, m), p.store_id, bench.id('colleague-user', p.store_no, m),
  'colleague', format('Colleague %s', m), null, format('colleague-%s-%s@bench.test', p.store_no, m), 'en', mem.joined_at + interval '3 days'
from bench.plan p cross join lateral generate_series(1, p.members) m
join public.members mem on mem.id = bench.id('member', p.store_no, m)
where bench.u('colleague', p.store_no, m) < 0.1;

-- step: products
-- A third exclusive: half of those members-only, half gated at Senior or VIP; a few inactive.
insert into public.products (id, store_id, sku, name, description, kind, price, currency, moq, visibility, min_tier_rank, active, created_at)
select bench.id('product', p.store_no, n), p.store_id, format('SKU-%s', lpad(n::text, 6, '0')),
  bench.mt(format('%s %s %s', (array['Body Wave','Straight','Deep Curly','Kinky Straight','Water Wave','Loose Wave','Bob','Pixie'])[1 + (bench.u('pn1', p.store_no, n) * 8)::int % 8],
    (array['Lace Front Wig','Bundle','Closure','Frontal','Ponytail','Clip-in Set'])[1 + (bench.u('pn2', p.store_no, n) * 6)::int % 6], n)),
  bench.mt('Human hair, factory direct.'),
  case when bench.u('pk', p.store_no, n) < 0.2 then 'customized' else 'regular' end,
  round((5 + bench.u('pp', p.store_no, n) * 295)::numeric, 2), 'USD', 1 + (bench.u('pm', p.store_no, n) * 20)::int,
  case when n % 3 <> 0 then 'public' when n % 6 = 0 then 'members' else 'tier' end,
  case when n % 3 <> 0 or n % 6 = 0 then 0 when bench.u('pr', p.store_no, n) < 0.5 then 1 else 2 end,
  n % 37 <> 0, p.t0 - interval '1000 days'
from bench.plan p cross join lateral generate_series(1, p.products) n;

-- step: orders
-- Buyers are the first 60 % of members; member rank r = floor(B * u^2.1) gives a power law:
-- the top buyer about half a percent of all orders, a few hundred with 100+, a long tail.
-- Inserted in placed_at order, as they arrived, so one buyer's orders are spread over the heap.
create table bench.member_map as
select p.store_no, m, bench.id('member', p.store_no, m) as member_id, bench.id('contact', p.store_no, m) as contact_id
from bench.plan p cross join lateral generate_series(1, p.members) m;
create unique index on bench.member_map (store_no, m);
analyze bench.member_map;
select bench.drop_indexes('public.orders');
-- Two md5s per order: the second is its id, and each 8 hex digits of either is one uniform.
-- tier_id: the tier history (member state, below) is a join at rank 0 before the member's
-- first order and the tier evaluated at t0, so every order placed before t0 was placed at rank 0.
-- paid_at: a paid order was paid when imported; a refunded or cancelled one never was.
insert into public.orders (id, store_id, member_id, contact_id, external_ref, amount, currency, exchange_rate,
  placed_at, status, delivered_at, imported_at, updated_at, tier_id, paid_at)
select bench.uuid(o.h2), o.store_id, mm.member_id, case when bench.hu(o.h2, 1) < 0.5 then mm.contact_id end,
  o.external_ref, o.amount, o.currency, case o.currency when 'EUR' then 1.08 else 1 end,
  o.placed_at, o.status,
  case when o.status = 'paid' and o.placed_at + interval '25 days' < o.t0
    then o.placed_at + make_interval(days => 3 + (bench.hu(o.h2, 2) * 20)::int) end,
  least(o.placed_at + interval '1 hour', o.t0), least(o.placed_at + interval '1 hour', o.t0),
  case when o.placed_at < o.t0 then ordinary.id end,
  case when o.status = 'paid' then least(o.placed_at + interval '1 hour', o.t0) end
from (
  select r.*,
    1 + floor(ceil(r.members * 0.6) * power(bench.hu(r.h1, 0), 2.1))::int as m,
    format('B%s-%s', r.store_no, lpad(r.i::text, 7, '0')) as external_ref,
    round((20 + 2980 * power(bench.hu(r.h1, 1), 2))::numeric, 2) as amount,
    case when bench.hu(r.h2, 0) < 0.2 then 'EUR' else 'USD' end as currency,
    r.t0 - make_interval(secs => bench.hu(r.h1, 2) * 1095 * 86400) as placed_at,
    case when bench.hu(r.h1, 3) < 0.9 then 'paid' when bench.hu(r.h1, 3) < 0.96 then 'refunded' else 'cancelled' end as status
  from (
    select p.store_no, p.store_id, p.t0, p.members, i,
      md5(':seed:order-1:' || p.store_no || ':' || i) as h1, md5(':seed:order-2:' || p.store_no || ':' || i) as h2
    from bench.plan p cross join lateral generate_series(1, p.orders) i
    offset 0 -- computes each md5 once instead of once per use
  ) r
) o
join bench.member_map mm on mm.store_no = o.store_no and mm.m = o.m
join public.tiers ordinary on ordinary.store_id = o.store_id and ordinary.rank = 0
order by o.placed_at;
select bench.restore_indexes('public.orders');
analyze public.orders;
-- Nobody joins after their first order.
update public.members m set joined_at = f.first_at - interval '1 day'
from (select o.member_id, min(o.placed_at) as first_at from public.orders o group by o.member_id) f
where f.member_id = m.id and m.joined_at >= f.first_at;
update public.member_contacts c set created_at = m.joined_at + case c.role when 'primary' then interval '0' else interval '3 days' end
from public.members m where m.id = c.member_id and c.created_at <> m.joined_at + case c.role when 'primary' then interval '0' else interval '3 days' end;

-- step: tiers
-- evaluate_tier, set-based: the highest tier whose minimums the paid orders of the period meet.
create table bench.member_tier as
select m.id as member_id, m.store_id, t.id as tier_id, t.rank, t.name, t.points_multiplier, t.rebate_percent
from public.members m
join public.stores s on s.id = m.store_id
join bench.plan p on p.store_id = m.store_id
left join lateral (
  select count(*)::int as n, coalesce(sum(o.amount_base), 0) as amount from public.orders o
  where o.member_id = m.id and o.store_id = m.store_id and o.status = 'paid'
    and o.placed_at > p.t0 - make_interval(days => s.statistical_period_days)
) w on true
cross join lateral (
  select t.* from public.tiers t
  where t.store_id = m.store_id and t.min_paid_orders <= w.n and t.min_paid_amount <= w.amount
  order by t.rank desc limit 1
) t;
create unique index on bench.member_tier (member_id);
analyze bench.member_tier;

-- step: points
-- What refresh_tiers credits each paid order at the member's tier, then the nightly expiry: a
-- credit whose period has passed keeps remaining 0 and has its expiry row dated at the boundary.
select bench.drop_indexes('public.points_ledger');
select bench.drop_indexes('public.rebate_ledger');
create table bench.credits as
select (select coalesce(max(l.id), 0) from public.points_ledger l) + row_number() over (order by o.member_id, o.id) as id, o.store_id, o.member_id, o.id as order_id, o.external_ref,
  floor(o.amount_base * mt.points_multiplier * s.points_per_currency_unit)::bigint as points,
  least(o.placed_at, p.t0) as earned_at,
  least(o.placed_at, p.t0) + make_interval(days => s.points_expiry_days) as expires_at,
  least(o.placed_at, p.t0) + make_interval(days => s.points_expiry_days) <= p.t0 as expired
from public.orders o
join bench.member_tier mt on mt.member_id = o.member_id
join public.stores s on s.id = o.store_id
join bench.plan p on p.store_id = o.store_id
where o.status = 'paid' and floor(o.amount_base * mt.points_multiplier * s.points_per_currency_unit) > 0;
insert into public.points_ledger (id, store_id, member_id, delta, reason, order_id, earned_at, expires_at, remaining, note, created_at)
overriding system value
select c.id, c.store_id, c.member_id, c.points, 'order', c.order_id, c.earned_at, c.expires_at,
  case when c.expired then 0 else c.points end, c.external_ref, p.t0
from bench.credits c join bench.plan p on p.store_id = c.store_id order by c.id;
insert into public.points_ledger (id, store_id, member_id, delta, reason, credit_id, earned_at, created_at)
overriding system value
select (select max(id) from bench.credits) + row_number() over (order by c.member_id, c.id), c.store_id, c.member_id,
  -c.points, 'expiry', c.id, c.expires_at, p.t0
from bench.credits c join bench.plan p on p.store_id = c.store_id where c.expired order by c.member_id, c.id;
select setval(pg_get_serial_sequence('public.points_ledger', 'id'), (select max(id) from public.points_ledger));

-- step: rebates
insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, order_id, note, created_at)
select o.store_id, o.member_id, round(o.amount_base * mt.rebate_percent / 100, 2), s.base_currency, 'order', o.id,
  format('%s%% of order %s', mt.rebate_percent, o.external_ref), p.t0
from public.orders o
join bench.member_tier mt on mt.member_id = o.member_id
join public.stores s on s.id = o.store_id
join bench.plan p on p.store_id = o.store_id
where o.status = 'paid' and round(o.amount_base * mt.rebate_percent / 100, 2) > 0
order by o.member_id, o.id;

-- step: sample claims
-- Two claims per claiming company over three years (within every tier's quota), on public
-- products; older ones shipped or rejected, recent ones still in the queue.
insert into public.sample_claims (id, store_id, member_id, product_id, contact_id, quantity, ship_to, status,
  tracking_number, carrier, rejection_reason, created_at, decided_at, shipped_at)
select bench.id('claim', c.store_no, c.k), c.store_id, bench.id('member', c.store_no, c.m), bench.id('product', c.store_no, c.product_no),
  bench.id('contact', c.store_no, c.m), 1 + (bench.u('cq', c.store_no, c.k) * 3)::int,
  jsonb_build_object('name', format('Buyer %s', c.m), 'line1', '1 Market Street', 'city', 'Lagos', 'country', 'NG', 'phone', '+234 1 234 5678'),
  c.status, case when c.status = 'shipped' then format('TRK%s', c.k) end, case when c.status = 'shipped' then 'DHL' end,
  case when c.status = 'rejected' then 'Out of stock' end,
  c.created_at, case when c.status <> 'requested' then c.created_at + interval '1 day' end,
  case when c.status = 'shipped' then c.created_at + interval '2 days' end
from (
  select p.store_no, p.store_id, k, 1 + ((k - 1) % greatest(p.claims / 2, 1)) * greatest(p.members / greatest(p.claims / 2, 1), 1) as m,
    3 * floor(bench.u('cp', p.store_no, k) * (p.products / 3))::int + 1 as product_no,
    p.t0 - make_interval(secs => bench.u('ct', p.store_no, k) * 1095 * 86400) as created_at,
    case when bench.u('ct', p.store_no, k) * 1095 > 30 then (case when bench.u('cs', p.store_no, k) < 0.9 then 'shipped' else 'rejected' end)
      when bench.u('cs', p.store_no, k) < 0.5 then 'requested' else 'approved' end as status
  from bench.plan p cross join lateral generate_series(1, p.claims) k
) c;

-- step: ledger indexes
set maintenance_work_mem = '256MB';
select bench.restore_indexes('public.points_ledger');
select bench.restore_indexes('public.rebate_ledger');
analyze public.points_ledger, public.rebate_ledger;

-- step: member state
-- The cached tier, balances equal to the ledgers, and the tier history (join, then orders).
update public.members m set tier_id = mt.tier_id, last_evaluated_at = p.t0,
  points_balance = coalesce((select sum(l.delta) from public.points_ledger l where l.member_id = m.id), 0),
  rebate_balance = coalesce((select sum(r.delta) from public.rebate_ledger r where r.member_id = m.id), 0)
from bench.member_tier mt join bench.plan p on p.store_id = mt.store_id
where mt.member_id = m.id;
-- What refresh_tiers keeps with the tier: until when it holds (the oldest counted order leaving
-- the period; no overrides here), the period's figures it came from, and paid_order_facts: the
-- newest paid order and the one before it, the median gap between paid orders, and the instants whose period holds
-- one paid order and two, from the gaps as the engine builds them (consistency.ts checks them
-- against one range per order), in days of 24 hours as the engine counts them.
set timezone = 'UTC';
create table bench.member_order_facts as
select m.id as member_id,
  coalesce(w.oldest + make_interval(days => s.statistical_period_days), 'infinity') as valid_until,
  w.oldest, w.paid_orders, w.paid_amount, g.last_at, g.previous_at, g.median_gap, coalesce(g.once, '{}') as once, coalesce(g.twice, '{}') as twice
from public.members m
join public.stores s on s.id = m.store_id
join bench.plan p on p.store_id = m.store_id
left join (
  select x.member_id, max(x.placed_at) as last_at, max(x.previous) as previous_at, percentile_cont(0.5) within group (order by x.placed_at - x.previous) as median_gap,
    tstzmultirange(tstzrange(min(x.placed_at), max(x.placed_at) + x.period))
      - coalesce(range_agg(tstzrange(x.previous + x.period, x.placed_at)) filter (where x.previous + x.period < x.placed_at), '{}') as once,
    case when count(x.previous) > 0 then tstzmultirange(tstzrange(min(x.placed_at) filter (where x.previous is not null),
        greatest(min(x.placed_at) filter (where x.previous is not null), max(x.previous) + x.period)))
      - coalesce(range_agg(tstzrange(greatest(x.placed_at, x.previous + x.period), x.next)) filter (where x.previous + x.period < x.next), '{}')
    end as twice
  from (select o.member_id, o.placed_at, lag(o.placed_at) over t as previous, lead(o.placed_at) over t as next,
          make_interval(days => st.statistical_period_days) as period
        from public.orders o join public.stores st on st.id = o.store_id where o.status = 'paid'
        window t as (partition by o.member_id order by o.placed_at)) x
  group by x.member_id, x.period
) g on g.member_id = m.id
left join lateral (
  select min(o.placed_at) as oldest, count(*)::int as paid_orders, coalesce(sum(o.amount_base), 0) as paid_amount
  from public.orders o
  where o.member_id = m.id and o.store_id = m.store_id and o.status = 'paid'
    and o.placed_at > p.t0 - make_interval(days => s.statistical_period_days)
) w on true;
update public.members m
set tier_valid_until = f.valid_until, last_paid_order_at = f.last_at, previous_paid_order_at = f.previous_at, paid_order_gap_median = f.median_gap,
  paid_once = f.once, paid_twice = f.twice,
  period_paid_orders = f.paid_orders, period_paid_amount = f.paid_amount, period_oldest_paid_at = f.oldest
from bench.member_order_facts f where f.member_id = m.id;
reset timezone;
-- The move at t0 names every order its back-fill import paid (refresh_tiers' paid_order_refs).
insert into public.tier_changes (member_id, store_id, from_tier_id, from_tier_name, to_tier_id, to_tier_name, reason, changed_at, paid_order_refs)
select m.id, m.store_id, null, null, o.id, o.name, 'join', m.joined_at, null
from public.members m join public.tiers o on o.store_id = m.store_id and o.rank = 0
union all
select mt.member_id, mt.store_id, o.id, o.name, mt.tier_id, mt.name, 'orders', p.t0,
  array(select x.external_ref from public.orders x where x.member_id = mt.member_id and x.store_id = mt.store_id and x.status = 'paid'
        order by x.placed_at, x.external_ref)
from bench.member_tier mt join public.tiers o on o.store_id = mt.store_id and o.rank = 0
join bench.plan p on p.store_id = mt.store_id
where mt.rank > 0;
-- An order placed at t0 itself (if one was drawn there) was placed at the evaluated tier.
update public.orders o set tier_id = mt.tier_id
from bench.member_tier mt join bench.plan p on p.store_id = mt.store_id
where o.member_id = mt.member_id and o.placed_at >= p.t0 and o.tier_id is distinct from mt.tier_id;
reset session_replication_role;

-- step: vacuum
-- Run by the runner outside a transaction: a steady-state database has its statistics and visibility map.
vacuum analyze;
