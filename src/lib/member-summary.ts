/**
 * The requests My membership's first screen waits for (the summary, and the header's store
 * switcher and new-posts and new-updates counts), over plain fetch with the member's access token: member-api.ts
 * validates their answers, and the page's own small script starts them (startSummaryEarly)
 * while the island's code is still loading. Free of zod and supabase-js on purpose, so that
 * script stays small.
 */
import { lastSeen } from '../components/growth/feed/seen.ts';
import { prepareFormatters } from '../i18n/format.ts';
import { pageLocale, type Locale } from '../i18n/locales.ts';
import { newestOrder } from './history-order.ts';
import { publicRpc, publicSelect, startEarly, storedSession } from './public-api.ts';
import { slugFromQuery } from './query-slug.ts';
import { storedInstant, storeInstant } from './stored-instant.ts';

/**
 * Counted orders listed at first, those leaving the period soonest: a big buyer has thousands in
 * it, more than a phone should download and draw before the reader asks for them.
 */
export const keepRows = 10;

/**
 * Updates on /me/'s first page, and added by "Show more". The first page is read with the first
 * screen: it says how many updates are new, which the section links show.
 */
export const updatesPage = 20;

function visitKey(slug: string, userId: string): string {
  return `cardclub:last-visit:${slug}:${userId}`;
}

/** Each store's last visit as this page found it (read once: the page then records its own). */
const visitsFound = new Map<string, string | null>();

/**
 * When this browser last showed the login's summary at the store (null: never, or storage is
 * off), as it stood when the page loaded. The summary says what changed in the tier since then:
 * the tier history is read from then on only, and on a first visit not at all (for the bench's
 * top VIP its 20 newest changes were 20 KB, read by every visit for the few a return shows).
 */
export function lastVisit(slug: string, userId: string): string | null {
  const key = visitKey(slug, userId);
  if (!visitsFound.has(key)) {
    // Storage off (private mode): every visit is a first one. Only an instant the API reads as one:
    // anything else in storage is no visit.
    const found = storedInstant(key);
    const at = found === null ? NaN : Date.parse(found);
    visitsFound.set(key, Number.isFinite(at) ? new Date(at).toISOString() : null);
  }
  return visitsFound.get(key)!;
}

/** Records this visit, once the summary it compares with has been shown. */
export function recordVisit(slug: string, userId: string): void {
  storeInstant(visitKey(slug, userId));
}

export const summaryRequests = {
  membership: (token: string, slug: string, locale: Locale) => publicRpc('my_membership', { p_store_slug: slug, p_locale: locale }, { token }),
  standing: (token: string, slug: string, limit?: number) =>
    publicRpc('membership_standing', { p_store_slug: slug, ...(limit ? { p_limit: limit } : {}) }, { token }),
  tiers: (token: string | undefined, slug: string, locale: Locale) => publicRpc('store_profile', { p_store_slug: slug, p_locale: locale }, { token }),
  /**
   * The tier changes of the login's company at the store after `since` (lastVisit), newest first
   * (names as they were, in the reader's language). Found by the login and the store's address,
   * not the member id, so it is read beside my_membership instead of after it.
   */
  tierChanges: (token: string, userId: string, slug: string, locale: Locale, since: string) =>
    publicSelect('tier_changes', {
      token,
      locale,
      params: {
        select: 'id,from_tier_id,from_tier_name:from_tier_name_local,to_tier_id,to_tier_name:to_tier_name_local,reason,changed_at,orders_changed,changed_order_ref,moved_order_refs,members!inner(stores!inner(),member_contacts!inner())',
        'members.stores.slug': `eq.${slug}`,
        'members.member_contacts.user_id': `eq.${userId}`,
        changed_at: `gt.${since}`,
        order: newestOrder('tier_changes'),
        limit: '20',
      },
    }),
  /** Every store where the login is a member contact, named in the page's language. */
  myStores: (token: string, userId: string, locale: Locale) =>
    publicSelect('member_contacts', { token, locale, params: { select: 'member:members!inner(store:stores!inner(id,slug,name:name_local,text_langs))', user_id: `eq.${userId}` } }),
  /** The `limit` newest updates of the company before `before` (null: from the newest), with how many are new. */
  updates: (token: string, slug: string, locale: Locale, limit: number, before: string | null = null) =>
    publicRpc('my_updates', { p_store_slug: slug, p_limit: limit, p_locale: locale, ...(before ? { p_before: before } : {}) }, { token }),
  /** Posts of the store's feed published after `since` (null: never opened, every post is new). */
  newPostsCount: (token: string, slug: string, since: string | null) => publicRpc('my_new_posts_count', { p_store_slug: slug, p_since: since }, { token }),
};

/**
 * Sends the first screen's requests as the island will (same token, store, language and feed
 * visit), when this browser stores a session good to read with before supabase-js loads.
 */
export function startSummaryEarly(): void {
  const session = storedSession();
  if (!session) return;
  const { access_token: token, user } = session;
  const slug = slugFromQuery();
  const locale = pageLocale();
  startEarly(() => {
    summaryRequests.myStores(token, user.id, locale);
    if (!slug) return;
    const membership = summaryRequests.membership(token, slug, locale);
    summaryRequests.tiers(token, slug, locale);
    const since = lastVisit(slug, user.id);
    if (since) summaryRequests.tierChanges(token, user.id, slug, locale, since);
    summaryRequests.newPostsCount(token, slug, lastSeen(slug));
    // The counted orders and the updates (one past the page, as the Updates section asks:
    // useCursorPages) are a member's only (anyone else is refused). Beside the summary, as the
    // first screen waits for them (asked after it, the top VIP's dashboard scored 95 in Lighthouse,
    // not 98); on an invitation's landing, where the login is usually no member yet, only once the
    // summary says it is one, still before the island asks (this runs first when that answer arrives).
    const memberOnly = () => {
      summaryRequests.standing(token, slug, keepRows);
      summaryRequests.updates(token, slug, locale, updatesPage + 1);
    };
    if (new URLSearchParams(location.search).has('invitation')) membership.then((data) => data && startEarly(memberOnly), () => undefined);
    else memberOnly();
  });
  // In a task of its own, while the answers are on their way.
  setTimeout(() => prepareFormatters(locale));
}
