/**
 * A signed-in member's data at one store, for the portal's My membership page and the widget
 * frame's compact view: the engine's RPCs and the tables a contact reads under RLS, each result
 * validated with zod so a schema change shows up here as one clear error. Writes go through the
 * engine's RPCs (or the few columns RLS lets a contact update); their errors keep the API's
 * `details` ({field, reason}) so forms can put them next to the field.
 *
 * Reads take the member's access token and go over plain fetch (public-api.ts; the first
 * screen's in member-summary.ts), so a page reading them loads no supabase-js for it; writes
 * take the supabase-js client, which also keeps the session (and so the token) fresh.
 */
// zod/mini: the classic API's validation in a fraction of its bytes, on a page that must load fast.
import * as z from 'zod/mini';
import { locales, pageLocale, type Locale } from '../i18n/locales.ts';
import { changedSinceRead } from './read-again.ts';
import { isEmail, isInternationalPhone, isPhone, isWechatId } from './contact-formats.ts';
import { couponSources } from './coupon-value.ts';
import { ledgerChangesEmbed, orderChangeKinds, orderChangesEmbed } from './order-changes.ts';
import { orderPoints, orderPointsReasons } from './order-points.ts';
import { newestOrder } from './history-order.ts';
import { merchantCardSchema, tierSchema, type Profile } from './store-api.ts';
import { summaryRequests } from './member-summary.ts';
import { PublicApiError, publicRpc, publicSelect, withImageUrls } from './public-api.ts';
import type { Client } from './supabase.ts';
import { isWebUrl, withScheme } from './web-address.ts';

// PostgREST sends `numeric` as JSON numbers, but some proxies and older versions send strings.
const amount = z.coerce.number();
const when = z.string();
const currency = z.string().check(z.length(3));

/**
 * A request that failed, with the API's code and, for forms, the field and reason; `details` keeps
 * the rest of the refusal's figures (the sample quota's `used` and `quota`) for the sentence a
 * member reads (src/components/member/refusals.ts), since the message is the engine's English.
 */
export class MemberApiError extends Error {
  override name = 'MemberApiError';
  readonly code: string | undefined;
  readonly field: string | undefined;
  readonly reason: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;
  constructor(message: string, code: string | undefined, field: string | undefined, reason: string | undefined, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.code = code;
    this.field = field;
    this.reason = reason;
    this.details = details;
  }
}

interface ApiError {
  message: string;
  code?: string;
  details?: string | null;
}

/** A PostgREST error as a MemberApiError, with the field and reason of the engine's refusals (`details`). */
export function apiError(error: ApiError): MemberApiError {
  let details: Record<string, unknown> = {};
  try {
    const parsed: unknown = error.details ? JSON.parse(error.details) : null;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) details = parsed as Record<string, unknown>;
  } catch {
    // `details` is free text for errors PostgREST raises itself; the message says it all.
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return new MemberApiError(error.message, error.code, text(details['field']), text(details['reason']), details);
}

function parse<T>(schema: z.ZodMiniType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new MemberApiError(`Unexpected ${what} from the API: ${z.prettifyError(result.error)}`, undefined, undefined, undefined);
  return result.data;
}

async function read<T>(request: PromiseLike<{ data: unknown; error: ApiError | null }>, schema: z.ZodMiniType<T>, what: string): Promise<T> {
  const { data, error } = await request;
  if (error) throw apiError(error);
  return parse(schema, data, what);
}

/** A read over plain fetch with the member's token, its refusals as this module's errors. */
async function readWithToken<T>(request: Promise<unknown>, schema: z.ZodMiniType<T>, what: string): Promise<T> {
  let data: unknown;
  try {
    data = await request;
  } catch (error) {
    throw error instanceof PublicApiError ? new MemberApiError(error.message, error.code, undefined, undefined) : error;
  }
  return parse(schema, data, what);
}

/** Rows of `table` the member may read (RLS decides), with PostgREST's select, filters and order. */
function readRows<T>(token: string, table: string, params: Record<string, string>, schema: z.ZodMiniType<T>, what: string, locale?: Locale): Promise<T> {
  return readWithToken(publicSelect(table, { token, params, locale }), schema, what);
}

async function write(request: PromiseLike<{ error: ApiError | null }>): Promise<void> {
  const { error } = await request;
  if (error) throw apiError(error);
}

// ---------------------------------------------------------------------------------------------
// The summary: my_membership, membership_standing, the store's tiers, tier history
// ---------------------------------------------------------------------------------------------

const couponHeld = z.object({
  id: z.uuid(),
  coupon_id: z.uuid(),
  code: z.string(),
  description: z.nullable(z.string()),
  description_lang: z.nullable(z.string()),
  kind: z.enum(['percent', 'amount']),
  value: amount,
  currency: z.nullable(currency),
  min_order_amount: z.nullable(amount),
  valid_until: z.nullable(when),
  source: z.string(),
  claimed_at: when,
});

/** `held`: the company's copies, used ones too, as claim_coupon counts them; `left`: how many more it may claim. */
const couponClaimable = z.extend(z.omit(couponHeld, { id: true, source: true, claimed_at: true }), { held: z.int(), left: z.int() });

const membershipSchema = z.object({
  store: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    /** The language `name` is written in (the page's, else the store's default, else any). */
    name_lang: z.string(),
    base_currency: currency,
    default_locale: z.string(),
    statistical_period_days: z.int(),
    sample_period_days: z.int(),
  }),
  member: z.object({
    id: z.uuid(),
    company_name: z.string(),
    country: z.nullable(z.string()),
    website: z.nullable(z.string()),
    industry: z.nullable(z.string()),
    joined_at: when,
  }),
  contact: z.object({ id: z.uuid(), role: z.enum(['primary', 'colleague']), full_name: z.string() }),
  contacts_count: z.int(),
  tier: z.object({ ...tierSchema.shape, moq_override: z.nullable(z.int()) }),
  override: z.nullable(z.object({ tier_id: z.uuid(), tier_name: z.string(), expires_at: when, reason: z.nullable(z.string()) })),
  progress: z.object({
    window_start: when,
    paid_orders: z.int(),
    paid_amount: amount,
    currency,
    next_expiry: z.nullable(when),
    next_tier: z.nullable(
      z.object({
        id: z.uuid(),
        rank: z.int(),
        name: z.string(),
        min_paid_orders: z.int(),
        min_paid_amount: amount,
        orders_needed: z.int(),
        amount_needed: amount,
      }),
    ),
  }),
  samples: z.object({ used: z.int(), quota: z.nullable(z.int()), left: z.nullable(z.int()) }),
  points: z.object({
    balance: z.int(),
    soonest_expiry: z.nullable(z.object({ expires_at: when, points: z.int() })),
  }),
  rebates: z.object({ balance: amount, currency }),
  coupons: z.object({ claimed: z.array(couponHeld), claimable: z.array(couponClaimable) }),
});

export type Membership = z.infer<typeof membershipSchema>;
export type HeldCoupon = z.infer<typeof couponHeld>;
export type ClaimableCoupon = z.infer<typeof couponClaimable>;

/** The caller's membership at the store, re-evaluated now; null when they are not a member there. */
export function fetchMembership(token: string, slug: string, locale: Locale): Promise<Membership | null> {
  return readWithToken(summaryRequests.membership(token, slug, locale), z.nullable(membershipSchema), 'membership');
}

const tierRef = z.object({ id: z.uuid(), rank: z.int() });

const orderChangeKind = z.enum(orderChangeKinds);

/**
 * What the import changed in a paid order (order_changes), oldest first, for OrderAmount's
 * "refunded in part, was …": embedded in the orders list and the orders to review, and given by
 * membership_standing with each order it lists.
 */
const orderChanges = z.array(z.object({ id: z.int(), kind: orderChangeKind, amount_before: amount, currency_before: currency }));

const standingSchema = z.object({
  window_start: when,
  period_days: z.int(),
  currency,
  paid_orders: z.int(),
  paid_amount: amount,
  orders_tier: z.extend(tierRef, { min_paid_orders: z.int(), min_paid_amount: amount }),
  orders: z.array(
    z.object({
      id: z.uuid(),
      external_ref: z.string(),
      placed_at: when,
      leaves_at: when,
      amount,
      currency,
      amount_base: amount,
      orders_after: z.int(),
      amount_after: amount,
      tier_after: tierRef,
      changes: orderChanges,
    }),
  ),
  holds_until: z.nullable(when),
  falls_to: z.nullable(tierRef),
  to_keep: z.nullable(z.object({ orders_needed: z.int(), amount_needed: amount })),
});

export type Standing = z.infer<typeof standingSchema>;

/**
 * Which paid orders hold the tier, when each leaves the period, and what keeps the tier; `limit`
 * lists only the orders leaving soonest (the figures still count them all).
 */
export function fetchStanding(token: string, slug: string, limit?: number): Promise<Standing> {
  return readWithToken(summaryRequests.standing(token, slug, limit), standingSchema, 'standing');
}

const storeTiersSchema = z.object({
  store: z.object({ name: z.string(), name_lang: z.string(), brand_color: z.nullable(z.string()), joining_paused: z.optional(z.boolean()), points_per_currency_unit: z.optional(amount) }),
  tiers: z.pipe(z.array(tierSchema), z.transform((tiers) => tiers.toSorted((a, b) => a.rank - b.rank))),
  card: merchantCardSchema,
});

export type StoreTier = z.infer<typeof tierSchema>;

export interface StoreTiers {
  /** The store's name, also for a login that is no member there (store_profile is public). */
  storeName: string;
  /** The language `storeName` is written in. */
  storeNameLang: string;
  /** The store's own colour for its pages (null: Cardclub's; brand-color.ts). */
  brandColor: string | null;
  /** The owners have paused taking new members: a login that is none is not sent to join. */
  joiningPaused: boolean;
  /** Points per unit of the store's currency paid, which a tier's points multiplier multiplies (0 from a server before migration 20261226000800: no rate said). */
  pointsPerCurrencyUnit: number;
  tiers: StoreTier[];
  /** The merchant's business card, as the store page shows it (null until an owner writes one). */
  card: Profile['card'];
}

/** Every tier of the store with its rights, by rank (for "what the next tier adds"); without a token, as a visitor reads it. */
export async function fetchStoreTiers(token: string | undefined, slug: string, locale: Locale): Promise<StoreTiers> {
  const { store, tiers, card } = await readWithToken(summaryRequests.tiers(token, slug, locale), storeTiersSchema, 'tiers');
  return { storeName: store.name, storeNameLang: store.name_lang, brandColor: store.brand_color, joiningPaused: store.joining_paused ?? false, pointsPerCurrencyUnit: store.points_per_currency_unit ?? 0, tiers, card };
}

const tierChangeSchema = z.object({
  id: z.uuid(),
  from_tier_id: z.nullable(z.uuid()),
  from_tier_name: z.nullable(z.string()),
  to_tier_id: z.nullable(z.uuid()),
  to_tier_name: z.nullable(z.string()),
  reason: z.string(),
  changed_at: when,
  /** Computed fields (private.tier_move_orders): whether the move followed the import's change of orders, and which a drop names. */
  orders_changed: z.int(),
  changed_order_ref: z.nullable(z.string()),
  /** Computed field (20261215000200): the orders the move paid (reason orders) or took back from (refund), in their place. */
  moved_order_refs: z.array(z.string()),
});

export type TierChange = z.infer<typeof tierChangeSchema>;

/** The tier changes of the login's company at the store after `since`, newest first (see summaryRequests). */
export function fetchTierChanges(token: string, userId: string, slug: string, locale: Locale, since: string): Promise<TierChange[]> {
  return readWithToken(summaryRequests.tierChanges(token, userId, slug, locale, since), z.array(tierChangeSchema), 'tier history');
}

// ---------------------------------------------------------------------------------------------
// Stores the login belongs to
// ---------------------------------------------------------------------------------------------

const myStoreSchema = z.object({ id: z.uuid(), slug: z.string(), name: z.string(), text_langs: z.object({ name: z.string() }) });
export type MyStore = z.infer<typeof myStoreSchema>;

/** Every store where the signed-in login is a member contact, by name (one request). */
export async function fetchMyStores(token: string, userId: string): Promise<MyStore[]> {
  const contacts = await readWithToken(
    summaryRequests.myStores(token, userId, pageLocale()),
    z.array(z.object({ member: z.object({ store: myStoreSchema }) })),
    'stores',
  );
  return contacts.map((contact) => contact.member.store).toSorted((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// Exclusive catalogue, samples, inquiries
// ---------------------------------------------------------------------------------------------

const catalogueSchema = z.object({
  id: z.uuid(),
  sku: z.nullable(z.string()),
  name: z.string(),
  name_lang: z.string(),
  description: z.nullable(z.string()),
  description_lang: z.nullable(z.string()),
  kind: z.enum(['regular', 'customized']),
  currency,
  list_price: amount,
  member_price: z.nullable(amount),
  discount_percent: z.nullable(amount),
  prepay_percent: z.nullable(amount),
  moq: z.nullable(z.int()),
  visibility: z.enum(['public', 'members', 'tier']),
  min_tier_rank: z.nullable(z.int()),
  image_path: z.nullable(z.string()),
  sample_eligible: z.boolean(),
});

export type CatalogueProduct = z.infer<typeof catalogueSchema> & { image_url: string | null };

/**
 * The store's products as the caller's tier sees them (RLS decides), with their own price,
 * prepayment ratio and MOQ; `exclusiveOnly` keeps the members' and tiers' products, `skus` and
 * `ids` the ones with those SKUs or ids (at most 50 of each), `search` those whose SKU or name
 * holds it, `limit` the first so many (all applied by the function, before it puts each product
 * in the reading language: a store may have thousands). Images are signed for an hour from the
 * private `product-images` bucket, whose read policy is the product's.
 */
export async function fetchCatalogue(
  token: string,
  slug: string,
  locale: Locale,
  { exclusiveOnly = false, skus, ids, search, limit }: { exclusiveOnly?: boolean; skus?: readonly string[]; ids?: readonly string[]; search?: string; limit?: number } = {},
): Promise<CatalogueProduct[]> {
  const args = {
    p_store_slug: slug,
    p_locale: locale,
    ...(exclusiveOnly && { p_visibility: ['members', 'tier'] }),
    ...(skus && { p_skus: skus }),
    ...(ids && { p_ids: ids }),
    ...(search !== undefined && { p_search: search }),
  };
  // The function gives at most 100 rows a call: a list shown past 100 is read 100 at a time, at once.
  const offsets = limit === undefined ? [0] : Array.from({ length: Math.ceil(limit / 100) }, (_, page) => page * 100);
  const pages = await Promise.all(
    offsets.map((offset) =>
      readWithToken(
        publicRpc('store_catalogue', limit === undefined ? args : { ...args, p_limit: Math.min(100, limit - offset), p_offset: offset }, { token }),
        z.array(catalogueSchema),
        'catalogue',
      ),
    ),
  );
  return withImageUrls(pages.flat(), token);
}

/** A form's text, trimmed, then `min` (a required field: 1) to `max` characters. */
const formText = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/**
 * The database's format rule for a field (`rule`), as private.clean_format applies it: left
 * empty, the field is null, which it takes. `message` names the rule broken; the member forms say
 * it in the reader's language.
 */
const format = (rule: (value: string) => boolean, message: string) => z.refine<string>((value) => value === '' || rule(value), message);

/** A product search: store_catalogue's `p_search` (a SKU or part of a name, in any language). */
export const productSearchSchema = z.object({ search: formText(1, 100) });

export const shipToSchema = z.object({
  name: formText(1, 200),
  company: z.optional(formText(0, 200)),
  line1: formText(1, 200),
  line2: z.optional(formText(0, 200)),
  city: formText(1, 200),
  region: z.optional(formText(0, 200)),
  postal_code: z.optional(formText(0, 16)),
  country: z.string().check(z.trim(), z.regex(/^[A-Za-z]{2}$/), z.toUpperCase()),
  // parse_ship_to's phone rule (is_phone), said at the field before sending, as a card's phone is.
  phone: formText(1, 40).check(format(isPhone, 'fieldPhone')),
});
export type ShipTo = z.infer<typeof shipToSchema>;

/** An address as the API takes it (parse_ship_to): optional fields left blank are left out, as it refuses empty strings. */
const addressArg = (shipTo: ShipTo) => Object.fromEntries(Object.entries(shipTo).filter(([, value]) => value !== undefined && value !== ''));

/** `requestId`: the claim's key (components/request-key.ts), the same for its retries. */
export function claimSample(client: Client, productId: string, shipTo: ShipTo, quantity: number, requestId: string): Promise<void> {
  return write(client.rpc('claim_sample', { p_product_id: productId, p_ship_to: addressArg(shipTo), p_quantity: quantity, p_request_id: requestId }));
}

const claimSchema = z.object({
  id: z.uuid(),
  product_id: z.uuid(),
  quantity: z.int(),
  status: z.enum(['requested', 'approved', 'shipped', 'rejected', 'cancelled']),
  carrier: z.nullable(z.string()),
  tracking_number: z.nullable(z.string()),
  rejection_reason: z.nullable(z.string()),
  created_at: when,
  shipped_at: z.nullable(when),
  /** The contact who asked (null once they left the store), and the address as sent (`{country}` alone then). */
  contact_id: z.nullable(z.uuid()),
  ship_to: z.record(z.string(), z.unknown()),
  products: z.nullable(z.object({ name: z.nullable(z.string()) })),
});
export type SampleClaim = z.infer<typeof claimSchema>;

export function fetchSampleClaims(token: string, memberId: string, locale: Locale): Promise<SampleClaim[]> {
  return readRows(
    token,
    'sample_claims',
    {
      select: 'id,product_id,quantity,status,carrier,tracking_number,rejection_reason,created_at,shipped_at,contact_id,ship_to,products(name:name_local)',
      member_id: `eq.${memberId}`,
      order: newestOrder('sample_claims'),
    },
    z.array(claimSchema),
    'sample claims',
    locale,
  );
}

export function cancelSample(client: Client, claimId: string): Promise<void> {
  return write(client.rpc('cancel_sample', { p_claim_id: claimId }));
}

export const inquirySchema = z.object({
  message: formText(1, 4000),
  quantity: z.optional(z.int().check(z.minimum(1), z.maximum(10_000_000))),
  // send_inquiry's rule (private.check_amount), checked before sending: refused there, the buyer read only "Please check this field".
  target_price: z.optional(z.number({ error: 'fieldAmount' }).check(z.refine((price) => price > 0 && /^\d+(\.\d{1,2})?$/.test(String(price)), 'fieldAmount'), z.maximum(999_999_999_999.99))),
});
export type InquiryInput = z.infer<typeof inquirySchema>;

export function sendInquiry(client: Client, slug: string, productId: string | null, input: InquiryInput): Promise<void> {
  return write(
    client.rpc('send_inquiry', {
      p_store_slug: slug,
      p_message: input.message,
      ...(productId ? { p_product_id: productId } : {}),
      ...(input.quantity !== undefined ? { p_quantity: input.quantity } : {}),
      ...(input.target_price !== undefined ? { p_target_price: input.target_price } : {}),
    }),
  );
}

const inquiryRowSchema = z.object({
  id: z.uuid(),
  message: z.string(),
  quantity: z.nullable(z.int()),
  target_price: z.nullable(amount),
  currency: z.nullable(currency),
  status: z.enum(['open', 'answered', 'closed']),
  answer: z.nullable(z.string()),
  // The answer's time, later than first_answered_at once the store changed it.
  answered_at: z.nullable(when),
  first_answered_at: z.nullable(when),
  created_at: when,
  products: z.nullable(z.object({ name: z.nullable(z.string()) })),
});
export type Inquiry = z.infer<typeof inquiryRowSchema>;

export function fetchInquiries(token: string, memberId: string, locale: Locale): Promise<Inquiry[]> {
  return readRows(
    token,
    'inquiries',
    {
      select: 'id,message,quantity,target_price,currency,status,answer,answered_at,first_answered_at,created_at,products(name:name_local)',
      member_id: `eq.${memberId}`,
      order: newestOrder('inquiries'),
    },
    z.array(inquiryRowSchema),
    'inquiries',
    locale,
  );
}

// ---------------------------------------------------------------------------------------------
// Points, rewards, rebates, coupons
// ---------------------------------------------------------------------------------------------

/** Which language each merchant-written field came in (`{"name": "es"}`), where it is not the one asked for. */
const textLangs = z.nullable(z.record(z.string(), z.nullable(z.string())));

/** A ledger row's order's changes (order_changes), matched to the row by their instant: ledgerReason. */
const ledgerOrderChanges = z.array(z.object({ kind: orderChangeKind, changed_at: when }));

const pointsRowSchema = z.object({
  id: z.int(),
  delta: z.int(),
  reason: z.enum(['join', 'order', 'review', 'adjustment', 'redemption', 'expiry', 'clawback', 'order_correction', 'order_rerated']),
  note: z.nullable(z.string()),
  shortfall: z.nullable(z.int()),
  earned_at: when,
  expires_at: z.nullable(when),
  remaining: z.nullable(z.int()),
  created_at: when,
  /** The row's order, with what the import changed in it (the change at the row's instant names a refund's or correction's row). */
  orders: z.nullable(z.object({ external_ref: z.string(), changes: ledgerOrderChanges })),
  /** An expiry's credit: when it was earned, how long it lasted (the store's points period then) and its order. */
  credit: z.nullable(z.object({ earned_at: when, expires_at: when, orders: z.nullable(z.object({ external_ref: z.string() })) })),
  /** A redemption's reward in the reader's language (null once the store retires it: `note` keeps its name). */
  reward: z.nullable(z.object({ name: z.string(), text_langs: textLangs })),
  /** A reward the store's team sends or hands over: whether, when and how it was. */
  delivery: z.nullable(z.object({ delivery: z.enum(['shipped', 'handed_over']), sent_at: z.nullable(when), sent_note: z.nullable(z.string()), carrier: z.nullable(z.string()), tracking_number: z.nullable(z.string()) })),
});
export type PointsRow = z.infer<typeof pointsRowSchema>;

/** The newest `limit` rows of the company's points ledger. */
export function fetchPointsLedger(token: string, memberId: string, limit: number, locale: Locale): Promise<PointsRow[]> {
  return readRows(
    token,
    'points_ledger',
    {
      select: `id,delta,reason,note,shortfall,earned_at,expires_at,remaining,created_at,orders(external_ref,${ledgerChangesEmbed}),credit:credit_id(earned_at,expires_at,orders(external_ref)),reward:rewards(name:name_local,text_langs),delivery:reward_deliveries(delivery,sent_at,sent_note,carrier,tracking_number)`,
      member_id: `eq.${memberId}`,
      order: newestOrder('points_ledger'),
      limit: String(limit),
    },
    z.array(pointsRowSchema),
    'points ledger',
    locale,
  );
}

const expiringSchema = z.object({ remaining: z.int(), expires_at: when });

/** Open credits read for the expiry schedule, soonest first: past them, the rest of the balance is "later". */
export const openCreditsRead = 500;

/**
 * What is left of the company's credits, soonest to expire first: the oldest credits, which a big
 * buyer's newest ledger rows never reach (the open credits' index serves it).
 */
export function fetchOpenCredits(token: string, memberId: string): Promise<{ remaining: number; expires_at: string }[]> {
  return readRows(
    token,
    'points_ledger',
    { select: 'remaining,expires_at', member_id: `eq.${memberId}`, remaining: 'gt.0', order: 'expires_at.asc,id.asc', limit: String(openCreditsRead) },
    z.array(expiringSchema),
    'expiring points',
  );
}

const rewardSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.nullable(z.string()),
  points_cost: z.int(),
  text_langs: textLangs,
  /** The coupon it gives; none: the store's team delivers it, as `delivery` says. */
  coupon_id: z.nullable(z.uuid()),
  /** Shipped to the address redeem_reward is given, or handed over (no address). */
  delivery: z.enum(['shipped', 'handed_over']),
});
export type Reward = z.infer<typeof rewardSchema>;

/** What the store gives for a first review of an order, in points (0: nothing). */
export async function fetchReviewPoints(token: string, storeId: string): Promise<number> {
  const [store] = await readRows(token, 'stores', { select: 'review_points', id: `eq.${storeId}` }, z.array(z.object({ review_points: z.int() })), 'store');
  return store?.review_points ?? 0;
}

export function fetchRewards(token: string, storeId: string, locale: Locale): Promise<Reward[]> {
  return readRows(
    token,
    'rewards',
    { select: 'id,name:name_local,description:description_local,points_cost,text_langs,coupon_id,delivery', store_id: `eq.${storeId}`, active: 'eq.true', order: 'points_cost.asc' },
    z.array(rewardSchema),
    'rewards',
    locale,
  );
}

/**
 * `shipTo`: where the store ships a reward without a coupon (required for one, refused for a
 * coupon's or one handed over). `requestId`: the redemption's key (components/request-key.ts), the
 * same for its retries.
 */
export function redeemReward(client: Client, rewardId: string, requestId: string, shipTo?: ShipTo): Promise<void> {
  return write(client.rpc('redeem_reward', { p_reward_id: rewardId, p_request_id: requestId, ...(shipTo && { p_ship_to: addressArg(shipTo) }) }));
}

const rebateRowSchema = z.object({
  id: z.int(),
  delta: amount,
  currency,
  reason: z.enum(['order', 'applied', 'reversal', 'credit', 'correction', 'order_correction', 'order_rerated']),
  applied_to_order_ref: z.nullable(z.string()),
  note: z.nullable(z.string()),
  shortfall: z.nullable(amount),
  /** When the entry takes effect: an order's rebate from the order, like its points. */
  earned_at: when,
  created_at: when,
  orders: z.nullable(z.object({ external_ref: z.string(), changes: ledgerOrderChanges })),
});
export type RebateRow = z.infer<typeof rebateRowSchema>;

/** The newest `limit` rows of the company's rebate ledger. */
export function fetchRebateLedger(token: string, memberId: string, limit: number): Promise<RebateRow[]> {
  return readRows(
    token,
    'rebate_ledger',
    {
      select: `id,delta,currency,reason,applied_to_order_ref,note,shortfall,earned_at,created_at,orders(external_ref,${ledgerChangesEmbed})`,
      member_id: `eq.${memberId}`,
      order: newestOrder('rebate_ledger'),
      limit: String(limit),
    },
    z.array(rebateRowSchema),
    'rebate ledger',
  );
}

const memberCouponSchema = z.object({
  id: z.uuid(),
  source: z.enum(couponSources),
  claimed_at: when,
  used_at: z.nullable(when),
  used_order_ref: z.nullable(z.string()),
  coupons: z.object({
    code: z.string(),
    description: z.nullable(z.string()),
    kind: z.enum(['percent', 'amount']),
    value: amount,
    currency: z.nullable(currency),
    min_order_amount: z.nullable(amount),
    valid_until: z.nullable(when),
    text_langs: textLangs,
  }),
});
type MemberCoupon = z.infer<typeof memberCouponSchema>;

/** Every coupon the company holds or held: unused, used and expired, newest first (not copies staff took back: never the company's to use). */
export function fetchMemberCoupons(token: string, memberId: string, locale: Locale): Promise<MemberCoupon[]> {
  return readRows(
    token,
    'member_coupons',
    {
      select: 'id,source,claimed_at,used_at,used_order_ref,coupons(code,description:description_local,kind,value,currency,min_order_amount,valid_until,text_langs)',
      member_id: `eq.${memberId}`,
      taken_back_at: 'is.null',
      order: newestOrder('member_coupons'),
    },
    z.array(memberCouponSchema),
    'coupons',
    locale,
  );
}

/** `requestId`: the claim's key (components/request-key.ts), the same for its retries. */
export function claimCoupon(client: Client, couponId: string, requestId: string): Promise<void> {
  return write(client.rpc('claim_coupon', { p_coupon_id: couponId, p_request_id: requestId }));
}

// ---------------------------------------------------------------------------------------------
// Orders: every order of the company, and those to review
// ---------------------------------------------------------------------------------------------

/** Embedded changes (orderChangesEmbed) oldest first. */
const orderChangesOrder = { 'changes.order': 'id' };

const orderSchema = z.object({
  id: z.uuid(),
  external_ref: z.string(),
  amount,
  currency,
  amount_base: amount,
  placed_at: when,
  status: z.enum(['paid', 'refunded', 'cancelled']),
  delivered_at: z.nullable(when),
  /** Until when it counts toward the tier (the computed field `counts_until`); null unless paid. */
  counts_until: z.nullable(when),
  /** What the order earned in points and what refunds took back, from its ledger rows. */
  points: orderPoints,
  /** What the import changed in it while paid (order_changes), oldest first. */
  changes: orderChanges,
});
export type Order = z.infer<typeof orderSchema>;

/** The newest `limit` orders of the company at the store, whatever their status (orders_member_placed_idx). */
export function fetchOrders(token: string, memberId: string, limit: number): Promise<Order[]> {
  return readRows(
    token,
    'orders',
    {
      select: `id,external_ref,amount,currency,amount_base,placed_at,status,delivered_at,counts_until,points:points_ledger(delta,reason,shortfall),${orderChangesEmbed}`,
      'points.reason': `in.(${orderPointsReasons.join(',')})`,
      ...orderChangesOrder,
      member_id: `eq.${memberId}`,
      order: newestOrder('orders'),
      limit: String(limit),
    },
    z.array(orderSchema),
    'orders',
  );
}

const deliveredOrderSchema = z.object({
  id: z.uuid(),
  external_ref: z.string(),
  amount,
  currency,
  amount_base: amount,
  placed_at: when,
  status: z.literal('paid'),
  delivered_at: when,
  // One review per order (unique order_id): PostgREST embeds it as an object or null.
  order_reviews: z.nullable(z.object({ rating: z.int(), body: z.string(), created_at: when })),
  changes: orderChanges,
});
export type DeliveredOrder = z.infer<typeof deliveredOrderSchema>;

/** Exported for the database test that reads it as a buyer. */
export const deliveredOrdersSelect = `id,external_ref,amount,currency,amount_base,placed_at,status,delivered_at,order_reviews(rating,body,created_at),${orderChangesEmbed}`;

/**
 * The company's paid, delivered orders with their review if any (one review per order earns
 * points), newest first; the first `limit` of them.
 */

export function fetchDeliveredOrders(token: string, memberId: string, limit: number): Promise<DeliveredOrder[]> {
  return readRows(
    token,
    'orders',
    {
      select: deliveredOrdersSelect,
      ...orderChangesOrder,
      member_id: `eq.${memberId}`,
      status: 'eq.paid',
      delivered_at: 'not.is.null',
      order: 'delivered_at.desc,id.asc',
      limit: String(limit),
    },
    z.array(deliveredOrderSchema),
    'orders',
  );
}

export const reviewSchema = z.object({ rating: z.int().check(z.minimum(1), z.maximum(5)), body: formText(1, 4000) });

export function reviewOrder(client: Client, orderId: string, review: z.infer<typeof reviewSchema>): Promise<void> {
  return write(client.rpc('review_order', { p_order_id: orderId, p_rating: review.rating, p_body: review.body }));
}

// ---------------------------------------------------------------------------------------------
// The company: its card, contacts' cards, invitations
// ---------------------------------------------------------------------------------------------

const cardFields = ['full_name', 'job_title', 'email', 'phone', 'whatsapp', 'wechat'] as const;

const contactSchema = z.object({
  id: z.uuid(),
  user_id: z.uuid(),
  role: z.enum(['primary', 'colleague']),
  full_name: z.string(),
  job_title: z.nullable(z.string()),
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  whatsapp: z.nullable(z.string()),
  wechat: z.nullable(z.string()),
  preferred_locale: z.nullable(z.string()),
  contact_consent_at: z.nullable(when),
});
export type Contact = z.infer<typeof contactSchema>;

const companySchema = z.object({
  id: z.uuid(),
  company_name: z.string(),
  country: z.nullable(z.string()),
  website: z.nullable(z.string()),
  industry: z.nullable(z.string()),
  /** When the card last changed: its save is made over it (updateCompany). */
  updated_at: when,
});
export type Company = z.infer<typeof companySchema>;

/** `token`: the secret the invitation's link carries (`/me/?s=SLUG&invitation=TOKEN`). */
const invitationSchema = z.object({ id: z.uuid(), email: z.string(), token: z.uuid(), created_at: when, expires_at: when, accepted_at: z.nullable(when) });
export type Invitation = z.infer<typeof invitationSchema>;

export interface CompanyPage {
  company: Company;
  contacts: Contact[];
  invitations: Invitation[];
}

/** The contacts longest-standing first, as private.hand_over_primary picks the next primary (the leave question names them). */
export async function fetchCompany(token: string, memberId: string): Promise<CompanyPage> {
  const [company, contacts, invitations] = await Promise.all([
    fetchCompanyCard(token, memberId),
    readRows(token, 'member_contacts', { select: `id,user_id,role,preferred_locale,contact_consent_at,${cardFields.join(',')}`, member_id: `eq.${memberId}`, order: 'created_at.asc,id.asc' },
      z.array(contactSchema), 'contacts'),
    readRows(
      token,
      'member_invitations',
      {
        select: 'id,email,token,created_at,expires_at,accepted_at',
        member_id: `eq.${memberId}`,
        accepted_at: 'is.null',
        expires_at: `gt.${new Date().toISOString()}`,
        order: 'created_at.desc',
      },
      z.array(invitationSchema),
      'invitations',
    ),
  ]);
  return { company, contacts, invitations };
}

/** The company's card alone: read again over a save refused because someone else changed it. */
export async function fetchCompanyCard(token: string, memberId: string): Promise<Company> {
  // Exactly one row: the company the member belongs to.
  const [company] = await readRows(token, 'members', { select: 'id,company_name,country,website,industry,updated_at', id: `eq.${memberId}` },
    z.tuple([companySchema]), 'company');
  return company;
}

/** A form's optional text: trimmed, checked by `checks`, and null when left empty. */
const optionalText = (max: number, ...checks: z.core.$ZodCheck<string>[]) =>
  z.pipe(z.string().check(z.trim(), z.maxLength(max), ...checks), z.transform((value) => value || null));

/** The company's card, within members' rules (check_member_card). */
export const companyFormSchema = z.object({
  company_name: formText(1, 200),
  country: optionalText(2, z.regex(/^([A-Za-z]{2})?$/), z.toUpperCase()),
  // As people type a site ("bella-cabello.mx"): https:// added, as the join card and the merchant's card do.
  website: z.pipe(
    z.pipe(z.string().check(z.trim()), z.transform((value: string) => (value ? withScheme(value) : value))),
    optionalText(300, format(isWebUrl, 'fieldWebsite')),
  ),
  industry: optionalText(120),
});

/** A contact's own card, within member_contacts' rules (check_contact_card: names and titles up to 120). */
export const cardFormSchema = z.object({
  full_name: formText(1, 120),
  job_title: optionalText(120),
  email: optionalText(254, format(isEmail, 'fieldEmail')),
  phone: optionalText(40, format(isPhone, 'fieldPhone')),
  whatsapp: optionalText(40, format(isInternationalPhone, 'fieldWhatsapp')),
  wechat: optionalText(60, format(isWechatId, 'fieldWechat')),
});

/**
 * Saves the company's card (any contact may, and its store's staff) over the card as read, by its
 * updated_at (migration 20261221000200): once someone else changed it since, the update matches no
 * row and writes nothing, and the card is read again to tell why: changed since
 * (`changedSinceRead`), gone from the login's sight (`PT404`: the company left, or the contact was
 * taken off it), or as read, the update hidden by row security (`42501`).
 */
export async function updateCompany(client: Client, asRead: Company, values: z.infer<typeof companyFormSchema>): Promise<void> {
  const saved = await read(client.from('members').update(values).eq('id', asRead.id).eq('updated_at', asRead.updated_at).select('id').maybeSingle(),
    z.nullable(z.object({ id: z.uuid() })), 'company');
  if (saved) return;
  const now = await read(client.from('members').select('updated_at').eq('id', asRead.id).maybeSingle(), z.nullable(z.object({ updated_at: when })), 'company');
  if (now === null) throw new MemberApiError('Nothing was saved: the company is no longer the login\'s', 'PT404', 'member_id', 'matches no company of the login');
  if (now.updated_at !== asRead.updated_at) {
    throw new MemberApiError('Nothing was saved: someone else changed the company\'s card since it was read', changedSinceRead, undefined, undefined);
  }
  throw new MemberApiError('Nothing was saved: row-level security hid the company from the update', '42501', undefined, undefined);
}

/** Saves the caller's own business card. */
export async function updateMyCard(client: Client, contactId: string, values: z.infer<typeof cardFormSchema>): Promise<void> {
  await read(client.from('member_contacts').update(values).eq('id', contactId).select('id').single(), z.object({ id: z.uuid() }), 'card');
}

/**
 * Gives or withdraws the caller's consent to be contacted about offers (campaigns): the server
 * stamps its own time on giving, whatever is sent (private.stamp_contact_consent).
 */
export async function setContactConsent(client: Client, contactId: string, give: boolean): Promise<void> {
  await read(
    client.from('member_contacts').update({ contact_consent_at: give ? new Date().toISOString() : null }).eq('id', contactId).select('id').single(),
    z.object({ id: z.uuid() }),
    'consent',
  );
}

export function inviteColleague(client: Client, memberId: string, email: string): Promise<void> {
  return write(client.rpc('invite_colleague', { p_member_id: memberId, p_email: email }));
}

export function withdrawInvitation(client: Client, invitationId: string): Promise<void> {
  return write(client.from('member_invitations').delete().eq('id', invitationId));
}

// ---------------------------------------------------------------------------------------------
// Invitations to the login, for one not a member yet: invitation_preview, my_invitations, accept_invitation
// ---------------------------------------------------------------------------------------------

const offerSchema = z.object({
  token: z.uuid(),
  email: z.string(),
  store_name: z.string(),
  /** The language `store_name` is written in. */
  store_name_lang: z.string(),
  company_name: z.string(),
  invited_by_name: z.nullable(z.string()),
  expires_at: when,
});
export type InvitationOffer = z.infer<typeof offerSchema>;

/** The pending invitations to the login's confirmed address at the store, newest first, with who invites (the store named in the page's language). */
export function fetchInvitationOffers(token: string, slug: string): Promise<InvitationOffer[]> {
  return readWithToken(publicRpc('my_invitations', { p_store_slug: slug }, { token, locale: pageLocale() }), z.array(offerSchema), 'invitations');
}

const previewSchema = z.object({ store_name: z.string(), store_name_lang: z.string(), company_name: z.string(), email_hint: z.string(), expires_at: when });
type InvitationPreview = z.infer<typeof previewSchema>;

/**
 * What an invitation link's token tells anyone holding it, signed in or not: who invites, where
 * (in the page's language), the invited address masked, until when; null once the invitation is
 * used, withdrawn or expired.
 */
export async function fetchInvitationPreview(invitationToken: string): Promise<InvitationPreview | null> {
  try {
    return await readWithToken(publicRpc('invitation_preview', { p_token: invitationToken }, { locale: pageLocale() }), previewSchema, 'invitation');
  } catch (error) {
    if (error instanceof MemberApiError && error.code === 'PT404') return null;
    throw error;
  }
}

const ownCardSchema = z.object({ full_name: z.string(), job_title: z.nullable(z.string()), phone: z.nullable(z.string()),
  whatsapp: z.nullable(z.string()), wechat: z.nullable(z.string()) });
export type OwnCard = z.infer<typeof ownCardSchema>;

/**
 * The login's most recent card at any store (its own contact rows: RLS lets a contact read its
 * companies' contacts), to start the card an invitation asks for; null for a login with none.
 */
export async function fetchOwnLastCard(token: string, userId: string): Promise<OwnCard | null> {
  const rows = await readRows(token, 'member_contacts',
    { select: 'full_name,job_title,phone,whatsapp,wechat', user_id: `eq.${userId}`, order: 'created_at.desc,id', limit: '1' },
    z.array(ownCardSchema), 'card');
  return rows[0] ?? null;
}

/** The invitee's own card as accept_invitation takes it (a contact's card, the address being the invitation's), and the language they read. */
export const colleagueCardSchema = z.extend(z.omit(cardFormSchema, { email: true }), { preferred_locale: z.enum(locales) });

/** Joins the inviting company as its colleague contact. */
export function acceptInvitation(client: Client, invitationToken: string, card: z.infer<typeof colleagueCardSchema>): Promise<void> {
  const { full_name, preferred_locale, ...optional } = card;
  // Fields left blank are left out: the RPC's defaults apply.
  const given = Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== null).map(([name, value]) => [`p_${name}`, value]));
  return write(client.rpc('accept_invitation', { p_token: invitationToken, p_full_name: full_name, p_preferred_locale: preferred_locale, ...given }));
}

// ---------------------------------------------------------------------------------------------
// The store's posts feed (/posts/?s=SLUG)
// ---------------------------------------------------------------------------------------------

/**
 * How many posts of the store's feed (teasers included) were published after `since`, the
 * ISO time this device last opened the feed (null: never, so every post is new).
 */
export function fetchNewPostsCount(token: string, slug: string, since: string | null): Promise<number> {
  return readWithToken(summaryRequests.newPostsCount(token, slug, since), z.int().check(z.minimum(0)), 'new posts count');
}

// ---------------------------------------------------------------------------------------------
// Updates: what the store did for the company (my_updates, mark_updates_seen)
// ---------------------------------------------------------------------------------------------

/** A merchant text in the reader's language, or the language it is in (`_lang`); null when its row is gone. */
const localText = z.nullable(z.string());

const updateBase = { happened_at: when, is_new: z.boolean() };

const updateSchema = z.discriminatedUnion('kind', [
  z.object({
    ...updateBase,
    kind: z.enum(['sample_approved', 'sample_shipped', 'sample_rejected']),
    product_name: localText,
    product_name_lang: localText,
    quantity: z.int(),
    carrier: z.nullable(z.string()),
    tracking_number: z.nullable(z.string()),
    note: z.nullable(z.string()),
  }),
  z.object({ ...updateBase, kind: z.literal('inquiry_answered'), inquiry_id: z.uuid(), changed: z.boolean(), product_name: localText, product_name_lang: localText }),
  z.object({
    ...updateBase,
    kind: z.literal('tier_changed'),
    from_tier: localText,
    from_tier_lang: localText,
    to_tier: localText,
    to_tier_lang: localText,
    reason: z.enum(['orders', 'refund', 'period', 'override', 'override_expired', 'tier_rules']),
    up: z.nullable(z.boolean()),
    /** The import's changes of paid orders it follows (reason orders), and the one order when the feed can tell. */
    orders_changed: z.int(),
    changed_order_ref: z.nullable(z.string()),
    /** The orders it paid or took back from, named when it follows no change of one (20261215000300). */
    moved_order_refs: z.array(z.string()),
  }),
  z.object({ ...updateBase, kind: z.enum(['coupon_given', 'coupon_taken_back']), code: z.string(), name: localText, name_lang: localText }),
  /** A reward marked sent, or handed over (delivery, 20261218000310): a shipped one's carrier and tracking number when staff gave them. */
  z.object({
    ...updateBase,
    kind: z.literal('reward_sent'),
    name: localText,
    name_lang: localText,
    delivery: z.enum(['shipped', 'handed_over']),
    carrier: z.nullable(z.string()),
    tracking_number: z.nullable(z.string()),
    note: z.nullable(z.string()),
  }),
  z.object({ ...updateBase, kind: z.enum(['rebate_credited', 'rebate_corrected']), amount, currency, note: z.nullable(z.string()) }),
  z.object({ ...updateBase, kind: z.literal('points_adjusted'), points: z.int(), note: z.nullable(z.string()) }),
  z.object({
    ...updateBase,
    kind: z.enum(['order_corrected', 'order_refunded_in_part']),
    order_ref: z.string(),
    amount_before: amount,
    currency_before: currency,
    amount_base_before: amount,
    amount_after: amount,
    currency_after: currency,
    amount_base_after: amount,
    base_currency: currency,
    /** What the order's own points and rebate (base currency) moved with it; null when nothing. */
    points: z.nullable(z.int()),
    rebate: z.nullable(amount),
  }),
  /** The later orders one change re-rated, and what their points and rebate moved. */
  z.object({ ...updateBase, kind: z.literal('orders_rerated'), orders: z.int(), points: z.nullable(z.int()), rebate: z.nullable(amount), base_currency: currency }),
  /** A refunded or cancelled order paid again (20261226000500): the amount it is paid at, what its own points and rebate earned again. */
  z.object({
    ...updateBase,
    kind: z.literal('order_paid_again'),
    order_ref: z.string(),
    amount,
    currency,
    base_currency: currency,
    points: z.nullable(z.int()),
    rebate: z.nullable(amount),
  }),
  z.object({
    ...updateBase,
    kind: z.literal('order_refunded'),
    order_ref: z.string(),
    order_status: z.enum(['paid', 'refunded', 'cancelled']),
    points: z.nullable(z.int()),
    amount: z.nullable(amount),
    currency: z.nullable(currency),
  }),
]);
export type Update = z.infer<typeof updateSchema>;

const updatesSchema = z.object({ seen_at: when, new_count: z.int(), new_more: z.boolean(), updates: z.array(updateSchema) });
type Updates = z.infer<typeof updatesSchema>;

/**
 * The company's updates at the store, newest first: the `limit` newest before `before` (null: from
 * the newest) and any others of the last one's instant, with how many are new to this contact.
 */
export function fetchUpdates(token: string, slug: string, locale: Locale, { limit, before }: { limit: number; before: string | null }): Promise<Updates> {
  return readWithToken(
    summaryRequests.updates(token, slug, locale, limit, before),
    updatesSchema,
    'updates',
  );
}

/** The contact has seen the updates up to `through` (the newest shown: one arriving since stays new). */
export function markUpdatesSeen(client: Client, slug: string, through: string): Promise<void> {
  return write(client.rpc('mark_updates_seen', { p_store_slug: slug, p_through: through }));
}

// ---------------------------------------------------------------------------------------------
// Privacy
// ---------------------------------------------------------------------------------------------

/** Everything the database holds about the caller and their company at the store, as JSON. */
export async function downloadMyData(client: Client, slug: string): Promise<{ exported_at: string }> {
  return read(client.rpc('my_data', { p_store_slug: slug }), z.looseObject({ exported_at: z.string() }), 'my data');
}

/** Leaves the store (the caller has confirmed); the company goes with its last contact. */
export async function leaveStore(client: Client, slug: string): Promise<{ company_removed: boolean }> {
  return read(
    client.rpc('leave_store', { p_store_slug: slug, p_confirm: true }),
    z.object({ left: z.literal(true), company_removed: z.boolean() }),
    'leave',
  );
}
