/**
 * One tier as a Preact component, for the store page and My membership: the card of
 * lib/tier-card.ts (the widget builds the same card with plain DOM), with the caller's children
 * at its end.
 */
import { Fragment, h, type ComponentChildren, type VNode } from 'preact';
import type { Translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { tierCard, tierReach, type Build } from '../lib/tier-card.ts';
import type { StoreTerms, TierKey, TierRights } from '../lib/tier-rights.ts';

export interface TierCardProps extends StoreTerms {
  tier: TierRights;
  locale: Locale;
  t: Translate<TierKey>;
  /** The store's base currency, in which thresholds are set. */
  currency: string;
  /** The statistical period in days, when the caller knows it. */
  periodDays?: number | undefined;
  /** The store takes no new members: the ordinary tier's rule says how its members joined. */
  joiningPaused?: boolean;
  /** The reader's own tier: outlined and badged "Your tier". */
  current?: boolean;
  /** False leaves out how to reach the tier (My membership's own tier: the member reached it). */
  reach?: boolean;
  Heading?: 'h2' | 'h3';
  /** The heading's id, where the store's tier cards are on the same page. */
  headingId?: string;
  /** Shown at the end of the card (the store page's count of exclusive products). */
  children?: ComponentChildren;
}

const build: Build<VNode> = (tag, attributes, ...children) => h(tag, attributes, ...children) as VNode;

export function TierCard({ tier, locale, t, currency, periodDays, joiningPaused, samplePeriodDays, pointsPerCurrencyUnit, current, reach, Heading = 'h3', headingId, children }: TierCardProps) {
  return tierCard(build, tier, { locale, t, currency, periodDays, joiningPaused, samplePeriodDays, pointsPerCurrencyUnit, current, reach, heading: Heading, headingId, extra: children ? [h(Fragment, null, children)] : [] });
}

/** How to reach a tier, as its card says it, for a card of another shape (My membership's next tier). */
export function TierReach({ tier, locale, t, currency, periodDays }: Pick<TierCardProps, 'tier' | 'locale' | 't' | 'currency' | 'periodDays'>) {
  return h(Fragment, null, ...tierReach(build, tier, { locale, t, currency, periodDays }));
}
