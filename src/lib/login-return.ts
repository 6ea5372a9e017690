/**
 * The way back from the login to the store's news, once signed in: the sign-in link of a locked
 * post (PostFeedPage) says it came from the news and, on the post's own page, which post. The
 * login reads back only these: a post by its id, checked as one, never an address from the query,
 * which any link could point at another site.
 */
import { z } from 'zod';

/** The login's query for a reader sent from the news: `post`, the post they were stopped at, to go back to it. */
export function loginFromNews(post?: string): Record<string, string> {
  return post ? { from: 'news', p: post } : { from: 'news' };
}

/**
 * Where in the news the login at `search` goes back to: the post (its id) or, with none or a `p`
 * that is no post's id, the feed (`post` null); null when it was not opened from the news.
 */
export function newsReturn(search: string): { post: string | null } | null {
  const query = new URLSearchParams(search);
  if (query.get('from') !== 'news') return null;
  const post = z.uuid().safeParse(query.get('p'));
  return { post: post.success ? post.data : null };
}
