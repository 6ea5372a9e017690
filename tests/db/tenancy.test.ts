/**
 * Tenancy: nothing of store A is readable or writable by anyone of store B — its buyer or its
 * staff — through the RPCs (called with A's ids and slug), through rows B may write but tries to
 * point at A, through the product-images bucket, and through the gateway with forged credentials.
 * Tables themselves are covered row by row in rls-matrix.test.ts. Every refusal is checked twice:
 * the error says what went wrong, and a digest of both stores' rows (and image objects) taken as
 * postgres before and after shows that nothing changed. An id of a row B cannot read is answered
 * byte for byte like a random UUID, so ids are no oracle of what exists at A; the helpers the
 * RPCs decide that with are checked against the tables' select policies, caller by caller.
 */
import { randomUUID } from 'node:crypto';
import { createClient, StorageApiError, type SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt, SignJWT, type JWTPayload } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, serviceClient, signIn, sql, stack, uniqueEmail } from '../support/clients.ts';
import {
  addMember, addProduct, addStaff, createStore, daysAgo, expectError, importOrders, makeVip, ok, orderRow, refusalOf, shipTo,
  type Member, type Product, type Store,
} from './fixtures.ts';

let storeA: Store;
let storeB: Store;
let buyerA: Member;
let buyerB: Member;
const a = {} as {
  publicProduct: Product; membersProduct: Product; vipProduct: Product;
  requestedClaim: string; approvedClaim: string; inquiry: string; coupon: string; heldCoupon: string;
  reward: string; delivery: number; rebateCredit: number; deliveredOrder: string; invitationToken: string; staffInvitationToken: string; invitationEmail: string; publicImage: string; membersImage: string;
  segment: string; campaign: string; publicPost: string; membersPost: string; scheduledPost: string;
  /** The keys A's sample claim, coupon claim, adjustment, redemption, credit and campaign were sent with (p_request_id). */
  keys: { sample: string; coupon: string; points: string; redeem: string; rebate: string; campaign: string };
};
let bPublicProduct: Product;
/** B's callers: its staff (the owner) and its buyer. */
let intruders: Record<Intruder, SupabaseClient>;
type Intruder = 'otherStaff' | 'otherMember';

const bucket = 'product-images';
const png = (marker: string) => new Blob([Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(marker)])], { type: 'image/png' });

/** Tables whose rows belong to a store, from the catalog, so a new table is covered without editing this file. */
async function tablesWithStoreId(): Promise<{ table: string }[]> {
  return sql<{ table: string }>(
    `select c.relname as table from pg_class c
     join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attname = 'store_id' and not a.attisdropped
     where n.nspname = 'public' and c.relkind = 'r' order by 1`);
}

/** One digest per table holding rows of either store, plus the stores' image objects. */
async function digest(): Promise<Record<string, string>> {
  const tables = await tablesWithStoreId();
  const parts = [
    `select 'stores' as part, md5(string_agg(t::text, '|' order by t::text)) as md5 from public.stores t where id = any($1)`,
    ...tables.map(({ table }) =>
      `select '${table}', md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from public."${table}" t where store_id = any($1)`),
    `select 'storage.objects', md5(coalesce(string_agg(o::text, '|' order by o.name), '')) from storage.objects o
     where bucket_id = '${bucket}' and split_part(name, '/', 1) = any($1::text[])`,
  ];
  const rows = await sql<{ part: string; md5: string }>(parts.join(' union all '), [[storeA.id, storeB.id]], { prepared: true });
  return Object.fromEntries(rows.map((r) => [r.part, r.md5]));
}

/** The tables whose digest differs: an empty list means nothing changed. */
async function changedSince(before: Record<string, string>): Promise<string[]> {
  const after = await digest();
  return Object.keys({ ...before, ...after }).filter((part) => before[part] !== after[part]);
}

beforeAll(async () => {
  [storeA, storeB] = await Promise.all([createStore({ label: 'tenant-a' }), createStore({ label: 'tenant-b' })]);
  [buyerA, buyerB] = await Promise.all([addMember(storeA), addMember(storeB)]);
  intruders = { otherStaff: storeB.owner.client, otherMember: buyerB.client };

  // A's buyer is VIP with points and rebate to steal, a delivered order, claims, an inquiry,
  // a held coupon and a pending invitation: something behind every id an RPC takes.
  await makeVip(storeA, buyerA);
  const delivered = orderRow(buyerA, { amount: 10, placed_at: daysAgo(3), delivered_at: daysAgo(1) });
  await importOrders(storeA, [delivered]);
  a.deliveredOrder = (await sql<{ id: string }>('select id from public.orders where external_ref = $1', [delivered.external_ref]))[0]!.id;
  [a.publicProduct, a.membersProduct, a.vipProduct, bPublicProduct] = await Promise.all([
    addProduct(storeA, { visibility: 'public' }),
    addProduct(storeA, { visibility: 'members' }),
    addProduct(storeA, { visibility: 'tier', min_tier_rank: 2 }),
    addProduct(storeB, { visibility: 'public' }),
  ]);
  a.keys = { sample: randomUUID(), coupon: randomUUID(), points: randomUUID(), redeem: randomUUID(), rebate: randomUUID(), campaign: randomUUID() };
  const claim = async (product: Product, key?: string) =>
    (ok(await buyerA.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo, p_request_id: key })) as { id: string }).id;
  a.requestedClaim = await claim(a.publicProduct);
  a.approvedClaim = await claim(a.membersProduct, a.keys.sample);
  ok(await storeA.owner.client.rpc('approve_sample', { p_claim_id: a.approvedClaim }));
  a.inquiry = (ok(await buyerA.client.rpc('send_inquiry', { p_store_slug: storeA.slug, p_message: 'Price for 500?' })) as { id: string }).id;
  const insertA = async (table: string, row: Record<string, unknown>) =>
    (ok(await storeA.owner.client.from(table).insert({ store_id: storeA.id, ...row }).select('id').single()) as { id: string }).id;
  a.coupon = await insertA('coupons', { code: 'WELCOME', kind: 'percent', value: 5, per_member_limit: 5 });
  a.reward = await insertA('rewards', { name: 'Sample kit', points_cost: 5 });
  a.heldCoupon = (ok(await buyerA.client.rpc('claim_coupon', { p_coupon_id: a.coupon, p_request_id: a.keys.coupon })) as { id: string }).id;
  // The reward has no coupon: its redemption is a delivery for A's staff to send.
  ok(await storeA.owner.client.rpc('adjust_points', { p_member_id: buyerA.id, p_delta: 5, p_note: 'For the kit', p_request_id: a.keys.points }));
  ok(await buyerA.client.rpc('redeem_reward', { p_reward_id: a.reward, p_ship_to: shipTo, p_request_id: a.keys.redeem }));
  a.delivery = (await sql<{ id: number }>('select points_entry_id::int as id from public.reward_deliveries where member_id = $1', [buyerA.id]))[0]!.id;
  ok(await storeA.owner.client.rpc('credit_rebate', { p_member_id: buyerA.id, p_amount: 20, p_note: 'Goodwill', p_request_id: a.keys.rebate }));
  a.rebateCredit = (await sql<{ id: number }>(`select id::int from public.rebate_ledger where member_id = $1 and reason = 'credit'`, [buyerA.id]))[0]!.id;
  const invitation = ok(await buyerA.client.rpc('invite_colleague', { p_member_id: buyerA.id, p_email: uniqueEmail('invitee') })) as { token: string; email: string };
  [a.invitationToken, a.invitationEmail] = [invitation.token, invitation.email];
  a.staffInvitationToken = (ok(await storeA.owner.client.rpc('invite_staff', { p_store_id: storeA.id, p_email: uniqueEmail('hire') })) as { token: string }).token;

  // A's growth rows: a saved segment with a campaign sent to it (A's buyer consented, so it is a
  // recipient), a public and a members-only post, and one scheduled for tomorrow, which nobody
  // outside A's staff may know of yet.
  await sql('update public.member_contacts set contact_consent_at = now() where member_id = $1', [buyerA.id]);
  a.segment = await insertA('segments', { name: 'Everyone', filters: {} });
  a.campaign = (ok(await storeA.owner.client.rpc('record_campaign', {
    p_store_id: storeA.id, p_segment_id: a.segment, p_channel: 'email', p_subject: 'Spring offer', p_request_id: a.keys.campaign,
  })) as { id: string }).id;
  const post = (fields: Record<string, unknown>) =>
    insertA('posts', { kind: 'industry_news', title: 'News', body: 'A\'s secret body', locale: 'en', ...fields });
  [a.publicPost, a.membersPost, a.scheduledPost] = await Promise.all([
    post({ visibility: 'public', title: 'Public news' }),
    post({ visibility: 'members', title: 'Members report' }),
    post({ visibility: 'public', title: 'Launch next week', publish_at: new Date(Date.now() + 86_400_000).toISOString() }),
  ]);

  // B's buyer has points of its own, so a refused redemption at A is about the store, not the balance.
  ok(await storeB.owner.client.rpc('adjust_points', { p_member_id: buyerB.id, p_delta: 100, p_note: 'Points to spend' }));

  const images = storeA.owner.client.storage.from(bucket);
  a.publicImage = `${storeA.id}/${a.publicProduct.id}/front.png`;
  a.membersImage = `${storeA.id}/${a.membersProduct.id}/front.png`;
  for (const [path, product] of [[a.publicImage, a.publicProduct], [a.membersImage, a.membersProduct]] as const) {
    expect((await images.upload(path, png(path))).error).toBeNull();
    ok(await storeA.owner.client.from('products').update({ image_path: path }).eq('id', product.id).select());
  }
});

interface Refusal {
  code: string;
  message: RegExp;
}
const refusal = (code: string, message: RegExp): Refusal => ({ code, message });
const farFuture = '2999-01-01T00:00:00Z';

/**
 * RPCs taking the id (or token) of a row of store A that B's staff and buyer cannot read under
 * the table's select policy. docs/api.md: such a row "is reported exactly like a missing one":
 * B must get, byte for byte, the answer a random UUID gets, so that an id tells B nothing about
 * what exists at A.
 */
interface HiddenRowCase {
  /** The parameter naming the row. */
  param: string;
  /** A's row. */
  id: () => string | number;
  /** An id of nothing of the same type (default: a random UUID). */
  unknownId?: () => number;
  args: (id: string | number) => Record<string, unknown>;
  /** What each of B's callers gets, for A's row and for a random id alike (the same for both unless split). */
  refused: Refusal | Record<Intruder, Refusal>;
}
const noMember = refusal('PT404', /^member_id matches no member$/);
const rpcOf = (key: string) => key.split(':')[0]!;
const noClaim = refusal('PT404', /^claim_id matches no sample claim$/);
const noInquiry = refusal('PT404', /^inquiry_id matches no inquiry$/);
const notStaff = refusal('42501', /^Only this store's staff may do this$/);
const noContact = refusal('PT404', /^contact_id matches no contact of this company$/);
const notStaffOfMember = refusal('42501', /^member_id is not a member of a store you staff$/);

/**
 * Invalid values of each RPC's other arguments. Visibility is checked before any of them, so a
 * hidden row with a bad argument must still be answered like a random id with the same bad
 * argument: an argument check that ran first would answer 22023 for A's row and PT404 for
 * nothing.
 */
const invalidOtherArgs: Record<string, Record<string, unknown>[]> = {
  set_tier_override: [{ p_expires_at: '2000-01-01T00:00:00Z' }, { p_reason: 'x'.repeat(600) }, { p_tier_id: randomUUID() }],
  ship_sample: [{ p_tracking_number: '' }, { p_tracking_number: 'line\nbreak' }],
  reject_sample: [{ p_reason: '' }],
  answer_inquiry: [{ p_answer: '' }, { p_answer: 'x'.repeat(20_000) }, { p_answer_read: 'Not the answer it has' }],
  adjust_points: [{ p_delta: 0 }, { p_note: '' }],
  remove_member_contact: [{ p_confirm: false }, { p_contact_id: randomUUID() }],
  make_primary_contact: [{ p_contact_id: randomUUID() }],
  erase_member: [{ p_confirm: false }],
  staff_member_standing: [{ p_limit: 0 }],
  apply_rebate: [{ p_amount: -1 }, { p_amount: 0 }, { p_order_ref: '' }],
  credit_rebate: [{ p_amount: 0 }, { p_amount: 1.234 }, { p_note: '' }],
  correct_rebate_credit: [{ p_amount: 0 }, { p_amount: 1e12 }, { p_note: '' }],
  record_coupon_use: [{ p_order_ref: '' }],
  give_coupon: [{ p_coupon_id: randomUUID() }],
  mark_reward_sent: [{ p_note: 'two\nlines' }, { p_note: 'x'.repeat(300) }, { p_tracking_number: '#1' }, { p_carrier: 'two\nlines' }],
  invite_colleague: [{ p_email: 'not-an-email' }, { p_email: '' }],
  // The token is its only argument, so this repeats the hidden-row probe.
  accept_staff_invitation: [{}],
  accept_invitation: [{ p_full_name: '' }, { p_phone: 'call me' }],
  claim_sample: [{ p_quantity: 0 }, { p_quantity: 11 }, { p_ship_to: {} }, { p_ship_to: { ...shipTo, country: 'XX' } }],
  redeem_reward: [{ p_ship_to: null }, { p_ship_to: { ...shipTo, phone: 'call me' } }],
  review_order: [{ p_rating: 9 }, { p_body: '' }],
  send_inquiry: [{ p_message: '' }, { p_quantity: -1 }, { p_target_price: -5 }, { p_currency: 'EURO' }],
  record_campaign: [
    { p_channel: 'fax' }, { p_subject: '' }, { p_subject: 'x'.repeat(300) }, { p_sent_at: farFuture }, { p_sent_count: -1 },
  ],
  // Its one other argument is the store the campaign is looked for in, B's own: the store's
  // refusal (not staff) is its own case, probed with A's store below.
  campaign_export: [],
  post_feed: [{ p_limit: 0 }, { p_limit: 101 }, { p_offset: -1 }],
  save_product: [{ p_product: {} }, { p_product: { sku: 'X' } }, { p_tier_prices: { 'not-a-tier': 1 } }, { p_tier_prices: { [randomUUID()]: 0 } }],
};

/**
 * By RPC, or `rpc:what` for a second row one RPC takes (give_coupon: A's member, and A's coupon
 * given to B's own buyer).
 */
const hiddenRowCases: Record<string, HiddenRowCase> = {
  // Staff RPCs.
  set_tier_override: {
    param: 'p_member_id', id: () => buyerA.id, refused: noMember,
    args: (id) => ({ p_member_id: id, p_tier_id: storeA.tiers[1]!.id, p_expires_at: farFuture, p_reason: 'Takeover' }),
  },
  approve_sample: { param: 'p_claim_id', id: () => a.requestedClaim, args: (id) => ({ p_claim_id: id }), refused: noClaim },
  ship_sample: { param: 'p_claim_id', id: () => a.approvedClaim, args: (id) => ({ p_claim_id: id, p_tracking_number: 'TRACK-1' }), refused: noClaim },
  reject_sample: { param: 'p_claim_id', id: () => a.requestedClaim, args: (id) => ({ p_claim_id: id, p_reason: 'Out of stock' }), refused: noClaim },
  answer_inquiry: { param: 'p_inquiry_id', id: () => a.inquiry, args: (id) => ({ p_inquiry_id: id, p_answer: 'Call us instead' }), refused: noInquiry },
  close_inquiry: { param: 'p_inquiry_id', id: () => a.inquiry, args: (id) => ({ p_inquiry_id: id }), refused: noInquiry },
  adjust_points: { param: 'p_member_id', id: () => buyerA.id, args: (id) => ({ p_member_id: id, p_delta: -5, p_note: 'Taking them' }), refused: noMember },
  remove_member_contact: {
    param: 'p_member_id', id: () => buyerA.id, args: (id) => ({ p_member_id: id, p_contact_id: buyerA.contactId, p_confirm: true }), refused: noMember,
  },
  // A's contact, named with B's own buyer: B's staff are told no such contact, B's buyer is no staff.
  'remove_member_contact:contact': {
    param: 'p_contact_id', id: () => buyerA.contactId, args: (id) => ({ p_member_id: buyerB.id, p_contact_id: id, p_confirm: true }),
    refused: { otherStaff: noContact, otherMember: notStaffOfMember },
  },
  make_primary_contact: {
    param: 'p_member_id', id: () => buyerA.id, args: (id) => ({ p_member_id: id, p_contact_id: buyerA.contactId }), refused: noMember,
  },
  erase_member: { param: 'p_member_id', id: () => buyerA.id, args: (id) => ({ p_member_id: id, p_confirm: true }), refused: noMember },
  'make_primary_contact:contact': {
    param: 'p_contact_id', id: () => buyerA.contactId, args: (id) => ({ p_member_id: buyerB.id, p_contact_id: id }),
    refused: { otherStaff: noContact, otherMember: notStaffOfMember },
  },
  staff_member_standing: { param: 'p_member_id', id: () => buyerA.id, args: (id) => ({ p_member_id: id }), refused: noMember },
  apply_rebate: { param: 'p_member_id', id: () => buyerA.id, args: (id) => ({ p_member_id: id, p_amount: 1, p_order_ref: 'B-1' }), refused: noMember },
  credit_rebate: { param: 'p_member_id', id: () => buyerA.id, args: (id) => ({ p_member_id: id, p_amount: 1, p_note: 'Goodwill' }), refused: noMember },
  correct_rebate_credit: {
    param: 'p_credit_id', id: () => a.rebateCredit, unknownId: () => 2_000_000_000 + Math.floor(Math.random() * 100_000_000),
    args: (id) => ({ p_credit_id: id, p_amount: 1, p_note: 'Taking it back' }),
    refused: refusal('PT404', /^credit_id matches no rebate credit$/),
  },
  record_coupon_use: {
    param: 'p_member_coupon_id', id: () => a.heldCoupon, args: (id) => ({ p_member_coupon_id: id, p_order_ref: 'B-1' }),
    refused: refusal('PT404', /^member_coupon_id matches no held coupon$/),
  },
  take_back_coupon: {
    param: 'p_member_coupon_id', id: () => a.heldCoupon, args: (id) => ({ p_member_coupon_id: id }),
    refused: refusal('PT404', /^member_coupon_id matches no held coupon$/),
  },
  give_coupon: {
    param: 'p_member_id', id: () => buyerA.id, args: (id) => ({ p_member_id: id, p_coupon_id: a.coupon }), refused: noMember,
  },
  // A's keys, sent again with A's own arguments: the company is refused before any key is looked
  // for, so B is not answered with what A's request did (20261222000300).
  'adjust_points:request': {
    param: 'p_request_id', id: () => a.keys.points, refused: noMember,
    args: (id) => ({ p_member_id: buyerA.id, p_delta: 5, p_note: 'For the kit', p_request_id: id }),
  },
  'credit_rebate:request': {
    param: 'p_request_id', id: () => a.keys.rebate, refused: noMember,
    args: (id) => ({ p_member_id: buyerA.id, p_amount: 20, p_note: 'Goodwill', p_request_id: id }),
  },
  'apply_rebate:request': {
    param: 'p_request_id', id: () => a.keys.rebate, refused: noMember,
    args: (id) => ({ p_member_id: buyerA.id, p_amount: 1, p_order_ref: 'B-1', p_request_id: id }),
  },
  'give_coupon:request': {
    param: 'p_request_id', id: () => a.keys.points, refused: noMember,
    args: (id) => ({ p_member_id: buyerA.id, p_coupon_id: a.coupon, p_request_id: id }),
  },
  'redeem_reward:request': {
    param: 'p_request_id', id: () => a.keys.redeem, refused: refusal('PT404', /^reward_id matches no active reward$/),
    args: (id) => ({ p_reward_id: a.reward, p_ship_to: shipTo, p_request_id: id }),
  },
  'correct_rebate_credit:request': {
    param: 'p_request_id', id: () => a.keys.rebate, refused: refusal('PT404', /^credit_id matches no rebate credit$/),
    args: (id) => ({ p_credit_id: a.rebateCredit, p_amount: 1, p_note: 'Taking it back', p_request_id: id }),
  },
  'claim_coupon:request': {
    param: 'p_request_id', id: () => a.keys.coupon, refused: refusal('PT404', /^coupon_id matches no coupon$/),
    args: (id) => ({ p_coupon_id: a.coupon, p_request_id: id }),
  },
  'claim_sample:request': {
    param: 'p_request_id', id: () => a.keys.sample, refused: refusal('PT404', /^product_id matches no product$/),
    args: (id) => ({ p_product_id: a.membersProduct.id, p_ship_to: shipTo, p_request_id: id }),
  },
  'record_campaign:request': {
    param: 'p_request_id', id: () => a.keys.campaign, refused: notStaff,
    args: (id) => ({ p_store_id: storeA.id, p_segment_id: a.segment, p_channel: 'email', p_subject: 'Spring offer', p_request_id: id }),
  },
  // A's coupon, given by B's staff to B's own buyer; B's buyer is no staff.
  'give_coupon:coupon': {
    param: 'p_coupon_id', id: () => a.coupon, args: (id) => ({ p_member_id: buyerB.id, p_coupon_id: id }),
    refused: {
      otherStaff: refusal('PT404', /^coupon_id matches no coupon of this store$/),
      otherMember: refusal('42501', /^member_id is not a member of a store you staff$/),
    },
  },
  mark_reward_sent: {
    param: 'p_points_entry_id', id: () => a.delivery, unknownId: () => 2_000_000_000 + Math.floor(Math.random() * 100_000_000),
    args: (id) => ({ p_points_entry_id: id, p_note: 'Sent by DHL', p_carrier: 'DHL', p_tracking_number: '1Z999AA10123456784' }),
    refused: refusal('PT404', /^points_entry_id matches no reward to send$/),
  },
  // Member RPCs.
  invite_colleague: { param: 'p_member_id', id: () => buyerA.id, args: (id) => ({ p_member_id: id, p_email: uniqueEmail('planted') }), refused: noMember },
  accept_staff_invitation: {
    param: 'p_token', id: () => a.staffInvitationToken, args: (id) => ({ p_token: id }),
    refused: refusal('PT404', /^token matches no invitation$/),
  },
  accept_invitation: {
    param: 'p_token', id: () => a.invitationToken, args: (id) => ({ p_token: id, p_full_name: 'Intruder' }),
    refused: refusal('PT404', /^token matches no invitation$/),
  },
  claim_sample: {
    param: 'p_product_id', id: () => a.membersProduct.id, args: (id) => ({ p_product_id: id, p_ship_to: shipTo }),
    refused: refusal('PT404', /^product_id matches no product$/),
  },
  cancel_sample: { param: 'p_claim_id', id: () => a.requestedClaim, args: (id) => ({ p_claim_id: id }), refused: noClaim },
  claim_coupon: { param: 'p_coupon_id', id: () => a.coupon, args: (id) => ({ p_coupon_id: id }), refused: refusal('PT404', /^coupon_id matches no coupon$/) },
  redeem_reward: { param: 'p_reward_id', id: () => a.reward, args: (id) => ({ p_reward_id: id, p_ship_to: shipTo }), refused: refusal('PT404', /^reward_id matches no active reward$/) },
  review_order: {
    param: 'p_order_id', id: () => a.deliveredOrder, args: (id) => ({ p_order_id: id, p_rating: 1, p_body: 'Terrible' }),
    refused: refusal('PT404', /^order_id matches no order of your company$/),
  },
  // A's members-only product, asked about from B's own store: B's staff are no members there.
  send_inquiry: {
    param: 'p_product_id', id: () => a.membersProduct.id,
    args: (id) => ({ p_store_slug: storeB.slug, p_message: 'Hello', p_product_id: id }),
    refused: {
      otherStaff: refusal('42501', /^You are not a member of this store$/),
      otherMember: refusal('PT404', /^product_id matches no product$/),
    },
  },
  // A's segment, sent to from B's own store: B's staff are told no such segment, B's buyer is no staff.
  record_campaign: {
    param: 'p_segment_id', id: () => a.segment,
    args: (id) => ({ p_store_id: storeB.id, p_segment_id: id, p_channel: 'email', p_subject: 'Hijack' }),
    refused: { otherStaff: refusal('PT404', /^segment_id matches no segment$/), otherMember: notStaff },
  },
  // A's members-only product saved (with a tier price) from B's own store: B's staff are told no
  // such product, B's buyer is no staff.
  save_product: {
    param: 'p_product_id', id: () => a.membersProduct.id,
    args: (id) => ({ p_store_id: storeB.id, p_product_id: id, p_tier_prices: { [storeB.tiers[2]!.id]: 1 }, p_tier_prices_read: {}, p_product: {
      sku: 'HIJACK', name: { en: 'Hijack' }, description: {}, kind: 'regular', price: 1, currency: 'USD', moq: 1,
      visibility: 'public', min_tier_rank: 0, active: true } }),
    refused: { otherStaff: refusal('PT404', /^product_id matches no product of this store$/), otherMember: notStaff },
  },
  // A's campaign's recipients asked for at B's own store: B's staff are told no such campaign, B's buyer is no staff.
  campaign_export: {
    param: 'p_campaign_id', id: () => a.campaign, args: (id) => ({ p_store_id: storeB.id, p_campaign_id: id }),
    refused: { otherStaff: refusal('PT404', /^campaign_id matches no campaign$/), otherMember: notStaff },
  },
  // Published posts are teasers for anyone (asserted below); a scheduled one is nobody's business.
  post_feed: {
    param: 'p_post_id', id: () => a.scheduledPost, args: (id) => ({ p_store_slug: storeA.slug, p_post_id: id }),
    refused: refusal('PT404', /^post_id matches no post$/),
  },
};

/**
 * uuid parameters naming something B can read, so 42501 (or a 22023 about the argument) is
 * the right answer and tells nothing: every store is public (`store_id is not a store you
 * staff`), and so is every tier.
 */
const readableIdParams = [
  'evaluate_tiers.p_store_id', 'expire_points.p_store_id', 'import_orders.p_store_id',
  'set_tier_override.p_tier_id', 'staff_members.p_store_id', 'staff_members.p_tier_id', 'tier_what_if.p_store_id', 'period_what_if.p_store_id',
  'invite_staff.p_store_id', 'remove_staff.p_store_id', 'staff_directory.p_store_id', 'store_order_changes.p_store_id',
  'staff_member_search.p_store_id', 'staff_member_search.p_tier_id', 'sample_quota_use.p_store_id',
  'coupon_usage.p_store_id', 'reward_usage.p_store_id', 'segment_size.p_store_id', 'segment_members.p_store_id',
  'segment_export.p_store_id', 'segment_industries.p_store_id', 'record_campaign.p_store_id', 'campaign_results.p_store_id',
  'campaign_export.p_store_id',
  'analytics_members_over_time.p_store_id', 'analytics_conversions.p_store_id', 'analytics_order_value.p_store_id',
  'analytics_liabilities.p_store_id', 'analytics_coupons.p_store_id', 'save_store_settings.p_store_id',
  'unknown_order_buyers.p_store_id', 'order_ref_refusals.p_store_id',
  'texts_lacking_locale.p_store_id', 'set_joining_paused.p_store_id', 'save_product.p_store_id',
  // Refused (42501) before the user is looked for: any uuid but the caller's own gets the same
  // answer (staff may remove themselves: 20261203001400).
  'remove_staff.p_user_id',
  'set_staff_role.p_store_id', 'set_staff_role.p_user_id',
  'delete_store.p_store_id',
  // The invitation link's secret: whoever holds it reads the invitation's preview, B too (below).
  'invitation_preview.p_token',
  'staff_invitation_preview.p_token',
];

/** RPCs aimed at what B can read — A's store id and slug, A's public product — and refused. */
const readableCases: Record<string, { args: () => Record<string, unknown>; refused: Refusal }> = {
  import_orders: {
    args: () => ({ p_store_id: storeA.id, p_rows: [orderRow(buyerA, { amount: 50_000 })] }),
    refused: refusal('42501', /^store_id is not a store you staff$/),
  },
  evaluate_tiers: { args: () => ({ p_store_id: storeA.id }), refused: refusal('42501', /^Only staff of this store can evaluate its tiers$/) },
  staff_members: { args: () => ({ p_store_id: storeA.id }), refused: refusal('42501', /^Only this store's staff may do this$/) },
  my_data: { args: () => ({ p_store_slug: storeA.slug }), refused: refusal('42501', /^You are not a member of this store$/) },
  leave_store: { args: () => ({ p_store_slug: storeA.slug, p_confirm: true }), refused: refusal('42501', /^You are not a member of this store$/) },
  invite_staff: {
    args: () => ({ p_store_id: storeA.id, p_email: uniqueEmail('planted'), p_role: 'owner' }),
    refused: refusal('42501', /^Only this store's owners may do this$/),
  },
  remove_staff: {
    args: () => ({ p_store_id: storeA.id, p_user_id: storeA.owner.user.id }),
    refused: refusal('42501', /^Only this store's owners may do this$/),
  },
  set_staff_role: {
    args: () => ({ p_store_id: storeA.id, p_user_id: storeA.owner.user.id, p_role: 'staff' }),
    refused: refusal('42501', /^Only this store's owners may do this$/),
  },
  // A's name typed right: ownership is what refuses it.
  delete_store: {
    args: () => ({ p_store_id: storeA.id, p_confirm_name: `Test ${storeA.slug}` }),
    refused: refusal('42501', /^Only this store's owners may do this$/),
  },
  staff_directory: { args: () => ({ p_store_id: storeA.id }), refused: refusal('42501', /^Only this store's staff may do this$/) },
  // Who changed A's orders, and what: A's staff's business.
  store_order_changes: { args: () => ({ p_store_id: storeA.id }), refused: refusal('42501', /^Only this store's staff may do this$/) },
  unknown_order_buyers: { args: () => ({ p_store_id: storeA.id, p_member_ids: [buyerA.id] }), refused: refusal('42501', /^Only this store's staff may do this$/) },
  order_ref_refusals: {
    args: () => ({ p_store_id: storeA.id, p_refs: ['A-1'], p_member_ids: [buyerA.id], p_emails: [''], p_placed_ats: [new Date().toISOString()] }),
    refused: refusal('42501', /^Only this store's staff may do this$/),
  },
  save_store_settings: { args: () => ({ p_store_id: storeA.id, p_settings: { statistical_period_days: 1 }, p_settings_read: new Date().toISOString() }), refused: refusal('42501', /^Only this store's owners may do this$/) },
  set_joining_paused: { args: () => ({ p_store_id: storeA.id, p_paused: true }), refused: refusal('42501', /^Only this store's owners may do this$/) },
  staff_member_search: { args: () => ({ p_store_id: storeA.id, p_search: 'a' }), refused: refusal('42501', /^Only this store's staff may do this$/) },
  sample_quota_use: { args: () => ({ p_store_id: storeA.id, p_member_ids: [buyerA.id] }), refused: refusal('42501', /^Only this store's staff may do this$/) },
  coupon_usage: { args: () => ({ p_store_id: storeA.id }), refused: refusal('42501', /^Only this store's staff may do this$/) },
  reward_usage: { args: () => ({ p_store_id: storeA.id }), refused: refusal('42501', /^Only this store's staff may do this$/) },
  // A's store, public, asked by B's staff: which texts A still has to translate is A's business.
  texts_lacking_locale: { args: () => ({ p_store_id: storeA.id, p_locale: 'es' }), refused: refusal('42501', /^Only this store's staff may do this$/) },
  segment_size: { args: () => ({ p_store_id: storeA.id, p_filters: { tiers: [storeA.tiers[2]!.id] } }), refused: notStaff },
  segment_members: { args: () => ({ p_store_id: storeA.id, p_filters: {} }), refused: notStaff },
  segment_export: { args: () => ({ p_store_id: storeA.id, p_filters: {} }), refused: notStaff },
  // Which industries A's members wrote is A's business, though A's store is public.
  segment_industries: { args: () => ({ p_store_id: storeA.id }), refused: notStaff },
  // A's own segment at A's store: the store is public, so 42501 tells nothing.
  record_campaign: {
    args: () => ({ p_store_id: storeA.id, p_segment_id: a.segment, p_channel: 'email', p_subject: 'Hijack' }),
    refused: notStaff,
  },
  campaign_results: { args: () => ({ p_store_id: storeA.id }), refused: notStaff },
  campaign_export: { args: () => ({ p_store_id: storeA.id, p_campaign_id: a.campaign }), refused: notStaff },
  analytics_members_over_time: { args: () => ({ p_store_id: storeA.id, p_from: daysAgo(90), p_to: daysAgo(0) }), refused: notStaff },
  analytics_conversions: { args: () => ({ p_store_id: storeA.id, p_from: daysAgo(90), p_to: daysAgo(0) }), refused: notStaff },
  analytics_order_value: { args: () => ({ p_store_id: storeA.id, p_from: daysAgo(90), p_to: daysAgo(0) }), refused: notStaff },
  analytics_liabilities: { args: () => ({ p_store_id: storeA.id }), refused: notStaff },
  analytics_coupons: { args: () => ({ p_store_id: storeA.id, p_from: daysAgo(90), p_to: daysAgo(0) }), refused: notStaff },
  membership_standing: { args: () => ({ p_store_slug: storeA.slug }), refused: refusal('42501', /^You are not a member of this store$/) },
  my_updates: { args: () => ({ p_store_slug: storeA.slug }), refused: refusal('42501', /^You are not a member of this store$/) },
  mark_updates_seen: { args: () => ({ p_store_slug: storeA.slug }), refused: refusal('42501', /^You are not a member of this store$/) },
  tier_what_if: {
    args: () => ({ p_store_id: storeA.id, p_tiers: [{ id: storeA.tiers[0]!.id, rank: 0, min_paid_orders: 0, min_paid_amount: 0 }] }),
    refused: refusal('42501', /^Only this store's staff may do this$/),
  },
  period_what_if: { args: () => ({ p_store_id: storeA.id, p_days: 30 }), refused: refusal('42501', /^Only this store's staff may do this$/) },
  expire_points: { args: () => ({ p_store_id: storeA.id }), refused: refusal('42501', /^Only staff of this store can expire its points$/) },
  // A public product is readable by anyone: B learns nothing from being told it may not claim it.
  claim_sample: {
    args: () => ({ p_product_id: a.publicProduct.id, p_ship_to: shipTo }),
    refused: refusal('42501', /^Only members of this store can claim samples$/),
  },
  send_inquiry: { args: () => ({ p_store_slug: storeA.slug, p_message: 'Hello' }), refused: refusal('42501', /^You are not a member of this store$/) },
  // A's public product, which B reads, at A's own store: the store is public, so 42501 tells nothing.
  save_product: {
    args: () => ({ p_store_id: storeA.id, p_product_id: a.publicProduct.id, p_tier_prices: {}, p_tier_prices_read: {}, p_product: {
      sku: a.publicProduct.sku, name: { en: 'Hijack' }, description: {}, kind: 'regular', price: 1, currency: 'USD', moq: 1,
      visibility: 'public', min_tier_rank: 0, active: true } }),
    refused: notStaff,
  },
  // Taking over A's slug.
  create_store: { args: () => ({ p_slug: storeA.slug, p_name: 'Taken over' }), refused: refusal('23505', /^slug is already taken$/) },
};

/** RPCs that take A's slug and answer instead of refusing: what they give B is asserted below. */
const answering = ['my_membership', 'my_former_membership', 'store_catalogue', 'store_profile', 'tier_teasers', 'post_feed', 'my_new_posts_count', 'my_invitations', 'invitation_preview', 'staff_invitation_preview'];
/** Open to anyone by design: the business-card exchange makes the caller a new buyer at that store. */
const openByDesign = ['join_store', 'exchange_cards'];

describe('RPCs called by store B with store A\'s ids', () => {
  it('every API function that takes an id, slug or token is probed here', async () => {
    const functions = await sql<{ name: string }>(
      `select distinct p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'graphql_public')
         and exists (select 1 from unnest(p.proargnames) as arg where arg ~ '^p_(.*_id|.*slug|token)$')`);
    const covered = [...Object.keys(hiddenRowCases).map(rpcOf), ...Object.keys(readableCases), ...answering, ...openByDesign];
    expect(functions.map((f) => f.name).filter((name) => !covered.includes(name)).sort(), 'functions without a tenancy probe').toEqual([]);
  });

  it('every uuid parameter of an API function names either a row probed for hiding or something public', async () => {
    const params = await sql<{ param: string }>(
      `select p.proname || '.' || a.name as param
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       cross join lateral unnest(p.proargnames, coalesce(p.proallargtypes, p.proargtypes::oid[]),
         coalesce(p.proargmodes, array_fill('i'::"char", array[p.pronargs]))) as a (name, type, mode)
       where n.nspname in ('public', 'graphql_public') and a.type = 'uuid'::regtype and a.mode in ('i', 'b')
       order by 1`);
    const declared = [
      ...Object.entries(hiddenRowCases).filter(([, c]) => !c.unknownId).map(([key, c]) => `${rpcOf(key)}.${c.param}`), ...readableIdParams,
    ].sort();
    expect(params.map((p) => p.param)).toEqual(declared);
  });

  for (const [key, { id, unknownId = randomUUID, args, refused }] of Object.entries(hiddenRowCases)) {
    const rpc = rpcOf(key);
    for (const intruder of ['otherStaff', 'otherMember'] as const) {
      it(`${key} as B's ${intruder === 'otherStaff' ? 'staff' : 'buyer'}: A's row is answered exactly like a random id, nothing changes`, async () => {
        const want = 'code' in refused ? refused : refused[intruder];
        const before = await digest();
        const hidden = await intruders[intruder].rpc(rpc, args(id()));
        const unknown = await intruders[intruder].rpc(rpc, args(unknownId()));
        expect.soft(await changedSince(before), `tables ${rpc} changed`).toEqual([]);
        expect.soft(hidden.data, `${rpc} returned data to store B`).toBeNull();
        expectError(hidden, want.code, want.message);
        expect(refusalOf(hidden), 'A\'s row and a random id answered alike').toEqual(refusalOf(unknown));
      });
    }
  }

  for (const [key, invalid] of Object.entries(invalidOtherArgs)) {
    const { id, unknownId = randomUUID, args, refused } = hiddenRowCases[key]!;
    const rpc = rpcOf(key);
    for (const intruder of ['otherStaff', 'otherMember'] as const) {
      it(`${key} as B's ${intruder === 'otherStaff' ? 'staff' : 'buyer'}: A's row with an invalid other argument is still answered like a random id`, async () => {
        const want = 'code' in refused ? refused : refused[intruder];
        const before = await digest();
        for (const override of invalid) {
          const hidden = await intruders[intruder].rpc(rpc, { ...args(id()), ...override });
          const unknown = await intruders[intruder].rpc(rpc, { ...args(unknownId()), ...override });
          expectError(hidden, want.code, want.message);
          expect(refusalOf(hidden), `${rpc} with ${JSON.stringify(override).slice(0, 60)}`).toEqual(refusalOf(unknown));
        }
        expect(await changedSince(before), `tables ${rpc} changed`).toEqual([]);
      });
    }
  }

  it('every id-taking RPC with other arguments is probed with invalid values of them', () => {
    // give_coupon's coupon, a contact and a request's key come second: their other argument, the
    // member (reward, store), is the row probed first (its own case above), so an invalid one is
    // answered as that row's refusal.
    const probedFirst = [
      'give_coupon:coupon', 'remove_member_contact:contact', 'make_primary_contact:contact', 'adjust_points:request', 'credit_rebate:request',
      'apply_rebate:request', 'correct_rebate_credit:request', 'give_coupon:request', 'redeem_reward:request', 'claim_coupon:request',
      'claim_sample:request', 'record_campaign:request',
    ];
    const withOtherArgs = Object.entries(hiddenRowCases)
      .filter(([key, c]) => (Object.keys(c.args(randomUUID())).length > 1 || c.param === 'p_token') && !probedFirst.includes(key))
      .map(([rpc]) => rpc);
    expect(withOtherArgs.filter((rpc) => !(rpc in invalidOtherArgs)).sort()).toEqual([]);
  });

  for (const [rpc, { args, refused }] of Object.entries(readableCases)) {
    for (const intruder of ['otherStaff', 'otherMember'] as const) {
      it(`${rpc} as B's ${intruder === 'otherStaff' ? 'staff' : 'buyer'}: refused, nothing changes`, async () => {
        const before = await digest();
        const result = await intruders[intruder].rpc(rpc, args());
        expect.soft(await changedSince(before), `tables ${rpc} changed`).toEqual([]);
        expect.soft(result.data, `${rpc} returned data to store B`).toBeNull();
        expectError(result, refused.code, refused.message);
      });
    }
  }

  it('my_membership(A) is null for B\'s buyer and staff: no membership picture of A', async () => {
    for (const client of Object.values(intruders)) {
      expect(ok(await client.rpc('my_membership', { p_store_slug: storeA.slug }))).toBeNull();
    }
  });

  it('my_former_membership(A) tells B nothing of A\'s members: B was never one', async () => {
    for (const client of Object.values(intruders)) {
      expect(ok(await client.rpc('my_former_membership', { p_store_slug: storeA.slug }))).toEqual({ left: false, company_name: null });
    }
  });

  it('store_catalogue(A) shows B exactly A\'s public products, at list price only', async () => {
    for (const client of Object.values(intruders)) {
      const rows = ok(await client.rpc('store_catalogue', { p_store_slug: storeA.slug })) as { id: string; member_price: number | null }[];
      expect(rows).toEqual([expect.objectContaining({ id: a.publicProduct.id, member_price: null })]);
    }
  });

  it('store_profile(A) gives B exactly what it gives anyone', async () => {
    const forAnon = ok(await anonClient().rpc('store_profile', { p_store_slug: storeA.slug }));
    for (const client of Object.values(intruders)) {
      expect(ok(await client.rpc('store_profile', { p_store_slug: storeA.slug }))).toEqual(forAnon);
    }
  });

  it('post_feed(A) gives B what it gives anyone: the public post whole, the members-only one as a teaser, not the scheduled one', async () => {
    const feed = (client: SupabaseClient) => client.rpc('post_feed', { p_store_slug: storeA.slug });
    const forAnon = ok(await feed(anonClient())) as { id: string; locked: boolean; body: string | null; attachments: unknown }[];
    expect(forAnon.map((p) => [p.id, p.locked, p.body === null, p.attachments === null]).sort()).toEqual([
      [a.membersPost, true, true, true], [a.publicPost, false, false, false],
    ].sort());
    for (const client of Object.values(intruders)) expect(ok(await feed(client))).toEqual(forAnon);
    // The teaser is all B gets of the members-only post when it names it, too.
    for (const client of Object.values(intruders)) {
      const [one] = ok(await client.rpc('post_feed', { p_store_slug: storeA.slug, p_post_id: a.membersPost })) as { locked: boolean; body: string | null }[];
      expect(one).toMatchObject({ locked: true, body: null });
    }
  });

  it('sample_quota_use at B\'s store leaves A\'s members out, exactly like random ids', async () => {
    const use = (ids: string[]) => storeB.owner.client.rpc('sample_quota_use', { p_store_id: storeB.id, p_member_ids: ids });
    expect(ok(await use([buyerA.id]))).toEqual([]);
    expect(ok(await use([randomUUID()]))).toEqual([]);
    // The control: B's own buyer beside A's is answered.
    expect((ok(await use([buyerA.id, buyerB.id])) as { member_id: string }[]).map((r) => r.member_id)).toEqual([buyerB.id]);
  });

  it('my_new_posts_count(A) gives B what it gives anyone: published posts they can open, the public one', async () => {
    const count = (client: SupabaseClient) => client.rpc('my_new_posts_count', { p_store_slug: storeA.slug, p_since: null });
    expect(ok(await count(anonClient()))).toBe(1);
    for (const client of Object.values(intruders)) expect(ok(await count(client))).toBe(1);
    // The control: A's own member opens the members' post too.
    expect(ok(await count(buyerA.client))).toBe(2);
  });

  it('my_invitations(A) gives B nothing of A\'s pending invitations, which their invitee is offered', async () => {
    const offers = (client: SupabaseClient) => client.rpc('my_invitations', { p_store_slug: storeA.slug });
    const email = uniqueEmail('offered');
    const { token } = ok(await buyerA.client.rpc('invite_colleague', { p_member_id: buyerA.id, p_email: email })) as { token: string };
    const invitee = await signIn(await createUser(email));
    expect(ok(await offers(invitee))).toEqual([expect.objectContaining({ token, company_name: buyerA.companyName })]);
    for (const client of Object.values(intruders)) expect(ok(await offers(client))).toEqual([]);
  });

  it('invitation_preview with A\'s token gives B what it gives anyone holding the link, and nothing for a token B made up', async () => {
    const preview = (client: SupabaseClient, token: string) => client.rpc('invitation_preview', { p_token: token });
    const forAnon = ok(await preview(anonClient(), a.invitationToken));
    expect(Object.keys(forAnon as object).sort()).toEqual(['company_name', 'email_hint', 'expires_at', 'store_name', 'store_name_lang']);
    for (const client of Object.values(intruders)) {
      expect(ok(await preview(client, a.invitationToken))).toEqual(forAnon);
      expect(refusalOf(await preview(client, randomUUID()))).toEqual(refusalOf(await preview(anonClient(), randomUUID())));
    }
  });

  it('staff_invitation_preview with A\'s token gives B what it gives anyone holding the link, and nothing for a token B made up', async () => {
    const preview = (client: SupabaseClient, token: string) => client.rpc('staff_invitation_preview', { p_token: token });
    const forAnon = ok(await preview(anonClient(), a.staffInvitationToken));
    expect(Object.keys(forAnon as object).sort()).toEqual(['expires_at', 'inviter_hint', 'role', 'store_name', 'store_name_lang']);
    for (const client of Object.values(intruders)) {
      expect(ok(await preview(client, a.staffInvitationToken))).toEqual(forAnon);
      expect(refusalOf(await preview(client, randomUUID()))).toEqual(refusalOf(await preview(anonClient(), randomUUID())));
    }
  });

  it('tier_teasers(A) gives B counts only, as it gives anyone', async () => {
    const forAnon = ok(await anonClient().rpc('tier_teasers', { p_store_slug: storeA.slug }));
    for (const client of Object.values(intruders)) {
      expect(ok(await client.rpc('tier_teasers', { p_store_slug: storeA.slug }))).toEqual(forAnon);
    }
  });
});

describe('B\'s own rows cannot be pointed at store A', () => {
  it('B\'s staff import into B cannot name A\'s buyer, by id or by login email', async () => {
    const before = await digest();
    for (const row of [orderRow(buyerA), orderRow(buyerA, { member_id: undefined, email: buyerA.user.email })]) {
      const result = await storeB.owner.client.rpc('import_orders', { p_store_id: storeB.id, p_rows: [row] });
      expectError(result, '22023', /^Row 1: (member_id is not a member of this store|email matches no member contact of this store)$/);
    }
    expect(await changedSince(before)).toEqual([]);
  });

  it('B\'s staff cannot lift B\'s buyer to one of A\'s tiers', async () => {
    const before = await digest();
    expectError(await storeB.owner.client.rpc('set_tier_override', {
      p_member_id: buyerB.id, p_tier_id: storeA.tiers[2]!.id, p_expires_at: farFuture,
    }), '22023', /^tier_id is not a tier of this store$/);
    expect(await changedSince(before)).toEqual([]);
  });

  it('B\'s staff cannot point a B product at A\'s image, which would publish it', async () => {
    const before = await digest();
    // The check constraint keeps image_path inside the product's own store folder.
    expectError(await storeB.owner.client.from('products').update({ image_path: a.membersImage }).eq('id', bPublicProduct.id), '23514');
    expectError(await storeB.owner.client.from('products').update({ image_path: `${storeA.id}/${bPublicProduct.id}/x.png` }).eq('id', bPublicProduct.id), '23514');
    expect(await changedSince(before)).toEqual([]);
  });

  it('B\'s staff cannot segment B by A\'s tiers, nor attach A\'s files to a B post', async () => {
    const before = await digest();
    const filters = { tiers: [storeA.tiers[2]!.id] };
    expectError(await storeB.owner.client.from('segments').insert({ store_id: storeB.id, name: 'A VIPs', filters }), '22023', /^filters\.tiers must name tiers of this store$/);
    expectError(await storeB.owner.client.rpc('segment_size', { p_store_id: storeB.id, p_filters: filters }), '22023', /^filters\.tiers must name tiers of this store$/);
    const attachments = [{ path: `${storeA.id}/${a.membersPost}/report.pdf`, name: 'report.pdf' }];
    expectError(await storeB.owner.client.from('posts').insert({
      store_id: storeB.id, kind: 'trade_data', title: 'Borrowed', locale: 'en', attachments,
    }), '23514', /"posts_attachments_in_post_folder"/);
    expect(await changedSince(before)).toEqual([]);
  });

  it('B\'s staff cannot make a reward that issues A\'s coupon', async () => {
    const before = await digest();
    expectError(await storeB.owner.client.from('rewards').insert({ store_id: storeB.id, name: 'Stolen', points_cost: 1, coupon_id: a.coupon }), '23503');
    expect(await changedSince(before)).toEqual([]);
  });

  it('no column that names the store is writable: B cannot move its rows into A', async () => {
    const before = await digest();
    for (const { table } of await tablesWithStoreId()) {
      for (const client of Object.values(intruders)) {
        const result = await client.from(table).update({ store_id: storeA.id }).eq('store_id', storeB.id).select();
        expectError(result, '42501', /^permission denied for table /);
      }
    }
    expect(await changedSince(before)).toEqual([]);
  });
});

describe('product images of store A', () => {
  const images = (client: SupabaseClient) => client.storage.from(bucket);
  const contents = async (path: string) => Buffer.from(await (ok(await images(serviceClient()).download(path)) as Blob).arrayBuffer()).toString('hex');
  let original: Record<string, string>;

  /** 403: the write policy refused it; 404: the read policy hides the object, as if it did not exist. */
  function expectRefused(result: { error: unknown }, statusCode: '403' | '404', what: string) {
    expect(result.error, what).toBeInstanceOf(StorageApiError);
    expect((result.error as StorageApiError).statusCode, what).toBe(statusCode);
  }

  beforeAll(async () => {
    original = { [a.publicImage]: await contents(a.publicImage), [a.membersImage]: await contents(a.membersImage) };
  });

  async function expectUntouched(before: Record<string, string>) {
    expect(await changedSince(before), 'rows changed').toEqual([]);
    for (const [path, hex] of Object.entries(original)) expect(await contents(path), `contents of ${path}`).toBe(hex);
  }

  it('B\'s staff cannot upload into A\'s folder, overwrite, update, move or delete A\'s images', async () => {
    const b = images(storeB.owner.client);
    // The control: the same upload into B's own folder is accepted.
    expect((await b.upload(`${storeB.id}/${bPublicProduct.id}/front.png`, png('b'))).error).toBeNull();
    const before = await digest();
    expectRefused(await b.upload(`${storeA.id}/${a.publicProduct.id}/planted.png`, png('planted')), '403', 'upload');
    expectRefused(await b.upload(`${storeA.id}/${bPublicProduct.id}/planted.png`, png('planted')), '403', 'upload under a B product id');
    expectRefused(await b.upload(a.membersImage, png('overwritten'), { upsert: true }), '403', 'upsert');
    // The public image B may read is still not B's to change.
    expectRefused(await b.update(a.publicImage, png('overwritten')), '403', 'update');
    expectRefused(await b.copy(a.publicImage, `${storeA.id}/${a.publicProduct.id}/copy.png`), '403', 'copy into A');
    // A move looks its source up under the update policy, which hides both images from B.
    expectRefused(await b.move(a.publicImage, `${storeB.id}/${bPublicProduct.id}/moved.png`), '404', 'move public');
    expectRefused(await b.move(a.membersImage, `${storeB.id}/${bPublicProduct.id}/moved.png`), '404', 'move members-only');
    // A remove of objects RLS hides reports nothing removed rather than an error.
    expect(ok(await b.remove([a.publicImage, a.membersImage])), 'removed').toEqual([]);
    await expectUntouched(before);
  });

  it('B\'s staff list and read only what A shows everyone: the public product\'s image', async () => {
    const b = images(storeB.owner.client);
    expect((ok(await b.list(storeA.id)) as { name: string }[]).map((e) => e.name)).toEqual([a.publicProduct.id]);
    expect(ok(await b.list(`${storeA.id}/${a.membersProduct.id}`))).toEqual([]);
    expectRefused(await b.download(a.membersImage), '404', 'download');
    expectRefused(await b.createSignedUrl(a.membersImage, 60), '404', 'signed URL');
    expectRefused(await b.copy(a.membersImage, `${storeB.id}/${bPublicProduct.id}/copied.png`), '404', 'copy out');
    // Public by design: the public product's row and image are readable by anyone.
    expect((await b.download(a.publicImage)).error).toBeNull();
  });

  it('B\'s buyer cannot download, sign, list or upload A\'s members-only image', async () => {
    const before = await digest();
    const b = images(buyerB.client);
    expectRefused(await b.download(a.membersImage), '404', 'download');
    expectRefused(await b.createSignedUrl(a.membersImage, 60), '404', 'signed URL');
    expect(ok(await b.list(`${storeA.id}/${a.membersProduct.id}`))).toEqual([]);
    expectRefused(await b.upload(a.membersImage, png('overwritten'), { upsert: true }), '403', 'upsert');
    // The same image A's own buyer reads: the refusals above are about the store, not the file.
    expect((await images(buyerA.client).download(a.membersImage)).error).toBeNull();
    await expectUntouched(before);
  });
});

describe('the gateway and forged credentials', () => {
  const otherSecret = 'another-project-jwt-secret-with-at-least-32-chars';
  let staffToken: string;
  let claims: JWTPayload;

  async function sign(payload: JWTPayload, secret: string): Promise<string> {
    return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
  }
  const unsigned = (payload: JWTPayload) =>
    `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
  /** A's staff list, as the caller: what a forged identity would be after. */
  const readAStaff = (token: string, apikey = stack().anonKey) =>
    fetch(`${stack().apiUrl}/rest/v1/store_staff?store_id=eq.${storeA.id}`, { headers: { apikey, authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    staffToken = (await storeB.owner.client.auth.getSession()).data.session!.access_token;
    claims = decodeJwt(staffToken);
  });

  it('B\'s staff token is good at B and reads nothing of A (the control)', async () => {
    const res = await readAStaff(staffToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });

  it('refuses B\'s staff claims re-signed with another secret, retargeted at A\'s owner, with 401', async () => {
    for (const forged of [
      await sign({ ...claims, sub: storeA.owner.user.id, email: storeA.owner.user.email }, otherSecret),
      await sign(claims, otherSecret),
    ]) {
      const res = await readAStaff(forged);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { code: string }).code).toBe('PGRST301');
    }
  });

  it('refuses a token whose claims were edited after signing, and an unsigned one, with 401', async () => {
    const [header, , signature] = staffToken.split('.');
    const edited = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: storeA.owner.user.id })).toString('base64url')}.${signature}`;
    for (const forged of [edited, unsigned({ ...claims, sub: storeA.owner.user.id }), unsigned({ ...claims, role: 'service_role' })]) {
      expect((await readAStaff(forged)).status).toBe(401);
    }
  });

  it('refuses another project\'s API key with 401, even with a valid user token', async () => {
    const foreignAnonKey = await sign({ ...decodeJwt(stack().anonKey) }, otherSecret);
    const res = await readAStaff(staffToken, foreignAnonKey);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'Invalid API key' });
  });

  it('never takes a service-role token from another secret: not as user JWT, API key, storage or auth token', async () => {
    const forgedService = await sign({ ...decodeJwt(stack().serviceRoleKey) }, otherSecret);
    expect((await readAStaff(forgedService)).status, 'as bearer').toBe(401);
    expect((await readAStaff(forgedService, forgedService)).status, 'as API key').toBe(401);

    // Through supabase-js with a valid API key but the forged token as the session.
    const forgedClient = createClient(stack().apiUrl, stack().anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: { headers: { authorization: `Bearer ${forgedService}` } },
    });
    expect((await forgedClient.from('members').select('id').eq('store_id', storeA.id)).error?.code).toBe('PGRST301');
    expect((await forgedClient.storage.from(bucket).download(a.membersImage)).error, 'storage download').not.toBeNull();
    expect((await forgedClient.storage.from(bucket).list(storeA.id)).error, 'storage list').not.toBeNull();
    const user = await fetch(`${stack().apiUrl}/auth/v1/user`, { headers: { apikey: stack().anonKey, authorization: `Bearer ${forgedService}` } });
    expect([401, 403], 'auth user').toContain(user.status);
  });
});

describe('the visibility RPCs decide with is the select policies\' visibility', () => {
  let pool: pg.Pool;
  let callers: Record<string, { id: string; email: string }>;

  /** Per table, the helper an RPC uses to decide whether the caller can read a row `t` of it. */
  const helpers: Record<string, string> = {
    members: 'private.can_read_company_row(t.store_id, t.id)',
    ...Object.fromEntries(['member_contacts', 'orders', 'tier_changes', 'sample_claims', 'member_coupons', 'points_ledger',
      'rebate_ledger', 'order_reviews', 'inquiries', 'reward_deliveries', 'order_changes'].map((table) => [table, 'private.can_read_company_row(t.store_id, t.member_id)'])),
    member_invitations: 'private.can_read_invitation(t)',
    coupons: 'private.can_read_coupon(t)',
    rewards: 'private.can_read_reward(t)',
    // Staff only: no RPC decides on these rows, and no company reads which campaigns reached it.
    campaign_recipients: 't.store_id in (select private.staff_store_ids())',
    campaign_contacts: 't.store_id in (select private.staff_store_ids())',
  };

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: stack().dbUrl, max: 2 });
    // Rows each branch of a policy decides: a second (ordinary) company at A, A's plain staff,
    // the invitee's login, coupons above the ordinary tier (one held by the ordinary company
    // from a lapsed VIP override), an inactive reward, a review.
    const [buyerA2, staffA, invitee] = await Promise.all([addMember(storeA), addStaff(storeA), createUser(a.invitationEmail)]);
    const insertA = async (table: string, row: Record<string, unknown>) =>
      (ok(await storeA.owner.client.from(table).insert({ store_id: storeA.id, ...row }).select('id').single()) as { id: string }).id;
    const [vipCoupon] = await Promise.all([
      insertA('coupons', { code: 'VIP-ONLY', kind: 'percent', value: 9, min_tier_rank: 2 }),
      insertA('coupons', { code: 'VIP-ALSO', kind: 'percent', value: 7, min_tier_rank: 2 }),
      insertA('rewards', { name: 'Retired kit', points_cost: 5, active: false }),
    ]);
    const override = (tier: string | null) => storeA.owner.client.rpc('set_tier_override',
      { p_member_id: buyerA2.id, p_tier_id: tier, p_expires_at: tier && farFuture });
    ok(await override(storeA.tiers[2]!.id));
    ok(await buyerA2.client.rpc('claim_coupon', { p_coupon_id: vipCoupon }));
    ok(await override(null));
    ok(await buyerA.client.rpc('review_order', { p_order_id: a.deliveredOrder, p_rating: 5, p_body: 'Fine' }));
    // Only the orders import writes order changes: one per order of both stores, as if corrected.
    await sql(`insert into public.order_changes (store_id, member_id, order_id, kind, amount_before, currency_before,
        amount_base_before, amount_after, currency_after, amount_base_after)
      select store_id, member_id, id, 'corrected', amount, currency, amount_base, amount, currency, amount_base
      from public.orders where store_id = any($1)`, [[storeA.id, storeB.id]]);
    callers = {
      'A\'s owner': storeA.owner.user, 'A\'s staff': staffA.user, 'A\'s VIP buyer': buyerA.user, 'A\'s ordinary buyer': buyerA2.user,
      'A\'s invitee': invitee, 'B\'s owner': storeB.owner.user, 'B\'s buyer': buyerB.user,
    };
  });
  afterAll(() => pool.end());

  /**
   * Both stores' rows of `table` (by ctid, as not every table has an id; one transaction, so
   * ctids are stable): those the helper admits for the caller, and those RLS shows them.
   */
  async function asCaller(caller: { id: string; email: string }, table: string): Promise<{ helper: string[]; policy: string[] }> {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('request.jwt.claims', $1, true)`,
        [JSON.stringify({ sub: caller.id, email: caller.email, role: 'authenticated', aud: 'authenticated' })]);
      const ids = async (where: string) => (await client.query<{ id: string }>(
        `select t.ctid::text as id from public.${table} t where t.store_id = any($1) and ${where} order by 1`, [[storeA.id, storeB.id]])).rows.map((r) => r.id);
      // As postgres (no RLS), the helper alone decides; as authenticated, only the policy does.
      const helper = await ids(helpers[table]!);
      await client.query('set local role authenticated');
      const policy = await ids('true');
      return { helper, policy };
    } finally {
      await client.query('rollback');
      client.release();
    }
  }

  it('covers every table holding a company\'s rows', async () => {
    const companyTables = await sql<{ table: string }>(
      `select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'member_id' and not a.attisdropped
       where n.nspname = 'public' and c.relkind = 'r' order by 1`);
    expect(companyTables.map((t) => t.table).filter((table) => !(table in helpers)), 'tables without a helper').toEqual([]);
  });

  for (const table of Object.keys(helpers)) {
    it(`${table}: every caller's helper verdicts equal the rows RLS shows them`, async () => {
      const [rows] = await sql<{ n: number }>(`select count(*)::int as n from public.${table} where store_id = any($1)`, [[storeA.id, storeB.id]]);
      expect(rows!.n, `no ${table} rows to compare`).toBeGreaterThan(0);
      for (const [name, caller] of Object.entries(callers)) {
        const { helper, policy } = await asCaller(caller, table);
        expect(helper, `${table} as ${name}`).toEqual(policy);
      }
    });
  }
});
