/**
 * One order of the list changed without a file: its status (paid, refunded in part with the amount
 * left, refunded, cancelled), amount and delivery day, filled from the order, reviewed (company,
 * order, old → new; a refunded or cancelled order set to paid, what paying it again does) and sent as one row of import_orders, so the import's rules, refusals and
 * order_changes history apply as to the same row in a file.
 */
import { formatMoney } from '../../../i18n/format.ts';
import { importRows, orderChangeForm, orderChangeSchema, type OrderRow } from '../../../lib/console/orders-import.ts';
import type { ListedOrder } from '../../../lib/console/orders.ts';
import { useOpsText } from '../ops-text.ts';
import { DateField } from '../ui/DateField.tsx';
import { Field } from '../ui/Field.tsx';
import { ReviewFacts } from '../ui/ReviewFacts.tsx';
import { RowActionForm } from '../ui/RowActionForm.tsx';

const statuses = ['paid', 'partially_refunded', 'refunded', 'cancelled'] as const;

/** An unchanged value alone; a changed one as "before → after", kept on one line each. */
const fromTo = (before: string, after: string) =>
  before === after ? <span class="nowrap">{after}</span> : <><span class="nowrap">{before}</span> → <span class="nowrap">{after}</span></>;

/**
 * The delivery the row leaves the order with: none sent keeps the stored one; a day alone is noon
 * UTC on the server, shown so (a bare day read as midnight UTC is the day before west of London).
 */
const deliveredAt = (sent: string | undefined, stored: string | null) => (sent === undefined ? stored : sent.includes('T') ? sent : `${sent}T12:00:00Z`);

export function OrderChange({ order, storeId, baseCurrency, onDone }: { order: ListedOrder; storeId: string; baseCurrency: string; onDone: (message: string | null) => void }) {
  const { t, msg, locale, date, company: companyOf } = useOpsText();
  const company = companyOf(order.member);
  const filled = orderChangeForm(order, locale);
  const money = (amount: number) => formatMoney(amount, order.currency, locale);
  const statusName = (status: OrderRow['status']) => t(`orderStatus_${status}`);
  const named = { ref: order.external_ref, company };
  return (
    <RowActionForm
      id="order-change"
      title={t('orderChangeTitle', named)}
      schema={orderChangeSchema(order, locale, baseCurrency)}
      fields={['status', 'amount', 'delivered_at']}
      send={(row) => importRows(storeId, [row])}
      submitLabel={t('orderChangeReview')}
      // A review listing the values as they were asked to confirm a change there was none of.
      unchanged={(row) =>
        row.amount === order.amount && row.status === order.status && deliveredAt(row.delivered_at, order.delivered_at) === order.delivered_at ? t('orderChangeNothing', named) : null}
      doneMessage={(counts, row) =>
        counts.updated ? t('orderChanged', { ...named, amount: money(row.amount), status: statusName(row.status) }) : t('orderUnchanged', named)}
      review={{
        title: t('orderChangeConfirmTitle'),
        confirmLabel: t('orderChangeConfirm', named),
        body: (row) => (
          <>
            <ReviewFacts rows={[
              [t('reviewCompany'), company],
              [t('colOrderRef'), order.external_ref],
              [t('reviewAmount'), fromTo(money(order.amount), money(row.amount))],
              [t('colStatus'), fromTo(t(`orderStatus_${order.status}`), statusName(row.status))],
              [t('colDelivered'), fromTo(date(order.delivered_at), date(deliveredAt(row.delivered_at, order.delivered_at)))],
            ]} />
            {/* "Refunded → Paid" alone does not say that the order earns again and the buyer is told. */}
            {order.status !== 'paid' && row.status === 'paid' && <p>{t('orderChangePaidAgain')}</p>}
            {/* Nor "Paid → Refunded" that it stops counting and its points and rebate are taken back. */}
            {order.status === 'paid' && row.status !== 'paid' && <p>{t(`orderChangeEffect_${row.status}`)}</p>}
          </>
        ),
      }}
      onDone={onDone}
    >
      {(errors) => (
        <>
          <Field id="order-change-status" label={t('colStatus')} hint={t('orderChangeStatusHint')} error={msg(errors.status)}>
            {(aria) => (
              // Preact gives a select no defaultValue (a refunded order's opened on Paid): its option is `selected`.
              <select {...aria} name="status">
                {statuses.map((status) => <option key={status} value={status} selected={status === filled.status}>{statusName(status)}</option>)}
              </select>
            )}
          </Field>
          <Field id="order-change-amount" label={t('orderChangeAmount', { currency: order.currency })} hint={t('orderChangeAmountHint')} error={msg(errors.amount)}>
            {(aria) => <input {...aria} name="amount" inputMode="decimal" autocomplete="off" defaultValue={filled.amount} />}
          </Field>
          <DateField id="order-change-delivered" label={t('colDelivered')} hint={t('orderChangeDeliveredHint')} error={msg(errors.delivered_at)} name="delivered_at" defaultValue={filled.delivered_at} />
        </>
      )}
    </RowActionForm>
  );
}
