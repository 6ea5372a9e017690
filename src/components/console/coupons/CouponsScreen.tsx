/**
 * Coupons and rewards for points: lists with how many copies were issued (claimed, in the gift pack or
 * as a reward: "Issued", as on the analytics page) and used, and how often each reward was
 * redeemed; a form to create or edit each (minimum tier, validity window, the new-member gift
 * pack, texts in every language); first, the rewards the team has to send (RewardsToSend).
 * Written straight to the tables under their staff policies; zod checks the form first, and the
 * server's refusals land on their field.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { formatMoney, formatNumber, interpolateParts, isolate } from '../../../i18n/format.ts';
import { couponEnded, couponFigure } from '../../../lib/coupon-value.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { couponFormSchema, loadCoupon, loadCouponBook, loadReward, rewardDeliveries, rewardFormSchema, saveCoupon, saveReward, type Coupon, type Reward } from '../../../lib/console/coupons.ts';
import { loadTiers, type TierOption } from '../../../lib/console/members.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { shownRank } from '../../../lib/tier-ranks.ts';
import { useOpsText } from '../ops-text.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Field, FieldSet, FormError } from '../ui/Field.tsx';
import { DateField } from '../ui/DateField.tsx';
import { LocalizedTextField } from '../ui/LocalizedTextField.tsx';
import { apiErrors, noErrors, zodErrors, type FormErrors } from '../ui/form-errors.ts';
import { RereadNote } from '../ui/RereadNote.tsx';
import { useReread } from '../ui/reread.ts';
import { couponFormOf, rereadCoupon, rereadReward, rewardFormOf, type CouponFields, type RewardFields } from './coupon-forms.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { RewardsToSend } from './RewardsToSend.tsx';
import { useLoad } from '../ui/use-load.ts';
import { ScreenOutcomeLine, useEditorCloser, useScreenOutcome } from '../ui/ScreenOutcome.tsx';
import { wholeCodes } from '../ui/whole-codes.tsx';
import { CheckedForm, escapeCancels } from '../ui/CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';

type Editing = { kind: 'coupon'; coupon: Coupon | null } | { kind: 'reward'; reward: Reward | null } | null;
/** Which editor is open: opening the same row again keeps it (its key), another row replaces it. */
const editorKey = (open: Editing) => open && (open.kind === 'coupon' ? `coupon:${open.coupon?.id ?? 'new'}` : `reward:${open.reward?.id ?? 'new'}`);

export function CouponsScreen({ store }: { store: StaffStore }) {
  const { t, locale, date } = useOpsText();
  const book = useLoad(() => loadCouponBook(store.id).then(orThrow), [store.id]);
  const tiers = useLoad(() => loadTiers(store.id).then(orThrow), [store.id]);
  const [editing, setEditing] = useState<Editing>(null);
  const outcome = useScreenOutcome();
  const tierList = tiers.data ?? [];
  // Rank 0 is the ordinary tier, everyone's: its name there read as a restriction.
  const tierAt = (rank: number) => (rank === 0 ? t('allMembers') : (tierList.find((tier) => tier.rank === rank)?.name ?? `#${shownRank(rank)}`));
  const text = (map: Record<string, string>) => map[locale] ?? map[store.default_locale] ?? Object.values(map)[0] ?? '';

  const { closer, again } = useEditorCloser(editorKey(editing), () => setEditing(null), outcome, book.reloadAfterWrite);
  function openNew(kind: 'coupon' | 'reward') {
    const fresh: Editing = kind === 'coupon' ? { kind, coupon: null } : { kind, reward: null };
    again(editorKey(fresh), () => openNew(kind));
    setEditing(fresh);
    // Already open (its key kept it): its title, where the reader asked for it.
    document.getElementById(`${kind}-editor-title`)?.focus();
  }

  if (!book.data) {
    return (
      <section aria-labelledby="coupons-title">
        <h1 id="coupons-title">{t('couponsTitle')}</h1>
        <ScreenOutcomeLine outcome={outcome} />
        <LoadState state={book}>{() => null}</LoadState>
      </section>
    );
  }
  const { coupons, rewards, couponUse, rewardUse } = book.data!;
  const now = Date.now();

  return (
    <section aria-labelledby="coupons-title" class="ops-page">
      <h1 id="coupons-title">{t('couponsTitle')}</h1>
      <ScreenOutcomeLine outcome={outcome} />
      {/* A failed reload's alert (with Retry) over the rows it kept, an editor open among them. */}
      <LoadState state={book}>
        {() => (
          <>
            {/* Work waiting first. */}
            <RewardsToSend store={store} sendsRewards={rewards.some((r) => r.coupon_id === null)} />
            <div class="history">
              <h2>{t('couponsHeading')}</h2>
              <p class="actions">
                <BusyButton type="button" class="primary" onClick={() => openNew('coupon')}>{t('newCoupon')}</BusyButton>
              </p>
              <DataTable
                caption={t(pluralKey('couponsCaption', coupons.length, locale), { count: coupons.length })}
                captionHidden
                rows={coupons}
                rowKey={(c) => c.id}
                selectedKey={editing?.kind === 'coupon' ? (editing.coupon?.id ?? null) : null}
                onActivate={(c) => setEditing({ kind: 'coupon', coupon: c })}
                rowLabel={(c) => `${c.code}, ${couponFigure(c, locale)}`}
                empty={t('couponsEmpty')}
                columns={[
                  {
                    key: 'coupon',
                    header: t('colCouponAndDescription'),
                    // The description under its code: in a column of its own, beside eight others, it had
                    // some 150 px on a desktop in Spanish, two or three words a line; here it has the
                    // code's width as well.
                    cell: (c) => (
                      <>
                        <strong class="code">{c.code}</strong>
                        {text(c.description) && <div class="muted">{wholeCodes(text(c.description))}</div>}
                      </>
                    ),
                  },
                  {
                    key: 'value',
                    header: t('colValue'),
                    numeric: true,
                    // The least order under the value, as buyers read it beside theirs: only the
                    // description said it, and only if the merchant wrote it there. It may wrap before
                    // its amount (the figure's column keeps one line), so the description keeps its room;
                    // in Chinese the phrase stays whole (global.css), the description wrapping instead.
                    cell: (c) => (
                      <>
                        {couponFigure(c, locale)}
                        {c.min_order_amount !== null && c.currency && (
                          <div class="muted wraps phrase">
                            {interpolateParts(t('ordersFrom'), { amount: <span class="nowrap">{formatMoney(c.min_order_amount, c.currency, locale)}</span> })}
                          </div>
                        )}
                      </>
                    ),
                  },
                  { key: 'tier', header: t('colMinTier'), cell: (c) => tierAt(c.min_tier_rank) },
                  {
                    key: 'valid',
                    header: t('colValidity'),
                    // A line each, kept whole: a range on one squeezed line broke a date over two. Stacked
                    // on a phone, only its date is (global.css): "Desde el 24 nov 2025" ran past the row.
                    cell: (c) => (
                      <>
                        <div class="nowrap">{interpolateParts(t('validFromDate'), { date: <span class="nowrap">{date(c.valid_from)}</span> })}</div>
                        <div class="nowrap">{c.valid_until ? interpolateParts(t('validUntilDate'), { date: <span class="nowrap">{date(c.valid_until)}</span> }) : t('noEndDate')}</div>
                        {/* Dates alone left staff to compare them with today's. */}
                        {couponEnded(c, now) && <span class="badge">{t('couponEnded')}</span>}
                        {Date.parse(c.valid_from) > now && <span class="badge">{t('couponNotYet')}</span>}
                      </>
                    ),
                  },
                  {
                    key: 'how',
                    header: t('howGiven'),
                    // A list with a gap: two ways as bare lines read as one wrapped sentence. Staff give
                    // it only when members have no way of their own (gift pack, claim, an active reward for points).
                    cell: (c) => {
                      const ways = [c.is_gift_pack && t('giftPack'), c.claimable && t('claimable'), rewards.some((r) => r.active && r.coupon_id === c.id) && t('forPoints')].filter((way): way is string => Boolean(way));
                      return (
                        <>
                          <ul class="plain stack">
                            {(ways.length > 0 ? ways : [t('givenOnly')]).map((way) => <li key={way}>{way}</li>)}
                          </ul>
                          <div class="muted">{t(pluralKey('perMember', c.per_member_limit, locale), { count: formatNumber(c.per_member_limit, locale) })}</div>
                        </>
                      );
                    },
                  },
                  { key: 'issued', header: t('colIssued'), numeric: true, cell: (c) => formatNumber(couponUse[c.id]?.claimed ?? 0, locale) },
                  { key: 'used', header: t('colUsed'), numeric: true, cell: (c) => formatNumber(couponUse[c.id]?.used ?? 0, locale) },
                  { key: 'edit', header: <span class="visually-hidden">{t('colActions')}</span>, cell: (c) => <BusyButton type="button" onClick={() => setEditing({ kind: 'coupon', coupon: c })} aria-label={t('editNamed', { name: c.code })}>{t('edit')}</BusyButton> },
                ]}
              />
            </div>
            {editing?.kind === 'coupon' && (
              <CouponEditor key={editing.coupon?.id ?? 'new'} store={store} coupon={editing.coupon} tiers={tierList} tierName={tierAt} onCancel={() => void closer(editorKey(editing))(null)} onSaved={closer(editorKey(editing))} />
            )}
            <div class="history">
              <h2>{t('rewardsHeading')}</h2>
              <p class="actions">
                <BusyButton type="button" class="primary" onClick={() => openNew('reward')}>{t('newReward')}</BusyButton>
              </p>
              <DataTable
                caption={t(pluralKey('rewardsCaption', rewards.length, locale), { count: rewards.length })}
                captionHidden
                rows={rewards}
                rowKey={(r) => r.id}
                selectedKey={editing?.kind === 'reward' ? (editing.reward?.id ?? null) : null}
                onActivate={(r) => setEditing({ kind: 'reward', reward: r })}
                rowLabel={(r) => text(r.name)}
                empty={t('rewardsEmpty')}
                columns={[
                  { key: 'name', header: t('colName'), cell: (r) => text(r.name) },
                  { key: 'cost', header: t('colPointsCost'), numeric: true, cell: (r) => formatNumber(r.points_cost, locale) },
                  { key: 'coupon', header: t('colCoupon'), cell: (r) => { const code = coupons.find((c) => c.id === r.coupon_id)?.code; return code ? <strong class="code">{code}</strong> : t(staffWay(r.delivery)); } },
                  { key: 'active', header: t('colStatus'), cell: (r) => (r.active ? t('active') : t('inactive')) },
                  { key: 'redeemed', header: t('colRedeemed'), numeric: true, cell: (r) => formatNumber(rewardUse[r.id]?.redeemed ?? 0, locale) },
                  { key: 'edit', header: <span class="visually-hidden">{t('colActions')}</span>, cell: (r) => <BusyButton type="button" onClick={() => setEditing({ kind: 'reward', reward: r })} aria-label={t('editNamed', { name: text(r.name) })}>{t('edit')}</BusyButton> },
                ]}
              />
            </div>
            {editing?.kind === 'reward' && (
              <RewardEditor key={editing.reward?.id ?? 'new'} store={store} reward={editing.reward} coupons={coupons} onCancel={() => void closer(editorKey(editing))(null)} onSaved={closer(editorKey(editing))} />
            )}
          </>
        )}
      </LoadState>
    </section>
  );
}

function useFocusOnOpen() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return heading;
}

const couponFields = ['code', 'description', 'kind', 'value', 'min_order_amount', 'min_tier_rank', 'valid_from', 'valid_until', 'per_member_limit', 'is_gift_pack', 'claimable', 'currency'];

function CouponEditor({ store, coupon, tiers, tierName, onCancel, onSaved }: { store: StaffStore; coupon: Coupon | null; tiers: TierOption[]; tierName: (rank: number) => string; onCancel: () => void; onSaved: (message: string) => Promise<void> }) {
  const { t, msg, locale } = useOpsText();
  const heading = useFocusOnOpen();
  const [form, setForm] = useState<CouponFields>(() => couponFormOf(coupon, store.default_locale, locale));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  /** The coupon as last read: what a save is made over. */
  const [read, setRead] = useState(coupon);
  const fail = (message: string) => setErrors({ fields: {}, form: message });
  // Someone else's changes shown where nothing was typed (rereadCoupon).
  const saves = useReread({
    read,
    load: (row) => loadCoupon(store.id, row.id),
    merge: (row, now) => {
      const { form: shown, taken, kept } = rereadCoupon(row, now, form, store.default_locale, locale);
      setForm(shown);
      setErrors(noErrors);
      setRead(now);
      return { taken, kept };
    },
    gone: () => fail(t('couponGoneSince')),
    say: fail,
    setBusy,
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm({ ...form, [key]: value });
  /** Each field's label on the form, to say which ones someone else changed. */
  const label = (field: keyof CouponFields) => ({
    code: t('colCode'), description: t('colDescription'), kind: t('couponKind'),
    value: form.kind === 'percent' ? t('valuePercent') : t('amountIn', { currency: store.base_currency }),
    min_order_amount: t('minOrder', { currency: store.base_currency }), min_tier_rank: t('colMinTier'), valid_from: t('validFrom'), valid_until: t('validUntil'),
    per_member_limit: t('perMemberLimit'), is_gift_pack: t('giftPackLabel'), claimable: t('claimableLabel'),
  })[field];

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = couponFormSchema(store.default_locale, store.base_currency, locale).safeParse(form);
    if (!parsed.success) return setErrors({ fields: zodErrors(parsed.error), form: null });
    setBusy(true);
    saves.saving();
    const result = await saveCoupon(store.id, read, parsed.data);
    // Closed and said at once; the list is read again behind it (onSaved).
    if (result.ok) return onSaved(t('couponSaved', { code: parsed.data.code }));
    setBusy(false);
    if (saves.refused(result.error, t('couponChangedSince'))) return;
    // The one unique rule a staff member can break: a code the store already uses.
    if (result.error.code === '23505') return setErrors({ fields: { code: 'vCodeTaken' }, form: null });
    setErrors(apiErrors(result.error, couponFields));
  }

  return (
    <CheckedForm check={errors} class="panel ops-page" onSubmit={submit} onKeyDown={escapeCancels(onCancel, busy)} aria-labelledby="coupon-editor-title" data-editor={editorKey({ kind: 'coupon', coupon })}>
      <h2 id="coupon-editor-title" tabIndex={-1} ref={heading}>{coupon ? t('editCouponTitle', { code: coupon.code }) : t('newCoupon')}</h2>
      <RereadNote reloaded={t('couponReread')} changes={saves.changes} label={label} />
      <Field id="coupon-code" label={t('colCode')} hint={t('codeHint')} error={msg(errors.fields.code)}>
        {(aria) => <input {...aria} value={form.code} onInput={(e) => set('code', e.currentTarget.value)} autocomplete="off" />}
      </Field>
      <LocalizedTextField id="coupon-description" label={t('colDescription')} value={form.description} onChange={(v) => set('description', v)} error={msg(errors.fields.description)} multiline maxLength={500} defaultLocale={store.default_locale} />
      <div class="grid-2">
        <Field id="coupon-kind" label={t('couponKind')} error={msg(errors.fields.kind)}>
          {(aria) => (
            <select {...aria} value={form.kind} onChange={(e) => set('kind', e.currentTarget.value as 'percent' | 'amount')}>
              <option value="percent">{t('kindPercent')}</option>
              <option value="amount">{t('kindAmount', { currency: store.base_currency })}</option>
            </select>
          )}
        </Field>
        <Field id="coupon-value" label={form.kind === 'percent' ? t('valuePercent') : t('amountIn', { currency: store.base_currency })} error={msg(errors.fields.value)}>
          {(aria) => <input {...aria} inputMode="decimal" value={form.value} onInput={(e) => set('value', e.currentTarget.value)} />}
        </Field>
        <Field id="coupon-min-order" label={t('minOrder', { currency: store.base_currency })} hint={t('optional')} error={msg(errors.fields.min_order_amount)}>
          {(aria) => <input {...aria} inputMode="decimal" value={form.min_order_amount} onInput={(e) => set('min_order_amount', e.currentTarget.value)} />}
        </Field>
        <Field id="coupon-tier" label={t('colMinTier')} error={msg(errors.fields.min_tier_rank)}>
          {(aria) => (
            <select {...aria} value={String(form.min_tier_rank)} onChange={(e) => set('min_tier_rank', Number(e.currentTarget.value))}>
              {tiers.map((tier) => <option key={tier.id} value={String(tier.rank)}>{tierName(tier.rank)}</option>)}
            </select>
          )}
        </Field>
        <DateField id="coupon-from" time label={t('validFrom')} hint={t('validFromHint')} error={msg(errors.fields.valid_from)} value={form.valid_from} onValue={(at) => set('valid_from', at)} />
        <DateField id="coupon-until" time label={t('validUntil')} hint={t('validUntilHint')} error={msg(errors.fields.valid_until)} value={form.valid_until} onValue={(at) => set('valid_until', at)} />
        <Field id="coupon-limit" label={t('perMemberLimit')} error={msg(errors.fields.per_member_limit)}>
          {(aria) => <input {...aria} inputMode="numeric" value={form.per_member_limit} onInput={(e) => set('per_member_limit', e.currentTarget.value)} />}
        </Field>
      </div>
      <FieldSet id="coupon-giving" legend={t('howGiven')} error={msg(errors.fields.is_gift_pack ?? errors.fields.claimable)}>
        <label class="check">
          <input type="checkbox" checked={form.is_gift_pack} onChange={(e) => set('is_gift_pack', e.currentTarget.checked)} /> {t('giftPackLabel')}
        </label>
        <label class="check">
          <input type="checkbox" checked={form.claimable} onChange={(e) => set('claimable', e.currentTarget.checked)} /> {t('claimableLabel')}
        </label>
      </FieldSet>
      <FormError message={errors.form} />
      {saves.stale && (
        <div class="actions">
          <BusyButton type="button" busy={busy} onClick={() => void saves.readAgain()}>{t('reloadCoupon')}</BusyButton>
        </div>
      )}
      <div class="actions">
        <BusyButton type="submit" class="primary" busy={busy}>{busy ? t('saving') : t('save')}</BusyButton>
        <button type="button" onClick={onCancel} disabled={busy}>{t('cancel')}</button>
      </div>
    </CheckedForm>
  );
}

const deliveryLabels = { shipped: 'rewardWayShipped', handed_over: 'rewardWayHandedOver' } as const;
/** A reward without a coupon, in the list and the editor's Coupon given: who delivers it, and how. */
const staffWay = (delivery: Reward['delivery']) => (delivery === 'handed_over' ? 'handedOverByStaff' : 'fulfilledByStaff');

function RewardEditor({ store, reward, coupons, onCancel, onSaved }: { store: StaffStore; reward: Reward | null; coupons: Coupon[]; onCancel: () => void; onSaved: (message: string) => Promise<void> }) {
  const { t, msg, locale } = useOpsText();
  const heading = useFocusOnOpen();
  const [form, setForm] = useState<RewardFields>(() => rewardFormOf(reward, store.default_locale));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  /** The reward as last read: what a save is made over. */
  const [read, setRead] = useState(reward);
  const fail = (message: string) => setErrors({ fields: {}, form: message });
  // Someone else's changes shown where nothing was typed (rereadReward).
  const saves = useReread({
    read,
    load: (row) => loadReward(store.id, row.id),
    merge: (row, now) => {
      const { form: shown, taken, kept } = rereadReward(row, now, form, store.default_locale);
      setForm(shown);
      setErrors(noErrors);
      setRead(now);
      return { taken, kept };
    },
    gone: () => fail(t('rewardGoneSince')),
    say: fail,
    setBusy,
  });
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm({ ...form, [key]: value });
  /** Each field's label on the form, to say which ones someone else changed. */
  const label = (field: keyof RewardFields) => ({
    name: t('colName'), description: t('colDescription'), points_cost: t('colPointsCost'), coupon_id: t('colCoupon'), delivery: t('rewardDelivery'), active: t('rewardActive'),
  })[field];

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = rewardFormSchema(store.default_locale, locale).safeParse(form);
    if (!parsed.success) return setErrors({ fields: zodErrors(parsed.error), form: null });
    setBusy(true);
    saves.saving();
    const result = await saveReward(store.id, read, parsed.data);
    if (result.ok) return onSaved(t('rewardSaved', { name: isolate(parsed.data.name[locale] ?? parsed.data.name[store.default_locale] ?? '') }));
    setBusy(false);
    if (saves.refused(result.error, t('rewardChangedSince'))) return;
    setErrors(apiErrors(result.error, ['name', 'description', 'points_cost', 'coupon_id', 'delivery', 'active']));
  }

  return (
    <CheckedForm check={errors} class="panel ops-page" onSubmit={submit} onKeyDown={escapeCancels(onCancel, busy)} aria-labelledby="reward-editor-title" data-editor={editorKey({ kind: 'reward', reward })}>
      <h2 id="reward-editor-title" tabIndex={-1} ref={heading}>{reward ? t('editRewardTitle') : t('newReward')}</h2>
      <RereadNote reloaded={t('rewardReread')} changes={saves.changes} label={label} />
      <LocalizedTextField id="reward-name" label={t('colName')} value={form.name} onChange={(v) => set('name', v)} error={msg(errors.fields.name)} required maxLength={120} defaultLocale={store.default_locale} />
      <LocalizedTextField id="reward-description" label={t('colDescription')} value={form.description} onChange={(v) => set('description', v)} error={msg(errors.fields.description)} multiline maxLength={1000} defaultLocale={store.default_locale} />
      <div class="grid-2">
        <Field id="reward-cost" label={t('colPointsCost')} error={msg(errors.fields.points_cost)}>
          {(aria) => <input {...aria} inputMode="numeric" value={form.points_cost} onInput={(e) => set('points_cost', e.currentTarget.value)} />}
        </Field>
        <Field id="reward-coupon" label={t('colCoupon')} hint={t('rewardCouponHint')} error={msg(errors.fields.coupon_id)}>
          {(aria) => (
            <select {...aria} value={form.coupon_id} onChange={(e) => set('coupon_id', e.currentTarget.value)}>
              {/* Says the way chosen below: "sends it" read beside "Handed over" contradicted it. */}
              <option value="">{t(staffWay(form.delivery))}</option>
              {coupons.map((c) => <option key={c.id} value={c.id}>{c.code}</option>)}
            </select>
          )}
        </Field>
      </div>
      {/* Asked only of a reward the team delivers: a coupon is issued at once, wherever the buyer is. */}
      {form.coupon_id === '' && (
        <FieldSet id="reward-delivery" legend={t('rewardDelivery')} error={msg(errors.fields.delivery)}>
          <div class="checks">
            {rewardDeliveries.map((way) => (
              <label class="check" key={way}>
                <input type="radio" name="delivery" value={way} checked={form.delivery === way} onChange={() => set('delivery', way)} /> {t(deliveryLabels[way])}
              </label>
            ))}
          </div>
        </FieldSet>
      )}
      <label class="check">
        <input type="checkbox" checked={form.active} onChange={(e) => set('active', e.currentTarget.checked)} /> {t('rewardActive')}
      </label>
      <FormError message={errors.form} />
      {saves.stale && (
        <div class="actions">
          <BusyButton type="button" busy={busy} onClick={() => void saves.readAgain()}>{t('reloadReward')}</BusyButton>
        </div>
      )}
      <div class="actions">
        <BusyButton type="submit" class="primary" busy={busy}>{busy ? t('saving') : t('save')}</BusyButton>
        <button type="button" onClick={onCancel} disabled={busy}>{t('cancel')}</button>
      </div>
    </CheckedForm>
  );
}
