/**
 * The same request sent twice at once (a double click in the widget, two tabs) is answered as it
 * would be one after the other. The losers of such a race got Postgres' own message naming a
 * constraint (`duplicate key value violates unique constraint "member_contacts_store_id_user_id_key"`,
 * `… "stores_slug_key"`): each function checked for the row first and inserted after, and a
 * concurrent call passed the same check before either had committed. The unique constraints
 * decide the race; each function now answers its loser with what that constraint means:
 *
 * - private.join_store (as in 20261207000200): the join (its count against the join limits, the
 *   company, its gift pack, the card) is one block; a concurrent join by the same login that wins
 *   the card rolls the block back, so the loser has counted no join and given no pack, and answers
 *   with the winner's membership and `joined` false, as a repeated join does.
 * - private.exchange_cards (as in 20261203000100): a join_store that answers `joined` false,
 *   because a concurrent exchange won, returns that answer as a repeated exchange does, without
 *   writing the loser's profile or consent over the winner's.
 * - private.accept_invitation (as in 20261124000200): a card written concurrently by a join or
 *   another invitation of the same login answers `23505 You are already a member contact at this
 *   store`, as it does when that card came first.
 * - private.create_store (as in 20261124000100): a slug taken concurrently answers `23505 slug is
 *   already taken`. The check for a taken slug comes after the lock on the login's creations, so
 *   one login's concurrent calls see the slug taken before counting its stores, as in sequence.
 *
 * Only a violation of that one constraint is caught (by its name); any other is raised as before.
 * Every other line of the re-created functions is as in the migration named above each; create or
 * replace keeps their grants.
 */

/** As in 20261124000100, with the slug check after the lock and a concurrent slug answered as taken. */
create or replace function private.create_store(p_slug text, p_name text, p_base_currency text, p_default_locale text)
returns public.stores
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_store public.stores;
  v_constraint text;
begin
  if p_slug is null or p_slug !~ '^[a-z0-9][a-z0-9-]{1,62}$' then
    perform private.reject('slug', 'must be 2-63 lowercase letters, digits or hyphens, starting with a letter or digit');
  end if;
  perform private.check_line('name', p_name, 120, true);
  if coalesce(p_base_currency, '') !~ '^[A-Z]{3}$' then
    perform private.reject('base_currency', 'must be a three-letter ISO 4217 code such as USD');
  end if;
  if not private.is_locale(p_default_locale) then
    perform private.reject('default_locale', 'must be one of ' || private.locale_list());
  end if;
  -- One creation at a time per login, so concurrent calls cannot pass the count together.
  perform pg_advisory_xact_lock(hashtextextended('cardclub.create_store:' || v_user::text, 0));
  if exists (select 1 from public.stores s where s.slug = p_slug) then
    perform private.reject('slug', 'is already taken', '23505');
  end if;
  if (select count(*) from public.store_staff s where s.user_id = v_user and s.role = 'owner') >= 10 then
    perform private.reject(null, 'Store limit reached: one login may own at most 10 stores', 'P0001');
  end if;

  begin
    insert into public.stores (slug, name, base_currency, default_locale)
    values (p_slug, btrim(p_name), p_base_currency, p_default_locale)
    returning * into v_store;
  exception when unique_violation then
    get stacked diagnostics v_constraint = constraint_name;
    if v_constraint is distinct from 'stores_slug_key' then
      raise;
    end if;
    -- Another login's concurrent call took the slug after the check above.
    perform private.reject('slug', 'is already taken', '23505');
  end;
  insert into public.store_staff (store_id, user_id, role) values (v_store.id, v_user, 'owner');
  return v_store;
end
$$;

/** As in 20261207000200, with a concurrent join by the same login answered as a repeated one. */
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
  v_constraint text;
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

    -- One block: a concurrent join that wins the card takes back this one's count, company and pack.
    begin
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
    exception when unique_violation then
      get stacked diagnostics v_constraint = constraint_name;
      if v_constraint is distinct from 'member_contacts_store_id_user_id_key' then
        raise;
      end if;
      -- The winner has committed (the insert waited for it): its membership, as a repeated join answers.
      v_had_pack := false;
      select c.member_id, c.id into v_member_id, v_contact_id
      from public.member_contacts c where c.store_id = v_store.id and c.user_id = v_user;
    end;
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

/** As in 20261203000100, with a concurrent exchange by the same login answered as a repeated one. */
create or replace function private.exchange_cards(
  p_store_slug text,
  p_company_name text,
  p_full_name text,
  p_email text,
  p_job_title text,
  p_phone text,
  p_whatsapp text,
  p_wechat text,
  p_country text,
  p_website text,
  p_industry text,
  p_purchase_volume text,
  p_product_categories text[],
  p_contact_consent boolean,
  p_preferred_locale text
)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_store public.stores := private.store_by_slug(p_store_slug);
  v_result jsonb;
  v_categories text[];
begin
  if exists (select 1 from public.member_contacts c where c.store_id = v_store.id and c.user_id = v_user) then
    return private.join_store(p_store_slug, p_company_name, p_full_name, p_email, p_job_title, p_phone, p_country,
      p_website, p_industry, p_whatsapp, p_wechat, p_preferred_locale);
  end if;

  if nullif(btrim(p_phone), '') is null and nullif(btrim(p_whatsapp), '') is null and nullif(btrim(p_wechat), '') is null then
    perform private.reject('phone', 'or a WhatsApp number or WeChat ID is required');
  end if;
  if not private.is_purchase_volume(nullif(btrim(p_purchase_volume), '')) then
    perform private.reject('purchase_volume', 'must be one of under_10k, 10k_50k, 50k_200k, 200k_1m, over_1m');
  end if;
  v_categories := private.clean_product_categories(p_product_categories);
  if p_contact_consent is null then
    perform private.reject('contact_consent', 'must be true or false');
  end if;

  v_result := private.join_store(p_store_slug, p_company_name, p_full_name, p_email, p_job_title, p_phone, p_country,
    p_website, p_industry, p_whatsapp, p_wechat, p_preferred_locale);
  -- A concurrent exchange by the same login won: answered as a repeated one, its profile untouched.
  if not (v_result ->> 'joined')::boolean then
    return v_result;
  end if;

  update public.members m
  set purchase_volume = nullif(btrim(p_purchase_volume), ''), product_categories = v_categories
  where m.id = (v_result ->> 'member_id')::uuid;
  if p_contact_consent then
    update public.member_contacts c set contact_consent_at = now() where c.id = (v_result ->> 'contact_id')::uuid;
  end if;

  return v_result || jsonb_build_object('contact_consent_at',
    (select c.contact_consent_at from public.member_contacts c where c.id = (v_result ->> 'contact_id')::uuid));
end
$$;

/** As in 20261124000200, with a card written concurrently for the same login answered as one written before. */
create or replace function private.accept_invitation(
  p_token uuid,
  p_full_name text,
  p_job_title text,
  p_phone text,
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
  v_invitation public.member_invitations;
  v_contact_id uuid;
  v_constraint text;
begin
  -- An invitation the caller cannot read is answered like a missing one, and never locked.
  select * into v_invitation from public.member_invitations i
  where i.token = p_token and private.can_read_invitation(i)
  for update;
  if v_invitation.id is null then
    perform private.reject('token', 'matches no invitation', 'PT404');
  end if;
  if v_invitation.accepted_at is not null then
    perform private.reject('token', 'has already been used');
  end if;
  if v_invitation.expires_at <= now() then
    perform private.reject('token', 'has expired; ask your colleague for a new invitation');
  end if;
  if lower(v_invitation.email) is distinct from private.my_confirmed_email() then
    perform private.reject('email', 'of your login is not the address this invitation was sent to', '42501');
  end if;
  if exists (select 1 from public.member_contacts c where c.store_id = v_invitation.store_id and c.user_id = v_user) then
    perform private.reject(null, 'You are already a member contact at this store', '23505');
  end if;
  perform private.check_line('full_name', p_full_name, 120, true);
  perform private.check_locale(p_preferred_locale, 'preferred_locale');

  perform private.count_join(v_invitation.store_id, v_user);

  begin
    insert into public.member_contacts (member_id, store_id, user_id, role, full_name, job_title, email,
      phone, whatsapp, wechat, preferred_locale)
    values (v_invitation.member_id, v_invitation.store_id, v_user, 'colleague', btrim(p_full_name),
      private.clean_line('job_title', p_job_title, 120), v_invitation.email, private.clean_line('phone', p_phone, 40),
      private.clean_line('whatsapp', p_whatsapp, 40), private.clean_line('wechat', p_wechat, 60), p_preferred_locale)
    returning id into v_contact_id;
  exception when unique_violation then
    get stacked diagnostics v_constraint = constraint_name;
    if v_constraint is distinct from 'member_contacts_store_id_user_id_key' then
      raise;
    end if;
    -- A join or another invitation of this login wrote its card after the check above.
    perform private.reject(null, 'You are already a member contact at this store', '23505');
  end;
  update public.member_invitations i set accepted_at = now(), accepted_by = v_contact_id where i.id = v_invitation.id;

  return (
    select jsonb_build_object('member_id', m.id, 'contact_id', v_contact_id, 'store_id', s.id,
      'store_slug', s.slug, 'company_name', m.company_name)
    from public.members m join public.stores s on s.id = m.store_id
    where m.id = v_invitation.member_id);
end
$$;
