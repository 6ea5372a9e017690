/**
 * Former members (20261208000500): their card could still be written. Staff (the members update
 * policy) could rename the anonymised row, or give it a country, a website, buying details, and
 * the statistics kept for it would then name a company that is gone. No screen needs to: the
 * company has no contacts to serve, and one that comes back joins anew (a new membership). A
 * trigger refuses such writes with `P0001 company has left the store: its card is kept,
 * anonymised, and cannot be changed`; leave_store writes the card in the update that sets
 * left_at, which it lets by.
 */

create function private.refuse_former_member_card()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.left_at is not null then
    perform private.reject(null, 'company has left the store: its card is kept, anonymised, and cannot be changed', 'P0001');
  end if;
  return new;
end
$$;
revoke execute on function private.refuse_former_member_card() from public;

create trigger members_former_card before update of company_name, country, website, industry, purchase_volume, product_categories
  on public.members
  for each row execute function private.refuse_former_member_card();
