/** The rights of the member's tier, and what the next tier adds to them and how to reach it. */
import { isolate } from '../../i18n/format.ts';
import { headlineRights } from '../../lib/tier-rights.ts';
import { TierCard, TierReach } from '../TierCard.tsx';
import { useSectionText, useText } from '../use-text.ts';
import { combine, Section } from './Section.tsx';
import { useStoreTiers, type MemberSectionProps } from './Summary.tsx';
import { useMembership } from './use-member.ts';

export function Rights({ slug }: MemberSectionProps) {
  const { t, locale } = useSectionText('member');
  const { tiersText } = useText();
  const membership = useMembership(slug);
  const tiers = useStoreTiers(slug);
  const both = combine({ membership, tiers });
  return (
    <Section id="rights" title={t('rightsTitle')} state={both.state} retry={both.retry}>
      {({ membership: data, tiers: { tiers: all, pointsPerCurrencyUnit } }) => {
        if (!data) return null;
        const current = all.find((tier) => tier.id === data.tier.id) ?? data.tier;
        const next = all.find((tier) => tier.rank > current.rank);
        const context = { locale, t: tiersText, currency: data.store.base_currency, samplePeriodDays: data.store.sample_period_days, pointsPerCurrencyUnit };
        const have = new Set([...headlineRights(current, context), ...current.perks]);
        const adds = next ? [...headlineRights(next, context), ...next.perks].filter((right) => !have.has(right)) : [];
        return (
          <div class="rights-grid">
            {/* How to reach it goes with the next tier: this one the member has reached. */}
            <TierCard tier={current} {...context} reach={false} />
            {next && (
              <article class="tier next-tier" aria-labelledby="next-tier-title">
                <h3 id="next-tier-title">{t('nextAdds', { tier: isolate(next.name) })}</h3>
                {adds.length === 0 ? (
                  <p>{t('nextAddsNothing')}</p>
                ) : (
                  <ul class="tier-rights">
                    {adds.map((right) => (
                      <li key={right} lang={next.perks.includes(right) ? (next.perks_lang ?? undefined) : undefined}>
                        {right}
                      </li>
                    ))}
                  </ul>
                )}
                <TierReach tier={next} locale={locale} t={tiersText} currency={data.store.base_currency} periodDays={data.store.statistical_period_days} />
              </article>
            )}
          </div>
        );
      }}
    </Section>
  );
}
