/**
 * Two members of staff editing one segment: the second save no longer puts back, unseen, the name
 * or filters the first saved. Segments had an updated_at, but the console never saved over it, and
 * private.check_segment stamped it on every update, one that changed nothing included.
 *
 * The mechanism the posts, tiers, coupons and rewards took (20261219000700 to 20261219000720):
 * segments_updated_at on private.touch_updated_at, which fires after segments_check (alphabetical),
 * so that a segment's filters count as changed only once normalised; check_segment restated whole
 * from 20261203000500 without its own stamp, which the new trigger replaces.
 */

/** Name and filters checked with a 22023 naming the field; filters stored normalised. */
create or replace function private.check_segment()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform private.check_line('name', new.name, 120, true);
  new.name := btrim(new.name);
  new.filters := private.segment_filters(new.store_id, new.filters);
  if tg_op = 'INSERT' then
    new.created_by := (select auth.uid());
    new.created_at := now();
  else
    new.created_by := old.created_by;
    new.created_at := old.created_at;
  end if;
  return new;
end
$$;

comment on column public.segments.updated_at is
  'When the segment last changed (trigger segments_updated_at): the console saves a segment only while it is still the one read.';
create trigger segments_updated_at before insert or update on public.segments
  for each row execute function private.touch_updated_at();
