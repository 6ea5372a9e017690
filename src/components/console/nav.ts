/**
 * The console's navigation, in order. Each console area appends its own entries here (one
 * line each); `labelKey` is a key of the `staff` catalogue section, or of `growth` with
 * `section: 'growth'`. ConsoleLayout adds `?s=SLUG` (and `lang` when the page has one).
 */
import type { growth } from '../../i18n/growth/en.ts';
import type { staff } from '../../i18n/staff/en.ts';
import type { WaitingKind } from '../../stores/waiting-work.ts';

/**
 * `within`: other pages that belong to the entry (a member's page to Members), marked as its
 * section; `waiting`: the daily work counted beside it (stores/waiting-work.ts).
 */
export type ConsoleNavEntry = { href: string; within?: string[]; waiting?: WaitingKind } & (
  | { labelKey: keyof typeof staff; section?: 'staff' }
  | { labelKey: keyof typeof growth; section: 'growth' }
);

export const consoleNav: ConsoleNavEntry[] = [
  { href: '/console/', labelKey: 'navStart' },
  { href: '/console/settings/', labelKey: 'navSettings' },
  { href: '/console/staff/', labelKey: 'navStaff' },
  { href: '/console/tiers/', labelKey: 'navTiers' },
  { href: '/console/products/', labelKey: 'navProducts' },
  { href: '/console/samples/', labelKey: 'navSamples', waiting: 'samples' },
  { href: '/console/members/', labelKey: 'navMembers', within: ['/console/member/'] },
  { href: '/console/orders/', labelKey: 'navOrders' },
  { href: '/console/coupons/', labelKey: 'navCoupons', waiting: 'rewards' },
  { href: '/console/inquiries/', labelKey: 'navInquiries', waiting: 'inquiries' },
  { href: '/console/segments/', labelKey: 'navSegments', section: 'growth' },
  { href: '/console/campaigns/', labelKey: 'navCampaigns', section: 'growth' },
  { href: '/console/posts/', labelKey: 'navPosts', section: 'growth' },
  { href: '/console/analytics/', labelKey: 'navAnalytics', section: 'growth' },
];
