-- Demo data: Lumina Hair Co. (`demo-wigs`), a wig and hair-extension wholesaler, with its staff
-- login, tiers, a dozen products and three buyer companies (one ordinary, one senior, one VIP).
-- Runs once on a fresh database after the migrations, as postgres. Fixed ids so that docs and
-- tests can name them; order dates are relative to now() so the demo tiers hold on any day.
--
-- Logins (password):  staff@demo-wigs.test (cardclub-staff)
--                     buyer1@demo-wigs.test .. buyer4@demo-wigs.test (cardclub-member)

-- ---------------------------------------------------------------------------------------------
-- Logins
-- ---------------------------------------------------------------------------------------------

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email,
  extensions.crypt(u.password, extensions.gen_salt('bf')), now(),
  '{"provider":"email","providers":["email"]}', '{}', now(), now(), '', '', '', ''
from (values
  ('d0000000-0000-4000-8000-000000000001'::uuid, 'staff@demo-wigs.test', 'cardclub-staff'),
  ('d0000000-0000-4000-8000-000000000101'::uuid, 'buyer1@demo-wigs.test', 'cardclub-member'),
  ('d0000000-0000-4000-8000-000000000102'::uuid, 'buyer2@demo-wigs.test', 'cardclub-member'),
  ('d0000000-0000-4000-8000-000000000103'::uuid, 'buyer3@demo-wigs.test', 'cardclub-member'),
  ('d0000000-0000-4000-8000-000000000104'::uuid, 'buyer4@demo-wigs.test', 'cardclub-member')
) as u (id, email, password);

-- Supabase's own local stack (supabase start) signs in through auth.identities; ours has none.
do $$
begin
  if to_regclass('auth.identities') is not null then
    execute $sql$
      insert into auth.identities (id, user_id, provider_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
      select u.id, u.id, u.id::text, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true),
        'email', now(), now(), now()
      from auth.users u where u.email like '%@demo-wigs.test'
    $sql$;
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The store, its staff and tiers
-- ---------------------------------------------------------------------------------------------

insert into public.stores (id, slug, name, base_currency, default_locale)
values ('d1000000-0000-4000-8000-000000000001', 'demo-wigs', 'Lumina Hair Co.', 'USD', 'en');

insert into public.store_staff (store_id, user_id, role)
values ('d1000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'owner');

-- The store's trigger created the default tiers; pin their ids. Perks are only what the
-- structured rights (quota, discount, freight, rebate, prepayment...) cannot say (seeds 003, 004).
update public.tiers t
set id = v.id, perks = v.perks
from (values
  (0, 'd2000000-0000-4000-8000-000000000000'::uuid, '{"Seasonal trend report for salons"}'::text[]),
  (1, 'd2000000-0000-4000-8000-000000000001'::uuid, '{"Seasonal trend report for salons","Colour matching for custom units"}'::text[]),
  (2, 'd2000000-0000-4000-8000-000000000002'::uuid, '{"New-season styles before release","A dedicated account manager"}'::text[])
) as v (rank, id, perks)
where t.store_id = 'd1000000-0000-4000-8000-000000000001' and t.rank = v.rank;

-- ---------------------------------------------------------------------------------------------
-- Products: regular and customized lace-front wigs, bundles and closures
-- ---------------------------------------------------------------------------------------------

insert into public.products (id, store_id, sku, name, description, kind, price, currency, moq, visibility, min_tier_rank)
select v.id, 'd1000000-0000-4000-8000-000000000001', v.sku, v.name, v.description, v.kind, v.price, 'USD', v.moq, v.visibility, v.min_tier_rank
from (values
  ('d3000000-0000-4000-8000-000000000001'::uuid, 'LF-BW-13X4-20', 'Body Wave 13x4 Lace Front Wig, 20"',
    '100% human hair, 180% density, pre-plucked hairline, medium brown lace.', 'regular', 189.00, 1, 'public', 0),
  ('d3000000-0000-4000-8000-000000000002'::uuid, 'LF-ST-13X6-24', 'Silky Straight 13x6 HD Lace Front Wig, 24"',
    'HD lace that melts into every skin tone; bleached knots; 200% density.', 'regular', 239.00, 1, 'public', 0),
  ('d3000000-0000-4000-8000-000000000003'::uuid, 'BD-DW-3PC', 'Deep Wave Bundles, 3 pieces (18/20/22")',
    'Double-weft Brazilian virgin hair, natural black, dyeable to 613.', 'regular', 129.00, 3, 'public', 0),
  ('d3000000-0000-4000-8000-000000000004'::uuid, 'CL-ST-5X5-16', '5x5 HD Lace Closure, Straight, 16"',
    'Free part, pre-plucked, matches our straight bundles.', 'regular', 79.00, 1, 'public', 0),
  ('d3000000-0000-4000-8000-000000000005'::uuid, 'CU-COLOR-LF', 'Custom Colored Lace Front Unit',
    'Any shade from our colour card, any length 14-30"; made to order in 10 working days.', 'customized', 329.00, 5, 'public', 0),
  ('d3000000-0000-4000-8000-000000000006'::uuid, 'LF-BOB-12-PACK', 'Blunt Cut Bob Wig 12", salon pack of 10',
    'Wholesale pack for salons; 150% density, T-part lace.', 'regular', 890.00, 1, 'members', 0),
  ('d3000000-0000-4000-8000-000000000007'::uuid, 'LF-KC-13X4-22', 'Kinky Curly 13x4 Lace Front Wig, 22"',
    '4B-4C texture matched, natural hairline with baby hair.', 'regular', 209.00, 1, 'members', 0),
  ('d3000000-0000-4000-8000-000000000008'::uuid, 'CU-GLUELESS', 'Custom Glueless Wear-and-Go Unit',
    'Cap size, elastic band and density to the buyer''s spec; pre-cut lace.', 'customized', 289.00, 5, 'members', 0),
  ('d3000000-0000-4000-8000-000000000009'::uuid, 'BD-RAW-CAMB-ST', 'Raw Cambodian Straight Bundles (test batch)',
    'Single-donor raw hair from our new supplier; limited test batch for trading partners.', 'regular', 199.00, 2, 'tier', 1),
  ('d3000000-0000-4000-8000-000000000010'::uuid, 'FL-RAW-30', 'Full Lace Raw Virgin Wig 30" (new season)',
    'Next season''s flagship before public release.', 'regular', 599.00, 1, 'tier', 2),
  ('d3000000-0000-4000-8000-000000000011'::uuid, 'CU-HD-FULL-SALON', 'Custom Bleached-Knot HD Full Lace Unit, salon-ready',
    'Hand-tied, custom hairline design, styled and shipped on a block head.', 'customized', 749.00, 1, 'tier', 2),
  ('d3000000-0000-4000-8000-000000000012'::uuid, 'LF-WW-360-PRE', 'Pre-release: Water Wave 360 Lace Wig',
    'VIP preview price; opens to all members next quarter.', 'regular', 279.00, 1, 'tier', 2)
) as v (id, sku, name, description, kind, price, moq, visibility, min_tier_rank);

-- ---------------------------------------------------------------------------------------------
-- Buyer companies, their contacts and orders
-- ---------------------------------------------------------------------------------------------

insert into public.members (id, store_id, company_name, country, website, industry, tier_id, joined_at)
values
  ('d4000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', 'Glow Beauty Supply LLC', 'US',
    'https://glowbeauty.example', 'Beauty supply retail', 'd2000000-0000-4000-8000-000000000000', now() - interval '20 days'),
  ('d4000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001', 'Haarwerk Berlin GmbH', 'DE',
    'https://haarwerk.example', 'Salon chain', 'd2000000-0000-4000-8000-000000000000', now() - interval '200 days'),
  ('d4000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000001', 'Bella Cabello S.A. de C.V.', 'MX',
    'https://bellacabello.example', 'Wholesale distribution', 'd2000000-0000-4000-8000-000000000000', now() - interval '500 days');

insert into public.member_contacts (id, member_id, store_id, user_id, role, full_name, job_title, email, phone, whatsapp, wechat, preferred_locale)
values
  ('d5000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001',
    'd0000000-0000-4000-8000-000000000101', 'primary', 'Tasha Brown', 'Purchasing manager', 'buyer1@demo-wigs.test', '+1 404 555 0101', '+1 404 555 0101', null, 'en'),
  ('d5000000-0000-4000-8000-000000000002', 'd4000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001',
    'd0000000-0000-4000-8000-000000000102', 'primary', 'Lena Vogel', 'Owner', 'buyer2@demo-wigs.test', '+49 30 5550 102', null, null, 'en'),
  ('d5000000-0000-4000-8000-000000000003', 'd4000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000001',
    'd0000000-0000-4000-8000-000000000103', 'primary', 'Mariana López', 'Directora de compras', 'buyer3@demo-wigs.test', '+52 55 5550 0103', '+52 55 5550 0103', null, 'es'),
  ('d5000000-0000-4000-8000-000000000004', 'd4000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000001',
    'd0000000-0000-4000-8000-000000000104', 'colleague', 'Chen Wei', 'Sourcing agent (Guangzhou)', 'buyer4@demo-wigs.test', '+86 20 5550 0104', null, 'chenwei-sourcing', 'zh-CN');

-- The orders trigger evaluates tiers: Haarwerk becomes senior, Bella Cabello VIP
-- (14,484 USD paid in the last year; its older and refunded orders do not count).
insert into public.orders (id, store_id, member_id, contact_id, external_ref, amount, currency, exchange_rate, placed_at, status, delivered_at)
values
  ('d6000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000002',
    'd5000000-0000-4000-8000-000000000002', 'LUM-2026-0412', 1450.00, 'EUR', 1.08, now() - interval '150 days', 'paid', now() - interval '140 days'),
  ('d6000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000002',
    'd5000000-0000-4000-8000-000000000002', 'LUM-2026-0588', 1634.00, 'USD', 1, now() - interval '45 days', 'paid', now() - interval '35 days'),
  ('d6000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000003',
    'd5000000-0000-4000-8000-000000000003', 'LUM-2025-0107', 9800.00, 'USD', 1, now() - interval '420 days', 'paid', now() - interval '410 days'),
  ('d6000000-0000-4000-8000-000000000004', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000003',
    'd5000000-0000-4000-8000-000000000003', 'LUM-2026-0233', 6200.00, 'USD', 1, now() - interval '250 days', 'paid', now() - interval '240 days'),
  ('d6000000-0000-4000-8000-000000000005', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000003',
    'd5000000-0000-4000-8000-000000000004', 'LUM-2026-0501', 152000.00, 'MXN', 0.0545, now() - interval '90 days', 'paid', now() - interval '80 days'),
  ('d6000000-0000-4000-8000-000000000006', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000003',
    'd5000000-0000-4000-8000-000000000003', 'LUM-2026-0650', 2400.00, 'USD', 1, now() - interval '20 days', 'refunded', null);

-- A sample request in the staff queue.
insert into public.sample_claims (id, store_id, member_id, product_id, contact_id, quantity, ship_to)
values ('d7000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000001',
  'd3000000-0000-4000-8000-000000000007', 'd5000000-0000-4000-8000-000000000001', 1,
  '{"name":"Tasha Brown","company":"Glow Beauty Supply LLC","line1":"220 Peachtree St NW","city":"Atlanta","region":"GA","postal_code":"30303","country":"US","phone":"+1 404 555 0101"}');

-- ---------------------------------------------------------------------------------------------
-- Points, rebates, coupons, rewards and inquiries (issue 4)
-- ---------------------------------------------------------------------------------------------
-- The orders above already earned points and (for Bella Cabello, VIP) rebates through the
-- orders trigger; its 420-day-old order's points have expired by now. What follows goes through
-- the same RPCs the apps call, signed in as the demo logins, so the demo ledgers are ones the
-- engine itself wrote.

update public.stores
set join_points = 200, review_points = 50, points_per_currency_unit = 1, points_expiry_days = 365
where id = 'd1000000-0000-4000-8000-000000000001';

insert into public.coupons (id, store_id, code, description, kind, value, currency, min_order_amount, min_tier_rank,
  valid_from, valid_until, per_member_limit, is_gift_pack, claimable)
values
  ('d8000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', 'WELCOME-10',
    'New-member gift pack: 10% off your first wholesale order of 300 USD or more.', 'percent', 10, 'USD', 300, 0,
    now() - interval '1 year', null, 1, true, false),
  ('d8000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001', 'WELCOME-SAMPLE',
    'New-member gift pack: 15 USD off a colour-card sample kit.', 'amount', 15, 'USD', null, 0,
    now() - interval '1 year', null, 1, true, false),
  ('d8000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000001', 'REORDER-20',
    'Senior members: 20 USD off a reorder of 200 USD or more. Two per company this season.', 'amount', 20, 'USD', 200, 1,
    now() - interval '30 days', now() + interval '90 days', 2, false, true),
  ('d8000000-0000-4000-8000-000000000004', 'd1000000-0000-4000-8000-000000000001', 'VIP-SEASON-8',
    'VIP: an extra 8% off new-season styles.', 'percent', 8, null, null, 2,
    now() - interval '10 days', now() + interval '60 days', 1, false, true),
  ('d8000000-0000-4000-8000-000000000005', 'd1000000-0000-4000-8000-000000000001', 'POINTS-50',
    '50 USD off any order of 500 USD or more, bought with points.', 'amount', 50, 'USD', 500, 0,
    now() - interval '1 year', null, 5, false, false);

insert into public.rewards (id, store_id, name, description, points_cost, coupon_id)
values
  ('d9000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', '50 USD coupon',
    'A POINTS-50 coupon: 50 USD off an order of 500 USD or more.', 5000, 'd8000000-0000-4000-8000-000000000005'),
  ('d9000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001', 'Colour-card sample kit',
    'All 36 shades on swatches, shipped with your next order.', 1500, null);

-- These companies joined before the store offered join points and a gift pack; the newest
-- (Glow, 20 days ago) gets both as if it joined today, through the same function joining runs.
select private.credit_points('d4000000-0000-4000-8000-000000000001', 200, 'join', now() - interval '20 days');
insert into public.member_coupons (store_id, coupon_id, member_id, slot, source)
select c.store_id, c.id, 'd4000000-0000-4000-8000-000000000001', 1, 'gift_pack'
from public.coupons c where c.store_id = 'd1000000-0000-4000-8000-000000000001' and c.is_gift_pack;

-- Acting as a demo login for the RPCs below (auth.uid() reads these claims).
create function pg_temp.act_as(p_user uuid) returns void language sql as $$
  select set_config('request.jwt.claims', jsonb_build_object('sub', p_user, 'role', 'authenticated')::text, false)
$$;

-- Haarwerk reviews its delivered order (review points) and claims a senior coupon.
select pg_temp.act_as('d0000000-0000-4000-8000-000000000102');
select public.review_order('d6000000-0000-4000-8000-000000000001', 5,
  'Lace melted perfectly, density exactly as listed. Our stylists want the 24" next.');
select public.claim_coupon('d8000000-0000-4000-8000-000000000003');

-- Bella Cabello buys a 50 USD coupon with points and claims the VIP coupon.
select pg_temp.act_as('d0000000-0000-4000-8000-000000000103');
select public.redeem_reward('d9000000-0000-4000-8000-000000000001');
select public.claim_coupon('d8000000-0000-4000-8000-000000000004');

-- Glow Beauty asks for a quote before its first order.
select pg_temp.act_as('d0000000-0000-4000-8000-000000000101');
select public.send_inquiry('demo-wigs', 'Could you do 200 units of the 20" body wave at 165 USD each, shipped to Atlanta by March?',
  'd3000000-0000-4000-8000-000000000001', 200, 165);

-- Staff answer it, record rebate applied to a new order, and thank Haarwerk with points.
select pg_temp.act_as('d0000000-0000-4000-8000-000000000001');
select public.answer_inquiry(i.id, 'Yes: 200 units at 168 USD with free DHL upgrade; 50% deposit, ships in 12 working days.')
from public.inquiries i where i.store_id = 'd1000000-0000-4000-8000-000000000001';
select public.apply_rebate('d4000000-0000-4000-8000-000000000003', 300, 'LUM-2026-0702', 'Deducted from the new-season order');
select public.adjust_points('d4000000-0000-4000-8000-000000000002', 500, 'Thank-you for the salon photo shoot');

select set_config('request.jwt.claims', '', false);
select private.expire_store_points('d1000000-0000-4000-8000-000000000001');
