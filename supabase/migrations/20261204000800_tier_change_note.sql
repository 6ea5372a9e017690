/**
 * The reason staff gave for a tier override, kept with the change it made. The tier history said
 * "Override" and nothing more, while the reason lived only on the company's row until the
 * override ended or was replaced (the console showed it beside the override in force, never
 * beside the change it explained). `note` takes the override's reason as the change is written;
 * the engine's functions write the change without knowing of it (a trigger on the one reason
 * that has a note), so none of them is re-created. An override removed, or one that ended,
 * writes no note.
 *
 * The reason is the company's data like its override reason: private.leave_store is re-created
 * from 20261202000600 with one statement added, which clears it from the history when the last
 * contact leaves. Its grants, which create or replace keeps, are unchanged.
 */

alter table public.tier_changes add column note text
  constraint tier_changes_note_text check (length(note) <= 500 and private.is_text_block(note));
comment on column public.tier_changes.note is
  'For an override: the reason staff gave (members.tier_override_reason as the override was set). Cleared with the company''s personal data.';

create function private.tier_change_override_note()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.note := (select m.tier_override_reason from public.members m where m.id = new.member_id and m.tier_override_id is not null);
  return new;
end
$$;
revoke execute on function private.tier_change_override_note() from public;

-- Only an override's row runs it: a period change writing thousands of rows pays a comparison each.
create trigger tier_changes_override_note before insert on public.tier_changes
  for each row when (new.reason = 'override') execute function private.tier_change_override_note();

/**
 * The caller leaves the store: their card is deleted; what they wrote or received keeps its
 * business facts without them (orders, claims, inquiries and reviews lose the contact; the
 * addresses on their sample claims are cleared to the country; invitations they sent or
 * accepted, which hold e-mail addresses, are deleted). When they were the company's last
 * contact, the company's personal data goes too: its card (name replaced, country, website,
 * industry cleared), override reason (on the company and in its tier history), invitations,
 * sample claims, inquiries and reviews; its orders, ledgers, coupons and tier history stay, with
 * amounts and dates only, for the merchant's statistics. `p_confirm` must be true (the portal
 * asks first).
 * Returns {"left": true, "company_removed": bool}.
 * Errors: PT404 store not found; 42501 not signed in or not a member; 22023 confirm.
 */
create or replace function private.leave_store(p_store_slug text, p_confirm boolean)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_contact public.member_contacts := private.my_contact_at(v_store.id);
  v_last boolean;
begin
  if p_confirm is not true then
    perform private.reject('confirm', 'must be true: leaving deletes your card and cannot be undone');
  end if;
  -- Colleagues leaving together are taken one at a time, so exactly one of them is the last.
  perform 1 from public.members m where m.id = v_contact.member_id for update;

  update public.sample_claims s set ship_to = jsonb_strip_nulls(jsonb_build_object('country', s.ship_to -> 'country'))
  where s.contact_id = v_contact.id;
  delete from public.member_invitations i where i.invited_by = v_contact.id or i.accepted_by = v_contact.id;
  delete from public.member_contacts c where c.id = v_contact.id;

  v_last := not exists (select 1 from public.member_contacts c where c.member_id = v_contact.member_id);
  if v_last then
    delete from public.member_invitations i where i.member_id = v_contact.member_id;
    delete from public.sample_claims s where s.member_id = v_contact.member_id;
    delete from public.inquiries q where q.member_id = v_contact.member_id;
    delete from public.order_reviews r where r.member_id = v_contact.member_id;
    update public.members m
    set company_name = 'Former member', country = null, website = null, industry = null, tier_override_reason = null
    where m.id = v_contact.member_id;
    update public.tier_changes h set note = null where h.member_id = v_contact.member_id and h.note is not null;
  end if;
  return jsonb_build_object('left', true, 'company_removed', v_last);
end
$$;
