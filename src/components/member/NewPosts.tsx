/**
 * The link to the store's posts feed (`/posts/?s=SLUG`) with how many posts are new since this
 * device last opened it (the feed keeps that time; `my_new_posts_count` counts). My membership's
 * section nav shows it; the widget frame can show the same link (`newTab`, as its links leave
 * the merchant's page).
 */
import { formatNumber } from '../../i18n/format.ts';
import { fetchNewPostsCount } from '../../lib/member-api.ts';
import { lastSeen } from '../growth/feed/seen.ts';
import { useSectionText } from '../use-text.ts';
import { memberPageHref } from './StoreSwitcher.tsx';
import { useMemberResource } from './use-member.ts';

export function useNewPostsCount(slug: string) {
  const since = lastSeen(slug);
  return useMemberResource('new-posts', slug, since ?? 'never', ({ token }) => fetchNewPostsCount(token, slug, since));
}

/**
 * How many posts are new, 0 while the count loads or if it cannot be loaded: it only adds to a
 * link (or the menu holding it) that works without it, rather than put a retry button into the
 * navigation.
 */
export function useNewPostsShown(slug: string): number {
  const { state } = useNewPostsCount(slug);
  return state.status === 'ready' ? state.data : 0;
}

/** "3 new", as a badge. */
export function NewCount({ count }: { count: number }) {
  const { t, locale } = useSectionText('member');
  return <span class="new-count">{t('newPostsCount', { count: formatNumber(count, locale) })}</span>;
}

export function NewPostsLink({ slug, newTab = false }: { slug: string; newTab?: boolean }) {
  const { t } = useSectionText('member');
  const count = useNewPostsShown(slug);
  return (
    <a
      href={memberPageHref(slug, '/posts/')}
      class={count > 0 ? 'with-count' : undefined}
      data-testid="posts-link"
      {...(newTab ? { target: '_blank', rel: 'noopener' } : {})}
    >
      <span class="link-text">{t('postsLink')}</span>
      {count > 0 && (
        <>
          {' '}
          <NewCount count={count} />
        </>
      )}
    </a>
  );
}
