import type { Catalogue } from '../format.ts';
import type { tiers as en } from './en.ts';

export const tiers: Catalogue<typeof en> = {
  ruleJoin: '交换名片即可加入',
  ruleJoiningPaused: '现有会员均通过交换名片加入',
  ruleOrders: '已付款订单：{count}笔或以上',
  ruleAmount: '已付款金额：{amount}或以上',
  rulePeriod: '按最近{days}天统计',
  rulePeriodOne: '按最近{days}天统计',
  rulesHeading: '晋升条件',
  rulesHeadingBoth: '晋升条件（须同时满足以下两项）',
  rightsHeading: '权益',
  currentTier: '您的等级',
  discount: '会员价立减{percent}',
  prepayRegular: '常规产品预付{percent}',
  prepayCustomized: '定制产品预付{percent}',
  samples: '{period}可免费申领样品{count}次',
  samplesOne: '{period}可免费申领样品{count}次',
  samplePeriod: '每{days}天',
  samplePeriodOne: '每天',
  samplesUnlimited: '免费样品不限量',
  freeFreight: '免运费',
  logisticsUpgrade: '物流升级',
  priorityDelivery: '优先发货',
  pointsRate: '每支付{amount}得{points}积分',
  pointsRateOne: '每支付{amount}得{points}积分',
  rebate: '{percent}返利，可抵扣后续订单',
};
