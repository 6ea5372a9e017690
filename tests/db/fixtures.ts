/**
 * A fresh store per test file, built through the same API paths the product uses: the owner
 * creates it with `create_store`, buyers join with `join_store` from their own sessions, orders
 * arrive through `import_orders` (as the service role, like a merchant's back end) and products
 * are written as the service role. Every name is unique, so files run in parallel on one stack.
 */
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { expect } from 'vitest';
import { createUser, moveTo, newSignedInUser, serviceClient, signIn, sql, uniqueEmail, type TestUser } from '../support/clients.ts';

export interface Actor {
  user: TestUser;
  client: SupabaseClient;
}

export interface Tier {
  id: string;
  rank: number;
  name: string;
  min_paid_orders: number;
  min_paid_amount: number;
  sample_quota: number | null;
}

export interface Store {
  id: string;
  slug: string;
  baseCurrency: string;
  owner: Actor;
  /** The store's tiers by rank (0 ordinary, 1 senior, 2 VIP with the defaults). */
  tiers: Tier[];
}

export interface Member extends Actor {
  /** The member company's id. */
  id: string;
  contactId: string;
  storeId: string;
  companyName: string;
}

export interface Product {
  id: string;
  sku: string;
  store_id: string;
  visibility: 'public' | 'members' | 'tier';
  min_tier_rank: number;
  kind: 'regular' | 'customized';
  price: number;
  image_path: string | null;
}

/** Unwraps a supabase-js result, failing the test with the server's message on error. */
export function ok<T>(result: { data: T; error: { message: string } | null }): T {
  if (result.error) throw new Error(result.error.message);
  return result.data;
}

/** A store with default tiers, owned by a new signed-in user. */
export async function createStore(options: { baseCurrency?: string; label?: string } = {}): Promise<Store> {
  const owner = await newSignedInUser('owner');
  const slug = `${options.label ?? 'store'}-${randomUUID().slice(0, 8)}`;
  const baseCurrency = options.baseCurrency ?? 'USD';
  const store = ok(await owner.client.rpc('create_store', { p_slug: slug, p_name: `Test ${slug}`, p_base_currency: baseCurrency })) as { id: string };
  const tiers = ok(await serviceClient().from('tiers').select('id, rank, name, min_paid_orders, min_paid_amount, sample_quota').eq('store_id', store.id).order('rank')) as Tier[];
  return { id: store.id, slug, baseCurrency, owner, tiers };
}

/**
 * A store created before its currency was withdrawn (HRK, replaced by EUR in 2023): create_store
 * refuses such a currency now, so it is set past the stores' triggers, as an older row holds it.
 */
export async function createStoreInWithdrawnCurrency(label: string, currency = 'HRK'): Promise<Store> {
  const store = await createStore({ label });
  await sql(`begin; set local session_replication_role = replica;
    update public.stores set base_currency = '${currency}' where id = '${store.id}'; commit`);
  return { ...store, baseCurrency: currency };
}

/** A further staff login (role 'staff') at the store. */
export async function addStaff(store: Store): Promise<Actor> {
  const staff = await newSignedInUser('staff');
  ok(await serviceClient().from('store_staff').insert({ store_id: store.id, user_id: staff.user.id, role: 'staff' }));
  return staff;
}

/**
 * A buyer company joined through its first contact's own session: signed in on the contact's
 * own device, and joining from there or, given `from`, from that network (a trade fair's Wi-Fi).
 */
export async function addMember(store: Store, companyName = `Buyer ${randomUUID().slice(0, 6)}`, options: { from?: string } = {}): Promise<Member> {
  const signedIn = await newSignedInUser('buyer');
  const contact = options.from === undefined ? signedIn : { ...signedIn, client: await moveTo(signedIn.client, options.from) };
  const joined = ok(await contact.client.rpc('join_store', {
    p_store_slug: store.slug,
    p_company_name: companyName,
    p_full_name: 'Test Buyer',
    p_country: 'DE',
  })) as { member_id: string; contact_id: string };
  return { ...contact, id: joined.member_id, contactId: joined.contact_id, storeId: store.id, companyName };
}

/** A colleague who joined the member company through an invitation, as a Member of the same company. */
export async function addColleague(member: Member): Promise<Member> {
  const invitation = ok(await member.client.rpc('invite_colleague', { p_member_id: member.id, p_email: uniqueEmail('colleague') })) as { token: string; email: string };
  const user = await createUser(invitation.email);
  const client = await signIn(user);
  const joined = ok(await client.rpc('accept_invitation', { p_token: invitation.token, p_full_name: 'Test Colleague' })) as { contact_id: string };
  return { ...member, user, client, contactId: joined.contact_id };
}

export interface OrderRow {
  external_ref?: string;
  /** `undefined` leaves the key out of the JSON, to match the buyer by email instead. */
  member_id?: string | undefined;
  email?: string | undefined;
  amount?: number;
  currency?: string;
  exchange_rate?: number;
  placed_at?: string;
  status?: 'paid' | 'partially_refunded' | 'refunded' | 'cancelled';
  delivered_at?: string;
}

/** An order row for import_orders: a paid order placed today in the store currency unless overridden. */
export function orderRow(member: Member, overrides: OrderRow = {}): OrderRow {
  return {
    external_ref: `ORD-${randomUUID().slice(0, 8)}`,
    member_id: member.id,
    amount: 100,
    currency: 'USD',
    placed_at: new Date().toISOString(),
    status: 'paid',
    ...overrides,
  };
}

/** Timestamp `days` days ago (fractions allowed). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}

/** Imports orders as the service role (the merchant's back end); returns the RPC's counts. */
export async function importOrders(store: Store, rows: OrderRow[]): Promise<{ inserted: number; updated: number; unchanged: number }> {
  return ok(await serviceClient().rpc('import_orders', { p_store_id: store.id, p_rows: rows }));
}

/** Lifts a member to the store's VIP tier (rank 2) with paid orders at its threshold. */
export async function makeVip(store: Store, member: Member): Promise<void> {
  const vip = store.tiers.find((t) => t.rank === 2)!;
  await importOrders(store, [orderRow(member, { amount: Math.max(Number(vip.min_paid_amount), 1) })]);
}

/** A product of the store, written as the service role. */
export async function addProduct(store: Store, fields: Partial<Omit<Product, 'id' | 'store_id'>> = {}): Promise<Product> {
  const visibility = fields.visibility ?? 'public';
  const row = {
    store_id: store.id,
    sku: fields.sku ?? `SKU-${randomUUID().slice(0, 8)}`,
    name: `Product ${visibility}`,
    kind: fields.kind ?? 'regular',
    price: fields.price ?? 100,
    currency: store.baseCurrency,
    visibility,
    min_tier_rank: fields.min_tier_rank ?? (visibility === 'tier' ? 2 : 0),
  };
  return ok(await serviceClient().from('products').insert(row).select().single()) as Product;
}

/** A product's own fields as they are now, as the console's editor reads them and save_product takes them back (`p_product_read`). */
export async function productAsRead(productId: string): Promise<Record<string, unknown>> {
  const [row] = await sql<{ read: Record<string, unknown> }>(
    `select jsonb_build_object('sku', sku, 'name', name, 'description', description, 'kind', kind, 'price', price, 'currency', currency,
       'moq', moq, 'visibility', visibility, 'min_tier_rank', min_tier_rank, 'image_path', image_path, 'active', active) as read
     from public.products where id = $1`, [productId]);
  return row!.read;
}

/** The store's settings as the console reads them (`updated_at`), which save_store_settings takes back (`p_settings_read`). */
export async function settingsAsRead(storeId: string): Promise<string> {
  return (ok(await serviceClient().from('stores').select('updated_at').eq('id', storeId).single()) as { updated_at: string }).updated_at;
}

/** A valid shipping address for sample claims. */
export const shipTo = { name: 'Test Buyer', line1: 'Hauptstr. 1', city: 'Berlin', postal_code: '10115', country: 'DE', phone: '+49 30 1234567' };

/** Asserts a PostgREST error code (and optionally message) and returns the error for further checks. */
export function expectError(
  result: { status?: number; error: { code?: string; message: string; details?: string | null } | null },
  code: string,
  message?: string | RegExp,
) {
  expect(result.error, 'expected an error').not.toBeNull();
  expect(result.error!.code).toBe(code);
  // PostgREST answers a PTxyz code with HTTP xyz: not found must reach clients as 404, not 500.
  const httpCode = /^PT(\d{3})$/.exec(code);
  if (httpCode && result.status !== undefined) expect(result.status).toBe(Number(httpCode[1]));
  if (message !== undefined) expect(result.error!.message).toMatch(message);
  return result.error!;
}

/**
 * Everything of a refusal a client can see — HTTP status, code, message, details and hint — so
 * that two refusals can be compared byte for byte (an id of a row the caller cannot read must
 * be answered exactly like an id of nothing).
 */
export function refusalOf(result: { status: number; error: { code?: string; message: string; details?: string | null; hint?: string | null } | null }) {
  expect(result.error, 'expected an error').not.toBeNull();
  const { code, message, details, hint } = result.error!;
  return { status: result.status, code, message, details, hint };
}
