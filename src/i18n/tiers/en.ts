/** Tier rules and rights, shared by the store page and the widget. */
export const tiers = {
  ruleJoin: 'Exchange business cards to join',
  /** The ordinary tier's rule while the store takes no new members (said once for the store, where joining would be offered): how its members joined. */
  ruleJoiningPaused: 'Members joined by exchanging business cards',
  ruleOrders: 'Paid orders: {count} or more',
  ruleAmount: 'Paid amount: {amount} or more',
  rulePeriod: 'Counted over the last {days} days',
  // Singular of rulePeriod (src/i18n/plural.ts): a statistical period may be one day.
  rulePeriodOne: 'Counted over the last {days} day',
  rulesHeading: 'How to reach it',
  // A tier with both thresholds: a member needs both, which two bullets alone read as either.
  rulesHeadingBoth: 'How to reach it: both of these',
  rightsHeading: 'Rights',
  /** The badge on the reader's own tier's card. */
  currentTier: 'Your tier',
  discount: '{percent} member discount',
  prepayRegular: '{percent} prepayment on regular products',
  prepayCustomized: '{percent} prepayment on customized products',
  // {period} is samplePeriod: the store's sample period, which the quota renews over.
  samples: '{count} free samples {period}',
  samplesOne: '{count} free sample {period}',
  samplePeriod: 'every {days} days',
  samplePeriodOne: 'every day',
  samplesUnlimited: 'Unlimited free samples',
  freeFreight: 'Free freight',
  logisticsUpgrade: 'Logistics upgrade',
  priorityDelivery: 'Priority delivery',
  // What a paid order earns at the tier (pointsRate): {amount} is 1 (or 10, 100…) of the store's currency.
  pointsRate: '{points} points per {amount} paid',
  pointsRateOne: '{points} point per {amount} paid',
  // A credit on later orders, never paid out (the rebate wallet says so): not "cash".
  rebate: '{percent} rebate credit on your next orders',
};
