/**
 * A store's slug and base currency never change (docs/api.md, Stores): widget tags, embeds and
 * portal links name the store by its slug, and the amounts the store has recorded are in its base
 * currency (orders' amount_base, tier thresholds, the rebate ledger and wallets). Only column
 * grants held this: authenticated users have no update on either column, but the service role,
 * and any security-definer function, could change them, and a new base currency would have read
 * every recorded amount as another currency's.
 *
 * - private.keep_store_slug_and_currency refuses a change of either for every role, with field
 *   and reason as private.reject gives them and 22023 as the ordinary tier's rank that must stay 0
 *   does (`base_currency cannot change: recorded amounts are in USD`, `slug cannot change:
 *   embeds and links name the store demo-wigs`). Setting either to the value it holds is no
 *   change and passes, as a whole row written back does.
 * - stores_check_currency checks a new store's currency only: a store's currency now changes
 *   never, so its update branch had nothing left to check (products and coupons keep theirs).
 *
 * Nothing changes either on purpose: create_store sets both, delete_store deletes the row (its
 * slug is then free for a new store) and no migration, seed or RPC updates them. The one write of
 * a base currency in the tests (tests/db/fixtures.ts, a store created before its currency was
 * withdrawn) is made as a row from before the currency checks, past the triggers with
 * session_replication_role = replica, where this trigger does not fire either, as intended.
 */

/** A store's slug and base currency stay as created: see this migration's header. */
create function private.keep_store_slug_and_currency()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.base_currency is distinct from old.base_currency then
    perform private.reject('base_currency', format('cannot change: recorded amounts are in %s', old.base_currency));
  end if;
  if new.slug is distinct from old.slug then
    perform private.reject('slug', format('cannot change: embeds and links name the store %s', old.slug));
  end if;
  return new;
end
$$;
revoke execute on function private.keep_store_slug_and_currency() from public;

create trigger stores_keep_slug_and_currency before update of slug, base_currency on public.stores
  for each row when (new.slug is distinct from old.slug or new.base_currency is distinct from old.base_currency)
  execute function private.keep_store_slug_and_currency();

drop trigger stores_check_currency on public.stores;
create trigger stores_check_currency before insert on public.stores
  for each row execute function private.check_currency_in_use('base_currency');
