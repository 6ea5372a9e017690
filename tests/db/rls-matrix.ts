/**
 * The table-level access matrix: for every table PostgREST exposes, every operation and every
 * caller, which fixture rows the caller reads or changes. rls-matrix.test.ts builds the fixture,
 * probes each cell through PostgREST and compares with this declaration; a table in the
 * database that is not declared here (or declared but gone) fails the suite.
 *
 * Fixture rows are named `<store>.<what>`: `A` and `B` are two fresh stores, `<what>` says whose
 * or which row it is (`A.vip.order` is a points credit of store A's VIP company, `A.members` the
 * members-only product). An outcome lists label prefixes: `'A'` is every row of store A,
 * `'A.ordinary'` every row of A's ordinary company. The test expands them against the rows
 * really in the database, so a cell is exact: any row more or less is a failure.
 */

/** Store A: an ordinary, a senior (one paid order) and a VIP company, the owner and a staff login. Store B: one buyer and its owner. */
export const roles = ['anon', 'ordinary', 'senior', 'vip', 'otherMember', 'owner', 'staff', 'otherStaff'] as const;
export type Role = (typeof roles)[number];

export const ops = ['select', 'insert', 'update', 'delete'] as const;
export type Op = (typeof ops)[number];

/**
 * `'denied'`: the role holds no grant for the operation (42501 "permission denied", before any
 * policy runs). Otherwise the rows the operation reaches, as label prefixes:
 * - select: exactly the rows that come back;
 * - insert: the stores (`'A'`, `'B'`) a new row may be added to; elsewhere RLS refuses it with
 *   42501 "violates row-level security policy";
 * - update / delete: exactly the rows changed; every other row is hidden and the statement
 *   affects 0 rows of it without an error.
 */
export type Outcome = 'denied' | readonly string[];
export type RoleOutcomes = Readonly<Record<Role, Outcome>>;

export type TableName =
  | 'stores' | 'store_staff' | 'tiers' | 'members' | 'member_contacts' | 'products' | 'orders' | 'tier_changes'
  | 'member_invitations' | 'sample_claims' | 'coupons' | 'member_coupons' | 'rewards' | 'points_ledger' | 'reward_deliveries'
  | 'rebate_ledger' | 'order_changes' | 'order_reviews' | 'inquiries' | 'merchant_cards' | 'staff_invitations'
  | 'segments' | 'campaigns' | 'campaign_recipients' | 'campaign_contacts' | 'posts' | 'product_tier_prices';

const denied = 'denied';

const nobody: RoleOutcomes = {
  anon: denied, ordinary: denied, senior: denied, vip: denied, otherMember: denied, owner: denied, staff: denied, otherStaff: denied,
};
/** Readable by anyone, the other store's rows included. */
const everyone: RoleOutcomes = {
  anon: ['A', 'B'], ordinary: ['A', 'B'], senior: ['A', 'B'], vip: ['A', 'B'], otherMember: ['A', 'B'],
  owner: ['A', 'B'], staff: ['A', 'B'], otherStaff: ['A', 'B'],
};
/** A company's rows: its contacts reach their own company's, staff their store's, anon has no grant. */
const company: RoleOutcomes = {
  anon: denied, ordinary: ['A.ordinary'], senior: ['A.senior'], vip: ['A.vip'], otherMember: ['B.buyer'],
  owner: ['A'], staff: ['A'], otherStaff: ['B'],
};
/** Granted to signed-in users, but the policies admit only the staff of the row's store. */
const staffOfTheStore: RoleOutcomes = {
  anon: denied, ordinary: [], senior: [], vip: [], otherMember: [], owner: ['A'], staff: ['A'], otherStaff: ['B'],
};
/** As staffOfTheStore, but plain staff are refused too: the programme and the brand are the owners'. */
const ownersOfTheStore: RoleOutcomes = { ...staffOfTheStore, staff: [] };

export const expected: Readonly<Record<TableName, Readonly<Record<Op, RoleOutcomes>>>> = {
  stores: {
    select: everyone,
    insert: nobody, // create_store only
    update: ownersOfTheStore,
    delete: nobody,
  },
  store_staff: {
    select: staffOfTheStore,
    insert: nobody,
    update: nobody,
    delete: nobody,
  },
  tiers: {
    select: everyone,
    // Thresholds and rights define the programme: owners only (migration 20261210000700).
    insert: ownersOfTheStore,
    update: ownersOfTheStore,
    // The ordinary tier is every member's floor: the delete policy hides it.
    delete: { ...ownersOfTheStore, owner: ['A.senior', 'A.vip'], otherStaff: ['B.senior', 'B.vip'] },
  },
  members: {
    select: company,
    insert: nobody, // join_store only
    update: company,
    delete: nobody,
  },
  member_contacts: {
    // Colleagues read each other's cards; each edits only their own, and staff edit none.
    select: company,
    insert: nobody,
    update: { ...company, ordinary: ['A.ordinary.primary'], owner: [], staff: [], otherStaff: [] },
    delete: nobody,
  },
  products: {
    select: {
      anon: ['A.public', 'B.public'],
      ordinary: ['A.public', 'A.members', 'B.public'],
      senior: ['A.public', 'A.members', 'A.senior', 'B.public'],
      vip: ['A.public', 'A.members', 'A.senior', 'A.vip', 'B.public'],
      // B's buyer is VIP at B: exclusives there, only public products at A.
      otherMember: ['A.public', 'B.public', 'B.members', 'B.vip'],
      owner: ['A', 'B.public'],
      staff: ['A', 'B.public'],
      otherStaff: ['B', 'A.public'],
    },
    insert: staffOfTheStore,
    update: staffOfTheStore,
    delete: staffOfTheStore,
  },
  orders: { select: company, insert: nobody, update: nobody, delete: nobody },
  tier_changes: { select: company, insert: nobody, update: nobody, delete: nobody },
  member_invitations: {
    // The invitee reads theirs too; no caller here is one.
    select: company,
    insert: nobody, // invite_colleague only
    update: nobody,
    // Contacts withdraw their company's pending invitations; staff do not.
    delete: { ...company, ordinary: ['A.ordinary.pending'], owner: [], staff: [], otherStaff: [] },
  },
  sample_claims: { select: company, insert: nobody, update: nobody, delete: nobody },
  coupons: {
    // Members read coupons their live tier reaches (and those they hold).
    select: {
      anon: denied, ordinary: ['A.all'], senior: ['A.all'], vip: ['A.all', 'A.vip'], otherMember: ['B.all', 'B.vip'],
      owner: ['A'], staff: ['A'], otherStaff: ['B'],
    },
    insert: staffOfTheStore,
    update: staffOfTheStore,
    delete: staffOfTheStore,
  },
  member_coupons: { select: company, insert: nobody, update: nobody, delete: nobody },
  rewards: {
    select: {
      anon: denied, ordinary: ['A.kit'], senior: ['A.kit'], vip: ['A.kit'], otherMember: ['B.kit'],
      owner: ['A'], staff: ['A'], otherStaff: ['B'],
    },
    insert: staffOfTheStore,
    update: staffOfTheStore,
    delete: staffOfTheStore,
  },
  // Value moves only through the ledgers' RPCs and triggers: nobody writes them directly.
  points_ledger: { select: company, insert: nobody, update: nobody, delete: nobody },
  // Written by the redemption's trigger and mark_reward_sent only.
  reward_deliveries: { select: company, insert: nobody, update: nobody, delete: nobody },
  rebate_ledger: { select: company, insert: nobody, update: nobody, delete: nobody },
  // Written by import_orders only (migration 20261211000300).
  order_changes: { select: company, insert: nobody, update: nobody, delete: nobody },
  order_reviews: { select: company, insert: nobody, update: nobody, delete: nobody },
  inquiries: { select: company, insert: nobody, update: nobody, delete: nobody },
  // The merchant's card is public, like the store; its owners write it (the brand is theirs).
  merchant_cards: { select: everyone, insert: ownersOfTheStore, update: ownersOfTheStore, delete: ownersOfTheStore },
  staff_invitations: {
    // Owners only (and the invitee, whom no caller here is); owners withdraw pending ones.
    select: ownersOfTheStore,
    insert: nobody, // invite_staff only
    update: nobody,
    delete: ownersOfTheStore,
  },
  // Growth (issue 14): segments and the campaign log are the store's staff's; a campaign and its
  // recipients are written by record_campaign only, so history cannot be edited.
  segments: { select: staffOfTheStore, insert: staffOfTheStore, update: staffOfTheStore, delete: staffOfTheStore },
  campaigns: { select: staffOfTheStore, insert: nobody, update: nobody, delete: staffOfTheStore },
  campaign_recipients: { select: staffOfTheStore, insert: nobody, update: nobody, delete: nobody },
  // The contacts a campaign was sent to (20261219000600): as its recipient companies; they go with
  // their contact's card, and a company's contacts read them only in my_data.
  campaign_contacts: { select: staffOfTheStore, insert: nobody, update: nobody, delete: nobody },
  // Posts as products: public to all, members-only to the store's members, tier posts from the tier;
  // a draft (public, no publish time) to the store's staff only.
  posts: {
    select: {
      anon: ['A.public', 'B.public'], ordinary: ['A.public', 'A.members', 'B.public'], senior: ['A.public', 'A.members', 'B.public'],
      vip: ['A.public', 'A.members', 'A.vip', 'B.public'], otherMember: ['A.public', 'B.public', 'B.members', 'B.vip'],
      owner: ['A', 'B.public'], staff: ['A', 'B.public'], otherStaff: ['A.public', 'B'],
    },
    insert: staffOfTheStore,
    update: staffOfTheStore,
    delete: staffOfTheStore,
  },
  // A tier's own price of a product (20261217000600), labelled `<store>.<sku>.<tier>`: a member
  // reads their own tier's of a product they see (A's Senior price of the VIP product is not
  // the Seniors'), staff their store's; visitors hold select (store_catalogue names the table)
  // and read none. A write naming a product the caller may not change is refused as not found.
  // No personal data (a store's prices): my_data has nothing of it to give.
  product_tier_prices: {
    select: {
      anon: [], ordinary: [], senior: ['A.members.senior'], vip: ['A.members.vip'], otherMember: ['B.members.vip'],
      owner: ['A'], staff: ['A'], otherStaff: ['B'],
    },
    insert: staffOfTheStore,
    update: staffOfTheStore,
    delete: staffOfTheStore,
  },
};

/**
 * Rows some other row refers to without a cascade: a delete the policy lets through still fails
 * with 23503 (a product with sample claims, a coupon a company holds). Deactivate or end them.
 */
export const keptByForeignKey: Partial<Record<TableName, readonly string[]>> = {
  products: ['A.public', 'B.public'],
  coupons: ['A.all', 'B.all'],
  // Redeemed: their redemptions and deliveries name them.
  rewards: ['A.kit', 'B.kit'],
};

/** What the probes need to know of the fixture to name rows and to write plausible ones. */
export interface ProbeContext {
  /** 'A' or 'B' for a store id of the fixture. */
  store(id: string): string;
  /** The fixture name of a member company ('ordinary', 'buyer', ...). */
  member(id: string): string;
  /** The fixture name of a product (its SKU) or tier (its English name), lower-cased. */
  name(id: string): string;
}

/** Ids of one fixture store that an insert probe aims at, and the caller's login. */
export interface InsertTarget {
  storeId: string;
  memberId: string;
  productId: string;
  /** The store's VIP tier. */
  tierId: string;
  couponId: string;
  orderId: string;
  campaignId: string;
  userId: string | null;
}

type Row = Record<string, unknown>;

export interface TableProbe {
  /** The column naming the row's store (`store_id` unless said). */
  storeColumn?: string;
  /** The fixture name of a row. */
  label(row: Row, ctx: ProbeContext): string;
  /** A row a caller might try to add to the target store. */
  insert(target: InsertTarget): Row;
  /** A change a caller might try on every row; a real column, harmless values. */
  patch: Row;
}

const text = (value: unknown) => String(value).toLowerCase();
/** Rows of a member company, optionally told apart by a column. */
const ofCompany = (detail?: (row: Row) => string) => (row: Row, ctx: ProbeContext) =>
  [ctx.store(String(row.store_id)), ctx.member(String(row.member_id)), ...(detail ? [detail(row)] : [])].join('.');
/** A merchant text is a map per language; the fixture stores write English, their default. */
const named = (column: string) => (row: Row, ctx: ProbeContext) => {
  const value = row[column];
  return `${ctx.store(String(row.store_id))}.${text(typeof value === 'object' && value !== null ? (value as Row).en : value)}`;
};
const farFuture = '2999-01-01T00:00:00Z';

export const probes: Readonly<Record<TableName, TableProbe>> = {
  stores: {
    storeColumn: 'id',
    label: (row, ctx) => ctx.store(String(row.id)),
    insert: () => ({ slug: 'probe-store', name: 'Probe' }),
    patch: { name: 'Probe' },
  },
  store_staff: {
    label: named('role'),
    // Making oneself owner of the store.
    insert: (t) => ({ store_id: t.storeId, user_id: t.userId, role: 'owner' }),
    patch: { role: 'owner' },
  },
  tiers: {
    label: named('name'),
    // Out of reach, so that adding it does not move anyone.
    insert: (t) => ({ store_id: t.storeId, rank: 3, name: 'Probe', min_paid_orders: 1000, min_paid_amount: 1e9 }),
    patch: { perks: ['Probe'] },
  },
  members: {
    label: (row, ctx) => `${ctx.store(String(row.store_id))}.${ctx.member(String(row.id))}`,
    insert: (t) => ({ store_id: t.storeId, company_name: 'Probe' }),
    patch: { industry: 'Probe' },
  },
  member_contacts: {
    label: ofCompany((row) => text(row.role)),
    insert: (t) => ({ store_id: t.storeId, member_id: t.memberId, user_id: t.userId, full_name: 'Probe', role: 'primary' }),
    patch: { job_title: 'Probe' },
  },
  products: {
    label: named('sku'),
    insert: (t) => ({ store_id: t.storeId, sku: 'PROBE', name: 'Probe', price: 1, currency: 'USD' }),
    patch: { description: 'Probe' },
  },
  orders: {
    label: ofCompany((row) => text(row.external_ref)),
    insert: (t) => ({ store_id: t.storeId, member_id: t.memberId, external_ref: 'PROBE', amount: 1e6, currency: 'USD',
      placed_at: new Date().toISOString(), status: 'paid' }),
    patch: { status: 'refunded' },
  },
  tier_changes: {
    label: ofCompany((row) => text(row.reason)),
    insert: (t) => ({ store_id: t.storeId, member_id: t.memberId, reason: 'override' }),
    patch: { reason: 'override' },
  },
  member_invitations: {
    label: ofCompany((row) => (row.accepted_at === null ? 'pending' : 'accepted')),
    insert: (t) => ({ store_id: t.storeId, member_id: t.memberId, email: 'probe@example.test' }),
    patch: { expires_at: farFuture },
  },
  sample_claims: {
    label: ofCompany(),
    insert: (t) => ({ store_id: t.storeId, member_id: t.memberId, product_id: t.productId,
      ship_to: { name: 'Probe', line1: 'x', city: 'x', country: 'DE', phone: '1' } }),
    patch: { status: 'cancelled' },
  },
  coupons: {
    label: named('code'),
    insert: (t) => ({ store_id: t.storeId, code: 'PROBE', kind: 'percent', value: 50 }),
    patch: { description: 'Probe' },
  },
  member_coupons: {
    label: ofCompany(),
    insert: (t) => ({ store_id: t.storeId, coupon_id: t.couponId, member_id: t.memberId, slot: 9, source: 'claim' }),
    patch: { used_at: null },
  },
  rewards: {
    label: named('name'),
    insert: (t) => ({ store_id: t.storeId, name: 'Probe', points_cost: 1 }),
    patch: { description: 'Probe' },
  },
  points_ledger: {
    label: ofCompany((row) => text(row.reason)),
    insert: (t) => ({ store_id: t.storeId, member_id: t.memberId, delta: 1e6, reason: 'adjustment',
      expires_at: farFuture, remaining: 1e6 }),
    patch: { remaining: 1e6 },
  },
  reward_deliveries: {
    label: ofCompany(),
    insert: (t) => ({ points_entry_id: 1, store_id: t.storeId, member_id: t.memberId, reward_id: t.storeId, requested_at: farFuture }),
    patch: { sent_at: farFuture },
  },
  rebate_ledger: {
    label: ofCompany((row) => text(row.reason)),
    insert: (t) => ({ store_id: t.storeId, member_id: t.memberId, delta: 1e6, currency: 'USD', reason: 'order',
      order_id: t.orderId }),
    patch: { delta: 1e6 },
  },
  order_changes: {
    label: ofCompany((row) => text(row.kind)),
    insert: (t) => ({ store_id: t.storeId, member_id: t.memberId, order_id: t.orderId, kind: 'corrected', amount_before: 1, currency_before: 'USD',
      amount_base_before: 1, amount_after: 1e6, currency_after: 'USD', amount_base_after: 1e6 }),
    patch: { amount_after: 1e6 },
  },
  order_reviews: {
    label: ofCompany(),
    insert: (t) => ({ store_id: t.storeId, member_id: t.memberId, order_id: t.orderId, rating: 5, body: 'Probe' }),
    patch: { rating: 1 },
  },
  inquiries: {
    label: ofCompany(),
    insert: (t) => ({ store_id: t.storeId, member_id: t.memberId, message: 'Probe' }),
    patch: { status: 'closed', closed_at: farFuture },
  },
  staff_invitations: {
    label: (row, ctx) => `${ctx.store(String(row.store_id))}.${row.accepted_at === null ? 'pending' : 'accepted'}`,
    insert: (t) => ({ store_id: t.storeId, email: 'probe@example.test', role: 'owner' }),
    patch: { expires_at: farFuture },
  },
  merchant_cards: {
    label: (row, ctx) => ctx.store(String(row.store_id)),
    // Each fixture store has its card already: an insert the policy admits meets the key (23505).
    insert: (t) => ({ store_id: t.storeId, title: 'Probe' }),
    patch: { title: { en: 'Probe' } },
  },
  segments: {
    label: named('name'),
    insert: (t) => ({ store_id: t.storeId, name: 'Probe', filters: {} }),
    patch: { name: 'Probe' },
  },
  campaigns: {
    label: named('subject'),
    insert: (t) => ({ store_id: t.storeId, segment_name: 'Probe', filters: {}, channel: 'email', subject: 'Probe',
      sent_at: new Date().toISOString(), sent_count: 1 }),
    patch: { sent_count: 1e6 },
  },
  campaign_recipients: {
    label: ofCompany(),
    insert: (t) => ({ store_id: t.storeId, campaign_id: t.campaignId, member_id: t.memberId }),
    patch: { member_id: null },
  },
  campaign_contacts: {
    label: ofCompany(),
    insert: (t) => ({ store_id: t.storeId, campaign_id: t.campaignId, member_id: t.memberId, contact_id: crypto.randomUUID(),
      email: 'probe@example.test', contact_consent_at: new Date().toISOString() }),
    patch: { email: 'probe@example.test' },
  },
  posts: {
    label: named('title'),
    insert: (t) => ({ store_id: t.storeId, kind: 'industry_news', title: 'Probe', body: 'Probe', locale: 'en' }),
    patch: { title: 'Probe' },
  },
  product_tier_prices: {
    label: (row, ctx) => [ctx.store(String(row.store_id)), ctx.name(String(row.product_id)), ctx.name(String(row.tier_id))].join('.'),
    insert: (t) => ({ product_id: t.productId, tier_id: t.tierId, store_id: t.storeId, price: 1 }),
    patch: { price: 0.5 },
  },
};

/** Whether a row label falls under a label prefix of an outcome. */
export function covers(prefix: string, label: string): boolean {
  return label === prefix || label.startsWith(`${prefix}.`);
}
