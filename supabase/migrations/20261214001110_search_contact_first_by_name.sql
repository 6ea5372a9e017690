/**
 * The member search's "first contact by name" (20261214000800), when several contacts of one
 * company match, sorted by code point: under C.UTF-8 every capital comes before every small letter,
 * so "Zed Chen" was said before "anna chen". Names are compared without case first (then as
 * written, so the choice stays one). Every other line is as in 20261214000800; the signature is
 * unchanged, so its grants stand.
 */

/**
 * The companies of store `p_store_id` whose name is `ilike p_pattern`, one of whose contacts'
 * name or card e-mail is, or (`p_digits` not null) one of whose contacts' numbers, as
 * contact_phone_digits gives them, are `like p_digits`, each once, with the contact that matched
 * (`contact_name`, `contact_email`; null when the company's name did, the first by name then
 * e-mail, either case alike, when several did); for the store's staff only (42501 otherwise). Runs as its owner so
 * that the trigram indexes serve the match: under row security they cannot (ILIKE is not
 * leakproof, so it may not run before the policies' check) and every company and contact of the
 * store would be read.
 */
create or replace function private.member_ids_by_search(p_store_id uuid, p_pattern text, p_digits text)
returns table (member_id uuid, contact_name text, contact_email text)
language plpgsql stable security definer
set search_path = ''
as $$
begin
  perform private.require_staff_of(p_store_id);
  -- Planned for the pattern at hand (EXECUTE): a generic plan cannot tell a search that picks a
  -- few rows through the indexes from one that matches much of the store.
  return query execute
    'select distinct on (x.member_id) x.member_id, x.contact_name, x.contact_email
     from (
       select m.id as member_id, null::text as contact_name, null::text as contact_email, false as by_contact
       from public.members m
       where m.store_id = $1 and m.company_name ilike $2
       union all
       select c.member_id, c.full_name, c.email, true from public.member_contacts c
       where c.store_id = $1 and (c.full_name ilike $2 or c.email ilike $2)
       union all
       select c.member_id, c.full_name, c.email, true from public.member_contacts c
       where $3 is not null and c.store_id = $1 and private.contact_phone_digits(c.phone, c.whatsapp) like $3
     ) x
     order by x.member_id, x.by_contact, lower(x.contact_name), x.contact_name, x.contact_email'
  using p_store_id, p_pattern, p_digits;
end
$$;
