/** Ledger reasons in Simplified Chinese (see ledger-reasons.en.ts). */
import type { Catalogue } from './format.ts';
import type { ledgerReasons as english } from './ledger-reasons.en.ts';

export const ledgerReasons: Catalogue<typeof english> = {
  points_join: '加入店铺',
  points_order: '已付款订单',
  points_review: '订单评价',
  points_adjustment: '店铺调整',
  points_redemption: '兑换奖励',
  points_expiry: '已过期',
  points_clawback: '订单退款',
  points_order_correction: '订单金额更正',
  points_order_rerated: '因先前订单变动重新核算',
  rebate_order: '订单返利',
  rebate_applied: '订单抵扣',
  rebate_reversal: '订单退款',
  rebate_credit: '店铺发放',
  rebate_correction: '店铺发放更正',
  rebate_order_correction: '订单金额更正',
  rebate_order_rerated: '因先前订单变动重新核算',
  orderChange_corrected: '订单已更正',
  orderChange_refunded_in_part: '订单部分退款',
  orderChange_refunded_in_full: '订单退款',
  orderChange_cancelled: '订单已取消',
  pointsExpiredCredit: '{date}获得的积分已过期（积分有效期{days}天）',
  pointsExpiredCreditOne: '{date}获得的积分已过期（积分有效期{days}天）',
  rewardToSend: '待店铺寄出',
  rewardSent: '已于{date}寄出',
  rewardSentBy: '已于{date}由{carrier}寄出',
  rewardTracked: '{sent}，运单号{number}',
  rewardSentWith: '{sent}：{note}',
};
