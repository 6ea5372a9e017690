/**
 * Who may read and write what, per docs/api.md: every table and RPC of the membership engine
 * against six callers — anon, an ordinary member, a VIP member, a member of another store, the
 * store's staff and another store's staff. Counts are asserted, not only errors: RLS hides rows
 * without raising, and an UPDATE it hides affects 0 rows.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, serviceClient, sql } from '../support/clients.ts';
import {
  addMember, addProduct, createStore, expectError, makeVip, ok, shipTo,
  type Member, type Product, type Store,
} from './fixtures.ts';

type ActorName = 'anon' | 'ordinary' | 'vip' | 'otherMember' | 'staff' | 'otherStaff';

let store: Store;
let other: Store;
let ordinary: Member;
let vip: Member;
let otherMember: Member;
let products: Record<'public' | 'members' | 'senior' | 'vip' | 'inactive', Product>;
let clients: Record<ActorName, SupabaseClient>;
let claimId: string;

beforeAll(async () => {
  [store, other] = await Promise.all([createStore({ label: 'access' }), createStore({ label: 'access-other' })]);
  [ordinary, vip, otherMember] = await Promise.all([addMember(store), addMember(store), addMember(other)]);
  await makeVip(store, vip);
  products = {
    public: await addProduct(store, { visibility: 'public' }),
    members: await addProduct(store, { visibility: 'members', kind: 'customized' }),
    senior: await addProduct(store, { visibility: 'tier', min_tier_rank: 1 }),
    vip: await addProduct(store, { visibility: 'tier', min_tier_rank: 2 }),
    inactive: await addProduct(store, { visibility: 'public' }),
  };
  await sql('update public.products set active = false where id = $1', [products.inactive.id]);
  clients = {
    anon: anonClient(), ordinary: ordinary.client, vip: vip.client, otherMember: otherMember.client,
    staff: store.owner.client, otherStaff: other.owner.client,
  };
  claimId = (ok(await ordinary.client.rpc('claim_sample', { p_product_id: products.public.id, p_ship_to: shipTo })) as { id: string }).id;
  ok(await ordinary.client.rpc('invite_colleague', { p_member_id: ordinary.id, p_email: 'colleague@example.test' }));
});

/** Rows of store A each caller reads; 'denied' means the table is not granted to the role at all. */
const reads: Record<string, Record<ActorName, number | 'denied'>> = {
  stores: { anon: 1, ordinary: 1, vip: 1, otherMember: 1, staff: 1, otherStaff: 1 },
  store_staff: { anon: 'denied', ordinary: 0, vip: 0, otherMember: 0, staff: 1, otherStaff: 0 },
  tiers: { anon: 3, ordinary: 3, vip: 3, otherMember: 3, staff: 3, otherStaff: 3 },
  members: { anon: 'denied', ordinary: 1, vip: 1, otherMember: 0, staff: 2, otherStaff: 0 },
  member_contacts: { anon: 'denied', ordinary: 1, vip: 1, otherMember: 0, staff: 2, otherStaff: 0 },
  // public; + members-only; + senior and VIP products; staff also see the inactive one.
  products: { anon: 1, ordinary: 2, vip: 4, otherMember: 1, staff: 5, otherStaff: 1 },
  orders: { anon: 'denied', ordinary: 0, vip: 1, otherMember: 0, staff: 1, otherStaff: 0 },
  // join for both; the VIP's rise on its order.
  tier_changes: { anon: 'denied', ordinary: 1, vip: 2, otherMember: 0, staff: 3, otherStaff: 0 },
  sample_claims: { anon: 'denied', ordinary: 1, vip: 0, otherMember: 0, staff: 1, otherStaff: 0 },
  member_invitations: { anon: 'denied', ordinary: 1, vip: 0, otherMember: 0, staff: 1, otherStaff: 0 },
};

describe('reading tables', () => {
  for (const [table, expected] of Object.entries(reads)) {
    for (const [actor, count] of Object.entries(expected) as [ActorName, number | 'denied'][]) {
      it(`${table}: ${actor} ${count === 'denied' ? 'is refused' : `reads ${count}`}`, async () => {
        const column = table === 'stores' ? 'id' : 'store_id';
        const result = await clients[actor].from(table).select('*').eq(column, store.id);
        if (count === 'denied') expectError(result, '42501');
        else expect(ok(result)).toHaveLength(count);
      });
    }
  }

  it('products: exclusive rows are hidden whatever the filter, prices included', async () => {
    const byId = await clients.ordinary.from('products').select('id, price').eq('id', products.vip.id);
    expect(ok(byId)).toEqual([]);
    const byAnon = await clients.anon.from('products').select('id').in('id', [products.members.id, products.vip.id]);
    expect(ok(byAnon)).toEqual([]);
  });
});

describe('writing tables directly', () => {
  it('a member cannot PATCH their own tier, override or quota-bearing columns', async () => {
    const vipTier = store.tiers[2]!.id;
    for (const patch of [{ tier_id: vipTier }, { tier_override_id: vipTier, tier_override_expires_at: '2999-01-01' }, { last_evaluated_at: null }]) {
      expectError(await ordinary.client.from('members').update(patch).eq('id', ordinary.id).select(), '42501');
    }
    const [row] = await sql<{ tier_id: string; tier_override_id: string | null }>('select tier_id, tier_override_id from public.members where id = $1', [ordinary.id]);
    expect(row).toEqual({ tier_id: store.tiers[0]!.id, tier_override_id: null });
  });

  it('a member edits their company card, but not another company\'s (0 rows, nothing changed)', async () => {
    expect(ok(await ordinary.client.from('members').update({ website: 'https://mine.example' }).eq('id', ordinary.id).select())).toHaveLength(1);
    expect(ok(await ordinary.client.from('members').update({ website: 'https://hijack.example' }).eq('id', vip.id).select())).toHaveLength(0);
    const [row] = await sql<{ website: string | null }>('select website from public.members where id = $1', [vip.id]);
    expect(row!.website).toBeNull();
  });

  it('a contact edits their own card fields, not their role or company', async () => {
    expect(ok(await ordinary.client.from('member_contacts').update({ job_title: 'Buyer' }).eq('id', ordinary.contactId).select())).toHaveLength(1);
    expectError(await ordinary.client.from('member_contacts').update({ role: 'primary', member_id: vip.id }).eq('id', ordinary.contactId), '42501');
    expect(ok(await vip.client.from('member_contacts').update({ job_title: 'Hijacked' }).eq('id', ordinary.contactId).select())).toHaveLength(0);
  });

  it('nobody but the engine writes orders, tier history or sample claims', async () => {
    for (const actor of ['ordinary', 'vip', 'staff'] as const) {
      expectError(await clients[actor].from('orders').insert({ store_id: store.id, member_id: vip.id, external_ref: 'X', amount: 1, currency: 'USD', placed_at: new Date().toISOString(), status: 'paid' }), '42501');
      expectError(await clients[actor].from('orders').update({ status: 'refunded' }).eq('store_id', store.id), '42501');
      expectError(await clients[actor].from('tier_changes').delete().eq('store_id', store.id), '42501');
      expectError(await clients[actor].from('sample_claims').update({ status: 'shipped' }).eq('id', claimId), '42501');
    }
    const [counts] = await sql<{ orders: number; claims: string }>(
      `select (select count(*)::int from public.orders where store_id = $1) as orders,
              (select status from public.sample_claims where id = $2) as claims`, [store.id, claimId]);
    expect(counts).toEqual({ orders: 1, claims: 'requested' });
  });

  it('the service role writes an order directly, as the API says it may, stamped as the import stamps its own', async () => {
    // A store of its own: the other cases count this store's orders.
    const own = await createStore({ label: 'service-orders' });
    const buyer = await addMember(own);
    const order = { store_id: own.id, member_id: buyer.id, external_ref: 'SVC-1', amount: 40, currency: 'USD', placed_at: new Date().toISOString(), status: 'paid' };
    const [written] = ok(await serviceClient().from('orders').insert(order).select('id, paid_at, tier_id')) as { id: string; paid_at: string | null; tier_id: string | null }[];
    expect(written!.paid_at).not.toBeNull();
    expect(written!.tier_id).not.toBeNull();
    const refunded = ok(await serviceClient().from('orders').update({ status: 'refunded' }).eq('id', written!.id).select('status'));
    expect(refunded).toEqual([{ status: 'refunded' }]);
    // The refund's triggers ran as the service role too: the order's points were taken back.
    const taken = ok(await serviceClient().from('points_ledger').select('reason').eq('order_id', written!.id).eq('reason', 'clawback'));
    expect(taken).toHaveLength(1);
  });

  it('staff manage their store\'s products and tiers; others are refused or see 0 rows', async () => {
    const product = { store_id: store.id, sku: 'NEW-1', name: 'New', price: 10, currency: 'USD' };
    expectError(await clients.ordinary.from('products').insert(product), '42501');
    expectError(await clients.otherStaff.from('products').insert(product), '42501');
    expectError(await clients.anon.from('products').insert(product), '42501');
    expect(ok(await clients.staff.from('products').insert(product).select())).toHaveLength(1);
    expect(ok(await clients.otherStaff.from('products').delete().eq('sku', 'NEW-1').select())).toHaveLength(0);
    expect(ok(await clients.staff.from('products').delete().eq('sku', 'NEW-1').select())).toHaveLength(1);

    expect(ok(await clients.otherStaff.from('tiers').update({ discount_percent: 50 }).eq('store_id', store.id).select())).toHaveLength(0);
    expect(ok(await clients.vip.from('tiers').update({ discount_percent: 50 }).eq('store_id', store.id).select())).toHaveLength(0);
    expect(ok(await clients.staff.from('tiers').update({ perks: ['Free tea'] }).eq('id', store.tiers[1]!.id).select())).toHaveLength(1);
    // The ordinary tier cannot be removed (hidden from the delete policy) nor moved off rank 0.
    expect(ok(await clients.staff.from('tiers').delete().eq('id', store.tiers[0]!.id).select())).toHaveLength(0);
    expectError(await clients.staff.from('tiers').update({ rank: 7 }).eq('id', store.tiers[0]!.id), '22023', 'rank of the ordinary tier must stay 0');
  });

  it('only owners change store settings', async () => {
    expect(ok(await clients.vip.from('stores').update({ name: 'Hijacked' }).eq('id', store.id).select())).toHaveLength(0);
    expect(ok(await clients.otherStaff.from('stores').update({ name: 'Hijacked' }).eq('id', store.id).select())).toHaveLength(0);
    expectError(await clients.staff.from('stores').update({ slug: 'renamed' }).eq('id', store.id), '42501');
    expect(ok(await clients.staff.from('stores').update({ sample_period_days: 180 }).eq('id', store.id).select())).toHaveLength(1);
    await sql('update public.stores set sample_period_days = 365 where id = $1', [store.id]);
  });
});

describe('RPCs', () => {
  it('my_membership: members get their picture, others null, anon is refused', async () => {
    const mine = ok(await clients.vip.rpc('my_membership', { p_store_slug: store.slug })) as { tier: { rank: number; rebate_percent: number }; member: { id: string } };
    expect(mine.member.id).toBe(vip.id);
    expect(mine.tier).toMatchObject({ rank: 2, rebate_percent: 5 });
    expect(ok(await clients.otherMember.rpc('my_membership', { p_store_slug: store.slug }))).toBeNull();
    expect(ok(await clients.staff.rpc('my_membership', { p_store_slug: store.slug }))).toBeNull();
    expectError(await clients.anon.rpc('my_membership', { p_store_slug: store.slug }), '42501');
    expectError(await clients.vip.rpc('my_membership', { p_store_slug: 'no-such-store' }), 'PT404', 'store not found');
  });

  it('tier_teasers: anyone gets the counts of exclusive products per tier', async () => {
    const teasers = ok(await clients.anon.rpc('tier_teasers', { p_store_slug: store.slug }));
    expect(teasers).toEqual([
      { rank: 0, tier_name: 'Ordinary', tier_name_lang: 'en', exclusive_products: 1 },
      { rank: 1, tier_name: 'Senior', tier_name_lang: 'en', exclusive_products: 2 },
      { rank: 2, tier_name: 'VIP', tier_name_lang: 'en', exclusive_products: 3 },
    ]);
  });

  it('store_catalogue: visible products with the caller\'s own price and prepayment', async () => {
    type Row = { id: string; list_price: number; member_price: number | null; prepay_percent: number | null; sample_eligible: boolean };
    const catalogue = async (actor: ActorName) => ok(await clients[actor].rpc('store_catalogue', { p_store_slug: store.slug })) as Row[];

    const anon = await catalogue('anon');
    expect(anon.map((r) => r.id)).toEqual([products.public.id]);
    expect(anon[0]).toMatchObject({ list_price: 100, member_price: null, prepay_percent: null, sample_eligible: false });
    expect((await catalogue('otherMember')).map((r) => r.id)).toEqual([products.public.id]);

    const forOrdinary = await catalogue('ordinary');
    expect(forOrdinary.map((r) => r.id).sort()).toEqual([products.public.id, products.members.id].sort());
    expect(forOrdinary.find((r) => r.id === products.members.id)).toMatchObject({ member_price: 100, prepay_percent: 75 });

    const forVip = await catalogue('vip');
    expect(forVip).toHaveLength(4);
    // VIP defaults: 8 % off, 30 % prepayment on regular products, 75 % on customized ones.
    expect(forVip.find((r) => r.id === products.vip.id)).toMatchObject({ member_price: 92, prepay_percent: 30, sample_eligible: true });
    expect(forVip.find((r) => r.id === products.members.id)).toMatchObject({ prepay_percent: 75 });
  });

  it('import_orders, set_tier_override, evaluate_tiers: staff of the store only', async () => {
    const row = [{ external_ref: 'R-1', member_id: ordinary.id, amount: 1, currency: 'USD', placed_at: new Date().toISOString(), status: 'cancelled' }];
    const override = { p_member_id: ordinary.id, p_tier_id: store.tiers[1]!.id, p_expires_at: '2999-01-01T00:00:00Z', p_reason: 'Trade fair' };
    expectError(await clients.anon.rpc('import_orders', { p_store_id: store.id, p_rows: row }), '42501');
    for (const actor of ['ordinary', 'vip', 'otherMember', 'otherStaff'] as const) {
      // Stores are public: a store id is answered 42501 whoever asks.
      expectError(await clients[actor].rpc('import_orders', { p_store_id: store.id, p_rows: row }), '42501');
      expectError(await clients[actor].rpc('evaluate_tiers', { p_store_id: store.id }), '42501');
    }
    // The company's own contact reads its row but may not lift it: 42501. Everyone else cannot
    // read it, and is answered as for a company that does not exist.
    expectError(await clients.ordinary.rpc('set_tier_override', override), '42501', /^member_id is not a member of a store you staff$/);
    for (const actor of ['vip', 'otherMember', 'otherStaff'] as const) {
      expectError(await clients[actor].rpc('set_tier_override', override), 'PT404', /^member_id matches no member$/);
    }
    const [overridden] = await sql<{ tier_override_id: string | null }>('select tier_override_id from public.members where id = $1', [ordinary.id]);
    expect(overridden!.tier_override_id).toBeNull();
    expect(ok(await clients.staff.rpc('import_orders', { p_store_id: store.id, p_rows: row }))).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(ok(await clients.staff.rpc('set_tier_override', { ...override, p_tier_id: null }))).toMatchObject({ id: ordinary.id, tier_override_id: null });
    expect(ok(await clients.staff.rpc('evaluate_tiers', { p_store_id: store.id }))).toBe(0);
    expectError(await clients.staff.rpc('evaluate_tiers', {}), '42501');
    // The service role (the merchant's back end) may evaluate a store too. Its every-store run is
    // the nightly job's: run here, beside the other files' tests, it locked every store's members
    // at once and held up their races until a statement timed out.
    expect(typeof ok(await serviceClient().rpc('evaluate_tiers', { p_store_id: store.id }))).toBe('number');
  });

  it('create_store and join_store: signed-in callers only', async () => {
    expectError(await clients.anon.rpc('create_store', { p_slug: 'anon-store', p_name: 'Anon' }), '42501');
    expectError(await clients.anon.rpc('join_store', { p_store_slug: store.slug, p_company_name: 'X', p_full_name: 'Y' }), '42501');
    expectError(await clients.ordinary.rpc('create_store', { p_slug: store.slug, p_name: 'Copy' }), '23505', 'slug is already taken');
    const again = ok(await clients.ordinary.rpc('join_store', { p_store_slug: store.slug, p_company_name: 'Another name', p_full_name: 'Z' })) as { member_id: string; joined: boolean };
    expect(again).toMatchObject({ member_id: ordinary.id, joined: false });
    expectError(await clients.otherMember.rpc('join_store', { p_store_slug: store.slug, p_company_name: ' ', p_full_name: 'Z' }), '22023', 'company_name is required');
  });

  it('sample RPCs: members claim what they see, staff of the store decide', async () => {
    expectError(await clients.anon.rpc('claim_sample', { p_product_id: products.public.id, p_ship_to: shipTo }), '42501');
    expectError(await clients.otherMember.rpc('claim_sample', { p_product_id: products.public.id, p_ship_to: shipTo }), '42501', 'Only members of this store can claim samples');
    expectError(await clients.ordinary.rpc('claim_sample', { p_product_id: products.vip.id, p_ship_to: shipTo }), 'PT404', 'product_id matches no product');
    // The claiming company's contact reads the claim but may not decide it; the store's staff
    // read it but may not cancel it for the company: 42501.
    for (const [rpc, args] of [
      ['approve_sample', {}], ['ship_sample', { p_tracking_number: 'T-1' }], ['reject_sample', { p_reason: 'Mine' }],
    ] as const) {
      expectError(await clients.ordinary.rpc(rpc, { p_claim_id: claimId, ...args }), '42501', /^Only this store's staff may do this$/);
    }
    expectError(await clients.staff.rpc('cancel_sample', { p_claim_id: claimId }), '42501', /^Only contacts of the claiming company may do this$/);
    // Another company of the store and another store's staff cannot read it: as for no claim.
    for (const actor of ['vip', 'otherStaff'] as const) {
      expectError(await clients[actor].rpc('approve_sample', { p_claim_id: claimId }), 'PT404', /^claim_id matches no sample claim$/);
    }
    expectError(await clients.vip.rpc('cancel_sample', { p_claim_id: claimId }), 'PT404', /^claim_id matches no sample claim$/);
    const [row] = await sql<{ status: string }>('select status from public.sample_claims where id = $1', [claimId]);
    expect(row!.status).toBe('requested');
  });

  it('invitations: only the company\'s contacts invite; only the invitee accepts', async () => {
    // Staff read the company but are not its contacts: 42501. Another company cannot read it.
    expectError(await clients.staff.rpc('invite_colleague', { p_member_id: ordinary.id, p_email: 'x@example.test' }), '42501', /^member_id is not a company you are a contact of$/);
    expectError(await clients.vip.rpc('invite_colleague', { p_member_id: ordinary.id, p_email: 'x@example.test' }), 'PT404', /^member_id matches no member$/);
    const invitation = ok(await clients.ordinary.rpc('invite_colleague', { p_member_id: ordinary.id, p_email: 'x@example.test' })) as { token: string };
    // The inviting company and the store's staff read the invitation; it is not theirs to accept.
    for (const actor of ['ordinary', 'staff'] as const) {
      expectError(await clients[actor].rpc('accept_invitation', { p_token: invitation.token, p_full_name: 'Intruder' }), '42501', /^email of your login is not the address this invitation was sent to$/);
    }
    // Whoever cannot read it is answered as for a token of nothing.
    for (const actor of ['vip', 'otherMember', 'otherStaff'] as const) {
      expectError(await clients[actor].rpc('accept_invitation', { p_token: invitation.token, p_full_name: 'Intruder' }), 'PT404', /^token matches no invitation$/);
    }
    expectError(await clients.anon.rpc('accept_invitation', { p_token: invitation.token, p_full_name: 'Intruder' }), '42501');
    const [count] = await sql<{ n: number }>('select count(*)::int as n from public.member_contacts where member_id = $1', [ordinary.id]);
    expect(count!.n).toBe(1);
  });
});

describe('product images follow the products\' visibility', () => {
  it('a VIP product\'s image is readable by VIPs and staff only', async () => {
    const path = `${store.id}/${products.vip.id}/front.png`;
    const png = new Blob([Buffer.from('89504e470d0a1a0a', 'hex')], { type: 'image/png' });
    expect((await clients.otherStaff.storage.from('product-images').upload(path, png)).error).not.toBeNull();
    expect((await clients.vip.storage.from('product-images').upload(path, png)).error).not.toBeNull();
    expect((await clients.staff.storage.from('product-images').upload(path, png)).error).toBeNull();
    ok(await clients.staff.from('products').update({ image_path: path }).eq('id', products.vip.id).select());

    const download = (actor: ActorName) => clients[actor].storage.from('product-images').download(path);
    expect((await download('vip')).error).toBeNull();
    expect((await download('staff')).error).toBeNull();
    for (const actor of ['anon', 'ordinary', 'otherMember', 'otherStaff'] as const) {
      expect((await download(actor)).error, actor).not.toBeNull();
    }
  });
});
