/**
 * The placements' own strings (widget/src/placements), apart from the `widget` section they share
 * with the panel, so the panel's bundle carries none of them.
 */
export const placements = {
  inlineJoinTitle: 'Become a member of {store}',
  inlineJoinText: 'Exchange business cards to unlock member prices and free samples.',
  teaser: 'Members: up to {discount} off, prepayment from {prepay}',
  /** For a product whose kind a visitor cannot read (an exclusive one): no prepayment is promised. */
  teaserNoPrepay: 'Members: up to {discount} off',
  teaserSample: '{teaser}, free sample',
  /** The text before the teaser's Join button. */
  teaserBeforeJoin: '{teaser} — ',
  teaserJoin: 'Join',
  /** The Join button's name for screen readers: says what it is for, starting with its visible word. */
  teaserJoinLabel: 'Join to get member prices',
  /** With the product's name, where a visitor may read it (a public product). */
  teaserJoinLabelFor: 'Join to get member prices for {product}',
  memberTerms: '{tier} member price: {price} · {prepay} prepayment · {sample}',
  /** The member pays the list price the page shows: the price is not repeated (it read as a discount). */
  memberTermsListPrice: '{tier} member terms: {prepay} prepayment · {sample}',
  /** A member's button below a product's terms: opens My membership, where the page's products come first. */
  productActions: 'Request a sample or ask',
  /** The button's name for screen readers: its visible words, then the product. */
  productActionsFor: 'Request a sample or ask about {product}',
  /** In place of productActions when the member has no free sample left: the button opens the same view, to ask. */
  productAsk: 'Ask about this product',
  productAskFor: 'Ask about {product}',
  // No article before {tier}: "a Ordinary member" would follow the name's first letter.
  inlineMember: 'You’re a member here, on the {tier} tier.',
};
