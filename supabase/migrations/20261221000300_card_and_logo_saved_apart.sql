/**
 * The merchant's card and its logo, edited on two screens (Getting started, Settings), are saved
 * over times of their own: a colleague who changed only the logo no longer refuses the card's save,
 * nor one who changed only the card the logo's. Both were saved over the card's one updated_at
 * (20261220000100), which any change of the row moved, and the refusal's reread then found none of
 * its own fields changed.
 *
 * - merchant_cards.logo_updated_at: when the logo last changed, stamped by
 *   merchant_cards_logo_updated_at (private.touch_logo_updated_at) on an insert and on an update
 *   that changes logo_path; the logo is saved over it.
 * - merchant_cards.updated_at: when the card's own fields last changed. merchant_cards_updated_at
 *   restated to fire on updates of those columns (or of updated_at, which keeps it) only, as
 *   stores_updated_at does, and to tell private.touch_updated_at that the logo's columns are no
 *   change of its own: a write that names both and changes only the logo keeps the card's time.
 * - private.touch_updated_at restated whole from 20261219000700: its trigger's arguments, if any,
 *   name columns whose change is not the row's. Without arguments, as every other table's trigger
 *   calls it, unchanged.
 */

/**
 * A row's updated_at, the time it last changed: an editor's save made over the row as read
 * (`updated_at` as read) matches nothing once someone else changed it. See 20261219000700's header.
 * The trigger's arguments name columns saved over a time of their own (the merchant card's logo),
 * whose change alone keeps this one.
 */
create or replace function private.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    new.updated_at := old.updated_at;
    if tg_nargs = 0 and new is not distinct from old
      or tg_nargs > 0 and pg_catalog.to_jsonb(new) - tg_argv = pg_catalog.to_jsonb(old) - tg_argv then
      return new;
    end if;
  end if;
  new.updated_at := pg_catalog.clock_timestamp();
  return new;
end
$$;
revoke execute on function private.touch_updated_at() from public;

/**
 * The merchant card's logo_updated_at, the time its logo last changed, as touch_updated_at keeps a
 * row's: the clock's on an insert and on an update that changes logo_path, whatever time the write
 * names.
 */
create function private.touch_logo_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    new.logo_updated_at := old.logo_updated_at;
    if new.logo_path is not distinct from old.logo_path then
      return new;
    end if;
  end if;
  new.logo_updated_at := pg_catalog.clock_timestamp();
  return new;
end
$$;
revoke execute on function private.touch_logo_updated_at() from public;

alter table public.merchant_cards add column logo_updated_at timestamptz not null default now();
comment on column public.merchant_cards.logo_updated_at is
  'When the logo last changed (trigger merchant_cards_logo_updated_at, on logo_path only): the console saves the logo only while it is still the one read.';
comment on column public.merchant_cards.updated_at is
  'When the card last changed, its logo aside (trigger merchant_cards_updated_at, on the card''s own columns only): the console saves the card only while it is still the one read.';

-- logo_updated_at itself too: a time a write names is not taken.
create trigger merchant_cards_logo_updated_at
  before insert or update of logo_path, logo_updated_at
  on public.merchant_cards
  for each row execute function private.touch_logo_updated_at();

drop trigger merchant_cards_updated_at on public.merchant_cards;
-- updated_at itself too: a time a write names is not taken.
create trigger merchant_cards_updated_at
  before insert or update of title, contact_name, contact_title, email, phone, whatsapp, wechat, website, address,
    introduction, updated_at
  on public.merchant_cards
  for each row execute function private.touch_updated_at('logo_path', 'logo_updated_at');
