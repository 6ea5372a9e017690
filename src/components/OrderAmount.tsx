/**
 * An order's amount as it was paid and, when that is not the store's base currency, the amount
 * in the base currency after it: what the tiers and points count ("€1,450.00 (US$1,566.00)").
 * A paid order refunded in part shows its original amount on a line of its own, from the order's
 * changes (order_changes) in every list of orders: embedded in the buyer's orders and orders to
 * review, the console's orders list and member page's orders; given with each order by
 * membership_standing and staff_member_standing for the orders that keep the tier in My
 * membership and on the console's member page.
 */
import { formatMoney, interpolateParts, parenthetical } from '../i18n/format.ts';
import { originalAmount, type OrderChange } from '../lib/order-changes.ts';
import { useSectionText } from './use-text.ts';

export function OrderAmount({ order, baseCurrency, section = 'member' }: {
  order: { amount: number; currency: string; amount_base: number; status?: string; changes?: readonly OrderChange[] };
  /** The store's base currency; undefined for the amount alone (before it is known, or where a column of its own shows it). */
  baseCurrency: string | undefined;
  /** The page's catalogue section: both spread order-amount's text. */
  section?: 'member' | 'operations';
}) {
  const { t, locale } = useSectionText(section);
  // A refunded or cancelled order's amount is what it was; only a paid one's is what is left.
  const original = order.status === 'paid' && order.changes ? originalAmount(order.changes) : null;
  return (
    <>
      {formatMoney(order.amount, order.currency, locale)}
      {baseCurrency && order.currency !== baseCurrency && <span class="muted">{parenthetical(formatMoney(order.amount_base, baseCurrency, locale), locale)}</span>}
      {/* Struck through for the eye, and said in words; <s>, not <del>, which screen readers announce as a deletion on top of the words. */}
      {original && (
        <span class="muted amount-was wraps">
          {interpolateParts(t('orderAmountWas'), { amount: <s key="was" class="nowrap">{formatMoney(original.amount, original.currency, locale)}</s> })}
        </span>
      )}
    </>
  );
}
