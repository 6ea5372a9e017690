/**
 * Two rules that must hold for every client, kept in the database:
 *
 * - A store's address finds it whatever its case. Slugs are lower case by rule (stores' CHECK,
 *   create_store), but /store/?s=WALK4-HAIR, /me/, /posts/, /embed/ and a widget's
 *   data-store="WALK4-HAIR" answered "no store called WALK4-HAIR". private.store_by_slug, which
 *   every RPC taking p_store_slug goes through, is re-created to compare in lower case;
 *   private.join_store (body as in 20261206000300) is re-created only because it looked the slug up
 *   itself: it now calls store_by_slug, with the same PT404.
 * - A store's brand colour must be readable: white text on it (the widget's launcher and buttons,
 *   the frame's primary buttons) and text in it on white (links, secondary buttons) need WCAG AA's
 *   4.5:1. The console warned that #ffff66 reached 1.1:1 and saved it anyway, and the buyers' frame
 *   used it at once. The CHECK constraint stores_brand_color_is_readable (private.contrast_with_white,
 *   the console's own formula) refuses such a colour from any writer with 23514; colours saved
 *   before the rule that break it are reset to the default (null), as Postgres checks the
 *   constraint again on any update of the row and a rename would otherwise fail on the colour.
 *
 * Every other line of the re-created functions is as in the migration named above each.
 */

-- ---------------------------------------------------------------------------------------------
-- Store addresses in any case
-- ---------------------------------------------------------------------------------------------

/** As in 20261124000200: a store by slug, compared in lower case (slugs are stored so), or PT404. */
create or replace function private.store_by_slug(p_store_slug text)
returns public.stores
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v_store public.stores;
begin
  select * into v_store from public.stores s where s.slug = lower(p_store_slug);
  if v_store.id is null then
    perform private.reject('store', 'not found', 'PT404');
  end if;
  return v_store;
end
$$;

/** As in 20261206000300, the store found by store_by_slug (in any case). */
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
  v_store := private.store_by_slug(p_store_slug);

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

-- ---------------------------------------------------------------------------------------------
-- A readable brand colour
-- ---------------------------------------------------------------------------------------------

/**
 * WCAG contrast ratio of a `#rrggbb` colour against white (1 to 21), as the console computes it
 * (src/components/console/settings/contrast.ts); null for anything else, which
 * stores_brand_color_is_hex refuses.
 */
create function private.contrast_with_white(p_color text)
returns double precision
language sql immutable
set search_path = ''
as $$
  select case when p_color ~ '^#[0-9a-f]{6}$' then
    1.05 / (0.05 + (
      select sum(weight * case when v <= 0.03928 then v / 12.92 else power((v + 0.055) / 1.055, 2.4) end)
      from (
        -- Channel i's two hex digits (at 2i and 2i + 1) as 0-1.
        select weight, (16 * strpos('0123456789abcdef', substr(p_color, 2 * i::int, 1))
            + strpos('0123456789abcdef', substr(p_color, 2 * i::int + 1, 1)) - 17) / 255.0::double precision as v
        from unnest(array[0.2126, 0.7152, 0.0722]::double precision[]) with ordinality as w(weight, i)
      ) channels))
  end
$$;
revoke execute on function private.contrast_with_white(text) from public;
-- The constraint below runs it as the writing role.
grant execute on function private.contrast_with_white(text) to anon, authenticated, service_role;

update public.stores set brand_color = null where private.contrast_with_white(brand_color) < 4.5;

alter table public.stores add constraint stores_brand_color_is_readable
  check (private.contrast_with_white(brand_color) >= 4.5);
comment on constraint stores_brand_color_is_readable on public.stores is
  'White text on the colour, and the colour as text on white, reach WCAG AA''s 4.5:1 (null: the default colour).';
