/**
 * The buyer's business card as the exchange form sends it, checked with the rules the database
 * applies (`exchange_cards`, docs/api.md *Input rules*), so mistakes show next to their field
 * before anything is sent. Messages are keys of the `join` catalogue section.
 */
import { z } from 'zod';
import { formatMoney, type Translate } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { isInternationalPhone, isPhone, isWechatId } from '../../lib/contact-formats.ts';
import { isWebUrl, withScheme } from '../../lib/web-address.ts';

export const purchaseVolumes = ['under_10k', '10k_50k', '50k_200k', '200k_1m', 'over_1m'] as const;
export type PurchaseVolume = (typeof purchaseVolumes)[number];

/**
 * Each band's bounds in US dollars: from `low` up to `high` not included, the last from a million
 * up, so that no amount is in two bands (its label says so: "US$10,000 to under US$50,000").
 */
const volumeBounds: Record<PurchaseVolume, { low: number; high?: number }> = {
  under_10k: { low: 0, high: 10_000 },
  '10k_50k': { low: 10_000, high: 50_000 },
  '50k_200k': { low: 50_000, high: 200_000 },
  '200k_1m': { low: 200_000, high: 1_000_000 },
  over_1m: { low: 1_000_000 },
};

/**
 * A band's label ({low}, {high}) in the reader's US-dollar amounts: Chinese in its units of ten
 * thousand ("US$1万", "US$100万"), as it says such sums; English and Spanish in full ("US$10,000",
 * "10.000 US$"), where Intl's short forms ("USD 10 k", "1 M US$") are not how Spanish writes an
 * amount and a buyer compares exact bounds.
 */
export function volumeLabel(volume: PurchaseVolume, locale: Locale, t: Translate<`volume_${PurchaseVolume}`>): string {
  const amount = (dollars: number | undefined) => (dollars === undefined ? '' : formatMoney(dollars, 'USD', locale, { whole: true, compact: locale === 'zh-CN' }));
  return t(`volume_${volume}`, { low: amount(volumeBounds[volume].low), high: amount(volumeBounds[volume].high) });
}

const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'errorTooLong' })
    .refine((value) => !controlCharacters.test(value), { message: 'errorOneLine' });
const required = (max: number) => line(max).min(1, { message: 'errorRequired' });
const optional = <T extends z.ZodType<string>>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const phone = line(40).refine(isPhone, { message: 'errorPhone' });

export const emailSchema = z.string().trim().max(254, { message: 'errorEmail' }).pipe(z.email({ message: 'errorEmail' }));
export const codeSchema = z.string().trim().regex(/^\d{6}$/, { message: 'errorCode' });

export const cardSchema = z
  .object({
    full_name: required(120),
    company_name: required(200),
    job_title: optional(line(120)),
    // Left empty, it is missing as the card's other required fields are, not an address in the wrong form.
    email: z.string().trim().min(1, { message: 'errorRequired' }).pipe(emailSchema),
    phone: optional(phone),
    whatsapp: optional(line(40).refine(isInternationalPhone, { message: 'errorWhatsapp' })),
    wechat: optional(z.string().trim().refine(isWechatId, { message: 'errorWechat' })),
    country: z.string().regex(/^[A-Z]{2}$/, { message: 'errorCountry' }),
    website: optional(
      line(300).transform(withScheme).refine(isWebUrl, { message: 'errorWebsite' }),
    ),
    industry: optional(line(120)),
    purchase_volume: optional(z.enum(purchaseVolumes)),
    /** Typed as one comma-separated line; sent as a list. */
    product_categories: z
      .string()
      .transform((value) => value.split(/[,，、]/).map((part) => part.trim()).filter(Boolean))
      .pipe(z.array(z.string().max(80, { message: 'errorCategories' })).max(20, { message: 'errorCategories' })),
    contact_consent: z.boolean(),
  })
  .refine((card) => card.phone || card.whatsapp || card.wechat, { message: 'errorContact', path: ['phone'] });

export type Card = z.output<typeof cardSchema>;

/** The card's fields in form order, for mapping API `details.field` to an input. */
export const cardFields = Object.keys(cardSchema.shape) as (keyof Card)[];
