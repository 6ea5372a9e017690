/** The loader's own two strings, apart so widget.js carries only them (widget/src/core/loader-text.ts). */
export const loader = {
  launcher: 'Member benefits',
  loadFailed: 'Member benefits could not be loaded.',
};

/** The embeddable widget. */
export const widget = {
  ...loader,
  panelTitle: 'Member benefits at {store}',
  close: 'Close',
  loading: 'Loading…',
  retry: 'Try again',
  storeNotFound: 'This store is not set up for member benefits yet.',
  portalLink: 'See all benefits and join',
  joinButton: 'Exchange business cards',
  signInButton: 'Member sign-in',
  membershipButton: 'My membership',
  backToBenefits: 'Back to benefits',
  frameTitle: 'Membership at {store}',
  frameLoading: 'Opening…',
  inlineJoinTitle: 'Become a member of {store}',
  inlineJoinText: 'Exchange business cards to unlock member prices, free samples and the new-member gift pack.',
  teaser: 'Members: up to {discount} off, prepayment from {prepay}',
  teaserSample: 'free sample',
  teaserJoin: 'Join',
  memberTerms: 'Your price as {tier}: {price} · {prepay} prepayment · {sample}',
  frameLabel: 'Sign-in and membership',
  inlineMember: 'You are a member of {store}: {tier}.',
};
