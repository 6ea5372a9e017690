/**
 * What a colleague's invitation link says before they sign in. The link named only the store's
 * portal page (`/me/?s=SLUG`): the colleague met a sign-in form with nothing about who invited them
 * or with which address to sign in, and the invitation is offered only to that address
 * (my_invitations, 20261206000200). The link now carries its invitation's token
 * (`/me/?s=SLUG&invitation=TOKEN`), and invitation_preview answers, to whoever holds the token,
 * signed in or not, the least that lets them sign in with the right address: the inviting
 * company's name, the store's name, the invited address masked (`j***@example.com`) and until
 * when the invitation holds.
 *
 * A link is forwarded and logged (chat apps, mail, browser history), so nothing else is answered:
 * not the inviter's name, not the address itself, nothing about the company's membership. The
 * token is 122 random bits (gen_random_uuid), so invitations cannot be enumerated or guessed, which
 * is why no rate limit is needed (the other anonymous reads, store_profile, tier_teasers,
 * store_catalogue and post_feed, have none either). The token alone still accepts nothing:
 * accept_invitation wants a login whose confirmed address is the invited one.
 */

/**
 * The pending, unexpired invitation with this token, as a sign-in page may show it to anyone
 * holding the link: {store_name, company_name, email_hint, expires_at}. `email_hint` keeps the
 * first character of the address's local part and its domain. Errors: PT404 token matches no
 * invitation (unknown, withdrawn, used or expired alike: a link tells nothing once it is spent).
 */
create function private.invitation_preview(p_token uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_preview jsonb;
begin
  select jsonb_build_object(
      'store_name', s.name,
      'company_name', m.company_name,
      'email_hint', left(split_part(i.email, '@', 1), 1) || '***@' || split_part(i.email, '@', 2),
      'expires_at', i.expires_at)
    into v_preview
  from public.member_invitations i
  join public.members m on m.id = i.member_id
  join public.stores s on s.id = i.store_id
  where i.token = p_token and i.accepted_at is null and i.expires_at > now();
  if v_preview is null then
    perform private.reject('token', 'matches no invitation', 'PT404');
  end if;
  return v_preview;
end
$$;
revoke execute on function private.invitation_preview(uuid) from public;
grant execute on function private.invitation_preview(uuid) to anon, authenticated;

create function public.invitation_preview(p_token uuid)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$ select private.invitation_preview(p_token) $$;
revoke execute on function public.invitation_preview(uuid) from public, anon, authenticated;
grant execute on function public.invitation_preview(uuid) to anon, authenticated;
