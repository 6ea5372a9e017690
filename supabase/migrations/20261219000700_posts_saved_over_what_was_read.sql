/**
 * Two members of staff editing one post: the second save no longer overwrites, unseen, what the
 * first saved. The console saved a post with a plain update of its row (PostgREST), last writer
 * wins: a body rewritten by one was put back by the other's save of the body they had read.
 *
 * The console's editors that write a row through the table take the mechanism save_product has
 * for a product (20261219000500), in the form a table update can use: each such row has an
 * `updated_at`, the time of its last change, which the editor reads with the row and saves with
 * `.eq('updated_at', <as read>)` beside its id. A row changed since matches nothing: no row is
 * written or returned, and the editor reads it again to say whether it changed or went. Compared
 * as one value rather than field by field, as a table update cannot compare the jsonb and text
 * values a product's check does; a write that changes nothing keeps the time, so it refuses no
 * save (the reason save_product compares values).
 *
 * - private.touch_updated_at: before insert or update, the time of the clock when the row is
 *   written and changed, whoever writes (the service role, a definer function, a table update),
 *   whatever updated_at the write names; an update that leaves the row as it was keeps the time.
 *   Named to fire after the table's other before triggers (alphabetical), so that what they change
 *   counts as a change. The clock rather than the transaction's start: two writes in one
 *   transaction are two times.
 * - posts.updated_at, with that trigger. Readable as the rest of the row; written by no grant.
 */

/**
 * A row's updated_at, the time it last changed: an editor's save made over the row as read
 * (`updated_at` as read) matches nothing once someone else changed it. See this migration's header.
 */
create function private.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    new.updated_at := old.updated_at;
    if new is not distinct from old then
      return new;
    end if;
  end if;
  new.updated_at := pg_catalog.clock_timestamp();
  return new;
end
$$;
revoke execute on function private.touch_updated_at() from public;

alter table public.posts add column updated_at timestamptz not null default now();
comment on column public.posts.updated_at is
  'When the post last changed (trigger posts_updated_at): the console saves a post only while it is still the one read.';

create trigger posts_updated_at before insert or update on public.posts
  for each row execute function private.touch_updated_at();
