/**
 * An order's columns as the console's tables show them (a member's orders, the store's): the
 * reference, placed and delivered days, the amount in its currency (a partly refunded one's
 * original under it, as the buyer's portal shows it) and in the store's, and the status (a paid
 * order paid again after a refund said so, as the buyer's list says it). Each
 * table picks and orders the ones it shows.
 */
import type { z } from 'zod';
import { formatMoney } from '../../../i18n/format.ts';
import { OrderAmount } from '../../OrderAmount.tsx';
import type { orderSchema } from '../../../lib/console/members.ts';
import { paidAgain } from '../../../lib/order-changes.ts';
import { useOpsText } from '../ops-text.ts';
import type { Column } from '../ui/DataTable.tsx';

type Order = z.infer<typeof orderSchema>;

export function useOrderColumns<Row extends Order>(baseCurrency: string) {
  const { t, locale, date } = useOpsText();
  const columns = {
    ref: { key: 'ref', header: t('colOrderRef'), nowrap: true, cell: (o) => o.external_ref },
    placed: { key: 'placed', header: t('colPlaced'), nowrap: true, cell: (o) => date(o.placed_at) },
    // The amount alone: the store's currency has its own column.
    amount: { key: 'amount', header: t('colAmount'), numeric: true, cell: (o) => <OrderAmount order={o} baseCurrency={undefined} section="operations" /> },
    base: { key: 'base', header: t('colAmountBase', { currency: baseCurrency }), numeric: true, cell: (o) => formatMoney(o.amount_base, baseCurrency, locale) },
    status: { key: 'status', header: t('colStatus'), cell: (o) => (paidAgain(o) ? t('orderStatusPaidAgain') : t(`orderStatus_${o.status}`)) },
    delivered: { key: 'delivered', header: t('colDelivered'), nowrap: true, cell: (o) => date(o.delivered_at) },
  } satisfies Record<string, Column<Row>>;
  return columns;
}
