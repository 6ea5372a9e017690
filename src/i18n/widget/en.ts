/** The embeddable widget. */
export const widget = {
  launcher: 'Member benefits',
  panelTitle: 'Member benefits at {store}',
  close: 'Close',
  loading: 'Loading…',
  loadFailed: 'Member benefits could not be loaded.',
  retry: 'Try again',
  storeNotFound: 'This store is not set up for member benefits yet.',
  portalLink: 'See all benefits',
  joinButton: 'Exchange business cards',
  signInButton: 'Member sign-in',
  /** While the store takes no new members: said once, above the member sign-in, by the join placement and the panel. */
  joiningPaused: '{store} is not taking new members at the moment.',
  membershipButton: 'My membership',
  backToBenefits: 'Back to benefits',
  frameTitle: 'Membership at {store}',
  frameLoading: 'Opening…',
  frameFailed: 'The member area could not be opened.',
  frameFailedLink: 'Open it on Cardclub',
  frameLabel: 'Sign-in and membership',
};
