/**
 * An order's amount as it was paid and, when that is not the store's base currency, the amount
 * in the base currency after it: what the tiers and points count ("€1,450.00 (US$1,566.00)").
 * Every list of the buyer's orders shows an order this way, so one order reads the same everywhere.
 * A partly refunded order's original amount follows on a line of its own where the list knows it.
 */
import { formatMoney, interpolateParts } from '../../i18n/format.ts';
import type { Money } from '../../lib/order-changes.ts';
import { useSectionText } from '../use-text.ts';

export function OrderAmount({ order, baseCurrency, original = null }: {
  order: { amount: number; currency: string; amount_base: number };
  /** The store's base currency; before it is known, the amount alone. */
  baseCurrency: string | undefined;
  /** Its amount before a refund in part (originalAmount); null when none. */
  original?: Money | null;
}) {
  const { t, locale } = useSectionText('member');
  return (
    <>
      {formatMoney(order.amount, order.currency, locale)}
      {baseCurrency && order.currency !== baseCurrency && <span class="muted"> ({formatMoney(order.amount_base, baseCurrency, locale)})</span>}
      {/* Struck through for the eye, and said in words: a screen reader reads no strike. */}
      {original && (
        <span class="muted amount-was">
          {interpolateParts(t('orderAmountWas'), { amount: <del key="was" class="nowrap">{formatMoney(original.amount, original.currency, locale)}</del> })}
        </span>
      )}
    </>
  );
}
