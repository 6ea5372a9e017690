/**
 * The new-member gift pack in store_profile (migration 20261204000500): a visitor, and a signed-in
 * login that is not a member, read what joining a store gives now (its join points and gift-pack
 * coupons valid now, as advertised: no code) and nothing of a store without a pack or of another
 * store; the coupons table stays closed to them; a company that joins receives what was shown.
 * The pack is given once per login per store (migration 20261206000300): leaving as the last
 * contact and exchanging cards again with the same login gives none, and the result says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, newSignedInUser, sql } from '../support/clients.ts';
import { addColleague, createStore, daysAgo, ok, type Member, type Store } from './fixtures.ts';

let store: Store;
let other: Store;
let bare: Store;

interface Coupon { code: string; description: Record<string, string>; kind: string; value: number; currency: string | null;
  min_order_amount: number | null; valid_from: string; valid_until: string | null; is_gift_pack: boolean; claimable: boolean }

const addCoupon = (target: Store, coupon: Coupon) =>
  sql(`insert into public.coupons (store_id, code, description, kind, value, currency, min_order_amount, valid_from,
         valid_until, is_gift_pack, claimable) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
  [target.id, coupon.code, JSON.stringify(coupon.description), coupon.kind, coupon.value, coupon.currency,
    coupon.min_order_amount, coupon.valid_from, coupon.valid_until, coupon.is_gift_pack, coupon.claimable]);

const base = { currency: 'USD', min_order_amount: null, valid_from: daysAgo(30), valid_until: null, is_gift_pack: true, claimable: false };
const inMonth = daysAgo(-30);

const profile = async (client: ReturnType<typeof anonClient>, slug: string, locale: string) =>
  ok(await client.rpc('store_profile', { p_store_slug: slug, p_locale: locale })) as { gift_pack: unknown };

beforeAll(async () => {
  [store, other, bare] = await Promise.all([createStore({ label: 'gift' }), createStore({ label: 'gift-other' }), createStore({ label: 'gift-none' })]);
  await sql('update public.stores set join_points = 150 where id = any($1)', [[store.id, other.id]]);
  await addCoupon(store, { ...base, code: 'WELCOME-PCT', kind: 'percent', value: 10, min_order_amount: 300, valid_until: inMonth,
    description: { en: 'Ten off your first order.', es: 'Diez de descuento en tu primer pedido.' } });
  await addCoupon(store, { ...base, code: 'WELCOME-AMT', kind: 'amount', value: 15, description: { en: 'A sample kit for less.' } });
  // Not in the pack as given now: ended, not started yet, not a gift-pack coupon.
  await addCoupon(store, { ...base, code: 'WELCOME-OLD', kind: 'amount', value: 99, valid_from: daysAgo(60), valid_until: daysAgo(1), description: {} });
  await addCoupon(store, { ...base, code: 'WELCOME-SOON', kind: 'amount', value: 98, valid_from: daysAgo(-1), description: {} });
  await addCoupon(store, { ...base, code: 'ANYONE-5', kind: 'amount', value: 5, is_gift_pack: false, claimable: true, description: {} });
  await addCoupon(other, { ...base, code: 'OTHER-GIFT', kind: 'amount', value: 77, description: { en: 'Elsewhere.' } });
});

const advertised = {
  points: 150,
  // The store's order for coupons: by end date, those without one last.
  coupons: [
    { kind: 'percent', value: 10, currency: 'USD', min_order_amount: 300, description: 'Diez de descuento en tu primer pedido.', description_lang: 'es' },
    { kind: 'amount', value: 15, currency: 'USD', min_order_amount: null, valid_until: null, description: 'A sample kit for less.', description_lang: 'en' },
  ],
};

describe('store_profile gift_pack', () => {
  it('gives a visitor the pack as advertised, in their language with fallback, without codes or other coupons', async () => {
    const { gift_pack } = await profile(anonClient(), store.slug, 'es');
    expect(gift_pack).toMatchObject(advertised);
    const pack = gift_pack as { coupons: Record<string, unknown>[] };
    expect(pack.coupons).toHaveLength(2);
    expect(Date.parse(pack.coupons[0]!.valid_until as string)).toBe(Date.parse(inMonth));
    expect(Object.keys(pack.coupons[0]!).toSorted()).toEqual(
      ['currency', 'description', 'description_lang', 'kind', 'min_order_amount', 'valid_until', 'value']);
    expect(JSON.stringify(gift_pack)).not.toMatch(/WELCOME|ANYONE|OTHER|Elsewhere|\b(99|98|77)\b/);
  });

  it('gives a signed-in login that is not a member the same', async () => {
    const { client } = await newSignedInUser('gift-visitor');
    expect((await profile(client, store.slug, 'es')).gift_pack).toEqual((await profile(anonClient(), store.slug, 'es')).gift_pack);
  });

  it('is null for a store that gives nothing on joining, and only points for one without coupons', async () => {
    expect((await profile(anonClient(), bare.slug, 'en')).gift_pack).toBeNull();
    await sql('update public.stores set join_points = 40 where id = $1', [bare.id]);
    try {
      expect((await profile(anonClient(), bare.slug, 'en')).gift_pack).toEqual({ points: 40, coupons: [] });
    } finally {
      await sql('update public.stores set join_points = 0 where id = $1', [bare.id]);
    }
  });

  it('leaves the coupons table closed to visitors', async () => {
    const read = await anonClient().from('coupons').select('code').eq('store_id', store.id);
    expect(read.error?.code).toBe('42501');
  });

  it('is what a company joining receives', async () => {
    const { client } = await newSignedInUser('gift-joiner');
    ok(await client.rpc('join_store', { p_store_slug: store.slug, p_company_name: 'Gift Joiner Ltd', p_full_name: 'Gift Joiner' }));
    const membership = ok(await client.rpc('my_membership', { p_store_slug: store.slug, p_locale: 'es' })) as {
      points: { balance: number }; coupons: { claimed: { source: string; kind: string; value: number; description: string }[] } };
    expect(membership.points.balance).toBe(advertised.points);
    expect(membership.coupons.claimed.filter((c) => c.source === 'gift_pack').map(({ kind, value, description }) => ({ kind, value, description })))
      .toEqual(advertised.coupons.map(({ kind, value, description }) => ({ kind, value, description })));
  });
});

/** What a company holds of the pack, as its contact reads it (my_membership), and its ledger's join rows. */
async function received(member: Pick<Member, 'client' | 'id'>) {
  const membership = ok(await member.client.rpc('my_membership', { p_store_slug: store.slug, p_locale: 'en' })) as {
    points: { balance: number }; coupons: { claimed: { source: string }[] } };
  return {
    points: membership.points.balance,
    coupons: membership.coupons.claimed.filter((c) => c.source === 'gift_pack').length,
    joinRows: (await sql(`select id from public.points_ledger where member_id = $1 and reason = 'join'`, [member.id])).length,
  };
}
const fullPack = { points: 150, coupons: 2, joinRows: 1 };
const noPack = { points: 0, coupons: 0, joinRows: 0 };

describe('the gift pack once per login', () => {
  const exchange = (client: Member['client'], company: string) =>
    client.rpc('exchange_cards', { p_store_slug: store.slug, p_company_name: company, p_full_name: 'Rejoining Buyer', p_phone: '+49 30 1234567' });

  it('is not given again to a login that left as the last contact and exchanges cards again; the result says why', async () => {
    const { client } = await newSignedInUser('gift-rejoin');
    const receivedBefore = async (reader: Member['client'], slug = store.slug) =>
      (ok(await reader.rpc('store_profile', { p_store_slug: slug, p_locale: 'en' })) as { gift_pack_received_before: boolean }).gift_pack_received_before;
    expect(await receivedBefore(client)).toBe(false);
    const first = ok(await exchange(client, 'Rejoin GmbH')) as { member_id: string; joined: boolean; gift_pack_received_before: boolean };
    expect(first).toMatchObject({ joined: true, gift_pack_received_before: false });
    expect(await received({ client, id: first.member_id })).toEqual(fullPack);
    expect(ok(await client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }))).toEqual({ left: true, company_removed: true });
    // Said before the card is sent, as the exchange will answer it: to this login only, at this store only.
    expect(await receivedBefore(client)).toBe(true);
    expect(await receivedBefore(client, other.slug)).toBe(false);
    expect(await receivedBefore(anonClient())).toBe(false);
    expect(await receivedBefore((await newSignedInUser('gift-rejoin-other')).client)).toBe(false);

    for (const company of ['Rejoin GmbH', 'Rejoin Again GmbH']) {
      const again = ok(await exchange(client, company)) as { member_id: string; joined: boolean; gift_pack_received_before: boolean };
      expect(again).toMatchObject({ joined: true, gift_pack_received_before: true });
      expect(again.member_id).not.toBe(first.member_id);
      expect(await received({ client, id: again.member_id })).toEqual(noPack);
      // A repeated exchange as a member changes nothing and says nothing of a pack.
      expect(ok(await exchange(client, company))).toMatchObject({ member_id: again.member_id, joined: false, gift_pack_received_before: false });
      ok(await client.rpc('leave_store', { p_store_slug: store.slug, p_confirm: true }));
    }
    // The anonymised company keeps the one pack it was given.
    expect(await sql(`select m.company_name, (select count(*)::int from public.member_coupons c where c.member_id = m.id and c.source = 'gift_pack') as coupons
      from public.members m where m.id = $1`, [first.member_id])).toEqual([{ company_name: 'Former member', coupons: 2 }]);
  });

  it('is given to another login joining the store, and not a second time to the company for a colleague', async () => {
    const { user, client } = await newSignedInUser('gift-after-rejoin');
    const joined = ok(await client.rpc('join_store', { p_store_slug: store.slug, p_company_name: 'Next Buyer Ltd', p_full_name: 'Next Buyer' })) as
      { member_id: string; contact_id: string; gift_pack_received_before: boolean };
    expect(joined.gift_pack_received_before).toBe(false);
    const company: Member = { user, client, id: joined.member_id, contactId: joined.contact_id, storeId: store.id, companyName: 'Next Buyer Ltd' };
    expect(await received(company)).toEqual(fullPack);

    const colleague = await addColleague(company);
    expect(await received(colleague)).toEqual(fullPack);
  });
});
