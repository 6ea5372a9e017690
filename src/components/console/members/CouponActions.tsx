/**
 * A member company's coupons on its page in the console: the copies it holds (how each came,
 * whether and on which order it was used, or that staff took it back) with "Take back" on a copy
 * staff gave and the company has not used (useTakeBack), and the card that gives it one more copy
 * of a store coupon or records that a held one was used on an order — the coupon nobody else can
 * give (not in the gift pack, not claimable, not a reward), and the use only staff see at checkout.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isolate } from '../../../i18n/format.ts';
import { couponEnded, couponFigure, type CouponTerms } from '../../../lib/coupon-value.ts';
import {
  couponUseSchema, findOrder, giveCoupon, giveCouponSchema, recordCouponUse, takeBackCoupon, type GivableCoupon, type HeldCoupon, type TierOption,
} from '../../../lib/console/members.ts';
import { consoleHref } from '../links.ts';
import { useOpsText } from '../ops-text.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import type { Column } from '../ui/DataTable.tsx';
import { Field, FormError } from '../ui/Field.tsx';
import { apiErrors, apiMessage, noErrors, zodErrors, type FormErrors } from '../ui/form-errors.ts';
import { PanelNotice } from '../ui/PanelNotice.tsx';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';
import { useRequestKeys } from '../../request-key.ts';

const usable = (held: HeldCoupon) => held.used_at === null && !couponEnded(held.coupon);
/** What take_back_coupon takes: a mistake of staff's, before the company used it (the company's own coupons are not staff's to take). */
const takable = (held: HeldCoupon) => held.source === 'staff' && held.used_at === null && held.taken_back_at === null;

/** The id of the held coupons' history: where a take-back's success is said, and the focus goes. */
export const heldCouponsId = 'held-coupons';

/**
 * The columns of the held coupons' table, with the take-back button where a copy can be taken back.
 * A former member's (`leftAt`) unused copy is said as of its leaving: "valid until" read as if it could still be used.
 */
export function useHeldCouponColumns(rows: HeldCoupon[], takeBack: (held: HeldCoupon) => ComponentChildren, leftAt: string | null): Column<HeldCoupon>[] {
  const { t, locale, date } = useOpsText();
  return [
    { key: 'coupon', header: t('colHeldCoupon'), cell: (held) => <><span class="nowrap">{held.coupon.code}</span> · {couponFigure(held.coupon, locale)}</> },
    { key: 'received', header: t('colReceivedHow'), cell: (held) => <><span class="nowrap">{date(held.claimed_at)}</span> · {t(`couponSource_${held.source}`)}</> },
    {
      key: 'state',
      header: t('colStatus'),
      cell: (held) =>
        held.taken_back_at !== null
          ? t('couponTakenBackOn', { date: date(held.taken_back_at) })
          : held.used_at !== null
          ? t('couponUsedOnOrder', { ref: held.used_order_ref ?? '—', date: date(held.used_at) })
          : couponEnded(held.coupon)
            ? t('couponExpiredOn', { date: date(held.coupon.valid_until) })
            : leftAt !== null
            ? t('couponUnusedWhenLeft', { date: date(leftAt) })
            : held.coupon.valid_until
              ? t('couponUnusedUntil', { date: date(held.coupon.valid_until) })
              : t('couponUnused'),
    },
    // Only when a row has the button: an empty column would be a blank line on every stacked row.
    ...(rows.some(takable) ? [{ key: 'actions', header: <span class="visually-hidden">{t('colActions')}</span>, cell: (held: HeldCoupon) => takable(held) && takeBack(held) }] : []),
  ];
}

interface TakeBackProps {
  company: string;
  /** A take-back is asked about: the page's last success goes, as a card's submit takes it. */
  onAsk: () => void;
  /** What happened (null after a refusal); the page reads the company again either way. */
  onDone: (message: string | null) => void;
}

/**
 * "Take back" on a copy staff gave by mistake, asked first in a dialog naming the coupon and the
 * company, as the contacts' actions are (Contacts.tsx): the focus goes to the line saying it was
 * taken back (the button goes with the row's state), back to the button when cancelled, or to the
 * coupons' heading when a refusal's re-read took the button away (the copy was used meanwhile). A
 * refusal is said in the dialog, which stays open with the focus (ConfirmDialog).
 * Returns the row's button and the dialog, which the page places.
 */
export function useTakeBack({ company, onAsk, onDone }: TakeBackProps) {
  const { t } = useOpsText();
  const [pending, setPending] = useState<HeldCoupon | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const succeeded = useRef(false);
  const within = (selector: string) => document.getElementById(heldCouponsId)?.querySelector<HTMLElement>(selector) ?? null;
  const whereNext = () => (succeeded.current ? within('[role="status"]') : opener.current?.isConnected ? null : within('h2'));

  function ask(held: HeldCoupon, event: MouseEvent) {
    opener.current = event.currentTarget as HTMLElement;
    succeeded.current = false;
    setError(null);
    onAsk();
    setPending(held);
  }

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    const result = await takeBackCoupon(pending.id);
    setBusy(false);
    if (!result.ok) {
      setError(apiMessage(result.error));
      return onDone(null);
    }
    succeeded.current = true;
    setPending(null);
    onDone(t('couponTakenBack', { code: pending.coupon.code }));
  }

  const button = (held: HeldCoupon) => (
    <button type="button" class="danger-outline" disabled={busy} onClick={(event) => ask(held, event)}>
      {t('couponTakeBack')}<span class="visually-hidden"> {held.coupon.code}</span>
    </button>
  );
  const code = pending?.coupon.code ?? '';
  const dialog = (
    <ConfirmDialog
      open={pending !== null}
      title={t('couponTakeBackTitle', { code, company: isolate(company) })}
      confirmLabel={t('couponTakeBackConfirm', { code })}
      cancelLabel={t('cancel')}
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={() => setPending(null)}
      returnFocus={whereNext}
    >
      <p>{t('couponTakeBackBody')}</p>
      <p>{t('couponTakeBackLimit')}</p>
    </ConfirmDialog>
  );
  return { button, dialog };
}

interface CouponActionsProps {
  memberId: string;
  storeId: string;
  storeSlug: string;
  /** The copies not used yet: those a use can be recorded for (some may have ended). */
  unused: HeldCoupon[];
  /** Copies held of each coupon, used ones too: a coupon at its limit is offered but not choosable. */
  copiesHeld: Record<string, number>;
  givable: GivableCoupon[];
  /** The store's tiers by rank and the member's rank: a coupon for a higher tier is offered but not choosable. */
  tiers: TierOption[];
  tierRank: number;
  /** The member's order numbers a use may be recorded on, newest first (a former member's paid before it left): offered when recording a use. */
  orderRefs: string[];
  /** Each form's success, shown above its button as in the page's other cards. */
  notices: { give: string | null; use: string | null };
  /**
   * When a former member left: it is given nothing more (give_coupon refuses); a use on its paid
   * order from before it left is still recorded, on no other.
   */
  leftAt: string | null;
  onGiven: (message: string) => void;
  onUsed: (message: string) => void;
}

/**
 * Which of the two cards a company's page shows (the page's section links list them): nothing is
 * given to a former member, and with nothing held, "No coupons yet." above says what the use card would;
 * a former member with no paid order from before it left (`orderRefs`) has nothing a use could be recorded on.
 */
export function couponCards(leftAt: string | null, copiesHeld: Record<string, number>, orderRefs: readonly string[]): { give: boolean; record: boolean } {
  return { give: leftAt === null, record: Object.keys(copiesHeld).length > 0 && (leftAt === null || orderRefs.length > 0) };
}

/** Two cards under the company's coupons, laid out as the page's other action cards: give one, record a held one's use. */
export function CouponActions({ memberId, storeId, storeSlug, unused, copiesHeld, givable, tiers, tierRank, orderRefs, notices, leftAt, onGiven, onUsed }: CouponActionsProps) {
  const { t, msg, locale, date } = useOpsText();
  const [giveErrors, setGiveErrors] = useState<FormErrors>(noErrors);
  const [useErrors, setUseErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const giveKeys = useRequestKeys();
  const open = unused.filter(usable);
  const recordHeading = useRef<HTMLHeadingElement>(null);
  const [orderRef, setOrderRef] = useState('');
  const found = useOrderByRef(storeId, orderRef.trim());
  // Whether the number typed is an imported order, and whose: record_coupon_use checks a known
  // one's company and date, and takes an unknown one as typed.
  const orderHint = !found
    ? t('orderRefHint')
    : found.order === null
      ? t('orderRefUnknown')
      : found.order.member_id === memberId
        ? t('orderRefKnown', { date: date(found.order.placed_at) })
        : t('orderRefOtherCompany');
  const label = (coupon: CouponTerms & { code: string }) =>
    `${coupon.code} · ${couponFigure(coupon, locale)}`;

  async function give(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const parsed = giveCouponSchema.safeParse(Object.fromEntries(new FormData(form)));
    if (!parsed.success) return setGiveErrors({ fields: zodErrors(parsed.error), form: null });
    setBusy(true);
    const result = await giveCoupon(memberId, parsed.data, giveKeys.for({ memberId, ...parsed.data }));
    setBusy(false);
    // The coupon's own rules (tier, limit, window) refuse as the form's sentence.
    if (!result.ok) return setGiveErrors(apiErrors(result.error, ['coupon_id']));
    giveKeys.done();
    setGiveErrors(noErrors);
    form.reset();
    onGiven(t('couponGiven', { code: givable.find((coupon) => coupon.id === parsed.data.coupon_id)?.code ?? '' }));
  }

  async function record(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const parsed = couponUseSchema.safeParse(Object.fromEntries(new FormData(form)));
    if (!parsed.success) return setUseErrors({ fields: zodErrors(parsed.error), form: null });
    // record_coupon_use would refuse it with the company's leaving only, not saying which orders it takes.
    if (leftAt !== null && !orderRefs.includes(parsed.data.order_ref)) {
      return setUseErrors({ fields: { order_ref: t('recordUseFormerOrder', { date: date(leftAt) }) }, form: null });
    }
    setBusy(true);
    const result = await recordCouponUse(parsed.data);
    setBusy(false);
    if (!result.ok) return setUseErrors(apiErrors(result.error, ['member_coupon_id', 'order_ref']));
    setUseErrors(noErrors);
    form.reset();
    setOrderRef('');
    const code = open.find((copy) => copy.id === parsed.data.member_coupon_id)?.coupon.code ?? '';
    // The last unused copy takes the form's fields and button with it: focus stays in the card.
    if (open.length === 1) recordHeading.current?.focus();
    onUsed(t('couponUseRecorded', { code, ref: parsed.data.order_ref }));
  }

  const cards = couponCards(leftAt, copiesHeld, orderRefs);
  if (!cards.give && !cards.record) return null;
  return (
    <div class="grid-2 action-panels">
      {cards.give && (
        <CheckedForm check={giveErrors} class="panel" onSubmit={give} aria-labelledby="give-coupon-title">
          <h2 id="give-coupon-title" tabIndex={-1}>{t('giveCouponTitle')}</h2>
          <p class="muted panel-intro">{t('giveCouponIntro')}</p>
          <div class="stack panel-body">
            {givable.length === 0 ? (
              <p class="muted">
                {t('noGivableCoupons')} <a href={consoleHref('/console/coupons/', storeSlug)}>{t('toCoupons')}</a>
              </p>
            ) : (
              <>
                <Field id="give-coupon" label={t('couponToGive')} hint={t('giveCouponHint')} error={msg(giveErrors.fields.coupon_id)}>
                  {(aria) => (
                    <select {...aria} name="coupon_id">
                      <option value="">{t('chooseCoupon')}</option>
                      {givable.map((coupon) => {
                        const full = (copiesHeld[coupon.id] ?? 0) >= coupon.per_member_limit;
                        // The tier that reaches the coupon's rank, named as give_coupon's refusal names it.
                        const needs = coupon.min_tier_rank > tierRank ? tiers.find((tier) => tier.rank >= coupon.min_tier_rank) : undefined;
                        return (
                          <option key={coupon.id} value={coupon.id} disabled={full || needs !== undefined}>
                            {full
                              ? t('couponAtLimit', { coupon: label(coupon), limit: coupon.per_member_limit })
                              : needs
                                ? t('couponNeedsTier', { coupon: label(coupon), tier: needs.name ?? '' })
                                : label(coupon)}
                          </option>
                        );
                      })}
                    </select>
                  )}
                </Field>
                <FormError message={giveErrors.form} />
                <PanelNotice text={notices.give} />
                <div class="actions">
                  <BusyButton type="submit" class="primary" busy={busy}>{t('giveCoupon')}</BusyButton>
                </div>
              </>
            )}
          </div>
        </CheckedForm>
      )}
      {cards.record && (
        <CheckedForm check={useErrors} class="panel" onSubmit={record} aria-labelledby="record-use-title">
          <h2 id="record-use-title" tabIndex={-1} ref={recordHeading}>{t('recordUseTitle')}</h2>
          <p class="muted panel-intro">{leftAt === null ? t('recordUseIntro') : t('recordUseFormerIntro', { date: date(leftAt) })}</p>
          <div class="stack panel-body">
            {open.length === 0 ? (
              <>
                <PanelNotice text={notices.use} />
                <p class="muted">{t('noUnusedCoupons')}</p>
              </>
            ) : (
              <>
                <Field id="record-coupon" label={t('couponToRecord')} error={msg(useErrors.fields.member_coupon_id)}>
                  {(aria) => (
                    <select {...aria} name="member_coupon_id">
                      <option value="">{t('chooseCoupon')}</option>
                      {open.map((copy) => (
                        <option key={copy.id} value={copy.id}>{t('heldCouponOption', { coupon: label(copy.coupon), date: date(copy.claimed_at) })}</option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id="record-order" label={t('orderRefLabel')} hint={<span aria-live="polite">{orderHint}</span>} error={msg(useErrors.fields.order_ref)}>
                  {(aria) => <input {...aria} name="order_ref" list="record-order-refs" autocomplete="off" onInput={(event) => setOrderRef(event.currentTarget.value)} />}
                </Field>
                <datalist id="record-order-refs">
                  {orderRefs.map((ref) => <option key={ref} value={ref} />)}
                </datalist>
                <FormError message={useErrors.form} />
                <PanelNotice text={notices.use} />
                <div class="actions">
                  <BusyButton type="submit" class="primary" busy={busy}>{t('recordUse')}</BusyButton>
                </div>
              </>
            )}
          </div>
        </CheckedForm>
      )}
    </div>
  );
}

/**
 * The store's imported order numbered `ref`, looked up once typing pauses: `null` until a
 * reference is typed and its answer is in, then the order (null when none is imported). An answer
 * for a reference typed over since is dropped.
 */
function useOrderByRef(storeId: string, ref: string) {
  const [found, setFound] = useState<{ ref: string; order: { member_id: string; placed_at: string } | null } | null>(null);
  useEffect(() => {
    if (!ref) return;
    let current = true;
    const timer = setTimeout(() => {
      void findOrder(storeId, ref).then((result) => {
        if (current && result.ok) setFound({ ref, order: result.data });
      });
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [storeId, ref]);
  return found?.ref === ref ? found : null;
}
