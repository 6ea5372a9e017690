/**
 * /console/tiers/: the store's tiers with their thresholds, members today and rights; each opens
 * in the editor below the table (names in every language, thresholds, every right, perks).
 * The programme is the owners' (the API lets only them write `tiers`): plain staff open each
 * tier to read all it gives, with no way to add, save or remove one.
 * New thresholds (or rank, or a new tier, or a removal) are saved only after the what-if has
 * shown who would move; names and rights save directly. Opening another tier, or a new one, while
 * the editor has unsaved changes asks before discarding them.
 */
import { useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { ApiFailure } from '../../../lib/console/result.ts';
import { loadTiers, tierLimit, tierWhatIf, type TierRow } from '../../../lib/console/tiers.ts';
import { shownRank } from '../../../lib/tier-ranks.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { formatMoney, formatNumber, formatPercent, isolate } from '../../../i18n/format.ts';
import { useConsoleText } from '../console-text.ts';
import ConsoleLayout from '../ConsoleLayout.tsx';
import { BusyButton } from '../../BusyButton.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { LoadState } from '../ui/LoadState.tsx';
import { useLoad } from '../ui/use-load.ts';
import { DiscardDialog, useDiscardAsk } from '../ui/unsaved.tsx';
import { ScreenOutcomeLine, useEditorCloser, useScreenOutcome } from '../ui/ScreenOutcome.tsx';
import { OutOfReach } from './OutOfReach.tsx';
import { TierEditor } from './TierEditor.tsx';

interface TiersData {
  tiers: TierRow[];
  /** Members per tier today, by tier id (from a what-if of the saved set). */
  membersNow: Map<string, number>;
}

async function loadTiersData(storeId: string): Promise<TiersData> {
  const tiers = await loadTiers(storeId);
  const { data, error } = await tierWhatIf(storeId, tiers.map(({ id, rank, min_paid_orders, min_paid_amount }) => ({ id, rank, min_paid_orders, min_paid_amount })));
  if (error) throw new ApiFailure(error);
  return { tiers, membersNow: new Map(data.tiers.map((tier) => [tier.id ?? '', tier.members_now])) };
}

function Tiers({ store }: { store: StaffStore }) {
  const { t, locale } = useConsoleText('staff');
  const state = useLoad(() => loadTiersData(store.id), [store.id]);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const outcome = useScreenOutcome();
  /** Opening another tier (or a new one) while the open editor has changes asks first. */
  const discard = useDiscardAsk();
  const editorTitle = () => document.getElementById('tier-editor-title');
  const owner = store.role === 'owner';

  // The editor open now, not when a closure was made: the fresh editor queued by `again` is opened
  // after the save closed the one it was asked from, by a function of that render.
  const editingNow = useRef(editing);
  editingNow.current = editing;
  function open(target: string | 'new') {
    if (target === 'new') again('new', () => open('new'));
    // Already open: its title, its changes kept and still guarded (reset below, the check went off).
    if (target === editingNow.current) return void editorTitle()?.focus();
    discard.then(() => {
      outcome.say(null);
      setEditing(target);
      requestAnimationFrame(() => editorTitle()?.focus());
    });
  }

  const { closer, again } = useEditorCloser(editing, () => setEditing(null), outcome, state.reloadAfterWrite, () => discard.changed(false));

  return (
    <>
      <h1>{t('tiersTitle')}</h1>
      <p class="muted">
        {t(pluralKey('tiersIntro', store.statistical_period_days, locale), {
          days: formatNumber(store.statistical_period_days, locale),
          select: t(owner ? 'tiersSelectEdit' : 'tiersSelectView'),
        })}
      </p>
      {!owner && <p class="notice">{t('tiersOwnerOnly')}</p>}
      <ScreenOutcomeLine outcome={outcome} />
      <LoadState state={state}>
        {({ tiers, membersNow }) => (
          <>
            <DataTable
              caption={t('tiersCaption')}
              rows={tiers}
              rowKey={(tier) => tier.id}
              selectedKey={editing}
              onActivate={(tier) => open(tier.id)}
              empty={t('tiersNone')}
              columns={[
                { key: 'rank', header: t('colRank'), numeric: true, cell: (tier) => formatNumber(shownRank(tier.rank), locale) },
                {
                  key: 'name',
                  header: t('colTier'),
                  primary: true,
                  // The name opens the editor: an Edit button in the last column was off a phone's
                  // screen. Its accessible name says so ("Edit Gold", to plain staff "View Gold").
                  cell: (tier) => (
                    <BusyButton type="button" class="link-button" onClick={() => open(tier.id)}>
                      <span class="visually-hidden">{t(owner ? 'edit' : 'view')} </span>
                      <span lang={tier.text_langs?.name ?? undefined}>{tier.name_local}</span>
                    </BusyButton>
                  ),
                },
                { key: 'orders', header: t('colMinOrders'), numeric: true, cell: (tier) => (tier.min_paid_orders === 0 ? t('noMinimum') : formatNumber(tier.min_paid_orders, locale)) },
                { key: 'amount', header: t('colMinAmount'), numeric: true, cell: (tier) => (tier.min_paid_amount === 0 ? t('noMinimum') : formatMoney(tier.min_paid_amount, store.base_currency, locale)) },
                { key: 'members', header: t('colMembersNow'), numeric: true, cell: (tier) => formatNumber(membersNow.get(tier.id) ?? 0, locale) },
                { key: 'discount', header: t('colDiscount'), numeric: true, cell: (tier) => formatPercent(tier.discount_percent, locale) },
                { key: 'samples', header: t(pluralKey('colSamplesEvery', store.sample_period_days, locale, true), { days: store.sample_period_days }), numeric: true, cell: (tier) => (tier.sample_quota === null ? t('unlimited') : formatNumber(tier.sample_quota, locale)) },
              ]}
            />
            <OutOfReach tiers={tiers.map((tier) => ({ ...tier, name: tier.name_local ?? '' }))} />
            {owner && (
              <>
                <div class="actions">
                  <BusyButton type="button" onClick={() => open('new')} disabled={tiers.length >= tierLimit}>
                    {t('addTier')}
                  </BusyButton>
                </div>
                {/* Said before the editor opens: the database would refuse the new tier on saving. */}
                {tiers.length >= tierLimit && <p class="muted">{t('refusedTierLimit', { max: formatNumber(tierLimit, locale) })}</p>}
              </>
            )}
            {editing !== null && (
              <TierEditor
                key={editing}
                store={store}
                tiers={tiers}
                tier={editing === 'new' ? null : (tiers.find((tier) => tier.id === editing) ?? null)}
                onClose={closer(editing)}
                onChanged={discard.changed}
              />
            )}
            <DiscardDialog
              ask={discard}
              title={editing === 'new' ? t('discardNewTitle') : t('discardTitle', { tier: isolate(tiers.find((tier) => tier.id === editing)?.name_local ?? '') })}
              returnFocus={editorTitle}
            />
          </>
        )}
      </LoadState>
    </>
  );
}

export default function TiersPage() {
  return <ConsoleLayout>{(store) => <Tiers key={store.id} store={store} />}</ConsoleLayout>;
}
