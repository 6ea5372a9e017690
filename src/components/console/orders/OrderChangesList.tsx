/**
 * The store's order changes, newest first and paged: every correction, refund in part, refund in
 * full and cancellation the import (or a Change above) made to a paid order, with when (the
 * reader's clock), the company and order, the amounts before → after (and in the store's currency
 * when the order's is another), and which staff login made it. Filtered by period (this month,
 * last month, a day range, all time) and kind, each applied when chosen (a day range on Show).
 * `reload` changes when an import or a Change wrote, to read again.
 */
import { useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { formatMoney, formatTime, interpolateParts } from '../../../i18n/format.ts';
import {
  changeDatesSchema, changePeriods, listOrderChanges, orderChangeKinds, orderChangePageSize, periodBounds,
  type ChangeDates, type ChangePeriod, type ListedChange, type OrderChangeKind,
} from '../../../lib/console/orders.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { consoleHref, memberHref } from '../links.ts';
import { useOpsText } from '../ops-text.ts';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { Field } from '../ui/Field.tsx';
import type { FieldErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { Pager } from '../ui/Pager.tsx';
import { useLoad } from '../ui/use-load.ts';

/** An amount before → after, each kept on one line. */
const fromTo = (before: string, after: string) => <><span class="nowrap">{before}</span> → <span class="nowrap">{after}</span></>;

/**
 * An e-mail address that breaks before its `@` first, its domain kept whole: kept whole as text
 * cells keep them (wholeCodes), a staff login's ran past a phone's edge.
 */
const emailBreaking = (email: string) => {
  const at = email.lastIndexOf('@');
  return at < 1 ? email : <>{email.slice(0, at)}<wbr /><span class="nowrap">{email.slice(at)}</span></>;
};

export function OrderChangesList({ store, reload }: { store: StaffStore; reload: number }) {
  const { t, msg, locale, date, company } = useOpsText();
  const [period, setPeriod] = useState<ChangePeriod>('this_month');
  const [draft, setDraft] = useState({ from: '', to: '' });
  const [dates, setDates] = useState<ChangeDates | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [kind, setKind] = useState<OrderChangeKind | ''>('');
  const [page, setPage] = useState(0);
  // A day range is read once its days are shown (Show changes); until then the list stays as it was.
  const bounds = period === 'dates' && !dates ? null : periodBounds(period, dates);
  const state = useLoad(
    () => (bounds ? listOrderChanges(store.id, bounds, kind || null, page).then(orThrow) : Promise.resolve(null)),
    [store.id, bounds?.from, bounds?.to, kind, page, reload],
  );

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
    if (!row.author) return <span class="muted">{t('changeAuthorNotRecorded')}</span>;
    if (row.author.email === null) return t('changeAuthorFormer');
    const email = emailBreaking(row.author.email);
    return row.author.is_staff ? email : interpolateParts(t('changeAuthorLeft'), { email });
  };

  return (
    <section aria-labelledby="order-changes-title" class="ops-page">
      <h2 id="order-changes-title">{t('orderChangesTitle')}</h2>
      <p>{t('orderChangesIntro')}</p>
      <CheckedForm check={errors} leaveFreely class="panel filter-form" role="search" aria-label={t('orderChangesFilters')} onSubmit={showDates}>
        <Field id="order-changes-period" label={t('changesPeriod')}>
          {(aria) => (
            <select
              {...aria}
              value={period}
              onChange={(event) => {
                setPeriod(event.currentTarget.value as ChangePeriod);
                setPage(0);
              }}
            >
              {changePeriods.map((p) => <option key={p} value={p}>{t(`changesPeriod_${p}`)}</option>)}
            </select>
          )}
        </Field>
        {period === 'dates' && (
          <>
            <Field id="order-changes-from" label={t('filterFrom')} error={msg(errors.from)}>
              {(aria) => <input {...aria} type="date" value={draft.from} onInput={(event) => setDraft({ ...draft, from: event.currentTarget.value })} />}
            </Field>
            <Field id="order-changes-to" label={t('filterUntil')} error={msg(errors.to)}>
              {(aria) => <input {...aria} type="date" value={draft.to} onInput={(event) => setDraft({ ...draft, to: event.currentTarget.value })} />}
            </Field>
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
            <button type="submit" class="primary">{t('showChanges')}</button>
          </div>
        )}
      </CheckedForm>
      <LoadState state={state}>
        {(data) =>
          data && (
            <>
              <DataTable
                caption={t('orderChangesCaption', { count: data.total })}
                rows={data.rows}
                rowKey={(row) => String(row.id)}
                empty={t('orderChangesEmpty')}
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
                    cell: (row) => <a href={consoleHref('/console/orders/', store.slug, { order: row.order_ref })}>{row.order_ref}</a>,
                  },
                  { key: 'company', header: t('colCompany'), cell: (row) => <a href={memberHref(store.slug, row.member_id)}>{company(row.member)}</a> },
                  { key: 'kind', header: t('colChange'), cell: (row) => t(`orderChange_${row.kind}`) },
                  {
                    key: 'amount',
                    header: t('colAmount'),
                    numeric: true,
                    cell: (row) => (
                      <>
                        {fromTo(money(row.amount_before, row.currency_before), money(row.amount_after, row.currency_after))}
                        {(row.currency_before !== store.base_currency || row.currency_after !== store.base_currency) && (
                          <span class="muted row-note">
                            {fromTo(money(row.amount_base_before, store.base_currency), money(row.amount_base_after, store.base_currency))}
                          </span>
                        )}
                      </>
                    ),
                  },
                  { key: 'by', header: t('colChangedBy'), cell: author },
                ]}
              />
              <Pager
                page={page}
                pageSize={orderChangePageSize}
                total={data.total}
                onPage={setPage}
                labels={{ previous: t('pagePrevious'), next: t('pageNext'), nav: t('pagesOf', { what: t('orderChangesTitle') }), range: (from, to, total) => t('pageRange', { from, to, total }) }}
              />
            </>
          )
        }
      </LoadState>
    </section>
  );
}
