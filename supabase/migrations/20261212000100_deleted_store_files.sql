/**
 * A deleted store's files are removed through the Storage API, bytes and all, by the owner who
 * deleted it.
 *
 * delete_store (20261211000700, 20261211001000) deleted the store's rows in storage.objects in its
 * own transaction. That kept a failed deletion from losing files, but on a hosted project it left
 * every byte behind: Storage keeps the bytes in its object store and removes them only when a
 * removal goes through its API; a row deleted in SQL leaves them counted against the project and
 * unreachable by anyone, which is why hosted Storage refuses such deletes unless the transaction
 * sets storage.allow_delete_query (its protect_delete trigger, which the local stack now has too).
 *
 * - private.store_deletions: who deleted which store, when, and its name as it was (in its
 *   default language), written by delete_store in the deletion's transaction. It outlives the
 *   files and the deleting login (deleted_by then null): the record of which folders a store
 *   left, for the service role to sweep what its owner never came back for.
 * - delete_store leaves the files' rows. The owner who deleted the store then sees and removes
 *   them through the Storage API ('<store_id>/...' in merchant-logos, product-images and
 *   post-attachments: the policies below); the console does it at once after the deletion, and
 *   again on the owner's next console page while any is left. Nothing else may: another owner of
 *   the deleted store, staff and buyers see none of them. No deletion is ever marked done: hosted
 *   Storage checks an upload's policies before it streams the bytes and writes the row after, so
 *   an upload begun before the deletion may land after it, and is then found on the next page.
 * - deleted_store_files(): the files left, 1,000 at most a call, each with its store's name for
 *   the console to say whose files go. A read (stable): PostgREST may call it with GET.
 */

create table private.store_deletions (
  store_id uuid primary key,
  name text not null,
  name_lang text not null,
  -- Null once that login is deleted: the folders stay named for the service role.
  deleted_by uuid references auth.users (id) on delete set null,
  deleted_at timestamptz not null default now()
);
comment on table private.store_deletions is
  'Stores deleted by an owner (delete_store), whose files under <store_id>/ that owner removes through the Storage API.';
create index store_deletions_deleted_by_idx on private.store_deletions (deleted_by);
alter table private.store_deletions enable row level security;
revoke all on table private.store_deletions from public, anon, authenticated, service_role;

/** The folders ('<store_id>') of the stores the caller deleted: a handful at most. */
create function private.deleted_store_folders()
returns text[]
language sql stable security definer
set search_path = ''
as $$
  select coalesce(array_agg(d.store_id::text), '{}') from private.store_deletions d where d.deleted_by = (select auth.uid())
$$;
revoke execute on function private.deleted_store_folders() from public;
grant execute on function private.deleted_store_folders() to authenticated;

/** The buckets whose objects live in a store's folder, '<store_id>/...'. */
create function private.store_file_buckets()
returns text[]
language sql immutable
set search_path = ''
as $$ select array['merchant-logos', 'product-images', 'post-attachments'] $$;
revoke execute on function private.store_file_buckets() from public;
grant execute on function private.store_file_buckets() to authenticated;

/*
 * Select too, not only delete: Storage removes with RETURNING. Both sets are read once a statement
 * (the subqueries are init plans), and each row costs two array look-ups: these policies are
 * evaluated on every object an authenticated caller's request touches, in every bucket, and most
 * callers have deleted nothing. The buckets come from a function: merchant-logos is public, and
 * a select policy naming it would read, to the linter, as listing it; these list the deleting
 * owner's own leftovers only.
 */
create policy "Owners who deleted a store see its files left" on storage.objects
  for select to authenticated
  using (bucket_id = any ((select private.store_file_buckets())::text[])
    and split_part(name, '/', 1) = any ((select private.deleted_store_folders())::text[]));
create policy "Owners who deleted a store remove its files left" on storage.objects
  for delete to authenticated
  using (bucket_id = any ((select private.store_file_buckets())::text[])
    and split_part(name, '/', 1) = any ((select private.deleted_store_folders())::text[]));

/** As in 20261211001000, leaving the Storage rows and recording the deletion instead. */
create or replace function private.delete_store(p_store_id uuid, p_confirm_name text)
returns public.stores
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores;
  v_typed text;
  v_owner uuid;
begin
  -- Checked before locking, so strangers never hold the store's row.
  perform private.require_owner_of(p_store_id);
  -- Role changes, removals and invitations at the store (FOR UPDATE) wait for this, and it for
  -- them; a caller demoted meanwhile is no longer an owner. NO KEY UPDATE, not FOR UPDATE: a
  -- transaction holding one of the store's companies and writing a row that names the store
  -- (an import, a tier refresh, a buyer leaving) needs KEY SHARE on this row to finish.
  select * into v_store from public.stores s where s.id = p_store_id for no key update;
  v_owner := private.require_owner_of(p_store_id);

  v_typed := private.typed_name(p_confirm_name);
  if coalesce(v_typed, '') = '' then
    perform private.reject('confirm_name', 'is required: type the store''s name to confirm that it is deleted with everything in it');
  end if;
  if v_typed is distinct from private.typed_name(v_store.name ->> v_store.default_locale) then
    perform private.reject('confirm_name', 'must be the store''s name in its default language, exactly as written: deleting a store cannot be undone');
  end if;

  -- In id order, as import_orders and refresh_tiers lock them: two lockers of several companies
  -- meet them in one order, so one waits for the other instead of each holding what the other needs.
  perform 1 from public.members m where m.store_id = p_store_id order by m.id for update;
  -- The companies first: each takes its contacts, orders, ledgers and claims, whose foreign keys
  -- to the store's orders, products and coupons would refuse those going before them.
  delete from public.members m where m.store_id = p_store_id;
  delete from public.stores s where s.id = p_store_id;

  -- The files' rows stay for their removal through Storage, which takes their bytes with them.
  insert into private.store_deletions (store_id, name, name_lang, deleted_by)
  values (p_store_id, v_store.name ->> v_store.default_locale, v_store.default_locale, v_owner);
  delete from private.join_counters c where c.scope = 'ip_store' and c.subject like '% ' || p_store_id::text;
  return v_store;
end
$$;

/** The files of the stores the caller deleted, left to remove through Storage: a page of them. */
create function private.deleted_store_files()
returns table (store_id uuid, store_name text, store_lang text, bucket_id text, name text)
language plpgsql stable security definer
set search_path = ''
-- A plan per call: the prefix is known only then, and the names' index serves a known prefix
-- alone (a pooled session's generic plan, after five calls, filtered every object of the buckets).
set plan_cache_mode = force_custom_plan
as $$
declare
  v_deletion private.store_deletions;
  v_left int := 1000;
  v_found int;
begin
  for v_deletion in
    select * from private.store_deletions d where d.deleted_by = (select auth.uid()) order by d.deleted_at, d.store_id
  loop
    -- A store's files by the prefix of their names (a plan per store, not one join for all); no
    -- more than the page needs, in no order: the caller removes what it gets and asks again, and
    -- an order by name would read and sort every file left under a collation hosted's index lacks.
    return query
      select v_deletion.store_id, v_deletion.name, v_deletion.name_lang, o.bucket_id, o.name
      from storage.objects o
      where o.bucket_id = any (private.store_file_buckets())
        and o.name like v_deletion.store_id::text || '/%'
      limit v_left;
    get diagnostics v_found = row_count;
    v_left := v_left - v_found;
    exit when v_left = 0;
  end loop;
end
$$;
revoke execute on function private.deleted_store_files() from public;
grant execute on function private.deleted_store_files() to authenticated;

create function public.deleted_store_files()
returns table (store_id uuid, store_name text, store_lang text, bucket_id text, name text)
language sql stable security invoker
set search_path = ''
as $$ select * from private.deleted_store_files() $$;
revoke execute on function public.deleted_store_files() from public, anon;
grant execute on function public.deleted_store_files() to authenticated;
