/**
 * The spaces a typed name loses around it, listed: private.typed_name stripped Postgres' \s, whose
 * members depend on the database's locale and leave out the no-break spaces (U+00A0, U+2007,
 * U+202F) and U+FEFF, while the console's check (TypedNameField's sameName) strips JavaScript's
 * trim() set. A name copied from a page with a no-break space after it passed in the browser and
 * was refused here. Both now strip the same written-out set: JavaScript's trim() set (the ASCII
 * spaces and line ends, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000,
 * U+FEFF).
 */
create or replace function private.typed_name(p_text text)
returns text
language sql immutable
set search_path = ''
as $$
  select normalize(
    regexp_replace(
      regexp_replace(p_text, '[\u2066-\u2069]', '', 'g'),
      '^[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$',
      '', 'g'),
    nfc)
$$;
revoke execute on function private.typed_name(text) from public;
