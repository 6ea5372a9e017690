/**
 * The coupon and reward editors' forms: filled from a coupon or reward as saved (blank for a new
 * one), and filled again over a save refused because someone else changed it since (rereadForm):
 * their changes where staff typed nothing, what staff typed everywhere else.
 */
import type { Locale } from '../../../i18n/locales.ts';
import { rereadForm } from '../../../lib/read-again.ts';
import type { Coupon, CouponForm, Reward, RewardForm } from '../../../lib/console/coupons.ts';
import { localDateTimeInput } from '../../../lib/local-clock.ts';
import { typedText } from '../../../lib/numbers.ts';
import { cleanTextMap, toTextMap, type TextMap } from '../ui/LocalizedTextField.tsx';

export type CouponFields = Omit<CouponForm, 'description'> & { description: TextMap };
export type RewardFields = Omit<RewardForm, 'name' | 'description'> & { name: TextMap; description: TextMap };

/** `coupon` in the editor's fields, its numbers as the console language `locale` writes them. */
export function couponFormOf(coupon: Coupon | null, defaultLocale: Locale, locale: Locale): CouponFields {
  return {
    code: coupon?.code ?? '',
    description: toTextMap(coupon?.description, defaultLocale),
    kind: coupon?.kind ?? 'percent',
    value: coupon ? typedText(coupon.value, locale, coupon.kind === 'amount') : '',
    min_order_amount: coupon?.min_order_amount != null ? typedText(coupon.min_order_amount, locale, true) : '',
    min_tier_rank: coupon?.min_tier_rank ?? 0,
    valid_from: coupon?.valid_from ? localDateTimeInput(coupon.valid_from) : '',
    valid_until: coupon?.valid_until ? localDateTimeInput(coupon.valid_until) : '',
    per_member_limit: String(coupon?.per_member_limit ?? 1),
    is_gift_pack: coupon?.is_gift_pack ?? false,
    // Off until chosen: a coupon made for the gift pack or a reward was claimable by every member too.
    claimable: coupon?.claimable ?? false,
  };
}

export function rewardFormOf(reward: Reward | null, defaultLocale: Locale): RewardFields {
  return {
    name: toTextMap(reward?.name, defaultLocale),
    description: toTextMap(reward?.description, defaultLocale),
    points_cost: reward ? String(reward.points_cost) : '',
    coupon_id: reward?.coupon_id ?? '',
    delivery: reward?.delivery ?? 'shipped',
    active: reward?.active ?? true,
  };
}

/** A text typed and cleared again says nothing: texts compared as saved. */
const saidTexts = <Form extends object>(...keys: (keyof Form)[]) => (form: Form): Form =>
  ({ ...form, ...Object.fromEntries(keys.map((key) => [key, cleanTextMap(form[key] as TextMap)])) });

/** A coupon read again (`now`) over a save of `typed` refused since `read`. */
export function rereadCoupon(read: Coupon, now: Coupon, typed: CouponFields, defaultLocale: Locale, locale: Locale) {
  return rereadForm(couponFormOf(read, defaultLocale, locale), couponFormOf(now, defaultLocale, locale), typed, saidTexts<CouponFields>('description'));
}

/** A reward read again (`now`) over a save of `typed` refused since `read`. */
export function rereadReward(read: Reward, now: Reward, typed: RewardFields, defaultLocale: Locale) {
  return rereadForm(rewardFormOf(read, defaultLocale), rewardFormOf(now, defaultLocale), typed, saidTexts<RewardFields>('name', 'description'));
}
