/**
 * The Updates feed's reads (my_updates), a page at a time: the section's (Updates.tsx) and the
 * count of what is new that My membership's section links show with its first screen, the same
 * request read once, whichever asks first. Apart from the section so the first screen loads
 * without the section's code (section-views.tsx).
 */
import { fetchUpdates } from '../../lib/member-api.ts';
import { updatesPage } from '../../lib/member-summary.ts';
import { useCursorPages, useMembership } from './use-member.ts';

/** The widget frame's few: the newest, then a link to the portal for the rest. */
export const compactPage = 5;

export function useFeed(slug: string, compact: boolean, part: string | null = '') {
  return useCursorPages(
    'updates',
    slug,
    compact ? compactPage : updatesPage,
    ({ token, locale: reading, limit, before }) => fetchUpdates(token, slug, reading, { limit, before }),
    (answer) => answer.updates,
    (update) => update.happened_at,
    part,
  );
}

/**
 * How many updates are new to the contact, for My membership's section links: the first page's
 * count, the same request as the section's (read once, whichever asks first). `more`: past what
 * my_updates counts. 0 while it loads or if it failed: the count only adds to a link that works
 * without it, as the news' does (useNewPostsShown).
 */
export function useNewUpdates(slug: string): { loading: boolean; count: number; more: boolean } {
  // A member's only: a login that is no member (an invitation's landing) is refused the feed.
  const membership = useMembership(slug).state;
  const member = membership.status === 'ready' && membership.data !== null;
  const { state } = useFeed(slug, false, member ? '' : null);
  if (!member) return { loading: membership.status === 'loading', count: 0, more: false };
  return state.status === 'ready'
    ? { loading: false, count: state.data.first.new_count, more: state.data.first.new_more }
    : { loading: state.status === 'loading', count: 0, more: false };
}
