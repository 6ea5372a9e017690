/**
 * Segments (issue 14): each filter alone and combined against hand-built members, the stage and
 * churn pass agreeing with the engine's member_lifecycle, filters refused naming the field, the
 * CSV export carrying only contacts who consented (the rest counted), and staff of the store only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, sql } from '../support/clients.ts';
import {
  addColleague, addMember, addProduct, addStaff, createStore, daysAgo, expectError, importOrders, ok, orderRow, shipTo,
  type Actor, type Member, type Store,
} from './fixtures.ts';

let store: Store;
let other: Store;
let staff: Actor;
let otherStaff: Actor;
/**
 * alpha  DE, Salons, joined 2026-01-15, VIP (10,000 today): loyal; two contacts, the primary consented (zh-CN)
 * bravo  US, salons, joined 2025-06-01, one order of 50 today: senior, purchasing; 500 points adjusted; consented
 * charlie DE, Retail, claimed a sample, never ordered: interested; holds a coupon ending in 30 days
 * delta FR, nothing: cognitive; holds a coupon ending in 5 days
 * echo   US, one order of 100 placed 300 days ago: senior, purchasing, at churn risk (300 > 180 days)
 */
const m = {} as Record<'alpha' | 'bravo' | 'charlie' | 'delta' | 'echo', Member>;
let alphaColleague: Member;

const size = async (filters: unknown, as: Actor = staff) =>
  ok(await as.client.rpc('segment_size', { p_store_id: store.id, p_filters: filters })) as { members: number; contacts: number; consenting_contacts: number }[];
const names = async (filters: unknown) => {
  const rows = ok(await staff.client.rpc('segment_members', { p_store_id: store.id, p_filters: filters, p_limit: 500 })) as { company_name: string; total: number }[];
  const [count] = await size(filters);
  expect(count!.members).toBe(rows.length);
  return rows.map((r) => r.company_name).sort();
};

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'segments' }), createStore({ label: 'segments-other' })]);
  [staff, otherStaff] = await Promise.all([addStaff(store), addStaff(other)]);
  const keys = ['alpha', 'bravo', 'charlie', 'delta', 'echo'] as const;
  const joined = await Promise.all(keys.map((k) => addMember(store, k[0]!.toUpperCase() + k.slice(1))));
  keys.forEach((k, i) => { m[k] = joined[i]!; });
  alphaColleague = await addColleague(m.alpha);
  await sql(
    `update public.members x set country = v.country, industry = v.industry, joined_at = coalesce(v.joined_at::timestamptz, x.joined_at)
     from (values ($1::uuid, 'DE', 'Salons', '2026-01-15T10:00:00Z'), ($2::uuid, 'US', 'salons', '2025-06-01T10:00:00Z'),
                  ($3::uuid, 'DE', 'Retail', null), ($4::uuid, 'FR', null, null), ($5::uuid, 'US', null, null)) v (id, country, industry, joined_at)
     where x.id = v.id`, [m.alpha.id, m.bravo.id, m.charlie.id, m.delta.id, m.echo.id]);
  // Consent comes with the business-card exchange; set here as the database would hold it.
  await sql(`update public.member_contacts set contact_consent_at = now(), preferred_locale = 'zh-CN', email = 'alpha@example.test',
               phone = '+49 30 1234567', whatsapp = '+49 170 1234567' where id = $1`, [m.alpha.contactId]);
  await sql(`update public.member_contacts set contact_consent_at = now(), email = 'bravo@example.test' where id = $1`, [m.bravo.contactId]);
  await importOrders(store, [
    orderRow(m.alpha, { amount: 10_000 }),
    orderRow(m.bravo, { amount: 50 }),
    orderRow(m.echo, { amount: 100, placed_at: daysAgo(300) }),
  ]);
  ok(await store.owner.client.rpc('adjust_points', { p_member_id: m.bravo.id, p_delta: 500, p_note: 'Trade fair' }));
  const product = await addProduct(store);
  ok(await m.charlie.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo }));
  const coupons = ok(await serviceClient().from('coupons').insert([
    { store_id: store.id, code: 'SOON-5', kind: 'percent', value: 5, valid_until: daysAgo(-5) },
    { store_id: store.id, code: 'LATER-30', kind: 'percent', value: 5, valid_until: daysAgo(-30) },
  ]).select('id, code')) as { id: string; code: string }[];
  ok(await m.delta.client.rpc('claim_coupon', { p_coupon_id: coupons.find((c) => c.code === 'SOON-5')!.id }));
  ok(await m.charlie.client.rpc('claim_coupon', { p_coupon_id: coupons.find((c) => c.code === 'LATER-30')!.id }));
});

/** store_lifecycle against member_lifecycle member by member, and the fixture's stages. */
async function expectLifecyclesAgree() {
  const disagreements = await sql(
    `select s.member_id from private.store_lifecycle($1) s
     cross join lateral private.member_lifecycle($1, s.member_id) l
     where (s.stage, s.churn_risk) is distinct from (l.stage, l.churn_risk)`, [store.id]);
  expect(disagreements).toEqual([]);
  const stages = await sql<{ company_name: string; stage: string; churn_risk: boolean }>(
    `select m.company_name, s.stage, s.churn_risk from private.store_lifecycle($1) s join public.members m on m.id = s.member_id order by 1`, [store.id]);
  expect(stages.map((s) => [s.company_name, s.stage, s.churn_risk])).toEqual([
    ['Alpha', 'loyal', false], ['Bravo', 'purchasing', false], ['Charlie', 'interested', false],
    ['Delta', 'cognitive', false], ['Echo', 'purchasing', true],
  ]);
}

describe('segment filters', () => {
  it('compute stage and churn for the whole store exactly as member_lifecycle does member by member', async () => {
    await expectLifecyclesAgree();
  });

  it('count the period\'s paid orders from the orders for members whose cached tier has lapsed', async () => {
    const saved = await sql(`select id, tier_valid_until::text from public.members where store_id = $1`, [store.id]);
    await sql(`update public.members set tier_valid_until = now() - interval '1 second' where store_id = $1`, [store.id]);
    try {
      await expectLifecyclesAgree();
    } finally {
      await sql(`update public.members m set tier_valid_until = s.tier_valid_until
        from jsonb_to_recordset($1) as s (id uuid, tier_valid_until timestamptz) where m.id = s.id`, [JSON.stringify(saved)]);
    }
  });

  it('select each filter alone', async () => {
    const [ordinary, senior, vip] = store.tiers;
    expect(await names({})).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
    expect(await names({ tiers: [vip!.id] })).toEqual(['Alpha']);
    expect(await names({ tiers: [senior!.id] })).toEqual(['Bravo', 'Echo']);
    expect(await names({ tiers: [ordinary!.id, vip!.id] })).toEqual(['Alpha', 'Charlie', 'Delta']);
    expect(await names({ stages: ['loyal'] })).toEqual(['Alpha']);
    expect(await names({ stages: ['purchasing'] })).toEqual(['Bravo', 'Echo']);
    expect(await names({ stages: ['interested', 'cognitive'] })).toEqual(['Charlie', 'Delta']);
    expect(await names({ churn_risk: true })).toEqual(['Echo']);
    expect(await names({ churn_risk: false })).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(await names({ countries: ['DE'] })).toEqual(['Alpha', 'Charlie']);
    expect(await names({ industries: ['SALONS'] })).toEqual(['Alpha', 'Bravo']);
    expect(await names({ joined_from: '2025-01-01', joined_to: '2026-02-01' })).toEqual(['Alpha', 'Bravo']);
    expect(await names({ joined_from: '2026-01-15T10:00:00Z' })).toEqual(['Alpha', 'Charlie', 'Delta', 'Echo']);
    expect(await names({ last_order_from: daysAgo(30) })).toEqual(['Alpha', 'Bravo']);
    expect(await names({ last_order_to: daysAgo(30) })).toEqual(['Echo']);
    expect(await names({ sampled_never_ordered: true })).toEqual(['Charlie']);
    // VIP's 10,000 earned 20,000 points; Bravo 75 for the order and 500 adjusted; Echo 150.
    expect(await names({ points_at_least: 500 })).toEqual(['Alpha', 'Bravo']);
    expect(await names({ points_at_least: 20_001 })).toEqual([]);
    expect(await names({ coupon_expires_within_days: 7 })).toEqual(['Delta']);
    expect(await names({ coupon_expires_within_days: 60 })).toEqual(['Charlie', 'Delta']);
  });

  it('combine filters with AND, list values with OR', async () => {
    const [, senior] = store.tiers;
    expect(await names({ countries: ['DE'], stages: ['loyal'] })).toEqual(['Alpha']);
    expect(await names({ countries: ['US'], churn_risk: false })).toEqual(['Bravo']);
    expect(await names({ tiers: [senior!.id], last_order_to: daysAgo(30) })).toEqual(['Echo']);
    expect(await names({ countries: ['DE', 'FR'], coupon_expires_within_days: 60, sampled_never_ordered: true })).toEqual(['Charlie']);
    expect(await names({ industries: ['salons'], points_at_least: 1000 })).toEqual(['Alpha']);
  });

  it('count contacts and those who consented with the size', async () => {
    expect(await size({})).toEqual([{ members: 5, contacts: 6, consenting_contacts: 2 }]);
    expect(await size({ countries: ['DE'] })).toEqual([{ members: 2, contacts: 3, consenting_contacts: 1 }]);
  });

  it('list members with tier, stage and paging', async () => {
    const page = ok(await staff.client.rpc('segment_members', { p_store_id: store.id, p_filters: {}, p_limit: 2, p_offset: 0 })) as Record<string, unknown>[];
    expect(page).toHaveLength(2);
    expect(page[0]).toMatchObject({ total: 5, stage: expect.any(String), tier_name: expect.any(String) });
    const alpha = (ok(await staff.client.rpc('segment_members', { p_store_id: store.id, p_filters: { stages: ['loyal'] } })) as Record<string, unknown>[])[0];
    expect(alpha).toMatchObject({ company_name: 'Alpha', tier_name: 'VIP', tier_rank: 2, stage: 'loyal', churn_risk: false, consenting_contacts: 1, country: 'DE' });
  });

  it('refuse bad filters naming the filter, on the RPCs and on saved segments', async () => {
    const bad: [unknown, string, RegExp][] = [
      [[], 'filters', /must be an object/],
      [{ colour: ['red'] }, 'filters.colour', /is not a filter/],
      [{ tiers: [other.tiers[2]!.id] }, 'filters.tiers', /must name tiers of this store/],
      [{ tiers: ['not-a-uuid'] }, 'filters.tiers', /must name tiers of this store/],
      [{ stages: ['sleeping'] }, 'filters.stages', /must be among/],
      [{ stages: [] }, 'filters.stages', /must be a list of 1 to 4 texts/],
      [{ countries: ['de'] }, 'filters.countries', /ISO 3166/],
      [{ churn_risk: 'yes' }, 'filters.churn_risk', /true or false/],
      [{ sampled_never_ordered: false }, 'filters.sampled_never_ordered', /true or left out/],
      [{ joined_from: '03/01/2026' }, 'filters.joined_from', /ISO 8601/],
      [{ joined_from: '2026-02-30' }, 'filters.joined_from', /ISO 8601/],
      [{ joined_from: '2026-03-01', joined_to: '2026-02-01' }, 'filters.joined_to', /after joined_from/],
      [{ points_at_least: 0 }, 'filters.points_at_least', /whole number of points/],
      [{ points_at_least: 1.5 }, 'filters.points_at_least', /whole number of points/],
      [{ coupon_expires_within_days: 4000 }, 'filters.coupon_expires_within_days', /1 to 3650/],
    ];
    for (const [filters, field, message] of bad) {
      const error = expectError(await staff.client.rpc('segment_size', { p_store_id: store.id, p_filters: filters }), '22023', message);
      expect(JSON.parse(error.details!)).toMatchObject({ field });
    }
    const saved = await staff.client.from('segments').insert({ store_id: store.id, name: 'Bad', filters: { stages: ['sleeping'] } });
    expect(JSON.parse(expectError(saved, '22023', /filters.stages/).details!)).toMatchObject({ field: 'filters.stages' });
    expect(await sql('select 1 from public.segments where store_id = $1', [store.id])).toEqual([]);
  });
});

describe('saved segments', () => {
  it('are stored normalised and read, changed and removed by the store\'s staff only', async () => {
    const segment = ok(await staff.client.from('segments')
      .insert({ store_id: store.id, name: '  German salons ', filters: { countries: ['DE', 'DE'], industries: [' Salons'] } })
      .select().single()) as { id: string; name: string; filters: unknown; created_by: string };
    expect(segment).toMatchObject({ name: 'German salons', filters: { countries: ['DE'], industries: ['Salons'] }, created_by: staff.user.id });
    expect(ok(await otherStaff.client.from('segments').select('id').eq('id', segment.id))).toEqual([]);
    expect(ok(await m.alpha.client.from('segments').select('id').eq('id', segment.id))).toEqual([]);
    expectError(await anonClient().from('segments').select('id'), '42501');
    expect(ok(await otherStaff.client.from('segments').update({ name: 'Taken' }).eq('id', segment.id).select())).toEqual([]);
    expectError(await otherStaff.client.from('segments').insert({ store_id: store.id, name: 'Intruder', filters: {} }), '42501');
    expectError(await staff.client.from('segments').insert({ store_id: store.id, name: 'German salons', filters: {} }), '23505');
    ok(await staff.client.from('segments').delete().eq('id', segment.id));
    expect(await sql('select 1 from public.segments where id = $1', [segment.id])).toEqual([]);
  });

  it('are written by the service role too, checked and normalised as staff\'s (20261214001120)', async () => {
    const segment = ok(await serviceClient().from('segments')
      .insert({ store_id: store.id, name: ' Service salons ', filters: { countries: ['DE', 'DE'] } })
      .select().single()) as { id: string; name: string; filters: unknown; created_by: string | null };
    expect(segment).toMatchObject({ name: 'Service salons', filters: { countries: ['DE'] }, created_by: null });
    expectError(await serviceClient().from('segments').insert({ store_id: store.id, name: 'Bad', filters: { stages: ['sleeping'] } }), '22023', /filters.stages/);
    ok(await serviceClient().from('segments').delete().eq('id', segment.id));
  });

  it('are computed for staff of the store only', async () => {
    for (const actor of [otherStaff, m.alpha]) {
      for (const fn of ['segment_size', 'segment_members', 'segment_export'] as const) {
        expectError(await actor.client.rpc(fn, { p_store_id: store.id, p_filters: {} }), '42501', /Only this store's staff/);
      }
    }
    expectError(await anonClient().rpc('segment_size', { p_store_id: store.id, p_filters: {} }), '42501');
  });
});

describe('industries', () => {
  const industries = async (as: Actor = staff) => ok(await as.client.rpc('segment_industries', { p_store_id: store.id })) as { industry: string; members: number }[];

  it('are those the store\'s members wrote, one per wording whatever its case and spaces, most common first, each as the filter matches it', async () => {
    await sql(`update public.members x set industry = v.industry from (values ($1::uuid, 'Hair Salons'), ($2::uuid, 'hair  salons'), ($3::uuid, ' Hair Salons'))
                 v (id, industry) where x.id = v.id`, [m.charlie.id, m.delta.id, m.echo.id]);
    // Another store's members and their wording count at theirs only.
    const stranger = await addMember(other, 'Stranger');
    await sql(`update public.members set industry = 'Hair salons' where id = $1`, [stranger.id]);
    // A company that left, its industry kept (leaving clears it now; a record from before, or the
    // service role's write, may not): neither counted nor selected, as segments leave it out.
    const former = await addMember(store, 'Foxtrot');
    await sql(`update public.members set industry = 'Hair Salons', left_at = now() where id = $1`, [former.id]);
    try {
      const listed = await industries();
      // Three companies, named as two of them wrote it; Alpha's "Salons" and Bravo's "salons" one choice of two.
      expect(listed[0]).toEqual({ industry: 'Hair Salons', members: 3 });
      expect(listed.slice(1).map((i) => [i.industry.toLowerCase(), i.members])).toEqual([['salons', 2]]);
      // Each choice selects the companies it counts, "hair  salons" with its two spaces too.
      expect(await names({ industries: ['Hair Salons'] })).toEqual(['Charlie', 'Delta', 'Echo']);
      expect(await names({ industries: ['HAIR   SALONS '] })).toEqual(['Charlie', 'Delta', 'Echo']);
      expect(await names({ industries: [listed[1]!.industry] })).toEqual(['Alpha', 'Bravo']);
      expect(ok(await otherStaff.client.rpc('segment_industries', { p_store_id: other.id }))).toEqual([{ industry: 'Hair salons', members: 1 }]);
    } finally {
      await sql(`update public.members x set industry = v.industry from (values ($1::uuid, 'Retail'), ($2::uuid, null), ($3::uuid, null))
                   v (id, industry) where x.id = v.id`, [m.charlie.id, m.delta.id, m.echo.id]);
      await sql('delete from public.members where id = $1', [former.id]);
    }
    expect(await industries()).toEqual([{ industry: expect.stringMatching(/^salons$/i), members: 2 }, { industry: 'Retail', members: 1 }]);
  });

  it('are read by the store\'s staff only', async () => {
    for (const actor of [otherStaff, m.alpha]) {
      expectError(await actor.client.rpc('segment_industries', { p_store_id: store.id }), '42501', /Only this store's staff/);
    }
    expectError(await anonClient().rpc('segment_industries', { p_store_id: store.id }), '42501');
  });
});

describe('export', () => {
  it('has one row per consenting contact with the documented columns, and counts the others', async () => {
    const result = ok(await staff.client.rpc('segment_export', { p_store_id: store.id, p_filters: {} })) as {
      members: number; contacts_without_consent: number; rows: Record<string, unknown>[];
    };
    expect(result.members).toBe(5);
    expect(result.contacts_without_consent).toBe(4);
    expect(result.rows).toEqual([
      { full_name: 'Test Buyer', company_name: 'Alpha', email: 'alpha@example.test', phone: '+49 30 1234567', whatsapp: '+49 170 1234567', language: 'zh-CN', tier: 'VIP', stage: 'loyal',
        churn_risk: false, country: 'DE', last_order_at: expect.any(String) },
      { full_name: 'Test Buyer', company_name: 'Bravo', email: 'bravo@example.test', phone: null, whatsapp: null, language: 'en', tier: 'Senior', stage: 'purchasing',
        churn_risk: false, country: 'US', last_order_at: expect.any(String) },
    ]);
    // Each company's last paid order, the time members hold.
    const lastOrders = await sql<{ at: Date }>('select last_paid_order_at as at from public.members where id = any($1) order by company_name', [[m.alpha.id, m.bravo.id]]);
    expect(result.rows.map((row) => Date.parse(row.last_order_at as string))).toEqual(lastOrders.map((row) => row.at.getTime()));
    // The colleague without consent is never in a row, whatever it holds.
    expect(JSON.stringify(result)).not.toContain(alphaColleague.contactId);
  });

  it('gives each row its company\'s country, churn risk and last paid order as the preview shows them', async () => {
    await sql('update public.member_contacts set contact_consent_at = now() where id = $1', [m.echo.contactId]);
    try {
      const filters = { churn_risk: true };
      const [shown] = ok(await staff.client.rpc('segment_members', { p_store_id: store.id, p_filters: filters })) as Record<string, unknown>[];
      const result = ok(await staff.client.rpc('segment_export', { p_store_id: store.id, p_filters: filters })) as { rows: Record<string, unknown>[] };
      expect(result.rows).toEqual([expect.objectContaining({ company_name: 'Echo', churn_risk: true, country: 'US', last_order_at: expect.any(String) })]);
      expect(Date.parse(result.rows[0]!.last_order_at as string)).toBe(Date.parse(shown!.last_order_at as string));
      expect(Date.parse(result.rows[0]!.last_order_at as string)).toBeLessThan(Date.parse(daysAgo(299)));
    } finally {
      await sql('update public.member_contacts set contact_consent_at = null where id = $1', [m.echo.contactId]);
    }
  });

  it('follows consent as it is given and withdrawn', async () => {
    await sql('update public.member_contacts set contact_consent_at = now() where id = $1', [alphaColleague.contactId]);
    await sql('update public.member_contacts set contact_consent_at = null where id = $1', [m.bravo.contactId]);
    try {
      const result = ok(await staff.client.rpc('segment_export', { p_store_id: store.id, p_filters: { industries: ['salons'] } })) as {
        contacts_without_consent: number; rows: { company_name: string; full_name: string }[];
      };
      expect(result.rows.map((r) => [r.company_name, r.full_name])).toEqual([['Alpha', 'Test Buyer'], ['Alpha', 'Test Colleague']]);
      expect(result.contacts_without_consent).toBe(1);
    } finally {
      await sql('update public.member_contacts set contact_consent_at = null where id = $1', [alphaColleague.contactId]);
      await sql('update public.member_contacts set contact_consent_at = now() where id = $1', [m.bravo.contactId]);
    }
  });
});
