/** A company's standing in Simplified Chinese (see standing.en.ts). */
import type { Catalogue } from './format.ts';
import type { standing as english } from './standing.en.ts';

export const standing: Catalogue<typeof english> = {
  periodLine: '{period}（自{date}起）共{orders}笔已付款订单，金额{amount}。',
  periodLineOne: '{period}（自{date}起）共{orders}笔已付款订单，金额{amount}。',
  periodNone: '{period}（自{date}起）暂无已付款订单。',
  periodDays: '近{days}天内',
  periodDaysOne: '近{days}天内',
  nextNeedBoth: '再完成{count}笔已付款订单并再付款{amount}即可升至{tier}。',
  nextNeedBothOne: '再完成{count}笔已付款订单并再付款{amount}即可升至{tier}。',
  nextNeedAmount: '再付款{amount}即可升至{tier}。',
  nextNeedOrders: '再完成{count}笔已付款订单即可升至{tier}。',
  nextNeedOrdersOne: '再完成{count}笔已付款订单即可升至{tier}。',
  expiringLine: '{date}到期{points}积分',
  expiringLineOne: '{date}到期{points}积分',
};
