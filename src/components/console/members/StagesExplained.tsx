/**
 * "What the stages mean", beside the members' filters: what puts a company in each lifecycle
 * stage and at churn risk, as private.member_lifecycles decides it (20261209000300), with this
 * store's own numbers — its tier qualifying period, its churn threshold, its top tier — rather
 * than words such as "recently" that staff could not check a company against.
 */
import { useState } from 'preact/hooks';
import { formatNumber, interpolateParts } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import type { TierOption } from '../../../lib/console/members.ts';
import { loadSettings, type StoreSettings } from '../../../lib/console/store-settings.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { useOpsText } from '../ops-text.ts';
import { merchantName } from '../../merchant-name.tsx';
import { LoadState } from '../ui/LoadState.tsx';
import { useLoad, type Loaded } from '../ui/use-load.ts';

export function StagesExplained({ store, tiers }: { store: StaffStore; tiers: Loaded<readonly TierOption[]> }) {
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

function StageRules({ store, tiers }: { store: StaffStore; tiers: Loaded<readonly TierOption[]> }) {
  const settings = useLoad(() => loadSettings(store.id), [store.id]);
  // The loyal rule names the top tier: written only once the tiers are read (the list's, shared with its filter).
  return <LoadState state={tiers}>{(list) => <LoadState state={settings}>{(read) => <Rules settings={read} tiers={list} />}</LoadState>}</LoadState>;
}

function Rules({ settings, tiers }: { settings: StoreSettings; tiers: readonly TierOption[] }) {
  const { t, locale } = useOpsText();
  // The top tier makes a company loyal, unless it is the only one (rank 0, every member's).
  const top = tiers.reduce<TierOption | null>((highest, tier) => (tier.rank > (highest?.rank ?? 0) ? tier : highest), null);
  const { statistical_period_days: period, churn_threshold_days: churn } = settings;
  return (
    <>
      <p>{t(pluralKey('stagesExplainedIntro', period, locale), { days: formatNumber(period, locale) })}</p>
      <dl class="ops-facts">
        <dt>{t('stage_loyal')}</dt>
        <dd>{top ? interpolateParts(t('stageRule_loyal'), { tier: merchantName('tier', top.name ?? '', top.text_langs?.['name'] ?? '') }) : t('stageRule_loyalOneTier')}</dd>
        <dt>{t('stage_purchasing')}</dt>
        <dd>{t('stageRule_purchasing')}</dd>
        <dt>{t('stage_interested')}</dt>
        <dd>{t('stageRule_interested')}</dd>
        <dt>{t('stage_cognitive')}</dt>
        <dd>{t('stageRule_cognitive')}</dd>
      </dl>
      <p>{t(pluralKey('churnRule', churn, locale), { atRisk: t('churnYes'), days: formatNumber(churn, locale) })}</p>
    </>
  );
}
