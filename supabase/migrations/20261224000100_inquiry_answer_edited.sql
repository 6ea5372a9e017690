/**
 * An inquiry's answer says when it was first given and whether it was changed since, and a new
 * answer no longer replaces, unseen, one its sender did not read. answer_inquiry replaced the
 * answer whoever had written it meanwhile, and moved answered_at with it: the console and My
 * membership could tell neither that the buyer's answer had been changed nor when it first came.
 *
 * - inquiries.first_answered_at: when the store first answered; answered_at and answered_by stay
 *   the answer now shown's (my_updates tells a changed answer again by answered_at, as before).
 *   Answers from before this migration were changed or not, which nothing kept: each counts as
 *   first given when it was last.
 * - answer_inquiry takes `p_answer_read`, the answer the caller read and replaces (none for an open
 *   inquiry). Compared under the inquiry's lock with the answer as it is now; when it differs
 *   (a colleague answered or changed it since), it is refused, `P0001 answer_read is not the answer
 *   now: someone answered since it was read`, and nothing is written. The answer it already has,
 *   sent again (the first call's reply lost), changes nothing, not even its time, and is not
 *   refused: checked before the answer read, which that first call changed.
 *
 * answer_inquiry re-created from 20261124000300 with only those changes (a new argument: dropped and
 * created, its grants restated).
 */

alter table public.inquiries add column first_answered_at timestamptz;
comment on column public.inquiries.first_answered_at is
  'When the store first answered: answered_at and answered_by are the current answer''s, later when it was changed.';

update public.inquiries set first_answered_at = answered_at where answered_at is not null;

alter table public.inquiries drop constraint inquiries_answer_is_complete;
alter table public.inquiries add constraint inquiries_answer_is_complete check (
  (answer is null) = (answered_at is null) and (answer is null) = (answered_by is null)
  and (answer is null) = (first_answered_at is null) and first_answered_at <= answered_at
);

drop function public.answer_inquiry(uuid, text);
drop function private.answer_inquiry(uuid, text);

/**
 * Staff answer an open inquiry, or give an answered one a new answer over `p_answer_read`, the
 * answer they read (see this migration's header). Errors: PT404 unknown (or unreadable), 42501 not
 * staff of its store, P0001 closed, P0001 answered since it was read, 22023 empty answer.
 */
create function private.answer_inquiry(p_inquiry_id uuid, p_answer text, p_answer_read text)
returns public.inquiries
language plpgsql security definer
set search_path = ''
as $$
declare
  v_inquiry public.inquiries := private.inquiry_for_staff(p_inquiry_id);
begin
  if private.clean_text('answer', p_answer, 4000) is null then
    perform private.reject('answer', 'is required');
  end if;
  if btrim(p_answer) = v_inquiry.answer then
    return v_inquiry;
  end if;
  if p_answer_read is distinct from v_inquiry.answer then
    perform private.reject('answer_read', 'is not the answer now: someone answered since it was read', 'P0001');
  end if;
  update public.inquiries i
  set answer = btrim(p_answer), answered_by = (select auth.uid()), answered_at = now(), status = 'answered',
    first_answered_at = coalesce(i.first_answered_at, now())
  where i.id = v_inquiry.id
  returning * into v_inquiry;
  return v_inquiry;
end
$$;
revoke execute on function private.answer_inquiry(uuid, text, text) from public;
grant execute on function private.answer_inquiry(uuid, text, text) to authenticated;

create function public.answer_inquiry(p_inquiry_id uuid, p_answer text, p_answer_read text default null)
returns public.inquiries
language sql security invoker
set search_path = ''
as $$ select private.answer_inquiry(p_inquiry_id, p_answer, p_answer_read) $$;
revoke execute on function public.answer_inquiry(uuid, text, text) from public, anon, authenticated;
grant execute on function public.answer_inquiry(uuid, text, text) to authenticated;
