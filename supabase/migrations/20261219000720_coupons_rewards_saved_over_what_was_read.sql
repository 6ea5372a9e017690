/**
 * Two members of staff editing one coupon or one reward: the second save no longer puts back,
 * unseen, what the first saved. Both were saved with a plain update of their row, last writer wins:
 * a coupon's value or validity, a reward's points cost or its being offered, changed by one, was put
 * back by the other's save of what they had read.
 *
 * The mechanism the posts and tiers took (20261219000700, 20261219000710): coupons.updated_at and
 * rewards.updated_at, kept by private.touch_updated_at, which the console saves each over
 * (`.eq('updated_at', <as read>)`). A coupon gated at a tier that moves with it (tiers_make_room)
 * has changed too. Named to fire after the tables' other before triggers (alphabetical).
 */

alter table public.coupons add column updated_at timestamptz not null default now();
comment on column public.coupons.updated_at is
  'When the coupon last changed (trigger coupons_updated_at): the console saves a coupon only while it is still the one read.';
create trigger coupons_updated_at before insert or update on public.coupons
  for each row execute function private.touch_updated_at();

alter table public.rewards add column updated_at timestamptz not null default now();
comment on column public.rewards.updated_at is
  'When the reward last changed (trigger rewards_updated_at): the console saves a reward only while it is still the one read.';
create trigger rewards_updated_at before insert or update on public.rewards
  for each row execute function private.touch_updated_at();
