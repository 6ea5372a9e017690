/**
 * The store's order changes, newest first and paged: every correction, refund in part, refund in
 * full and cancellation the import (or a Change above) made to a paid order, with when (the
 * reader's clock, whose zone the period says), the company and order, what it did to the amount
 * (and in the store's currency when the order's is another), and who made it: a staff login's
 * e-mail then, the merchant's own systems (the service role), Cardclub's repair of data written
 * before a rule (a migration), or not recorded (before authors were). Filtered by period (this
 * month, last month, a day range, all time) and kind, each applied when chosen (a day range on
 * Show; until then the list stays as it was). `reload` changes when an import or a Change wrote,
 * to read again. An order's link opens it in the orders list
 * (`onOpenOrder`) without leaving the page, this list kept as it is.
 *
 * The pages after the first are read up to the instant the first was (`as_of`): a change recorded
 * meanwhile would push a row onto the next page, read twice. Another period, kind or reload reads
 * from now again.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { formatMoney, formatTime, formatZone, interpolateParts } from '../../../i18n/format.ts';
import {
  changeDatesSchema, changePeriods, listOrderChanges, orderChangePageSize, periodBounds,
  type ChangeDates, type ChangePeriod, type ListedChange, type OrderChangeKind,
} from '../../../lib/console/orders.ts';
import { orderChangeKinds, refundedPart } from '../../../lib/order-changes.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { consoleHref, memberHref } from '../links.ts';
import { useOpsText } from '../ops-text.ts';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { DateField } from '../ui/DateField.tsx';
import { Field } from '../ui/Field.tsx';
import type { FieldErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { Pager } from '../ui/Pager.tsx';
import { useLoad } from '../ui/use-load.ts';

const nowrap = (text: string) => <span class="nowrap">{text}</span>;

/** An amount before → after, each kept on one line. */
const fromTo = (before: string, after: string) => <>{nowrap(before)} → {nowrap(after)}</>;

/**
 * An e-mail address that breaks before its `@` first, its domain kept whole: kept whole as text
 * cells keep them (wholeCodes), a staff login's ran past a phone's edge.
 */
const emailBreaking = (email: string) => {
  const at = email.lastIndexOf('@');
  return at < 1 ? email : <>{email.slice(0, at)}<wbr /><span class="nowrap">{email.slice(at)}</span></>;
};

/** The earlier of two instants, an open end (null) the later. */
const earlier = (a: string | null, b: string) => (a !== null && a < b ? a : b);

/** A plain click, which the page may take: not one opening the link in another tab or window. */
const plainClick = (event: MouseEvent) => event.button === 0 && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey);

interface OrderChangesListProps {
  store: StaffStore;
  reload: number;
  onOpenOrder: (ref: string) => void;
}

export function OrderChangesList({ store, reload, onOpenOrder }: OrderChangesListProps) {
  const { t, msg, locale, date, company } = useOpsText();
  const [period, setPeriod] = useState<ChangePeriod>('this_month');
  const [draft, setDraft] = useState({ from: '', to: '' });
  const [dates, setDates] = useState<ChangeDates | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [kind, setKind] = useState<OrderChangeKind | ''>('');
  const [page, setPage] = useState(0);
  // Days not shown yet keep the list on the period read before: an empty list said nothing of why.
  const shownBounds = useRef(periodBounds('this_month', null));
  const datesPending = period === 'dates' && !dates;
  if (!datesPending) shownBounds.current = periodBounds(period, dates);
  const bounds = shownBounds.current;
  // The instant the list's read of these filters began, from the server's clock (a staff member's
  // may be minutes off, and would hide the change just made).
  const readAt = useRef<{ of: string; asOf: string } | null>(null);
  const filters = JSON.stringify([store.id, bounds.from, bounds.to, kind, reload]);
  const state = useLoad(async () => {
    const asOf = page > 0 && readAt.current?.of === filters ? readAt.current.asOf : null;
    const read = orThrow(await listOrderChanges(store.id, asOf ? { from: bounds.from, to: earlier(bounds.to, asOf) } : bounds, kind || null, page));
    if (!asOf) readAt.current = { of: filters, asOf: read.asOf };
    return read;
  }, [filters, page]);

  function choosePeriod(chosen: ChangePeriod) {
    setPeriod(chosen);
    // Days chosen before are shown again only once Show says so, as the fields may hold others.
    setDates(null);
    setErrors({});
    setPage(0);
  }

  function showDates(event: SubmitEvent) {
    event.preventDefault();
    const parsed = changeDatesSchema.safeParse(draft);
    if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
    setErrors({});
    setDates(parsed.data);
    setPage(0);
  }

  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const author = (row: ListedChange) => {
    if (row.author?.via === 'service_role') return t('changeAuthorApi');
    if (row.author?.via === 'migration') return t('changeAuthorRepair');
    // A staff login without an e-mail (none of the console's sign-in ways makes one) names nobody.
    if (!row.author?.email) return <span class="muted">{t('changeAuthorNotRecorded')}</span>;
    const email = emailBreaking(row.author.email);
    if (row.author.login_deleted) return interpolateParts(t('changeAuthorDeleted'), { email });
    return row.author.is_staff ? email : interpolateParts(t('changeAuthorLeft'), { email });
  };
  /**
   * What the change did to the amount, in the order's currency or the store's: a correction from
   * one amount to the other; a refund in part the part given back, of what and to what; a refund
   * in full or a cancellation the amount it undid (the import's row may repeat it or not).
   */
  const amountSaid = (row: ListedChange, base: boolean): ComponentChildren => {
    const before = base ? money(row.amount_base_before, store.base_currency) : money(row.amount_before, row.currency_before);
    const after = base ? money(row.amount_base_after, store.base_currency) : money(row.amount_after, row.currency_after);
    if (row.kind === 'corrected') return fromTo(before, after);
    // Paid again: the amount it is paid at, and what it left paid with when that differs.
    if (row.kind === 'reinstated') return before === after ? nowrap(after) : fromTo(before, after);
    if (row.kind !== 'refunded_in_part') return nowrap(before);
    const amounts = base
      ? { ...row, amount_before: row.amount_base_before, currency_before: store.base_currency, amount_after: row.amount_base_after, currency_after: store.base_currency }
      : row;
    const { part } = refundedPart({ ...amounts, base_currency: store.base_currency }, locale);
    // A sentence, it may wrap between its amounts (kept whole): on one line it pushed the author out of a desktop's view in Spanish.
    return <span class="wraps">{interpolateParts(t('changeRefundedPart'), { part: nowrap(part), before: nowrap(before), after: nowrap(after) })}</span>;
  };

  return (
    <section aria-labelledby="order-changes-title" class="ops-page">
      <h2 id="order-changes-title">{t('orderChangesTitle')}</h2>
      <p>{t('orderChangesIntro')}</p>
      <CheckedForm check={errors} leaveFreely class="panel filter-form" role="search" aria-label={t('orderChangesFilters')} onSubmit={showDates}>
        <Field id="order-changes-period" label={t('changesPeriod')} hint={t('changesClockHint', { zone: formatZone(locale) })}>
          {(aria) => (
            <select {...aria} value={period} onChange={(event) => choosePeriod(event.currentTarget.value as ChangePeriod)}>
              {changePeriods.map((p) => <option key={p} value={p}>{t(`changesPeriod_${p}`)}</option>)}
            </select>
          )}
        </Field>
        {period === 'dates' && (
          <>
            <DateField id="order-changes-from" label={t('filterFrom')} error={msg(errors.from)} value={draft.from} onValue={(from) => setDraft((current) => ({ ...current, from }))} />
            <DateField id="order-changes-to" label={t('filterUntil')} error={msg(errors.to)} value={draft.to} onValue={(to) => setDraft((current) => ({ ...current, to }))} />
          </>
        )}
        <Field id="order-changes-kind" label={t('changesKind')}>
          {(aria) => (
            <select
              {...aria}
              value={kind}
              onChange={(event) => {
                setKind(event.currentTarget.value as OrderChangeKind | '');
                setPage(0);
              }}
            >
              <option value="">{t('changesKindAll')}</option>
              {orderChangeKinds.map((k) => <option key={k} value={k}>{t(`orderChange_${k}`)}</option>)}
            </select>
          )}
        </Field>
        {period === 'dates' && (
          <div class="actions">
            {datesPending && <p class="field-hint" id="order-changes-pending">{t('changesDatesPending')}</p>}
            <button type="submit" class="primary" aria-describedby={datesPending ? 'order-changes-pending' : undefined}>{t('showChanges')}</button>
          </div>
        )}
      </CheckedForm>
      <LoadState state={state}>
        {(data) => (
          <>
            {/* The count after a period, kind or page is chosen: the caption is not announced, and the pager's line is not there for one page.
                Without rows, the line says so in the table's place, shown: a list's own empty line beside it was read twice. */}
            <p role="status" class={data.rows.length > 0 ? 'visually-hidden' : 'empty'}>
              {data.rows.length > 0 ? t('orderChangesCaption', { count: data.total }) : t('orderChangesEmpty')}
            </p>
            {data.rows.length > 0 && (
              <DataTable
                caption={t('orderChangesCaption', { count: data.total })}
                rows={data.rows}
                rowKey={(row) => String(row.id)}
                empty={null}
                columns={[
                  // The day, and under it the time with its zone (the reader's clock): on one line they pushed the author out of a desktop's view.
                  {
                    key: 'when',
                    header: t('colChangedAt'),
                    nowrap: true,
                    labelled: true,
                    cell: (row) => <>{date(row.changed_at)}<span class="row-note">{formatTime(row.changed_at, locale)}</span></>,
                  },
                  {
                    key: 'ref',
                    header: t('colOrderRef'),
                    primary: true,
                    nowrap: true,
                    cell: (row) => (
                      <a
                        href={consoleHref('/console/orders/', store.slug, { order: row.order_ref })}
                        onClick={(event) => {
                          if (!plainClick(event)) return;
                          event.preventDefault();
                          onOpenOrder(row.order_ref);
                        }}
                      >
                        {row.order_ref}
                      </a>
                    ),
                  },
                  { key: 'company', header: t('colCompany'), cell: (row) => <a href={memberHref(store.slug, row.member_id)}>{company(row.member)}</a> },
                  { key: 'kind', header: t('colChange'), cell: (row) => t(`orderChange_${row.kind}`) },
                  {
                    key: 'amount',
                    header: t('colAmount'),
                    numeric: true,
                    cell: (row) => (
                      <>
                        {amountSaid(row, false)}
                        {(row.currency_before !== store.base_currency || row.currency_after !== store.base_currency) && (
                          <span class="muted row-note">{amountSaid(row, true)}</span>
                        )}
                      </>
                    ),
                  },
                  { key: 'by', header: t('colChangedBy'), cell: author },
                ]}
              />
            )}
            <Pager
              page={page}
              pageSize={orderChangePageSize}
              total={data.total}
              onPage={setPage}
              labels={{ previous: t('pagePrevious'), next: t('pageNext'), nav: t('pagesOf', { what: t('orderChangesTitle') }), range: (from, to, total) => t('pageRange', { from, to, total }) }}
            />
          </>
        )}
      </LoadState>
    </section>
  );
}
