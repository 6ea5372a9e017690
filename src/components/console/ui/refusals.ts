/**
 * The engine's refusals as the console says them. `private.reject(field, reason, code)` writes
 * its sentence in English for whoever calls it ("slug is already taken", "Row 1: email matches
 * no member contact of this store"); the console reads which refusal it is from the error's code
 * and `details` `{field, reason, row?}` and says it in the page's language: the ones a console
 * form can meet by field and reason, the generic rules by their shape (refusal-reasons.ts, shared
 * with the member side) with their figures kept, and database errors by code, so a constraint's
 * name never shows.
 *
 * A refusal not known here keeps the server's sentence, in English: it names the field and the
 * rule exactly, which a member of staff can act on (or quote to support), where a general "that
 * did not work" in their language would leave them guessing what to change. A request that met no
 * refusal has no such sentence, only the browser's or a gateway's English ("TypeError: Failed to
 * fetch", "Bad Gateway"): it is said as what happened (failedRequest).
 */
import type { consoleRefusals } from '../../../i18n/console-refusals.en.ts';
import { formatCalendar, formatList, formatMoney, formatNumber, interpolate, isolate, languageName, type Translate } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { sectionMessages, type Sections } from '../../../i18n/sections.ts';
import { fileGone, unexpectedAnswer } from '../../../lib/console/result.ts';
import type { Period } from '../../../lib/growth/analytics.ts';
import { reasonShape } from '../../refusal-reasons.ts';
import { parseDetails, type ApiError } from './form-errors.ts';
import { loadBound, loadTimedOut } from './use-load.ts';

export type RefusalText = Translate<Extract<keyof typeof consoleRefusals, string>>;

/** The merchant texts the engine names as `table.column` (private.merchant_text_fields), by the console's label for each. */
const merchantTexts: Readonly<Record<string, Extract<keyof typeof consoleRefusals, `text${string}`>>> = {
  'stores.name': 'textStoreName',
  'tiers.name': 'textTierName',
  'tiers.perks': 'textTierPerks',
  'products.name': 'textProductName',
  'products.description': 'textProductDescription',
  'coupons.description': 'textCouponDescription',
  'rewards.name': 'textRewardName',
  'rewards.description': 'textRewardDescription',
  'merchant_cards.title': 'textCardTitle',
  'merchant_cards.contact_title': 'textCardContactTitle',
  'merchant_cards.address': 'textCardAddress',
  'merchant_cards.introduction': 'textCardIntroduction',
};

/** How a refusal reads; `standalone` when it is a sentence of its own, not a rule that needs its field named. */
interface Said {
  text: string;
  standalone: boolean;
}

/** Turns an import's batch row into the file's row (`Row 2 of this batch` → row 1,003 of the file). */
export type FileRow = (batchRow: number) => number;

function known(error: ApiError, t: RefusalText, locale: Locale, fileRow: FileRow): Said | null {
  const { code = '' } = error;
  const details = parseDetails(error);
  const field = details?.field ?? '';
  const reason = details?.reason ?? '';
  const n = (value: string | number) => formatNumber(Number(value), locale);
  const whole = (text: string): Said => ({ text, standalone: true });
  const rule = (text: string): Said => ({ text, standalone: false });
  let match: RegExpExecArray | null;

  // PT401: the request guard's ended session; PGRST301: an expired token PostgREST refuses itself;
  // 'Sign in first': a call without a session at all (a 42501, which is not the role's refusal).
  if (code === 'PT401' || code === 'PGRST301' || reason === 'Sign in first') return whole(t('refusedSession'));
  if (code === 'PT429') return whole(t('refusedTooMany'));
  if (code === unexpectedAnswer) return whole(t('refusedUnexpectedAnswer'));
  if (code === fileGone) return whole(t('refusedFileGone'));
  // An action's key sent again with other details (20261222000300): the console makes a new key when they change.
  if (field === 'request_id' && reason.startsWith('was already used for a different request')) return whole(t('refusedRequestReused'));

  // Stores and staff.
  if (isNotStaff(error)) return whole(t('refusedNotStaff'));
  if (field === 'slug' && reason === 'is already taken') return whole(t('refusedSlugTaken'));
  if (field === 'slug' && reason.startsWith('must be 2-63')) return rule(t('refusedSlug'));
  if ((match = /^Store limit reached: .* at most (\d+) stores/.exec(reason))) return whole(t('refusedStoreLimit', { max: n(match[1]!) }));
  if (field === 'email' && reason === 'already belongs to staff of this store') return whole(t('refusedAlreadyStaff'));
  if (field === 'email' && (match = /^cannot be invited: this store has (\d+) pending/.exec(reason))) return whole(t('refusedInvitesPending', { count: n(match[1]!) }));
  if (field === 'email' && reason.startsWith('of your login is not the address')) return whole(t('refusedInvitationOtherEmail'));
  if (field === 'role' && reason === 'must be owner or staff') return rule(t('refusedRole'));
  if (field === 'user_id' && reason.startsWith('is the last owner')) return whole(t('refusedLastOwner'));
  if (field === 'user_id' && reason === 'is not staff of this store') return whole(t('refusedStaffGone'));
  if (field === 'user_id' && (match = /^already owns (\d+) stores/.exec(reason))) return whole(t('refusedTheirStoreLimit', { max: n(match[1]!) }));
  // A member company's contacts (make_primary_contact, remove_member_contact).
  if (field === 'contact_id' && reason.startsWith('is the company\'s only contact')) return whole(t('refusedOnlyContact'));
  if (field === 'contact_id' && code === 'PT404') return whole(t('refusedContactGone'));
  // A company erased meanwhile (erase_member, in another tab), or whose last contact left.
  if (field === 'member_id' && (match = /^was already erased on (\d{4}-\d{2}-\d{2})/.exec(reason))) return whole(t('refusedAlreadyErased', { date: formatCalendar(match[1]!, locale) }));
  if (field === 'member_id' && (match = /^left the store on (\d{4}-\d{2}-\d{2}), and its personal data/.exec(reason))) return whole(t('refusedAlreadyLeft', { date: formatCalendar(match[1]!, locale) }));
  // Anything given to a company that left or was erased while its page was open (20261210000900).
  if (field === 'member' && (match = /^left the store on (\d{4}-\d{2}-\d{2})/.exec(reason))) return whole(t('refusedFormerMember', { date: formatCalendar(match[1]!, locale) }));
  if (reason === 'You are already staff of this store') return whole(t('refusedYouAreStaff'));
  if (field === 'token' && code === 'PT404') return whole(t('refusedInvitationUnknown'));
  if (field === 'token' && reason === 'has already been used') return whole(t('refusedInvitationUsed'));
  if (field === 'token' && reason.startsWith('has expired')) return whole(t('refusedInvitationExpired'));

  // Tiers.
  if (reason === 'is already the rank of another tier') return whole(t('refusedRankTaken'));
  if (reason === 'must be 0 for the ordinary tier and only for it' || reason === 'of the ordinary tier must stay 0') return whole(t('refusedOrdinaryRank'));
  if (reason.startsWith('is the ordinary tier, which has no thresholds')) return whole(t('refusedOrdinaryThresholds'));
  if (reason === 'The ordinary tier (rank 0) cannot be removed') return whole(t('refusedOrdinaryRemove'));
  // A tier added beyond the store's limit, or a what-if proposing more tiers than a store may have.
  if ((field === 'store_id' && (match = /^may have at most (\d+) tiers/.exec(reason))) || (field === 'tiers' && (match = /^must hold at most (\d+) tiers$/.exec(reason)))) {
    return whole(t('refusedTierLimit', { max: n(match[1]!) }));
  }

  // A tier's own price of a product (save_product: by the tier's field, tier_prices.<tier id>).
  if ((match = /^must not be above the product's list price of ([\d.]+) ([A-Z]{3})/.exec(reason))) return rule(t('refusedTierPriceAbove', { price: formatMoney(Number(match[1]), match[2]!, locale) }));
  if (reason === 'must be a tier of the product\'s store') return rule(t('refusedTierOtherStore'));
  // The list price, lowered below a tier's own price (products_price_above_tier_prices): the highest such price.
  if (field === 'price' && (match = /^must not be below a tier's member price of ([\d.]+) ([A-Z]{3})/.exec(reason))) return rule(t('refusedListPriceBelowTier', { price: formatMoney(Number(match[1]), match[2]!, locale) }));
  if (field === 'tier_prices_read' && reason.startsWith('are not the product\'s tier prices now')) return whole(t('refusedTierPricesChanged'));
  if (field === 'product_read' && reason.startsWith('is not the product now')) return whole(t('refusedProductChanged'));
  // A map of prices (or of those read) keyed by one tier twice, in two spellings of its id: no form of the console sends one.
  if ((field === 'tier_prices' || field === 'tier_prices_read') && /^names tier [0-9a-f-]{36} twice$/.test(reason)) return whole(t('refusedTierPricesTwice'));

  // Texts in the merchant's languages, and the store's settings.
  if ((match = /^needs a text in (\S+), the store's default language$/.exec(reason))) return rule(t('refusedNeedsDefaultText', { language: languageName(match[1]!, locale) }));
  if ((match = /^has a text in (\S+), which is not a supported language/.exec(reason))) return whole(t('refusedUnsupportedLanguage', { language: languageName(match[1]!, locale) }));
  // The editor says it before saving (tierSchema); a text saved meanwhile in another tab meets it here.
  if ((match = /^has a different number of perks \((\d+)\) from (\S+), the store's default language \((\d+)\)/.exec(reason)) && field.startsWith('perks.')) {
    const [, count, language, total] = match;
    return whole(t(pluralKey('refusedPerksCount', Number(count), locale), { language: languageName(field.slice('perks.'.length), locale), default: languageName(language!, locale), count: n(count!), total: n(total!) }));
  }
  // The console leaves out a language whose box is empty: a blank text that reaches the engine holds invisible characters.
  if (reason === 'must not be blank: leave the language out instead') return rule(t('refusedBlank'));
  if (reason.startsWith('must not have blank lines')) return rule(t('refusedBlankLines'));
  if (reason.startsWith('must not contain direction controls')) return rule(t('refusedDirectionControls'));
  if ((match = /^cannot become (\S+): some (.+) (?:has|have) no text/.exec(reason))) {
    const missing = Array.isArray(details?.missing) ? details.missing : match[2]!.split(', ');
    const texts = formatList(missing.map((text) => (Object.hasOwn(merchantTexts, text) ? t(merchantTexts[text]!) : text)), locale);
    return whole(t('refusedDefaultLocale', { language: languageName(match[1]!, locale), texts }));
  }
  if ((match = /^cannot become (\S+): readers of (\S+) would see two tiers named "(.+)"$/.exec(reason))) {
    return whole(t('refusedDefaultLocaleTierNames', { language: languageName(match[1]!, locale), readers: languageName(match[2]!, locale), tier: isolate(match[3]!) }));
  }
  if ((match = /^"(.+)" is listed twice$/.exec(reason))) return whole(t('refusedOriginTwice', { origin: match[1]! }));
  if ((match = /^"(.+)" must be an origin like/.exec(reason))) return whole(t('refusedOrigin', { origin: match[1]! }));
  if ((match = /^has \d+ origins; at most (\d+)$/.exec(reason))) return rule(t('refusedAtMost', { max: n(match[1]!) }));

  // Segments, campaigns, posts: dates and filters.
  if (/^must be after \w+$/.test(reason)) return rule(t('refusedAfterStart'));
  if (reason === 'must be at most ten years after from') return rule(t('refusedTenYears'));
  if (field === 'period' && (match = /^gives more than (\d+) (day|week|month)s in this range/.exec(reason))) return rule(tooManyPeriods(match[2] as Period, Number(match[1]), t, locale));
  if (reason === 'must name tiers of this store') return rule(t('refusedUnknownTiers'));
  if (reason === 'must be at most a day ahead') return rule(t('refusedDayAhead'));
  if (reason.startsWith('must be in the future')) return rule(t('refusedExpiry'));
  if (reason === 'must be a time from 2000 on, at most a day ahead') return rule(t('refusedSentAt'));

  // Samples and inquiries.
  if (field === 'tracking_number' && reason.startsWith('must be letters and digits')) return rule(t('refusedTracking'));
  if (field === 'status' && /^is \w+; only /.test(reason)) return whole(t('refusedClaimHandled'));
  if (field === 'inquiry' && reason === 'is closed') return whole(t('refusedInquiryClosed'));
  if (field === 'answer_read' && reason.startsWith('is not the answer now')) return whole(t('refusedInquiryAnsweredSince'));

  // Points, rebates and coupons.
  if ((match = /^must be a non-zero whole number of points, at most (\d+) either way$/.exec(reason))) return rule(t('refusedDelta', { max: n(match[1]!) }));
  if (field === 'note' && reason.startsWith('is required: say why')) return rule(t('refusedNote'));
  // The console takes points only in an adjustment (a member redeems a reward on their own pages): said in its words.
  if (field === 'points' && (match = /^balance is (\d+), \d+ needed$/.exec(reason))) return whole(t(pluralKey('refusedPointsBalance', Number(match[1]), locale), { balance: n(match[1]!) }));
  if ((match = /^exceeds the rebate balance of ([\d.]+) ([A-Z]{3})$/.exec(reason))) return whole(t('refusedRebateBalance', { balance: formatMoney(Number(match[1]), match[2]!, locale) }));
  if (reason.startsWith('would take the rebate balance')) return whole(t('refusedRebateTooHigh'));
  if ((match = /^exceeds the ([\d.]+) ([A-Z]{3}) left of this credit$/.exec(reason))) return whole(t('refusedCreditLeft', { left: formatMoney(Number(match[1]), match[2]!, locale) }));
  if ((match = /^exceeds the ([\d.]+) ([A-Z]{3}) usable on order (.+): its own rebate of ([\d.]+) [A-Z]{3} is a credit on later orders$/.exec(reason))) {
    const currency = match[2]!;
    return whole(t('refusedRebateOwnOrder', { usable: formatMoney(Number(match[1]), currency, locale), order: match[3]!, own: formatMoney(Number(match[4]), currency, locale) }));
  }
  if (field === 'order_ref' && (match = /^(.+) was (refunded|cancelled): no rebate was spent on it$/.exec(reason))) {
    return whole(t(match[2] === 'refunded' ? 'refusedRebateOrderRefunded' : 'refusedRebateOrderCancelled', { order: match[1]! }));
  }
  if (field === 'credit' && reason === 'was already taken back in full') return whole(t('refusedCreditTakenBack'));
  if (reason.startsWith('must be a positive amount')) return rule(t('refusedAmount'));
  if (field === 'member_coupon' && reason === 'has expired') return whole(t('refusedCouponExpired'));
  if (field === 'member_coupon' && (match = /^was already used on order (.+)$/.exec(reason))) return whole(t('refusedCouponUsed', { order: match[1]! }));
  if (field === 'member_coupon' && (match = /^was used on order (.+): a used coupon cannot be taken back$/.exec(reason))) return whole(t('refusedCouponUsedNoTakeBack', { order: match[1]! }));
  if (field === 'member_coupon' && (match = /^was (?:already )?taken back on (\d{4}-\d{2}-\d{2})/.exec(reason))) return whole(t('refusedCouponTakenBack', { date: formatCalendar(match[1]!, locale) }));
  if (field === 'order_ref' && (match = /^(.+) is an order of another company$/.exec(reason))) return whole(t('refusedCouponOtherCompany', { order: match[1]! }));
  if (field === 'order_ref' && (match = /^(.+) was (refunded|cancelled)$/.exec(reason))) {
    return whole(t(match[2] === 'refunded' ? 'refusedCouponOrderRefunded' : 'refusedCouponOrderCancelled', { order: match[1]! }));
  }
  if (field === 'order_ref' && (match = /^(.+) was placed on (\S+), before the coupon was received on (\S+)$/.exec(reason))) {
    // Calendar days in UTC, as the engine compares them: the same day on every reader's clock.
    const day = (utc: string) => formatCalendar(utc, locale);
    return whole(t('refusedCouponBeforeOrder', { order: match[1]!, placed: day(match[2]!), received: day(match[3]!) }));
  }
  if (field === 'coupon' && reason.startsWith('expired at')) return whole(t('refusedCouponExpired'));
  if (field === 'coupon' && reason.startsWith('is valid from')) return whole(t('refusedCouponNotYet'));
  if (field === 'coupon' && (match = /^requires the (.+) tier or higher$/.exec(reason))) return whole(t('refusedCouponTier', { tier: match[1]! }));
  if (field === 'coupon' && (match = /^limit reached \((\d+) of (\d+) held\)$/.exec(reason))) return whole(t('refusedCouponLimit', { held: n(match[1]!), limit: n(match[2]!) }));

  // The orders import's server-side checks (the rest the file check in the browser finds first).
  if (field === 'email' && reason === 'matches no member contact of this store') return whole(t('refusedImportEmail'));
  if (field === 'member_id' && reason === 'is not a member of this store') return whole(t('refusedImportMember'));
  if (field === 'external_ref' && reason === 'already belongs to another member\'s order') return whole(t('refusedImportRefTaken'));
  if (field === 'member_id' && (match = /^left the store on (\d{4}-\d{2}-\d{2}): its record is kept/.exec(reason))) return whole(t('refusedImportFormerMember', { date: formatCalendar(match[1]!, locale) }));
  if (field === 'external_ref' && (match = /^repeats row (\d+) of this batch$/.exec(reason))) return whole(t('refusedImportRepeats', { row: n(fileRow(Number(match[1]))) }));
  // A refund in part, of an order the store has (checked against it on the server only).
  if (field === 'amount' && (match = /^must not exceed the order's ([\d.]+) ([A-Z]{3}) for partially_refunded/.exec(reason))) return rule(t('refusedRefundInPartAbove', { amount: formatMoney(Number(match[1]), match[2]!, locale) }));
  if (field === 'status' && (match = /^partially_refunded needs a paid order; this one is (refunded|cancelled)$/.exec(reason))) {
    return rule(t(match[1] === 'refunded' ? 'refusedRefundInPartRefunded' : 'refusedRefundInPartCancelled'));
  }

  const shape = reasonShape(reason);
  if (shape) {
    switch (shape.kind) {
      case 'required':
        return rule(t('refusedRequired'));
      case 'taken':
        return rule(t('refusedTaken'));
      case 'email':
        return rule(t('refusedEmail'));
      case 'phone':
        return rule(t('refusedPhone'));
      case 'internationalPhone':
        return rule(t('refusedWhatsapp'));
      case 'wechat':
        return rule(t('refusedWechat'));
      case 'oneLine':
        return rule(t('refusedOneLine'));
      case 'controlCharacters':
        return rule(t('refusedControl'));
      case 'tooLong':
        return rule(t('refusedTooLong', { max: n(shape.max) }));
      case 'atMost':
        return rule(t('refusedAtMost', { max: n(shape.max) }));
      case 'atLeast':
        return rule(t('refusedAtLeast', { min: n(shape.min) }));
      case 'range':
        return rule(t('refusedBetween', { min: n(shape.min), max: n(shape.max) }));
      case 'oneOf':
        return rule(t('refusedOneOf', { values: shape.values }));
      case 'example':
        return rule(t('refusedExample', { example: shape.example }));
    }
  }

  // Refusals by code alone: a row that went away, a role that does not allow it, and the
  // database's own constraint errors, whose sentences name the constraint.
  if (code === 'PT404' || code === '23503') return whole(t('refusedGone'));
  if (code === '42501') return whole(t('refusedNotAllowed'));
  if (code === '23505') return rule(t('refusedDuplicate'));
  if (code === '23514' || code === '23502') return { text: t('refusedCheck'), standalone: false };
  return null;
}

/** What to change where a range holds more than `max` periods: the analytics form's check and the server's refusal say it alike. */
export function tooManyPeriods(period: Period, max: number, t: RefusalText, locale: Locale): string {
  return t(`refusedTooManyPeriods_${period}`, { max: formatNumber(max, locale) });
}

/** The login is not, or no longer, staff of the store it acts on (an owner removed it, or it left, in another tab). */
export function isNotStaff(error: ApiError): boolean {
  return error.code === '42501' && parseDetails(error)?.reason === "Only this store's staff may do this";
}

/**
 * A write to a table whose policies admit only owners (tiers, the merchant's card, the logo), made
 * by someone who is not one (any more): RLS hides the row from an update or delete, which then
 * changes 0 rows without an error (`null` here), and refuses a new row with 42501.
 */
export function refusedByPolicy(error: ApiError | null): boolean {
  return error === null || (error.code === '42501' && error.message.includes('row-level security'));
}

/**
 * What is wrong, for beside the field the refusal names (the field's label already says which);
 * the server's sentence when the refusal is not known here.
 */
export function refusalReason(error: ApiError, t: RefusalText, locale: Locale): string {
  return known(error, t, locale, (row) => row)?.text ?? failedRequest(error, t) ?? serverSentence(error, t);
}

/**
 * The refusal for a form or a screen: `field` names the field a rule is about when the text does
 * not (`{field: 'slug', text: 'Already taken.'}`), null for a sentence of its own; a database
 * error without a field says to check the form. In an import, `fileRow` turns the batch's row
 * numbers the server uses into the file's; the failing row itself is for the caller to say.
 */
export function refusalParts(error: ApiError, t: RefusalText, locale: Locale, fileRow: FileRow = (row) => row): { field: string | null; text: string } {
  const said = known(error, t, locale, fileRow);
  if (!said) return { field: null, text: failedRequest(error, t) ?? serverSentence(error, t) };
  const field = parseDetails(error)?.field;
  if (said.standalone) return { field: null, text: said.text };
  if (field) return { field, text: said.text };
  return { field: null, text: ['23514', '23502'].includes(error.code ?? '') ? t('refusedCheckForm') : said.text };
}

/** The refusal as the form's own sentence, or null when it is not known here (it would be the server's English). */
function knownRefusalSentence(error: ApiError, t: RefusalText, locale: Locale): string | null {
  return known(error, t, locale, (row) => row) ? refusalSentence(error, t, locale) : null;
}

/** The refusal as the form's own sentence: a rule names its field (`slug: Already taken.`). */
export function refusalSentence(error: ApiError, t: RefusalText, locale: Locale): string {
  const { field, text } = refusalParts(error, t, locale);
  return field ? t('refusedField', { field, reason: text }) : text;
}

/**
 * refusalSentence for a form's save (apiErrors), where a request nothing answered also says that
 * what was typed stays in the form: the staff member need not type it again.
 */
export function formRefusalSentence(error: ApiError, t: RefusalText, locale: Locale): string {
  return knownRefusalSentence(error, t, locale) ?? (unanswered(error) ? t('unansweredForm') : refusalSentence(error, t, locale));
}

export type StaffText = Translate<Extract<keyof Sections['staff'], string>>;

/**
 * Why a screen's data could not be read, in the page's language, never the server's English: a
 * refusal the console knows as its forms say it; no answer in time (`loadTimedOut`) as such; a 5xx
 * answer as the service's problem, to be tried again later, with its code when it has one (for
 * support); another refusal by its code; an answer without one (a gateway's 429 or 413, an HTML
 * 404) as the service's problem too, not the reader's connection; no answer at all as the connection.
 */
export function failedLoadSentence(error: ApiError, t: StaffText, locale: Locale): string {
  if (error.code === loadTimedOut) return t('loadTimedOut', { seconds: formatNumber(loadBound / 1000, locale) });
  const said = knownRefusalSentence(error, t, locale);
  if (said !== null) return said;
  if (unanswered(error)) return t('loadFailed');
  return failedRequest(error, t) ?? t('loadRefused', { code: error.code ?? '' });
}

/** Nothing answered: supabase-js's status 0 (its message the browser's "TypeError: Failed to fetch"), so no code either. */
function unanswered(error: ApiError): boolean {
  return !error.code && !error.status;
}

/**
 * A request that met no refusal, said as what happened: nothing answered, as the connection (a
 * write may have been done or not, so neither is said); a 5xx with no refusal known here, as the
 * service's problem, with its code for support when it has one; an answer without a code (a
 * gateway's 502, 429 or 413, an unavailable API's 503), as the service's problem too. Null for a
 * refusal.
 */
function failedRequest(error: ApiError, t: RefusalText): string | null {
  if (unanswered(error)) return t('unanswered');
  if ((error.status ?? 0) >= 500) return error.code ? t('serviceFailedCode', { code: error.code }) : t('serviceFailed');
  return error.code ? null : t('serviceFailed');
}

/** The server's own sentence, without the row it counts within an import batch; never a constraint's name. */
function serverSentence(error: ApiError, t: RefusalText): string {
  if (/constraint "/.test(error.message)) return t('refusedCheckForm');
  return error.message.replace(/^Row \d+: /, '');
}

/**
 * The refusals in `locale` from its loaded staff section (every console page loads it): what
 * `apiErrors` says for every console form, and what a screen says for a refused action.
 */
export function pageRefusals(locale: Locale) {
  const messages = sectionMessages(locale, 'staff');
  const t: RefusalText = (key, values) => interpolate(messages[key] ?? key, values);
  return {
    reason: (error: ApiError) => refusalReason(error, t, locale),
    sentence: (error: ApiError) => refusalSentence(error, t, locale),
    form: (error: ApiError) => formRefusalSentence(error, t, locale),
    parts: (error: ApiError, fileRow?: FileRow) => refusalParts(error, t, locale, fileRow),
  };
}
