/**
 * One tier: its name, how to reach it and its headline rights. Used by the store page and
 * the widget's panel, so it takes text and styling hooks (class names) from its caller. The
 * merchant's name and perks carry the language they are written in, which a fallback makes
 * differ from the page's (WCAG 3.1.2).
 */
import type { ComponentChildren } from 'preact';
import type { Translate } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';
import { headlineRights, tierRules, type TierKey, type TierRights } from '../lib/tier-rights.ts';

export interface TierCardProps {
  tier: TierRights;
  locale: Locale;
  t: Translate<TierKey>;
  /** The store's base currency, in which thresholds are set. */
  currency: string;
  /** The statistical period in days, when the caller knows it. */
  periodDays?: number | undefined;
  Heading?: 'h2' | 'h3';
  /** Shown at the end of the card (the store page's count of exclusive products). */
  children?: ComponentChildren;
}

export function TierCard({ tier, locale, t, currency, periodDays, Heading = 'h3', children }: TierCardProps) {
  const rules = tierRules(tier, { locale, t, currency });
  const rights = headlineRights(tier, { locale, t });
  const headingId = `tier-${tier.rank}`;
  return (
    <article class="tier" aria-labelledby={headingId} data-rank={tier.rank}>
      <Heading id={headingId} class="tier-name" lang={tier.name_lang}>
        {tier.name}
      </Heading>
      <p class="tier-label">{t('rulesHeading')}</p>
      <ul class="tier-rules">
        {rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      {tier.rank > 0 && periodDays !== undefined && <p class="tier-period">{t('rulePeriod', { days: periodDays })}</p>}
      <p class="tier-label">{t('rightsHeading')}</p>
      <ul class="tier-rights">
        {rights.map((right) => (
          <li key={right}>{right}</li>
        ))}
        {tier.perks.map((perk) => (
          <li key={`perk-${perk}`} lang={tier.perks_lang ?? undefined}>
            {perk}
          </li>
        ))}
      </ul>
      {children}
    </article>
  );
}
