/**
 * The member list (staff_members, or staff_member_search when something is searched), one
 * member's whole record as the store's staff read it under RLS with its standing toward the tiers
 * (staff_member_standing), and the staff's actions on it:
 * tier override (set_tier_override), points adjustment (adjust_points), rebate credit
 * (credit_rebate), rebate deducted from an order (apply_rebate), a credit taken back
 * (correct_rebate_credit), giving a coupon (give_coupon), recording a held coupon's use
 * (record_coupon_use) or taking back one given by mistake (take_back_coupon), a contact made primary (make_primary_contact) or taken off the company
 * (remove_member_contact), and the company erased at its buyer's request (erase_member, owners only).
 */
import { z } from 'zod';
import { couponSources } from '../coupon-value.ts';
import { newest, type MemberHistory, type Orderable } from '../history-order.ts';
import { ledgerChangesEmbed, orderChangeKinds, orderChangesEmbed } from '../order-changes.ts';
import { orderPointsAtTier, orderPointsReasons } from '../order-points.ts';
import { supabase } from '../supabase.ts';
import { claimStatuses } from './samples.ts';
import type { Locale } from '../../i18n/locales.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { amountText, count, defined, oneLine, parse, textBlock, wholeText, type Result } from './result.ts';
import { untilBeforeFrom } from '../day-range.ts';

export const stages = ['cognitive', 'interested', 'purchasing', 'loyal'] as const;

const isoDate = z.union([z.literal(''), z.iso.date('vDate')]);

/** The list's filters as the form holds them (text inputs), checked before the list is asked. */
export const filterSchema = z
  .object({
    search: z.string().trim().max(100, 'vTooLong'),
    tier_id: z.union([z.literal(''), z.uuid()]),
    stage: z.union([z.literal(''), z.enum(stages)]),
    churn: z.enum(['', 'yes', 'no']),
    country: z.union([z.literal(''), z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'vCountry')]),
    last_order_from: isoDate,
    last_order_to: isoDate,
    /** '' current members, as the list opens; 'former' companies whose last contact left. */
    membership: z.enum(['', 'former']),
  })
  .refine((f) => !untilBeforeFrom(f.last_order_from, f.last_order_to), { path: ['last_order_to'], message: 'vDateOrder' });
export type MemberFilters = z.input<typeof filterSchema>;
export const noFilters: MemberFilters = { search: '', tier_id: '', stage: '', churn: '', country: '', last_order_from: '', last_order_to: '', membership: '' };

const listedSchema = z.object({
  member_id: z.uuid(),
  company_name: z.string(),
  country: z.string().nullable(),
  tier_name: z.string().nullable(),
  tier_rank: z.number().nullable(),
  stage: z.enum(stages),
  churn_risk: z.boolean(),
  last_order_at: z.string().nullable(),
  paid_orders_in_period: z.number(),
  /** In the store's base currency. */
  paid_amount_in_period: z.number(),
  points_balance: count,
  rebate_balance: z.number(),
  left_at: z.string().nullable(),
  total: count,
  /** The contact a search matched (staff_member_search; absent from staff_members), null when the company's name did. */
  matched_contact_name: z.string().nullable().optional(),
  matched_contact_email: z.string().nullable().optional(),
});
export type ListedMember = z.infer<typeof listedSchema>;

/** A search as staff_member_search compares it: its runs of spaces (a Chinese input method's too) one, trimmed, in any case. */
const searchKey = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The contact a search found a company by, as its row says it: their e-mail when the search is
 * in it and not in their name (an address typed), else their name (the name typed, or their
 * number). One of the two: both, under a company's name in a column of ten, took four lines.
 */
export function matchedContact(row: Pick<ListedMember, 'matched_contact_name' | 'matched_contact_email'>, search: string): { name: string } | { email: string } | null {
  const { matched_contact_name: name, matched_contact_email: email } = row;
  if (!name) return null;
  const key = searchKey(search);
  return email && key && searchKey(email).includes(key) && !searchKey(name).includes(key) ? { email } : { name };
}

export const memberPageSize = 25;

/** The list's filters, checked; `membership` 'any' (no choice of the list's) reads current and former companies alike. */
type ListFilters = Omit<z.output<typeof filterSchema>, 'membership'> & { membership: z.output<typeof filterSchema>['membership'] | 'any' };

/** One page of members matching the (already validated) filters. */
export async function listMembers(storeId: string, filters: ListFilters, page: number, pageSize = memberPageSize): Promise<Result<{ rows: ListedMember[]; total: number }>> {
  // The last order "between" two days: from the first day's start to the end of the second.
  const endOfDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  const args = defined({
    p_store_id: storeId,
    p_tier_id: filters.tier_id || undefined,
    p_stage: filters.stage || undefined,
    p_churn_risk: filters.churn === '' ? undefined : filters.churn === 'yes',
    p_country: filters.country || undefined,
    p_last_order_from: filters.last_order_from ? `${filters.last_order_from}T00:00:00Z` : undefined,
    p_last_order_to: filters.last_order_to ? endOfDay(filters.last_order_to) : undefined,
    // Null is either (staff_members' and staff_member_search's p_former), which the generated argument type cannot say.
    p_former: filters.membership === 'any' ? (null as unknown as boolean) : filters.membership === 'former' || undefined,
    p_limit: pageSize,
    p_offset: page * pageSize,
  });
  const answer = filters.search ? await supabase().rpc('staff_member_search', { ...args, p_search: filters.search }) : await supabase().rpc('staff_members', args);
  const rows = parse(z.array(listedSchema), answer);
  if (!rows.ok) return rows;
  return { ok: true, data: { rows: rows.data, total: rows.data[0]?.total ?? 0 } };
}

/** The RPCs' largest page: an export reads the list this many at a time. */
const exportPageSize = 500;

/**
 * Every member the filters find, for the list's CSV: read a page at a time as the screen reads
 * them (the same order), `onPage` told how many are in so far.
 */
export async function listAllMembers(storeId: string, filters: z.output<typeof filterSchema>, onPage: (read: number, total: number) => void): Promise<Result<ListedMember[]>> {
  const rows: ListedMember[] = [];
  for (let page = 0; ; page++) {
    const answer = await listMembers(storeId, filters, page, exportPageSize);
    if (!answer.ok) return answer;
    rows.push(...answer.data.rows);
    onPage(rows.length, answer.data.total);
    if (answer.data.rows.length < exportPageSize) return { ok: true, data: rows };
  }
}

/** How many companies of the store have left (the list leaves them out unless asked). */
export async function countFormerMembers(storeId: string): Promise<Result<number>> {
  const answer = await supabase().from('members').select('id', { count: 'exact', head: true }).eq('store_id', storeId).not('left_at', 'is', null);
  return parse(count, { data: answer.count, error: answer.error, status: answer.status });
}

const tierSchema = z.object({ id: z.uuid(), rank: z.number(), name: z.string().nullable(), text_langs: z.record(z.string(), z.string().nullable()).nullable() });
export type TierOption = z.infer<typeof tierSchema>;

/** The store's tiers by rank, named in the reader's language (`text_langs.name`: the one the name is written in). */
export async function loadTiers(storeId: string): Promise<Result<TierOption[]>> {
  return parse(z.array(tierSchema), await supabase().from('tiers').select('id, rank, name:name_local, text_langs').eq('store_id', storeId).order('rank'));
}

const memberSchema = z.object({
  id: z.uuid(),
  store_id: z.uuid(),
  company_name: z.string(),
  country: z.string().nullable(),
  website: z.string().nullable(),
  industry: z.string().nullable(),
  tier_id: z.uuid().nullable(),
  tier_override_id: z.uuid().nullable(),
  tier_override_expires_at: z.string().nullable(),
  tier_override_reason: z.string().nullable(),
  joined_at: z.string(),
  last_paid_order_at: z.string().nullable(),
  left_at: z.string().nullable(),
  /** The owner who erased the company at its buyer's request (erase_member); null when its last contact left. */
  erased_by: z.uuid().nullable(),
  points_balance: count,
  rebate_balance: z.number(),
});

const contactSchema = z.object({
  id: z.uuid(),
  role: z.enum(['primary', 'colleague']),
  full_name: z.string(),
  job_title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  whatsapp: z.string().nullable(),
  wechat: z.string().nullable(),
  preferred_locale: z.string().nullable(),
  /** Who stands longest takes a removed primary's place (remove_member_contact). */
  created_at: z.string(),
});

/** An order as the member page and the store's orders list read it. */
const orderChangeKind = z.enum(orderChangeKinds);

/**
 * On an order's settlement (order_correction, order_rerated): the tier the order earns at from then on
 * (tier_id) and the one it earned at before (tier_before, a computed field), null where unrecorded.
 */
const settledTiers = { tier_id: z.uuid().nullable(), tier_before: z.uuid().nullable() };

/** A ledger row's order with its changes (order_changes), matched to the row by their instant: ledgerReason. */
const ledgerOrder = z.object({ external_ref: z.string(), changes: z.array(z.object({ kind: orderChangeKind, changed_at: z.string() })) }).nullable();
const ledgerOrderColumns = `order:orders(external_ref, ${ledgerChangesEmbed})`;

/** What the import changed in an order while paid (order_changes), oldest first: a partial refund's original amount. */
const orderChanges = z.array(z.object({ kind: orderChangeKind, amount_before: z.number(), currency_before: z.string() }));

export const orderSchema = z.object({
  id: z.uuid(),
  external_ref: z.string(),
  amount: z.number(),
  currency: z.string(),
  amount_base: z.number(),
  placed_at: z.string(),
  status: z.enum(['paid', 'refunded', 'cancelled']),
  delivered_at: z.string().nullable(),
  changes: orderChanges,
});

/** Oldest first: an order's embedded changes (orderChangesEmbed) ordered by id. */
export const orderChangesOrder = ['id', { referencedTable: 'changes' }] as const;

/** A member's order with the points it earned, took back on refund, and the tier it earns at (orderPointsAtTier). */
const memberOrderSchema = orderSchema.extend({ points: orderPointsAtTier });

const pointsSchema = z.object({
  id: count,
  delta: count,
  reason: z.string(),
  note: z.string().nullable(),
  shortfall: count.nullable(),
  expires_at: z.string().nullable(),
  /** When the entry takes effect (an order's credit from the order), as the member's history shows it. */
  earned_at: z.string(),
  created_at: z.string(),
  order: ledgerOrder,
  /** A redemption's reward in the reader's language (its note has the name in the store's). */
  reward: z.object({ name: z.string() }).nullable(),
  /** A reward the store's team sends: whether, when and how it was sent. */
  delivery: z.object({ delivery: z.enum(['shipped', 'handed_over']), sent_at: z.string().nullable(), sent_note: z.string().nullable(), carrier: z.string().nullable(), tracking_number: z.string().nullable() }).nullable(),
  /** An expiry's credit: when it was earned, how long it lasted (the store's points period then) and its order. */
  credit: z.object({ earned_at: z.string(), expires_at: z.string(), order: z.object({ external_ref: z.string() }).nullable() }).nullable(),
  ...settledTiers,
});

const rebateSchema = z.object({
  id: count,
  delta: z.number(),
  currency: z.string(),
  reason: z.string(),
  applied_to_order_ref: z.string().nullable(),
  note: z.string().nullable(),
  shortfall: z.number().nullable(),
  /** When the entry takes effect (an order's rebate from the order), as for points. */
  earned_at: z.string(),
  created_at: z.string(),
  order: ledgerOrder,
  ...settledTiers,
});

const claimSchema = z.object({
  id: z.uuid(),
  status: z.enum(claimStatuses),
  quantity: z.number(),
  tracking_number: z.string().nullable(),
  carrier: z.string().nullable(),
  rejection_reason: z.string().nullable(),
  created_at: z.string(),
  product: z.object({ sku: z.string(), name: z.string().nullable() }).nullable(),
});

const tierChangeSchema = z.object({
  id: z.uuid(),
  from_tier_id: z.uuid().nullable(),
  from_tier_name: z.string().nullable(),
  to_tier_id: z.uuid().nullable(),
  to_tier_name: z.string().nullable(),
  reason: z.string(),
  /** An override's reason, as staff gave it. */
  note: z.string().nullable(),
  changed_at: z.string(),
  /** Computed fields (private.tier_move_orders): whether the move followed the import's change of orders, and which a drop names. */
  orders_changed: count,
  changed_order_ref: z.string().nullable(),
  /** Computed field (20261215000200): the orders a move for the reason `orders` paid or for `refund` took back from, in their place. */
  moved_order_refs: z.array(z.string()),
});

const inquirySchema = z.object({
  id: z.uuid(),
  status: z.enum(['open', 'answered', 'closed']),
  message: z.string(),
  answer: z.string().nullable(),
  created_at: z.string(),
});

const couponTerms = {
  code: z.string(),
  kind: z.enum(['percent', 'amount']),
  value: z.number(),
  currency: z.string().nullable(),
  valid_until: z.string().nullable(),
};

const heldCouponSchema = z.object({
  id: z.uuid(),
  coupon_id: z.uuid(),
  source: z.enum(couponSources),
  claimed_at: z.string(),
  used_at: z.string().nullable(),
  used_order_ref: z.string().nullable(),
  /** When staff took back a copy they gave (take_back_coupon): the company no longer holds it. */
  taken_back_at: z.string().nullable(),
  coupon: z.object(couponTerms),
});
export type HeldCoupon = z.infer<typeof heldCouponSchema>;

const staffCreditRow = z.object({
  id: count,
  delta: z.number(),
  note: z.string().nullable(),
  earned_at: z.string(),
  corrections: z.array(z.object({ delta: z.number() })),
});

const tierRef = z.object({ id: z.uuid(), rank: z.number() });
const needsSchema = z.object({ orders_needed: z.number(), amount_needed: z.number() });

/** staff_member_standing: where the company stands toward the tiers, as its contacts read it (docs/api.md). */
const standingSchema = z.object({
  window_start: z.string(),
  period_days: z.number(),
  /** The store's base currency, of every amount but an order's own. */
  currency: z.string(),
  paid_orders: z.number(),
  paid_amount: z.number(),
  orders_tier: tierRef,
  /** The counted orders leaving the period soonest (standingOrders of them), each with its changes. */
  orders: z.array(z.object({ id: z.uuid(), external_ref: z.string(), placed_at: z.string(), leaves_at: z.string(), amount: z.number(), currency: z.string(), amount_base: z.number(), changes: orderChanges })),
  holds_until: z.string().nullable(),
  falls_to: tierRef.nullable(),
  to_keep: needsSchema.nullable(),
  /** The effective tier now, an override's included. */
  tier: tierRef,
  override: z.object({ tier_id: z.uuid(), expires_at: z.string() }).nullable(),
  next_tier: needsSchema.extend({ id: z.uuid() }).nullable(),
  samples: z.object({ used: count, quota: count.nullable(), left: count.nullable(), period_days: z.number() }),
  points_expiring: z.array(z.object({ expires_at: z.string(), points: count })),
});
export type Standing = z.infer<typeof standingSchema>;

/** Counted orders a member page lists, those leaving the period soonest: what is at stake next. */
const standingOrders = 3;

/** A staff credit with what corrections have left of it: correct_rebate_credit takes back at most that. */
export interface StaffCredit {
  id: number;
  amount: number;
  left: number;
  note: string | null;
  earned_at: string;
}

export interface MemberRecord {
  member: z.infer<typeof memberSchema>;
  contacts: z.infer<typeof contactSchema>[];
  orders: z.infer<typeof memberOrderSchema>[];
  points: z.infer<typeof pointsSchema>[];
  rebates: z.infer<typeof rebateSchema>[];
  claims: z.infer<typeof claimSchema>[];
  tierChanges: z.infer<typeof tierChangeSchema>[];
  inquiries: z.infer<typeof inquirySchema>[];
  coupons: HeldCoupon[];
  /** Every copy held and not used yet, however many the company holds (the history shows the newest). */
  unusedCoupons: HeldCoupon[];
  /** Copies the company holds of each coupon, used ones too, not those taken back (as give_coupon counts the limit). */
  copiesHeld: Record<string, number>;
  /** The newest staff credits, each with what is left of it (the ones fully taken back too). */
  credits: StaffCredit[];
  standing: Standing;
}

/** Cents added without binary fractions showing (0.1 + 0.2). */
export const addMoney = (...amounts: number[]) => Math.round(amounts.reduce((sum, amount) => sum + amount * 100, 0)) / 100;

/** How many of each history a member page shows (newest first). */
export const historyRows = 50;

/**
 * A member of the store with everything staff read about it. `null` when no member with that id
 * is readable at this store (another store's company reads exactly like a missing one).
 */
export async function loadMember(storeId: string, memberId: string): Promise<Result<MemberRecord | null>> {
  const db = supabase();
  const latest = <Q extends Orderable<Q> & { limit: (n: number) => Q }>(query: Q, history: MemberHistory) =>
    newest(query, history).limit(historyRows);
  const heldCoupons = () => db.from('member_coupons').select('id, coupon_id, source, claimed_at, used_at, used_order_ref, taken_back_at, coupon:coupons(code, kind, value, currency, valid_until)')
    .eq('member_id', memberId).eq('store_id', storeId);
  const [member, contacts, orders, points, rebates, claims, tierChanges, inquiries, coupons, everyCopy, credits, standing] = await Promise.all([
    db.from('members').select('id, store_id, company_name, country, website, industry, tier_id, tier_override_id, tier_override_expires_at, tier_override_reason, joined_at, last_paid_order_at, left_at, erased_by, points_balance, rebate_balance')
      .eq('id', memberId).eq('store_id', storeId).maybeSingle(),
    db.from('member_contacts').select('id, role, full_name, job_title, email, phone, whatsapp, wechat, preferred_locale, created_at').eq('member_id', memberId).eq('store_id', storeId).order('role', { ascending: false }).order('full_name'),
    // Its points rows oldest first: the latest that records a tier names the one the order earns at.
    latest(db.from('orders').select(`id, external_ref, amount, currency, amount_base, placed_at, status, delivered_at, ${orderChangesEmbed}, points:points_ledger(delta, reason, shortfall, tier_id)`)
      .eq('member_id', memberId).eq('store_id', storeId).in('points.reason', orderPointsReasons).order(...orderChangesOrder).order('id', { referencedTable: 'points' }), 'orders'),
    latest(db.from('points_ledger').select(`id, delta, reason, note, shortfall, expires_at, earned_at, created_at, ${ledgerOrderColumns}, reward:rewards(name:name_local), delivery:reward_deliveries(delivery, sent_at, sent_note, carrier, tracking_number), credit:credit_id(earned_at, expires_at, order:orders(external_ref)), tier_id, tier_before`).eq('member_id', memberId).eq('store_id', storeId), 'points_ledger'),
    latest(db.from('rebate_ledger').select(`id, delta, currency, reason, applied_to_order_ref, note, shortfall, earned_at, created_at, ${ledgerOrderColumns}, tier_id, tier_before`).eq('member_id', memberId).eq('store_id', storeId), 'rebate_ledger'),
    latest(db.from('sample_claims').select('id, status, quantity, tracking_number, carrier, rejection_reason, created_at, product:products(sku, name:name_local)').eq('member_id', memberId).eq('store_id', storeId), 'sample_claims'),
    latest(db.from('tier_changes').select('id, from_tier_id, from_tier_name:from_tier_name_local, to_tier_id, to_tier_name:to_tier_name_local, reason, note, changed_at, orders_changed, changed_order_ref, moved_order_refs').eq('member_id', memberId).eq('store_id', storeId), 'tier_changes'),
    latest(db.from('inquiries').select('id, status, message, answer, created_at').eq('member_id', memberId).eq('store_id', storeId), 'inquiries'),
    latest(heldCoupons(), 'member_coupons'),
    // Every copy, for the coupon cards: the unused ones and the copies of each coupon (the limit).
    newest(heldCoupons(), 'member_coupons'),
    // The staff credits with their corrections, for the card that takes one back.
    latest(db.from('rebate_ledger').select('id, delta, note, earned_at, corrections:rebate_ledger!corrects_id(delta)')
      .eq('member_id', memberId).eq('store_id', storeId).eq('reason', 'credit'), 'rebate_ledger'),
    db.rpc('staff_member_standing', { p_member_id: memberId, p_limit: standingOrders }),
  ]);
  const parts = {
    member: parse(memberSchema.nullable(), member),
    contacts: parse(z.array(contactSchema), contacts),
    orders: parse(z.array(memberOrderSchema), orders),
    points: parse(z.array(pointsSchema), points),
    rebates: parse(z.array(rebateSchema), rebates),
    claims: parse(z.array(claimSchema), claims),
    tierChanges: parse(z.array(tierChangeSchema), tierChanges),
    inquiries: parse(z.array(inquirySchema), inquiries),
    coupons: parse(z.array(heldCouponSchema), coupons),
    everyCopy: parse(z.array(heldCouponSchema), everyCopy),
    creditRows: parse(z.array(staffCreditRow), credits),
  };
  for (const part of Object.values(parts)) if (!part.ok) return part;
  const { everyCopy: copies, creditRows, ...data } = Object.fromEntries(Object.entries(parts).map(([key, part]) => [key, part.ok ? part.data : null]));
  if (!data.member) return { ok: true, data: null };
  // Asked beside the rest, heeded once the company is the store's: for any other the RPC refuses (PT404) where the page says not found.
  const standingData = parse(standingSchema, standing);
  if (!standingData.ok) return standingData;
  const held = (copies as HeldCoupon[]).filter((copy) => copy.taken_back_at === null);
  const copiesHeld: Record<string, number> = {};
  for (const { coupon_id } of held) copiesHeld[coupon_id] = (copiesHeld[coupon_id] ?? 0) + 1;
  const unusedCoupons = held.filter((copy) => copy.used_at === null);
  const staffCredits = (creditRows as z.infer<typeof staffCreditRow>[]).map(({ id, delta, note, earned_at, corrections }): StaffCredit => ({
    id, amount: delta, left: addMoney(delta, ...corrections.map((correction) => correction.delta)), note, earned_at,
  }));
  return { ok: true, data: { ...data, unusedCoupons, copiesHeld, credits: staffCredits, standing: standingData.data } as unknown as MemberRecord };
}

/**
 * The instant an override chosen to last until `day` ends: the close of that day on the staff
 * member's own clock (in UTC it ended at 08:00 the next morning for an owner in Shenzhen, and at
 * 19:00 the day before in Mexico City).
 */
export const overrideEndsAt = (day: string): string => new Date(`${day}T23:59:59.999`).toISOString();

/**
 * set_tier_override: a tier and a future expiry (a day, ending at its close), or clear. A day that
 * is no date is checked no further (abort): the future's check ran on it too, and overrideEndsAt('')
 * threw, so a form sent without its day marked none of its fields.
 */
export const overrideSchema = z.object({
  tier_id: z.uuid('vRequired'),
  expires_on: z.iso.date({ message: 'vDate', abort: true }).refine((day) => Date.parse(overrideEndsAt(day)) > Date.now(), 'vFuture'),
  reason: textBlock(500).min(1, 'vRequired'),
});

export async function setOverride(memberId: string, form: z.infer<typeof overrideSchema> | null) {
  return parse(
    z.object({ id: z.uuid() }),
    await supabase().rpc('set_tier_override', defined({
      p_member_id: memberId,
      // A null tier clears the override (the RPC's contract); the generated types say string.
      p_tier_id: (form?.tier_id ?? null) as string,
      p_expires_at: form ? overrideEndsAt(form.expires_on) : undefined,
      p_reason: form?.reason,
    })),
  );
}

/**
 * Points typed in the console language `locale` ("1.500" in es, "1,500" in en), taking away at most
 * `balance`, the balance the page shows (its message a key said with `{balance}`); the engine takes
 * at most the one it holds when the change is sent.
 */
export const pointsSchemaForm = (locale: Locale, balance: number) => z.object({
  delta: wholeText(locale, 'vWholeNumber')
    .refine((n) => n !== 0, 'vNonZero')
    .refine((n) => Math.abs(n) <= 100_000_000, 'vPointsRange')
    .refine((n) => -n <= balance, pluralKey('pointsDeductBeyond', balance, locale)),
  note: textBlock(500).min(1, 'vRequired'),
});

/** `requestId`: the action's key (components/request-key.ts), the same for its retries. */
export async function adjustPoints(memberId: string, form: z.infer<ReturnType<typeof pointsSchemaForm>>, requestId: string) {
  return parse(count, await supabase().rpc('adjust_points', { p_member_id: memberId, p_delta: form.delta, p_note: form.note, p_request_id: requestId }));
}

export const creditSchema = (locale: Locale) => z.object({ amount: amountText(locale), note: textBlock(500).min(1, 'vRequired') });

export async function creditRebate(memberId: string, form: z.infer<ReturnType<typeof creditSchema>>, requestId: string) {
  return parse(z.number(), await supabase().rpc('credit_rebate', { p_member_id: memberId, p_amount: form.amount, p_note: form.note, p_request_id: requestId }));
}

/** apply_rebate: the amount used on an order, by the order's reference (one line, as the API's). */
export const deductSchema = (locale: Locale) => z.object({ amount: amountText(locale), order_ref: oneLine(100).min(1, 'vRequired') });

export async function deductRebate(memberId: string, form: z.infer<ReturnType<typeof deductSchema>>, requestId: string) {
  return parse(z.number(), await supabase().rpc('apply_rebate', { p_member_id: memberId, p_amount: form.amount, p_order_ref: form.order_ref, p_request_id: requestId }));
}

/** correct_rebate_credit: which staff credit, how much of it to take back, and why. */
export const correctionSchema = (locale: Locale) => z.object({
  credit_id: z.string().regex(/^\d+$/, 'vChooseCredit').transform(Number),
  amount: amountText(locale),
  note: textBlock(500).min(1, 'vRequired'),
});

export async function correctCredit(form: z.infer<ReturnType<typeof correctionSchema>>, requestId: string) {
  return parse(z.number(), await supabase().rpc('correct_rebate_credit', { p_credit_id: form.credit_id, p_amount: form.amount, p_note: form.note, p_request_id: requestId }));
}

const contactRoleSchema = z.object({ id: z.uuid(), role: z.enum(['primary', 'colleague']), full_name: z.string() });

/** The contact, now the company's primary one; the former primary is a colleague. */
export async function makePrimaryContact(memberId: string, contactId: string) {
  return parse(contactRoleSchema, await supabase().rpc('make_primary_contact', { p_member_id: memberId, p_contact_id: contactId }));
}

/** Takes a contact who left the company off it, once staff have confirmed; the company's primary contact as it now is. */
export async function removeContact(memberId: string, contactId: string) {
  return parse(contactRoleSchema, await supabase().rpc('remove_member_contact', { p_member_id: memberId, p_contact_id: contactId, p_confirm: true }));
}

/** Erases the company at its buyer's request, once an owner has confirmed; when it was erased. */
export async function eraseMember(memberId: string) {
  return parse(z.object({ left_at: z.string() }), await supabase().rpc('erase_member', { p_member_id: memberId, p_confirm: true }));
}

const givableSchema = z.object({ id: z.uuid(), ...couponTerms, per_member_limit: count, min_tier_rank: count });
export type GivableCoupon = z.infer<typeof givableSchema>;

/** The store's coupons valid today, by code: those staff may give (give_coupon checks the rest). */
export async function loadGivableCoupons(storeId: string): Promise<Result<GivableCoupon[]>> {
  const now = new Date().toISOString();
  return parse(
    z.array(givableSchema),
    await supabase().from('coupons').select('id, code, kind, value, currency, valid_until, per_member_limit, min_tier_rank')
      .eq('store_id', storeId).lte('valid_from', now).or(`valid_until.is.null,valid_until.gt.${now}`).order('code'),
  );
}

export const giveCouponSchema = z.object({ coupon_id: z.uuid('vChooseCoupon') });

export async function giveCoupon(memberId: string, form: z.infer<typeof giveCouponSchema>, requestId: string) {
  return parse(z.object({ id: z.uuid() }), await supabase().rpc('give_coupon', { p_member_id: memberId, p_coupon_id: form.coupon_id, p_request_id: requestId }));
}

/** take_back_coupon: a copy staff gave by mistake and the company has not used. */
export async function takeBackCoupon(memberCouponId: string) {
  return parse(z.object({ id: z.uuid() }), await supabase().rpc('take_back_coupon', { p_member_coupon_id: memberCouponId }));
}

/** record_coupon_use: which held copy, and the order it went on (one line, as the API's order_ref). */
export const couponUseSchema = z.object({
  member_coupon_id: z.uuid('vChooseCoupon'),
  order_ref: oneLine(100).min(1, 'vRequired'),
});

/**
 * The store's imported order by that reference (record_coupon_use checks a known one's company and
 * date), or null when none is: the form says which before the use is recorded.
 */
export async function findOrder(storeId: string, ref: string): Promise<Result<{ member_id: string; placed_at: string } | null>> {
  return parse(
    z.object({ member_id: z.uuid(), placed_at: z.string() }).nullable(),
    await supabase().from('orders').select('member_id, placed_at').eq('store_id', storeId).eq('external_ref', ref).maybeSingle(),
  );
}

export async function recordCouponUse(form: z.infer<typeof couponUseSchema>) {
  return parse(z.object({ id: z.uuid() }), await supabase().rpc('record_coupon_use', { p_member_coupon_id: form.member_coupon_id, p_order_ref: form.order_ref }));
}
