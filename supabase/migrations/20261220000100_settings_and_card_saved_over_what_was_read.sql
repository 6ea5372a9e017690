/**
 * Two owners editing the store's settings or the merchant's card: the second save no longer puts
 * back, unseen, what the first saved. The settings were saved with a plain update of the store's
 * row and set_statistical_period, the card and its logo with a plain update of the card's row, last
 * writer wins: a join bonus or a list of allowed sites changed by one was put back by the other's
 * save of what they had read; and two first saves of a card, each having read none, each wrote it
 * (the second one's update found the first one's card and overwrote it).
 *
 * The mechanism the posts, tiers, coupons, rewards and segments took (20261219000700 to
 * 20261219000730): an `updated_at` kept by private.touch_updated_at, which the console saves over
 * (`.eq('updated_at', <as read>)`; a card read as none is inserted, and the card's primary key refuses
 * the second of two).
 *
 * - stores.updated_at: when the store's settings last changed, stamped by stores_updated_at on
 *   updates of the settings' columns (or of updated_at, which keeps it) only. The rest of the row is written by actions of their own
 *   on the same page (set_joining_paused), which would refuse the settings form's next save over
 *   nothing it shows; slug and base_currency never change. Named to fire after the stores' other
 *   before triggers (alphabetical).
 * - set_statistical_period takes `p_settings_read`, the store's updated_at as read, required, and
 *   refuses once the settings changed since, `P0001 settings_read is not the store's settings now:
 *   someone changed them since they were read` (field `settings_read`), nothing written, as
 *   save_product refuses over `product_read`. It answers the store's row as saved (its new
 *   updated_at, which the console's next save is made over), where it answered the days. Restated
 *   whole from 20261203000900 (a new argument and answer: dropped and created, grants restated).
 * - merchant_cards.updated_at was stamped by check_merchant_card with the transaction's start on
 *   every update, one that changed nothing included: now by merchant_cards_updated_at (after
 *   merchant_cards_check_contact and _check_merchant_texts, alphabetical, so what they clean counts
 *   once cleaned), check_merchant_card restated whole from 20261202000300 without its stamp. The
 *   logo's path is a column of the card: the logo's save is made over the card as read too.
 */

alter table public.stores add column updated_at timestamptz not null default now();
comment on column public.stores.updated_at is
  'When the store''s settings last changed (trigger stores_updated_at, on the settings'' columns only): the console saves the settings only while they are still the ones read.';

-- updated_at itself too: a time a write names is not taken.
create trigger stores_updated_at
  before insert or update of name, default_locale, brand_color, embed_origins, statistical_period_days, sample_period_days,
    churn_threshold_days, points_expiry_days, points_per_currency_unit, join_points, review_points, updated_at
  on public.stores
  for each row execute function private.touch_updated_at();

drop function public.set_statistical_period(uuid, int);
drop function private.set_statistical_period(uuid, int);

/**
 * Sets the store's statistical period (owners; 1 to 3650 days) over its settings as read
 * (`p_settings_read`, the store's updated_at as read: refused once they changed since) and returns
 * the store's row as saved. The members' cached tiers and paid-order coverage follow in the same
 * transaction (period_changed), which holds the store's member rows until it commits.
 */
create function private.set_statistical_period(p_store_id uuid, p_days int, p_settings_read timestamptz)
returns public.stores
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store public.stores;
begin
  perform private.require_owner_of(p_store_id);
  if p_days is null or p_days not between 1 and 3650 then
    perform private.reject('statistical_period_days', 'must be a whole number of days from 1 to 3650');
  end if;
  if p_settings_read is null then
    perform private.reject('settings_read', 'is required: the store''s updated_at as read');
  end if;
  -- A save of the settings committed meanwhile is waited for, then seen: the row no longer matches.
  update public.stores s set statistical_period_days = p_days
  where s.id = p_store_id and s.updated_at = p_settings_read
  returning * into v_store;
  if not found then
    perform private.reject('settings_read', 'is not the store''s settings now: someone changed them since they were read', 'P0001');
  end if;
  return v_store;
end
$$;
revoke execute on function private.set_statistical_period(uuid, int, timestamptz) from public;
grant execute on function private.set_statistical_period(uuid, int, timestamptz) to authenticated;

-- 60 s: the most Supabase allows an API request (the bench's large store takes 6-9 s).
create function public.set_statistical_period(p_store_id uuid, p_days int, p_settings_read timestamptz)
returns public.stores
language sql security invoker
set search_path = ''
set statement_timeout = '60s'
as $$ select * from private.set_statistical_period(p_store_id, p_days, p_settings_read) $$;
revoke execute on function public.set_statistical_period(uuid, int, timestamptz) from public, anon;
grant execute on function public.set_statistical_period(uuid, int, timestamptz) to authenticated;

/** Contact fields as the member cards take them: trimmed to null when blank, refused (22023) when malformed. */
create or replace function private.check_merchant_card()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.contact_name := private.clean_line('contact_name', new.contact_name, 120);
  new.email := private.clean_format('email', new.email, 'email');
  new.phone := private.clean_format('phone', new.phone, 'phone');
  new.whatsapp := private.clean_format('whatsapp', new.whatsapp, 'phone');
  new.wechat := private.clean_format('wechat', new.wechat, 'wechat');
  new.website := private.clean_format('website', new.website, 'web_url');
  return new;
end
$$;

comment on column public.merchant_cards.updated_at is
  'When the card last changed, its logo included (trigger merchant_cards_updated_at): the console saves the card and its logo only while the card is still the one read.';
create trigger merchant_cards_updated_at before insert or update on public.merchant_cards
  for each row execute function private.touch_updated_at();
