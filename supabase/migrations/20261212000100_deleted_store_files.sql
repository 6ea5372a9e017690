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
 *   files: a short record of the deleting owner's own act, gone with their login.
 * - delete_store leaves the files' rows. The owner who deleted the store then sees and removes
 *   them through the Storage API ('<store_id>/...' in merchant-logos, product-images and
 *   post-attachments: the policies below, on private.deleted_store_ids()); the console does it
 *   at once after the deletion, and again on the owner's next console page until none is left.
 *   Nothing else may: another owner of the deleted store, staff and buyers see none of them.
 * - deleted_store_files(): the files left, a page at a time (PostgREST's max_rows), each with its
 *   store's name for the console to say whose files go; a store with none left is marked done.
 */

create table private.store_deletions (
  store_id uuid primary key,
  name text not null,
  name_lang text not null,
  deleted_by uuid not null references auth.users (id) on delete cascade,
  deleted_at timestamptz not null default now(),
  files_removed_at timestamptz
);
comment on table private.store_deletions is
  'Stores deleted by an owner (delete_store), whose files under <store_id>/ that owner removes through the Storage API.';
create index store_deletions_deleted_by_idx on private.store_deletions (deleted_by);
alter table private.store_deletions enable row level security;
revoke all on table private.store_deletions from public, anon, authenticated, service_role;

/** The stores the caller deleted: a handful at most, as owned_store_ids. */
create function private.deleted_store_ids()
returns setof uuid
language sql stable security definer
rows 10
set search_path = ''
as $$
  select d.store_id from private.store_deletions d where d.deleted_by = (select auth.uid())
$$;
revoke execute on function private.deleted_store_ids() from public;
grant execute on function private.deleted_store_ids() to authenticated;

/**
 * Whether an object is a file of a store the caller deleted. Select too, not only delete: Storage
 * removes with RETURNING. Written as a function, as private.is_own_logo is: merchant-logos is a
 * public bucket, and these policies list the deleting owner's own leftovers, no one else's.
 */
create function private.is_deleted_store_file(p_bucket_id text, p_name text)
returns boolean
language sql stable
set search_path = ''
as $$
  select p_bucket_id in ('merchant-logos', 'product-images', 'post-attachments')
    and (storage.foldername(p_name))[1] in (select s::text from private.deleted_store_ids() s)
$$;
revoke execute on function private.is_deleted_store_file(text, text) from public;
grant execute on function private.is_deleted_store_file(text, text) to authenticated;

create policy "Owners who deleted a store see its files left" on storage.objects
  for select to authenticated
  using (private.is_deleted_store_file(bucket_id, name));
create policy "Owners who deleted a store remove its files left" on storage.objects
  for delete to authenticated
  using (private.is_deleted_store_file(bucket_id, name));

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

/**
 * A page of the files of the stores the caller deleted, left to remove through Storage. A store
 * whose files are all gone is marked so (files_removed_at): the console asks on every page, and
 * no file can come back under a deleted store's folder (uploading takes its staff).
 */
create function private.deleted_store_files()
returns table (store_id uuid, store_name text, store_lang text, bucket_id text, name text)
language plpgsql security definer
set search_path = ''
as $$
declare
  v_deletion private.store_deletions;
begin
  for v_deletion in
    select * from private.store_deletions d
    where d.deleted_by = (select auth.uid()) and d.files_removed_at is null
    order by d.deleted_at, d.store_id
  loop
    -- A store's files by the prefix of their names, which the names' index serves once the
    -- prefix is known (a plan per store here, not one join for all).
    return query
      select v_deletion.store_id, v_deletion.name, v_deletion.name_lang, o.bucket_id, o.name
      from storage.objects o
      where o.bucket_id in ('merchant-logos', 'product-images', 'post-attachments')
        and o.name like v_deletion.store_id::text || '/%'
      order by o.bucket_id, o.name;
    if not found then
      update private.store_deletions d set files_removed_at = now() where d.store_id = v_deletion.store_id;
    end if;
  end loop;
end
$$;
revoke execute on function private.deleted_store_files() from public;
grant execute on function private.deleted_store_files() to authenticated;

create function public.deleted_store_files()
returns table (store_id uuid, store_name text, store_lang text, bucket_id text, name text)
language sql security invoker
set search_path = ''
as $$ select * from private.deleted_store_files() $$;
revoke execute on function public.deleted_store_files() from public, anon;
grant execute on function public.deleted_store_files() to authenticated;
