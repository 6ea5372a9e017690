/**
 * What the company's tier gives it, in the words its buyers read on the store page and My
 * membership (headlineRights, then the merchant's perks): staff asked "my price shows 5 %, not
 * 8 %" answer from the member's page instead of the Tiers screen. Read from the store's public
 * profile in the page's language, as the buyer's own pages read it.
 */
import { fetchStoreTiers } from '../../../lib/member-api.ts';
import { headlineRights } from '../../../lib/tier-rights.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { useText } from '../../use-text.ts';
import { useOpsText } from '../ops-text.ts';
import { useLoad } from '../ui/use-load.ts';

export function TierRightsFact({ store, tierId, samplePeriodDays }: { store: StaffStore; tierId: string; samplePeriodDays: number }) {
  const { t, locale } = useOpsText();
  const { tiersText } = useText();
  const profile = useLoad(() => fetchStoreTiers(undefined, store.slug, locale), [store.slug, locale]);
  const { data } = profile;
  const tier = data?.tiers.find((candidate) => candidate.id === tierId);
  // A failed read leaves the line out: the tier's name above still says where the company stands.
  if (!data || !tier) return null;
  const rights = headlineRights(tier, { locale, t: tiersText, currency: store.base_currency, samplePeriodDays, pointsPerCurrencyUnit: data.pointsPerCurrencyUnit });
  return (
    <>
      <dt>{t('tierRights')}</dt>
      <dd>
        <ul class="plain">
          {rights.map((right) => <li key={right}>{right}</li>)}
          {tier.perks.map((perk) => <li key={perk} lang={tier.perks_lang ?? undefined}>{perk}</li>)}
        </ul>
      </dd>
    </>
  );
}
