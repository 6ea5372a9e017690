/**
 * A signed-in member's data at one store, for the portal's My membership page and the widget
 * frame's compact view: the engine's RPCs and the tables a contact reads under RLS, each result
 * validated with zod so a schema change shows up here as one clear error. Writes go through the
 * engine's RPCs (or the few columns RLS lets a contact update); their errors keep the API's
 * `details` ({field, reason}) so forms can put them next to the field.
 */
import { z } from 'zod';
import type { Locale } from '../i18n/locales.ts';
import { tierSchema } from './store-api.ts';
import type { Client } from './supabase.ts';

// PostgREST sends `numeric` as JSON numbers, but some proxies and older versions send strings.
const amount = z.coerce.number();
const when = z.string();
const currency = z.string().length(3);

/** A request that failed, with the API's code and, for forms, the field and reason. */
export class MemberApiError extends Error {
  override name = 'MemberApiError';
  readonly code: string | undefined;
  readonly field: string | undefined;
  readonly reason: string | undefined;
  constructor(message: string, code: string | undefined, field: string | undefined, reason: string | undefined) {
    super(message);
    this.code = code;
    this.field = field;
    this.reason = reason;
  }
}

interface ApiError {
  message: string;
  code?: string;
  details?: string | null;
}

function apiError(error: ApiError): MemberApiError {
  let field: string | undefined;
  let reason: string | undefined;
  try {
    const details = error.details ? (JSON.parse(error.details) as { field?: unknown; reason?: unknown }) : {};
    if (typeof details.field === 'string') field = details.field;
    if (typeof details.reason === 'string') reason = details.reason;
  } catch {
    // `details` is free text for errors PostgREST raises itself; the message says it all.
  }
  return new MemberApiError(error.message, error.code, field, reason);
}

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new MemberApiError(`Unexpected ${what} from the API: ${z.prettifyError(result.error)}`, undefined, undefined, undefined);
  return result.data;
}

async function read<T>(request: PromiseLike<{ data: unknown; error: ApiError | null }>, schema: z.ZodType<T>, what: string): Promise<T> {
  const { data, error } = await request;
  if (error) throw apiError(error);
  return parse(schema, data, what);
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
  description: z.string().nullable(),
  description_lang: z.string().nullable(),
  kind: z.enum(['percent', 'amount']),
  value: amount,
  currency: currency.nullable(),
  min_order_amount: amount.nullable(),
  valid_until: when.nullable(),
  source: z.string(),
  claimed_at: when,
});

const couponClaimable = couponHeld.omit({ id: true, source: true, claimed_at: true }).extend({ left: z.number().int() });

const membershipSchema = z.object({
  store: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    base_currency: currency,
    default_locale: z.string(),
    statistical_period_days: z.number().int(),
    sample_period_days: z.number().int(),
  }),
  member: z.object({
    id: z.uuid(),
    company_name: z.string(),
    country: z.string().nullable(),
    website: z.string().nullable(),
    industry: z.string().nullable(),
    joined_at: when,
  }),
  contact: z.object({ id: z.uuid(), role: z.enum(['primary', 'colleague']), full_name: z.string() }),
  contacts_count: z.number().int(),
  tier: z.object({ ...tierSchema.shape, moq_override: z.number().int().nullable() }),
  override: z.object({ tier_id: z.uuid(), tier_name: z.string(), expires_at: when, reason: z.string().nullable() }).nullable(),
  progress: z.object({
    window_start: when,
    paid_orders: z.number().int(),
    paid_amount: amount,
    currency,
    next_expiry: when.nullable(),
    next_tier: z
      .object({
        id: z.uuid(),
        rank: z.number().int(),
        name: z.string(),
        min_paid_orders: z.number().int(),
        min_paid_amount: amount,
        orders_needed: z.number().int(),
        amount_needed: amount,
      })
      .nullable(),
  }),
  samples: z.object({ used: z.number().int(), quota: z.number().int().nullable(), left: z.number().int().nullable() }),
  points: z.object({
    balance: z.number().int(),
    soonest_expiry: z.object({ expires_at: when, points: z.number().int() }).nullable(),
  }),
  rebates: z.object({ balance: amount, currency }),
  coupons: z.object({ claimed: z.array(couponHeld), claimable: z.array(couponClaimable) }),
});

export type Membership = z.infer<typeof membershipSchema>;
export type HeldCoupon = z.infer<typeof couponHeld>;
export type ClaimableCoupon = z.infer<typeof couponClaimable>;

/** The caller's membership at the store, re-evaluated now; null when they are not a member there. */
export function fetchMembership(client: Client, slug: string, locale: Locale): Promise<Membership | null> {
  return read(client.rpc('my_membership', { p_store_slug: slug, p_locale: locale }), membershipSchema.nullable(), 'membership');
}

const tierRef = z.object({ id: z.uuid(), rank: z.number().int() });

const standingSchema = z.object({
  window_start: when,
  period_days: z.number().int(),
  currency,
  paid_orders: z.number().int(),
  paid_amount: amount,
  orders_tier: tierRef.extend({ min_paid_orders: z.number().int(), min_paid_amount: amount }),
  orders: z.array(
    z.object({
      id: z.uuid(),
      external_ref: z.string(),
      placed_at: when,
      leaves_at: when,
      amount,
      currency,
      amount_base: amount,
      orders_after: z.number().int(),
      amount_after: amount,
      tier_after: tierRef,
    }),
  ),
  holds_until: when.nullable(),
  falls_to: tierRef.nullable(),
  to_keep: z.object({ orders_needed: z.number().int(), amount_needed: amount }).nullable(),
});

export type Standing = z.infer<typeof standingSchema>;

/**
 * Which paid orders hold the tier, when each leaves the period, and what keeps the tier; `limit`
 * lists only the orders leaving soonest (the figures still count them all).
 */
export function fetchStanding(client: Client, slug: string, limit?: number): Promise<Standing> {
  return read(client.rpc('membership_standing', { p_store_slug: slug, ...(limit ? { p_limit: limit } : {}) }), standingSchema, 'standing');
}

const storeTiersSchema = z.object({
  tiers: z.array(tierSchema).transform((tiers) => tiers.toSorted((a, b) => a.rank - b.rank)),
});

export type StoreTier = z.infer<typeof tierSchema>;

/** Every tier of the store with its rights, by rank (for "what the next tier adds"). */
export async function fetchStoreTiers(client: Client, slug: string, locale: Locale): Promise<StoreTier[]> {
  return (await read(client.rpc('store_profile', { p_store_slug: slug, p_locale: locale }), storeTiersSchema, 'tiers')).tiers;
}

const tierChangeSchema = z.object({
  id: z.uuid(),
  from_tier_name: z.string().nullable(),
  to_tier_name: z.string().nullable(),
  reason: z.string(),
  changed_at: when,
});

export type TierChange = z.infer<typeof tierChangeSchema>;

/**
 * The tier history of the login's company at the store, newest first (names as they were, in the
 * reader's language). Found by the login and the store's address, not the member id, so it is
 * read beside my_membership instead of after it.
 */
export function fetchTierChanges(client: Client, userId: string, slug: string, locale: Locale): Promise<TierChange[]> {
  return read(
    client
      .from('tier_changes')
      .select('id,from_tier_name:from_tier_name_local,to_tier_name:to_tier_name_local,reason,changed_at,members!inner(stores!inner(),member_contacts!inner())')
      .eq('members.stores.slug', slug)
      .eq('members.member_contacts.user_id', userId)
      .order('changed_at', { ascending: false })
      .limit(20)
      .setHeader('Accept-Language', locale),
    z.array(tierChangeSchema),
    'tier history',
  );
}

// ---------------------------------------------------------------------------------------------
// Stores the login belongs to
// ---------------------------------------------------------------------------------------------

const myStoreSchema = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });
export type MyStore = z.infer<typeof myStoreSchema>;

/** Every store where the signed-in login is a member contact, by name (one request). */
export async function fetchMyStores(client: Client, userId: string): Promise<MyStore[]> {
  const contacts = await read(
    client.from('member_contacts').select('member:members!inner(store:stores!inner(id,slug,name))').eq('user_id', userId),
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
  sku: z.string().nullable(),
  name: z.string(),
  name_lang: z.string(),
  description: z.string().nullable(),
  description_lang: z.string().nullable(),
  kind: z.enum(['regular', 'customized']),
  currency,
  list_price: amount,
  member_price: amount.nullable(),
  discount_percent: amount.nullable(),
  prepay_percent: amount.nullable(),
  moq: z.number().int().nullable(),
  visibility: z.enum(['public', 'members', 'tier']),
  min_tier_rank: z.number().int().nullable(),
  image_path: z.string().nullable(),
  sample_eligible: z.boolean(),
});

export type CatalogueProduct = z.infer<typeof catalogueSchema> & { image_url: string | null };

/**
 * The store's products as the caller's tier sees them (RLS decides), with their own price,
 * prepayment ratio and MOQ; `exclusiveOnly` keeps the members' and tiers' products, `limit`
 * the first so many (both applied by the API: a store may have thousands). Images are
 * signed for an hour from the private `product-images` bucket, whose read policy is the product's.
 */
export async function fetchCatalogue(
  client: Client,
  slug: string,
  locale: Locale,
  { exclusiveOnly = false, limit }: { exclusiveOnly?: boolean; limit?: number } = {},
): Promise<CatalogueProduct[]> {
  let request = client.rpc('store_catalogue', { p_store_slug: slug, p_locale: locale });
  if (exclusiveOnly) request = request.neq('visibility', 'public');
  if (limit !== undefined) request = request.limit(limit);
  const shown = await read(request, z.array(catalogueSchema), 'catalogue');
  const paths = shown.flatMap((product) => (product.image_path ? [product.image_path] : []));
  const urls = new Map<string, string>();
  if (paths.length > 0) {
    const { data } = await client.storage.from('product-images').createSignedUrls(paths, 3600);
    // A missing image is shown as none; the product itself still loads.
    for (const signed of data ?? []) if (signed.path && signed.signedUrl) urls.set(signed.path, signed.signedUrl);
  }
  return shown.map((product) => ({ ...product, image_url: product.image_path ? (urls.get(product.image_path) ?? null) : null }));
}

export const shipToSchema = z.object({
  name: z.string().trim().min(1).max(200),
  company: z.string().trim().max(200).optional(),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(1).max(200),
  region: z.string().trim().max(200).optional(),
  postal_code: z.string().trim().max(16).optional(),
  country: z.string().trim().regex(/^[A-Za-z]{2}$/).transform((code) => code.toUpperCase()),
  phone: z.string().trim().min(4).max(40),
});
export type ShipTo = z.infer<typeof shipToSchema>;

export function claimSample(client: Client, productId: string, shipTo: ShipTo, quantity: number): Promise<void> {
  // Optional fields left blank are left out: the API refuses empty strings as addresses.
  const address = Object.fromEntries(Object.entries(shipTo).filter(([, value]) => value !== undefined && value !== ''));
  return write(client.rpc('claim_sample', { p_product_id: productId, p_ship_to: address, p_quantity: quantity }));
}

const claimSchema = z.object({
  id: z.uuid(),
  product_id: z.uuid(),
  quantity: z.number().int(),
  status: z.enum(['requested', 'approved', 'shipped', 'rejected', 'cancelled']),
  carrier: z.string().nullable(),
  tracking_number: z.string().nullable(),
  rejection_reason: z.string().nullable(),
  created_at: when,
  shipped_at: when.nullable(),
  products: z.object({ name: z.string().nullable() }).nullable(),
});
export type SampleClaim = z.infer<typeof claimSchema>;

export function fetchSampleClaims(client: Client, memberId: string, locale: Locale): Promise<SampleClaim[]> {
  return read(
    client
      .from('sample_claims')
      .select('id,product_id,quantity,status,carrier,tracking_number,rejection_reason,created_at,shipped_at,products(name:name_local)')
      .eq('member_id', memberId)
      .order('created_at', { ascending: false })
      .setHeader('Accept-Language', locale),
    z.array(claimSchema),
    'sample claims',
  );
}

export function cancelSample(client: Client, claimId: string): Promise<void> {
  return write(client.rpc('cancel_sample', { p_claim_id: claimId }));
}

export const inquirySchema = z.object({
  message: z.string().trim().min(1).max(5000),
  quantity: z.number().int().min(1).max(10_000_000).optional(),
  target_price: z.number().positive().optional(),
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
  quantity: z.number().int().nullable(),
  target_price: amount.nullable(),
  currency: currency.nullable(),
  status: z.enum(['open', 'answered', 'closed']),
  answer: z.string().nullable(),
  answered_at: when.nullable(),
  created_at: when,
  products: z.object({ name: z.string().nullable() }).nullable(),
});
export type Inquiry = z.infer<typeof inquiryRowSchema>;

export function fetchInquiries(client: Client, memberId: string, locale: Locale): Promise<Inquiry[]> {
  return read(
    client
      .from('inquiries')
      .select('id,message,quantity,target_price,currency,status,answer,answered_at,created_at,products(name:name_local)')
      .eq('member_id', memberId)
      .order('created_at', { ascending: false })
      .setHeader('Accept-Language', locale),
    z.array(inquiryRowSchema),
    'inquiries',
  );
}

// ---------------------------------------------------------------------------------------------
// Points, rewards, rebates, coupons
// ---------------------------------------------------------------------------------------------

const pointsRowSchema = z.object({
  id: z.number().int(),
  delta: z.number().int(),
  reason: z.enum(['join', 'order', 'review', 'adjustment', 'redemption', 'expiry', 'clawback']),
  note: z.string().nullable(),
  earned_at: when,
  expires_at: when.nullable(),
  remaining: z.number().int().nullable(),
  created_at: when,
  orders: z.object({ external_ref: z.string() }).nullable(),
});
export type PointsRow = z.infer<typeof pointsRowSchema>;

/** The newest `limit` rows of the company's points ledger. */
export function fetchPointsLedger(client: Client, memberId: string, limit: number): Promise<PointsRow[]> {
  return read(
    client
      .from('points_ledger')
      .select('id,delta,reason,note,earned_at,expires_at,remaining,created_at,orders(external_ref)')
      .eq('member_id', memberId)
      .order('id', { ascending: false })
      .limit(limit),
    z.array(pointsRowSchema),
    'points ledger',
  );
}

const expiringSchema = z.object({ remaining: z.number().int(), expires_at: when });

/**
 * What is left of the credits expiring before `before`, soonest first: the oldest credits, which
 * a big buyer's newest ledger rows never reach (the open credits' index serves it).
 */
export function fetchExpiringPoints(client: Client, memberId: string, before: Date): Promise<{ remaining: number; expires_at: string }[]> {
  return read(
    client
      .from('points_ledger')
      .select('remaining,expires_at')
      .eq('member_id', memberId)
      .gt('remaining', 0)
      .lt('expires_at', before.toISOString())
      .order('expires_at')
      .limit(500),
    z.array(expiringSchema),
    'expiring points',
  );
}

const rewardSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  points_cost: z.number().int(),
  text_langs: z.record(z.string(), z.string().nullable()).nullable(),
});
export type Reward = z.infer<typeof rewardSchema>;

export function fetchRewards(client: Client, storeId: string, locale: Locale): Promise<Reward[]> {
  return read(
    client
      .from('rewards')
      .select('id,name:name_local,description:description_local,points_cost,text_langs')
      .eq('store_id', storeId)
      .eq('active', true)
      .order('points_cost')
      .setHeader('Accept-Language', locale),
    z.array(rewardSchema),
    'rewards',
  );
}

export function redeemReward(client: Client, rewardId: string): Promise<void> {
  return write(client.rpc('redeem_reward', { p_reward_id: rewardId }));
}

const rebateRowSchema = z.object({
  id: z.number().int(),
  delta: amount,
  currency,
  reason: z.enum(['order', 'applied', 'reversal', 'credit']),
  applied_to_order_ref: z.string().nullable(),
  note: z.string().nullable(),
  created_at: when,
  orders: z.object({ external_ref: z.string() }).nullable(),
});
export type RebateRow = z.infer<typeof rebateRowSchema>;

/** The newest `limit` rows of the company's rebate ledger. */
export function fetchRebateLedger(client: Client, memberId: string, limit: number): Promise<RebateRow[]> {
  return read(
    client
      .from('rebate_ledger')
      .select('id,delta,currency,reason,applied_to_order_ref,note,created_at,orders(external_ref)')
      .eq('member_id', memberId)
      .order('id', { ascending: false })
      .limit(limit),
    z.array(rebateRowSchema),
    'rebate ledger',
  );
}

const memberCouponSchema = z.object({
  id: z.uuid(),
  source: z.enum(['claim', 'gift_pack', 'reward']),
  claimed_at: when,
  used_at: when.nullable(),
  used_order_ref: z.string().nullable(),
  coupons: z.object({
    code: z.string(),
    description: z.string().nullable(),
    kind: z.enum(['percent', 'amount']),
    value: amount,
    currency: currency.nullable(),
    min_order_amount: amount.nullable(),
    valid_until: when.nullable(),
  }),
});
export type MemberCoupon = z.infer<typeof memberCouponSchema>;

/** Every coupon the company holds or held: unused, used and expired, newest first. */
export function fetchMemberCoupons(client: Client, memberId: string, locale: Locale): Promise<MemberCoupon[]> {
  return read(
    client
      .from('member_coupons')
      .select('id,source,claimed_at,used_at,used_order_ref,coupons(code,description:description_local,kind,value,currency,min_order_amount,valid_until)')
      .eq('member_id', memberId)
      .order('claimed_at', { ascending: false })
      .setHeader('Accept-Language', locale),
    z.array(memberCouponSchema),
    'coupons',
  );
}

export function claimCoupon(client: Client, couponId: string): Promise<void> {
  return write(client.rpc('claim_coupon', { p_coupon_id: couponId }));
}

// ---------------------------------------------------------------------------------------------
// Orders to review
// ---------------------------------------------------------------------------------------------

const deliveredOrderSchema = z.object({
  id: z.uuid(),
  external_ref: z.string(),
  amount,
  currency,
  placed_at: when,
  delivered_at: when,
  // One review per order (unique order_id): PostgREST embeds it as an object or null.
  order_reviews: z.object({ rating: z.number().int(), body: z.string(), created_at: when }).nullable(),
});
export type DeliveredOrder = z.infer<typeof deliveredOrderSchema>;

/** Paid, delivered orders with their review if any (one review per order earns points). */
/** The company's delivered orders, newest first; the first `limit` of them. */
export function fetchDeliveredOrders(client: Client, memberId: string, limit: number): Promise<DeliveredOrder[]> {
  return read(
    client
      .from('orders')
      .select('id,external_ref,amount,currency,placed_at,delivered_at,order_reviews(rating,body,created_at)')
      .eq('member_id', memberId)
      .eq('status', 'paid')
      .not('delivered_at', 'is', null)
      .order('delivered_at', { ascending: false })
      .order('id')
      .limit(limit),
    z.array(deliveredOrderSchema),
    'orders',
  );
}

export const reviewSchema = z.object({ rating: z.number().int().min(1).max(5), body: z.string().trim().min(1).max(5000) });

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
  job_title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  whatsapp: z.string().nullable(),
  wechat: z.string().nullable(),
  preferred_locale: z.string().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

const companySchema = z.object({
  id: z.uuid(),
  company_name: z.string(),
  country: z.string().nullable(),
  website: z.string().nullable(),
  industry: z.string().nullable(),
});
export type Company = z.infer<typeof companySchema>;

const invitationSchema = z.object({ id: z.uuid(), email: z.string(), created_at: when, expires_at: when, accepted_at: when.nullable() });
export type Invitation = z.infer<typeof invitationSchema>;

export interface CompanyPage {
  company: Company;
  contacts: Contact[];
  invitations: Invitation[];
}

export async function fetchCompany(client: Client, memberId: string): Promise<CompanyPage> {
  const [company, contacts, invitations] = await Promise.all([
    read(client.from('members').select('id,company_name,country,website,industry').eq('id', memberId).single(), companySchema, 'company'),
    read(
      client.from('member_contacts').select(`id,user_id,role,preferred_locale,${cardFields.join(',')}`).eq('member_id', memberId).order('created_at'),
      z.array(contactSchema),
      'contacts',
    ),
    read(
      client
        .from('member_invitations')
        .select('id,email,created_at,expires_at,accepted_at')
        .eq('member_id', memberId)
        .is('accepted_at', null)
        .gt('expires_at', new Date().toISOString())
        .order('created_at', { ascending: false }),
      z.array(invitationSchema),
      'invitations',
    ),
  ]);
  return { company, contacts, invitations };
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => value || null);

export const companyFormSchema = z.object({
  company_name: z.string().trim().min(1).max(200),
  country: z
    .string()
    .trim()
    .regex(/^([A-Za-z]{2})?$/)
    .transform((value) => value.toUpperCase() || null),
  website: z
    .string()
    .trim()
    .max(300)
    .regex(/^(https?:\/\/\S+)?$/)
    .transform((value) => value || null),
  industry: optionalText(200),
});

export const cardFormSchema = z.object({
  full_name: z.string().trim().min(1).max(200),
  job_title: optionalText(200),
  email: z
    .string()
    .trim()
    .max(254)
    .regex(/^([^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+)?$/)
    .transform((value) => value || null),
  phone: optionalText(40),
  whatsapp: optionalText(40),
  wechat: optionalText(60),
});

/** Saves the company's card (any contact may); the row comes back so a refused write is seen. */
export async function updateCompany(client: Client, memberId: string, values: z.infer<typeof companyFormSchema>): Promise<void> {
  await read(client.from('members').update(values).eq('id', memberId).select('id').single(), z.object({ id: z.uuid() }), 'company');
}

/** Saves the caller's own business card. */
export async function updateMyCard(client: Client, contactId: string, values: z.infer<typeof cardFormSchema>): Promise<void> {
  await read(client.from('member_contacts').update(values).eq('id', contactId).select('id').single(), z.object({ id: z.uuid() }), 'card');
}

export function inviteColleague(client: Client, memberId: string, email: string): Promise<void> {
  return write(client.rpc('invite_colleague', { p_member_id: memberId, p_email: email }));
}

export function withdrawInvitation(client: Client, invitationId: string): Promise<void> {
  return write(client.from('member_invitations').delete().eq('id', invitationId));
}

// ---------------------------------------------------------------------------------------------
// The store's posts feed (/posts/?s=SLUG)
// ---------------------------------------------------------------------------------------------

/**
 * How many posts of the store's feed (teasers included) were published after `since`, the
 * ISO time this device last opened the feed (null: never, so every post is new).
 */
export function fetchNewPostsCount(client: Client, slug: string, since: string | null): Promise<number> {
  // The function takes null for "never"; the generated argument type cannot say so.
  return read(client.rpc('my_new_posts_count', { p_store_slug: slug, p_since: since as string }), z.number().int().min(0), 'new posts count');
}

// ---------------------------------------------------------------------------------------------
// Privacy
// ---------------------------------------------------------------------------------------------

/** Everything the database holds about the caller and their company at the store, as JSON. */
export async function downloadMyData(client: Client, slug: string): Promise<unknown> {
  return read(client.rpc('my_data', { p_store_slug: slug }), z.record(z.string(), z.unknown()), 'my data');
}

/** Leaves the store (the caller has confirmed); the company goes with its last contact. */
export async function leaveStore(client: Client, slug: string): Promise<{ company_removed: boolean }> {
  return read(
    client.rpc('leave_store', { p_store_slug: slug, p_confirm: true }),
    z.object({ left: z.literal(true), company_removed: z.boolean() }),
    'leave',
  );
}
