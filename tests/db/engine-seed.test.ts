/**
 * The demo seed (supabase/seed.sql) is what docs and demos promise: its logins sign in with
 * their documented passwords, and its three buyer companies sit at the three default tiers,
 * each seeing the products that tier unlocks. Read-only: other files may run alongside.
 */
import { describe, expect, it } from 'vitest';
import { anonClient, signIn, sql } from '../support/clients.ts';
import { ok } from './fixtures.ts';

const slug = 'demo-wigs';
const storeId = 'd1000000-0000-4000-8000-000000000001';
const member = (n: number) => signIn({ email: `buyer${n}@demo-wigs.test`, password: 'cardclub-member' });

describe('demo seed', () => {
  it('anon sees the five public products and the teaser counts, not the exclusive ones', async () => {
    const products = ok(await anonClient().from('products').select('sku').eq('store_id', storeId));
    expect(products).toHaveLength(5);
    expect(ok(await anonClient().rpc('tier_teasers', { p_store_slug: slug }))).toEqual([
      { rank: 0, tier_name: 'Ordinary', tier_name_lang: 'en', exclusive_products: 3 },
      { rank: 1, tier_name: 'Senior', tier_name_lang: 'en', exclusive_products: 4 },
      { rank: 2, tier_name: 'VIP', tier_name_lang: 'en', exclusive_products: 7 },
    ]);
  });

  it.each([
    [1, 'Ordinary', 8],
    [2, 'Senior', 9],
    [3, 'VIP', 12],
    [4, 'VIP', 12],
  ])('buyer%i is %s and sees %i products', async (n, tierName, visible) => {
    const client = await member(n);
    const summary = ok(await client.rpc('my_membership', { p_store_slug: slug })) as { tier: { name: string } };
    expect(summary.tier.name).toBe(tierName);
    expect(ok(await client.rpc('store_catalogue', { p_store_slug: slug }))).toHaveLength(visible);
  });

  it('three of the four demo contacts agreed to be contacted, each when their company joined', async () => {
    const staff = await signIn({ email: 'staff@demo-wigs.test', password: 'cardclub-staff' });
    // The whole store as a segment (no filters) reaches them (other files may add members alongside).
    const [size] = ok(await staff.rpc('segment_size', { p_store_id: storeId, p_filters: {} })) as { consenting_contacts: number }[];
    expect(size!.consenting_contacts).toBeGreaterThanOrEqual(3);
    const consents = await sql<{ email: string; given: Date | null; joined: Date }>(
      `select c.email, c.contact_consent_at as given, m.joined_at as joined from public.member_contacts c
       join public.members m on m.id = c.member_id where c.store_id = $1 and c.email like 'buyer%@demo-wigs.test' order by c.email`, [storeId]);
    expect(consents.map((row) => [row.email, row.given !== null])).toEqual([
      ['buyer1@demo-wigs.test', true], ['buyer2@demo-wigs.test', true], ['buyer3@demo-wigs.test', true], ['buyer4@demo-wigs.test', false],
    ]);
    // Dated, not stamped with the seed's own time.
    for (const row of consents.filter((row) => row.given)) expect(row.given!.getTime() - row.joined.getTime()).toBe(3_600_000);
  });

  it('the demo history is dated by its own events, not by the seeding', async () => {
    // Each promotion at the paid order that earned it, and that order counted under the new tier.
    const promotions = await sql<{ member: string; order: string | null; tier: string | null }>(
      `select h.member_id::text as member, o.external_ref as order, t.name ->> 'en' as tier from public.tier_changes h
       left join public.orders o on o.member_id = h.member_id and o.status = 'paid' and o.placed_at = h.changed_at
       left join public.tiers t on t.id = o.tier_id
       where h.store_id = $1 and h.reason = 'orders' and h.member_id::text like 'd4000000-%' order by 1, h.changed_at`, [storeId]);
    expect(promotions).toEqual([
      { member: 'd4000000-0000-4000-8000-000000000002', order: 'LUM-2026-0412', tier: 'Senior' },
      { member: 'd4000000-0000-4000-8000-000000000003', order: 'LUM-2025-0107', tier: 'Senior' },
      { member: 'd4000000-0000-4000-8000-000000000003', order: 'LUM-2026-0233', tier: 'VIP' },
    ]);
    // Each names the order an import that day paid, none placed after it: the move was dated at its
    // order but named the seeding's later ones too (LUM-2026-0501, months after VIP).
    const named = await sql<{ member: string; refs: string[]; later: string[] }>(
      `select h.member_id::text as member, public.moved_order_refs(h) as refs,
         array(select o.external_ref from public.orders o
               where o.store_id = h.store_id and o.external_ref = any (public.moved_order_refs(h)) and o.placed_at > h.changed_at) as later
       from public.tier_changes h where h.store_id = $1 and h.reason = 'orders' and h.member_id::text like 'd4000000-%'
       order by 1, h.changed_at`, [storeId]);
    expect(named).toEqual([
      { member: 'd4000000-0000-4000-8000-000000000002', refs: ['LUM-2026-0412'], later: [] },
      { member: 'd4000000-0000-4000-8000-000000000003', refs: ['LUM-2025-0107'], later: [] },
      { member: 'd4000000-0000-4000-8000-000000000003', refs: ['LUM-2026-0233'], later: [] },
    ]);
    // Joined on the hour, in office hours, not at the seeding's clock time.
    const joins = await sql<{ on_the_hour: boolean }>(
      `select date_trunc('hour', joined_at) = joined_at as on_the_hour from public.members where id::text like 'd4000000-%'`);
    expect(joins.map((row) => row.on_the_hour)).toEqual([true, true, true]);
    // A rebate used names an order of the member's, is dated at it, and was earned before it: what
    // the wallet held before that order covers it, and that order's own rebate is not among it.
    const uses = await sql<{ order: string | null; earned_before: string; used: string; own: string }>(
      `select o.external_ref as order, -r.delta as used,
         (select sum(e.delta) from public.rebate_ledger e where e.member_id = r.member_id and e.earned_at < r.earned_at) as earned_before,
         (select coalesce(sum(e.delta), 0) from public.rebate_ledger e where e.order_id = o.id) as own
       from public.rebate_ledger r
       left join public.orders o on o.member_id = r.member_id and o.external_ref = r.applied_to_order_ref and o.placed_at = r.earned_at
       where r.store_id = $1 and r.reason = 'applied' and r.member_id::text like 'd4000000-%'`, [storeId]);
    expect(uses).toEqual([{ order: 'LUM-2026-0619', used: '400.00', earned_before: '724.20', own: '100.00' }]);
  });

  it('each seeded order is rated, and each tier move recorded, as the engine would have at its own time', async () => {
    // The figures at an instant are the company's paid orders placed in the store's period up to
    // it, and the tier rule's tier the highest-ranked whose minimums they meet: at each order's
    // placing (the import that paid it then) and at each instant an order left the period (the
    // nightly re-evaluation). Seeded in one import, the history held one move to today's tier, and
    // orders were rated by the seeding's figures (LUM-2025-0107 Ordinary, LUM-2026-0233 Senior).
    const instants = `
      with paid as (
        select o.id, o.member_id, o.store_id, o.external_ref, o.placed_at, o.paid_at, o.amount_base,
          make_interval(days => s.statistical_period_days) as period
        from public.orders o join public.stores s on s.id = o.store_id
        where o.store_id = $1 and o.status = 'paid' and o.member_id::text like 'd4000000-%'
      ), instants as (
        select p.member_id, p.store_id, p.placed_at as at, 'orders' as reason, p.id as order_id, p.period from paid p
        union all
        select p.member_id, p.store_id, p.placed_at + p.period, 'period', null, p.period from paid p where p.placed_at + p.period <= now()
      )
      select i.*, t.id as tier_id, t.name ->> 'en' as tier, t.points_multiplier, t.rebate_percent, f.paid_orders, f.paid_amount
      from instants i
      cross join lateral (
        select count(*)::int as paid_orders, coalesce(sum(q.amount_base), 0) as paid_amount from paid q
        where q.member_id = i.member_id and q.placed_at <= i.at and q.placed_at > i.at - i.period) f
      cross join lateral (
        select t.* from public.tiers t
        where t.store_id = i.store_id and t.min_paid_orders <= f.paid_orders and t.min_paid_amount <= f.paid_amount
        order by t.rank desc limit 1) t`;

    // Each order: its points and rebate at its tier's rates, that tier recorded with them and
    // stamped on the order, and the engine's own figures for it (what a later refund re-rates by)
    // the same as at its placing: paid when placed.
    const rated = await sql<{ ref: string; tier: string; rated: string; stamped: string; points: string; expected_points: string;
      rebate: string; expected_rebate: string; figures: string; engine_figures: string }>(
      `with rated as (${instants})
       select o.external_ref as ref, r.tier, lt.name ->> 'en' as rated, ot.name ->> 'en' as stamped,
         l.delta::text as points, floor(o.amount_base * r.points_multiplier * s.points_per_currency_unit)::text as expected_points,
         round(coalesce((select sum(b.delta) from public.rebate_ledger b where b.order_id = o.id and b.reason = 'order'), 0), 2)::text as rebate,
         round(o.amount_base * r.rebate_percent / 100, 2)::text as expected_rebate,
         r.paid_orders || ' / ' || r.paid_amount as figures, f.paid_orders || ' / ' || f.paid_amount as engine_figures
       from rated r
       join public.orders o on o.id = r.order_id
       join public.stores s on s.id = o.store_id
       join private.order_earning_figures(array(select x.order_id from rated x where x.order_id is not null)) f on f.order_id = o.id
       left join public.points_ledger l on l.order_id = o.id and l.reason = 'order'
       left join public.tiers lt on lt.id = l.tier_id
       left join public.tiers ot on ot.id = o.tier_id
       order by o.placed_at`, [storeId]);
    expect(rated.map((row) => row.ref)).toEqual(
      ['LUM-2025-0107', 'LUM-2026-0233', 'LUM-2026-0412', 'LUM-2026-0501', 'LUM-2026-0588', 'LUM-2026-0619']);
    for (const row of rated) {
      expect({ ref: row.ref, rated: row.rated, stamped: row.stamped, points: row.points, rebate: row.rebate, figures: row.engine_figures })
        .toEqual({ ref: row.ref, rated: row.tier, stamped: row.tier, points: row.expected_points, rebate: row.expected_rebate, figures: row.figures });
    }
    // As the seed tells it: Bella Cabello Senior at her first order (x1.5), VIP at her
    // second (16,000 USD in a year: x2 and 5 % rebate).
    expect(rated.slice(0, 2).map(({ ref, tier, points, rebate }) => ({ ref, tier, points, rebate }))).toEqual([
      { ref: 'LUM-2025-0107', tier: 'Senior', points: '14700', rebate: '0.00' },
      { ref: 'LUM-2026-0233', tier: 'VIP', points: '12400', rebate: '310.00' },
    ]);

    // The history: a move at each instant whose tier differs from the one before (from Ordinary,
    // which each company joined at), naming the order paid then, or none for a period's lapse.
    const expected = await sql<{ member: string; from: string; to: string; reason: string; at: Date; refs: string[] | null }>(
      `with rated as (${instants}), moves as (
         select r.*, o.external_ref, lag(r.tier, 1, (select t.name ->> 'en' from public.tiers t where t.store_id = $1 and t.rank = 0))
           over (partition by r.member_id order by r.at, r.reason) as from_tier
         from rated r left join public.orders o on o.id = r.order_id)
       select m.member_id::text as member, m.from_tier as from, m.tier as to, m.reason, m.at,
         case when m.external_ref is not null then array[m.external_ref] end as refs
       from moves m where m.tier <> m.from_tier order by 1, m.at`, [storeId]);
    const recorded = await sql<{ member: string; from: string; to: string; reason: string; at: Date; refs: string[] | null }>(
      `select h.member_id::text as member, h.from_tier_name ->> 'en' as from, h.to_tier_name ->> 'en' as to, h.reason,
         h.changed_at as at, h.paid_order_refs as refs
       from public.tier_changes h where h.store_id = $1 and h.member_id::text like 'd4000000-%' and h.reason <> 'join'
       order by 1, h.changed_at, h.seq`, [storeId]);
    expect(recorded).toEqual(expected);
    expect(recorded.map(({ member, from, to }) => [member.slice(-1), from, to])).toEqual([
      ['2', 'Ordinary', 'Senior'], ['3', 'Ordinary', 'Senior'], ['3', 'Senior', 'VIP'],
    ]);
  });

  it('coupon and reward texts write amounts as the console shows them (US$15, not 15 USD)', async () => {
    const texts = await sql<{ text: string }>(
      `select description::text as text from public.coupons where store_id = $1
       union all select name::text || description::text from public.rewards where store_id = $1`, [storeId]);
    expect(texts.length).toBeGreaterThan(0);
    for (const { text } of texts) expect(text).not.toMatch(/\bUSD\b|美元/);
    expect(texts.some(({ text }) => text.includes('US$200'))).toBe(true);
  });

  it('the staff login signs in and sees the sample queue', async () => {
    const staff = await signIn({ email: 'staff@demo-wigs.test', password: 'cardclub-staff' });
    expect(ok(await staff.from('sample_claims').select('status').eq('store_id', storeId))).toEqual([{ status: 'requested' }]);
  });
});
