-- Demo data: Lumina Hair Co. (`demo-wigs`), a wig and hair-extension wholesaler, with its staff
-- login, tiers, a dozen products and three buyer companies (one ordinary, one senior, one VIP).
-- Runs once on a fresh database after the migrations, as postgres. Fixed ids so that docs and
-- tests can name them; dates are relative to today so the demo tiers hold on any day, at fixed hours
-- of the working day (pg_temp.days_ago) rather than the clock time of seeding.
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
values ('d1000000-0000-4000-8000-000000000001', 'demo-wigs', '{"en": "Lumina Hair Co."}', 'USD', 'en');

insert into public.store_staff (store_id, user_id, role)
values ('d1000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'owner');

-- The demo merchant page (`npm run dev`, port 4322) may embed the widget's signed-in frame (issue 11).
update public.stores set embed_origins = '{http://localhost:4322}', brand_color = '#7a1f5c'
where id = 'd1000000-0000-4000-8000-000000000001';

-- The store's trigger created the default tiers, named in every language; pin their ids. Perks are
-- only what the structured rights (quota, discount, freight, rebate, prepayment...) cannot say
-- (seeds 003, 004), written for salon owners and distributors in each market.
update public.tiers t
set id = v.id, perks = v.perks
from (values
  (0, 'd2000000-0000-4000-8000-000000000000'::uuid, '{
    "en": ["Seasonal trend report for salons"],
    "zh-CN": ["每季沙龙流行款趋势报告"],
    "es": ["Informe de tendencias de cada temporada para salones"]}'::jsonb),
  (1, 'd2000000-0000-4000-8000-000000000001'::uuid, '{
    "en": ["Seasonal trend report for salons", "Colour matching for custom units"],
    "zh-CN": ["每季沙龙流行款趋势报告", "定制发套免费对色"],
    "es": ["Informe de tendencias de cada temporada para salones", "Igualamos el color de tus unidades a medida"]}'::jsonb),
  (2, 'd2000000-0000-4000-8000-000000000002'::uuid, '{
    "en": ["Seasonal trend report for salons", "Colour matching for custom units", "New-season styles before release", "A dedicated account manager"],
    "zh-CN": ["每季沙龙流行款趋势报告", "定制发套免费对色", "新季款式上市前抢先订", "专属客户经理一对一跟单"],
    "es": ["Informe de tendencias de cada temporada para salones", "Igualamos el color de tus unidades a medida", "Estilos de nueva temporada antes del lanzamiento", "Un ejecutivo de cuenta solo para tu empresa"]}'::jsonb)
) as v (rank, id, perks)
where t.store_id = 'd1000000-0000-4000-8000-000000000001' and t.rank = v.rank;

-- The merchant's card, given in return for a buyer's (issue 11) and shown on the store page.
insert into public.merchant_cards (store_id, title, contact_name, contact_title, email, phone, whatsapp, wechat, website,
  address, introduction)
values ('d1000000-0000-4000-8000-000000000001',
  '{"en": "Lumina Hair Co. — human hair wigs, wholesale",
    "zh-CN": "Lumina 真人发假发工厂直批",
    "es": "Lumina Hair Co. — pelucas de cabello humano al por mayor"}',
  'Grace Lin',
  '{"en": "Sales manager, overseas markets", "zh-CN": "海外市场销售经理", "es": "Gerente de ventas internacionales"}',
  'sales@demo-wigs.test', '+86 20 3188 0101', '+86 138 0000 0101', 'lumina-grace', 'https://lumina-hair.example',
  jsonb_build_object(
    'en', E'Room 1208, Baiyun Hair Products Plaza\n88 Jichang Road, Baiyun District\nGuangzhou 510405, China',
    'zh-CN', E'中国广州市白云区机场路88号\n白云发制品广场1208室\n邮编 510405',
    'es', E'Oficina 1208, Baiyun Hair Products Plaza\n88 Jichang Road, distrito de Baiyun\nCantón 510405, China'),
  '{"en": "Factory-direct human hair wigs, bundles and closures since 2012. We ship to salons and distributors in over 60 countries; custom units are made to order in 10 working days.",
    "zh-CN": "2012年起工厂直供真人发假发、发帘和发块，出货到60多个国家的沙龙和批发商。定制发套下单后10个工作日交货。",
    "es": "Pelucas, bundles y closures de cabello humano directo de fábrica desde 2012. Enviamos a salones y distribuidores de más de 60 países; las unidades a medida se fabrican en 10 días hábiles."}');

-- ---------------------------------------------------------------------------------------------
-- Products: regular and customized lace-front wigs, bundles and closures
-- ---------------------------------------------------------------------------------------------

insert into public.products (id, store_id, sku, name, description, kind, price, currency, moq, visibility, min_tier_rank)
select v.id, 'd1000000-0000-4000-8000-000000000001', v.sku, v.name, v.description, v.kind, v.price, 'USD', v.moq, v.visibility, v.min_tier_rank
from (values
  ('d3000000-0000-4000-8000-000000000001'::uuid, 'LF-BW-13X4-20', 'regular', 189.00, 1, 'public', 0,
    jsonb_build_object('en', 'Body Wave 13x4 Lace Front Wig, 20"', 'zh-CN', '13x4 蕾丝前额大波浪假发 20英寸', 'es', 'Peluca lace front 13x4 Body Wave, 20"'),
    jsonb_build_object('en', '100% human hair, 180% density, pre-plucked hairline, medium brown lace.', 'zh-CN', '100%真人发，180%密度，发际线已预拔，中棕色蕾丝。', 'es', '100 % cabello humano, densidad 180 %, línea de nacimiento pre-depilada, encaje marrón medio.')),
  ('d3000000-0000-4000-8000-000000000002'::uuid, 'LF-ST-13X6-24', 'regular', 239.00, 1, 'public', 0,
    jsonb_build_object('en', 'Silky Straight 13x6 HD Lace Front Wig, 24"', 'zh-CN', '13x6 HD蕾丝前额丝滑直发假发 24英寸', 'es', 'Peluca lace front HD 13x6 lacia sedosa, 24"'),
    jsonb_build_object('en', 'HD lace that melts into every skin tone; bleached knots; 200% density.', 'zh-CN', 'HD透明蕾丝，贴合各种肤色；已漂结；200%密度。', 'es', 'Encaje HD que se funde con cualquier tono de piel; nudos decolorados; densidad 200 %.')),
  ('d3000000-0000-4000-8000-000000000003'::uuid, 'BD-DW-3PC', 'regular', 129.00, 3, 'public', 0,
    jsonb_build_object('en', 'Deep Wave Bundles, 3 pieces (18/20/22")', 'zh-CN', '巴西深波纹发帘 3件装（18/20/22英寸）', 'es', 'Bundles Deep Wave, 3 piezas (18/20/22")'),
    jsonb_build_object('en', 'Double-weft Brazilian virgin hair, natural black, dyeable to 613.', 'zh-CN', '双层发帘，巴西原生发，自然黑，可漂染至613金色。', 'es', 'Cabello virgen brasileño de doble trama, negro natural, se puede teñir hasta 613.')),
  ('d3000000-0000-4000-8000-000000000004'::uuid, 'CL-ST-5X5-16', 'regular', 79.00, 1, 'public', 0,
    jsonb_build_object('en', '5x5 HD Lace Closure, Straight, 16"', 'zh-CN', '5x5 HD蕾丝直发发块 16英寸', 'es', 'Closure HD 5x5 lacio, 16"'),
    jsonb_build_object('en', 'Free part, pre-plucked, matches our straight bundles.', 'zh-CN', '自由分缝，已预拔，与我们的直发发帘配套。', 'es', 'Raya libre, pre-depilado, combina con nuestros bundles lacios.')),
  ('d3000000-0000-4000-8000-000000000005'::uuid, 'CU-COLOR-LF', 'customized', 329.00, 5, 'public', 0,
    jsonb_build_object('en', 'Custom Colored Lace Front Unit', 'zh-CN', '定制染色蕾丝前额发套', 'es', 'Unidad lace front teñida a medida'),
    jsonb_build_object('en', 'Any shade from our colour card, any length 14-30"; made to order in 10 working days.', 'zh-CN', '色卡任选颜色，长度14至30英寸任选；下单后10个工作日做好。', 'es', 'Cualquier tono de nuestra carta de colores y cualquier largo de 14 a 30"; se fabrica en 10 días hábiles.')),
  ('d3000000-0000-4000-8000-000000000006'::uuid, 'LF-BOB-12-PACK', 'regular', 890.00, 1, 'members', 0,
    jsonb_build_object('en', 'Blunt Cut Bob Wig 12", salon pack of 10', 'zh-CN', '齐剪波波头假发 12英寸，沙龙10顶装', 'es', 'Peluca bob de corte recto 12", paquete de 10 para salón'),
    jsonb_build_object('en', 'Wholesale pack for salons; 150% density, T-part lace.', 'zh-CN', '沙龙批发装；150%密度，T型分缝蕾丝。', 'es', 'Paquete mayorista para salones; densidad 150 %, encaje T-part.')),
  ('d3000000-0000-4000-8000-000000000007'::uuid, 'LF-KC-13X4-22', 'regular', 209.00, 1, 'members', 0,
    jsonb_build_object('en', 'Kinky Curly 13x4 Lace Front Wig, 22"', 'zh-CN', '13x4 蕾丝前额爆炸卷假发 22英寸', 'es', 'Peluca lace front 13x4 Kinky Curly, 22"'),
    jsonb_build_object('en', '4B-4C texture matched, natural hairline with baby hair.', 'zh-CN', '贴合4B-4C发质，自然发际线带胎毛。', 'es', 'Textura igual a 4B-4C, línea de nacimiento natural con baby hair.')),
  ('d3000000-0000-4000-8000-000000000008'::uuid, 'CU-GLUELESS', 'customized', 289.00, 5, 'members', 0,
    jsonb_build_object('en', 'Custom Glueless Wear-and-Go Unit', 'zh-CN', '定制免胶即戴发套', 'es', 'Unidad glueless lista para usar, a medida'),
    jsonb_build_object('en', 'Cap size, elastic band and density to the buyer''s spec; pre-cut lace.', 'zh-CN', '头围、松紧带和密度按买家要求制作；蕾丝已预剪。', 'es', 'Talla de gorro, banda elástica y densidad según tus especificaciones; encaje precortado.')),
  ('d3000000-0000-4000-8000-000000000009'::uuid, 'BD-RAW-CAMB-ST', 'regular', 199.00, 2, 'tier', 1,
    jsonb_build_object('en', 'Raw Cambodian Straight Bundles (first lot)', 'zh-CN', '柬埔寨生发直发发帘（首批限量）', 'es', 'Bundles lacios de cabello crudo camboyano (primer lote)'),
    jsonb_build_object('en', 'Single-donor raw hair from our new supplier; a limited first lot for trading partners.', 'zh-CN', '新供应商的单一发源生发；首批限量，仅供合作客户。', 'es', 'Cabello crudo de una sola donante de nuestro nuevo proveedor; primer lote limitado para clientes con pedidos.')),
  ('d3000000-0000-4000-8000-000000000010'::uuid, 'FL-RAW-30', 'regular', 599.00, 1, 'tier', 2,
    jsonb_build_object('en', 'Full Lace Raw Virgin Wig 30" (new season)', 'zh-CN', '全蕾丝生发假发 30英寸（新季）', 'es', 'Peluca full lace de cabello virgen crudo, 30" (nueva temporada)'),
    jsonb_build_object('en', 'Next season''s flagship before public release.', 'zh-CN', '下一季主推款，公开上市前抢先供应。', 'es', 'El modelo estrella de la próxima temporada antes de su lanzamiento.')),
  ('d3000000-0000-4000-8000-000000000011'::uuid, 'CU-HD-FULL-SALON', 'customized', 749.00, 1, 'tier', 2,
    jsonb_build_object('en', 'Custom Bleached-Knot HD Full Lace Unit, salon-ready', 'zh-CN', '定制漂结HD全蕾丝发套（沙龙成品）', 'es', 'Unidad full lace HD con nudos decolorados, lista para salón'),
    jsonb_build_object('en', 'Hand-tied, custom hairline design, styled and shipped on a block head.', 'zh-CN', '全手钩，发际线按需设计，造型完成后连模特头一起发货。', 'es', 'Anudada a mano, línea de nacimiento a medida, peinada y enviada en cabeza de maniquí.')),
  ('d3000000-0000-4000-8000-000000000012'::uuid, 'LF-WW-360-PRE', 'regular', 279.00, 1, 'tier', 2,
    jsonb_build_object('en', 'Pre-release: Water Wave 360 Lace Wig', 'zh-CN', '预售：360全蕾丝水波纹假发', 'es', 'Preventa: peluca 360 lace Water Wave'),
    jsonb_build_object('en', 'VIP preview price; opens to all members next quarter.', 'zh-CN', 'VIP抢先价；下季度向全部会员开放。', 'es', 'Precio de preventa VIP; se abre a todos los miembros el próximo trimestre.'))
) as v (id, sku, kind, price, moq, visibility, min_tier_rank, name, description);

-- ---------------------------------------------------------------------------------------------
-- Buyer companies, their contacts and orders
-- ---------------------------------------------------------------------------------------------

-- A day this many days before today (UTC) at an hour (UTC) in the office hours of whoever acted:
-- 15:00 is morning in Atlanta, 9:00 in Berlin, 17:00 in Mexico City, 3:00 in Guangzhou.
create function pg_temp.days_ago(p_days int, p_hour int) returns timestamptz language sql as $$
  select date_trunc('day', now(), 'UTC') - make_interval(days => p_days) + make_interval(hours => p_hour)
$$;

insert into public.members (id, store_id, company_name, country, website, industry, tier_id, joined_at)
values
  ('d4000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', 'Glow Beauty Supply LLC', 'US',
    'https://glowbeauty.example', 'Beauty supply retail', 'd2000000-0000-4000-8000-000000000000', pg_temp.days_ago(20, 15)),
  ('d4000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001', 'Haarwerk Berlin GmbH', 'DE',
    'https://haarwerk.example', 'Salon chain', 'd2000000-0000-4000-8000-000000000000', pg_temp.days_ago(200, 9)),
  ('d4000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000001', 'Bella Cabello S.A. de C.V.', 'MX',
    'https://bellacabello.example', 'Wholesale distribution', 'd2000000-0000-4000-8000-000000000000', pg_temp.days_ago(500, 17));

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

-- Three of the four agreed to be contacted as their company joined (the sourcing agent did not),
-- so the demo's segments and campaigns reach someone. The stamping trigger gives a consent the
-- server's time, as a live one must have; held off here to date these when they were given.
alter table public.member_contacts disable trigger member_contacts_stamp_consent;
update public.member_contacts c set contact_consent_at = m.joined_at + interval '1 hour'
from public.members m
where m.id = c.member_id and c.id in ('d5000000-0000-4000-8000-000000000001', 'd5000000-0000-4000-8000-000000000002', 'd5000000-0000-4000-8000-000000000003');
alter table public.member_contacts enable trigger member_contacts_stamp_consent;

-- The orders trigger evaluates tiers: Haarwerk becomes senior, Bella Cabello VIP
-- (16,484 USD paid in the last year; its older and refunded orders do not count).
-- Each paid order is paid when it was placed, as if imported the day it happened: the engine
-- places an order in its company's history at its payment (paid_at) and rates it by the company's
-- paid orders in the period before then (private.order_earning_figures). Paid at the seeding, the
-- 420-day-old order would be rated with nothing in its period (Ordinary) and LUM-2026-0233 without
-- it (Senior), where the store, using Cardclub then, rated them Senior and VIP.
insert into public.orders (id, store_id, member_id, contact_id, external_ref, amount, currency, exchange_rate, placed_at, status, delivered_at, paid_at)
select v.*, case when v.status = 'paid' then v.placed_at end
from (values
  ('d6000000-0000-4000-8000-000000000001'::uuid, 'd1000000-0000-4000-8000-000000000001'::uuid, 'd4000000-0000-4000-8000-000000000002'::uuid,
    'd5000000-0000-4000-8000-000000000002'::uuid, 'LUM-2026-0412', 1450.00, 'EUR', 1.08, pg_temp.days_ago(150, 10), 'paid', pg_temp.days_ago(140, 12)),
  ('d6000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000002',
    'd5000000-0000-4000-8000-000000000002', 'LUM-2026-0588', 1634.00, 'USD', 1, pg_temp.days_ago(45, 8), 'paid', pg_temp.days_ago(35, 13)),
  ('d6000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000003',
    'd5000000-0000-4000-8000-000000000003', 'LUM-2025-0107', 9800.00, 'USD', 1, pg_temp.days_ago(420, 16), 'paid', pg_temp.days_ago(410, 19)),
  ('d6000000-0000-4000-8000-000000000004', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000003',
    'd5000000-0000-4000-8000-000000000003', 'LUM-2026-0233', 6200.00, 'USD', 1, pg_temp.days_ago(250, 18), 'paid', pg_temp.days_ago(240, 20)),
  ('d6000000-0000-4000-8000-000000000005', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000003',
    'd5000000-0000-4000-8000-000000000004', 'LUM-2026-0501', 152000.00, 'MXN', 0.0545, pg_temp.days_ago(90, 3), 'paid', pg_temp.days_ago(80, 18)),
  ('d6000000-0000-4000-8000-000000000007', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000003',
    'd5000000-0000-4000-8000-000000000003', 'LUM-2026-0619', 2000.00, 'USD', 1, pg_temp.days_ago(32, 17), 'paid', pg_temp.days_ago(24, 19)),
  ('d6000000-0000-4000-8000-000000000006', 'd1000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-000000000003',
    'd5000000-0000-4000-8000-000000000003', 'LUM-2026-0650', 2400.00, 'USD', 1, pg_temp.days_ago(20, 16), 'refunded', null::timestamptz)
) as v (id, store_id, member_id, contact_id, external_ref, amount, currency, exchange_rate, placed_at, status, delivered_at);

-- The engine records a move when it evaluates a company, which for this one import is the
-- seeding: one move per company, from the tier it held to today's, naming all its orders. Imported
-- as they happened, each order whose rating changed its company's tier moved it then, naming that
-- order: the moves are the changes in the tier the engine rated the orders at, in the orders'
-- order, each dated at its order's payment. That tier is the tier rule's on the engine's own
-- figures for each order (order_earning_figures), not read from the order's points: an order
-- earning none has no points row, and its move would be lost. The history's triggers stamp each
-- order with the tier then held. No company's period lapsed below its tier between orders (db
-- engine-seed checks the history against the figures at every order and every lapse).
with seeding as (
  delete from public.tier_changes h
  where h.store_id = 'd1000000-0000-4000-8000-000000000001' and h.reason = 'orders'
  returning h.member_id, h.from_tier_id
), rated as (
  select o.member_id, o.store_id, o.external_ref, o.paid_at, t.id as tier_id,
    lag(t.id, 1, d.from_tier_id) over (partition by o.member_id order by o.paid_at, o.placed_at, o.external_ref) as from_tier_id
  from public.orders o
  join seeding d on d.member_id = o.member_id
  join private.order_earning_figures(array(
    select x.id from public.orders x where x.store_id = 'd1000000-0000-4000-8000-000000000001' and x.status = 'paid')) f on f.order_id = o.id
  -- The tier rule: the highest-ranked tier whose minimums the figures meet (no demo company has an override).
  cross join lateral (
    select t.id from public.tiers t
    where t.store_id = o.store_id and t.min_paid_orders <= f.paid_orders and t.min_paid_amount <= f.paid_amount
    order by t.rank desc limit 1) t
  where o.status = 'paid'
)
insert into public.tier_changes (member_id, store_id, from_tier_id, from_tier_name, to_tier_id, to_tier_name, reason, changed_at, paid_order_refs)
select r.member_id, r.store_id, r.from_tier_id, ft.name, r.tier_id, tt.name, 'orders', r.paid_at, array[r.external_ref]
from rated r
join public.tiers ft on ft.id = r.from_tier_id
join public.tiers tt on tt.id = r.tier_id
where r.tier_id <> r.from_tier_id
order by r.member_id, r.paid_at;

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
    jsonb_build_object('en', 'For your first wholesale order.', 'zh-CN', '用于首笔批发订单。', 'es', 'Para tu primer pedido mayorista.'), 'percent', 10, 'USD', 300, 0,
    now() - interval '1 year', null, 1, true, false),
  ('d8000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001', 'WELCOME-SAMPLE',
    jsonb_build_object('en', 'For a colour-card sample kit.', 'zh-CN', '用于购买色卡样品套装。', 'es', 'Para el kit de muestras de la carta de colores.'), 'amount', 15, 'USD', null, 0,
    now() - interval '1 year', null, 1, true, false),
  ('d8000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000001', 'REORDER-20',
    jsonb_build_object('en', 'Senior members: US$20 off a reorder of US$200 or more. Two per company this season.', 'zh-CN', '高级会员专享：返单满US$200减US$20，本季每家公司限领2张。', 'es', 'Miembros sénior: 20 US$ de descuento en una reposición de 200 US$ o más. Dos por empresa esta temporada.'), 'amount', 20, 'USD', 200, 1,
    now() - interval '30 days', now() + interval '90 days', 2, false, true),
  ('d8000000-0000-4000-8000-000000000004', 'd1000000-0000-4000-8000-000000000001', 'VIP-SEASON-8',
    jsonb_build_object('en', 'VIP: an extra 8% off new-season styles.', 'zh-CN', 'VIP专享：新季款式再享92折。', 'es', 'VIP: un 8 % adicional de descuento en los estilos de nueva temporada.'), 'percent', 8, null, null, 2,
    now() - interval '10 days', now() + interval '60 days', 1, false, true),
  ('d8000000-0000-4000-8000-000000000005', 'd1000000-0000-4000-8000-000000000001', 'POINTS-50',
    jsonb_build_object('en', 'US$50 off any order of US$500 or more, bought with points.', 'zh-CN', '积分兑换：任意订单满US$500减US$50。', 'es', '50 US$ de descuento en cualquier pedido de 500 US$ o más, canjeado con puntos.'), 'amount', 50, 'USD', 500, 0,
    now() - interval '1 year', null, 5, false, false);

insert into public.rewards (id, store_id, name, description, points_cost, coupon_id)
values
  ('d9000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', jsonb_build_object('en', 'US$50 coupon', 'zh-CN', 'US$50优惠券', 'es', 'Cupón de 50 US$'),
    jsonb_build_object('en', 'A POINTS-50 coupon: US$50 off an order of US$500 or more.', 'zh-CN', '一张POINTS-50优惠券：订单满US$500减US$50。', 'es', 'Un cupón POINTS-50: 50 US$ de descuento en un pedido de 500 US$ o más.'), 5000, 'd8000000-0000-4000-8000-000000000005'),
  ('d9000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001', jsonb_build_object('en', 'Colour-card sample kit', 'zh-CN', '色卡样品套装', 'es', 'Kit de muestras de la carta de colores'),
    jsonb_build_object('en', 'All 36 shades on swatches, shipped with your next order.', 'zh-CN', '36种颜色发样全套，随下一笔订单寄出。', 'es', 'Los 36 tonos en mechones de muestra, enviados con tu próximo pedido.'), 1500, null);

-- These companies joined before the store offered join points and a gift pack; the newest
-- (Glow, 20 days ago) gets both as if it joined today, through the same function joining runs.
select private.credit_points(m.id, 200, 'join', m.joined_at) from public.members m where m.id = 'd4000000-0000-4000-8000-000000000001';
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
-- and spends points on the colour-card kit, which the team sends: it waits under Rewards to send,
-- with the address the buyer gave.
select public.redeem_reward('d9000000-0000-4000-8000-000000000002',
  '{"name":"Lena Vogel","company":"Haarwerk Berlin GmbH","line1":"Friedrichstraße 68","city":"Berlin","postal_code":"10117","country":"DE","phone":"+49 30 5550 102"}');

-- Bella Cabello buys a US$50 coupon with points and claims the VIP coupon.
select pg_temp.act_as('d0000000-0000-4000-8000-000000000103');
select public.redeem_reward('d9000000-0000-4000-8000-000000000001');
select public.claim_coupon('d8000000-0000-4000-8000-000000000004');

-- Glow Beauty asks for a quote before its first order.
select pg_temp.act_as('d0000000-0000-4000-8000-000000000101');
select public.send_inquiry('demo-wigs', 'Could you do 200 units of the 20" body wave at 165 USD each, shipped to Atlanta by March?',
  'd3000000-0000-4000-8000-000000000001', 200, 165);

-- Staff answer it, record rebate deducted from the invoice of Bella Cabello's latest paid order,
-- and thank Haarwerk with points. Rebate is used on an order after the ones that earned it: these
-- 400 come from LUM-2026-0233's and -0501's, LUM-2026-0619's own rebate waits for the next invoices.
select pg_temp.act_as('d0000000-0000-4000-8000-000000000001');
select public.answer_inquiry(i.id, 'Yes: 200 units at 168 USD with free DHL upgrade; 50% deposit, ships in 12 working days.')
from public.inquiries i where i.store_id = 'd1000000-0000-4000-8000-000000000001';
select public.apply_rebate('d4000000-0000-4000-8000-000000000003', 400, 'LUM-2026-0619', 'Deducted from the invoice');
select public.adjust_points('d4000000-0000-4000-8000-000000000002', 500, 'Thank-you for the salon photo shoot');

select set_config('request.jwt.claims', '', false);
-- A use takes effect when written; this one was, when that order was invoiced.
update public.rebate_ledger r set earned_at = o.placed_at, created_at = o.placed_at
from public.orders o
where r.member_id = 'd4000000-0000-4000-8000-000000000003' and r.reason = 'applied'
  and o.store_id = r.store_id and o.external_ref = r.applied_to_order_ref;
select private.expire_store_points('d1000000-0000-4000-8000-000000000001');

-- Growth (issue 14): a saved segment and posts for members: public industry news, a members'
-- trend report and VIP trade data, so /posts/?s=demo-wigs shows a whole post and a teaser.
insert into public.segments (id, store_id, name, filters) values
  ('de000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', 'Loyal buyers', '{"stages": ["loyal"]}');
-- Saved the day before the campaign sent to it; its trigger stamps the server's time, passed here.
set session_replication_role = replica;
update public.segments set created_at = pg_temp.days_ago(22, 2) where id = 'de000000-0000-4000-8000-000000000001';
reset session_replication_role;
-- Sent to that segment three weeks ago, by the staff login (the campaign log and analytics).
select pg_temp.act_as('d0000000-0000-4000-8000-000000000001');
select public.record_campaign('d1000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-000000000001', 'email',
  'Glueless lace fronts are back in stock', pg_temp.days_ago(21, 2));
select set_config('request.jwt.claims', '', false);
insert into public.posts (id, store_id, kind, title, body, locale, visibility, min_tier_rank, publish_at) values
  ('df000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', 'industry_news',
   'Raw hair prices steady into spring',
   E'Indian temple hair prices held **flat** this quarter after two rises.\n\n- Remy bundles: unchanged\n- Lace: +3 % on Swiss lace\n\nWe keep our list prices until June.',
   'en', 'public', 0, now() - interval '3 days'),
  ('df000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000001', 'trend_report',
   'Trend report: glueless lace fronts',
   E'## What salons ask for\n\nGlueless 5x5 closures grew fastest in our orders this year; body wave stays the best seller.',
   'en', 'members', 0, now() - interval '2 days'),
  ('df000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000001', 'trade_data',
   'Q3 wig import data by country',
   E'| Country | Change |\n| --- | --- |\n| US | +12 % |\n| DE | +7 % |\n\nFull table in the attached report when we publish it.',
   'en', 'tier', 2, now() - interval '1 day');
