/**
 * The link to the store's posts feed (`/posts/?s=SLUG`) with how many posts are new since this
 * device last opened it (the feed keeps that time; `my_new_posts_count` counts). My membership's
 * section nav shows it; the widget frame can show the same link (`newTab`, as its links leave
 * the merchant's page).
 */
import { formatNumber } from '../../i18n/format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { pluralKey } from '../../i18n/plural.ts';
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

/**
 * "3 new", as a badge: `label` words what is counted (Spanish agrees with it: "Nuevas: 3" posts,
 * "Nuevos: 3" updates, "3 novedades" on the folded menu, which "Nuevas: 3" read as new sections);
 * `more`, a count that stopped before the end ("100+").
 * `corner`: the number alone on the link's top corner, out of the line (global.css), the words
 * said to a screen reader: My membership's section links, where the updates' count arrives after
 * the links are drawn and, in the line, moved every link after it under the pointer.
 */
export function NewCount({ count, more = false, label = 'newPostsCount', corner = false }: { count: number; more?: boolean; label?: 'newPostsCount' | 'newUpdatesCount' | 'sectionsNewCount'; corner?: boolean }) {
  const { t, locale } = useSectionText('member');
  const counted = countText(count, more, locale);
  const said = t(pluralKey(label, count, locale), { count: counted });
  if (!corner) return <span class="new-count">{said}</span>;
  return (
    <span class="new-count corner">
      <span aria-hidden="true">{counted}</span>
      <span class="visually-hidden">{said}</span>
    </span>
  );
}

/** A count as said: past what was counted, with "+". */
export function countText(count: number, more: boolean, locale: Locale): string {
  return `${formatNumber(count, locale)}${more ? '+' : ''}`;
}

/** `corner`: its count as My membership's section links show counts (NewCount). */
export function NewPostsLink({ slug, newTab = false, corner = false }: { slug: string; newTab?: boolean; corner?: boolean }) {
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
          <NewCount count={count} corner={corner} />
        </>
      )}
    </a>
  );
}
