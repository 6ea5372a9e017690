/**
 * A tier being edited: the form's draft (texts as typed, the rank as merchants count it, from 1),
 * its zod schema (messages in the page's language) and the conversions to and from the row the
 * API stores.
 */
import { z } from 'zod';
import { formatNumber, languageName } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import type { TierFields, TierRow } from '../../../lib/console/tiers.ts';
import { shownRank, storedRank } from '../../../lib/tier-ranks.ts';
import { fieldChanges } from '../../../lib/read-again.ts';
import { blankOr, typedNumber } from '../../../lib/console/result.ts';
import { readTyped, typedText } from '../../../lib/numbers.ts';
import { cleanTextMap, textMapSchema, toTextMap, type TextMap } from '../ui/LocalizedTextField.tsx';

export interface TierDraft {
  name: TextMap;
  perks: TextMap;
  rank: string;
  min_paid_orders: string;
  min_paid_amount: string;
  discount_percent: string;
  moq_override: string;
  prepay_regular_percent: string;
  prepay_customized_percent: string;
  sample_quota: string;
  points_multiplier: string;
  rebate_percent: string;
  free_freight: boolean;
  logistics_upgrade: boolean;
  priority_delivery: boolean;
}

/** `tier` in the editor's fields, its numbers as the console language `locale` writes them (typedText). */
export function draftOf(tier: TierRow, defaultLocale: Locale, locale: Locale): TierDraft {
  const perks: TextMap = {};
  for (const [lang, list] of Object.entries(tier.perks)) perks[lang as Locale] = perkText(list);
  const text = (value: number | null) => (value === null ? '' : typedText(value, locale));
  return {
    name: toTextMap(tier.name, defaultLocale),
    perks,
    rank: String(shownRank(tier.rank)),
    min_paid_orders: String(tier.min_paid_orders),
    min_paid_amount: typedText(tier.min_paid_amount, locale, true),
    discount_percent: text(tier.discount_percent),
    moq_override: text(tier.moq_override),
    prepay_regular_percent: text(tier.prepay_regular_percent),
    prepay_customized_percent: text(tier.prepay_customized_percent),
    sample_quota: text(tier.sample_quota),
    points_multiplier: text(tier.points_multiplier),
    rebate_percent: text(tier.rebate_percent),
    free_freight: tier.free_freight,
    logistics_upgrade: tier.logistics_upgrade,
    priority_delivery: tier.priority_delivery,
  };
}

/**
 * A new tier above the highest: the previous top tier's rights, and its thresholds with one paid
 * order more, so that neither tier starts out of reach (with equal minimums nobody would keep the
 * lower one); the merchant sets the real thresholds.
 */
export function newDraft(top: TierRow | undefined, defaultLocale: Locale, locale: Locale): TierDraft {
  const base = top ? draftOf(top, defaultLocale, locale) : undefined;
  return {
    ...(base ?? { discount_percent: '0', moq_override: '', prepay_regular_percent: '50', prepay_customized_percent: '75', sample_quota: '3', points_multiplier: '1', rebate_percent: '0', free_freight: false, logistics_upgrade: false, priority_delivery: false, min_paid_amount: '0' }),
    min_paid_orders: String((top?.min_paid_orders ?? 0) + 1),
    name: {},
    perks: {},
    rank: String(shownRank((top?.rank ?? 0) + 1)),
  } as TierDraft;
}

/**
 * A language's perks as the draft holds them, one a line (the editor's boxes, LocalizedTextField's
 * `items`), from the list the API stores.
 */
export const perkText = (list: readonly string[]) => list.join('\n');

/** The list the API stores from the draft's text: each perk trimmed, the empty boxes left out. */
export const perkList = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** The most perks a tier has in a language, and the longest one: the database's rule for perks. */
export const perkLimits = { count: 20, length: 200 };

type T = (key: 'errorWholeNumber' | 'errorNumber' | 'errorAmount' | 'errorRequired' | 'errorNeedsDefaultLanguage' | 'errorPerks' | 'refusedPerksCount' | 'refusedPerksCountOne' | 'errorTooLong' | 'errorSingleLine', values?: Record<string, string | number>) => string;

/** `locale`: the console language, in which staff type the numbers (numbers.ts) and the default language is named. */
/** `highest`: the highest rank the tier may take, as merchants count it (ranks have no gaps). */
export function tierSchema(t: T, defaultLocale: Locale, locale: Locale, highest: number) {
  const whole = (min: number, max: number) => typedNumber(locale, t('errorRequired')).pipe(z.string().regex(/^\d+$/, t('errorWholeNumber', { min, max })).transform(Number).refine((n) => n >= min && n <= max, t('errorWholeNumber', { min, max })));
  const optionalWhole = (min: number, max: number) => blankOr(whole(min, max));
  const decimal = (max: number, message: string) =>
    typedNumber(locale, t('errorRequired')).pipe(z.string().regex(/^\d+(\.\d{1,2})?$/, message).transform(Number).refine((n) => n <= max, message));
  const percent = decimal(100, t('errorNumber', { min: 0, max: 100 }));
  return z.object({
    name: textMapSchema(t, defaultLocale, locale, { max: 60, required: true, line: true }),
    perks: z
      .record(z.string(), z.string().optional())
      .transform((map) => Object.fromEntries(Object.entries(cleanTextMap(map)).map(([locale, text]) => [locale, perkList(text)])))
      .refine((map) => Object.values(map).every((list) => list.length <= perkLimits.count && list.every((perk) => perk.length <= perkLimits.length)), t('errorPerks'))
      .refine((map) => Object.keys(map).length === 0 || Boolean(map[defaultLocale]), {
        message: t('errorNeedsDefaultLanguage', { language: languageName(defaultLocale, locale) }),
        // The default's box alone, as textMapSchema says it (checkErrors).
        path: [defaultLocale],
      })
      // Readers take a language's perks whole (private.check_perk_counts): one with fewer would show them fewer.
      .superRefine((map, context) => {
        // Without the default's perks, the refinement above says what to do first.
        const total = map[defaultLocale]?.length;
        if (total === undefined) return;
        for (const [other, list] of Object.entries(map)) {
          if (other === defaultLocale || list.length === total) continue;
          const names = { language: languageName(other, locale), default: languageName(defaultLocale, locale) };
          context.addIssue({ code: 'custom', message: t(pluralKey('refusedPerksCount', list.length, locale), { ...names, count: formatNumber(list.length, locale), total: formatNumber(total, locale) }), path: [other] });
        }
      }),
    rank: whole(1, highest).transform(storedRank),
    min_paid_orders: whole(0, 999_999_999),
    min_paid_amount: decimal(999_999_999_999.99, t('errorAmount')),
    discount_percent: percent,
    moq_override: optionalWhole(1, 2_147_483_647),
    prepay_regular_percent: percent,
    prepay_customized_percent: percent,
    sample_quota: optionalWhole(0, 2_147_483_647),
    points_multiplier: decimal(99.99, t('errorNumber', { min: 0, max: 99.99 })),
    rebate_percent: percent,
    free_freight: z.boolean(),
    logistics_upgrade: z.boolean(),
    priority_delivery: z.boolean(),
  }) satisfies z.ZodType<TierFields, TierDraft>;
}

/** What a draft says: a text typed and cleared again says nothing, nor does an empty box between two perks, or one added and left empty. */
function said(draft: TierDraft) {
  const text = (map: TextMap) => Object.entries(cleanTextMap(map)).sort();
  return { ...draft, name: text(draft.name), perks: text(draft.perks).map(([locale, lines]) => [locale, perkList(lines)]) };
}

/** Whether the draft says anything `before` did not. */
export function draftChanged(draft: TierDraft, before: TierDraft): boolean {
  return JSON.stringify(said(draft)) !== JSON.stringify(said(before));
}

/**
 * A save refused because someone else changed the tier since `read`, the tier read again (`now`):
 * the draft to show next, with what staff typed (`draft`) kept, and which fields someone else
 * changed (fieldChanges), each compared as it says (said).
 */
export function rereadDraft(read: TierRow, now: TierRow, draft: TierDraft, defaultLocale: Locale, locale: Locale) {
  const before = said(draftOf(read, defaultLocale, locale));
  const shown = draftOf(now, defaultLocale, locale);
  const theirs = said(shown);
  const mine = said(draft);
  const { weigh, changes } = fieldChanges<keyof TierDraft>();
  for (const field of Object.keys(shown) as (keyof TierDraft)[]) {
    if (weigh(field, mine[field], before[field], theirs[field])) Object.assign(shown, { [field]: draft[field] });
  }
  return { draft: shown, ...changes };
}

/** Whether the draft changes what the what-if looks at: rank or thresholds (or it is new). */
export function thresholdsDiffer(draft: TierDraft, saved: TierRow | null, locale: Locale): boolean {
  if (!saved) return true;
  // As typed in the console language ("1.000" is a thousand in Spanish); what is no number differs.
  const typed = (text: string) => Number(readTyped(text, locale) ?? NaN);
  return storedRank(typed(draft.rank)) !== saved.rank || typed(draft.min_paid_orders) !== saved.min_paid_orders || typed(draft.min_paid_amount) !== saved.min_paid_amount;
}
