/**
 * An imported date without a time is the day at noon UTC, not at midnight. A day alone
 * (2026-03-01, what many order systems export) was read as midnight in the server's zone (UTC),
 * which every screen west of UTC showed as the day before (formatDate shows an instant on the
 * reader's clock): a merchant in Mexico City imported an order of 1 March and saw 29 February.
 * At noon UTC the day reads as itself from UTC−11 to UTC+11, and stays inside the same UTC day the
 * statistical period counts in. A time, with or without a zone, is kept as given.
 *
 * Re-created from 20261124000200 with only the date-only case added; its grants, which create or
 * replace keeps, are unchanged. Orders already imported keep their instants.
 */
create or replace function private.import_timestamp(p_value text)
returns timestamptz
-- Strict: an absent date (most rows' delivered_at) is null without a call.
language plpgsql stable strict
set search_path = ''
as $$
declare
  v_at timestamptz;
begin
  if p_value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$'
     or not pg_catalog.pg_input_is_valid(p_value, 'timestamptz') then
    return null;
  end if;
  -- The pattern above leaves a day alone exactly 10 characters long.
  v_at := case when length(p_value) = 10 then (p_value::date + time '12:00') at time zone 'UTC' else p_value::timestamptz end;
  if v_at < timestamptz '2000-01-01 00:00:00+00' then
    return null;
  end if;
  return v_at;
end
$$;
