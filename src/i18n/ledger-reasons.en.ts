/**
 * Why a points or rebate ledger row was written, in one wording for the member portal and the
 * console's member page alike (spread into both sections; keys from src/lib/ledger-note.ts's
 * ledgerReasonKey): each reads right to the buyer and to staff, so neither says "you" or "the
 * member". Outside the sections' folders: a page loads it with whichever section it has.
 */
export const ledgerReasons = {
  points_join: 'Joined the store',
  points_order: 'Paid order',
  points_review: 'Order review',
  points_adjustment: 'Adjustment by the store',
  points_redemption: 'Reward redeemed',
  points_expiry: 'Expired',
  points_clawback: 'Order refunded',
  points_order_correction: 'Order amount corrected',
  points_order_rerated: 'Re-rated after an earlier order changed',
  rebate_order: 'Rebate on an order',
  rebate_applied: 'Used on an order',
  rebate_reversal: 'Order refunded',
  rebate_credit: 'Credited by the store',
  rebate_correction: 'Credit corrected by the store',
  rebate_order_correction: 'Order amount corrected',
  rebate_order_rerated: 'Re-rated after an earlier order changed',
  // A refund, correction or payment again's row of an order, by the change the import recorded for that
  // order at the row's instant (order_changes): its reason alone says a refund in part as a correction,
  // and an order paid again as paid.
  orderChange_corrected: 'Order corrected',
  orderChange_refunded_in_part: 'Order refunded in part',
  orderChange_refunded_in_full: 'Order refunded',
  orderChange_cancelled: 'Order cancelled',
  orderChange_reinstated: 'Order paid again',
  // An expiry names the credit it took (points_ledger.credit_id) and the points period that credit had (ledgerReason).
  pointsExpiredCredit: 'Points earned on {date} expired (points are valid for {days} days)',
  pointsExpiredCreditOne: 'Points earned on {date} expired (points are valid for {days} day)',
  // A redemption of a reward the store's team sends (reward_deliveries): said after the reward's name.
  rewardToSend: 'To be sent by the store',
  rewardSent: 'Sent on {date}',
  rewardSentBy: 'Sent on {date} by {carrier}',
  // One handed over in person or by e-mail (reward_deliveries.delivery), before and once marked.
  rewardToHandOver: 'To be handed over by the store',
  rewardHandedOver: 'Handed over on {date}',
  // Either above, then the tracking number, then how it went as staff wrote it: the store's note, quoted, as the
  // buyer's Updates introduce it (the console's operations section says it as the note to the buyer).
  rewardTracked: '{sent}, tracking number {number}',
  rewardSentWith: '{sent} · Store’s note: “{note}”',
};
