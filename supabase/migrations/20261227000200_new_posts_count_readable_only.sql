/**
 * My membership's "6 new" beside the store's news counted teasers: a Senior member was told of
 * VIP-only posts as new, opened the feed and found them locked, and the badge came back with each
 * one the store gated above them. The count is now of the posts the caller can open, the posts
 * table read under their own RLS (the feed's `locked` false), published and never a draft.
 *
 * - my_new_posts_count is re-created from 20261203000500 reading public.posts rather than
 *   private.post_teasers; its arguments, result, errors and grants are unchanged.
 */

/**
 * How many posts of the store the caller can read whole were published after `p_since` (the
 * "new" badge beside the store's news; a client keeps when its reader last opened the feed; null:
 * all). A teaser is not counted: it is news the reader cannot open. Staff's drafts and posts to
 * come, which their RLS lets them read, are not out yet. Errors: PT404 store not found.
 */
create or replace function public.my_new_posts_count(p_store_slug text, p_since timestamptz)
returns int
language sql stable security invoker
set search_path = ''
as $$
  -- The store first, so an unknown slug is PT404 whether or not any post is readable.
  select count(p.id)::int
  from private.store_by_slug(p_store_slug) s
  left join public.posts p on p.store_id = s.id and p.publish_at <= now() and (p_since is null or p.publish_at > p_since)
$$;

revoke execute on function public.my_new_posts_count(text, timestamptz) from public, anon, authenticated;
grant execute on function public.my_new_posts_count(text, timestamptz) to anon, authenticated;
