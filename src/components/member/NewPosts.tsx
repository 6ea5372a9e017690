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

export function NewPostsLink({ slug, newTab = false }: { slug: string; newTab?: boolean }) {
  const { t, locale } = useSectionText('member');
  const { state } = useNewPostsCount(slug);
  // The count only adds to a link that works without it: while it loads, or if it cannot be
  // loaded, the link stands alone rather than put a retry button into the navigation.
  const count = state.status === 'ready' ? state.data : 0;
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
          <span class="new-count">{t('newPostsCount', { count: formatNumber(count, locale) })}</span>
        </>
      )}
    </a>
  );
}
