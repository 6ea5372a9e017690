-- Store names saved before direction controls were refused in one-line texts (20261209000500,
-- applied to the store's name by 20261210000500) still hold them, and the owner's settings form
-- sends the name with every save, so such a store could save no setting until its name was fixed.
-- Their names lose those characters here, in every language; the rule stays as it was.

/** `p_value` without the direction controls a one-line merchant text may not hold. */
create function private.without_direction_controls(p_value text)
returns text
language sql immutable
set search_path = ''
as $$
  select regexp_replace(p_value, '[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]', '', 'g')
$$;
revoke execute on function private.without_direction_controls(text) from public;
-- merchant_text_shown_problem runs it as the writing role.
grant execute on function private.without_direction_controls(text) to anon, authenticated, service_role;

/**
 * Why one language's value, well formed by merchant_text_problem, would not show what the
 * merchant wrote, or null: it shows nothing (a perk line that shows nothing), or, in a one-line
 * text, it holds direction controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069),
 * which would reorder what it displays and, in a name shown inside a sentence, the words after
 * it. Multi-line texts and perks keep them: each is shown as a paragraph or list item of its own,
 * where they reach nothing else, and Arabic or Hebrew text may need them.
 * (20261209000500; the characters now listed once, in without_direction_controls.)
 */
create or replace function private.merchant_text_shown_problem(p_value jsonb, p_shape text)
returns text
language sql immutable
set search_path = ''
as $$
  select case
    when p_shape = 'lines' then case
      when exists (select 1 from jsonb_array_elements_text(p_value) e where not private.is_visible_text(e)) then
        'must not have blank lines: lines of invisible characters show nothing'
    end
    when not private.is_visible_text(p_value #>> '{}') then 'must not be blank: leave the language out instead'
    when p_shape = 'line' and private.without_direction_controls(p_value #>> '{}') <> p_value #>> '{}' then
      'must not contain direction controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069)'
  end
$$;

/**
 * Removes direction controls from every language of every store's name, through the name's
 * usual check (stores_check_merchant_texts), and returns the stores renamed. A language whose
 * name would then show nothing keeps its value, and a store whose name the check still refuses
 * (such a language, or another rule's breach from before that rule) keeps its whole name: its
 * owner fixes it in the settings form, which names the field. Store names need not be distinct,
 * so no two can come to collide.
 */
create function private.clean_store_name_direction_controls()
returns setof uuid
language plpgsql
set search_path = ''
as $$
declare
  v_store record;
begin
  for v_store in
    select s.id, (select jsonb_object_agg(e.key,
                           case when private.is_visible_text(private.without_direction_controls(e.value))
                                then to_jsonb(private.without_direction_controls(e.value)) else to_jsonb(e.value) end)
                  from jsonb_each_text(s.name) e) as name
    from public.stores s
    where exists (select 1 from jsonb_each_text(s.name) e where private.without_direction_controls(e.value) <> e.value)
    order by s.id
  loop
    begin
      update public.stores set name = v_store.name where id = v_store.id;
      return next v_store.id;
    exception when invalid_parameter_value or check_violation then
      -- One store's name the rule still refuses must not stop the others' cleaning.
      null;
    end;
  end loop;
end
$$;
revoke execute on function private.clean_store_name_direction_controls() from public, anon, authenticated;

select count(*) as stores_renamed from private.clean_store_name_direction_controls();
