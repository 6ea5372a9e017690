-- The invitation screens say which language the store's name is in, as store_profile,
-- my_membership and my_data do (20261210000500): a Spanish page naming "Lumina Hair Co." marks it
-- English for screen readers, which they cannot when the name comes alone. my_invitations gains
-- `store_name_lang`; invitation_preview and staff_invitation_preview answer it beside `store_name`.
-- The language is the one the name was picked in (the request's, else the store's default, else
-- any), by the same private.local_locale as the name itself.
--
-- Re-created from 20261210000500, otherwise unchanged: private.my_invitations and its public
-- wrapper (dropped first: their result gains a column), private.invitation_preview,
-- private.staff_invitation_preview.

drop function public.my_invitations(text);
drop function private.my_invitations(text);

/**
 * The caller's pending, unexpired invitations at the store (confirmed login e-mail = invitation
 * e-mail), newest first, with the store's name in the request's language and that language, the
 * inviting company's name and the inviter's name (null once the inviter's card is deleted).
 * Errors: 42501 not signed in · PT404 store not found.
 */
create function private.my_invitations(p_store_slug text)
returns table (token uuid, email text, store_name text, store_name_lang text, company_name text, invited_by_name text, expires_at timestamptz)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores;
begin
  perform private.require_user();
  v_store := private.store_by_slug(p_store_slug);
  return query
    select i.token, i.email, private.local_text(v_store.name, v_store.default_locale),
      private.local_locale(v_store.name, v_store.default_locale), m.company_name, c.full_name, i.expires_at
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
returns table (token uuid, email text, store_name text, store_name_lang text, company_name text, invited_by_name text, expires_at timestamptz)
language sql stable security invoker
set search_path = ''
as $$ select * from private.my_invitations(p_store_slug) $$;
revoke execute on function public.my_invitations(text) from public, anon, authenticated;
grant execute on function public.my_invitations(text) to authenticated;

/** As in 20261210000500, with the language of the store's name (`store_name_lang`). */
create or replace function private.invitation_preview(p_token uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_preview jsonb;
begin
  select jsonb_build_object(
      'company_name', m.company_name,
      'email_hint', left(split_part(i.email, '@', 1), 1) || '***@' || split_part(i.email, '@', 2),
      'expires_at', i.expires_at)
      || private.local_field('store_name', s.name, s.default_locale)
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

/** As in 20261210000500, with the language of the store's name (`store_name_lang`). */
create or replace function private.staff_invitation_preview(p_token uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_preview jsonb;
begin
  select jsonb_build_object(
      'inviter_hint', left(split_part(u.email, '@', 1), 1) || '***@' || split_part(u.email, '@', 2),
      'role', i.role,
      'expires_at', i.expires_at)
      || private.local_field('store_name', s.name, s.default_locale)
    into v_preview
  from public.staff_invitations i
  join public.stores s on s.id = i.store_id
  left join auth.users u on u.id = i.invited_by
  where i.token = p_token and i.accepted_at is null and i.expires_at > now();
  if v_preview is null then
    perform private.reject('token', 'matches no invitation', 'PT404');
  end if;
  return v_preview;
end
$$;
