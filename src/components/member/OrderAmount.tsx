/**
 * An order's amount as it was paid and, when that is not the store's base currency, the amount
 * in the base currency after it: what the tiers and points count ("€1,450.00 (US$1,566.00)").
 * Every list of the buyer's orders shows an order this way, so one order reads the same everywhere.
 */
import { formatMoney } from '../../i18n/format.ts';
import { useSectionText } from '../use-text.ts';

export function OrderAmount({ order, baseCurrency }: {
  order: { amount: number; currency: string; amount_base: number };
  /** The store's base currency; before it is known, the amount alone. */
  baseCurrency: string | undefined;
}) {
  const { locale } = useSectionText('member');
  return (
    <>
      {formatMoney(order.amount, order.currency, locale)}
      {baseCurrency && order.currency !== baseCurrency && <span class="muted"> ({formatMoney(order.amount_base, baseCurrency, locale)})</span>}
    </>
  );
}
