/**
 * One trigger function keeps every "when this last changed" time. Three did, each the same rule
 * over other columns: private.touch_updated_at (a table's updated_at over its whole row, the merchant
 * card's less its logo), private.touch_member_card (20261221000200, the company's card) and
 * private.touch_logo_updated_at (20261221000300, the merchant card's logo). Behaviour unchanged for
 * every table.
 *
 * - private.touch_updated_at restated whole: its trigger's arguments, if any, name the time column
 *   it keeps, then the columns whose change moves it. Without arguments, as every other table's
 *   trigger calls it: updated_at over the whole row, by the same code as before, which names
 *   updated_at itself and so costs next to nothing on every update of those tables.
 * - members_updated_at, merchant_cards_updated_at and merchant_cards_logo_updated_at restated on it
 *   with the same names (their places among their tables' other before triggers, alphabetical,
 *   kept) and the same firing columns. merchant_cards_updated_at watches every column but the
 *   logo's two and its own, as it compared the whole row less those before.
 * - private.touch_member_card and private.touch_logo_updated_at dropped.
 *
 * Columns a trigger's arguments name are reached only through the row as a whole (PL/pgSQL has no
 * field access by a name it is given), at a cost that grows with the row's width: about 55 µs a
 * members row where touch_member_card took 5 (an update of 10,000 members' company_name: 1.4 s
 * before, 2.1 s now, on a busy 2-core machine). Those triggers fire on writes of a card, one row at
 * a time (My membership's save, leaving, erasure; the console's card and logo), never on the
 * engine's writes of members. The unwatched columns are nulled in both rows and the rows compared as
 * typed values, as touch_member_card compared its four: a quarter cheaper than comparing each
 * watched column of both rows as JSON.
 */

/**
 * A row's time of last change: the clock's on an insert and on an update that changes what it
 * covers; the time as it was on any other update, whatever time the write names. An editor's save
 * made over the row as read (that time as read) matches nothing once someone else changed it (see
 * 20261219000700's header). The clock rather than the transaction's start: two writes in one
 * transaction are two times.
 *
 * Without trigger arguments, updated_at over the whole row. With them, the first names the time
 * column and the rest the columns it covers, for a row whose parts are written apart (members: the
 * company's card beside the engine's columns; merchant_cards: the card and its logo, each saved over
 * a time of its own). A stored generated column cannot be watched: it is computed after the before
 * triggers, null in the new row they see.
 */
create or replace function private.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  -- Every column but the watched ones, each null: the two rows populated with it differ only where
  -- a watched column does. Its keys are a row of nulls of the table's type, as JSON.
  unwatched jsonb;
begin
  if tg_nargs = 0 then
    if tg_op = 'UPDATE' then
      new.updated_at := old.updated_at;
      if new is not distinct from old then
        return new;
      end if;
    end if;
    new.updated_at := pg_catalog.clock_timestamp();
    return new;
  end if;
  if tg_op = 'UPDATE' then
    unwatched := pg_catalog.to_jsonb(pg_catalog.jsonb_populate_record(case when false then new end, '{}')) - tg_argv[1:];
    if pg_catalog.jsonb_populate_record(new, unwatched) is not distinct from pg_catalog.jsonb_populate_record(old, unwatched) then
      return pg_catalog.jsonb_populate_record(new, pg_catalog.jsonb_build_object(tg_argv[0], pg_catalog.to_jsonb(old) -> tg_argv[0]));
    end if;
  end if;
  return pg_catalog.jsonb_populate_record(new, pg_catalog.jsonb_build_object(tg_argv[0], pg_catalog.clock_timestamp()));
end
$$;
revoke execute on function private.touch_updated_at() from public;

-- Each fires on its time column too: a time a write names is not taken.
create or replace trigger members_updated_at
  before insert or update of company_name, country, website, industry, updated_at
  on public.members
  for each row execute function private.touch_updated_at('updated_at', 'company_name', 'country', 'website', 'industry');

create or replace trigger merchant_cards_updated_at
  before insert or update of title, contact_name, contact_title, email, phone, whatsapp, wechat, website, address,
    introduction, updated_at
  on public.merchant_cards
  for each row execute function private.touch_updated_at('updated_at', 'store_id', 'title', 'contact_name', 'contact_title',
    'email', 'phone', 'whatsapp', 'wechat', 'website', 'address', 'introduction');

create or replace trigger merchant_cards_logo_updated_at
  before insert or update of logo_path, logo_updated_at
  on public.merchant_cards
  for each row execute function private.touch_updated_at('logo_updated_at', 'logo_path');

drop function private.touch_member_card();
drop function private.touch_logo_updated_at();
