/**
 * Two contacts of one company editing its card on My membership: the second save no longer puts
 * back, unseen, what the first saved. The portal saved the card with a plain update of the
 * company's row, last writer wins: a website one colleague corrected was put back by the other's
 * save of the card as they had read it.
 *
 * The mechanism the console's editors took (20261219000700 to 20261220000100): an `updated_at`
 * the database moves on every change, whoever writes, which the portal saves over
 * (`.eq('updated_at', <as read>)`).
 *
 * - members.updated_at: when the company's card last changed, stamped by members_updated_at on
 *   updates of the card's columns (or of updated_at, which keeps it) only. The engine rewrites the
 *   rest of the row on every order, tier evaluation, points and rebate change, which would refuse
 *   the card's next save over nothing it shows; the buying profile is the join form's, not the
 *   card's. Named to fire after members_check_card and members_former_card (alphabetical), so that a
 *   field counts as changed only once cleaned (a blank industry is none, as saved).
 * - private.touch_member_card: private.touch_updated_at's rule over the card's four columns. That
 *   one compares the whole row, and a stored generated column (industry_key) is computed after the
 *   before triggers, absent from the new row they see: every write of a card with an industry,
 *   one that changed nothing included, would have moved the time and refused a colleague's save.
 */

alter table public.members add column updated_at timestamptz not null default now();
comment on column public.members.updated_at is
  'When the company''s card last changed (trigger members_updated_at, on the card''s columns only): My membership saves the card only while it is still the one read.';

/**
 * members.updated_at, the time the company's card last changed: the clock's on an insert and on an
 * update that changes the card's fields, whatever updated_at the write names. See this migration's header.
 */
create function private.touch_member_card()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    new.updated_at := old.updated_at;
    if (new.company_name, new.country, new.website, new.industry) is not distinct from (old.company_name, old.country, old.website, old.industry) then
      return new;
    end if;
  end if;
  new.updated_at := pg_catalog.clock_timestamp();
  return new;
end
$$;
revoke execute on function private.touch_member_card() from public;

-- updated_at itself too: a time a write names is not taken.
create trigger members_updated_at
  before insert or update of company_name, country, website, industry, updated_at
  on public.members
  for each row execute function private.touch_member_card();
