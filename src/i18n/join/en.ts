/** Joining by exchanging business cards, signing in with an e-mail code, the merchant's card. */
export const join = {
  title: 'Exchange business cards',
};
