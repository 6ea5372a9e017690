/**
 * Who may read and write each table and call each RPC of the ledgers migration: anon, an
 * ordinary member, a VIP member, another store's member, staff, another store's staff.
 * Hidden rows are asserted as counts (RLS hides without raising).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, sql } from '../support/clients.ts';
import {
  addMember, createStore, daysAgo, expectError, importOrders, makeVip, ok, orderRow, shipTo, type Member, type Store,
} from './fixtures.ts';

let store: Store;
let otherStore: Store;
let ordinary: Member;
let vip: Member;
let outsider: Member;
let inquiryId: string;
let heldCouponId: string;
let reviewedOrderId: string;
const ids: Record<string, string> = {};

type Role = 'anon' | 'ordinary' | 'vip' | 'outsider' | 'staff' | 'otherStaff';
const roles: Role[] = ['anon', 'ordinary', 'vip', 'outsider', 'staff', 'otherStaff'];
function client(role: Role): SupabaseClient {
  return {
    anon: () => anonClient(),
    ordinary: () => ordinary.client,
    vip: () => vip.client,
    outsider: () => outsider.client,
    staff: () => store.owner.client,
    otherStaff: () => otherStore.owner.client,
  }[role]();
}

beforeAll(async () => {
  [store, otherStore] = await Promise.all([createStore({ label: 'matrix' }), createStore({ label: 'matrix-other' })]);
  [ordinary, vip, outsider] = await Promise.all([addMember(store), addMember(store), addMember(otherStore)]);
  ok(await store.owner.client.from('stores').update({ review_points: 10 }).eq('id', store.id).select().single());
  await makeVip(store, vip);
  const delivered = orderRow(vip, { amount: 10, placed_at: daysAgo(3), delivered_at: daysAgo(1) });
  await importOrders(store, [delivered]);

  const insert = async (table: string, row: object) =>
    (ok(await store.owner.client.from(table).insert({ store_id: store.id, ...row }).select('id').single()) as { id: string }).id;
  ids.couponAll = await insert('coupons', { code: 'ALL-1', kind: 'percent', value: 1, per_member_limit: 3 });
  ids.couponVip = await insert('coupons', { code: 'VIP-1', kind: 'percent', value: 9, min_tier_rank: 2 });
  ids.reward = await insert('rewards', { name: 'Kit', points_cost: 5 });
  ids.inactiveReward = await insert('rewards', { name: 'Retired', points_cost: 5, active: false });

  heldCouponId = (ok(await ordinary.client.rpc('claim_coupon', { p_coupon_id: ids.couponAll })) as { id: string }).id;
  ok(await vip.client.rpc('claim_coupon', { p_coupon_id: ids.couponAll }));
  ok(await vip.client.rpc('claim_coupon', { p_coupon_id: ids.couponVip }));
  ok(await store.owner.client.rpc('adjust_points', { p_member_id: ordinary.id, p_delta: 20, p_note: 'Welcome' }));
  const [order] = await sql<{ id: string }>(`select id from public.orders where external_ref = $1`, [delivered.external_ref]);
  reviewedOrderId = order!.id;
  ok(await vip.client.rpc('review_order', { p_order_id: reviewedOrderId, p_rating: 5, p_body: 'Fast delivery' }));
  inquiryId = (ok(await ordinary.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'Price for 100?' })) as { id: string }).id;
});

/** Rows of this store each role sees; null: the role has no SELECT grant at all. */
const visible: Record<string, Record<Role, number | null>> = {
  coupons: { anon: null, ordinary: 1, vip: 2, outsider: 0, staff: 2, otherStaff: 0 },
  member_coupons: { anon: null, ordinary: 1, vip: 2, outsider: 0, staff: 3, otherStaff: 0 },
  rewards: { anon: null, ordinary: 1, vip: 1, outsider: 0, staff: 2, otherStaff: 0 },
  // ordinary: the adjustment; vip: two order credits and the review credit.
  points_ledger: { anon: null, ordinary: 1, vip: 3, outsider: 0, staff: 4, otherStaff: 0 },
  rebate_ledger: { anon: null, ordinary: 0, vip: 2, outsider: 0, staff: 2, otherStaff: 0 },
  order_reviews: { anon: null, ordinary: 0, vip: 1, outsider: 0, staff: 1, otherStaff: 0 },
  inquiries: { anon: null, ordinary: 1, vip: 0, outsider: 0, staff: 1, otherStaff: 0 },
};

describe('reading', () => {
  for (const [table, expected] of Object.entries(visible)) {
    for (const role of roles) {
      it(`${table}: ${role} sees ${expected[role] ?? 'nothing (no grant)'}`, async () => {
        const result = await client(role).from(table).select('*', { count: 'exact' }).eq('store_id', store.id);
        if (expected[role] === null) expectError(result, '42501');
        else expect(result).toMatchObject({ error: null, count: expected[role] });
      });
    }
  }
});

describe('writing tables directly', () => {
  it('lets no API role insert, update or delete ledger, held-coupon, review or inquiry rows', async () => {
    for (const table of ['points_ledger', 'rebate_ledger', 'member_coupons', 'order_reviews', 'inquiries']) {
      for (const role of roles) {
        expectError(await client(role).from(table).insert({ store_id: store.id, member_id: ordinary.id }), '42501');
        expectError(await client(role).from(table).update({ store_id: store.id }).eq('store_id', store.id), '42501');
        expectError(await client(role).from(table).delete().eq('store_id', store.id), '42501');
      }
    }
  });

  it('lets only the store\'s staff write coupons and rewards; others change 0 rows', async () => {
    const newRows: Record<string, Record<string, unknown>> = {
      coupons: { store_id: store.id, code: 'HACK-1', kind: 'percent', value: 50 },
      rewards: { store_id: store.id, name: 'Hack', points_cost: 1 },
    };
    for (const [table, newRow] of Object.entries(newRows)) {
      const id = table === 'coupons' ? ids.couponAll : ids.reward;
      expectError(await anonClient().from(table).update({ description: 'x' }).eq('id', id), '42501');
      for (const role of ['ordinary', 'vip', 'outsider', 'otherStaff'] as const) {
        expect(ok(await client(role).from(table).update({ description: role }).eq('id', id).select())).toEqual([]);
        expect(ok(await client(role).from(table).delete().eq('id', id).select())).toEqual([]);
        expectError(await client(role).from(table).insert(newRow), '42501');
      }
      expect(ok(await client('staff').from(table).update({ description: 'Staff edit' }).eq('id', id).select())).toHaveLength(1);
    }
  });
});

/** Each RPC with arguments aimed at this store. */
const rpcs: Record<string, () => Record<string, unknown>> = {
  claim_coupon: () => ({ p_coupon_id: ids.couponAll }),
  record_coupon_use: () => ({ p_member_coupon_id: heldCouponId, p_order_ref: 'R-1' }),
  redeem_reward: () => ({ p_reward_id: ids.reward, p_ship_to: shipTo }),
  adjust_points: () => ({ p_member_id: ordinary.id, p_delta: 5, p_note: 'Matrix' }),
  apply_rebate: () => ({ p_member_id: vip.id, p_amount: 1, p_order_ref: 'R-2' }),
  expire_points: () => ({ p_store_id: store.id }),
  send_inquiry: () => ({ p_store_slug: store.slug, p_message: 'Hello' }),
  answer_inquiry: () => ({ p_inquiry_id: inquiryId, p_answer: 'Yes' }),
  review_order: () => ({ p_order_id: reviewedOrderId, p_rating: 4, p_body: 'Again' }),
  staff_members: () => ({ p_store_id: store.id }),
};

/**
 * Who is refused each RPC, and how; everyone else in the matrix may call it. 42501: anon (no
 * EXECUTE), or a caller who can read the row (or the store, which everyone can) but may not
 * act on it — the store's staff on a member's action, a company's contact on a staff action.
 * PT404: a caller who cannot read the row (another company, another store), answered exactly
 * as for an id of nothing.
 */
const refused: Record<string, Partial<Record<Role, '42501' | 'PT404'>>> = {
  claim_coupon: { anon: '42501', outsider: 'PT404', staff: '42501', otherStaff: 'PT404' },
  // The held coupon is the ordinary company's: the VIP company cannot read it.
  record_coupon_use: { anon: '42501', ordinary: '42501', vip: 'PT404', outsider: 'PT404', otherStaff: 'PT404' },
  redeem_reward: { anon: '42501', outsider: 'PT404', staff: '42501', otherStaff: 'PT404' },
  adjust_points: { anon: '42501', ordinary: '42501', vip: 'PT404', outsider: 'PT404', otherStaff: 'PT404' },
  apply_rebate: { anon: '42501', ordinary: 'PT404', vip: '42501', outsider: 'PT404', otherStaff: 'PT404' },
  expire_points: { anon: '42501', ordinary: '42501', vip: '42501', outsider: '42501', otherStaff: '42501' },
  send_inquiry: { anon: '42501', outsider: '42501', staff: '42501', otherStaff: '42501' },
  answer_inquiry: { anon: '42501', ordinary: '42501', vip: 'PT404', outsider: 'PT404', otherStaff: 'PT404' },
  // The reviewed order is the VIP company's.
  review_order: { anon: '42501', ordinary: 'PT404', outsider: 'PT404', staff: '42501', otherStaff: 'PT404' },
  staff_members: { anon: '42501', ordinary: '42501', vip: '42501', outsider: '42501', otherStaff: '42501' },
};

describe('calling RPCs', () => {
  for (const [rpc, args] of Object.entries(rpcs)) {
    const refusals = Object.entries(refused[rpc]!) as [Role, string][];
    it(`${rpc}: refused to ${refusals.map(([role, code]) => `${role} (${code})`).join(', ')}`, async () => {
      for (const [role, code] of refusals) {
        const result = await client(role).rpc(rpc, args());
        expect(result.error?.code, `${rpc} as ${role}`).toBe(code);
      }
    });
  }

  it('the allowed roles succeed', async () => {
    for (const [rpc, args] of Object.entries(rpcs)) {
      for (const role of roles.filter((r) => !(r in refused[rpc]!))) {
        const { error } = await client(role).rpc(rpc, args());
        // A second use of the same held coupon, a second review of the same order: business
        // refusals, not access ones.
        if (rpc === 'record_coupon_use' && error) expect(error.code).toBe('P0001');
        else if (rpc === 'review_order') expect(error?.code, `${rpc} as ${role}`).toBe('23505');
        else expect(error, `${rpc} as ${role}`).toBeNull();
      }
    }
  });

  it('my_membership: anon is refused, other stores\' members get null', async () => {
    expectError(await anonClient().rpc('my_membership', { p_store_slug: store.slug }), '42501');
    expect(ok(await outsider.client.rpc('my_membership', { p_store_slug: store.slug }))).toBeNull();
  });
});
