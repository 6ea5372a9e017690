/**
 * Coupons and point rewards of a store, written by staff straight to the tables (their
 * policies allow it; CHECK constraints and the merchant-text trigger are the server's rules),
 * with how many were claimed, used and redeemed (coupon_usage, reward_usage). Merchant texts are
 * edited in every language at once (`{"en": "…", "es": "…"}`), the store's default required.
 * Rewards the team delivers (no coupon), shipped or handed over, wait in reward_deliveries until
 * marked sent (mark_reward_sent).
 */
import { z } from 'zod';
import { locales, type Locale } from '../../i18n/locales.ts';
import { supabase } from '../supabase.ts';
import { amountText, blankOr, count, crossCheck, defined, oneLine, parse, textBlock, textMap, wholeText, type Result } from './result.ts';
import { shipToSchema, trackingNumber } from './samples.ts';
import { savedAsRead } from './changed-since.ts';

const couponSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  description: textMap,
  kind: z.enum(['percent', 'amount']),
  value: z.number(),
  currency: z.string().nullable(),
  min_order_amount: z.number().nullable(),
  min_tier_rank: z.number(),
  valid_from: z.string(),
  valid_until: z.string().nullable(),
  per_member_limit: z.number(),
  is_gift_pack: z.boolean(),
  claimable: z.boolean(),
  /** When it last changed: a save is made over the coupon as read (saveCoupon). */
  updated_at: z.string(),
});
export type Coupon = z.infer<typeof couponSchema>;
const couponColumns = 'id, code, description, kind, value, currency, min_order_amount, min_tier_rank, valid_from, valid_until, per_member_limit, is_gift_pack, claimable, updated_at';

/** How the team delivers a reward without a coupon (rewards.delivery): shipped to the address the buyer gives, or handed over. */
export const rewardDeliveries = ['shipped', 'handed_over'] as const;

const rewardSchema = z.object({
  id: z.uuid(),
  name: textMap,
  description: textMap,
  points_cost: z.number(),
  coupon_id: z.uuid().nullable(),
  delivery: z.enum(rewardDeliveries),
  active: z.boolean(),
  /** When it last changed: a save is made over the reward as read (saveReward). */
  updated_at: z.string(),
});
export type Reward = z.infer<typeof rewardSchema>;
const rewardColumns = 'id, name, description, points_cost, coupon_id, delivery, active, updated_at';

export interface CouponBook {
  coupons: Coupon[];
  rewards: Reward[];
  couponUse: Record<string, { claimed: number; used: number; gift_pack: number; reward: number }>;
  rewardUse: Record<string, { redeemed: number; points_spent: number }>;
}

export async function loadCouponBook(storeId: string): Promise<Result<CouponBook>> {
  const db = supabase();
  const [coupons, rewards, couponUse, rewardUse] = await Promise.all([
    db.from('coupons').select(couponColumns).eq('store_id', storeId).order('created_at', { ascending: false }).order('id', { ascending: false }),
    db.from('rewards').select(rewardColumns).eq('store_id', storeId).order('points_cost'),
    db.rpc('coupon_usage', { p_store_id: storeId }),
    db.rpc('reward_usage', { p_store_id: storeId }),
  ]);
  const c = parse(z.array(couponSchema), coupons);
  if (!c.ok) return c;
  const r = parse(z.array(rewardSchema), rewards);
  if (!r.ok) return r;
  const cu = parse(z.array(z.object({ coupon_id: z.uuid(), claimed: count, used: count, gift_pack: count, reward: count })), couponUse);
  if (!cu.ok) return cu;
  const ru = parse(z.array(z.object({ reward_id: z.uuid(), redeemed: count, points_spent: count })), rewardUse);
  if (!ru.ok) return ru;
  return {
    ok: true,
    data: {
      coupons: c.data,
      rewards: r.data,
      couponUse: Object.fromEntries(cu.data.map(({ coupon_id, ...use }) => [coupon_id, use])),
      rewardUse: Object.fromEntries(ru.data.map(({ reward_id, ...use }) => [reward_id, use])),
    },
  };
}


/**
 * A merchant text in every language as the form holds it (`text.en`, `text.es`…), stored as a
 * map without the blank ones. The store's default language is needed whenever any language has
 * text, and always for a required text (the server's rule).
 */
function textFields(field: z.ZodString, defaultLocale: Locale, required: boolean) {
  return z
    .object(Object.fromEntries(locales.map((locale) => [locale, field.optional().transform((text) => text ?? '')])) as unknown as Record<Locale, z.ZodType<string, string | undefined>>)
    .superRefine((texts, context) => {
      const any = locales.some((locale) => texts[locale] !== '');
      if ((required || any) && texts[defaultLocale] === '') context.addIssue({ code: 'custom', path: [defaultLocale], message: 'vDefaultLanguage' });
    })
    .transform((texts) => Object.fromEntries(locales.filter((locale) => texts[locale] !== '').map((locale) => [locale, texts[locale]])));
}

const localTime = blankOr(z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'vDate'));

/**
 * The coupon form (inputs as text) → the row written to `coupons`; `locale`: the console language,
 * in which staff type numbers (numbers.ts: "1.000" is a thousand in Spanish).
 */
export function couponFormSchema(defaultLocale: Locale, baseCurrency: string, locale: Locale) {
  const fields = {
    code: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'vCode'),
    description: textFields(textBlock(500), defaultLocale, false),
    min_order_amount: blankOr(amountText(locale, 'zero')),
    min_tier_rank: z.coerce.number().int().min(0),
    valid_from: localTime,
    valid_until: localTime,
    per_member_limit: wholeText(locale, 'vWholeNumber').refine((n) => n >= 1 && n <= 100, 'vLimit'),
    is_gift_pack: z.boolean(),
    claimable: z.boolean(),
  };
  // The value's rule by kind, checked with the other fields: a percentage is at most 100, and its example is one.
  return z
    .discriminatedUnion('kind', [
      z.object({ ...fields, kind: z.literal('percent'), value: amountText(locale, 'above0', 'percent') }),
      z.object({ ...fields, kind: z.literal('amount'), value: amountText(locale) }),
    ])
    .check(
      crossCheck(['valid_from', 'valid_until'], (form, context) => {
        if (form.valid_from && form.valid_until && form.valid_until <= form.valid_from) context.addIssue({ code: 'custom', path: ['valid_until'], message: 'vWindow' });
      }),
      crossCheck(['is_gift_pack', 'min_tier_rank'], (form, context) => {
        if (form.is_gift_pack && form.min_tier_rank !== 0) context.addIssue({ code: 'custom', path: ['is_gift_pack'], message: 'vGiftPackTier' });
      }),
    )
    .transform((form) => ({
      code: form.code,
      description: form.description,
      kind: form.kind,
      value: form.value,
      min_order_amount: form.min_order_amount,
      currency: form.kind === 'amount' || form.min_order_amount !== null ? baseCurrency : null,
      min_tier_rank: form.min_tier_rank,
      // datetime-local inputs are in the staff's own time zone.
      ...(form.valid_from ? { valid_from: new Date(form.valid_from).toISOString() } : {}),
      valid_until: form.valid_until ? new Date(form.valid_until).toISOString() : null,
      per_member_limit: form.per_member_limit,
      is_gift_pack: form.is_gift_pack,
      claimable: form.claimable,
    }));
}
/** The coupon form's inputs: either kind, chosen in the form, with the same fields. */
export type CouponForm = Omit<z.input<ReturnType<typeof couponFormSchema>>, 'kind'> & { kind: 'percent' | 'amount' };

/** The reward form (inputs as text); `locale` as couponFormSchema's. */
export function rewardFormSchema(defaultLocale: Locale, locale: Locale) {
  return z.object({
    name: textFields(oneLine(120), defaultLocale, true),
    description: textFields(textBlock(1000), defaultLocale, false),
    points_cost: wholeText(locale, 'vWholeNumber').refine((n) => n >= 1, 'vPositive').refine((n) => n <= 2147483647, 'vTooLarge'),
    coupon_id: z.union([z.literal(''), z.uuid()]).transform((id) => id || null),
    delivery: z.enum(rewardDeliveries),
    active: z.boolean(),
  });
}
export type RewardForm = z.input<ReturnType<typeof rewardFormSchema>>;

const saved = z.object({ id: z.uuid() });

/**
 * Inserts (`read` null) or updates a coupon over the coupon as read (savedAsRead: once someone else
 * changed or deleted it since, nothing is written); answers the saved id.
 */
export async function saveCoupon(storeId: string, read: Coupon | null, row: z.output<ReturnType<typeof couponFormSchema>>): Promise<Result<{ id: string }>> {
  if (!read) return parse(saved, await supabase().from('coupons').insert({ ...row, store_id: storeId }).select('id').single());
  return savedAsRead(saved, read.updated_at, await supabase().from('coupons').update(row).eq('id', read.id).eq('store_id', storeId).eq('updated_at', read.updated_at).select('id').maybeSingle(),
    () => supabase().from('coupons').select('updated_at').eq('id', read.id).maybeSingle());
}

/** As saveCoupon, a reward. */
export async function saveReward(storeId: string, read: Reward | null, row: z.output<ReturnType<typeof rewardFormSchema>>): Promise<Result<{ id: string }>> {
  if (!read) return parse(saved, await supabase().from('rewards').insert({ ...row, store_id: storeId }).select('id').single());
  return savedAsRead(saved, read.updated_at, await supabase().from('rewards').update(row).eq('id', read.id).eq('store_id', storeId).eq('updated_at', read.updated_at).select('id').maybeSingle(),
    () => supabase().from('rewards').select('updated_at').eq('id', read.id).maybeSingle());
}

/** One coupon of the store as the list reads it, null when it is gone: its editor reads it again after a save refused over someone else's change. */
export async function loadCoupon(storeId: string, id: string): Promise<Result<Coupon | null>> {
  return parse(couponSchema.nullable(), await supabase().from('coupons').select(couponColumns).eq('store_id', storeId).eq('id', id).maybeSingle());
}

/** As loadCoupon, a reward. */
export async function loadReward(storeId: string, id: string): Promise<Result<Reward | null>> {
  return parse(rewardSchema.nullable(), await supabase().from('rewards').select(rewardColumns).eq('store_id', storeId).eq('id', id).maybeSingle());
}

const deliverySchema = z.object({
  points_entry_id: count,
  member_id: z.uuid(),
  requested_at: z.string(),
  // redeem_reward's address: null before there was one; the country alone once the buyer left.
  ship_to: shipToSchema.nullable(),
  // Its reward's way when redeemed: a handed-over one has no address, carrier or tracking number.
  delivery: z.enum(rewardDeliveries),
  member: z.object({
    company_name: z.string(),
    left_at: z.string().nullable(),
    country: z.string().nullable(),
    // The primary contact alone (filtered below): one a company, none once it left or was erased.
    contacts: z.array(z.object({ full_name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), whatsapp: z.string().nullable(), wechat: z.string().nullable() })),
  }),
  reward: z.object({ name: z.string() }),
  points: z.object({ delta: count }),
});
export type Delivery = z.infer<typeof deliverySchema>;

/**
 * Rewards the store's team still has to send or hand over (reward_deliveries not marked sent),
 * oldest first, with the address the buyer gave and whom to ask (a redemption before there were
 * addresses, whose buyer left, or handed over, has none).
 */
export async function loadDeliveries(storeId: string): Promise<Result<Delivery[]>> {
  return parse(
    z.array(deliverySchema),
    await supabase().from('reward_deliveries')
      .select('points_entry_id, member_id, requested_at, ship_to, delivery, member:members(company_name, left_at, country, contacts:member_contacts(full_name, email, phone, whatsapp, wechat)), reward:rewards(name:name_local), points:points_ledger(delta)')
      .eq('store_id', storeId).is('sent_at', null).eq('member.contacts.role', 'primary').order('requested_at').order('points_entry_id'),
  );
}

/** How far back "Recently delivered" reads: a month of the team's deliveries, newest first. */
export const deliveredDays = 30;

const deliveredSchema = z.object({
  points_entry_id: count,
  member_id: z.uuid(),
  delivery: z.enum(rewardDeliveries),
  sent_at: z.string(),
  // The staff login that marked it: named from the staff directory, which no longer has one removed since.
  sent_by: z.uuid(),
  carrier: z.string().nullable(),
  tracking_number: z.string().nullable(),
  sent_note: z.string().nullable(),
  member: z.object({ company_name: z.string(), left_at: z.string().nullable() }),
  reward: z.object({ name: z.string() }),
});
export type Delivered = z.infer<typeof deliveredSchema>;

/**
 * The deliveries the store's team marked sent or handed over in the last `deliveredDays` days,
 * newest first: once marked a row leaves the list to send, and staff asked what went out last week,
 * how and by whom. Read under the table's policy (staff read their store's deliveries).
 */
export async function loadDelivered(storeId: string): Promise<Result<Delivered[]>> {
  const since = new Date(Date.now() - deliveredDays * 86_400_000).toISOString();
  return parse(
    z.array(deliveredSchema),
    await supabase().from('reward_deliveries')
      .select('points_entry_id, member_id, delivery, sent_at, sent_by, carrier, tracking_number, sent_note, member:members(company_name, left_at), reward:rewards(name:name_local)')
      .eq('store_id', storeId).gte('sent_at', since).order('sent_at', { ascending: false }).order('points_entry_id', { ascending: false }),
  );
}

/**
 * mark_reward_sent's carrier, tracking number (ship_sample's format) and note, each optional, one
 * line; a handed-over delivery's form has the note alone (the API refuses the other two for it).
 */
export const sentSchema = z.object({ carrier: oneLine(100), tracking_number: blankOr(trackingNumber), note: oneLine(200) });
export const handedOverSchema = sentSchema.pick({ note: true });

export async function markRewardSent(delivery: Delivery, form: z.infer<typeof handedOverSchema> & Partial<z.infer<typeof sentSchema>>) {
  return parse(
    z.object({ points_entry_id: count }),
    await supabase().rpc('mark_reward_sent', defined({
      p_points_entry_id: delivery.points_entry_id, p_note: form.note || undefined, p_carrier: form.carrier || undefined, p_tracking_number: form.tracking_number ?? undefined,
    })),
  );
}
