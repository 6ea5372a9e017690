/** An order's amount in Spanish (see order-amount.en.ts). */
import type { Catalogue } from './format.ts';
import type { orderAmount as english } from './order-amount.en.ts';

export const orderAmount: Catalogue<typeof english> = {
  orderAmountWas: 'reembolsado en parte, antes {amount}',
};
