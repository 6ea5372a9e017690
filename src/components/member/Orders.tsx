/**
 * Every order of the company at the store, newest first, a page at a time: its reference, when it
 * was placed, its amount (and in the store's currency; a partly refunded one's original too, from
 * order_changes), its status, whether it counts toward the tier and until when, and the points it
 * earned. The summary lists only the paid orders counting now; after a refund this is where the
 * buyer sees the order as refunded, not only as ledger lines.
 */
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { pluralKey } from '../../i18n/plural.ts';
import { fetchOrders, type Order } from '../../lib/member-api.ts';
import { paidAgain } from '../../lib/order-changes.ts';
import { DataTable } from '../console/ui/DataTable.tsx';
import { useSectionText } from '../use-text.ts';
import { dated } from '../date-text.tsx';
import { OrderAmount } from '../OrderAmount.tsx';
import { Section } from './Section.tsx';
import type { MemberSectionProps } from './Summary.tsx';
import { useMemberId, useMembership, usePagedResource } from './use-member.ts';

/** Orders shown at first and added by "Show more". */
const ordersPage = 20;

export function Orders({ slug }: MemberSectionProps) {
  const { t, locale } = useSectionText('member');
  const memberId = useMemberId(slug);
  const membership = useMembership(slug);
  const store = membership.state.status === 'ready' ? membership.state.data?.store : undefined;
  const orders = usePagedResource('order-list', slug, memberId, ordersPage, ({ token, part, limit }) => fetchOrders(token, part, limit));
  const days = store?.statistical_period_days;

  // The date is the engine's (orders.counts_until); only whether it has passed is decided here.
  const counts = ({ counts_until: until }: Order) =>
    until === null ? t('orderCountsNot') : dated(t(Date.parse(until) > Date.now() ? 'orderCountsUntil' : 'orderCountedUntil'), formatDate(until, locale));

  const status = (order: Order) => {
    const again = paidAgain(order);
    if (order.status === 'paid' && order.delivered_at) return dated(t(again ? 'orderPaidAgainDelivered' : 'orderDelivered'), formatDate(order.delivered_at, locale));
    return again ? t('orderPaidAgain') : t(`orderStatus_${order.status}`);
  };

  return (
    <Section
      id="orders"
      title={t('ordersTitle')}
      state={orders.state}
      retry={orders.retry}
      isEmpty={(rows) => rows.length === 0}
      empty={t('ordersEmpty')}
      more={orders.more && { ...orders.more, label: t('ordersMore') }}
      intro={days !== undefined && <p class="muted">{t(pluralKey('ordersIntro', days, locale), { days: formatNumber(days, locale) })}</p>}
    >
      {(rows) => (
        <DataTable
          caption={t('ordersTitle')}
          captionHidden
          rows={rows}
          rowKey={(order) => order.id}
          empty={null}
          columns={[
            // A reference keeps one line ("LUM-2026-0233" broke at each hyphen).
            { key: 'ref', header: t('orderRef'), nowrap: true, cell: (order) => order.external_ref },
            { key: 'placed', header: t('orderPlaced'), nowrap: true, cell: (order) => formatDate(order.placed_at, locale) },
            { key: 'amount', header: t('orderAmount'), numeric: true, cell: (order) => <OrderAmount order={order} baseCurrency={store?.base_currency} /> },
            { key: 'status', header: t('orderStatus'), cell: status },
            { key: 'counts', header: t('orderCounts'), cell: counts },
            {
              key: 'points',
              header: t('points'),
              numeric: true,
              cell: ({ points }) => (
                // Taken back, both said with what they are: "750 · 750 taken back" read as 750 still held.
                points.taken_back > 0 ? (
                  <>
                    {t('orderPointsEarned', { points: formatNumber(points.earned, locale) })}
                    <span class="muted"> · {t('orderPointsTakenBack', { points: formatNumber(points.taken_back, locale) })}</span>
                  </>
                ) : (
                  formatNumber(points.earned, locale)
                )
              ),
            },
          ]}
        />
      )}
    </Section>
  );
}
