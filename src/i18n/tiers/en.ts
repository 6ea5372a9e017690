/** Tier rules and rights, shared by the store page and the widget. */
export const tiers = {
  ruleJoin: 'Exchange business cards to join',
  ruleOrders: 'Paid orders: {count} or more',
  ruleAmount: 'Paid amount: {amount} or more',
  rulePeriod: 'Counted over the last {days} days',
  // Singular of rulePeriod (src/i18n/plural.ts): a statistical period may be one day.
  rulePeriodOne: 'Counted over the last {days} day',
  rulesHeading: 'How to reach it',
  rightsHeading: 'Rights',
  discount: '{percent} member discount',
  prepayRegular: '{percent} prepayment on regular products',
  prepayCustomized: '{percent} prepayment on customized products',
  samples: '{count} free samples per period',
  samplesOne: '{count} free sample per period',
  samplesUnlimited: 'Unlimited free samples',
  freeFreight: 'Free freight',
  logisticsUpgrade: 'Logistics upgrade',
  priorityDelivery: 'Priority delivery',
  points: '{multiplier}× points',
  rebate: '{percent} cash rebate',
};
