/**
 * The store's orders, newest first and paged: a search by the beginning of a reference or part of
 * a company's name (applied on submit), a status filter (applied when chosen), the count in the
 * caption; each company opens its member page. `imports` changes when an import ran, to read again.
 * Each order's Change opens OrderChange under its row (any staff: import_orders admits any);
 * `onChanged` once it changed one. `order`: one order by its exact reference (the changes list's
 * links, `?order=REF`), shown as a filter its button removes (`onOrder(null)`); a link followed in
 * the page takes the keyboard to that filter, in view above the list. `onStoreEmpty` is told,
 * each time the list is read, whether the store has no order at all.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { listOrders, orderPageSize, orderSearchSchema, orderStatuses, type ListedOrder, type OrderStatus } from '../../../lib/console/orders.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { memberHref } from '../links.ts';
import { useOpsText } from '../ops-text.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { Field } from '../ui/Field.tsx';
import { BusyButton } from '../../BusyButton.tsx';
import { LoadState } from '../ui/LoadState.tsx';
import { Pager } from '../ui/Pager.tsx';
import { StatusFilter } from '../ui/StatusFilter.tsx';
import { useLoad } from '../ui/use-load.ts';
import { useResultsSaid } from '../ui/results-said.tsx';
import { useOrderColumns } from './order-columns.tsx';
import { useRowForm } from '../ui/row-form.ts';
import type { FieldErrors } from '../ui/form-errors.ts';
import { CheckedForm } from '../ui/CheckedForm.tsx';
import { ScreenOutcomeLine, useScreenOutcome } from '../ui/ScreenOutcome.tsx';
import { OrderChange } from './OrderChange.tsx';

interface OrdersListProps {
  store: StaffStore;
  imports: number;
  onChanged: () => void;
  order: string | null;
  onOrder: (ref: string | null) => void;
  onStoreEmpty: (empty: boolean) => void;
}

export function OrdersList({ store, imports, onChanged, order, onOrder, onStoreEmpty }: OrdersListProps) {
  const { t, msg, company } = useOpsText();
  const columns = useOrderColumns<ListedOrder>(store.base_currency);
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [page, setPage] = useState(0);
  const state = useLoad(() => listOrders(store.id, search, status || null, page, order).then(orThrow), [store.id, search, status, page, order, imports]);
  // A search sent, a status chosen or Clear say the orders they leave on screen, as the members list does.
  const said = useResultsSaid(state);
  const changing = useRowForm<ListedOrder>((row) => row.id, changeButtonId);
  const outcome = useScreenOutcome([search, status, page, order]);
  const orderFilter = useRef<HTMLButtonElement>(null);
  const shownOrder = useRef(order);
  // Another order asked for (a link in the page): its first page, no form about a row now hidden,
  // and the keyboard at the filter that says so; the address's order at the start stays unfocused.
  useEffect(() => {
    if (order === shownOrder.current) return;
    shownOrder.current = order;
    setPage(0);
    changing.open(null);
    if (order !== null) orderFilter.current?.focus();
  }, [order]);

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = orderSearchSchema.safeParse(draft);
    if (!parsed.success) return setErrors({ search: parsed.error.issues[0]?.message });
    setErrors({});
    said.ask(window.matchMedia('(max-width: 40rem)').matches);
    setSearch(parsed.data);
    setPage(0);
    // A form about an order the new list may not hold would act on a row out of sight.
    changing.open(null);
  }

  // Every filter, as the members list's Clear does: a status left chosen showed a part of the orders unnoticed.
  function clear() {
    said.ask(false);
    setDraft('');
    setErrors({});
    setSearch('');
    setStatus('');
    setPage(0);
    changing.open(null);
    onOrder(null);
  }

  // The tag goes with its filter: the keyboard to the search, the list's first field, not the page's body.
  function removeOrder() {
    onOrder(null);
    document.getElementById('orders-search')?.focus();
  }

  const filtered = search !== '' || status !== '' || order !== null;
  // A store with no orders yet has nothing to search or filter: its list says so and points to the import.
  const noOrders = state.data?.total === 0 && !filtered;
  const read = state.data !== undefined;
  useEffect(() => {
    if (read) onStoreEmpty(noOrders);
  }, [read, noOrders]);

  return (
    <>
      {!noOrders && (
        <>
          <CheckedForm check={errors} leaveFreely class="panel filter-form" role="search" aria-label={t('ordersFilters')} onSubmit={submit}>
            <Field id="orders-search" label={t('searchLabel')} hint={t('ordersSearchHint')} error={msg(errors.search)}>
              {(aria) => <input {...aria} type="search" value={draft} onInput={(event) => setDraft(event.currentTarget.value)} />}
            </Field>
            <div class="actions">
              <button type="submit" class="primary">{t('showOrders')}</button>
              <button type="button" onClick={clear}>{t('clearFilters')}</button>
            </div>
          </CheckedForm>
          {order !== null && (
            <p class="filter-tags">
              <button type="button" class="filter-tag" ref={orderFilter} aria-label={t('ordersLinkedRemove', { ref: order })} onClick={removeOrder}>
                <bdi>{t('ordersLinked', { ref: order })}</bdi>
                <span aria-hidden="true">×</span>
              </button>
            </p>
          )}
          <StatusFilter
            id="orders-status"
            value={status}
            statuses={orderStatuses}
            label={(s) => t(`orderStatus_${s}`)}
            onChange={(chosen) => {
              said.ask(false);
              setStatus(chosen);
              setPage(0);
              changing.open(null);
            }}
          />
        </>
      )}
      <ScreenOutcomeLine outcome={outcome} />
      {said.line('orders-found')}
      <div ref={said.results} id="orders-results">
      <LoadState state={state}>
        {(data) => (
          <>
            <DataTable
              caption={t('ordersCaption', { count: data.total })}
              rows={data.rows}
              // A new store's empty list points to the import below; with a search or status, nothing matched.
              empty={filtered ? t('ordersEmpty') : t('ordersNone')}
              // Under its row: below the list (and its pager), it opened a screen or more from the order on a phone.
              {...changing.table(
                (order, onDone) => <OrderChange key={order.id} order={order} storeId={store.id} baseCurrency={store.base_currency} onDone={onDone} />,
                (message) => {
                  // Changed: to the line above the list saying so (the row may leave a list filtered by status).
                  outcome.closed(message);
                  state.reloadAfterWrite();
                  onChanged();
                },
              )}
              columns={[
                columns.placed,
                { ...columns.ref, primary: true },
                { key: 'company', header: t('colCompany'), cell: (row) => <a href={memberHref(store.slug, row.member_id)}>{company(row.member)}</a> },
                columns.amount,
                columns.base,
                columns.status,
                columns.delivered,
                {
                  key: 'actions',
                  header: <span class="visually-hidden">{t('colActions')}</span>,
                  cell: (row) => (
                    <BusyButton type="button" id={changeButtonId(row)} onClick={() => changing.open(row)} aria-label={t('orderChangeFor', { ref: row.external_ref })}>
                      {t('orderChangeButton')}
                    </BusyButton>
                  ),
                },
              ]}
            />
            <Pager
              page={page}
              pageSize={orderPageSize}
              total={data.total}
              onPage={(next) => {
                setPage(next);
                changing.open(null);
              }}
              labels={{ previous: t('pagePrevious'), next: t('pageNext'), nav: t('pagesOf', { what: t('ordersTitle') }), range: (from, to, total) => t('pageRange', { from, to, total }) }}
            />
          </>
        )}
      </LoadState>
      </div>
    </>
  );
}

/** An order's Change button, for the keyboard to come back to when its form is cancelled. */
const changeButtonId = (order: ListedOrder) => `change-${order.id}`;
