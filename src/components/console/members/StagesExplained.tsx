/**
 * "What the stages mean", beside the members' filters: what puts a company in each lifecycle
 * stage and at churn risk, as private.member_lifecycles decides it (20261209000300), with this
 * store's own numbers — its tier qualifying period, its churn threshold, its top tier — rather
 * than words such as "recently" that staff could not check a company against.
 */
import { useState } from 'preact/hooks';
import { formatNumber, isolate } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import type { TierOption } from '../../../lib/console/members.ts';
import { loadSettings } from '../../../lib/console/store-settings.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { useOpsText } from '../ops-text.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { useLoad } from '../ui/use-load.ts';

export function StagesExplained({ store, tiers }: { store: StaffStore; tiers: readonly TierOption[] | undefined }) {
  const { t } = useOpsText();
  // Its numbers are read once it is first opened: the list itself reads no store settings.
  const [opened, setOpened] = useState(false);
  return (
    <details class="panel stages-explained" onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary>{t('stagesExplainedTitle')}</summary>
      {opened && <StageRules store={store} tiers={tiers} />}
    </details>
  );
}

function StageRules({ store, tiers }: { store: StaffStore; tiers: readonly TierOption[] | undefined }) {
  const { t, locale } = useOpsText();
  const settings = useLoad(() => loadSettings(store.id), [store.id]);
  // The top tier makes a company loyal, unless it is the only one (rank 0, every member's).
  const top = tiers?.reduce<TierOption | null>((highest, tier) => (tier.rank > (highest?.rank ?? 0) ? tier : highest), null);
  return (
    <LoadState state={settings}>
      {({ statistical_period_days: period, churn_threshold_days: churn }) => (
        <>
          <p>{t(pluralKey('stagesExplainedIntro', period, locale), { days: formatNumber(period, locale) })}</p>
          <dl class="ops-facts">
            <dt>{t('stage_loyal')}</dt>
            <dd>{top ? t('stageRule_loyal', { tier: isolate(top.name ?? '') }) : t('stageRule_loyalOneTier')}</dd>
            <dt>{t('stage_purchasing')}</dt>
            <dd>{t('stageRule_purchasing')}</dd>
            <dt>{t('stage_interested')}</dt>
            <dd>{t('stageRule_interested')}</dd>
            <dt>{t('stage_cognitive')}</dt>
            <dd>{t('stageRule_cognitive')}</dd>
          </dl>
          <p>{t(pluralKey('churnRule', churn, locale), { atRisk: t('churnYes'), days: formatNumber(churn, locale) })}</p>
        </>
      )}
    </LoadState>
  );
}
