/**
 * The new-member gift pack in store_profile (migration 20261204000500): a visitor, and a signed-in
 * login that is not a member, read what joining a store gives now (its join points and gift-pack
 * coupons valid now, as advertised: no code) and nothing of a store without a pack or of another
 * store; the coupons table stays closed to them; a company that joins receives what was shown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, newSignedInUser, sql } from '../support/clients.ts';
import { createStore, daysAgo, ok, type Store } from './fixtures.ts';

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
