/** The merchant console, for a store's staff. */
export const staff = {
  title: 'Merchant console',
};
