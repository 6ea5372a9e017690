/**
 * Two owners editing one tier: the second save no longer puts back, unseen, the thresholds,
 * rights, names or perks the first saved. The console saved a tier with a plain update of its row,
 * last writer wins, and a tier is the rules members are rated by: a threshold raised by one was
 * lowered again by the other's save of the threshold they had read.
 *
 * The mechanism the posts took (20261219000700): tiers.updated_at, kept by private.touch_updated_at,
 * which the console saves a tier over (`.eq('updated_at', <as read>)`). A tier's perks and names are
 * columns of its row, so the one time covers all the editor shows; a tier moved aside by another's
 * rank (tiers_make_room) is changed too, and its editor's save of its rank as read is refused rather
 * than moving it back. Named to fire after the tiers' other before triggers (alphabetical).
 */

alter table public.tiers add column updated_at timestamptz not null default now();
comment on column public.tiers.updated_at is
  'When the tier last changed (trigger tiers_updated_at): the console saves a tier only while it is still the one read.';

create trigger tiers_updated_at before insert or update on public.tiers
  for each row execute function private.touch_updated_at();
