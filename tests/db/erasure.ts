/**
 * A company holding personal data of every kind a buyer leaves at a store, and the check of what
 * is left of it once erased. Shared by the two ways a company is erased, which must erase exactly
 * alike: its last contact leaving (leave_store, member-privacy.test.ts) and an owner acting on
 * its buyer's request (erase_member, erase-member.test.ts).
 */
import { expect } from 'vitest';
import { sql } from '../support/clients.ts';
import {
  addColleague, addMember, addProduct, daysAgo, importOrders, ok, orderRow, shipTo, type Member, type Store,
} from './fixtures.ts';

/** The company's name, and the names and addresses of its people, as erasure must leave none of them. */
export const personalTexts = ['Private Wigs', 'Primary Person', 'private-wigs', 'Test Buyer', 'Test Colleague'];

export interface ErasableCompany {
  store: Store;
  primary: Member;
  colleague: Member;
}

/**
 * "Private Wigs GmbH" at `store`, with a primary and a colleague: a website and industry, an order
 * of each contact's, a sample claim of each (open), an inquiry, a review, a reward redeemed and sent
 * with a note naming the buyer, and a tier override with its reason. `store` holds no other company
 * with sample claims: what is left of the company's names is looked for in the whole store.
 */
export async function erasableCompany(store: Store): Promise<ErasableCompany> {
  const primary = await addMember(store, 'Private Wigs GmbH');
  const colleague = await addColleague(primary);
  await sql(`update public.members set website = 'https://private-wigs.example', industry = 'Wigs' where id = $1`, [primary.id]);
  const delivered = orderRow(primary, { amount: 120, placed_at: daysAgo(5), delivered_at: daysAgo(1) });
  await importOrders(store, [delivered, orderRow(primary, { amount: 30, email: colleague.user.email, member_id: undefined })]);
  const [{ id: orderId }] = await sql<{ id: string }>('select id from public.orders where external_ref = $1', [delivered.external_ref]) as [{ id: string }];
  const product = await addProduct(store);
  ok(await colleague.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo }));
  ok(await primary.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: { ...shipTo, name: 'Primary Person' } }));
  ok(await primary.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'Call me on +49 30 999' }));
  ok(await primary.client.rpc('review_order', { p_order_id: orderId, p_rating: 5, p_body: 'Lovely, says Primary Person' }));
  // A reward the store sends: a delivery of the company's.
  const [{ id: kit }] = await sql<{ id: string }>(`insert into public.rewards (store_id, name, points_cost) values ($1, '{"en": "Kit"}', 1) returning id`, [store.id]) as [{ id: string }];
  ok(await primary.client.rpc('redeem_reward', { p_reward_id: kit, p_ship_to: { ...shipTo, name: 'Primary Person' } }));
  // Sent, with the staff's note of how it went (free text, as a claim's rejection reason).
  const [{ id: delivery }] = await sql<{ id: number }>('select points_entry_id::int as id from public.reward_deliveries where member_id = $1', [primary.id]) as [{ id: number }];
  ok(await store.owner.client.rpc('mark_reward_sent', { p_points_entry_id: delivery, p_note: 'Signed for by Primary Person', p_tracking_number: 'RR123456789CN' }));
  // An override's reason is kept on the company and with the tier change it made.
  ok(await store.owner.client.rpc('set_tier_override', { p_member_id: primary.id, p_tier_id: store.tiers[2]!.id, p_expires_at: '2999-01-01T00:00:00Z', p_reason: 'Agreed with Primary Person' }));
  expect(await sql(`select note from public.tier_changes where member_id = $1 and reason = 'override'`, [primary.id])).toEqual([{ note: 'Agreed with Primary Person' }]);
  return { store, primary, colleague };
}

/** How many rows of the company `memberId` a table holds (`members`: its own row). */
export const countOf = async (table: string, memberId: string) =>
  Number((await sql<{ n: string }>(`select count(*) as n from public.${table} where ${table === 'members' ? 'id' : 'member_id'} = $1`, [memberId]))[0]!.n);

/**
 * Taken before the company is erased: once it is, the returned check asserts that its personal
 * data is gone and that what the merchant keeps for its statistics is there, anonymised, with the
 * ledgers and tier history as they were.
 */
export async function erasureCheck({ store, primary, colleague }: ErasableCompany): Promise<() => Promise<void>> {
  const ledgers = async () => ({
    points: await countOf('points_ledger', primary.id), rebates: await countOf('rebate_ledger', primary.id), tiers: await countOf('tier_changes', primary.id),
  });
  const ledgersBefore = await ledgers();
  return async () => {
    expect(await sql('select company_name, country, website, industry, tier_override_reason from public.members where id = $1', [primary.id]))
      .toEqual([{ company_name: 'Former member', country: null, website: null, industry: null, tier_override_reason: null }]);
    for (const table of ['member_contacts', 'member_invitations', 'inquiries', 'order_reviews']) {
      expect(await countOf(table, primary.id), table).toBe(0);
    }
    // Sample claims stay as the merchant's record (migration 20261208000100), with the country only;
    // the open ones are cancelled.
    expect(await sql(`select status, ship_to, contact_id from public.sample_claims where member_id = $1`, [primary.id]))
      .toEqual([{ status: 'cancelled', ship_to: { country: 'DE' }, contact_id: null }, { status: 'cancelled', ship_to: { country: 'DE' }, contact_id: null }]);
    // A reward's delivery stays, its address cleared to the country as a claim's, the staff's note
    // as a claim's rejection reason (migration 20261218000420); how it was sent is the merchant's.
    expect(await sql(`select ship_to, sent_note, tracking_number from public.reward_deliveries where member_id = $1`, [primary.id]))
      .toEqual([{ ship_to: { country: 'DE' }, sent_note: null, tracking_number: 'RR123456789CN' }]);
    expect(await sql(`select amount::float as amount, status, contact_id from public.orders where member_id = $1 order by amount`, [primary.id]))
      .toEqual([{ amount: 30, status: 'paid', contact_id: null }, { amount: 120, status: 'paid', contact_id: null }]);
    expect(await ledgers()).toEqual(ledgersBefore);
    // Nothing of the company's names or addresses is left anywhere at the store.
    const [{ hits }] = await sql<{ hits: string }>(
      `select count(*) as hits from (
         select x::text as t from public.members x where x.store_id = $1 union all
         select x::text from public.orders x where x.store_id = $1 union all
         select x::text from public.points_ledger x where x.store_id = $1 union all
         select x::text from public.rebate_ledger x where x.store_id = $1 union all
         select x::text from public.sample_claims x where x.store_id = $1 union all
         select x::text from public.reward_deliveries x where x.store_id = $1 union all
         select x::text from public.tier_changes x where x.store_id = $1) r
       where t ilike any ($2)`, [store.id, personalTexts.map((text) => `%${text}%`)]) as [{ hits: string }];
    expect(Number(hits)).toBe(0);
    // The logins stay (they may belong to other stores), members here no more.
    for (const contact of [primary, colleague]) {
      expect(ok(await contact.client.rpc('my_membership', { p_store_slug: store.slug }))).toBeNull();
      expect(await sql('select id from auth.users where id = $1', [contact.user.id])).toHaveLength(1);
    }
  };
}
