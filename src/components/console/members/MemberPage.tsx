/**
 * One member company as the store's staff see it: the company's and its contacts' cards, tier
 * (with any override), balances, where it stands toward the tiers (Standing), and newest first its
 * orders, points and rebate ledgers, tier history, sample claims, inquiries and coupons held; the
 * actions after all of these. Actions: a contact made primary or taken off
 * the company, each confirmed first (Contacts), tier override with expiry and reason
 * (or clear it, after confirming), points adjustment with a note (a deduction asks first), rebate
 * credited, deducted on an order or a credit taken back, each confirmed first (RebateActions), a
 * coupon given or its use recorded, or a copy staff gave taken back after confirming (CouponActions),
 * and at the end the company erased at its buyer's request, by an owner (EraseMember). A former
 * member's page is its record, said at the top: only what the server still takes (a copy or
 * credit staff gave taken back, a use on an order from before it left) stays.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { formatCalendar, formatMoney, formatNumber, formatSignedMoney, formatSignedNumber, interpolateParts, isolate, parenthetical, regionName } from '../../../i18n/format.ts';
import { dated } from '../../date-text.tsx';
import { dotted } from '../../dotted.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import {
  adjustPoints, historyRows, loadGivableCoupons, loadMember, loadTiers, overrideSchema, pointsSchemaForm, setOverride,
  type GivableCoupon, type MemberRecord, type TierOption,
} from '../../../lib/console/members.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { couponEnded } from '../../../lib/coupon-value.ts';
import { ledgerNote, ledgerReason, rewardDelivery, staffLedgerNote } from '../../../lib/ledger-note.ts';
import { BackLink } from '../../BackLink.tsx';
import { SectionNav } from '../../SectionNav.tsx';
import { OrderRefList } from '../../order-refs.tsx';
import { useRequestKeys } from '../../request-key.ts';
import { consoleHref } from '../links.ts';
import { useOpsText } from '../ops-text.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { DateField } from '../ui/DateField.tsx';
import { Field, FormError } from '../ui/Field.tsx';
import { apiErrors, noErrors, zodErrors, type FormErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { useLoad } from '../ui/use-load.ts';
import { deliveryParts, wholeCodes } from '../ui/whole-codes.tsx';
import { CouponActions, couponCards, heldCouponsId, useHeldCouponColumns, useTakeBack } from './CouponActions.tsx';
import { RebateActions, rebateCards } from './RebateActions.tsx';
import { Standing } from './Standing.tsx';
import { TierRightsFact } from './TierRightsFact.tsx';
import { useOrderColumns } from '../orders/order-columns.tsx';
import { ClaimStatusCell } from '../samples/ClaimStatusCell.tsx';
import { Contacts } from './Contacts.tsx';
import { EraseMember, erasePanelShown } from './EraseMember.tsx';
import { PanelNotice } from '../ui/PanelNotice.tsx';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { BusyButton } from '../../BusyButton.tsx';

function memberIdFromAddress(): string | null {
  return new URLSearchParams(window.location.search).get('m');
}

export function MemberPage({ store }: { store: StaffStore }) {
  const { t } = useOpsText();
  const memberId = memberIdFromAddress();
  const validId = memberId !== null && /^[0-9a-f-]{36}$/i.test(memberId);
  const record = useLoad(
    () => (validId ? loadMember(store.id, memberId).then(orThrow) : Promise.resolve(null)),
    [store.id, memberId],
  );
  const tiers = useLoad(() => loadTiers(store.id).then(orThrow), [store.id]);
  const givable = useLoad(() => loadGivableCoupons(store.id).then(orThrow), [store.id]);
  const back = <BackLink href={consoleHref('/console/members/', store.slug)}>{t('backToMembers')}</BackLink>;

  return (
    <LoadState state={record}>
      {(data) =>
        data ? (
          <MemberView store={store} record={data} tiers={tiers.data ?? []} givable={givable.data ?? []} reload={record.reload} back={back} />
        ) : (
          <section aria-labelledby="member-title">
            <h1 id="member-title">{t('memberNotFoundTitle')}</h1>
            <p>{t('memberNotFound')}</p>
            <p>{back}</p>
          </section>
        )
      }
    </LoadState>
  );
}

interface MemberViewProps {
  store: StaffStore;
  record: MemberRecord;
  tiers: TierOption[];
  givable: GivableCoupon[];
  reload: () => void;
  back: ComponentChildren;
}

function MemberView({ store, record, tiers, givable, reload, back }: MemberViewProps) {
  const { t, locale, date, product, company } = useOpsText();
  const orderColumns = useOrderColumns<MemberRecord['orders'][number]>(store.base_currency);
  const { member } = record;
  const former = member.left_at !== null;
  const money = (amount: number, currency = store.base_currency) => formatMoney(amount, currency, locale);
  const tierName = (id: string | null) => tiers.find((tier) => tier.id === id)?.name ?? '—';
  // A tier moved by orders is worded and named as the ledgers word and name an order ("Paid
  // order · BIG-2002"; "Refund" read as a return), several after the plural ("Paid orders · A, B,
  // and C": one import paying a few of the company's orders); one the import's change of an order
  // moved (order_changes at its instant), as that change ("Paid order" read as new orders after a
  // refund lowered it). An override's reason follows it, introduced, as a ledger's note follows its reason.
  // Each reference is isolated (<bdi>): direction controls in one cannot reorder the line.
  const tierReason = (change: MemberRecord['tierChanges'][number]) => {
    const { reason, note, orders_changed, changed_order_ref, moved_order_refs } = change;
    const changed = changed_order_ref !== null || orders_changed > 0;
    const several = moved_order_refs.length > 1;
    const why = changed_order_ref !== null ? interpolateParts(t('tierReasonOrderChanged'), { ref: <bdi key="ref" class="nowrap">{changed_order_ref}</bdi> })
      : orders_changed > 0 ? t('tierReasonOrdersChanged')
      : reason === 'orders' ? t(several ? 'tierReasonOrdersPaid' : 'points_order')
      : reason === 'refund' ? t(several ? 'tierReasonOrdersRefunded' : 'points_clawback') : t(`tierReason_${reason}` as 'tierReason_join');
    const orders = !changed && moved_order_refs.length > 0 && (
      <OrderRefList refs={moved_order_refs} locale={locale} more={(count) => t(pluralKey('moreOrders', count, locale), { count: formatNumber(count, locale) })} />
    );
    return dotted([why, orders, note && interpolateParts(t('overrideReasonGiven'), { note: wholeCodes(note) })]);
  };
  // Under a settlement that moved its order's tier, which: a 10 % refund that took back the whole
  // rebate read as a mistake until the page said the order had dropped below VIP. Only tiers the
  // store still has (a removed one's rank is unknown).
  const rerated = ({ tier_id, tier_before }: { tier_id: string | null; tier_before: string | null }) => {
    const [now, before] = [tiers.find((tier) => tier.id === tier_id), tiers.find((tier) => tier.id === tier_before)];
    if (!now || !before || now.id === before.id) return null;
    const text = now.rank < before.rank ? t('reratedDown', { tier: tierName(now.id), before: tierName(before.id) }) : t('reratedUp', { tier: tierName(now.id) });
    return <span class="muted row-note">{text}</span>;
  };
  const overrideActive = member.tier_override_id !== null && member.tier_override_expires_at !== null && Date.parse(member.tier_override_expires_at) > Date.now();
  // Its reason introduced as the tier history introduces it: bare after a dash, it read as the console's own
  // words. Its codes are not kept whole (wholeCodes): beside its term on a phone, the card's value column is
  // narrower than a 20-digit order number, which widened the column past the card.
  // An override is a floor (private.refresh_member_tier): at or below what the orders earn, the
  // tier shown is another, and the override only what the member keeps should they fall.
  const overrideFloor = record.standing.tier.id !== member.tier_override_id;
  const override = overrideActive
    ? dotted([
        // Its date on one line: in Chinese it broke inside itself at 360 px ("2027年1 / 月6日").
        dated(t(overrideFloor ? 'overrideAtLeastUntil' : 'overrideUntil', { tier: tierName(member.tier_override_id) }), date(member.tier_override_expires_at)),
        member.tier_override_reason && interpolateParts(t('overrideReasonGiven'), { note: member.tier_override_reason }),
      ])
    : null;
  // A success shows in the card that sent it, above its button where a refusal shows (under the
  // title, on a phone it was some 2,000 px above the button; under the button, it lifted that
  // card's button above the others'). One at a time: a card's success replaces another's.
  const [notice, setNotice] = useState<{ panel: Panel; text: string } | null>(null);
  const done = (panel: Panel) => (text: string) => {
    setNotice({ panel, text });
    reload();
  };
  const noticeOf = (panel: Panel) => (notice?.panel === panel ? notice.text : null);
  // A new attempt in any card takes the last success away: a refusal shown above "Coupon … given."
  // read as if both had happened. Caught on the page, before each card's own submit runs.
  const clearNotice = () => setNotice(null);
  const takeBack = useTakeBack({ company: company(member), onAsk: clearNotice, onDone: (text) => (text ? done('takeBack')(text) : reload()) });
  const couponColumns = useHeldCouponColumns(record.coupons, takeBack.button, member.left_at);

  /**
   * A ledger row's reason (worded as the member reads it, an expiry naming its credit), its order
   * (kept whole; an expiry's, the order that earned the points), what a refund could not take
   * back, then its note (staffLedgerNote: one staff wrote introduced as the note to the buyer).
   */
  const reasonLine = (
    ledger: Parameters<typeof ledgerReason>[0],
    row: Parameters<typeof ledgerNote>[0] & Parameters<typeof ledgerReason>[1] & Parameters<typeof rewardDelivery>[0] & Parameters<typeof rerated>[0]
      & { order: { external_ref: string; changes: Parameters<typeof ledgerReason>[1]['changes'] } | null; credit?: { order: { external_ref: string } | null } | null },
    shortfall: string | null,
    applied?: string | null,
  ) => {
    const ref = (row.order ?? row.credit?.order)?.external_ref ?? applied;
    return [
      ...dotted([ledgerReason(ledger, { ...row, changes: row.order?.changes }, t, locale), ref && <span class="nowrap">{ref}</span>, shortfall, staffLedgerNote(row, t, wholeCodes), rewardDelivery(row, t, locale, deliveryParts)]),
      rerated(row),
    ];
  };

  /**
   * What an order earned and what refunds took back, the buyer's two figures ("+120 −120 (all taken
   * back)"), and under them the tier it earns at: "why did this order give me no points?" was
   * answered by reading the points history for its reference. A dash for an order that earns none
   * (never paid; first paid after its company left; too small, or at a tier that gives no points).
   */
  const orderPoints = ({ points }: MemberRecord['orders'][number]) => {
    if (points.earned === 0 && points.taken_back === 0) return '—';
    const tier = tiers.find((option) => option.id === points.tier_id)?.name;
    return (
      <>
        <span class="nowrap">{formatSignedNumber(points.earned, locale)}{points.taken_back > 0 && ` ${formatSignedNumber(-points.taken_back, locale)}`}</span>
        {points.taken_back > 0 && points.taken_back >= points.earned && <span class="muted wraps">{parenthetical(t('orderPointsAllTakenBack'), locale)}</span>}
        {tier && <span class="muted row-note wraps">{t('orderPointsTier', { tier: isolate(tier) })}</span>}
      </>
    );
  };

  // The orders a coupon's use may be recorded on: a former member's paid before it left (record_coupon_use refuses any other).
  const useOrderRefs = record.orders
    .filter((order) => member.left_at === null || (order.status === 'paid' && Date.parse(order.placed_at) < Date.parse(member.left_at)))
    .map((order) => order.external_ref);
  const coupons = couponCards(member.left_at, record.copiesHeld, useOrderRefs);
  const rebate = rebateCards(former, record.credits);
  // The page's parts in its order, each by the id its heading is named after (`<id>-title`), those
  // this company's page shows: a former member's keeps what the server still takes.
  const parts = ([
    ['company', t('companyCard'), true],
    ['contacts', t('contactsTitle'), true],
    // What keeps its tier and what the next one needs: nothing, for a company that can order no more.
    ['standing', t('standingTitle'), !former],
    ['orders', t('ordersTitle'), true],
    ['points-history', t('pointsTitle'), true],
    ['rebate-history', t('rebatesTitle'), true],
    ['tier-history', t('tierHistoryTitle'), true],
    ['sample-requests', t('claimsTitle'), true],
    ['inquiries', t('inquiriesTitle'), true],
    [heldCouponsId, t('heldCouponsTitle'), true],
    ['give-coupon', t('giveCouponTitle'), coupons.give],
    ['record-use', t('recordUseTitle'), coupons.record],
    ['override', t('overrideTitle'), !former],
    ['points', t('pointsAdjustTitle'), !former],
    ['credit', t('rebateCreditTitle'), rebate.credit],
    ['deduct', t('rebateDeductTitle'), rebate.deduct],
    ['correct', t('rebateCorrectTitle'), rebate.correct],
    ['erase', t('eraseTitle'), erasePanelShown(member, noticeOf('erase'))],
  ] as const).filter(([, , shown]) => shown);

  return (
    <section aria-labelledby="member-title" class="ops-page" onSubmitCapture={clearNotice}>
      {/* The skip link's stop (ConsoleLayout): at the title, the keyboard had passed the link above it. */}
      <div class="screen-head">
        <p>{back}</p>
        <h1 id="member-title">{company(member)}</h1>
      </div>
      {member.left_at && (
        <p class="notice">
          {t('formerNote', { when: t(member.erased_by ? 'erasedOn' : 'leftOn', { date: date(member.left_at) }) })}
        </p>
      )}
      {/* The page is some 4,400 px tall on a desktop. A link's target is its part's heading, focusable:
          the browser gives it the keyboard, and a screen reader reads on from there. */}
      <SectionNav label={t('sectionLinks')}>
        {parts.map(([id, title]) => (
          <li key={id}>
            <a href={`#${id}-title`}>{title}</a>
          </li>
        ))}
      </SectionNav>
      <div class="grid-2">
        <div class="panel">
          <h2 id="company-title" tabIndex={-1}>{t('companyCard')}</h2>
          <dl class="ops-facts">
            <dt>{t('colCountry')}</dt>
            <dd>{member.country ? regionName(member.country, locale) : '—'}</dd>
            <dt>{t('website')}</dt>
            <dd>{member.website ? <a href={member.website} rel="noopener noreferrer nofollow" target="_blank">{member.website}</a> : '—'}</dd>
            <dt>{t('industry')}</dt>
            <dd>{member.industry ?? '—'}</dd>
            <dt>{t('joined')}</dt>
            <dd>{date(member.joined_at)}</dd>
            <dt>{t('colTier')}</dt>
            {/* Exact now, as the standing computes it: the company's cached tier may predate an order that aged out. */}
            <dd>{tierName(record.standing.tier.id)}</dd>
            {/* Rights a company that left can no longer use would read as its own. */}
            {!former && <TierRightsFact store={store} tierId={record.standing.tier.id} samplePeriodDays={record.standing.samples.period_days} />}
            {overrideActive && (
              <>
                <dt>{t('override')}</dt>
                <dd>{override}</dd>
              </>
            )}
            <dt>{t('colPoints')}</dt>
            <dd>{formatNumber(member.points_balance, locale)}{former && <span class="muted row-note">{t('formerBalanceVoid')}</span>}</dd>
            <dt>{t('colRebate')}</dt>
            <dd>{money(member.rebate_balance)}{former && <span class="muted row-note">{t('formerBalanceVoid')}</span>}</dd>
            <dt>{t('colLastOrder')}</dt>
            <dd>{date(member.last_paid_order_at)}</dd>
          </dl>
        </div>
        <Contacts memberId={member.id} company={company(member)} contacts={record.contacts} notice={noticeOf('contacts')} onAsk={clearNotice} onDone={(text) => (text ? done('contacts')(text) : reload())} />
      </div>

      {!former && <Standing standing={record.standing} tierName={tierName} />}

      {/* What the company has done and holds before what staff can do to it: after the four action
          cards the histories began some 7,000 px down a phone. The actions follow the coupons the
          company holds, giving and recording a coupon first, beside them. */}
      <History<MemberRecord['orders'][number]>
        id="orders"
        title={t('ordersTitle')}
        rows={record.orders}
        empty={t('noOrders')}
        columns={[orderColumns.ref, orderColumns.placed, orderColumns.amount, orderColumns.base, orderColumns.status,
          { key: 'points', header: t('colPoints'), numeric: true, cell: orderPoints }, orderColumns.delivered]}
      />
      <History<MemberRecord['points'][number]>
        id="points-history"
        title={t('pointsTitle')}
        rows={record.points}
        empty={t('noPointsEntries')}
        columns={[
          // The day alone, as the member portal shows it: an order's entry is dated by the order, which has no time.
          { key: 'when', header: t('colDate'), nowrap: true, cell: (p) => date(p.earned_at) },
          { key: 'what', header: t('colReason'), prose: true, cell: (p) => reasonLine('points', p, p.shortfall === null ? null : t(p.delta === 0 ? 'pointsShortfallNone' : pluralKey('pointsShortfall', -p.delta, locale), { spent: p.shortfall, taken: -p.delta })) },
          { key: 'delta', header: t('colPoints'), numeric: true, cell: (p) => formatSignedNumber(p.delta, locale) },
          { key: 'expires', header: t('colExpires'), nowrap: true, cell: (p) => date(p.expires_at) },
        ]}
      />
      <History<MemberRecord['rebates'][number]>
        id="rebate-history"
        title={t('rebatesTitle')}
        rows={record.rebates}
        empty={t('noRebateEntries')}
        columns={[
          { key: 'when', header: t('colDate'), nowrap: true, cell: (r) => date(r.earned_at) },
          { key: 'what', header: t('colReason'), prose: true, cell: (r) => reasonLine('rebate', r, r.shortfall === null ? null : t(r.delta === 0 ? 'rebateShortfallNone' : 'rebateShortfall', { spent: money(r.shortfall, r.currency), taken: money(-r.delta, r.currency) }), r.applied_to_order_ref) },
          { key: 'delta', header: t('colAmount'), numeric: true, cell: (r) => formatSignedMoney(r.delta, r.currency, locale) },
        ]}
      />
      <History<MemberRecord['tierChanges'][number]>
        id="tier-history"
        title={t('tierHistoryTitle')}
        rows={record.tierChanges}
        empty={t('noTierChanges')}
        columns={[
          // When the tier changed (recorded then), on the reader's calendar as the other lists: the
          // ledgers date an order's entry by the order, so the same order can read two days apart.
          { key: 'when', header: t('colChangedOn'), nowrap: true, labelled: true, cell: (c) => date(c.changed_at) },
          { key: 'from', header: t('colFrom'), cell: (c) => c.from_tier_name ?? '—' },
          { key: 'to', header: t('colTo'), cell: (c) => c.to_tier_name ?? '—' },
          { key: 'why', header: t('colReason'), prose: true, cell: tierReason },
        ]}
      />
      <History<MemberRecord['claims'][number]>
        id="sample-requests"
        title={t('claimsTitle')}
        rows={record.claims}
        empty={t('noClaims')}
        columns={[
          { key: 'when', header: t('colRequested'), nowrap: true, labelled: true, cell: (c) => date(c.created_at) },
          { key: 'product', header: t('colProduct'), cell: (c) => product(c.product) },
          { key: 'qty', header: t('colQuantity'), numeric: true, cell: (c) => formatNumber(c.quantity, locale) },
          { key: 'status', header: t('colStatus'), cell: (c) => <ClaimStatusCell claim={c} /> },
        ]}
      />
      <History<MemberRecord['inquiries'][number]>
        id="inquiries"
        title={t('inquiriesTitle')}
        rows={record.inquiries}
        empty={t('noInquiries')}
        columns={[
          { key: 'when', header: t('colReceived'), nowrap: true, labelled: true, cell: (i) => date(i.created_at) },
          { key: 'message', header: t('colMessage'), cell: (i) => i.message },
          { key: 'answer', header: t('colAnswer'), cell: (i) => i.answer ?? '—' },
          { key: 'status', header: t('colStatus'), cell: (i) => t(`inquiryStatus_${i.status}`) },
        ]}
        more={record.inquiries.length > 0 && <a href={consoleHref('/console/inquiries/', store.slug)}>{t('toInquiries')}</a>}
      />
      <History<MemberRecord['coupons'][number]>
        id={heldCouponsId}
        title={t('heldCouponsTitle')}
        rows={record.coupons}
        empty={t('noHeldCoupons')}
        columns={couponColumns}
        notice={noticeOf('takeBack')}
      />
      {takeBack.dialog}
      {/* Beside what the company holds: what staff see at checkout, and the coupon only staff can give. */}
      <CouponActions
        memberId={member.id}
        storeId={store.id}
        storeSlug={store.slug}
        unused={record.unusedCoupons}
        copiesHeld={record.copiesHeld}
        givable={givable}
        tiers={tiers}
        tierRank={tiers.find((tier) => tier.id === member.tier_id)?.rank ?? 0}
        orderRefs={useOrderRefs}
        notices={{ give: noticeOf('give'), use: noticeOf('use') }}
        leftAt={member.left_at}
        onGiven={done('give')}
        onUsed={done('use')}
      />
      {!former && (
        <div class="grid-2 action-panels">
          <OverrideForm member={member} tiers={tiers} ordersTier={record.standing.orders_tier.id} current={override} notice={noticeOf('override')} onDone={done('override')} />
          <PointsForm memberId={member.id} balance={member.points_balance} notice={noticeOf('points')} onDone={done('points')} />
        </div>
      )}
      <RebateActions
        memberId={member.id}
        company={company(member)}
        currency={store.base_currency}
        balance={member.rebate_balance}
        credits={record.credits}
        orderRefs={record.orders.map((order) => order.external_ref)}
        notices={{ credit: noticeOf('credit'), deduct: noticeOf('deduct'), correct: noticeOf('correct') }}
        former={former}
        onCredited={done('credit')}
        onDeducted={done('deduct')}
        onCorrected={done('correct')}
      />
      <EraseMember member={member} currency={store.base_currency} unusedCoupons={record.unusedCoupons.filter((held) => !couponEnded(held.coupon)).length} isOwner={store.role === 'owner'} notice={noticeOf('erase')} onAsk={clearNotice} onDone={(text) => (text ? done('erase')(text) : reload())} />
    </section>
  );
}

type Panel = 'contacts' | 'override' | 'points' | 'credit' | 'deduct' | 'correct' | 'give' | 'use' | 'takeBack' | 'erase';

interface Identified {
  id: string | number;
}

interface HistoryProps<Row> {
  /** Its heading's id is `<id>-title`, where the page's section link goes. */
  id: string;
  title: string;
  rows: Row[];
  columns: Column<Row>[];
  empty: string;
  more?: ComponentChildren;
  /** An action on a row succeeded: said under the title, as a card's success. */
  notice?: string | null;
}

function History<Row extends Identified>({ id, title, rows, columns, empty, more, notice = null }: HistoryProps<Row>) {
  const { t, locale } = useOpsText();
  return (
    <div class="history" id={id}>
      <h2 id={`${id}-title`} tabIndex={-1}>{title}</h2>
      <PanelNotice text={notice} />
      <DataTable caption={rows.length >= historyRows ? t('newestOf', { count: historyRows }) : t(pluralKey('allEntries', rows.length, locale), { count: rows.length })} rows={rows} columns={columns} rowKey={(row) => String(row.id)} empty={empty} />
      {more && <p>{more}</p>}
    </div>
  );
}

/**
 * `ordersTier`: the tier the member's orders earn now. An override is a floor: chosen at or below
 * it, the form says so beside the tier, before saving, with what it does instead (keeps the member
 * there should the orders fall).
 */
function OverrideForm({ member, tiers, ordersTier, current, notice, onDone }: {
  member: MemberRecord['member'];
  tiers: TierOption[];
  ordersTier: string;
  current: ComponentChildren[] | null;
  notice: string | null;
  onDone: (message: string) => void;
}) {
  const { t, msg, company, locale } = useOpsText();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [chosen, setChosen] = useState({ tier: '', day: '' });
  const earned = tiers.find((tier) => tier.id === ordersTier);
  const floor = tiers.find((tier) => tier.id === chosen.tier);
  const floorNote = earned && floor && floor.rank <= earned.rank
    ? /^\d{4}-\d{2}-\d{2}$/.test(chosen.day)
      ? t('overrideFloor', { orders: isolate(earned.name ?? '—'), company: isolate(company(member)), tier: isolate(floor.name ?? '—'), date: formatCalendar(`${chosen.day}T00:00:00Z`, locale) })
      : t('overrideFloorNoDay', { orders: isolate(earned.name ?? '—'), company: isolate(company(member)), tier: isolate(floor.name ?? '—') })
    : null;
  const [busy, setBusy] = useState(false);
  const [clearing, setClearing] = useState(false);
  const fields = ['tier_id', 'expires_on', 'reason'];
  const heading = useRef<HTMLHeadingElement>(null);
  // Set once the override is removed, for the dialog closing then: its Remove button goes with the
  // override once the page is read again, and the focus went with it to the page's body; the line
  // saying it was removed takes it. A cancel returns to the button.
  const cleared = useRef(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const data = Object.fromEntries(new FormData(formElement));
    const parsed = overrideSchema.safeParse(data);
    if (!parsed.success) return setErrors({ fields: zodErrors(parsed.error), form: null });
    setBusy(true);
    const result = await setOverride(member.id, parsed.data);
    setBusy(false);
    if (!result.ok) return setErrors(apiErrors(result.error, fields, { expires_at: 'expires_on' }));
    setErrors(noErrors);
    formElement.reset();
    setChosen({ tier: '', day: '' });
    onDone(t('overrideSaved'));
  }

  async function clear() {
    setBusy(true);
    const result = await setOverride(member.id, null);
    setBusy(false);
    if (!result.ok) return setErrors(apiErrors(result.error, fields));
    cleared.current = true;
    setClearing(false);
    onDone(t('overrideCleared'));
  }

  return (
    <CheckedForm check={errors} class="panel" onSubmit={submit} aria-labelledby="override-title">
      <h2 id="override-title" tabIndex={-1} ref={heading}>{t('overrideTitle')}</h2>
      <p class="muted panel-intro">{t('overrideHint')}</p>
      <div class="stack panel-body">
        {current && <p>{interpolateParts(t('overrideCurrent'), { override: current })}</p>}
        <Field id="override-tier" label={t('colTier')} error={msg(errors.fields.tier_id)}>
          {(aria) => (
            <>
              <select {...aria} name="tier_id" aria-describedby={[aria['aria-describedby'], floorNote && 'override-floor'].filter(Boolean).join(' ') || undefined}
                onChange={(event) => setChosen({ ...chosen, tier: event.currentTarget.value })}>
                <option value="">{t('chooseTier')}</option>
                {tiers.filter((tier) => tier.rank > 0).map((tier) => <option key={tier.id} value={tier.id}>{tier.name}</option>)}
              </select>
              {/* Always drawn, so that a screen reader says the note as it comes. */}
              <p id="override-floor" aria-live="polite" class="field-hint">{floorNote}</p>
            </>
          )}
        </Field>
        <DateField id="override-expires" label={t('overrideExpires')} hint={t('overrideExpiresHint')} error={msg(errors.fields.expires_on)} name="expires_on"
          onValue={(day) => setChosen({ ...chosen, day })} />
        <Field id="override-reason" label={t('overrideReason')} error={msg(errors.fields.reason)}>
          {(aria) => <textarea {...aria} name="reason" rows={2} />}
        </Field>
        <FormError message={errors.form} />
        <PanelNotice text={notice} />
        <div class="actions">
          <BusyButton type="submit" class="primary" busy={busy}>{busy ? t('saving') : t('overrideSave')}</BusyButton>
          {current && <button type="button" class="danger-outline" onClick={() => { cleared.current = false; setClearing(true); }} disabled={busy}>{t('overrideClear')}</button>}
        </div>
        <ConfirmDialog
          open={clearing}
          title={t('overrideClearTitle')}
          confirmLabel={t('overrideClear')}
          cancelLabel={t('cancel')}
          busy={busy}
          error={errors.form}
          onConfirm={() => void clear()}
          onCancel={() => setClearing(false)}
          returnFocus={() => (cleared.current ? heading.current?.closest('form')?.querySelector<HTMLElement>('[role="status"]') ?? null : null)}
        >
          <p>{t('overrideClearBody', { company: company(member) })}</p>
        </ConfirmDialog>
      </div>
    </CheckedForm>
  );
}

function PointsForm({ memberId, balance, notice, onDone }: { memberId: string; balance: number; notice: string | null; onDone: (message: string) => void }) {
  const { t, msg, locale } = useOpsText();
  const [delta, setDelta] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  // The checked form under confirmation, and how its submit settles (RowActionForm): once the
  // confirmation ends, so that CheckedForm takes a refusal's focus to its field then.
  const [confirming, setConfirming] = useState<{ form: { delta: number; note: string }; settle: (sent: boolean) => void } | null>(null);
  const keys = useRequestKeys();

  async function send(form: { delta: number; note: string }) {
    setBusy(true);
    const result = await adjustPoints(memberId, form, keys.for({ memberId, ...form }));
    setBusy(false);
    setConfirming(null);
    // The balance, lower meanwhile than the page read it, is refused as the points taken
    // (lock_and_check_points names `points`): said at their field, as the form's check says it.
    if (!result.ok) {
      setErrors(apiErrors(result.error, ['delta', 'note'], { points: 'delta' }));
      return false;
    }
    keys.done();
    setErrors(noErrors);
    setDelta('');
    setNote('');
    onDone(t('pointsAdjusted', { balance: formatNumber(result.data, locale) }));
    return true;
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = pointsSchemaForm(locale, balance).safeParse({ delta, note });
    if (!parsed.success) return setErrors({ fields: zodErrors(parsed.error), form: null });
    // A refusal of the last attempt speaks of other points: the confirmation opens without it.
    setErrors(noErrors);
    // Asked first either way: points taken cannot be undone by the member, and points given can be
    // spent on a reward at once (a slip of 10000 for 100 went out with one Enter).
    return new Promise<boolean>((settle) => setConfirming({ form: parsed.data, settle }));
  }
  // The balance as this page read it; the form's check keeps a deduction within it.
  const asked = confirming?.form.delta ?? 0;
  const after = balance + asked;
  const points = formatNumber(Math.abs(asked), locale);

  return (
    // Unsaved while anything is typed: the confirmation sends, or is cancelled, after the form's submit.
    <CheckedForm check={errors} changed={delta.trim() !== '' || note.trim() !== ''} class="panel" onSubmit={submit} aria-labelledby="points-title">
      <h2 id="points-title" tabIndex={-1}>{t('pointsAdjustTitle')}</h2>
      <p class="muted panel-intro">{t('pointsAdjustIntro')}</p>
      <div class="stack panel-body">
        <Field id="points-delta" label={t('pointsDelta')} hint={t('pointsDeltaHint')} error={msg(errors.fields.delta, { balance })}>
          {(aria) => <input {...aria} inputMode="numeric" value={delta} onInput={(event) => setDelta(event.currentTarget.value)} />}
        </Field>
        <Field id="points-note" label={t('note')} hint={t('noteHint')} error={msg(errors.fields.note)}>
          {(aria) => <textarea {...aria} rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />}
        </Field>
        <FormError message={errors.form} />
        <PanelNotice text={notice} />
        <div class="actions">
          <BusyButton type="submit" class="primary" busy={busy}>{busy ? t('saving') : t('pointsAdjust')}</BusyButton>
        </div>
        <ConfirmDialog
          open={confirming !== null}
          title={t(asked < 0 ? 'pointsDeductTitle' : 'pointsAddTitle')}
          tone={asked < 0 ? 'danger' : 'primary'}
          confirmLabel={t(pluralKey(asked < 0 ? 'pointsDeduct' : 'pointsAdd', Math.abs(asked), locale), { points })}
          cancelLabel={t('cancel')}
          busy={busy}
          onConfirm={() => {
            if (confirming) void send(confirming.form).then(confirming.settle);
          }}
          onCancel={() => {
            confirming?.settle(false);
            setConfirming(null);
          }}
        >
          <p>{t(pluralKey('pointsAdjustBody', after, locale), { from: formatNumber(balance, locale), to: formatNumber(after, locale) })}</p>
        </ConfirmDialog>
      </div>
    </CheckedForm>
  );
}
