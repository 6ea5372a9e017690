/**
 * Points: balance, when they expire (by day in the coming weeks, then by month), the ledger with reasons, and rewards to redeem (after
 * a confirm step; a reward the store ships asks first where to, as a sample request does; one it hands over, as a coupon's, asks
 * nothing more); then the rebate wallet (non-withdrawable, used on orders) with its history.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { formatDate, formatMoney, formatNumber, formatPercent, formatSignedMoney, formatSignedNumber, interpolateParts, isolate, sentenceGap } from '../../i18n/format.ts';
import { postalLines } from '../../i18n/postal.ts';
import type { Locale } from '../../i18n/locales.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { ledgerNote, ledgerReason, rewardDelivery } from '../../lib/ledger-note.ts';
import { expiringByDay, expiringByMonth } from '../../lib/standing-text.ts';
import { pointsRate } from '../../lib/tier-rights.ts';
import { fetchOpenCredits, fetchPointsLedger, openCreditsRead, fetchRebateLedger, fetchRewards, MemberApiError, redeemReward, shipToSchema, type Membership, type PointsRow, type Reward, type ShipTo, type StoreTiers } from '../../lib/member-api.ts';
import type { Resource } from '../../stores/member.ts';
import { supabaseClient } from '../../stores/session.ts';
import { focusIfLost, focusOn, focusOpened } from '../form-focus.ts';
import { useSectionText, useText } from '../use-text.ts';
import { refusalMessage, type MemberText } from './refusals.ts';
import { BusyButton } from '../BusyButton.tsx';
import { CopyButton } from '../CopyButton.tsx';
import { useRequestKeys } from '../request-key.ts';
import { ConfirmButton, escapeCancels, FormButtons, FormMessage, formValues, useForm, useOpener } from './forms.tsx';
import { addressFields, ShipToFields } from './ShipToFields.tsx';
import { dated, dateRangeText, dateText } from '../date-text.tsx';
import { dotted } from '../dotted.ts';
import { ScrollTable } from '../ScrollTable.tsx';
import { combine, Section } from './Section.tsx';
import { useStoreTiers, type MemberSectionProps } from './Summary.tsx';
import { storeNoteSaid } from './update-sentences.tsx';
import { fewRows, reload, useMemberId, useMemberResource, useMembership, usePagedResource } from './use-member.ts';

/** Credits that expire within this many days are "expiring soon". */
const soonDays = 60;

/** Ledger rows shown at first and added by "Show more": a big buyer has thousands. */
const ledgerPage = 20;

/** The order a row is about: its own, or for an expiry the order that earned the expired points. */
const orderRef = (row: PointsRow) => (row.orders ?? row.credit?.orders)?.external_ref;

/**
 * What a refund could not take back, then the row's note (ledgerNote), after its reason and order;
 * a reward the store sends, then where it is (rewardDelivery). A note the store's staff wrote is
 * introduced as theirs in the reader's language: it stays as written, in whatever language that is.
 */
function LedgerNote({ row, shortfall, storeLocale }: { row: Parameters<typeof ledgerNote>[0] & Parameters<typeof rewardDelivery>[0]; shortfall: string | null; storeLocale?: string | undefined }) {
  const { t, locale } = useSectionText('member');
  const note = ledgerNote(row, storeLocale);
  // The tracking number its own element, whole on one line, for the button after the sentence to copy (or select).
  const tracking = row.delivery?.tracking_number;
  const delivery = rewardDelivery(row, t, locale, {
    date: (date) => dateText('sent', date),
    number: (number) => <span key="tracking" class="code tracking-number">{number}</span>,
  });
  if (!shortfall && !note && !delivery) return null;
  return (
    <>
      <span class="muted">
        {' ·\u00a0'}{dotted([shortfall, note && (note.from === 'store'
          ? storeNoteSaid(note.text, note.lang, { t })
          : <span lang={note.lang}>{note.text}</span>), delivery])}
      </span>
      {row.delivery?.sent_at && tracking && (
        <CopyButton text={tracking} label={t('copyTracking')} detail={tracking} copied={t('trackingCopied', { number: tracking })} failed={t('trackingCopyFailed')}
          shown={{ within: 'td', holder: '.tracking-number' }} class="secondary" />
      )}
    </>
  );
}

/**
 * What a paid order earns the member at their tier ("At your tier (VIP) you earn 2 points per US$1
 * paid."), as Your rights says it (pointsRate): the balance and rewards alone left the buyer to
 * find how points come. Nothing where the store or the tier gives none.
 */
function EarnRate({ membership, pointsPerCurrencyUnit }: { membership: Resource<Membership | null>; pointsPerCurrencyUnit: number }) {
  const { t, locale } = useSectionText('member');
  const { tiersText } = useText();
  const data = membership.status === 'ready' ? membership.data : null;
  if (!data || data.tier.points_multiplier <= 0 || pointsPerCurrencyUnit <= 0) return null;
  const rate = pointsRate(data.tier.points_multiplier, pointsPerCurrencyUnit, { locale, t: tiersText, currency: data.store.base_currency });
  return <p>{interpolateParts(t('pointsEarnRate'), { tier: <bdi key="tier" lang={data.tier.name_lang}>{data.tier.name}</bdi>, rate })}</p>;
}

/** `compact`: in the widget frame, the history's first few entries (fewRows). */
export function Points({ slug, compact = false }: MemberSectionProps & { compact?: boolean }) {
  const { t, locale } = useSectionText('member');
  const memberId = useMemberId(slug);
  const membership = useMembership(slug);
  const ledger = usePagedResource('points', slug, memberId, ledgerPage, ({ token, part, limit }) => fetchPointsLedger(token, part, limit, locale),
    compact ? fewRows : undefined);
  // Named 'points' too, so what reloads the ledger reloads this.
  const openCredits = useMemberResource('points', slug, memberId && `${memberId}:open`, ({ token }) => fetchOpenCredits(token, memberId!));
  const balance = membership.state.status === 'ready' ? (membership.state.data?.points.balance ?? 0) : null;
  const storeLocale = membership.state.status === 'ready' ? membership.state.data?.store.default_locale : undefined;
  const both = combine({ rows: ledger, credits: openCredits, tiers: useStoreTiers(slug) });
  return (
    <Section id="points" title={t('pointsTitle')} state={both.state} retry={both.retry}
      more={ledger.more && { ...ledger.more, label: t('pointsLedgerMore') }}>
      {({ rows, credits, tiers: { pointsPerCurrencyUnit } }) => {
        // The coming weeks a day at a time, as before; the rest a month at a time, so a buyer sees
        // when every point they hold expires (a balance of 2,750 had only "none in the next 60 days").
        const soonEnd = Date.now() + soonDays * 86_400_000;
        const remaining = (credit: { remaining: number }) => credit.remaining;
        const expiring = expiringByDay(credits.filter((credit) => Date.parse(credit.expires_at) < soonEnd), remaining, locale);
        const later = expiringByMonth(credits.filter((credit) => Date.parse(credit.expires_at) >= soonEnd), remaining, locale);
        // Past the credits read, the day or month the list stops in may go on: it and the rest of
        // the balance are said as what expires after the last line.
        const full = credits.length === openCreditsRead;
        if (full) (later.length > 0 ? later : expiring).pop();
        const listed = [...expiring, ...later].reduce((sum, line) => sum + line.points, 0);
        const beyond = full && balance !== null ? balance - listed : 0;
        const expiringLine = ({ date, points }: { date: string; points: number }) =>
          interpolateParts(t(pluralKey('expiringLine', points, locale)), { points: formatNumber(points, locale), date: dateText('date', date) });
        return (
          <>
            {balance !== null && (
              <p class="big-figure">
                {t(pluralKey('pointsBalanceIs', balance, locale), { points: formatNumber(balance, locale) })}
              </p>
            )}
            <EarnRate membership={membership.state} pointsPerCurrencyUnit={pointsPerCurrencyUnit} />
            {expiring.length > 0 && (
              <div class="notice">
                <h3>{t('expiringSoon', { days: soonDays })}</h3>
                {expiring.length === 1 ? (
                  <p>{expiringLine(expiring[0]!)}</p>
                ) : (
                  // A day at a time filled a phone's screen (22 lines): the total and the first day
                  // lead, the days folded under them.
                  <>
                    <p>
                      {interpolateParts(t('expiringSoonTotal'), {
                        points: formatNumber(expiring.reduce((sum, line) => sum + line.points, 0), locale),
                        date: dateText('date', expiring[0]!.date),
                      })}
                    </p>
                    <details class="expiring-days">
                      <summary>{t('expiringDays', { count: formatNumber(expiring.length, locale) })}</summary>
                      <ul>
                        {expiring.map((line) => <li key={line.date}>{expiringLine(line)}</li>)}
                      </ul>
                    </details>
                  </>
                )}
              </div>
            )}
            {(later.length > 0 || beyond > 0) && (
              <>
                <h3>{t(expiring.length > 0 ? 'expiringLater' : 'expiringWhen')}</h3>
                <ul>
                  {later.map(({ month, range, points }) => (
                    <li key={month}>
                      {range[1] === ''
                        ? expiringLine({ date: range[0], points })
                        : interpolateParts(t(pluralKey('expiringBetween', points, locale)), { points: formatNumber(points, locale), range: dateRangeText('range', range, t('rangeAnd')) })}
                    </li>
                  ))}
                  {beyond > 0 && <li>{t(pluralKey('expiringAfter', beyond, locale), { points: formatNumber(beyond, locale) })}</li>}
                </ul>
              </>
            )}
            {/* Why a month holds fewer points than its order earned: the rewards took the soonest first. */}
            {(expiring.length > 0 || later.length > 0 || beyond > 0) && <p class="muted">{t('expiringSpentFirst')}</p>}
            <Rewards slug={slug} balance={balance} />
            <h3>{t('ledgerTitle')}</h3>
            {rows.length === 0 ? (
              <p class="muted">{t('ledgerEmpty')}</p>
            ) : (
              <ScrollTable label={t('ledgerTitle')} class="ledger">
                  <thead>
                    <tr>
                      <th scope="col">{t('date')}</th>
                      <th scope="col">{t('reason')}</th>
                      <th scope="col" class="num">{t('points')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.id}>
                        <td class="nowrap">{formatDate(row.earned_at, locale)}</td>
                        <td>
                          {ledgerReason('points', { ...row, changes: row.orders?.changes }, t, locale, dated)}
                          {/* The reference keeps one line, the "·" stays with the word before it. */}
                          {orderRef(row) && <span class="muted">&nbsp;· <span class="nowrap">{orderRef(row)}</span></span>}
                          <LedgerNote row={row} storeLocale={storeLocale} shortfall={row.shortfall === null ? null : t(row.delta === 0 ? 'pointsShortfallNone' : 'pointsShortfall', {
                            spent: formatNumber(row.shortfall, locale),
                            taken: formatNumber(-row.delta, locale),
                          })} />
                        </td>
                        <td class="num">{formatSignedNumber(row.delta, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
              </ScrollTable>
            )}
          </>
        );
      }}
    </Section>
  );
}

function Rewards({ slug, balance }: { slug: string; balance: number | null }) {
  const { t, locale } = useSectionText('member');
  const membership = useMembership(slug);
  const storeId = membership.state.status === 'ready' ? (membership.state.data?.store.id ?? null) : null;
  const rewards = useMemberResource('rewards', slug, storeId, ({ token, part }) => fetchRewards(token, part, locale));
  const [busy, setBusy] = useState(false);
  const keys = useRequestKeys();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // The reward whose address is being written (one the store sends), and the Redeem that opened it.
  const [shipping, setShipping] = useState<string | null>(null);
  const opener = useOpener();
  const uid = useId();
  const said = useRef<HTMLParagraphElement>(null);

  async function redeemed(name: string) {
    setMessage({ ok: true, text: t('redeemed', { reward: name }) });
    await reload('membership', 'points', 'coupons');
  }

  async function redeem(id: string, name: string) {
    setBusy(true);
    try {
      await redeemReward(await supabaseClient(), id, keys.for({ reward: id }));
      keys.done();
      await redeemed(name);
    } catch (error) {
      setMessage({ ok: false, text: refusalMessage(error, t, locale) });
    } finally {
      setBusy(false);
      // The balance no longer reaches the reward: its Redeem button is gone, so the keyboard goes to what happened.
      focusIfLost(() => said.current);
    }
  }

  // Each reward's Redeem says which reward to a screen reader listing the buttons (two "Redeem" told
  // nothing apart), as a catalogue card's buttons name their product; the visible text starts the name.
  const rewardOfButton = (reward: Reward) => (
    <span class="visually-hidden" lang={reward.text_langs?.['name'] ?? undefined}>
      {sentenceGap(locale)}
      {reward.name}
    </span>
  );
  if (rewards.state.status !== 'ready') return null;
  return (
    <div>
      <h3>{t('rewardsTitle')}</h3>
      {/* Present before they speak: a live region inserted with its text is not read by every screen reader. */}
      <div role="status">{message?.ok && <p ref={said} class="success">{message.text}</p>}</div>
      <div role="alert">{message && !message.ok && <p ref={said} class="error">{message.text}</p>}</div>
      {rewards.state.data.length === 0 ? (
        <p class="muted">{t('rewardsEmpty')}</p>
      ) : (
        <ul class="row-list">
          {rewards.state.data.map((reward) => (
            <li key={reward.id}>
              <p>
                <strong lang={reward.text_langs?.['name'] ?? undefined}>{reward.name}</strong> ·{' '}
                {t(pluralKey('pointsCost', reward.points_cost, locale), { points: formatNumber(reward.points_cost, locale) })}
              </p>
              {reward.description && <p class="muted" lang={reward.text_langs?.['description'] ?? undefined}>{reward.description}</p>}
              {balance === null ? null : shipping === reward.id ? (
                <RedeemToAddress slug={slug} reward={reward} byKeyboard={opener.byKeyboard()}
                  onRedeemed={async () => {
                    await redeemed(reward.name);
                    setShipping(null);
                    // The form held the keyboard: to what happened.
                    focusIfLost(() => said.current);
                  }}
                  onCancel={() => { opener.closed(); setShipping(null); }} />
              ) : balance >= reward.points_cost && reward.coupon_id === null && reward.delivery === 'shipped' ? (
                <button type="button" id={`${uid}-redeem-${reward.id}`} onClick={(event) => { opener.opened(event); setMessage(null); setShipping(reward.id); }}>{t('redeem')}{rewardOfButton(reward)}</button>
              ) : balance >= reward.points_cost ? (
                <ConfirmButton
                  label={<>{t('redeem')}{rewardOfButton(reward)}</>}
                  confirmLabel={t(pluralKey('redeemConfirm', reward.points_cost, locale), { points: formatNumber(reward.points_cost, locale) })}
                  question={t(pluralKey('redeemQuestion', reward.points_cost, locale), { reward: reward.name, points: formatNumber(reward.points_cost, locale) })}
                  cancelLabel={t('cancel')}
                  busy={busy}
                  onConfirm={() => redeem(reward.id, reward.name)}
                />
              ) : (
                <p class="muted">{t(pluralKey('pointsNeeded', reward.points_cost - balance, locale), { points: formatNumber(reward.points_cost - balance, locale) })}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A reward the store sends, redeemed in two steps as a sample is requested: where to send it (the
 * company's last sample address to start from), checked with the API's rules, then the question
 * with the address, where only Yes calls `redeem_reward`. The form stays mounted (hidden) during
 * the question, so Back finds every value; an address field the API refuses is shown beside it.
 */
function RedeemToAddress({ slug, reward, byKeyboard, onRedeemed, onCancel }: {
  slug: string;
  reward: Reward;
  /** Redeem was pressed from the keyboard (focusOpened). */
  byKeyboard: boolean;
  onRedeemed: () => Promise<void>;
  /** Cancel: the form closes, the keyboard back on Redeem (useOpener). */
  onCancel: () => void;
}) {
  const { t, locale } = useSectionText('member');
  const uid = useId();
  const form = useForm(shipToSchema, addressFields);
  const [review, setReview] = useState<ShipTo | null>(null);
  const keys = useRequestKeys();
  // Where the keyboard goes once the form shows again: a field's name, its first field, or its alert.
  const [focusTo, setFocusTo] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const points = { reward: reward.name, points: formatNumber(reward.points_cost, locale) };
  // The keyboard follows the step: into the form as it opens, as a sample request's and an
  // inquiry's (focusOpened); its first field on Back, the question once asked, the field (or the
  // alert) the API refused once back. The review that was sent is gone by then, so useForm's own
  // focusing finds nothing to focus.
  useEffect(() => focusOpened(formRef.current, byKeyboard), []);
  useEffect(() => {
    if (review) {
      question.current?.focus();
      return;
    }
    if (!focusTo) return;
    const target = formRef.current?.querySelector<HTMLElement>(focusTo === 'first' ? 'input, select' : focusTo === 'alert' ? '[role="alert"]' : `[name="${focusTo}"]`);
    if (!target) return; // The alert is drawn with the refusal, a render later.
    focusOn(target);
    setFocusTo(null);
  }, [review, focusTo, form.errors]);

  const confirm = () => {
    if (!review) return;
    void form.submit(review, async (shipTo) => {
      try {
        await redeemReward(await supabaseClient(), reward.id, keys.for({ reward: reward.id, shipTo }), shipTo);
        keys.done();
      } catch (error) {
        // Back to the form, where a refused address field is said beside it, anything else above its buttons.
        const field = error instanceof MemberApiError ? error.field?.split('.').at(-1) : undefined;
        setFocusTo(field && (addressFields as readonly string[]).includes(field) ? field : 'alert');
        setReview(null);
        throw error;
      }
    }).then((ok) => (ok ? onRedeemed() : undefined));
  };

  return (
    <>
      <div hidden={review !== null}>
        <form ref={formRef} class="stack inline-form" aria-labelledby={`${uid}-title`} noValidate onKeyDown={escapeCancels(onCancel, form.busy)}
          onSubmit={(event) => { void form.submit(formValues(event), async (checked) => setReview(checked)); }}>
          <h4 id={`${uid}-title`}>{t('redeemShipTitle', { reward: reward.name })}</h4>
          <p class="muted">{t('redeemShipHint')}</p>
          <ShipToFields slug={slug} uid={uid} errors={form.errors} />
          <FormMessage errors={form.errors} />
          <FormButtons label={t('redeemContinue')} busy={form.busy} onCancel={onCancel} />
        </form>
      </div>
      {review && (
        <div class="confirm stack" role="group" aria-labelledby={`${uid}-question`}>
          <p id={`${uid}-question`} ref={question} tabIndex={-1}>{t(pluralKey('redeemQuestion', reward.points_cost, locale), points)}</p>
          <dl class="facts card-lines">
            <div>
              <dt>{t('reviewShipTo')}</dt>
              <dd class="pre-line">{postalLines(review, locale).join('\n')}</dd>
            </div>
          </dl>
          <div class="actions">
            <BusyButton type="button" busy={form.busy} onClick={confirm}>
              {t(pluralKey('redeemConfirm', reward.points_cost, locale), { points: points.points })}
            </BusyButton>
            <BusyButton type="button" class="secondary" busy={form.busy} onClick={() => { setFocusTo('first'); setReview(null); }}>{t('back')}</BusyButton>
          </div>
        </div>
      )}
    </>
  );
}

/**
 * What an empty wallet of a tier that earns no rebates says instead of "Balance: US$0.00, no
 * rebates yet", which read as rebates to come: the lowest tier above the member's that earns them
 * and how much, or that the store gives none. Null while the tier earns them, when only tiers below
 * it do (a tier to climb to, not down to), or while the tiers are not read.
 */
function rebatesToEarn(tier: Membership['tier'], tiers: Resource<StoreTiers>, t: MemberText, locale: Locale): string | null {
  if (tier.rebate_percent > 0 || tiers.status !== 'ready') return null;
  // By rank, lowest first (fetchStoreTiers).
  const earning = tiers.data.tiers.find((other) => other.rank > tier.rank && other.rebate_percent > 0);
  if (earning) return t('rebatesWithTier', { tier: isolate(earning.name), percent: formatPercent(earning.rebate_percent, locale) });
  return tiers.data.tiers.some((other) => other.rebate_percent > 0) ? null : t('rebatesNotOffered');
}

/** `compact`: in the widget frame, the history's first few entries (fewRows). */
export function Rebates({ slug, compact = false }: MemberSectionProps & { compact?: boolean }) {
  const { t, locale } = useSectionText('member');
  const memberId = useMemberId(slug);
  const membership = useMembership(slug);
  const tiers = useStoreTiers(slug);
  const ledger = usePagedResource('rebates', slug, memberId, ledgerPage, ({ token, part, limit }) => fetchRebateLedger(token, part, limit),
    compact ? fewRows : undefined);
  const data = membership.state.status === 'ready' ? membership.state.data : null;
  const wallet = data?.rebates;
  // A wallet that never held anything, of a tier that earns nothing: what would earn rebates, and no balance.
  const toEarn = (rows: unknown[]) => (data && wallet?.balance === 0 && rows.length === 0 ? rebatesToEarn(data.tier, tiers.state, t, locale) : null);
  return (
    <Section id="rebates" title={t('rebatesTitle')} state={ledger.state} retry={ledger.retry}
      more={ledger.more && { ...ledger.more, label: t('rebatesLedgerMore') }}>
      {(rows) => {
        const earn = toEarn(rows);
        if (earn !== null) return <p data-testid="rebates-to-earn">{earn}</p>;
        return (
        <>
          {wallet && <p class="big-figure">{t('rebateBalanceIs', { amount: formatMoney(wallet.balance, wallet.currency, locale) })}</p>}
          <p class="muted">{t('rebateExplain')}</p>
          {rows.length === 0 ? (
            <p class="muted">{t('rebatesEmpty')}</p>
          ) : (
            <ScrollTable label={t('rebatesTitle')} class="ledger">
                <thead>
                  <tr>
                    <th scope="col">{t('date')}</th>
                    <th scope="col">{t('reason')}</th>
                    <th scope="col" class="num">{t('amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id}>
                      <td class="nowrap">{formatDate(row.earned_at, locale)}</td>
                      <td>
                        {ledgerReason('rebate', { ...row, changes: row.orders?.changes }, t, locale, dated)}
                        {(row.orders?.external_ref ?? row.applied_to_order_ref) && (
                          <span class="muted">&nbsp;· <span class="nowrap">{row.orders?.external_ref ?? row.applied_to_order_ref}</span></span>
                        )}
                        <LedgerNote row={row} shortfall={row.shortfall === null ? null : t(row.delta === 0 ? 'rebateShortfallNone' : 'rebateShortfall', {
                          spent: formatMoney(row.shortfall, row.currency, locale),
                          taken: formatMoney(-row.delta, row.currency, locale),
                        })} />
                      </td>
                      <td class="num">{formatSignedMoney(row.delta, row.currency, locale)}</td>
                    </tr>
                  ))}
                </tbody>
            </ScrollTable>
          )}
        </>
        );
      }}
    </Section>
  );
}
