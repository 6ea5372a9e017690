/**
 * English, the reference catalogue: the other locales must have exactly these keys (the type
 * checker and tests/unit/i18n.test.ts both hold them to it). Sections are separate exports so
 * the widget bundles only `tiers` and `widget`.
 */

/** Areas keep their own sections in their own folders (src/i18n/<area>/<locale>.ts). */
export { member } from './member/en.ts';
export { join } from './join/en.ts';
export { staff } from './staff/en.ts';
export { growth } from './growth/en.ts';
export { operations } from './operations/en.ts';

/** Portal and console pages. */
export const site = {
  skipLink: 'Skip to main content',
  brand: 'Cardclub',
  navHome: 'Home',
  navLogin: 'Member sign-in',
  navMyMembership: 'My membership',
  navConsole: 'Merchant console',
  footer: 'Store membership for cross-border B2B merchants.',
  homeTitle: 'Store membership for cross-border B2B merchants',
  homeIntro:
    'Buyer companies join a store by exchanging business cards, see what each tier gets them, claim free samples and track points and rebates. Merchants run it all from one console.',
  homeTiersTitle: 'Tiers earned by ordering',
  homeTiersBody: 'Ordinary, senior and VIP tiers follow paid orders in a rolling period, with discounts, prepayment terms, samples and freight as rights.',
  homeDemoLink: 'See the demo store',
  homeMembersLink: 'Sign in as a member',
  homeConsoleLink: 'Open the merchant console',
  loading: 'Loading…',
  storeMissingSlug: 'No store was chosen. Open this page from a store’s link, for example /store/?s=your-store.',
  storeNotFound: 'There is no store called “{slug}”.',
  storeLoadFailed: 'The store could not be loaded. Check your connection and try again.',
  retry: 'Try again',
  storeTiersTitle: 'Membership tiers',
  storeProductsTitle: 'Products',
  storeNoProducts: 'This store has no public products yet.',
  productCustomized: 'Customized',
  productRegular: 'Regular',
  joinCta: 'Sign in to join {store}',
  emailLabel: 'Email',
  passwordLabel: 'Password',
  codeLabel: '6-digit code',
  consoleTitle: 'Merchant console',
  consoleSignInTitle: 'Staff sign-in',
  consoleSignIn: 'Sign in',
  consoleSignedInAs: 'Signed in as {email}',
  signOut: 'Sign out',
  signingIn: 'Signing in…',
  loginTitle: 'Member sign-in',
  loginIntro: 'We email you a 6-digit code; no password needed.',
  loginSendCode: 'Email me a code',
  loginSending: 'Sending…',
  loginCodeSent: 'We sent a code to {email}. It expires in a few minutes.',
  loginVerify: 'Verify and sign in',
  loginDifferentEmail: 'Use a different email',
  loginSignedIn: 'You are signed in as {email}.',
  loginBackToStore: 'Back to the store',
};

/** Tier rules and rights, shared by the store page and the widget. */
export const tiers = {
  ruleJoin: 'Exchange business cards to join',
  ruleOrders: 'Paid orders: {count} or more',
  ruleAmount: 'Paid amount: {amount} or more',
  rulePeriod: 'Counted over the last {days} days',
  rulesHeading: 'How to reach it',
  rightsHeading: 'Rights',
  discount: '{percent} member discount',
  prepayRegular: '{percent} prepayment on regular products',
  prepayCustomized: '{percent} prepayment on customized products',
  samples: '{count} free samples per period',
  samplesUnlimited: 'Unlimited free samples',
  freeFreight: 'Free freight',
  logisticsUpgrade: 'Logistics upgrade',
  priorityDelivery: 'Priority delivery',
  points: '{multiplier}× points',
  rebate: '{percent} cash rebate',
};

/** The embeddable widget. */
export const widget = {
  launcher: 'Member benefits',
  panelTitle: 'Member benefits at {store}',
  close: 'Close',
  loading: 'Loading…',
  loadFailed: 'Member benefits could not be loaded.',
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
