/**
 * The new-member gift pack (join points and gift-pack coupons) is given once per login per store.
 * welcome_member gave it to every new members row, and leave_store keeps the former company's
 * row: a buyer could leave as the last contact and exchange cards again with the same login, and
 * receive the pack again, as often as they liked. What leaving keeps tells who had the pack: the
 * 'join' points row records the login that joined (`created_by`), and each gift-pack coupon the
 * same login (`claimed_by`); both stay with the anonymised company.
 *
 * - private.had_gift_pack is that rule; partial indexes keep it to the store's joins.
 * - welcome_member (as in 20261204000500) gives nothing to a company whose joining login had the
 *   store's pack before. A colleague accepting an invitation joins an existing company, inserts
 *   no members row and, as before, receives nothing.
 * - private.join_store (as in 20261206000100) is re-created only to say so in its result,
 *   `gift_pack_received_before`, which exchange_cards passes on: the welcome tells the returning
 *   buyer why there is no pack instead of showing one they did not receive.
 *
 * Every other line of the re-created functions is as in the migration named above.
 */

create index points_ledger_join_by_idx on public.points_ledger (store_id, created_by) where reason = 'join';
create index member_coupons_gift_pack_by_idx on public.member_coupons (store_id, claimed_by) where source = 'gift_pack';

/** Whether `p_user` joined `p_store_id` before and received its gift pack (points or coupons), in any company since anonymised. */
create function private.had_gift_pack(p_store_id uuid, p_user uuid)
returns boolean
language sql stable
set search_path = ''
as $$
  select exists (select 1 from public.points_ledger l
      where l.store_id = p_store_id and l.reason = 'join' and l.created_by = p_user)
    or exists (select 1 from public.member_coupons mc
      where mc.store_id = p_store_id and mc.source = 'gift_pack' and mc.claimed_by = p_user)
$$;
-- Called only by the security-definer functions below, as their owner.
revoke execute on function private.had_gift_pack(uuid, uuid) from public;

/** As in 20261204000500, once per joining login: none for one that had the store's pack before. */
create or replace function private.welcome_member()
returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  v_join_points int := (select s.join_points from public.stores s where s.id = new.store_id);
begin
  if private.had_gift_pack(new.store_id, (select auth.uid())) then
    return null;
  end if;
  if v_join_points > 0 then
    perform private.credit_points(new.id, v_join_points, 'join', new.joined_at, p_created_by => (select auth.uid()));
  end if;
  insert into public.member_coupons (store_id, coupon_id, member_id, slot, source, claimed_by)
  select c.store_id, c.id, new.id, 1, 'gift_pack', (select auth.uid())
  from private.gift_pack_coupons(new.store_id) c
  on conflict do nothing;
  return null;
end
$$;

/** As in 20261206000100, with `gift_pack_received_before` in the result. */
create or replace function private.join_store(
  p_store_slug text,
  p_company_name text,
  p_full_name text,
  p_email text,
  p_job_title text,
  p_phone text,
  p_country text,
  p_website text,
  p_industry text,
  p_whatsapp text,
  p_wechat text,
  p_preferred_locale text
)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_store public.stores;
  v_member_id uuid;
  v_contact_id uuid;
  v_joined boolean := false;
  v_had_pack boolean := false;
  v_email text;
  v_country text;
begin
  select * into v_store from public.stores s where s.slug = p_store_slug;
  if v_store.id is null then
    perform private.reject('store', 'not found', 'PT404');
  end if;

  select c.member_id, c.id into v_member_id, v_contact_id
  from public.member_contacts c where c.store_id = v_store.id and c.user_id = v_user;

  if v_member_id is null then
    if private.my_confirmed_email() is null then
      perform private.reject('email', 'of your login is not confirmed yet: enter the code we e-mailed you, then join', '42501');
    end if;
    perform private.check_line('company_name', p_company_name, 200, true);
    perform private.check_line('full_name', p_full_name, 120, true);
    -- The format alone: a length check first answered 'Germany' with 'must be at most 2 characters'.
    v_country := private.clean_format('country', upper(p_country), 'country');
    v_email := private.clean_format('email', coalesce(private.clean_line('email', p_email, 254), private.my_confirmed_email()), 'email');
    perform private.check_locale(p_preferred_locale, 'preferred_locale');

    perform private.count_join(v_store.id, v_user);

    -- Before the insert, whose welcome_member asks the same.
    v_had_pack := private.had_gift_pack(v_store.id, v_user);

    -- The card triggers check website, industry, phone, whatsapp, wechat and job_title.
    insert into public.members (store_id, company_name, country, website, industry, tier_id)
    values (v_store.id, btrim(p_company_name), v_country, private.clean_line('website', p_website, 300),
      private.clean_line('industry', p_industry, 120),
      (select t.id from public.tiers t where t.store_id = v_store.id and t.rank = 0))
    returning id into v_member_id;

    insert into public.member_contacts (member_id, store_id, user_id, role, full_name, job_title, email,
      phone, whatsapp, wechat, preferred_locale)
    values (v_member_id, v_store.id, v_user, 'primary', btrim(p_full_name),
      private.clean_line('job_title', p_job_title, 120), v_email, private.clean_line('phone', p_phone, 40),
      private.clean_line('whatsapp', p_whatsapp, 40), private.clean_line('wechat', p_wechat, 60), p_preferred_locale)
    returning id into v_contact_id;
    v_joined := true;
  end if;

  return jsonb_build_object(
    'member_id', v_member_id,
    'contact_id', v_contact_id,
    'store_id', v_store.id,
    'store_slug', v_store.slug,
    'company_name', (select m.company_name from public.members m where m.id = v_member_id),
    'joined', v_joined,
    'gift_pack_received_before', v_had_pack
  );
end
$$;
