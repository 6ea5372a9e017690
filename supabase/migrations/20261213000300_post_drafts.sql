/**
 * Post drafts: staff write a post, keep it unpublished, and publish it (now or at a time) later.
 * Until now the only way to keep a post back was to schedule it far ahead.
 *
 * A draft is a post without a publish time (`publish_at` null). Its default stays now(), so a
 * client that names no time publishes at once, as before. Null rather than a status column
 * because every reader already asks `publish_at <= now()`, which null never satisfies: the read
 * policies for visitors and members, private.post_teasers (and through it post_feed and
 * my_new_posts_count), and the attachments' read policies, which ask posts under the caller's own
 * RLS. Staff read their store's posts whatever their time, so they see and edit drafts. A status
 * column beside the time would be a second answer to "is it out?" for every reader to combine.
 */

alter table public.posts alter column publish_at drop not null;
comment on column public.posts.publish_at is
  'When the post comes out (readers other than the store''s staff see it from then); null: a draft, staff''s only.';

/**
 * A post that was not out (a draft, or scheduled for later) and is given a time already past comes
 * out now, at the database's clock. Readers' "new posts" count is `publish_at` after the time they
 * last opened the feed: a draft published today but dated at the client's clock, a little behind,
 * or at the time it was written, would be missed by everyone who looked in between. Inserts keep
 * the time they name, as before (a post may be dated to the news it reports).
 */
create function private.post_comes_out_now()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (old.publish_at is null or old.publish_at > now()) and new.publish_at < now() then
    new.publish_at := now();
  end if;
  return new;
end
$$;
revoke execute on function private.post_comes_out_now() from public;

create trigger posts_come_out_now
  before update of publish_at on public.posts
  for each row execute function private.post_comes_out_now();
