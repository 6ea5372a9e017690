/**
 * The sample quota as the member reads it: "2 of 3", left this period, and when it is used up,
 * why a claim is refused and when the next sample frees up. The numbers are `my_membership`'s
 * `samples` (the company's claims and the login's own under companies it has left); the date comes from the company's own claims, because the period is a rolling
 * window (claims requested, approved or shipped in the store's last `sample_period_days` count,
 * as `private.samples_used` counts them), so a sample frees up when a counted claim leaves it.
 */
import type { ComponentChildren } from 'preact';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { Membership, SampleClaim } from '../../lib/member-api.ts';
import { dated } from '../date-text.tsx';
import type { MemberText } from './refusals.ts';

type Samples = Membership['samples'];

const dayMs = 86_400_000;
const counted = new Set<SampleClaim['status']>(['requested', 'approved', 'shipped']);

/**
 * Whether a request fits the quota now: unlimited, or some left. The same rule as
 * store_catalogue's `sample_eligible` (private.my_tier_at), read from the summary, which every
 * claim, cancellation and reopening reads anew: a catalogue read earlier still offered requests
 * after a colleague's had used the quota up.
 */
export function hasRoom(samples: Samples): boolean {
  return samples.quota === null || (samples.left ?? 0) > 0;
}

/**
 * When the quota next has room: the claim whose leaving brings the count below the quota leaves
 * the window `periodDays` after it was made. Null with room now, an unlimited quota, no quota at
 * all (a tier without samples never frees one) or no counted claim to date it by.
 */
export function nextSampleFreesAt(samples: Samples, claims: readonly SampleClaim[], periodDays: number, now = Date.now()): string | null {
  if (samples.quota === null || samples.quota === 0 || hasRoom(samples)) return null;
  const inWindow = claims
    .filter((claim) => counted.has(claim.status) && Date.parse(claim.created_at) > now - periodDays * dayMs)
    .map((claim) => Date.parse(claim.created_at))
    .sort((a, b) => a - b);
  // Claims the login made under a company it has left count too (`used`) but are not the
  // company's to list: no date rather than one the list cannot tell.
  if (inWindow.length < samples.used) return null;
  // A company whose tier dropped may hold more counted claims than its quota now allows.
  const freeing = inWindow[inWindow.length - samples.quota];
  return freeing === undefined ? null : new Date(freeing + periodDays * dayMs).toISOString();
}

/** Some tier of the store gives free samples: a tier without them is then the member's tier's lack, not the store's. */
export function offersSamples(tiers: readonly { sample_quota: number | null }[]): boolean {
  return tiers.some((tier) => tier.sample_quota === null || tier.sample_quota > 0);
}

/**
 * The Summary's tile: its figure ("2 of 3") and what it counts ("left this period"), as the other
 * tiles have a figure and a small label; or in words alone, "Unlimited", or that the tier (or the
 * whole store) has none.
 */
export function quotaLeft(samples: Samples, t: MemberText, locale: Locale, storeOffersSamples = true): { figure: string; note: string | null } {
  if (samples.quota === null) return { figure: t('samplesUnlimited'), note: null };
  if (samples.quota === 0) return { figure: t(storeOffersSamples ? 'samplesNone' : 'samplesNoneInStore'), note: null };
  const left = samples.left ?? 0;
  return {
    figure: t('samplesQuotaFigure', { left: formatNumber(left, locale), quota: formatNumber(samples.quota, locale) }),
    note: t(pluralKey('samplesQuotaNote', left, locale)),
  };
}

/**
 * Why a claim is refused now, or null while the quota has room: said once, above a product list
 * (each card without its request button does not repeat it). A tier without samples is no
 * shortfall of the member's when no tier of the store has any (`storeOffersSamples` false). The
 * day a sample frees up is kept whole (dated).
 */
export function quotaRefusal(samples: Samples, freesAt: string | null, t: MemberText, locale: Locale, storeOffersSamples = true): ComponentChildren | null {
  if (samples.quota === null || hasRoom(samples)) return null;
  if (samples.quota === 0) return t(storeOffersSamples ? 'quotaNone' : 'storeNoSamples');
  const values = { used: formatNumber(samples.used, locale), quota: formatNumber(samples.quota, locale) };
  return freesAt ? dated(t('quotaUsedUntil', values), formatDate(freesAt, locale)) : t('quotaUsed', values);
}
