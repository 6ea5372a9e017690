/**
 * Colleague invitations the invitee can act on. An invitation is saved, not e-mailed (the product
 * sends no e-mail but Auth's codes): the inviter passes on the store's portal page, the invitee
 * signs in there with the invited address and is offered to join. To offer it, the invitee needs
 * what their own RLS does not show them: which company invites them, and who. my_invitations
 * answers exactly that, for the caller's confirmed address at one store, and nothing else.
 */

/**
 * The caller's pending, unexpired invitations at the store (confirmed login e-mail = invitation
 * e-mail), newest first, with the inviting company's name and the inviter's name (null once the
 * inviter's card is deleted). Errors: 42501 not signed in · PT404 store not found.
 */
create function private.my_invitations(p_store_slug text)
returns table (token uuid, email text, store_name text, company_name text, invited_by_name text, expires_at timestamptz)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores;
begin
  perform private.require_user();
  v_store := private.store_by_slug(p_store_slug);
  return query
    select i.token, i.email, v_store.name, m.company_name, c.full_name, i.expires_at
    from public.member_invitations i
    join public.members m on m.id = i.member_id
    left join public.member_contacts c on c.id = i.invited_by
    where i.store_id = v_store.id and i.accepted_at is null and i.expires_at > now()
      and lower(i.email) = private.my_confirmed_email()
    order by i.created_at desc, i.id;
end
$$;
revoke execute on function private.my_invitations(text) from public;
grant execute on function private.my_invitations(text) to authenticated;

create function public.my_invitations(p_store_slug text)
returns table (token uuid, email text, store_name text, company_name text, invited_by_name text, expires_at timestamptz)
language sql stable security invoker
set search_path = ''
as $$ select * from private.my_invitations(p_store_slug) $$;
revoke execute on function public.my_invitations(text) from public, anon, authenticated;
grant execute on function public.my_invitations(text) to authenticated;
