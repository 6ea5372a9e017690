/**
 * Edits one tier, or a new one: names and perks in every language, rank and thresholds, and
 * every right. When rank or thresholds change (or the tier is new, or is being removed), the
 * what-if runs first on the whole proposed set and Save waits for it. Plain staff read the same
 * fields as text, with only Close: the programme is the owners'. The ordinary tier's rank and
 * thresholds read as text to owners too: the database keeps them (rank 0, no minimums).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { deleteTier, insertTier, loadTier, removalDestinations, tierWhatIf, updateTier, type ProposedTier, type TierRow, type WhatIf } from '../../../lib/console/tiers.ts';
import { readTyped } from '../../../lib/numbers.ts';
import { highestRank, makeRoom, shownRank, storedRank } from '../../../lib/tier-ranks.ts';
import { formatList, formatMoney, formatNumber, formatPercent, interpolateParts, isolate, languageName } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { pointsRate } from '../../../lib/tier-rights.ts';
import { useText } from '../../use-text.ts';
import { consoleHref } from '../links.ts';
import { useConsoleText } from '../console-text.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { Field, FieldSet, FormError, ReadOnlyField } from '../ui/Field.tsx';
import { apiErrors, apiMessage, checkErrors, noErrors, refusedLocale, type ApiError, type FormErrors } from '../ui/form-errors.ts';
import { refusedByPolicy } from '../ui/refusals.ts';
import { LocalizedTextField } from '../ui/LocalizedTextField.tsx';
import { draftChanged, draftOf, newDraft, perkLimits, rereadDraft, thresholdsDiffer, tierSchema, type TierDraft } from './tier-form.ts';
import { OutOfReach } from './OutOfReach.tsx';
import { WhatIfView } from './WhatIfView.tsx';
import { BusyButton } from '../../BusyButton.tsx';
import { CheckedForm, escapeCancels } from '../ui/CheckedForm.tsx';
import { RereadNote } from '../ui/RereadNote.tsx';
import { useReread } from '../ui/reread.ts';
import { focusRefusal } from '../../form-focus.ts';

interface TierEditorProps {
  store: StaffStore;
  tiers: TierRow[];
  /** The tier being edited as the list read it; null for a new one. */
  tier: TierRow | null;
  /**
   * Closes the editor; with a message when something was saved, said at once, the list read again
   * behind it (useEditorCloser); `removed` when the tier is gone with it.
   */
  onClose: (message: string | null, removed?: boolean) => Promise<void>;
  /** Told whether the draft has changes that closing would lose. */
  onChanged: (changed: boolean) => void;
}

type NumberField = 'rank' | 'min_paid_orders' | 'min_paid_amount' | 'discount_percent' | 'moq_override' | 'prepay_regular_percent' | 'prepay_customized_percent' | 'sample_quota' | 'points_multiplier' | 'rebate_percent';
const thresholdFields = ['rank', 'min_paid_orders', 'min_paid_amount'] as const satisfies readonly NumberField[];
const rightFields: readonly NumberField[] = ['discount_percent', 'prepay_regular_percent', 'prepay_customized_percent', 'rebate_percent', 'points_multiplier', 'sample_quota', 'moq_override'];
const formFields = ['name', 'perks', 'rank', 'min_paid_orders', 'min_paid_amount', ...rightFields, 'free_freight', 'logistics_upgrade', 'priority_delivery'];

interface Preview {
  key: string;
  offset: number;
  result: WhatIf;
  proposed: ProposedTier[];
}

export function TierEditor({ store, tiers, tier: listed, onClose, onChanged }: TierEditorProps) {
  const { t, locale } = useConsoleText('staff');
  const { tiersText } = useText();
  /** The tier as last read: what a save replaces (refused once someone else changed it). */
  const [tier, setTier] = useState(listed);
  /** The draft as the tier read gives it: what the draft is compared with for unsaved changes. */
  const [opened, setOpened] = useState<TierDraft>(() => (tier ? draftOf(tier, store.default_locale, locale) : newDraft(tiers.at(-1), store.default_locale, locale)));
  const [draft, setDraft] = useState<TierDraft>(opened);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [removing, setRemoving] = useState<{ result: WhatIf | null; error: string | null } | null>(null);
  const fail = (message: string) => setErrors({ fields: {}, form: message });
  // A save refused because someone else changed the tier since it was read offers Reload: the draft
  // shows their changes where nothing was typed and keeps what was (rereadDraft), the next save made
  // over the tier as read now; a what-if run before is run again.
  const saves = useReread({
    read: tier,
    load: (row) => loadTier(store.id, row.id),
    merge: (row, now) => {
      const { draft: shown, taken, kept } = rereadDraft(row, now, draft, store.default_locale, locale);
      setTier(now);
      setOpened(draftOf(now, store.default_locale, locale));
      setDraft(shown);
      setPreview(null);
      setErrors(noErrors);
      return { taken, kept };
    },
    gone: () => fail(t('tierGoneSince')),
    say: fail,
    setBusy,
  });
  const ordinary = tier?.rank === 0;
  const owner = store.role === 'owner';
  const set = <K extends keyof TierDraft>(key: K, value: TierDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const changed = draftChanged(draft, opened);
  useEffect(() => onChanged(changed), [changed]);

  /** The other tiers as saved, in the table's order. */
  const otherRows = tiers.filter((row) => row.id !== tier?.id);
  const others: ProposedTier[] = otherRows.map((row) => ({ id: row.id, rank: row.rank, min_paid_orders: row.min_paid_orders, min_paid_amount: Number(row.min_paid_amount) }));
  const highest = highestRank(others);
  const schema = tierSchema(t, store.default_locale, locale, shownRank(highest));
  /** The proposed set: the other tiers moved aside as saving at `values.rank` will move them, then this one. */
  const proposal = (values: { rank: number; min_paid_orders: number; min_paid_amount: number }): ProposedTier[] =>
    [...makeRoom(others, values.rank, tier?.rank), { ...(tier ? { id: tier.id } : {}), ...values }];
  const typedRank = /^\d{1,5}$/.test(draft.rank.trim()) ? storedRank(Number(draft.rank)) : null;
  // A rank the save would refuse (the ordinary tier's to another, past the top) has nothing to preview.
  const draftRank = ordinary ? 0 : typedRank !== null && typedRank >= 1 && typedRank <= highest ? typedRank : null;
  // makeRoom keeps the order: a tier that would move is one whose rank differs at its index.
  const placed = draftRank === null ? others : makeRoom(others, draftRank, tier?.rank);
  const making = otherRows.filter((_, i) => placed[i]!.rank !== others[i]!.rank);
  // A tier moved up brings those it passes down; otherwise they go up.
  const makingDown = tier !== null && draftRank !== null && draftRank > tier.rank;
  const draftName = draft.name[locale]?.trim() || draft.name[store.default_locale]?.trim() || t('newTier');
  // Read as the form reads them: "1.500" is 1500 in the Spanish console.
  const typedOrders = readTyped(draft.min_paid_orders, locale);
  const typedAmount = readTyped(draft.min_paid_amount, locale);
  const draftOrders = typedOrders !== null && /^\d{1,9}$/.test(typedOrders) ? Number(typedOrders) : null;
  const draftAmount = typedAmount !== null && /^\d+(\.\d+)?$/.test(typedAmount) ? Number(typedAmount) : null;
  const typedMultiplier = readTyped(draft.points_multiplier, locale);
  const draftMultiplier = typedMultiplier !== null && /^\d{1,2}(\.\d{1,2})?$/.test(typedMultiplier) ? Number(typedMultiplier) : null;
  /** The tiers with their thresholds as saving the draft would leave them (null while a number is not one). */
  const afterSave =
    draftRank === null || draftOrders === null || draftAmount === null
      ? null
      : [
          ...placed.map((entry, i) => ({ ...entry, name: otherRows[i]!.name_local ?? '' })),
          { name: draftName, rank: draftRank, min_paid_orders: draftOrders, min_paid_amount: draftAmount },
        ];
  const nameOf = (proposed: ProposedTier[]) => (index: number) => {
    const entry = proposed[index];
    if (!entry?.id || entry.id === tier?.id) return draftName;
    return tiers.find((row) => row.id === entry.id)?.name_local ?? '';
  };
  const fromName = (id: string | null) => tiers.find((row) => row.id === id)?.name_local ?? t('noTier');

  function validate() {
    const parsed = schema.safeParse(draft);
    if (!parsed.success) {
      setErrors(checkErrors(parsed.error));
      return null;
    }
    setErrors(noErrors);
    return parsed.data;
  }

  const needsPreview = !ordinary && thresholdsDiffer(draft, tier, locale);
  const currentKey = JSON.stringify([draft.rank, draft.min_paid_orders, draft.min_paid_amount]);
  const previewed = preview !== null && preview.key === currentKey;

  function serverErrors(error: ApiError): FormErrors {
    if (error.code === '23505' && /rank/.test(error.message)) return { fields: { rank: t('errorRankTaken') }, form: null };
    // Another tier shows this name to the readers of a language (`name.zh-CN`), maybe by this one's fallback.
    const nameLocale = refusedLocale(error, 'name');
    if (error.code === '23505' && nameLocale) return { fields: { name: t('errorTierNameTaken', { language: languageName(nameLocale, locale) }) }, form: null, locales: { name: nameLocale } };
    // tier_what_if names a field of the proposed set (`tiers[2].rank`): the edited tier's.
    const details = error.details?.replace(/"field":\s*"tiers\[\d+\]\.(\w+)"/, '"field": "$1"') ?? null;
    return apiErrors({ ...error, details }, formFields);
  }

  /**
   * `from`: the what-if's own button, no submit, whose refusals CheckedForm does not focus: a field
   * refused takes the keyboard (its error is said far above the button, often out of sight).
   */
  async function runWhatIf(offset = 0, from?: HTMLButtonElement) {
    const refused = () => from && focusRefusal(from.form, from);
    const values = validate();
    if (!values) return void refused();
    setBusy(true);
    const proposed = proposal({ rank: values.rank, min_paid_orders: values.min_paid_orders, min_paid_amount: values.min_paid_amount });
    const { data, error } = await tierWhatIf(store.id, proposed, offset);
    setBusy(false);
    if (error) {
      setErrors(serverErrors(error));
      return void refused();
    }
    setPreview({ key: currentKey, offset, result: data, proposed });
    if (offset === 0) requestAnimationFrame(() => document.getElementById('what-if')?.focus());
  }

  /**
   * The saved rank and thresholds back in their fields, the what-if gone: the names and rights
   * save alone. The first field put back takes the keyboard, as the button pressed goes.
   */
  function keepThresholds() {
    const first = thresholdFields.find((name) => draft[name] !== opened[name]) ?? 'min_paid_orders';
    setDraft((previous) => ({ ...previous, ...Object.fromEntries(thresholdFields.map((name) => [name, opened[name]])) }));
    setPreview(null);
    requestAnimationFrame(() => document.getElementById(`tier-${first}`)?.focus());
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const values = validate();
    if (!values) return;
    if (needsPreview && !previewed) return void runWhatIf();
    setBusy(true);
    saves.saving();
    const saved = tier ? await updateTier(tier, values) : await insertTier(store.id, values);
    if (saved.ok) return onClose(t('tierSaved', { tier: isolate(draftName) }));
    setBusy(false);
    // Save was disabled while busy, which dropped the focus: the form (CheckedForm) takes it to the field to correct.
    if (saves.refused(saved.error, t('tierChangedSince'))) return;
    setErrors(refusedByPolicy(saved.error) ? { fields: {}, form: t('tierNotSaved') } : serverErrors(saved.error));
  }

  /** Each field's label on the form, to say which ones someone else changed. */
  function fieldLabel(field: keyof TierDraft): string {
    switch (field) {
      case 'name': return t('tierNameLabel');
      case 'perks': return t('perksLabel');
      case 'rank': return t('colRank');
      case 'min_paid_orders': return t('colMinOrders');
      case 'min_paid_amount': return t('minAmountLabel', { currency: store.base_currency });
      case 'discount_percent': return t('discountLabel');
      case 'prepay_regular_percent': return t('prepayRegularLabel');
      case 'prepay_customized_percent': return t('prepayCustomizedLabel');
      case 'rebate_percent': return t('rebateLabel');
      case 'points_multiplier': return t('pointsMultiplierLabel');
      case 'sample_quota': return t(pluralKey('colSamplesEvery', store.sample_period_days, locale, true), { days: store.sample_period_days });
      case 'moq_override': return t('moqOverrideLabel');
      default: return t(`${field}_label`);
    }
  }

  /** Where the removed tier's members would go, by name, from the what-if of the other tiers. */
  function removalSentence(result: WhatIf): string {
    const moves = removalDestinations(result);
    const members = moves.reduce((sum, move) => sum + move.members, 0);
    const name = (id: string) => isolate(tiers.find((row) => row.id === id)?.name_local ?? '');
    if (members === 0) return t('removeTierNobody');
    if (moves.length === 1) return t(pluralKey('removeTierBody', members, locale), { members: formatNumber(members, locale), tier: name(moves[0]!.id) });
    const each = moves.map((move) => t('removeTierMoveTo', { count: formatNumber(move.members, locale), tier: name(move.id) }));
    return t('removeTierBodySplit', { members: formatNumber(members, locale), moves: formatList(each, locale) });
  }

  async function askRemove() {
    if (!tier) return;
    setRemoving({ result: null, error: null });
    const { data, error } = await tierWhatIf(store.id, others);
    setRemoving({ result: data, error: error ? apiMessage(error) : null });
  }

  async function remove() {
    if (!tier) return;
    setBusy(true);
    const deleted = await deleteTier(tier.id);
    if (!deleted.ok || !deleted.data.length) {
      const error = deleted.ok ? null : deleted.error;
      setBusy(false);
      return setRemoving((previous) => ({ result: previous?.result ?? null, error: refusedByPolicy(error) ? t('tierNotSaved') : apiMessage(error!) }));
    }
    // The dialog stays, busy, until the editor closes with it: closed first, it gave the focus
    // back to a disabled Remove until the editor closed.
    await onClose(t('tierRemoved', { tier: isolate(tier.name_local ?? '') }), true);
  }

  /** A number as plain staff read it: the saved tier's, as the tiers table writes it. */
  function shownNumber(row: TierRow, name: NumberField): string {
    const value = row[name];
    if (value === null) return t(name === 'sample_quota' ? 'unlimited' : 'moqOwnEach');
    if (name === 'rank') return formatNumber(shownRank(value), locale);
    if (name === 'min_paid_orders' || name === 'min_paid_amount') {
      if (value === 0) return t('noMinimum');
      if (name === 'min_paid_amount') return formatMoney(value, store.base_currency, locale);
    }
    return name.endsWith('_percent') ? formatPercent(value, locale) : formatNumber(value, locale);
  }

  /**
   * What the multiplier typed earns, with the store's rate it multiplies and the way to it: "×1.5"
   * alone left the merchant unable to say why an order of US$1,200 earned 1,800 points.
   */
  function pointsMultiplierHint() {
    const rates = { locale, t: tiersText, currency: store.base_currency };
    const settings = (
      <a href={`${consoleHref('/console/settings/', store.slug)}#settings-points_per_currency_unit`}>
        {t('navSettings')} → {t('points_per_currency_unit_label')}
      </a>
    );
    const storeRate = pointsRate(1, store.points_per_currency_unit, rates);
    if (draftMultiplier === null) return interpolateParts(t('pointsMultiplierHintUntyped'), { storeRate, settings });
    return interpolateParts(t('pointsMultiplierHint'), { rate: pointsRate(draftMultiplier, store.points_per_currency_unit, rates), storeRate, settings });
  }

  /** `fixed`: read as text by owners too (the ordinary tier's rank and thresholds, which the database keeps). */
  const numberField = (name: NumberField, hint?: ComponentChildren, fixed = false) => (
    <Field key={name} id={`tier-${name}`} label={fieldLabel(name)} hint={hint} error={errors.fields[name]} readOnly={!owner || fixed} shown={tier && shownNumber(tier, name)}>
      {(aria) => (
        <input
          {...aria}
          name={name}
          inputMode={name === 'rank' || name === 'min_paid_orders' || name === 'sample_quota' || name === 'moq_override' ? 'numeric' : 'decimal'}
          value={draft[name]}
          onInput={(event) => set(name, event.currentTarget.value)}
        />
      )}
    </Field>
  );
  const deliveryRights = ['free_freight', 'logistics_upgrade', 'priority_delivery'] as const;

  return (
    <section aria-labelledby="tier-editor-title" class="panel tier-editor" data-editor={tier?.id ?? 'new'} onKeyDown={escapeCancels(() => void onClose(null), busy)}>
      <h2 id="tier-editor-title" tabIndex={-1}>
        {tier ? t(owner ? 'editTierTitle' : 'viewTierTitle', { tier: isolate(tier.name_local ?? '') }) : t('addTierTitle')}
      </h2>
      <RereadNote reloaded={t('tierReread')} changes={saves.changes} label={fieldLabel} />
      <CheckedForm check={errors} changed={changed} class="stack" onSubmit={save}>
        <fieldset class="stack plain">
          <LocalizedTextField id="tier-name" label={t('tierNameLabel')} value={draft.name} onChange={(value) => set('name', value)} defaultLocale={store.default_locale} required maxLength={60} error={errors.fields.name} errorLocale={errors.locales?.name} readOnly={!owner} />
          <FieldSet id="tier-thresholds" legend={t('thresholdsLegend')}>
            {ordinary ? <p class="muted">{t('ordinaryNoThresholds')}</p> : owner && <p class="muted">{t('thresholdsHint')}</p>}
            <div class="grid-2">
              {numberField('rank', t('rankHint'), ordinary)}
              {numberField('min_paid_orders', undefined, ordinary)}
              {numberField('min_paid_amount', undefined, ordinary)}
            </div>
            <div aria-live="polite">
              {making.length > 0 && (
                <p class="notice">
                  {t(makingDown ? (making.length === 1 ? 'rankMovesDown' : 'rankMovesDownMany') : making.length === 1 ? 'rankMakesRoom' : 'rankMakesRoomMany', { tiers: formatList(making.map((row) => row.name_local ?? ''), locale) })}
                </p>
              )}
              {afterSave && <OutOfReach tiers={afterSave} />}
            </div>
          </FieldSet>
          <FieldSet id="tier-rights" legend={t('rightsLegend')}>
            <div class="grid-2">
              {numberField('discount_percent')}
              {numberField('prepay_regular_percent')}
              {numberField('prepay_customized_percent')}
              {numberField('rebate_percent')}
              {numberField('points_multiplier', pointsMultiplierHint())}
              {numberField('sample_quota', t('sampleQuotaHint'))}
              {numberField('moq_override', t('moqOverrideHint'))}
            </div>
            {owner ? (
              /* A group of its own: under the minimum order quantity, the boxes read as that field's. */
              <fieldset class="plain checks">
                <legend>{t('deliveryLegend')}</legend>
                {deliveryRights.map((name) => (
                  <label class="check" key={name}>
                    <input type="checkbox" name={name} checked={draft[name]} onChange={(event) => set(name, event.currentTarget.checked)} /> {fieldLabel(name)}
                  </label>
                ))}
              </fieldset>
            ) : (
              <ReadOnlyField label={t('deliveryLegend')}>
                {formatList(deliveryRights.filter((name) => draft[name]).map((name) => t(`${name}_label`)), locale) || t('deliveryNone')}
              </ReadOnlyField>
            )}
            {/* The rights the fields above cannot hold, written by the store: with them, not after them. */}
            <LocalizedTextField
              id="tier-perks"
              label={t('perksLabel')}
              hint={t('perksHint')}
              value={draft.perks}
              onChange={(value) => set('perks', value)}
              defaultLocale={store.default_locale}
              items={{
                max: perkLimits.count,
                label: (number, language) => t('perkLabel', { number, language }),
                add: t('addPerk'),
                addTo: (language) => t('addPerkTo', { language }),
                remove: (number, language) => t('removePerk', { number, language }),
              }}
              maxLength={perkLimits.length}
              error={errors.fields.perks}
              errorLocale={errors.locales?.perks}
              readOnly={!owner}
            />
          </FieldSet>
        </fieldset>
        <FormError message={errors.form} />
        {saves.stale && (
          <div class="actions">
            <BusyButton type="button" busy={busy} onClick={() => void saves.readAgain()}>
              {t('reloadTier')}
            </BusyButton>
          </div>
        )}
        {needsPreview && !previewed && <p class="notice">{t('whatIfFirst')}</p>}
        <div class="actions">
          {owner ? (
            <>
              {needsPreview && (
                <button type="button" disabled={busy} onClick={(event) => void runWhatIf(0, event.currentTarget)}>
                  {t('runWhatIf')}
                </button>
              )}
              <BusyButton type="submit" class="primary" disabled={busy || (needsPreview && !previewed)}>
                {busy ? t('saving') : t('saveTier')}
              </BusyButton>
              {needsPreview && tier && (
                <button type="button" disabled={busy} onClick={keepThresholds}>
                  {t('keepThresholds')}
                </button>
              )}
              <button type="button" disabled={busy} onClick={() => void onClose(null)}>
                {t('cancel')}
              </button>
              {tier && !ordinary && (
                <BusyButton type="button" class="danger-outline" disabled={busy} onClick={() => void askRemove()}>
                  {t('removeTier')}
                </BusyButton>
              )}
            </>
          ) : (
            <button type="button" onClick={() => void onClose(null)}>
              {t('close')}
            </button>
          )}
        </div>
      </CheckedForm>
      {preview && previewed && (
        <WhatIfView
          result={preview.result}
          offset={preview.offset}
          currency={store.base_currency}
          tierName={nameOf(preview.proposed)}
          fromName={fromName}
          busy={busy}
          onPage={(offset) => void runWhatIf(offset)}
        />
      )}
      {tier && (
        <ConfirmDialog
          open={removing !== null}
          title={t('removeTierTitle', { tier: isolate(tier.name_local ?? '') })}
          confirmLabel={t('removeTier')}
          cancelLabel={t('cancel')}
          busy={busy || (removing !== null && removing.result === null && removing.error === null)}
          error={removing?.error}
          onConfirm={() => void remove()}
          onCancel={() => setRemoving(null)}
        >
          <p>{removing?.result ? removalSentence(removing.result) : t('whatIfRunning')}</p>
          {removing?.result && <p>{t(tiers.some((row) => row.rank > (tier?.rank ?? 0)) ? 'removeTierRanks' : 'removeTierRanksTop')}</p>}
        </ConfirmDialog>
      )}
    </section>
  );
}
