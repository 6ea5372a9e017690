/** An order's amount in Simplified Chinese (see order-amount.en.ts). */
import type { Catalogue } from './format.ts';
import type { orderAmount as english } from './order-amount.en.ts';

export const orderAmount: Catalogue<typeof english> = {
  orderAmountWas: '部分退款，原为{amount}',
};
