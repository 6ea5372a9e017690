/**
 * Member privacy: my_data gives a contact everything about them and their company at one store
 * (since 20261210000300 also the campaigns that reached it, which only this export reads);
 * leave_store removes the contact's card and personal data, and with the last contact the
 * company's, leaving the merchant anonymised order totals and sample claims. What remains is checked with SQL.
 * By actor: the contact succeeds; anonymous callers, the store's staff and another store's
 * member are refused with nothing changed.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, sql, stack } from '../support/clients.ts';
import { countOf, erasableCompany, erasureCheck, type ErasableCompany } from './erasure.ts';
import { addMember, createStore, daysAgo, expectError, importOrders, ok, orderRow, type Member, type Store, type Tier } from './fixtures.ts';

let store: Store;
let other: Store;
/** Private Wigs GmbH (erasure.ts): its primary leaves last. */
let company: ErasableCompany;
let primary: Member;
let colleague: Member;
let outsider: Member;
/** Another company of the store, reached by some of its campaigns. */
let neighbour: Member;
/** The store's campaigns by subject: Spring and Summer reached the company, Autumn only its neighbour. */
const campaigns: Record<string, { id: string; sentAt: string }> = {};

/** The tables holding a company's rows: members, and every table with a member_id. */
async function companyTables(): Promise<string[]> {
  return (await sql<{ table: string }>(
    `select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r'
       and (c.relname = 'members' or exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'member_id' and not a.attisdropped))
     order by 1`)).map((row) => row.table);
}

/** Every row of the company in every table that holds its data, as postgres sees it. */
async function companyState(): Promise<Record<string, string>> {
  const tables = await companyTables();
  const rows = await sql<{ t: string; h: string }>(tables.map((t) =>
    `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) || ':' || count(*) as h
     from public.${t} x where ${t === 'members' ? 'id' : 'member_id'} = $1`).join(' union all '), [primary.id], { prepared: true });
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}
const count = (table: string) => countOf(table, primary.id);

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'privacy' }), createStore({ label: 'privacy-other' })]);
  [company, outsider, neighbour] = await Promise.all([erasableCompany(store), addMember(other), addMember(store, 'Neighbour Ltd')]);
  ({ primary, colleague } = company);
  // Sends staff recorded (as record_campaign writes them), listed here out of their order in time.
  for (const [subject, days, reached] of [['Summer', 10, [primary, neighbour]], ['Spring', 20, [primary]], ['Autumn', 5, [neighbour]]] as const) {
    const sentAt = daysAgo(days);
    const [{ id }] = await sql<{ id: string }>(`insert into public.campaigns (store_id, segment_name, filters, channel, subject, sent_at, sent_count)
      values ($1, 'Big buyers', '{}', 'email', $2, $3, 2) returning id`, [store.id, subject, sentAt]) as [{ id: string }];
    await sql('insert into public.campaign_recipients (campaign_id, store_id, member_id) select $1, $2, unnest($3::uuid[])', [id, store.id, reached.map((m) => m.id)]);
    campaigns[subject] = { id, sentAt };
  }
});

describe('my_data', () => {
  it('gives a contact their card, the company and all its rows at the store', async () => {
    const data = ok(await primary.client.rpc('my_data', { p_store_slug: store.slug })) as Record<string, unknown[] | Record<string, unknown> | null>;
    expect(data.store).toMatchObject({ id: store.id, slug: store.slug });
    expect(data.login).toEqual({ user_id: primary.user.id, email: primary.user.email });
    expect(data.my_card).toMatchObject({ id: primary.contactId, full_name: 'Test Buyer' });
    expect(data.company).toMatchObject({ id: primary.id, company_name: 'Private Wigs GmbH', industry: 'Wigs' });
    expect(data.consent).toBeNull();
    const tableOf: Record<string, string> = { contacts: 'member_contacts', invitations: 'member_invitations', coupons: 'member_coupons', reviews: 'order_reviews' };
    const parts = ['contacts', 'invitations', 'orders', 'tier_changes', 'points_ledger', 'rebate_ledger', 'coupons', 'sample_claims', 'inquiries', 'reviews', 'reward_deliveries', 'campaign_recipients', 'campaign_contacts', 'order_changes'];
    for (const part of parts) expect(data[part], part).toHaveLength(await count(tableOf[part] ?? part));
    // Every table holding a company's rows is in the export: a new one is not left out.
    expect(parts.map((part) => tableOf[part] ?? part).sort())
      .toEqual((await companyTables()).filter((table) => table !== 'members'));
    expect((data.reward_deliveries as unknown[]).length).toBe(1);
    expect((data.orders as unknown[]).length).toBe(2);
    // An invitation's token is a secret of the invitee, not data about the company.
    expect(JSON.stringify(data.invitations)).not.toMatch(/"token"/);
  });

  it('gives the campaigns that reached the company, oldest first, with how and when each was sent, to each of its contacts', async () => {
    const received = (subject: string) => ({
      campaign_id: campaigns[subject]!.id, store_id: store.id, member_id: primary.id, channel: 'email', subject, sent_at: campaigns[subject]!.sentAt,
    });
    const campaignsOf = async (member: Member) =>
      ((ok(await member.client.rpc('my_data', { p_store_slug: store.slug })) as { campaign_recipients: { subject: string; sent_at: string }[] })
        .campaign_recipients).map((row) => ({ ...row, sent_at: new Date(row.sent_at).toISOString() }));
    // The staff's notes on a send (segment, filters, counts) are not the company's data.
    expect(await campaignsOf(primary)).toEqual([received('Spring'), received('Summer')]);
    expect(await campaignsOf(colleague)).toEqual(await campaignsOf(primary));
    expect((await campaignsOf(neighbour)).map((row) => row.subject)).toEqual(['Summer', 'Autumn']);
    // Its reader, asked for another company by id, gives nothing.
    const client = new pg.Client({ connectionString: stack().dbUrl });
    await client.connect();
    try {
      await client.query('begin');
      await client.query('set local role authenticated');
      await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: neighbour.user.id, role: 'authenticated', aud: 'authenticated' })]);
      expect((await client.query('select private.received_campaigns($1) as rows', [primary.id])).rows).toEqual([{ rows: [] }]);
    } finally {
      await client.query('rollback');
      await client.end();
    }
  });

  // The file said coupon_id and tier_id alone: uuids that told the buyer nothing of what they hold.
  it('names the coupons and tiers its rows hold by id, in the reader\'s language, beside the ids', async () => {
    const buyer = await addMember(store, 'Named Ids Ltd');
    const [ordinary, , vip] = store.tiers as [Tier, Tier, Tier];
    await sql(`update public.tiers set name = name || jsonb_build_object('zh-CN', case rank when 0 then '普通会员' when 2 then '贵宾会员' else '高级会员' end)
      where store_id = $1`, [store.id]);
    const [{ id: couponId }] = await sql<{ id: string }>(`insert into public.coupons (store_id, code, kind, value, currency, description)
      values ($1, 'NAMED-25', 'amount', 25, 'USD', '{"en": "25 off your next order", "zh-CN": "下单立减25美元"}') returning id`, [store.id]) as [{ id: string }];
    ok(await store.owner.client.rpc('give_coupon', { p_member_id: buyer.id, p_coupon_id: couponId, p_request_id: randomUUID() }));
    await importOrders(store, [orderRow(buyer, { amount: 40 })]);
    ok(await store.owner.client.rpc('set_tier_override', { p_member_id: buyer.id, p_tier_id: vip.id, p_expires_at: '2999-01-01T00:00:00Z', p_reason: 'Trade fair' }));
    type Named = Record<string, unknown>;
    const exported = async (language: string) =>
      ok(await buyer.client.rpc('my_data', { p_store_slug: store.slug }).setHeader('accept-language', language)) as { company: Named; orders: Named[]; coupons: Named[] };

    const zh = await exported('zh-CN,zh;q=0.9');
    expect(zh.coupons).toEqual([expect.objectContaining({
      coupon_id: couponId, source: 'staff', code: 'NAMED-25', kind: 'amount', value: 25, currency: 'USD', description: '下单立减25美元', description_lang: 'zh-CN',
    })]);
    expect(zh.orders).toEqual([expect.objectContaining({ amount: 40, tier_id: ordinary.id, tier_name: '普通会员', tier_name_lang: 'zh-CN' })]);
    expect(zh.company).toMatchObject({ tier_override_id: vip.id, tier_override_name: '贵宾会员', tier_override_name_lang: 'zh-CN' });
    // The coupon has no Spanish text: the store's own language, named as such.
    const es = await exported('es-MX');
    expect(es.coupons[0]).toMatchObject({ code: 'NAMED-25', description: '25 off your next order', description_lang: 'en' });
    const spanish = new Map((await sql<{ id: string; es: string }>(`select id, name ->> 'es' as es from public.tiers where store_id = $1`, [store.id])).map((t) => [t.id, t.es]));
    expect(es.orders[0]).toMatchObject({ tier_id: ordinary.id, tier_name: spanish.get(ordinary.id), tier_name_lang: 'es' });
    const [{ tier_id: tierId }] = await sql<{ tier_id: string }>('select tier_id from public.members where id = $1', [buyer.id]) as [{ tier_id: string }];
    expect(es.company).toMatchObject({ tier_id: tierId, tier_name: spanish.get(tierId), tier_name_lang: 'es', tier_override_name: spanish.get(vip.id), tier_override_name_lang: 'es' });
    // Nothing of the rows themselves is left out: each is its table's row, with the names added.
    const [held] = await sql<{ row: Named }>('select to_jsonb(c) as row from public.member_coupons c where c.member_id = $1', [buyer.id]);
    expect(es.coupons[0]).toMatchObject(JSON.parse(JSON.stringify(held!.row)) as Named);
  });

  it('refuses anyone who is not a contact at the store, and an unknown store', async () => {
    expectError(await anonClient().rpc('my_data', { p_store_slug: store.slug }), '42501');
    expectError(await store.owner.client.rpc('my_data', { p_store_slug: store.slug }), '42501', /^You are not a member of this store$/);
    expectError(await outsider.client.rpc('my_data', { p_store_slug: store.slug }), '42501', /^You are not a member of this store$/);
    expectError(await primary.client.rpc('my_data', { p_store_slug: 'no-such-store-anywhere' }), 'PT404', /^store not found$/);
  });
});

describe('leave_store', () => {
  it('refuses without confirmation, and anyone not a contact, changing nothing', async () => {
    const before = await companyState();
    expectError(await primary.client.rpc('leave_store', { p_store_slug: store.slug }), '22023', /^confirm must be true/);
    expectError(await anonClient().rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }), '42501');
    expectError(await store.owner.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }), '42501', /^You are not a member of this store$/);
    expectError(await outsider.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }), '42501', /^You are not a member of this store$/);
    expect(await companyState()).toEqual(before);
  });

  it('removes a colleague\'s card and personal data; the company and its history stay', async () => {
    const ordersOf = async () => sql(`select amount, contact_id from public.orders where member_id = $1 order by amount`, [primary.id]);
    expect(await ordersOf()).toEqual([{ amount: '30.00', contact_id: colleague.contactId }, { amount: '120.00', contact_id: null }]);
    expect(ok(await colleague.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }))).toEqual({ left: true, company_removed: false });
    expect(await sql('select id from public.member_contacts where id = $1', [colleague.contactId])).toEqual([]);
    // The invitation they accepted held their address; their claim's address is cleared to the country.
    expect(await sql('select id from public.member_invitations where member_id = $1', [primary.id])).toEqual([]);
    expect(await sql(`select ship_to from public.sample_claims where member_id = $1 and contact_id is null`, [primary.id])).toEqual([{ ship_to: { country: 'DE' } }]);
    expect(await ordersOf()).toEqual([{ amount: '30.00', contact_id: null }, { amount: '120.00', contact_id: null }]);
    expect(await sql('select company_name from public.members where id = $1', [primary.id])).toEqual([{ company_name: 'Private Wigs GmbH' }]);
    expect(await count('sample_claims')).toBe(2);
    // The login is untouched, and is no contact at the store any more.
    expect(await sql('select id from auth.users where id = $1', [colleague.user.id])).toHaveLength(1);
    expectError(await colleague.client.rpc('my_data', { p_store_slug: store.slug }), '42501');
  });

  it('with the last contact removes the company\'s personal data and keeps anonymised order totals', async () => {
    const erased = await erasureCheck(company);
    expect(ok(await primary.client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }))).toEqual({ left: true, company_removed: true });
    await erased();
  });
});
