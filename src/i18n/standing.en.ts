/**
 * A company's standing in one wording for My membership and the console's member page (spread
 * into both the `member` and `operations` sections, as ledger-reasons.en.ts is; chosen and filled
 * by src/lib/standing-text.ts): the statistical period's paid orders, what the next tier needs and
 * the points expiring, each reading right to the buyer and to staff. What keeps the tier is said
 * to the buyer and of the company, so each section words that itself.
 */
export const standing = {
  // Strings ending in One are the singular of the one before (src/i18n/plural.ts).
  periodLine: '{orders} paid orders worth {amount} {period} (since {date}).',
  periodLineOne: '{orders} paid order worth {amount} {period} (since {date}).',
  periodNone: 'No paid orders {period} (since {date}).',
  // {period} of periodLine: the store's statistical period, which may be one day.
  periodDays: 'in the last {days} days',
  periodDaysOne: 'in the last {days} day',
  nextNeedBoth: '{count} more paid orders and {amount} more to reach {tier}.',
  nextNeedBothOne: '{count} more paid order and {amount} more to reach {tier}.',
  nextNeedAmount: '{amount} more in paid orders to reach {tier}.',
  nextNeedOrders: '{count} more paid orders to reach {tier}.',
  nextNeedOrdersOne: '{count} more paid order to reach {tier}.',
  expiringLine: '{points} points on {date}',
  expiringLineOne: '{points} point on {date}',
};
