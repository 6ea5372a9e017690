/**
 * An owner deletes the store. A merchant who stops using Cardclub had no way to take its store
 * away: owners could hand it over or leave it to its last owner, and its buyers' cards, orders,
 * ledgers and files stayed for ever.
 *
 * - delete_store: owners only, checked before the store's lock (strangers never hold it) and again
 *   under it, as set_staff_role does; the owner types the store's name in its default language, as
 *   the console has an owner type a company's name before erase_member. Then the store's row goes
 *   and with it, by the ON DELETE CASCADE foreign keys every table of the store has, every row of
 *   the store: staff, invitations, tiers, members and their contacts, orders and their changes,
 *   ledgers, coupons, rewards and their deliveries, claims, inquiries, reviews, segments,
 *   campaigns, posts, products, the merchant's card, the tier-name keys. The logins stay: they may
 *   belong to other stores.
 * - Foreign keys without a cascade between two of the store's own tables (a ledger row naming an
 *   order, a claim naming a product, a held coupon naming its coupon) are checked when the row
 *   they name goes, which in one cascade may be before the row naming it: the store's companies
 *   go first, taking everything of theirs, then the store.
 * - The triggers that guard or follow a delete already stand aside while a store goes: the
 *   ordinary tier may be removed once its store's row is gone, and tier rules changing re-rate no
 *   one of a store that is gone; the orders' refresh re-rates only companies that are gone too,
 *   and the contacts' hand-over and buying profile find no company left.
 * - The store's files: the objects under its folder ('<store_id>/...') in the buckets the
 *   migrations define (merchant-logos, product-images, post-attachments), deleted in the same
 *   transaction. Hosted Storage refuses a direct delete of its rows unless the transaction says it
 *   means it (storage.allow_delete_query); the bytes behind them are then no longer reachable.
 * - private.join_counters: the per-network counters of joins at the store ('<network> <store id>').
 */

/**
 * A name as typed to confirm, as the console compares it (TypedNameField's sameName): without the
 * direction isolates a copy of the console's hint carries along, without spaces around it, in
 * Unicode's composed form (NFC).
 */
create function private.typed_name(p_text text)
returns text
language sql immutable
set search_path = ''
as $$
  select normalize(regexp_replace(regexp_replace(p_text, '[\u2066-\u2069]', '', 'g'), '^\s+|\s+$', '', 'g'), nfc)
$$;
revoke execute on function private.typed_name(text) from public;

/**
 * The owner deletes the store `p_store_id` and everything of it, once `p_confirm_name` is the
 * store's name in its default language (spaces around it, direction isolates and Unicode forms
 * aside, as the console compares it). Returns the store's row as it was.
 * Errors: 42501 not an owner of the store (also an owner demoted or removed while waiting for the
 * lock; store ids are public: no oracle); 22023 confirm_name blank, or not the store's name.
 */
create function private.delete_store(p_store_id uuid, p_confirm_name text)
returns public.stores
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores;
  v_typed text;
begin
  -- Checked before locking, so strangers never hold the store's row.
  perform private.require_owner_of(p_store_id);
  -- Role changes, removals and invitations at the store wait for this, and it for them; a
  -- caller demoted meanwhile is no longer an owner.
  select * into v_store from public.stores s where s.id = p_store_id for update;
  perform private.require_owner_of(p_store_id);

  v_typed := private.typed_name(p_confirm_name);
  if coalesce(v_typed, '') = '' then
    perform private.reject('confirm_name', 'is required: type the store''s name to confirm that it is deleted with everything in it');
  end if;
  if v_typed is distinct from private.typed_name(v_store.name ->> v_store.default_locale) then
    perform private.reject('confirm_name', 'must be the store''s name in its default language, exactly as written: deleting a store cannot be undone');
  end if;

  -- The companies first: each takes its contacts, orders, ledgers and claims, whose foreign keys
  -- to the store's orders, products and coupons would refuse those going before them.
  delete from public.members m where m.store_id = p_store_id;
  delete from public.stores s where s.id = p_store_id;

  perform set_config('storage.allow_delete_query', 'true', true);
  delete from storage.objects o
  where o.bucket_id in ('merchant-logos', 'product-images', 'post-attachments')
    and (storage.foldername(o.name))[1] = p_store_id::text;
  delete from private.join_counters c where c.scope = 'ip_store' and c.subject like '% ' || p_store_id::text;
  return v_store;
end
$$;
revoke execute on function private.delete_store(uuid, text) from public;
grant execute on function private.delete_store(uuid, text) to authenticated;

create function public.delete_store(p_store_id uuid, p_confirm_name text)
returns public.stores
language sql security invoker
set search_path = ''
as $$ select private.delete_store(p_store_id, p_confirm_name) $$;
revoke execute on function public.delete_store(uuid, text) from public, anon, authenticated;
grant execute on function public.delete_store(uuid, text) to authenticated;
