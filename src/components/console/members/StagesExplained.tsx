/**
 * "What the stages mean", beside the members' filters: what puts a company in each lifecycle
 * stage and at churn risk, as private.member_lifecycles decides it (20261209000300), with this
 * store's own numbers — its tier qualifying period, its churn threshold, its top tier — rather
 * than words such as "recently" that staff could not check a company against; each number names
 * Settings, a link there. The members list, segments' stage filter and analytics' stage chart
 * show this one panel: the members list gives it the tiers it read; elsewhere it reads them itself.
 */
import { useState } from 'preact/hooks';
import { formatNumber, interpolateParts } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { loadTiers, type TierOption } from '../../../lib/console/members.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { loadSettings, type StoreSettings } from '../../../lib/console/store-settings.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { consoleHref } from '../links.ts';
import { useConsoleText } from '../console-text.ts';
import { useOpsText } from '../ops-text.ts';
import { merchantName } from '../../merchant-name.tsx';
import { LoadState } from '../ui/LoadState.tsx';
import { useLoad, type Loaded } from '../ui/use-load.ts';
import '../operations.css';

export function StagesExplained({ store, tiers }: { store: StaffStore; tiers?: Loaded<readonly TierOption[]> | undefined }) {
  const { t } = useOpsText();
  // Its numbers are read once it is first opened: the list itself reads no store settings.
  const [opened, setOpened] = useState(false);
  return (
    <details class="panel stages-explained" onToggle={(event) => event.currentTarget.open && setOpened(true)}>
      <summary>{t('stagesExplainedTitle')}</summary>
      {opened && (tiers ? <StageRules store={store} tiers={tiers} /> : <ReadTiers store={store} />)}
    </details>
  );
}

function ReadTiers({ store }: { store: StaffStore }) {
  const tiers = useLoad(() => loadTiers(store.id).then(orThrow), [store.id]);
  return <StageRules store={store} tiers={tiers} />;
}

function StageRules({ store, tiers }: { store: StaffStore; tiers: Loaded<readonly TierOption[]> }) {
  const settings = useLoad(() => loadSettings(store.id), [store.id]);
  // The loyal rule names the top tier: written only once the tiers are read (the list's, shared with its filter).
  return <LoadState state={tiers}>{(list) => <LoadState state={settings}>{(read) => <Rules settings={read} tiers={list} slug={store.slug} />}</LoadState>}</LoadState>;
}

function Rules({ settings, tiers, slug }: { settings: StoreSettings; tiers: readonly TierOption[]; slug: string }) {
  const { t, locale } = useOpsText();
  const { t: staff } = useConsoleText('staff');
  const settingsLink = { settings: <a href={consoleHref('/console/settings/', slug)}>{staff('navSettings')}</a> };
  // The top tier makes a company loyal, unless it is the only one (rank 0, every member's).
  const top = tiers.reduce<TierOption | null>((highest, tier) => (tier.rank > (highest?.rank ?? 0) ? tier : highest), null);
  const { statistical_period_days: period, churn_threshold_days: churn } = settings;
  return (
    <>
      <p>{interpolateParts(t(pluralKey('stagesExplainedIntro', period, locale), { days: formatNumber(period, locale) }), settingsLink)}</p>
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
      <p>{interpolateParts(t(pluralKey('churnRule', churn, locale), { atRisk: t('churnYes'), days: formatNumber(churn, locale) }), settingsLink)}</p>
    </>
  );
}
