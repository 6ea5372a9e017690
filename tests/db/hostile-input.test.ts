/**
 * Hostile and malformed input through supabase-js, as the caller each RPC is for: every RPC in
 * docs/api.md gets oversized, malformed, wrong-typed and hostile arguments, and each must be
 * refused with a specific error (code, and a message naming the field) while nothing changes:
 * every table's rows at the store are fingerprinted before and after.
 *
 * Errors come from two places. The RPCs' own checks answer 22023 "<field> <reason>". Arguments
 * PostgREST cannot decode into the parameter's type never reach the function: PostgreSQL
 * answers 22P02 (not a uuid / integer), 22003 (out of range), 22007 (not a timestamp) or
 * 22P05 (a NUL character, which text cannot hold), naming the type and value. Direct writes
 * by staff break a named CHECK constraint (23514, the constraint names the column).
 *
 * Hostile text that is legitimate — markup, SQL, quotes, `$$`, a literal `\x00`, right-to-left
 * overrides — is stored byte for byte and returned unchanged; escaping is the renderer's job.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient, createUser, newSignedInUser, signIn, sql, uniqueEmail } from '../support/clients.ts';
import { importBatchRows } from '../../src/lib/import-batch.ts';
import {
  addMember, addProduct, createStore, daysAgo, expectError, importOrders, makeVip, ok, orderRow, productAsRead, shipTo,
  type Actor, type Member, type Product, type Store,
} from './fixtures.ts';

const sqlText = "'; drop table public.members; --";
const script = '<script>alert(1)</script>';
const img = '<img src=x onerror=alert(1)>';
const huge = 'x'.repeat(100_000);
const nul = 'before\u0000after';
const escape = 'red\u001b[31m';
const bell = 'ding\u0007';
const twoLines = 'first\nsecond';

interface Ctx {
  store: Store;
  member: Member;
  stranger: Actor;
  invitee: Actor;
  invitationToken: string;
  product: Product;
  /** The product's fields as read, which save_product is given back. */
  productRead: Record<string, unknown>;
  orderId: string;
  approvedClaim: string;
  requestedClaim: string;
  coupon: string;
  heldCoupon: string;
  reward: string;
  /** A redemption of the coupon-less reward: a delivery to send. */
  delivery: number;
  /** A staff credit of 5.00 to the member, to take back. */
  rebateCredit: number;
  /** The member's delivered order, placed three days before it received the held coupon. */
  oldOrderRef: string;
  inquiry: string;
  segment: string;
}
let ctx: Ctx;

type Who = 'anon' | 'member' | 'staff' | 'stranger' | 'invitee';
function client(who: Who): SupabaseClient {
  switch (who) {
    case 'anon': return anonClient();
    case 'member': return ctx.member.client;
    case 'staff': return ctx.store.owner.client;
    case 'stranger': return ctx.stranger.client;
    case 'invitee': return ctx.invitee.client;
  }
}

beforeAll(async () => {
  const store = await createStore({ label: 'hostile' });
  const [member, stranger, product] = await Promise.all([addMember(store), newSignedInUser('stranger'), addProduct(store)]);
  // VIP: unlimited samples (no quota answer in front of the address checks) and a rebate balance.
  await makeVip(store, member);
  const delivered = orderRow(member, { amount: 10, placed_at: daysAgo(3), delivered_at: daysAgo(1) });
  await importOrders(store, [delivered]);
  const [order] = await sql<{ id: string }>('select id from public.orders where store_id = $1 and external_ref = $2', [store.id, delivered.external_ref]);

  const claim = async () => (ok(await member.client.rpc('claim_sample', { p_product_id: product.id, p_ship_to: shipTo })) as { id: string }).id;
  const [approvedClaim, requestedClaim] = [await claim(), await claim()];
  ok(await store.owner.client.rpc('approve_sample', { p_claim_id: approvedClaim }));

  const insert = async (table: string, row: object) =>
    (ok(await store.owner.client.from(table).insert({ store_id: store.id, ...row }).select('id').single()) as { id: string }).id;
  const coupon = await insert('coupons', { code: 'HOSTILE-1', kind: 'percent', value: 5, per_member_limit: 5 });
  const reward = await insert('rewards', { name: 'Kit', points_cost: 5 });
  const heldCoupon = (ok(await member.client.rpc('claim_coupon', { p_coupon_id: coupon })) as { id: string }).id;
  // Paid for with the VIP orders' points: an adjustment's note here would show in the check of notes kept verbatim.
  ok(await member.client.rpc('redeem_reward', { p_reward_id: reward, p_ship_to: shipTo }));
  const delivery = (await sql<{ id: number }>('select points_entry_id::int as id from public.reward_deliveries where member_id = $1', [member.id]))[0]!.id;
  const inquiry = (ok(await member.client.rpc('send_inquiry', { p_store_slug: store.slug, p_message: 'Price for 100?' })) as { id: string }).id;
  ok(await store.owner.client.rpc('credit_rebate', { p_member_id: member.id, p_amount: 5, p_note: 'Goodwill' }));
  const rebateCredit = (await sql<{ id: number }>(`select id::int from public.rebate_ledger where member_id = $1 and reason = 'credit'`, [member.id]))[0]!.id;

  const invitation = ok(await member.client.rpc('invite_colleague', { p_member_id: member.id, p_email: uniqueEmail('invitee') })) as { token: string; email: string };
  const inviteeUser = await createUser(invitation.email);
  const invitee = { user: inviteeUser, client: await signIn(inviteeUser) };
  const segment = await insert('segments', { name: 'Everyone', filters: {} });

  ctx = {
    store, member, stranger, invitee, invitationToken: invitation.token, product, productRead: await productAsRead(product.id), orderId: order!.id,
    approvedClaim, requestedClaim, coupon, heldCoupon, reward, delivery, rebateCredit, oldOrderRef: delivered.external_ref!, inquiry, segment,
  };
  storeTables = (await sql<{ table: string }>(
    `select c.relname as table from pg_class c
     join pg_namespace n on n.oid = c.relnamespace
     join pg_attribute a on a.attrelid = c.oid and a.attname = 'store_id' and not a.attisdropped
     where n.nspname = 'public' and c.relkind = 'r' order by 1`)).map((r) => r.table);
}, 60_000);

/** Every table with a store_id, from the catalog, so a new table is fingerprinted without editing this file. */
let storeTables: string[] = [];

/**
 * A fingerprint of everything a case could change: every row of the store in every table,
 * the store row, whatever the stranger and the invitee hold anywhere, and the stranger's join
 * counters.
 */
async function snapshot(): Promise<Record<string, string>> {
  const fingerprint = (from: string) => `md5(coalesce(string_agg(x::text, '|' order by x::text), '')) || ':' || count(*) from ${from}`;
  const rows = await sql<{ t: string; h: string }>(
    [
      ...storeTables.map((t) => `select '${t}' as t, ${fingerprint(`public.${t} x where x.store_id = $1`)}`),
      `select 'stores', ${fingerprint('public.stores x where x.id = $1')}`,
      `select 'outsiders staff', ${fingerprint('public.store_staff x where x.user_id in ($2, $3)')}`,
      `select 'outsiders contacts', ${fingerprint('public.member_contacts x where x.user_id in ($2, $3)')}`,
      `select 'join counters', ${fingerprint('private.join_counters x where x.subject in ($4, $5)')}`,
    ].join(' union all '),
    [ctx.store.id, ctx.stranger.user.id, ctx.invitee.user.id, ctx.stranger.user.email, ctx.invitee.user.email],
    { prepared: true },
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

interface Refusal {
  rpc: string;
  label: string;
  who: Who;
  args: (c: Ctx) => Record<string, unknown>;
  code: string;
  message: RegExp;
}

const slug = (c: Ctx) => c.store.slug;
/** A product's fields as save_product takes them (the SKU is the fixture product's). */
const productFields = {
  sku: 'HOSTILE', name: { en: 'Product' }, description: {}, kind: 'regular', price: 100, currency: 'USD', moq: 1,
  visibility: 'public', min_tier_rank: 0, active: true,
};
const uuidError = /^invalid input syntax for type uuid: "/;
const intError = /^invalid input syntax for type integer: "/;
const intRange = /out of range for type integer$/;
const nulError = /^unsupported Unicode escape sequence$/;
const timestampError = /^invalid input syntax for type timestamp with time zone: "/;

/** Every RPC of docs/api.md with the inputs it must refuse. */
const refusals: Refusal[] = [
  // create_store: a signed-in user who owns nothing yet.
  { rpc: 'create_store', label: 'SQL as slug', who: 'stranger', args: () => ({ p_slug: sqlText, p_name: 'Shop' }), code: '22023', message: /^slug must be 2-63 lowercase/ },
  { rpc: 'create_store', label: '100 kB slug', who: 'stranger', args: () => ({ p_slug: huge, p_name: 'Shop' }), code: '22023', message: /^slug must be/ },
  { rpc: 'create_store', label: 'an object as slug', who: 'stranger', args: () => ({ p_slug: { a: 1 }, p_name: 'Shop' }), code: '22023', message: /^slug must be/ },
  { rpc: 'create_store', label: '100 kB name', who: 'stranger', args: () => ({ p_slug: `hostile-${randomUUID().slice(0, 8)}`, p_name: huge }), code: '22023', message: /^name must be at most 120 characters$/ },
  { rpc: 'create_store', label: 'a terminal escape in the name', who: 'stranger', args: () => ({ p_slug: `hostile-${randomUUID().slice(0, 8)}`, p_name: escape }), code: '22023', message: /^name must be a single line without control characters$/ },
  { rpc: 'create_store', label: 'NUL in the name', who: 'stranger', args: () => ({ p_slug: `hostile-${randomUUID().slice(0, 8)}`, p_name: nul }), code: '22P05', message: nulError },
  { rpc: 'create_store', label: 'SQL as currency', who: 'stranger', args: () => ({ p_slug: `hostile-${randomUUID().slice(0, 8)}`, p_name: 'Shop', p_base_currency: "USD'--" }), code: '22023', message: /^base_currency must be a three-letter/ },
  { rpc: 'create_store', label: 'markup as locale', who: 'stranger', args: () => ({ p_slug: `hostile-${randomUUID().slice(0, 8)}`, p_name: 'Shop', p_default_locale: script }), code: '22023', message: /^default_locale must be one of/ },

  // join_store: a signed-in user who is not a member yet (a success would add a member).
  ...([
    ['SQL as store slug', { p_store_slug: sqlText }, 'PT404', /^store not found$/],
    ['100 kB store slug', { p_store_slug: huge }, 'PT404', /^store not found$/],
    ['100 kB company name', { p_company_name: huge }, '22023', /^company_name must be at most 200 characters$/],
    ['NUL in the company name', { p_company_name: nul }, '22P05', nulError],
    ['a bell in the company name', { p_company_name: bell }, '22023', /^company_name must be a single line without control characters$/],
    ['blank company name', { p_company_name: ' \t ' }, '22023', /^company_name is required$/],
    ['two lines as full name', { p_full_name: twoLines }, '22023', /^full_name must be a single line/],
    ['100 kB full name', { p_full_name: huge }, '22023', /^full_name must be at most 120 characters$/],
    ['markup as email', { p_email: `${script}@example.test` }, '22023', /^email is not an email address$/],
    ['SQL as email', { p_email: sqlText }, '22023', /^email is not an email address$/],
    ['100 kB email', { p_email: huge }, '22023', /^email must be at most 254 characters$/],
    ['SQL as country', { p_country: "D'" }, '22023', /^country must be a two-letter ISO 3166 code/],
    ['a country name', { p_country: 'Germany' }, '22023', /^country must be a two-letter ISO 3166 code such as DE$/],
    ['javascript: website', { p_website: 'javascript:alert(1)' }, '22023', /^website must be an http:\/\/ or https:\/\/ address/],
    ['markup in the website', { p_website: `https://example.com/${img}` }, '22023', /^website must be an http/],
    ['100 kB website', { p_website: huge }, '22023', /^website must be at most 300 characters$/],
    ['SQL as phone', { p_phone: sqlText }, '22023', /^phone must be a phone number/],
    ['markup as WhatsApp', { p_whatsapp: img }, '22023', /^whatsapp must be a phone number/],
    ['$$ as WeChat', { p_wechat: '$$' }, '22023', /^wechat must be a WeChat ID/],
    ['100 kB job title', { p_job_title: huge }, '22023', /^job_title must be at most 120 characters$/],
    ['an escape in the industry', { p_industry: escape }, '22023', /^industry must be a single line/],
    ['SQL as locale', { p_preferred_locale: `en${sqlText}` }, '22023', /^preferred_locale must be one of/],
  ] as const).map(([label, fields, code, message]): Refusal => ({
    rpc: 'join_store', label, who: 'stranger', code, message,
    args: (c) => ({ p_store_slug: c.store.slug, p_company_name: 'Fine Co', p_full_name: 'Fine Name', p_country: 'DE', ...fields }),
  })),

  // exchange_cards: join_store's card (checked by the same code) plus the buying profile and consent.
  ...([
    ['SQL as store slug', { p_store_slug: sqlText }, 'PT404', /^store not found$/],
    ['no phone, WhatsApp or WeChat', { p_phone: ' ', p_whatsapp: null }, '22023', /^phone or a WhatsApp number or WeChat ID is required$/],
    ['markup as purchase volume', { p_purchase_volume: script }, '22023', /^purchase_volume must be one of/],
    ['SQL as purchase volume', { p_purchase_volume: sqlText }, '22023', /^purchase_volume must be one of/],
    ['100 kB category', { p_product_categories: [huge] }, '22023', /^product_categories must be at most 80 characters$/],
    ['an escape in a category', { p_product_categories: [escape] }, '22023', /^product_categories must be a single line/],
    ['NUL in a category', { p_product_categories: [nul] }, '22P05', nulError],
    ['a blank category', { p_product_categories: ['Wigs', ' '] }, '22023', /^product_categories is required$/],
    ['1000 categories', { p_product_categories: Array.from({ length: 1000 }, (_, i) => `c${i}`) }, '22023', /^product_categories must be at most 20 categories$/],
    ['NUL in the company name', { p_company_name: nul }, '22P05', nulError],
    ['markup as WhatsApp', { p_whatsapp: img }, '22023', /^whatsapp must be a phone number/],
    ['a country name', { p_country: 'Deutschland' }, '22023', /^country must be a two-letter ISO 3166 code such as DE$/],
  ] as const).map(([label, fields, code, message]): Refusal => ({
    rpc: 'exchange_cards', label, who: 'stranger', code, message,
    args: (c) => ({ p_store_slug: c.store.slug, p_company_name: 'Fine Co', p_full_name: 'Fine Name', p_country: 'DE', p_whatsapp: '+49 30 1234567', ...fields }),
  })),

  { rpc: 'membership_standing', label: 'limit 0', who: 'member', args: (c) => ({ p_store_slug: c.store.slug, p_limit: 0 }), code: '22023', message: /^p_limit must be at least 1$/ },
  { rpc: 'my_membership', label: 'SQL as slug', who: 'member', args: () => ({ p_store_slug: sqlText }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'my_membership', label: '100 kB slug', who: 'member', args: () => ({ p_store_slug: huge }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'my_membership', label: 'NUL in the slug', who: 'member', args: () => ({ p_store_slug: nul }), code: '22P05', message: nulError },
  { rpc: 'tier_teasers', label: 'SQL as slug', who: 'anon', args: () => ({ p_store_slug: sqlText }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'tier_teasers', label: '100 kB slug', who: 'anon', args: () => ({ p_store_slug: huge }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'store_profile', label: 'SQL as slug', who: 'anon', args: () => ({ p_store_slug: sqlText }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'store_profile', label: '100 kB slug', who: 'member', args: () => ({ p_store_slug: huge }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'store_catalogue', label: 'SQL as slug', who: 'anon', args: () => ({ p_store_slug: sqlText }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'store_catalogue', label: 'markup as slug', who: 'member', args: () => ({ p_store_slug: script }), code: 'PT404', message: /^store not found$/ },
  ...([
    ['51 SKUs', 'anon', { p_skus: Array.from({ length: 51 }, (_, i) => `SKU-${i}`) }, '22023', /^skus has 51 SKUs; at most 50$/],
    ['a 100 kB SKU', 'member', { p_skus: [huge] }, '22023', /^skus must each be a SKU of at most 100 characters$/],
    ['a null SKU', 'anon', { p_skus: ['LF-1', null] }, '22023', /^skus must each be a SKU of at most 100 characters$/],
    ['NUL in a SKU', 'anon', { p_skus: [nul] }, '22P05', nulError],
    ['SKUs as a string', 'anon', { p_skus: sqlText }, '22P02', /^malformed array literal: "/],
    ['51 ids', 'member', { p_ids: Array.from({ length: 51 }, () => randomUUID()) }, '22023', /^ids has 51 ids; at most 50$/],
    ['an id that is not a uuid', 'anon', { p_ids: [sqlText] }, '22P02', uuidError],
    ['SQL as visibility', 'anon', { p_visibility: ['public', sqlText] }, '22023', /^visibility must each be public, members or tier$/],
    ['limit 0', 'anon', { p_limit: 0 }, '22023', /^limit must be from 1 to 100$/],
    ['limit 101', 'member', { p_limit: 101 }, '22023', /^limit must be from 1 to 100$/],
    ['a huge limit', 'anon', { p_limit: 1e12 }, '22003', intRange],
    ['a negative offset', 'anon', { p_limit: 10, p_offset: -1 }, '22023', /^offset must be at least 0$/],
  ] as const).map(([label, who, fields, code, message]): Refusal => ({
    rpc: 'store_catalogue', label, who, code, message, args: (c) => ({ p_store_slug: c.store.slug, ...fields }),
  })),

  // import_orders: staff of the store.
  ...([
    ['an invalid store id', () => 'not-a-uuid', [{}], '22P02', uuidError],
    ['rows as a string', (c: Ctx) => c.store.id, 'rows', '22023', /^rows must be a non-empty array of orders$/],
    ['rows as an object', (c: Ctx) => c.store.id, { external_ref: 'A' }, '22023', /^rows must be a non-empty array of orders$/],
    ['a row that is an array', (c: Ctx) => c.store.id, [[]], '22023', /^Row 1: must be an object$/],
    ['more rows than one import takes', (c: Ctx) => c.store.id, Array.from({ length: importBatchRows + 1 }, () => ({})), '22023',
      new RegExp(`^p_rows has ${importBatchRows + 1} rows; at most ${importBatchRows} rows per import`)],
    ['a 10 kB row', (c: Ctx) => c.store.id, [{ junk: 'x'.repeat(10_000) }], '22023', /^Row 1: is larger than 4096 bytes/],
    ['NUL in a row', (c: Ctx) => c.store.id, [{ external_ref: nul }], '22P05', nulError],
  ] as const).map(([label, storeId, rows, code, message]): Refusal => ({
    rpc: 'import_orders', label, who: 'staff', code, message, args: (c) => ({ p_store_id: storeId(c), p_rows: rows }),
  })),
  ...([
    ['a tab in the reference', { external_ref: 'A\tB' }, /^Row 1: external_ref must be a single line without control characters$/],
    ['a negative amount', { amount: -5 }, /^Row 1: amount must be a positive number$/],
    ['"NaN" as amount', { amount: 'NaN' }, /^Row 1: amount must be a positive number$/],
    ['a 300-digit amount', { amount: 1e300 }, /^Row 1: amount must have at most 2 decimals and 12 digits$/],
    ['a rate that rounds to 0', { currency: 'EUR', exchange_rate: 1e-12 }, /^Row 1: exchange_rate must be a positive number/],
    ['an amount too large after exchange', { amount: 999_999_999_999.99, currency: 'EUR', exchange_rate: 2 }, /^Row 1: amount converted to USD must be below 1000000000000$/],
    ['infinity as order date', { placed_at: 'infinity' }, /^Row 1: placed_at must be a date or timestamp/],
    ['a DateStyle-dependent date', { placed_at: '03/04/2026' }, /^Row 1: placed_at must be a date or timestamp/],
    ['a date before 2000', { placed_at: '1999-12-31' }, /^Row 1: placed_at must be a date or timestamp such as 2026-03-01T10:00:00Z, from 2000 on$/],
    ['an order in the future', { placed_at: new Date(Date.now() + 2 * 86_400_000).toISOString() }, /^Row 1: placed_at must be at most a day ahead$/],
    ['a delivery in the future', { delivered_at: new Date(Date.now() + 5 * 86_400_000).toISOString() }, /^Row 1: delivered_at must be at most a day ahead$/],
    ['a key that is not an order field', { note: 'Rush order' }, /^Row 1: note is not a column of an order \(external_ref, member_id, email, amount, currency, exchange_rate, placed_at, status, delivered_at\)$/],
    ['a misspelt delivered_at', { delivered: daysAgo(1) }, /^Row 1: delivered is not a column of an order/],
    ['markup as status', { status: script }, /^Row 1: status must be one of paid, partially_refunded, refunded, cancelled$/],
    ['SQL as member id', { member_id: sqlText }, /^Row 1: member_id is not a member of this store$/],
  ] as const).map(([label, fields, message]): Refusal => ({
    rpc: 'import_orders', label, who: 'staff', code: '22023', message,
    args: (c) => ({ p_store_id: c.store.id, p_rows: [{ ...orderRow(c.member), ...fields }] }),
  })),
  { rpc: 'import_orders', label: 'null as new only', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_rows: [orderRow(c.member)], p_new_only: null }), code: '22023', message: /^new_only must be true or false$/ },
  { rpc: 'import_orders', label: 'SQL as new only', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_rows: [orderRow(c.member)], p_new_only: sqlText }), code: '22P02', message: /^invalid input syntax for type boolean/ },

  { rpc: 'set_tier_override', label: 'an invalid member id', who: 'staff', args: (c) => ({ p_member_id: sqlText, p_tier_id: c.store.tiers[2]!.id, p_expires_at: daysAgo(-5) }), code: '22P02', message: uuidError },
  { rpc: 'set_tier_override', label: 'infinity as expiry', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_tier_id: c.store.tiers[2]!.id, p_expires_at: 'infinity' }), code: '22023', message: /^expires_at must be in the future and finite/ },
  { rpc: 'set_tier_override', label: 'text as expiry', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_tier_id: c.store.tiers[2]!.id, p_expires_at: 'next tuesday' }), code: '22007', message: timestampError },
  { rpc: 'set_tier_override', label: '100 kB reason', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_tier_id: c.store.tiers[2]!.id, p_expires_at: daysAgo(-5), p_reason: huge }), code: '22023', message: /^reason must be at most 500 characters$/ },
  { rpc: 'set_tier_override', label: 'an escape in the reason', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_tier_id: c.store.tiers[2]!.id, p_expires_at: daysAgo(-5), p_reason: escape }), code: '22023', message: /^reason must not contain control characters$/ },

  { rpc: 'evaluate_tiers', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText }), code: '22P02', message: uuidError },

  { rpc: 'invite_colleague', label: 'SQL as email', who: 'member', args: (c) => ({ p_member_id: c.member.id, p_email: sqlText }), code: '22023', message: /^email is not an email address$/ },
  { rpc: 'invite_colleague', label: 'markup as email', who: 'member', args: (c) => ({ p_member_id: c.member.id, p_email: `${img}@example.test` }), code: '22023', message: /^email is not an email address$/ },
  { rpc: 'invite_colleague', label: '100 kB email', who: 'member', args: (c) => ({ p_member_id: c.member.id, p_email: `${huge}@example.test` }), code: '22023', message: /^email is not an email address$/ },
  { rpc: 'invite_colleague', label: 'an invalid member id', who: 'member', args: () => ({ p_member_id: 'nope', p_email: 'a@example.test' }), code: '22P02', message: uuidError },

  // accept_invitation: the invitee; a refusal must leave the invitation pending.
  { rpc: 'my_data', label: 'SQL as slug', who: 'member', args: () => ({ p_store_slug: sqlText }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'my_data', label: 'a stranger asking', who: 'stranger', args: (c) => ({ p_store_slug: c.store.slug }), code: '42501', message: /^You are not a member of this store$/ },
  { rpc: 'leave_store', label: '100 kB slug', who: 'member', args: () => ({ p_store_slug: huge, p_confirm: true }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'leave_store', label: 'no confirmation', who: 'member', args: (c) => ({ p_store_slug: c.store.slug }), code: '22023', message: /^confirm must be true/ },
  { rpc: 'leave_store', label: 'text as confirmation', who: 'member', args: (c) => ({ p_store_slug: c.store.slug, p_confirm: 'yes please' }), code: '22P02', message: /^invalid input syntax for type boolean/ },
  { rpc: 'leave_store', label: 'staff leaving', who: 'staff', args: (c) => ({ p_store_slug: c.store.slug, p_confirm: true }), code: '42501', message: /^You are not a member of this store$/ },
  // The member has one contact: staff may neither remove it nor be asked without confirming.
  { rpc: 'remove_member_contact', label: 'SQL as contact id', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_contact_id: sqlText, p_confirm: true }), code: '22P02', message: uuidError },
  { rpc: 'remove_member_contact', label: 'no confirmation', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_contact_id: c.member.contactId }), code: '22023', message: /^confirm must be true/ },
  { rpc: 'remove_member_contact', label: 'text as confirmation', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_contact_id: c.member.contactId, p_confirm: 'yes please' }), code: '22P02', message: /^invalid input syntax for type boolean/ },
  { rpc: 'remove_member_contact', label: 'the company\'s only contact', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_contact_id: c.member.contactId, p_confirm: true }), code: 'P0001', message: /^contact_id is the company's only contact/ },
  { rpc: 'remove_member_contact', label: 'a member removing themself', who: 'member', args: (c) => ({ p_member_id: c.member.id, p_contact_id: c.member.contactId, p_confirm: true }), code: '42501', message: /^member_id is not a member of a store you staff$/ },
  // The store's owner, with the member company all other cases need: refused before anything goes.
  { rpc: 'erase_member', label: 'SQL as member id', who: 'staff', args: () => ({ p_member_id: sqlText, p_confirm: true }), code: '22P02', message: uuidError },
  { rpc: 'erase_member', label: 'no confirmation', who: 'staff', args: (c) => ({ p_member_id: c.member.id }), code: '22023', message: /^confirm must be true: erasing a company/ },
  { rpc: 'erase_member', label: 'text as confirmation', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_confirm: 'yes please' }), code: '22P02', message: /^invalid input syntax for type boolean/ },
  { rpc: 'erase_member', label: 'a member erasing its own company', who: 'member', args: (c) => ({ p_member_id: c.member.id, p_confirm: true }), code: '42501', message: /^member_id is not a member of a store you staff$/ },
  { rpc: 'make_primary_contact', label: 'SQL as contact id', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_contact_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'make_primary_contact', label: 'a member asking', who: 'member', args: (c) => ({ p_member_id: c.member.id, p_contact_id: c.member.contactId }), code: '42501', message: /^member_id is not a member of a store you staff$/ },
  { rpc: 'invite_staff', label: 'SQL as email', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_email: sqlText }), code: '22023', message: /^email is not an email address$/ },
  { rpc: 'invite_staff', label: '100 kB email', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_email: `${huge}@example.test` }), code: '22023', message: /^email must be at most 254 characters$/ },
  { rpc: 'invite_staff', label: 'markup as role', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_email: 'hire@example.test', p_role: script }), code: '22023', message: /^role must be owner or staff$/ },
  { rpc: 'invite_staff', label: 'a member inviting', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_email: 'hire@example.test' }), code: '42501', message: /^Only this store's owners may do this$/ },
  { rpc: 'accept_staff_invitation', label: 'an invalid token', who: 'stranger', args: () => ({ p_token: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'remove_staff', label: 'SQL as user id', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_user_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'remove_staff', label: 'the last owner removing themself', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_user_id: c.store.owner.user.id }), code: 'P0001', message: /^user_id is the last owner of this store/ },
  { rpc: 'remove_staff', label: 'a member removing the owner', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_user_id: c.store.owner.user.id }), code: '42501', message: /^Only this store's owners may do this$/ },
  // delete_store: every case a refusal, or the store this file works on would be gone.
  { rpc: 'delete_store', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText, p_confirm_name: 'x' }), code: '22P02', message: uuidError },
  { rpc: 'delete_store', label: 'no name', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_confirm_name: null }), code: '22023', message: /^confirm_name is required: type the store's name/ },
  { rpc: 'delete_store', label: 'invisible-only name', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_confirm_name: ' \u2066\u2069 ' }), code: '22023', message: /^confirm_name is required: type the store's name/ },
  { rpc: 'delete_store', label: 'SQL as name', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_confirm_name: sqlText }), code: '22023', message: /^confirm_name must be the store's name in its default language/ },
  { rpc: 'delete_store', label: '100 kB name', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_confirm_name: huge }), code: '22023', message: /^confirm_name must be the store's name in its default language/ },
  { rpc: 'delete_store', label: 'the slug as name', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_confirm_name: c.store.slug }), code: '22023', message: /^confirm_name must be the store's name in its default language/ },
  { rpc: 'delete_store', label: 'NUL in the name', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_confirm_name: nul }), code: '22P05', message: nulError },
  { rpc: 'delete_store', label: 'a member deleting the store', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_confirm_name: `Test ${c.store.slug}` }), code: '42501', message: /^Only this store's owners may do this$/ },
  { rpc: 'delete_store', label: 'a stranger deleting the store', who: 'stranger', args: (c) => ({ p_store_id: c.store.id, p_confirm_name: `Test ${c.store.slug}` }), code: '42501', message: /^Only this store's owners may do this$/ },
  { rpc: 'delete_store', label: 'anon deleting the store', who: 'anon', args: (c) => ({ p_store_id: c.store.id, p_confirm_name: `Test ${c.store.slug}` }), code: '42501', message: /./ },
  { rpc: 'delete_store', label: 'the nil UUID as store id', who: 'staff', args: (c) => ({ p_store_id: '00000000-0000-0000-0000-000000000000', p_confirm_name: `Test ${c.store.slug}` }), code: '42501', message: /^Only this store's owners may do this$/ },
  { rpc: 'set_staff_role', label: 'SQL as user id', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_user_id: sqlText, p_role: 'owner' }), code: '22P02', message: uuidError },
  { rpc: 'set_staff_role', label: 'markup as role', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_user_id: c.store.owner.user.id, p_role: script }), code: '22023', message: /^role must be owner or staff$/ },
  { rpc: 'set_staff_role', label: '100 kB role', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_user_id: c.store.owner.user.id, p_role: huge }), code: '22023', message: /^role must be owner or staff$/ },
  { rpc: 'set_staff_role', label: 'the last owner demoting themself', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_user_id: c.store.owner.user.id, p_role: 'staff' }), code: 'P0001', message: /^user_id is the last owner of this store/ },
  { rpc: 'set_staff_role', label: 'a member promoting themself', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_user_id: c.member.user.id, p_role: 'owner' }), code: '42501', message: /^Only this store's owners may do this$/ },
  { rpc: 'accept_invitation', label: 'an invalid token', who: 'invitee', args: () => ({ p_token: sqlText, p_full_name: 'Col League' }), code: '22P02', message: uuidError },
  { rpc: 'accept_invitation', label: '100 kB full name', who: 'invitee', args: (c) => ({ p_token: c.invitationToken, p_full_name: huge }), code: '22023', message: /^full_name must be at most 120 characters$/ },
  { rpc: 'accept_invitation', label: 'an escape in the full name', who: 'invitee', args: (c) => ({ p_token: c.invitationToken, p_full_name: escape }), code: '22023', message: /^full_name must be a single line/ },
  { rpc: 'accept_invitation', label: 'markup as phone', who: 'invitee', args: (c) => ({ p_token: c.invitationToken, p_full_name: 'Col League', p_phone: img }), code: '22023', message: /^phone must be a phone number/ },
  { rpc: 'accept_invitation', label: '100 kB WeChat', who: 'invitee', args: (c) => ({ p_token: c.invitationToken, p_full_name: 'Col League', p_wechat: huge }), code: '22023', message: /^wechat must be at most 60 characters$/ },
  { rpc: 'accept_invitation', label: 'NUL in the job title', who: 'invitee', args: (c) => ({ p_token: c.invitationToken, p_full_name: 'Col League', p_job_title: nul }), code: '22P05', message: nulError },
  // my_invitations: the invitee reads their offers; reading changes nothing, refused or not.
  { rpc: 'my_invitations', label: 'SQL as slug', who: 'invitee', args: () => ({ p_store_slug: sqlText }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'my_invitations', label: '100 kB slug', who: 'stranger', args: () => ({ p_store_slug: huge }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'my_invitations', label: 'NUL in the slug', who: 'invitee', args: () => ({ p_store_slug: nul }), code: '22P05', message: nulError },
  { rpc: 'my_invitations', label: 'anon asking', who: 'anon', args: (c) => ({ p_store_slug: c.store.slug }), code: '42501', message: /./ },
  // my_former_membership: a signed-in login reads its own former membership; a visitor is refused.
  { rpc: 'my_former_membership', label: 'SQL as slug', who: 'stranger', args: () => ({ p_store_slug: sqlText }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'my_former_membership', label: '100 kB slug', who: 'stranger', args: () => ({ p_store_slug: huge }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'my_former_membership', label: 'NUL in the slug', who: 'stranger', args: () => ({ p_store_slug: nul }), code: '22P05', message: nulError },
  { rpc: 'my_former_membership', label: 'anon asking', who: 'anon', args: (c) => ({ p_store_slug: c.store.slug }), code: '42501', message: /./ },
  // deleted_store_files: takes nothing; the caller's own deletions' files, reading changes nothing.
  { rpc: 'deleted_store_files', label: 'anon asking', who: 'anon', args: () => ({}), code: '42501', message: /./ },
  { rpc: 'deleted_store_files', label: 'a store id it does not take', who: 'staff', args: (c) => ({ p_store_id: c.store.id }), code: 'PGRST202', message: /deleted_store_files/ },
  // invitation_preview: anyone holding a link; reading changes nothing, refused or not.
  { rpc: 'invitation_preview', label: 'SQL as token', who: 'anon', args: () => ({ p_token: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'invitation_preview', label: 'markup as token', who: 'stranger', args: () => ({ p_token: script }), code: '22P02', message: uuidError },
  { rpc: 'invitation_preview', label: 'NUL in the token', who: 'anon', args: () => ({ p_token: nul }), code: '22P05', message: nulError },
  // staff_invitation_preview: the same, for a staff invitation's link.
  { rpc: 'staff_invitation_preview', label: 'SQL as token', who: 'anon', args: () => ({ p_token: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'staff_invitation_preview', label: 'markup as token', who: 'stranger', args: () => ({ p_token: script }), code: '22P02', message: uuidError },
  { rpc: 'staff_invitation_preview', label: 'NUL in the token', who: 'anon', args: () => ({ p_token: nul }), code: '22P05', message: nulError },

  // claim_sample: the member (VIP: no quota in the way).
  ...([
    ['ship_to as a string', 'Hauptstr. 1, Berlin', /^ship_to must be an address object$/],
    ['ship_to as an array', [shipTo], /^ship_to must be an address object$/],
    ['a number as name', { ...shipTo, name: 123 }, /^ship_to\.name must be text$/],
    ['an object as city', { ...shipTo, city: { $ne: null } }, /^ship_to\.city must be text$/],
    ['an unknown field', { ...shipTo, floor: '3' }, /^ship_to\.floor is not an address field$/],
    ['a 100 kB field name', { ...shipTo, [huge]: 'x' }, /^ship_to\.x{40} is not an address field$/],
    ['a 100 kB city', { ...shipTo, city: huge }, /^ship_to\.city must be at most 200 characters$/],
    ['two lines as line1', { ...shipTo, line1: twoLines }, /^ship_to\.line1 must be a single line/],
    ['SQL as phone', { ...shipTo, phone: sqlText }, /^ship_to\.phone must be a phone number/],
    ['markup as postal code', { ...shipTo, postal_code: script }, /^ship_to\.postal_code must be at most 16 letters/],
    ['a missing city', { ...shipTo, city: undefined }, /^ship_to\.city is required$/],
    ['SQL as country', { ...shipTo, country: sqlText }, /^ship_to\.country must be a two-letter ISO 3166 code/],
  ] as const).map(([label, address, message]): Refusal => ({
    rpc: 'claim_sample', label, who: 'member', code: '22023', message,
    args: (c) => ({ p_product_id: c.product.id, p_ship_to: address }),
  })),
  { rpc: 'claim_sample', label: 'a negative quantity', who: 'member', args: (c) => ({ p_product_id: c.product.id, p_ship_to: shipTo, p_quantity: -1 }), code: '22023', message: /^quantity must be between 1 and 10$/ },
  { rpc: 'claim_sample', label: 'a huge quantity', who: 'member', args: (c) => ({ p_product_id: c.product.id, p_ship_to: shipTo, p_quantity: 1e10 }), code: '22003', message: intRange },
  { rpc: 'claim_sample', label: '"NaN" as quantity', who: 'member', args: (c) => ({ p_product_id: c.product.id, p_ship_to: shipTo, p_quantity: 'NaN' }), code: '22P02', message: intError },
  { rpc: 'claim_sample', label: 'an invalid product id', who: 'member', args: () => ({ p_product_id: img, p_ship_to: shipTo }), code: '22P02', message: uuidError },
  { rpc: 'claim_sample', label: 'NUL in the address', who: 'member', args: (c) => ({ p_product_id: c.product.id, p_ship_to: { ...shipTo, line2: nul } }), code: '22P05', message: nulError },

  { rpc: 'approve_sample', label: 'SQL as claim id', who: 'staff', args: () => ({ p_claim_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'ship_sample', label: 'SQL as tracking number', who: 'staff', args: (c) => ({ p_claim_id: c.approvedClaim, p_tracking_number: sqlText }), code: '22023', message: /^tracking_number must be letters and digits/ },
  { rpc: 'ship_sample', label: '100 kB tracking number', who: 'staff', args: (c) => ({ p_claim_id: c.approvedClaim, p_tracking_number: huge }), code: '22023', message: /^tracking_number must be at most 100 characters$/ },
  { rpc: 'ship_sample', label: 'an escape in the carrier', who: 'staff', args: (c) => ({ p_claim_id: c.approvedClaim, p_tracking_number: '1Z999', p_carrier: escape }), code: '22023', message: /^carrier must be a single line/ },
  { rpc: 'ship_sample', label: 'NUL in the tracking number', who: 'staff', args: (c) => ({ p_claim_id: c.approvedClaim, p_tracking_number: nul }), code: '22P05', message: nulError },
  { rpc: 'reject_sample', label: '100 kB reason', who: 'staff', args: (c) => ({ p_claim_id: c.requestedClaim, p_reason: huge }), code: '22023', message: /^reason must be at most 500 characters$/ },
  { rpc: 'reject_sample', label: 'a backspace in the reason', who: 'staff', args: (c) => ({ p_claim_id: c.requestedClaim, p_reason: 'out\bof stock' }), code: '22023', message: /^reason must not contain control characters$/ },
  { rpc: 'cancel_sample', label: 'markup as claim id', who: 'member', args: () => ({ p_claim_id: script }), code: '22P02', message: uuidError },

  { rpc: 'claim_coupon', label: 'SQL as coupon id', who: 'member', args: () => ({ p_coupon_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'record_coupon_use', label: 'two lines as order ref', who: 'staff', args: (c) => ({ p_member_coupon_id: c.heldCoupon, p_order_ref: twoLines }), code: '22023', message: /^order_ref must be a single line/ },
  { rpc: 'record_coupon_use', label: '100 kB order ref', who: 'staff', args: (c) => ({ p_member_coupon_id: c.heldCoupon, p_order_ref: huge }), code: '22023', message: /^order_ref must be at most 100 characters$/ },
  { rpc: 'take_back_coupon', label: 'SQL as copy id', who: 'staff', args: () => ({ p_member_coupon_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'take_back_coupon', label: 'the member taking back its own', who: 'member', args: (c) => ({ p_member_coupon_id: c.heldCoupon }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'take_back_coupon', label: 'a copy the member claimed', who: 'staff', args: (c) => ({ p_member_coupon_id: c.heldCoupon }), code: 'P0001', message: /^member_coupon was claimed by the company itself: only a coupon staff gave can be taken back$/ },
  { rpc: 'give_coupon', label: 'SQL as coupon id', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_coupon_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'give_coupon', label: 'the member giving itself', who: 'member', args: (c) => ({ p_member_id: c.member.id, p_coupon_id: c.coupon }), code: '42501', message: /^member_id is not a member of a store you staff$/ },
  { rpc: 'mark_reward_sent', label: 'two lines as note', who: 'staff', args: (c) => ({ p_points_entry_id: c.delivery, p_note: twoLines }), code: '22023', message: /^note must be a single line/ },
  { rpc: 'mark_reward_sent', label: '100 kB note', who: 'staff', args: (c) => ({ p_points_entry_id: c.delivery, p_note: huge }), code: '22023', message: /^note must be at most 200 characters$/ },
  { rpc: 'mark_reward_sent', label: 'text as entry id', who: 'staff', args: () => ({ p_points_entry_id: script }), code: '22P02', message: /^invalid input syntax for type bigint/ },
  { rpc: 'mark_reward_sent', label: 'beyond bigint range', who: 'staff', args: () => ({ p_points_entry_id: '99999999999999999999' }), code: '22003', message: /out of range/ },
  { rpc: 'mark_reward_sent', label: 'an entry of nothing', who: 'staff', args: () => ({ p_points_entry_id: 0 }), code: 'PT404', message: /^points_entry_id matches no reward to send$/ },
  { rpc: 'mark_reward_sent', label: 'the member marking its own', who: 'member', args: (c) => ({ p_points_entry_id: c.delivery }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'redeem_reward', label: 'an invalid request id', who: 'member', args: (c) => ({ p_reward_id: c.reward, p_ship_to: shipTo, p_request_id: '$$' }), code: '22P02', message: uuidError },
  { rpc: 'redeem_reward', label: 'an invalid reward id', who: 'member', args: () => ({ p_reward_id: '$$' }), code: '22P02', message: uuidError },
  { rpc: 'redeem_reward', label: 'no address for a reward the store sends', who: 'member', args: (c) => ({ p_reward_id: c.reward }), code: '22023', message: /^ship_to is required: the store sends this reward$/ },
  { rpc: 'redeem_reward', label: 'text as address', who: 'member', args: (c) => ({ p_reward_id: c.reward, p_ship_to: script }), code: '22023', message: /^ship_to must be an address object$/ },
  { rpc: 'redeem_reward', label: 'an unknown address field', who: 'member', args: (c) => ({ p_reward_id: c.reward, p_ship_to: { ...shipTo, [script]: 'x' } }), code: '22023', message: /^ship_to\..* is not an address field$/ },
  { rpc: 'redeem_reward', label: 'two lines as address line', who: 'member', args: (c) => ({ p_reward_id: c.reward, p_ship_to: { ...shipTo, line1: twoLines } }), code: '22023', message: /^ship_to\.line1 must be a single line/ },
  { rpc: 'redeem_reward', label: '100 kB city', who: 'member', args: (c) => ({ p_reward_id: c.reward, p_ship_to: { ...shipTo, city: huge } }), code: '22023', message: /^ship_to\.city must be at most 200 characters$/ },
  { rpc: 'redeem_reward', label: 'NUL in the address', who: 'member', args: (c) => ({ p_reward_id: c.reward, p_ship_to: { ...shipTo, line2: nul } }), code: '22P05', message: nulError },
  { rpc: 'mark_reward_sent', label: 'markup as tracking number', who: 'staff', args: (c) => ({ p_points_entry_id: c.delivery, p_tracking_number: script }), code: '22023', message: /^tracking_number must be letters and digits, with spaces \. _ \/ - between them$/ },
  { rpc: 'mark_reward_sent', label: '100 kB tracking number', who: 'staff', args: (c) => ({ p_points_entry_id: c.delivery, p_tracking_number: huge }), code: '22023', message: /^tracking_number must be at most 100 characters$/ },
  { rpc: 'mark_reward_sent', label: 'two lines as carrier', who: 'staff', args: (c) => ({ p_points_entry_id: c.delivery, p_carrier: twoLines }), code: '22023', message: /^carrier must be a single line/ },
  { rpc: 'mark_reward_sent', label: '100 kB carrier', who: 'staff', args: (c) => ({ p_points_entry_id: c.delivery, p_carrier: huge }), code: '22023', message: /^carrier must be at most 100 characters$/ },

  { rpc: 'adjust_points', label: 'the largest integer', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_delta: 2147483647, p_note: 'x' }), code: '22023', message: /^delta must be a non-zero whole number of points, at most 100000000 either way$/ },
  { rpc: 'adjust_points', label: 'beyond integer range', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_delta: 2147483648, p_note: 'x' }), code: '22003', message: intRange },
  { rpc: 'adjust_points', label: 'a fraction', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_delta: 1.5, p_note: 'x' }), code: '22P02', message: intError },
  { rpc: 'adjust_points', label: '100 kB note', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_delta: 5, p_note: huge }), code: '22023', message: /^note must be at most 500 characters$/ },
  { rpc: 'adjust_points', label: 'SQL as request id', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_delta: 5, p_note: 'x', p_request_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'adjust_points', label: 'an escape in the note', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_delta: 5, p_note: escape }), code: '22023', message: /^note must not contain control characters$/ },

  ...(['NaN', 'Infinity', '-Infinity', 1e20, -5, 1.234] as const).map((amount): Refusal => ({
    rpc: 'apply_rebate', label: `${amount} as amount`, who: 'staff', code: '22023', message: /^amount must be a positive amount with at most two decimals/,
    args: (c) => ({ p_member_id: c.member.id, p_amount: amount, p_order_ref: 'LUM-1' }),
  })),
  { rpc: 'apply_rebate', label: 'text as amount', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_amount: 'ten', p_order_ref: 'LUM-1' }), code: '22P02', message: /^invalid input syntax for type numeric: "ten"$/ },
  { rpc: 'apply_rebate', label: '100 kB order ref', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_amount: 1, p_order_ref: huge }), code: '22023', message: /^order_ref must be at most 100 characters$/ },

  { rpc: 'expire_points', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText }), code: '22P02', message: uuidError },

  { rpc: 'review_order', label: 'rating 0', who: 'member', args: (c) => ({ p_order_id: c.orderId, p_rating: 0, p_body: 'Fine' }), code: '22023', message: /^rating must be a whole number from 1 to 5$/ },
  { rpc: 'review_order', label: 'rating 1e10', who: 'member', args: (c) => ({ p_order_id: c.orderId, p_rating: 1e10, p_body: 'Fine' }), code: '22003', message: intRange },
  { rpc: 'review_order', label: 'rating as a word', who: 'member', args: (c) => ({ p_order_id: c.orderId, p_rating: 'five', p_body: 'Fine' }), code: '22P02', message: intError },
  { rpc: 'review_order', label: '100 kB body', who: 'member', args: (c) => ({ p_order_id: c.orderId, p_rating: 5, p_body: huge }), code: '22023', message: /^body must be at most 4000 characters$/ },
  { rpc: 'review_order', label: 'a bell in the body', who: 'member', args: (c) => ({ p_order_id: c.orderId, p_rating: 5, p_body: bell }), code: '22023', message: /^body must not contain control characters$/ },
  { rpc: 'review_order', label: 'NUL in the body', who: 'member', args: (c) => ({ p_order_id: c.orderId, p_rating: 5, p_body: nul }), code: '22P05', message: nulError },

  { rpc: 'send_inquiry', label: '100 kB message', who: 'member', args: (c) => ({ p_store_slug: slug(c), p_message: huge }), code: '22023', message: /^message must be at most 4000 characters$/ },
  { rpc: 'send_inquiry', label: 'an escape in the message', who: 'member', args: (c) => ({ p_store_slug: slug(c), p_message: escape }), code: '22023', message: /^message must not contain control characters$/ },
  ...(['NaN', 'Infinity', 1e15, -1, 0.001] as const).map((price): Refusal => ({
    rpc: 'send_inquiry', label: `${price} as target price`, who: 'member', code: '22023', message: /^target_price must be a positive amount with at most two decimals/,
    args: (c) => ({ p_store_slug: slug(c), p_message: 'Quote?', p_target_price: price }),
  })),
  { rpc: 'send_inquiry', label: 'quantity 0', who: 'member', args: (c) => ({ p_store_slug: slug(c), p_message: 'Quote?', p_quantity: 0 }), code: '22023', message: /^quantity must be a whole number from 1 to 10000000$/ },
  { rpc: 'send_inquiry', label: 'quantity 1e12', who: 'member', args: (c) => ({ p_store_slug: slug(c), p_message: 'Quote?', p_quantity: 1e12 }), code: '22003', message: intRange },
  { rpc: 'send_inquiry', label: 'SQL as currency', who: 'member', args: (c) => ({ p_store_slug: slug(c), p_message: 'Quote?', p_target_price: 10, p_currency: sqlText }), code: '22023', message: /^currency must be a three-letter ISO 4217 code/ },
  { rpc: 'send_inquiry', label: 'three letters that are no currency', who: 'member', args: (c) => ({ p_store_slug: slug(c), p_message: 'Quote?', p_target_price: 10, p_currency: 'XYZ' }), code: '22023', message: /^currency XYZ is not an ISO 4217 currency in use$/ },
  { rpc: 'send_inquiry', label: 'a currency without a target price', who: 'member', args: (c) => ({ p_store_slug: slug(c), p_message: 'Quote?', p_currency: 'EUR' }), code: '22023', message: /^currency is the target price's currency: give a target_price, or leave currency out$/ },
  { rpc: 'send_inquiry', label: 'an invalid product id', who: 'member', args: (c) => ({ p_store_slug: slug(c), p_message: 'Quote?', p_product_id: 'x' }), code: '22P02', message: uuidError },

  { rpc: 'answer_inquiry', label: '100 kB answer', who: 'staff', args: (c) => ({ p_inquiry_id: c.inquiry, p_answer: huge }), code: '22023', message: /^answer must be at most 4000 characters$/ },
  { rpc: 'answer_inquiry', label: 'an escape in the answer', who: 'staff', args: (c) => ({ p_inquiry_id: c.inquiry, p_answer: escape }), code: '22023', message: /^answer must not contain control characters$/ },
  {
    rpc: 'answer_inquiry', label: 'an answer read that the inquiry never had', who: 'staff', args: (c) => ({ p_inquiry_id: c.inquiry, p_answer: 'Yes', p_answer_read: sqlText }),
    code: 'P0001', message: /^answer_read is not the answer now: someone answered since it was read$/,
  },
  { rpc: 'close_inquiry', label: 'SQL as inquiry id', who: 'staff', args: () => ({ p_inquiry_id: sqlText }), code: '22P02', message: uuidError },

  { rpc: 'staff_members', label: 'SQL as stage', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_stage: sqlText }), code: '22023', message: /^stage must be one of/ },
  { rpc: 'staff_members', label: 'markup as country', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_country: script }), code: '22023', message: /^country must be a two-letter ISO 3166 code/ },
  { rpc: 'staff_members', label: 'a negative limit', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_limit: -1 }), code: '22023', message: /^limit must be 1 to 500/ },
  { rpc: 'staff_members', label: 'a negative offset', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_offset: -1 }), code: '22023', message: /^limit must be 1 to 500, with a non-negative offset$/ },
  { rpc: 'tier_what_if', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText, p_tiers: [] }), code: '22P02', message: uuidError },
  { rpc: 'tier_what_if', label: 'a 100 kB string as tiers', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_tiers: huge }), code: '22023', message: /^tiers must be a non-empty array of tiers$/ },
  { rpc: 'tier_what_if', label: 'markup as a tier id', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_tiers: [{ id: script, rank: 0, min_paid_orders: 0, min_paid_amount: 0 }] }), code: '22023', message: /^tiers\[0\]\.id must be a tier id/ },
  { rpc: 'period_what_if', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText, p_days: 30 }), code: '22P02', message: uuidError },
  { rpc: 'period_what_if', label: 'no days', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_days: 0 }), code: '22023', message: /^statistical_period_days must be a whole number of days from 1 to 3650$/ },
  { rpc: 'period_what_if', label: 'a huge period', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_days: 1e12 }), code: '22003', message: intRange },
  { rpc: 'period_what_if', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_days: 30 }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'staff_directory', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'staff_directory', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'store_order_changes', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'store_order_changes', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'store_order_changes', label: 'text as date', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_from: sqlText }), code: '22007', message: timestampError },
  { rpc: 'store_order_changes', label: 'infinity as the end', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_to: 'infinity' }), code: '22023', message: /^p_to must be a finite timestamp or null$/ },
  { rpc: 'store_order_changes', label: 'markup as kind', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_kind: script }), code: '22023', message: /^p_kind must be one of corrected, refunded_in_part, refunded_in_full, cancelled, reinstated$/ },
  { rpc: 'store_order_changes', label: 'a huge limit', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_limit: 1e12 }), code: '22003', message: intRange },
  { rpc: 'store_order_changes', label: 'a negative offset', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_offset: -1 }), code: '22023', message: /^p_offset must be 0 or more$/ },
  { rpc: 'tier_what_if', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_tiers: [] }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'staff_members', label: 'a huge limit', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_limit: 1e12 }), code: '22003', message: intRange },
  { rpc: 'staff_members', label: 'text as date', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_last_order_from: sqlText }), code: '22007', message: timestampError },
  { rpc: 'staff_members', label: 'SQL as former', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_former: sqlText }), code: '22P02', message: /^invalid input syntax for type boolean/ },
  { rpc: 'staff_member_search', label: '100 kB search', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_search: huge }), code: '22023', message: /^search must be at most 100 characters$/ },
  { rpc: 'staff_member_search', label: 'an escape in the search', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_search: escape }), code: '22023', message: /^search must be a single line/ },
  { rpc: 'staff_member_search', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_search: 'a' }), code: '42501', message: /^Only this store's staff may do this$/ },
  // unknown_order_buyers: the import's buyer check; it reads and changes nothing, refused or not.
  { rpc: 'unknown_order_buyers', label: 'SQL as a member id', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_member_ids: [sqlText] }), code: '22P02', message: uuidError },
  { rpc: 'unknown_order_buyers', label: 'NUL in an e-mail', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_emails: [nul] }), code: '22P05', message: nulError },
  { rpc: 'unknown_order_buyers', label: '10,001 e-mails', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_emails: Array.from({ length: 10_001 }, (_, i) => `b${i}@x.test`) }), code: '22023', message: /^emails has 10001 values; at most 10000 per call$/ },
  { rpc: 'unknown_order_buyers', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_emails: ['a@x.test'] }), code: '42501', message: /^Only this store's staff may do this$/ },
  // order_ref_refusals: the import's reference check; it reads and changes nothing, refused or not.
  { rpc: 'order_ref_refusals', label: 'SQL as a member id', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_refs: ['A-1'], p_member_ids: [sqlText], p_emails: [''], p_placed_ats: ['2026-01-10'] }), code: '22P02', message: uuidError },
  { rpc: 'order_ref_refusals', label: 'NUL in a reference', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_refs: [nul], p_member_ids: [c.store.id], p_emails: [''], p_placed_ats: ['2026-01-10'] }), code: '22P05', message: nulError },
  { rpc: 'order_ref_refusals', label: 'NUL in a placed_at', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_refs: ['A-1'], p_member_ids: [c.member.id], p_emails: [''], p_placed_ats: [nul] }), code: '22P05', message: nulError },
  { rpc: 'order_ref_refusals', label: '10,001 references', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_refs: Array.from({ length: 10_001 }, (_, i) => `R-${i}`), p_member_ids: [], p_emails: [], p_placed_ats: [] }), code: '22023', message: /^refs has 10001 values; at most 10000 per call$/ },
  { rpc: 'order_ref_refusals', label: 'member ids of another length', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_refs: ['A-1', 'A-2'], p_member_ids: [c.store.id], p_emails: ['', ''], p_placed_ats: ['2026-01-10', '2026-01-10'] }), code: '22023', message: /^member_ids must have as many values as refs$/ },
  { rpc: 'order_ref_refusals', label: 'placed_ats of another length', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_refs: ['A-1', 'A-2'], p_member_ids: [c.member.id, c.member.id], p_emails: ['', ''], p_placed_ats: [sqlText] }), code: '22023', message: /^placed_ats must have as many values as refs$/ },
  { rpc: 'order_ref_refusals', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_refs: [], p_member_ids: [], p_emails: [], p_placed_ats: [] }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'sample_quota_use', label: 'SQL as a member id', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_member_ids: [sqlText] }), code: '22P02', message: uuidError },
  // staff_member_standing: the console's member page; it refreshes the cached tier, undone with any refusal.
  { rpc: 'staff_member_standing', label: 'SQL as member id', who: 'staff', args: () => ({ p_member_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'staff_member_standing', label: 'limit 0', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_limit: 0 }), code: '22023', message: /^p_limit must be at least 1$/ },
  { rpc: 'staff_member_standing', label: 'a huge limit', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_limit: 1e12 }), code: '22003', message: intRange },
  { rpc: 'staff_member_standing', label: 'the member asking', who: 'member', args: (c) => ({ p_member_id: c.member.id }), code: '42501', message: /^member_id is not a member of a store you staff$/ },
  { rpc: 'staff_member_standing', label: 'a stranger asking', who: 'stranger', args: (c) => ({ p_member_id: c.member.id }), code: 'PT404', message: /^member_id matches no member$/ },
  { rpc: 'staff_member_standing', label: 'anon asking', who: 'anon', args: (c) => ({ p_member_id: c.member.id }), code: '42501', message: /./ },
  { rpc: 'coupon_usage', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'reward_usage', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText }), code: '22P02', message: uuidError },
  // texts_lacking_locale: Settings' list before a change of default language; it reads and changes nothing.
  { rpc: 'texts_lacking_locale', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText, p_locale: 'es' }), code: '22P02', message: uuidError },
  { rpc: 'texts_lacking_locale', label: 'SQL as locale', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_locale: sqlText }), code: '22023', message: /^locale must be one of en, zh-CN, es$/ },
  { rpc: 'texts_lacking_locale', label: 'a 100 kB locale', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_locale: huge }), code: '22023', message: /^locale must be one of en, zh-CN, es$/ },
  { rpc: 'texts_lacking_locale', label: 'NUL in the locale', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_locale: nul }), code: '22P05', message: nulError },
  { rpc: 'texts_lacking_locale', label: 'no locale', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_locale: null }), code: '22023', message: /^locale is required: one of en, zh-CN, es$/ },
  { rpc: 'texts_lacking_locale', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_locale: 'es' }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'texts_lacking_locale', label: 'anon asking', who: 'anon', args: (c) => ({ p_store_id: c.store.id, p_locale: 'es' }), code: '42501', message: /./ },

  // set_joining_paused: every case a refusal, so the store this file works on keeps taking members.
  { rpc: 'set_joining_paused', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText, p_paused: true }), code: '22P02', message: uuidError },
  { rpc: 'set_joining_paused', label: 'text as paused', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_paused: 'yes please' }), code: '22P02', message: /^invalid input syntax for type boolean/ },
  { rpc: 'set_joining_paused', label: 'no paused', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_paused: null }), code: '22023', message: /^paused must be true or false$/ },
  { rpc: 'set_joining_paused', label: 'a member pausing', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_paused: true }), code: '42501', message: /^Only this store's owners may do this$/ },
  { rpc: 'set_joining_paused', label: 'anon pausing', who: 'anon', args: (c) => ({ p_store_id: c.store.id, p_paused: true }), code: '42501', message: /./ },

  // save_store_settings: every case a refusal (the settings as read are of no moment: each is refused before they are compared).
  ...([
    ['SQL as store id', 'staff', () => ({ p_store_id: sqlText }), '22P02', uuidError],
    ['SQL as a setting', 'staff', () => ({ p_settings: { [sqlText]: 1 } }), '22023', /^settings has no field '; drop table public\.members; --$/],
    ['settings as a string', 'staff', () => ({ p_settings: huge }), '22023', /^settings must be an object of the store's settings$/],
    ['a 100 kB name', 'staff', () => ({ p_settings: { name: huge } }), '22023', /^name must be a JSON object$/],
    ['NUL in a name', 'staff', () => ({ p_settings: { name: { en: nul } } }), '22P05', nulError],
    ['a huge period', 'staff', () => ({ p_settings: { statistical_period_days: 1e12 } }), '22023', /^statistical_period_days must be a whole number of days from 1 to 3650$/],
    ['text as the settings read', 'staff', () => ({ p_settings_read: 'when I read it' }), '22007', /^invalid input syntax for type timestamp with time zone/],
    ['a member saving', 'member', () => ({}), '42501', /^Only this store's owners may do this$/],
    ['anon saving', 'anon', () => ({}), '42501', /./],
  ] as const).map(([label, who, args, code, message]): Refusal => ({
    rpc: 'save_store_settings', label, who, code, message,
    args: (c) => ({ p_store_id: c.store.id, p_settings: { join_points: 5 }, p_settings_read: new Date().toISOString(), ...args() }),
  })),

  // Segments: the same filter checks in segment_size, segment_members and segment_export.
  ...([
    ['filters as a string', huge, /^filters must be an object of filters/],
    ['filters as an array', [{ countries: ['DE'] }], /^filters must be an object of filters/],
    ['an unknown filter', { [sqlText]: 1 }, /^filters\.'; drop table public\.members; -- is not a filter \(/],
    ['a 100 kB filter name', { [huge]: 1 }, /^filters\.x{40} is not a filter \(/],
    ['a random tier id', { tiers: [randomUUID()] }, /^filters\.tiers must name tiers of this store$/],
    ['SQL as a tier id', { tiers: [sqlText] }, /^filters\.tiers must name tiers of this store$/],
    ['markup as a stage', { stages: [script] }, /^filters\.stages must be among cognitive, interested, purchasing, loyal$/],
    ['1000 countries', { countries: Array.from({ length: 1000 }, () => 'DE') }, /^filters\.countries must be a list of 1 to 250 texts$/],
    ['a lower-case country', { countries: ['de'] }, /^filters\.countries must be two-letter ISO 3166 codes/],
    ['a 100 kB industry', { industries: [huge] }, /^filters\.industries must be single-line texts of 1 to 120 characters$/],
    ['an escape in an industry', { industries: [escape] }, /^filters\.industries must be single-line texts/],
    ['a DateStyle-dependent date', { joined_from: '03/04/2026' }, /^filters\.joined_from must be an ISO 8601 date/],
    ['an impossible date', { last_order_to: '2026-02-31' }, /^filters\.last_order_to must be an ISO 8601 date/],
    ['a range ending before it starts', { joined_from: '2026-03-01', joined_to: '2026-02-01' }, /^filters\.joined_to must be after joined_from$/],
    ['text as churn risk', { churn_risk: 'yes' }, /^filters\.churn_risk must be true or false$/],
    ['false as sampled_never_ordered', { sampled_never_ordered: false }, /^filters\.sampled_never_ordered must be true or left out$/],
    ['1e300 points', { points_at_least: 1e300 }, /^filters\.points_at_least must be a whole number of points from 1$/],
    ['a fraction of a day', { coupon_expires_within_days: 1.5 }, /^filters\.coupon_expires_within_days must be a whole number of days from 1 to 3650$/],
  ] as const).flatMap(([label, filters, message]) => (['segment_size', 'segment_members', 'segment_export'] as const).map((rpc): Refusal => ({
    rpc, label, who: 'staff', code: '22023', message, args: (c) => ({ p_store_id: c.store.id, p_filters: filters }),
  }))),
  { rpc: 'segment_size', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'segment_members', label: 'a negative offset', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_offset: -1 }), code: '22023', message: /^limit must be 1 to 500, with a non-negative offset$/ },
  { rpc: 'segment_members', label: 'a huge limit', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_limit: 1e12 }), code: '22003', message: intRange },
  { rpc: 'segment_export', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'segment_export', label: 'a stranger asking', who: 'stranger', args: (c) => ({ p_store_id: c.store.id }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'segment_industries', label: 'SQL as store id', who: 'staff', args: () => ({ p_store_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'segment_industries', label: 'no store id', who: 'staff', args: () => ({ p_store_id: null }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'segment_industries', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'segment_industries', label: 'a stranger asking', who: 'stranger', args: (c) => ({ p_store_id: c.store.id }), code: '42501', message: /^Only this store's staff may do this$/ },

  // record_campaign: staff with a saved segment; a refusal records no campaign and no recipient.
  ...([
    ['markup as channel', { p_channel: script }, '22023', /^channel must be one of email, sms, whatsapp$/],
    ['a blank subject', { p_subject: ' \t ' }, '22023', /^subject is required$/],
    ['a 100 kB subject', { p_subject: huge }, '22023', /^subject must be at most 200 characters$/],
    ['two lines as subject', { p_subject: twoLines }, '22023', /^subject must be a single line without control characters$/],
    ['NUL in the subject', { p_subject: nul }, '22P05', nulError],
    ['infinity as sent_at', { p_sent_at: 'infinity' }, '22023', /^sent_at must be a time from 2000 on, at most a day ahead$/],
    ['a sent_at next year', { p_sent_at: daysAgo(-365) }, '22023', /^sent_at must be a time from 2000 on, at most a day ahead$/],
    ['text as sent_at', { p_sent_at: 'yesterday-ish' }, '22007', timestampError],
    ['a negative sent count', { p_sent_count: -1 }, '22023', /^sent_count must be a whole number from 0 to 10000000$/],
    ['a sent count beyond integer range', { p_sent_count: 1e12 }, '22003', intRange],
    ['SQL as segment id', { p_segment_id: sqlText }, '22P02', uuidError],
  ] as const).map(([label, fields, code, message]): Refusal => ({
    rpc: 'record_campaign', label, who: 'staff', code, message,
    args: (c) => ({ p_store_id: c.store.id, p_segment_id: c.segment, p_channel: 'email', p_subject: 'Spring offer', ...fields }),
  })),
  { rpc: 'record_campaign', label: 'a member recording', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_segment_id: c.segment, p_channel: 'email', p_subject: 'Hi' }), code: '42501', message: /^Only this store's staff may do this$/ },

  { rpc: 'campaign_results', label: 'text as from', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_from: sqlText }), code: '22007', message: timestampError },
  { rpc: 'campaign_results', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'campaign_export', label: 'SQL as campaign id', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_campaign_id: sqlText }), code: '22P02', message: uuidError },
  { rpc: 'campaign_export', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_campaign_id: nilUuid }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'campaign_export', label: 'a stranger asking', who: 'stranger', args: (c) => ({ p_store_id: c.store.id, p_campaign_id: nilUuid }), code: '42501', message: /^Only this store's staff may do this$/ },

  // Analytics: staff, over a range.
  ...(['analytics_members_over_time', 'analytics_conversions', 'analytics_order_value', 'analytics_coupons'] as const).flatMap((rpc) => ([
    ['a null range', { p_from: null, p_to: null }, '22023', /^from and to are required$/],
    ['infinity as to', { p_from: daysAgo(30), p_to: 'infinity' }, '22023', /^from and to are required$/],
    ['a range ending before it starts', { p_from: daysAgo(0), p_to: daysAgo(30) }, '22023', /^to must be after from$/],
    ['eleven years', { p_from: '2010-01-01T00:00:00Z', p_to: '2021-01-02T00:00:00Z' }, '22023', /^to must be at most ten years after from$/],
    ['SQL as from', { p_from: sqlText, p_to: daysAgo(0) }, '22007', timestampError],
  ] as const).map(([label, range, code, message]): Refusal => ({
    rpc, label, who: 'staff', code, message, args: (c) => ({ p_store_id: c.store.id, ...range }),
  }))),
  { rpc: 'analytics_members_over_time', label: 'markup as period', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_from: daysAgo(30), p_to: daysAgo(0), p_period: script }), code: '22023', message: /^period must be one of day, week, month$/ },
  { rpc: 'analytics_members_over_time', label: 'days over ten years', who: 'staff', args: (c) => ({ p_store_id: c.store.id, p_from: '2017-01-01T00:00:00Z', p_to: '2026-01-01T00:00:00Z', p_period: 'day' }), code: '22023', message: /^period gives more than 400 days in this range/ },
  { rpc: 'analytics_liabilities', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'analytics_coupons', label: 'a member asking', who: 'member', args: (c) => ({ p_store_id: c.store.id, p_from: daysAgo(30), p_to: daysAgo(0) }), code: '42501', message: /^Only this store's staff may do this$/ },

  // Posts: anyone reads the feed.
  { rpc: 'post_feed', label: 'SQL as slug', who: 'anon', args: () => ({ p_store_slug: sqlText }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'post_feed', label: '100 kB slug', who: 'member', args: () => ({ p_store_slug: huge }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'post_feed', label: 'a limit of 0', who: 'anon', args: (c) => ({ p_store_slug: c.store.slug, p_limit: 0 }), code: '22023', message: /^limit must be 1 to 100, with a non-negative offset$/ },
  { rpc: 'post_feed', label: 'a negative offset', who: 'member', args: (c) => ({ p_store_slug: c.store.slug, p_offset: -1 }), code: '22023', message: /^limit must be 1 to 100, with a non-negative offset$/ },
  { rpc: 'post_feed', label: 'markup as post id', who: 'anon', args: (c) => ({ p_store_slug: c.store.slug, p_post_id: script }), code: '22P02', message: uuidError },
  { rpc: 'my_new_posts_count', label: 'SQL as slug', who: 'anon', args: () => ({ p_store_slug: sqlText, p_since: null }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'my_new_posts_count', label: 'text as since', who: 'member', args: (c) => ({ p_store_slug: c.store.slug, p_since: script }), code: '22007', message: timestampError },

  { rpc: 'membership_standing', label: 'SQL as slug', who: 'member', args: () => ({ p_store_slug: sqlText }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'membership_standing', label: 'NUL in the slug', who: 'member', args: () => ({ p_store_slug: nul }), code: '22P05', message: nulError },
  { rpc: 'membership_standing', label: 'a stranger asking', who: 'stranger', args: (c) => ({ p_store_slug: c.store.slug }), code: '42501', message: /^You are not a member of this store$/ },
  { rpc: 'membership_standing', label: 'the store\'s staff asking', who: 'staff', args: (c) => ({ p_store_slug: c.store.slug }), code: '42501', message: /^You are not a member of this store$/ },
  { rpc: 'membership_standing', label: 'anon asking', who: 'anon', args: (c) => ({ p_store_slug: c.store.slug }), code: '42501', message: /./ },
  // my_updates, mark_updates_seen: the member's own feed; reading changes nothing, refused or not.
  { rpc: 'my_updates', label: 'SQL as slug', who: 'member', args: () => ({ p_store_slug: sqlText }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'my_updates', label: 'NUL in the slug', who: 'member', args: () => ({ p_store_slug: nul }), code: '22P05', message: nulError },
  { rpc: 'my_updates', label: 'a limit of 0', who: 'member', args: (c) => ({ p_store_slug: c.store.slug, p_limit: 0 }), code: '22023', message: /^limit must be between 1 and 100$/ },
  { rpc: 'my_updates', label: 'text as before', who: 'member', args: (c) => ({ p_store_slug: c.store.slug, p_before: script }), code: '22007', message: timestampError },
  { rpc: 'my_updates', label: 'markup as locale', who: 'member', args: (c) => ({ p_store_slug: c.store.slug, p_locale: script }), code: '22023', message: /^locale must be one of/ },
  { rpc: 'my_updates', label: 'the store\'s staff asking', who: 'staff', args: (c) => ({ p_store_slug: c.store.slug }), code: '42501', message: /^You are not a member of this store$/ },
  { rpc: 'my_updates', label: 'anon asking', who: 'anon', args: (c) => ({ p_store_slug: c.store.slug }), code: '42501', message: /./ },
  { rpc: 'mark_updates_seen', label: '100 kB slug', who: 'member', args: () => ({ p_store_slug: huge }), code: 'PT404', message: /^store not found$/ },
  { rpc: 'mark_updates_seen', label: 'text as through', who: 'member', args: (c) => ({ p_store_slug: c.store.slug, p_through: script }), code: '22007', message: timestampError },
  { rpc: 'mark_updates_seen', label: 'a stranger marking', who: 'stranger', args: (c) => ({ p_store_slug: c.store.slug }), code: '42501', message: /^You are not a member of this store$/ },
  { rpc: 'credit_rebate', label: 'NaN as amount', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_amount: 'NaN', p_note: 'x' }), code: '22023', message: /^amount must be a positive amount with at most two decimals/ },
  { rpc: 'credit_rebate', label: '100 kB note', who: 'staff', args: (c) => ({ p_member_id: c.member.id, p_amount: 1, p_note: huge }), code: '22023', message: /^note must be at most 500 characters$/ },

  // save_product: staff of the store, the product with its tiers' prices (c.product: list price 100).
  ...([
    ['a member saving', 'member', {}, '42501', /^Only this store's staff may do this$/],
    ['an id of nothing', 'staff', { p_product_id: randomUUID() }, 'PT404', /^product_id matches no product of this store$/],
    ['text as the product', 'staff', { p_product: sqlText }, '22023', /^product must be an object of the product's fields$/],
    ['an unknown field', 'staff', { p_product: { ...productFields, [script]: 1 } }, '22023', /^product has no field <script>/],
    ['a field left out', 'staff', { p_product: { ...productFields, sku: undefined } }, '22023', /^sku is required$/],
    ['text as price', 'staff', { p_product: { ...productFields, price: sqlText } }, '22023', /^price must be an amount with at most 2 decimals$/],
    ['a price of three decimals', 'staff', { p_product: { ...productFields, price: 1.005 } }, '22023', /^price must be an amount with at most 2 decimals$/],
    ['a MOQ beyond integer range', 'staff', { p_product: { ...productFields, moq: 1e12 } }, '22023', /^moq must be a whole number$/],
    ['a string as name', 'staff', { p_product: { ...productFields, name: script } }, '22023', /^name must be a JSON object$/],
    ['a long currency', 'staff', { p_product: { ...productFields, currency: 'EURO' } }, '22023', /^currency must be a currency code such as USD$/],
    ['two lines as SKU', 'staff', { p_product: { ...productFields, sku: twoLines } }, '23514', /"products_sku_single_line"/],
    ['a list as tier prices', 'staff', { p_tier_prices: [1, 2] }, '22023', /^tier_prices must be an object of tier ids and prices$/],
    ['SQL as a tier id', 'staff', { p_tier_prices: { [sqlText]: 1 } }, '22023', /^tier_prices must be keyed by tier ids$/],
    ['21 tier prices', 'staff', { p_tier_prices: Object.fromEntries(Array.from({ length: 21 }, () => [randomUUID(), 1])) }, '22023', /^tier_prices must hold at most 20 prices$/],
    ['a tier of nothing', 'staff', { p_tier_prices: { '00000000-0000-0000-0000-000000000000': 1 } }, '22023', /must be a tier of the product's store$/],
    ['NaN as a tier price', 'staff', { p_tier_prices: { tier: 'NaN' } }, '22023', /must be a positive amount with at most 2 decimals$/],
    ['a tier price above the list price', 'staff', { p_tier_prices: { tier: 100.01 } }, '22023', /must not be above the product's list price of 100\.00 USD/],
    ['a huge tier price', 'staff', { p_tier_prices: { tier: 1e300 } }, '22023', /must not be above the product's list price/],
    ['the prices read left out', 'staff', { p_tier_prices_read: undefined }, '22023', /^tier_prices_read is required: the tier prices this save replaces, as read$/],
    ['a list as the prices read', 'staff', { p_tier_prices_read: [1] }, '22023', /^tier_prices_read must be an object of tier ids and prices$/],
    ['SQL as a tier id read', 'staff', { p_tier_prices_read: { [sqlText]: 1 } }, '22023', /^tier_prices_read must be keyed by tier ids$/],
    ['text as a price read', 'staff', { p_tier_prices_read: { [randomUUID()]: '8.20' } }, '22023', /^tier_prices_read must give each tier's price as a number$/],
    ['prices read of a new product', 'staff', { p_new: true, p_product_id: randomUUID(), p_tier_prices_read: { [randomUUID()]: 1 } }, '22023', /^tier_prices_read must be empty for a new product: it has no prices yet$/],
    ['the product read left out', 'staff', { p_product_read: undefined }, '22023', /^product_read is required: the product's fields this save replaces, as read$/],
    ['text as the product read', 'staff', { p_product_read: sqlText }, '22023', /^product_read must be an object of the product's fields as read$/],
    ['an unknown field read', 'staff', { p_product_read: { [script]: 1 } }, '22023', /^product_read has no field <script>/],
    ['a product read of its price alone', 'staff', { p_product_read: { price: sqlText } }, '22023', /^product_read\.active is required$/],
    ['a product read of a new product', 'staff', { p_new: true, p_product_id: randomUUID(), p_tier_prices_read: undefined, p_product_read: {} }, '22023', /^product_read must be left out for a new product: there was nothing to read$/],
  ] as const).map(([label, who, fields, code, message]): Refusal => ({
    rpc: 'save_product', label, who, code, message,
    args: (c) => {
      const vip = c.store.tiers.find((t) => t.rank === 2)!.id;
      const given = {
        p_store_id: c.store.id, p_product_id: c.product.id, p_product: { ...productFields, sku: c.product.sku }, p_tier_prices: {}, p_tier_prices_read: {},
        p_product_read: c.productRead, ...fields,
      };
      // `tier` stands for the store's VIP tier, known once the store is.
      const prices = given.p_tier_prices;
      const tierPrices = prices && typeof prices === 'object' && !Array.isArray(prices) && 'tier' in prices ? { [vip]: (prices as { tier: unknown }).tier } : prices;
      return { ...given, p_tier_prices: tierPrices };
    },
  })),
  ...(['NaN', 'Infinity', 1e20, -5, 0, 1.234] as const).map((amount): Refusal => ({
    rpc: 'correct_rebate_credit', label: `${amount} as amount`, who: 'staff', code: '22023', message: /^amount must be a positive amount with at most two decimals/,
    args: (c) => ({ p_credit_id: c.rebateCredit, p_amount: amount, p_note: 'Typed twice' }),
  })),
  { rpc: 'correct_rebate_credit', label: '100 kB note', who: 'staff', args: (c) => ({ p_credit_id: c.rebateCredit, p_amount: 1, p_note: huge }), code: '22023', message: /^note must be at most 500 characters$/ },
  { rpc: 'correct_rebate_credit', label: 'an escape in the note', who: 'staff', args: (c) => ({ p_credit_id: c.rebateCredit, p_amount: 1, p_note: escape }), code: '22023', message: /^note must not contain control characters$/ },
  { rpc: 'correct_rebate_credit', label: 'NUL in the note', who: 'staff', args: (c) => ({ p_credit_id: c.rebateCredit, p_amount: 1, p_note: nul }), code: '22P05', message: nulError },
  { rpc: 'correct_rebate_credit', label: 'text as credit id', who: 'staff', args: () => ({ p_credit_id: script, p_amount: 1, p_note: 'x' }), code: '22P02', message: /^invalid input syntax for type bigint/ },
  { rpc: 'correct_rebate_credit', label: 'beyond bigint range', who: 'staff', args: () => ({ p_credit_id: '99999999999999999999', p_amount: 1, p_note: 'x' }), code: '22003', message: /out of range/ },
  { rpc: 'correct_rebate_credit', label: 'a credit of nothing', who: 'staff', args: () => ({ p_credit_id: 0, p_amount: 1, p_note: 'x' }), code: 'PT404', message: /^credit_id matches no rebate credit$/ },
  { rpc: 'correct_rebate_credit', label: 'the member taking back its own', who: 'member', args: (c) => ({ p_credit_id: c.rebateCredit, p_amount: 1, p_note: 'x' }), code: '42501', message: /^Only this store's staff may do this$/ },
  { rpc: 'correct_rebate_credit', label: 'more than the credit', who: 'staff', args: (c) => ({ p_credit_id: c.rebateCredit, p_amount: 999999999999.99, p_note: 'x' }), code: 'P0001', message: /^amount exceeds the 5\.00 USD left of this credit$/ },
  { rpc: 'record_coupon_use', label: 'an order placed before the coupon was received', who: 'staff', args: (c) => ({ p_member_coupon_id: c.heldCoupon, p_order_ref: c.oldOrderRef }), code: 'P0001', message: /^order_ref .+ was placed on \d{4}-\d{2}-\d{2}, before the coupon was received on \d{4}-\d{2}-\d{2}$/ },
];

/**
 * Ids of nothing — the nil UUID and the largest one — where each RPC expects a row's id: PT404
 * with the field named, the same answer a caller gets for a row it cannot read (tenancy.test.ts).
 */
const nilUuid = '00000000-0000-0000-0000-000000000000';
const maxUuid = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
refusals.push(...([
  ['set_tier_override', 'staff', (id: string, c: Ctx) => ({ p_member_id: id, p_tier_id: c.store.tiers[2]!.id, p_expires_at: daysAgo(-5) }), /^member_id matches no member$/],
  ['adjust_points', 'staff', (id: string) => ({ p_member_id: id, p_delta: 5, p_note: 'x' }), /^member_id matches no member$/],
  ['staff_member_standing', 'staff', (id: string) => ({ p_member_id: id }), /^member_id matches no member$/],
  ['remove_member_contact', 'staff', (id: string, c: Ctx) => ({ p_member_id: id, p_contact_id: c.member.contactId, p_confirm: true }), /^member_id matches no member$/],
  ['remove_member_contact', 'staff', (id: string, c: Ctx) => ({ p_member_id: c.member.id, p_contact_id: id, p_confirm: true }), /^contact_id matches no contact of this company$/],
  ['erase_member', 'staff', (id: string) => ({ p_member_id: id, p_confirm: true }), /^member_id matches no member$/],
  ['make_primary_contact', 'staff', (id: string, c: Ctx) => ({ p_member_id: id, p_contact_id: c.member.contactId }), /^member_id matches no member$/],
  ['make_primary_contact', 'staff', (id: string, c: Ctx) => ({ p_member_id: c.member.id, p_contact_id: id }), /^contact_id matches no contact of this company$/],
  ['apply_rebate', 'staff', (id: string) => ({ p_member_id: id, p_amount: 1, p_order_ref: 'LUM-1' }), /^member_id matches no member$/],
  ['invite_colleague', 'member', (id: string) => ({ p_member_id: id, p_email: 'a@example.test' }), /^member_id matches no member$/],
  ['accept_invitation', 'invitee', (id: string) => ({ p_token: id, p_full_name: 'Col League' }), /^token matches no invitation$/],
  ['invitation_preview', 'anon', (id: string) => ({ p_token: id }), /^token matches no invitation$/],
  ['staff_invitation_preview', 'anon', (id: string) => ({ p_token: id }), /^token matches no invitation$/],
  ['claim_sample', 'member', (id: string) => ({ p_product_id: id, p_ship_to: shipTo }), /^product_id matches no product$/],
  ['approve_sample', 'staff', (id: string) => ({ p_claim_id: id }), /^claim_id matches no sample claim$/],
  ['ship_sample', 'staff', (id: string) => ({ p_claim_id: id, p_tracking_number: '1Z999' }), /^claim_id matches no sample claim$/],
  ['reject_sample', 'staff', (id: string) => ({ p_claim_id: id, p_reason: 'No' }), /^claim_id matches no sample claim$/],
  ['cancel_sample', 'member', (id: string) => ({ p_claim_id: id }), /^claim_id matches no sample claim$/],
  ['claim_coupon', 'member', (id: string) => ({ p_coupon_id: id }), /^coupon_id matches no coupon$/],
  ['record_coupon_use', 'staff', (id: string) => ({ p_member_coupon_id: id, p_order_ref: 'LUM-1' }), /^member_coupon_id matches no held coupon$/],
  ['take_back_coupon', 'staff', (id: string) => ({ p_member_coupon_id: id }), /^member_coupon_id matches no held coupon$/],
  ['give_coupon', 'staff', (id: string, c: Ctx) => ({ p_member_id: id, p_coupon_id: c.coupon }), /^member_id matches no member$/],
  ['give_coupon', 'staff', (id: string, c: Ctx) => ({ p_member_id: c.member.id, p_coupon_id: id }), /^coupon_id matches no coupon of this store$/],
  ['redeem_reward', 'member', (id: string) => ({ p_reward_id: id, p_ship_to: shipTo }), /^reward_id matches no active reward$/],
  ['review_order', 'member', (id: string) => ({ p_order_id: id, p_rating: 5, p_body: 'Fine' }), /^order_id matches no order of your company$/],
  ['answer_inquiry', 'staff', (id: string) => ({ p_inquiry_id: id, p_answer: 'Yes' }), /^inquiry_id matches no inquiry$/],
  ['close_inquiry', 'staff', (id: string) => ({ p_inquiry_id: id }), /^inquiry_id matches no inquiry$/],
  ['accept_staff_invitation', 'stranger', (id: string) => ({ p_token: id }), /^token matches no invitation$/],
  ['remove_staff', 'staff', (id: string, c: Ctx) => ({ p_store_id: c.store.id, p_user_id: id }), /^user_id is not staff of this store$/],
  ['set_staff_role', 'staff', (id: string, c: Ctx) => ({ p_store_id: c.store.id, p_user_id: id, p_role: 'owner' }), /^user_id is not staff of this store$/],
  ['send_inquiry', 'member', (id: string, c: Ctx) => ({ p_store_slug: c.store.slug, p_message: 'Quote?', p_product_id: id }), /^product_id matches no product$/],
  ['record_campaign', 'staff', (id: string, c: Ctx) => ({ p_store_id: c.store.id, p_segment_id: id, p_channel: 'email', p_subject: 'Hi' }), /^segment_id matches no segment$/],
  ['campaign_export', 'staff', (id: string, c: Ctx) => ({ p_store_id: c.store.id, p_campaign_id: id }), /^campaign_id matches no campaign$/],
  ['post_feed', 'member', (id: string, c: Ctx) => ({ p_store_slug: c.store.slug, p_post_id: id }), /^post_id matches no post$/],
  ['save_store_settings', 'staff', (id: string) => ({ p_store_id: id, p_settings: { join_points: 5 }, p_settings_read: new Date().toISOString() }), /^store_id matches no store$/],
] as const).flatMap(([rpc, who, args, message]) => [nilUuid, maxUuid].map((id): Refusal => ({
  rpc, label: `${id === nilUuid ? 'the nil' : 'the largest'} UUID as id`, who, code: 'PT404', message, args: (c) => args(id, c),
}))));

describe('every RPC in docs/api.md is covered', () => {
  it('by at least one refusal case', () => {
    const doc = fs.readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const documented = new Set<string>();
    for (const heading of doc.split('\n').filter((line) => line.startsWith('### `'))) {
      for (const [, name] of heading.matchAll(/`([a-z_]+)\(/g)) documented.add(name!);
    }
    expect(documented.size).toBeGreaterThanOrEqual(26);
    expect([...documented].filter((name) => !refusals.some((r) => r.rpc === name))).toEqual([]);
  });
});

/** A 22023 is private.reject's: details {field, reason, row?} that make up the message, for forms to point at the field. */
function expectFieldDetails(error: { code?: string; message: string; details?: string | null }) {
  if (error.code !== '22023') return;
  const details = JSON.parse(error.details ?? 'null') as { field?: string; reason: string; row?: number } | null;
  expect(details, `details of "${error.message}"`).toMatchObject({ reason: expect.any(String) });
  expect(error.message).toBe(`${details!.row ? `Row ${details!.row}: ` : ''}${details!.field ? `${details!.field} ` : ''}${details!.reason}`);
}

describe('RPCs refuse hostile and malformed input and change nothing', () => {
  it.each(refusals)('$rpc: $label → $code', async ({ who, rpc, args, code, message }) => {
    const before = await snapshot();
    const error = expectError(await client(who).rpc(rpc, args(ctx)), code, message);
    // The whole message stays short even when the input was 100 kB.
    expect(error.message.length).toBeLessThan(300);
    expectFieldDetails(error);
    expect(await snapshot()).toEqual(before);
  });
});

interface DirectWrite {
  label: string;
  who: 'member' | 'staff';
  table: string;
  values: Record<string, unknown>;
  key: (c: Ctx) => Record<string, string>;
  code: string;
  message: RegExp;
}

const companyRow = (c: Ctx) => ({ id: c.member.id });
const contactRow = (c: Ctx) => ({ id: c.member.contactId });
const productRow = (c: Ctx) => ({ id: c.product.id });
const vipTier = (c: Ctx) => ({ id: c.store.tiers[2]!.id });

/** Columns members and staff write directly (PATCH), with what each must refuse. */
const directWrites: DirectWrite[] = [
  { label: '100 kB company name', who: 'member', table: 'members', values: { company_name: huge }, key: companyRow, code: '22023', message: /^company_name must be at most 200 characters$/ },
  { label: 'a bell in the company name', who: 'member', table: 'members', values: { company_name: bell }, key: companyRow, code: '22023', message: /^company_name must be a single line/ },
  { label: 'NUL in the company name', who: 'member', table: 'members', values: { company_name: nul }, key: companyRow, code: '22P05', message: nulError },
  { label: 'javascript: website', who: 'member', table: 'members', values: { website: 'javascript:alert(1)' }, key: companyRow, code: '22023', message: /^website must be an http/ },
  { label: 'data: website', who: 'staff', table: 'members', values: { website: `data:text/html,${script}` }, key: companyRow, code: '22023', message: /^website must be an http/ },
  { label: 'a three-letter country', who: 'member', table: 'members', values: { country: 'DEU' }, key: companyRow, code: '22023', message: /^country must be a two-letter ISO 3166 code such as DE$/ },
  { label: 'a country name', who: 'member', table: 'members', values: { country: 'Deutschland' }, key: companyRow, code: '22023', message: /^country must be a two-letter ISO 3166 code such as DE$/ },
  { label: 'a country name, by staff', who: 'staff', table: 'members', values: { country: 'Germany' }, key: companyRow, code: '22023', message: /^country must be a two-letter ISO 3166 code such as DE$/ },
  { label: 'a lower-case country', who: 'member', table: 'members', values: { country: 'de' }, key: companyRow, code: '22023', message: /^country must be a two-letter ISO 3166 code/ },
  { label: 'two lines as industry', who: 'member', table: 'members', values: { industry: twoLines }, key: companyRow, code: '22023', message: /^industry must be a single line/ },
  { label: 'a blank full name', who: 'member', table: 'member_contacts', values: { full_name: '   ' }, key: contactRow, code: '22023', message: /^full_name is required$/ },
  { label: 'an escape in the full name', who: 'member', table: 'member_contacts', values: { full_name: escape }, key: contactRow, code: '22023', message: /^full_name must be a single line/ },
  { label: 'markup as email', who: 'member', table: 'member_contacts', values: { email: `${script}@example.test` }, key: contactRow, code: '22023', message: /^email is not an email address$/ },
  { label: 'SQL as phone', who: 'member', table: 'member_contacts', values: { phone: sqlText }, key: contactRow, code: '22023', message: /^phone must be a phone number/ },
  { label: 'markup as WhatsApp', who: 'member', table: 'member_contacts', values: { whatsapp: img }, key: contactRow, code: '22023', message: /^whatsapp must be a phone number/ },
  { label: '100 kB WeChat', who: 'member', table: 'member_contacts', values: { wechat: huge }, key: contactRow, code: '22023', message: /^wechat must be a WeChat ID/ },
  { label: '100 kB job title', who: 'member', table: 'member_contacts', values: { job_title: huge }, key: contactRow, code: '22023', message: /^job_title must be at most 120 characters$/ },
  { label: 'an unknown locale', who: 'member', table: 'member_contacts', values: { preferred_locale: 'xx' }, key: contactRow, code: '22023', message: /^preferred_locale must be one of/ },
  { label: 'NaN as price', who: 'staff', table: 'products', values: { price: 'NaN' }, key: productRow, code: '23514', message: /"products_price_is_a_number"/ },
  { label: 'Infinity as price', who: 'staff', table: 'products', values: { price: 'Infinity' }, key: productRow, code: '22003', message: /^numeric field overflow$/ },
  { label: 'two lines as product name', who: 'staff', table: 'products', values: { name: twoLines }, key: productRow, code: '22023', message: /^name\.en must be a single line without control characters$/ },
  { label: 'a traversing image path', who: 'staff', table: 'products', values: { image_path: '../../etc/passwd' }, key: productRow, code: '23514', message: /"products_image_(path_is_an_object_name|in_store_folder)"/ },
  { label: '21 perks', who: 'staff', table: 'tiers', values: { perks: Array.from({ length: 21 }, (_, i) => `Perk ${i}`) }, key: vipTier, code: '22023', message: /^perks\.en must be at most 20 lines of 1-200 characters/ },
  { label: 'a 100 kB perk', who: 'staff', table: 'tiers', values: { perks: [huge] }, key: vipTier, code: '22023', message: /^perks\.en must be at most 20 lines of 1-200 characters/ },
  { label: 'a tier name a right-to-left override shows as "VIP"', who: 'staff', table: 'tiers', values: { name: { en: '\u202ePIV' } }, key: vipTier, code: '22023', message: /^name\.en must not contain direction controls/ },
  { label: 'a product name of invisible characters', who: 'staff', table: 'products', values: { name: { en: '\u200b\u2800\u{E0041}\u0301' } }, key: productRow, code: '22023', message: /^name\.en must not be blank: leave the language out instead$/ },
  { label: 'a perk of a variation selector', who: 'staff', table: 'tiers', values: { perks: ['Tea', '\ufe0f'] }, key: vipTier, code: '22023', message: /^perks\.en must not have blank lines/ },
  { label: 'NaN as points multiplier', who: 'staff', table: 'tiers', values: { points_multiplier: 'NaN' }, key: vipTier, code: '23514', message: /"tiers_points_multiplier_is_a_number"/ },
  { label: 'NaN as VIP threshold', who: 'staff', table: 'tiers', values: { min_paid_amount: 'NaN' }, key: vipTier, code: '23514', message: /"tiers_min_paid_amount_is_a_number"/ },
  { label: 'NaN points per currency unit', who: 'staff', table: 'stores', values: { points_per_currency_unit: 'NaN' }, key: (c) => ({ id: c.store.id }), code: '23514', message: /"stores_points_per_currency_unit_range"/ },
  { label: 'an origin with a path', who: 'staff', table: 'stores', values: { embed_origins: ['https://shop.example.com', 'http://x/path'] }, key: (c) => ({ id: c.store.id }), code: '22023', message: /^embed_origins "http:\/\/x\/path" must be an origin like https:\/\/shop\.example\.com: lower case, without a path, query, trailing slash or default port$/ },
  { label: 'an origin with a port past 65535', who: 'staff', table: 'stores', values: { embed_origins: ['https://shop.example.com:99999'] }, key: (c) => ({ id: c.store.id }), code: '22023', message: /^embed_origins "https:\/\/shop\.example\.com:99999" must be an origin like/ },
  { label: 'an origin with its default port', who: 'staff', table: 'stores', values: { embed_origins: ['https://shop.example.com:443'] }, key: (c) => ({ id: c.store.id }), code: '22023', message: /^embed_origins "https:\/\/shop\.example\.com:443" must be an origin like/ },
  { label: 'an origin in capitals', who: 'staff', table: 'stores', values: { embed_origins: ['HTTPS://SHOP.EXAMPLE.COM'] }, key: (c) => ({ id: c.store.id }), code: '22023', message: /^embed_origins "HTTPS:\/\/SHOP\.EXAMPLE\.COM" must be an origin like/ },
  { label: 'an origin twice', who: 'staff', table: 'stores', values: { embed_origins: ['https://a.example', 'https://a.example'] }, key: (c) => ({ id: c.store.id }), code: '22023', message: /^embed_origins "https:\/\/a\.example" is listed twice$/ },
  { label: '51 origins', who: 'staff', table: 'stores', values: { embed_origins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example`) }, key: (c) => ({ id: c.store.id }), code: '22023', message: /^embed_origins has 51 origins; at most 50$/ },
  { label: 'a 100 kB origin', who: 'staff', table: 'stores', values: { embed_origins: [huge] }, key: (c) => ({ id: c.store.id }), code: '22023', message: /^embed_origins "x{100}" must be an origin like/ },
  { label: 'an escape in the store name', who: 'staff', table: 'stores', values: { name: escape }, key: (c) => ({ id: c.store.id }), code: '22023', message: /^name\.en must be a single line without control characters$/ },
  { label: 'a store name a right-to-left override reverses', who: 'staff', table: 'stores', values: { name: { en: 'Shop', 'zh-CN': '\u202e店商' } }, key: (c) => ({ id: c.store.id }), code: '22023', message: /^name\.zh-CN must not contain direction controls/ },
  { label: 'a store name of invisible characters', who: 'staff', table: 'stores', values: { name: { en: '\u200b\u2800' } }, key: (c) => ({ id: c.store.id }), code: '22023', message: /^name\.en must not be blank: leave the language out instead$/ },
  { label: 'NaN as minimum order amount', who: 'staff', table: 'coupons', values: { min_order_amount: 'NaN', currency: 'USD' }, key: (c) => ({ store_id: c.store.id }), code: '23514', message: /"coupons_min_order_amount_is_a_number"/ },
];

describe('direct writes refuse hostile and malformed values and change nothing', () => {
  it.each(directWrites)('$table: $label → $code', async ({ who, table, values, key, code, message }) => {
    const before = await snapshot();
    let query = client(who).from(table).update(values);
    for (const [column, value] of Object.entries(key(ctx))) query = query.eq(column, value);
    expectFieldDetails(expectError(await query.select(), code, message));
    expect(await snapshot()).toEqual(before);
  });
});

describe('hostile text that is legitimate is kept verbatim', () => {
  const markup = `<b>Hair & Co</b> ${script} ${img} "quoted" 'single' ${sqlText} $$ \\x00 \u202Eevil\u202C 真人发 🎀`;

  it('in the business card exchanged on joining, and on the card the member edits', async () => {
    const joiner = await newSignedInUser('verbatim');
    const joined = ok(await joiner.client.rpc('join_store', {
      p_store_slug: ctx.store.slug, p_company_name: markup, p_full_name: img, p_job_title: '$$ \\x00 $$', p_industry: script,
      p_wechat: 'wx_id-1', p_phone: '+1 (404) 555-0101 ext. 12', p_website: "https://example.com/?q=';--",
    })) as { member_id: string; company_name: string };
    expect(joined.company_name).toBe(markup);
    const [company] = await sql<{ company_name: string; industry: string; website: string }>(
      'select company_name, industry, website from public.members where id = $1', [joined.member_id]);
    expect(company).toEqual({ company_name: markup, industry: script, website: "https://example.com/?q=';--" });
    const [card] = await sql<{ full_name: string; job_title: string; phone: string }>(
      'select full_name, job_title, phone from public.member_contacts where user_id = $1', [joiner.user.id]);
    expect(card).toEqual({ full_name: img, job_title: '$$ \\x00 $$', phone: '+1 (404) 555-0101 ext. 12' });
    const membership = ok(await joiner.client.rpc('my_membership', { p_store_slug: ctx.store.slug })) as { member: { company_name: string }; contact: { full_name: string } };
    expect(membership.member.company_name).toBe(markup);
    expect(membership.contact.full_name).toBe(img);

    const edited = `${img}${sqlText}`;
    ok(await joiner.client.from('members').update({ company_name: edited }).eq('id', joined.member_id).select());
    ok(await joiner.client.from('member_contacts').update({ job_title: script }).eq('user_id', joiner.user.id).select());
    expect(await sql('select company_name from public.members where id = $1', [joined.member_id])).toEqual([{ company_name: edited }]);
    expect(ok(await joiner.client.from('member_contacts').select('job_title').eq('user_id', joiner.user.id))).toEqual([{ job_title: script }]);
  });

  it('in inquiries, answers, reviews, notes, reasons, addresses and order references', async () => {
    const message = `${script}\n${sqlText}\n\t$$ ${img}`;
    const inquiry = ok(await ctx.member.client.rpc('send_inquiry', { p_store_slug: ctx.store.slug, p_message: message })) as { id: string; message: string };
    expect(inquiry.message).toBe(message);
    const answered = ok(await ctx.store.owner.client.rpc('answer_inquiry', { p_inquiry_id: inquiry.id, p_answer: markup })) as { answer: string };
    expect(answered.answer).toBe(markup);
    expect(await sql('select message, answer from public.inquiries where id = $1', [inquiry.id])).toEqual([{ message, answer: markup }]);

    const review = ok(await ctx.member.client.rpc('review_order', { p_order_id: ctx.orderId, p_rating: 4, p_body: markup })) as { review_id: string };
    expect(await sql('select body from public.order_reviews where id = $1', [review.review_id])).toEqual([{ body: markup }]);

    ok(await ctx.store.owner.client.rpc('adjust_points', { p_member_id: ctx.member.id, p_delta: 3, p_note: message }));
    expect(await sql(`select note from public.points_ledger where member_id = $1 and reason = 'adjustment'`, [ctx.member.id])).toEqual([{ note: message }]);

    const address = { ...shipTo, name: "O'Brien; --", company: markup };
    const claim = ok(await ctx.member.client.rpc('claim_sample', { p_product_id: ctx.product.id, p_ship_to: address })) as { id: string; ship_to: Record<string, string> };
    expect(claim.ship_to).toEqual(address);
    const rejected = ok(await ctx.store.owner.client.rpc('reject_sample', { p_claim_id: claim.id, p_reason: message })) as { rejection_reason: string };
    expect(rejected.rejection_reason).toBe(message);

    const ref = `${sqlText} <i>`;
    expect(await importOrders(ctx.store, [orderRow(ctx.member, { external_ref: ref })])).toMatchObject({ inserted: 1 });
    expect(ok(await ctx.member.client.from('orders').select('external_ref').eq('external_ref', ref))).toEqual([{ external_ref: ref }]);
  });
});
