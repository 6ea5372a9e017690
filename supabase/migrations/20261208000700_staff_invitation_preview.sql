/**
 * Two things the console could not say in the reader's language, or at all:
 *
 * - staff_invitation_preview: the staff invitation's link (`/console/?invite=TOKEN`) led to a
 *   sign-in form saying only "you are invited to be staff of a store": the invitee could not
 *   check the link was genuine. Like invitation_preview (20261207000410) for colleagues, it
 *   answers whoever holds the token, signed in or not, the least that lets them judge it: the
 *   store's name, the inviting owner's address masked as invitation_preview masks addresses
 *   (`j***@example.com`), the role and until when the invitation holds. Nothing else, since a
 *   link is forwarded and logged; the token is 122 random bits, so it cannot be guessed and needs
 *   no rate limit; the token alone accepts nothing (accept_staff_invitation wants the invited,
 *   confirmed address).
 * - private.guard_default_locale (as in 20261202000300, its only definition): a change of the
 *   store's default language was refused naming only the first text lacking the new language,
 *   as `table.column`. It now names every one, in the sentence and as the list `missing` in the
 *   error's details, for the console to name each by its own label. Every other line is as there.
 */

/**
 * The pending, unexpired staff invitation with this token, as the console's sign-in may show it to
 * anyone holding the link: {store_name, inviter_hint, role, expires_at}. `inviter_hint` is the
 * inviting login's address, its local part cut to the first character (null once that login is
 * deleted). Errors: PT404 token matches no invitation (unknown, withdrawn, used or expired alike).
 */
create function private.staff_invitation_preview(p_token uuid)
returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_preview jsonb;
begin
  select jsonb_build_object(
      'store_name', s.name,
      'inviter_hint', left(split_part(u.email, '@', 1), 1) || '***@' || split_part(u.email, '@', 2),
      'role', i.role,
      'expires_at', i.expires_at)
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
revoke execute on function private.staff_invitation_preview(uuid) from public;
grant execute on function private.staff_invitation_preview(uuid) to anon, authenticated;

create function public.staff_invitation_preview(p_token uuid)
returns jsonb
language sql stable security invoker
set search_path = ''
as $$ select private.staff_invitation_preview(p_token) $$;
revoke execute on function public.staff_invitation_preview(uuid) from public, anon, authenticated;
grant execute on function public.staff_invitation_preview(uuid) to anon, authenticated;

/**
 * A store's default language may change only to one every text of the store has (required
 * fields, and optional ones that have any text): buyers must never get a blank where the
 * merchant wrote something. Refused with 23514 naming every field that lacks it, in the
 * merchant_text_fields order; the details carry them as `missing` (["tiers.name", …]).
 */
create or replace function private.guard_default_locale()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_field record;
  v_missing boolean;
  v_fields text[] := '{}';
  v_reason text;
begin
  for v_field in select * from private.merchant_text_fields() loop
    execute format('select exists (select 1 from public.%I t where t.store_id = $1 and t.%I <> ''{}'' and not t.%I ? $2)',
      v_field.table_name, v_field.field, v_field.field)
    into v_missing using new.id, new.default_locale;
    if v_missing then
      v_fields := v_fields || (v_field.table_name || '.' || v_field.field);
    end if;
  end loop;
  if cardinality(v_fields) > 0 then
    v_reason := format('cannot become %s: some %s %s no text in %s yet', new.default_locale,
      array_to_string(v_fields, ', '), case when cardinality(v_fields) = 1 then 'has' else 'have' end, new.default_locale);
    -- private.reject's details, with the list beside them.
    raise exception using
      errcode = '23514',
      message = 'default_locale ' || v_reason,
      detail = pg_catalog.jsonb_build_object('field', 'default_locale', 'reason', v_reason, 'missing', to_jsonb(v_fields))::text;
  end if;
  return new;
end
$$;
