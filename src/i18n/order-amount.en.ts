/**
 * An order's amount as the buyer's portal and the store's console both show it (OrderAmount),
 * spread into both sections: one order reads the same on either side. Outside the sections'
 * folders: a page loads it with whichever section it has.
 */
export const orderAmount = {
  /** Under a partly refunded order's amount: the original, struck through and said in words. */
  orderAmountWas: 'refunded in part, was {amount}',
};
