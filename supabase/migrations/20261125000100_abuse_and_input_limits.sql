-- Hardening against bad input and abuse (issue 5): how often new memberships may be started
-- per login and per client network, and the input rules every text, number and date a client
-- can send must meet.
--
-- Rules live in three places that agree: small predicate functions (`private.is_*`) that
-- CHECK constraints call, so no row can break them whoever writes it; RPC argument checks that
-- refuse with 22023 "<field> <reason>" before anything is written; and, for the columns members
-- may update directly (their company's card and their own business card), BEFORE triggers that
-- give the same 22023 answer instead of a bare constraint name.

-- ---------------------------------------------------------------------------------------------
-- Input predicates
-- ---------------------------------------------------------------------------------------------

/**
 * Text that renders as one line: no C0/C1 control characters (tab and newline included) and no
 * Unicode line or paragraph separators. Null passes (optional fields). Markup is not refused:
 * `<b>` in a company name is just text, escaped where it is shown.
 */
create function private.is_single_line(p_value text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_value !~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]'
$$;

/** Text that may span lines (messages, notes, descriptions): tab, LF and CR allowed, other control characters not. */
create function private.is_text_block(p_value text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_value !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]'
$$;

/**
 * An address mail can be sent to: one @, a local part of at most 64 characters and a dotted
 * domain, without spaces, quotes, brackets or other characters that need quoting in a header.
 * Non-ASCII letters are allowed (internationalised addresses).
 */
create function private.is_email(p_value text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select length(p_value) <= 254 and private.is_single_line(p_value)
    and p_value ~ '^[^][\s@<>(),;:"\\]{1,64}@([^][\s@<>(),;:"\\.]+\.)+[^][\s@<>(),;:"\\.]{2,63}$'
$$;

/** A phone number as people write it: +, digits, spaces and ( ) . - /, at least 4 digits, an optional extension. */
create function private.is_phone(p_value text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select length(p_value) <= 40
    and p_value ~ '^\+?[0-9 ()./-]{4,32}((ext\.?|x|#) ?[0-9]{1,6})?$'
    and p_value ~ '([0-9][^0-9]*){4}'
$$;

/** A WeChat ID (letters, digits, _ - . +) or the phone number it is registered with. */
create function private.is_wechat_id(p_value text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_value ~ '^[A-Za-z0-9+][A-Za-z0-9_.+ -]{0,59}$'
$$;

/**
 * An http(s) address with a dotted host name. Anything else (javascript:, data:, mailto:,
 * relative paths) is refused because the portal renders a company's website as a link.
 */
create function private.is_web_url(p_value text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select length(p_value) <= 300
    and p_value ~* '^https?://([a-z0-9\u00a1-\uffff-]+\.)+[a-z\u00a1-\uffff-]{2,63}(:[0-9]{1,5})?([/?#][^\s<>"\\]*)?$'
$$;

/** A carrier's tracking number: letters and digits, with spaces . _ / - between them. */
create function private.is_tracking_number(p_value text)
returns boolean
language sql immutable
set search_path = ''
as $$
  select p_value ~ '^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,99}$'
$$;

/** A tier's perks: at most 20 one-line texts of 1-200 characters each. */
create function private.are_perks(p_perks text[])
returns boolean
language sql immutable
set search_path = ''
as $$
  select cardinality(p_perks) <= 20
    and not exists (select 1 from unnest(p_perks) p
                    where p is null or length(btrim(p)) not between 1 and 200 or not private.is_single_line(p))
$$;

-- CHECK constraints run these as the writing role.
revoke execute on function private.is_single_line(text), private.is_text_block(text), private.is_email(text),
  private.is_phone(text), private.is_wechat_id(text), private.is_web_url(text), private.is_tracking_number(text),
  private.are_perks(text[]) from public;
grant execute on function private.is_single_line(text), private.is_text_block(text), private.is_email(text),
  private.is_phone(text), private.is_wechat_id(text), private.is_web_url(text), private.is_tracking_number(text),
  private.are_perks(text[]) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Argument checks that name the field
-- ---------------------------------------------------------------------------------------------

/**
 * Checks a one-line text argument or column: required (when `p_required`), at most `p_max`
 * characters after trimming, no control characters. Raises 22023 "<field> <reason>".
 */
create function private.check_line(p_field text, p_value text, p_max int, p_required boolean default false)
returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_required and coalesce(btrim(p_value, E' \t\n\r'), '') = '' then
    perform private.reject(p_field, 'is required');
  end if;
  if length(btrim(p_value)) > p_max then
    perform private.reject(p_field, format('must be at most %s characters', p_max));
  end if;
  if not private.is_single_line(p_value) then
    perform private.reject(p_field, 'must be a single line without control characters');
  end if;
end
$$;

/** As check_line, for text that may span lines. */
create function private.check_block(p_field text, p_value text, p_max int, p_required boolean default false)
returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if p_required and coalesce(btrim(p_value, E' \t\n\r'), '') = '' then
    perform private.reject(p_field, 'is required');
  end if;
  if length(btrim(p_value)) > p_max then
    perform private.reject(p_field, format('must be at most %s characters', p_max));
  end if;
  if not private.is_text_block(p_value) then
    perform private.reject(p_field, 'must not contain control characters');
  end if;
end
$$;

/** A one-line text argument trimmed to null when blank, refused when too long or not one line. */
create function private.clean_line(p_field text, p_value text, p_max int)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  perform private.check_line(p_field, p_value, p_max);
  return nullif(btrim(p_value), '');
end
$$;

/**
 * Every caller of clean_text (messages, notes, reasons, answers, ...) now also refuses control
 * characters; one-line fields use clean_line instead.
 */
create or replace function private.clean_text(p_field text, p_value text, p_max int)
returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  perform private.check_block(p_field, p_value, p_max);
  return nullif(btrim(p_value), '');
end
$$;

/** A money amount argument: a finite number > 0 with at most 2 decimals and 12 digits before the point. */
create function private.check_amount(p_field text, p_value numeric)
returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  -- NaN compares equal to itself and greater than every number, so it passes `<= 0` checks.
  if p_value = 'NaN' or p_value <= 0 or p_value >= 1e12 or p_value <> round(p_value, 2) then
    perform private.reject(p_field, 'must be a positive amount with at most two decimals, below 1000000000000');
  end if;
end
$$;

revoke execute on function private.check_line(text, text, int, boolean), private.check_block(text, text, int, boolean),
  private.clean_line(text, text, int), private.check_amount(text, numeric) from public;
-- The card triggers below run as the writing role.
grant execute on function private.check_line(text, text, int, boolean), private.check_block(text, text, int, boolean)
  to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Column rules
-- ---------------------------------------------------------------------------------------------
-- Numeric columns also refuse NaN, which numeric(p, s) stores and which passes `>= 0`.
--
-- Constraints are validated against existing rows, so a deployed database holding values the
-- new rules refuse stops this migration (nothing applied) for someone to look at them. Two kinds
-- the old rules let in legitimately are repaired first, without losing anything: a website
-- typed without its scheme, and optional card fields saved blank by a direct update.

update public.members m set website = 'https://' || btrim(m.website)
where not private.is_web_url(m.website) and private.is_web_url('https://' || btrim(m.website));
update public.members m set website = nullif(btrim(m.website), ''), industry = nullif(btrim(m.industry), '')
where btrim(m.website) = '' or btrim(m.industry) = '';
update public.member_contacts c
set job_title = nullif(btrim(c.job_title), ''), phone = nullif(btrim(c.phone), ''),
    whatsapp = nullif(btrim(c.whatsapp), ''), wechat = nullif(btrim(c.wechat), '')
where btrim(c.job_title) = '' or btrim(c.phone) = '' or btrim(c.whatsapp) = '' or btrim(c.wechat) = '';

alter table public.stores
  add constraint stores_name_single_line check (private.is_single_line(name)),
  add constraint stores_points_per_currency_unit_range check (points_per_currency_unit <> 'NaN' and points_per_currency_unit <= 1000),
  add constraint stores_join_points_range check (join_points <= 1000000),
  add constraint stores_review_points_range check (review_points <= 1000000);

alter table public.tiers
  add constraint tiers_name_single_line check (private.is_single_line(name)),
  add constraint tiers_min_paid_amount_is_a_number check (min_paid_amount <> 'NaN'),
  add constraint tiers_points_multiplier_is_a_number check (points_multiplier <> 'NaN'),
  add constraint tiers_perks_at_most_20_lines check (private.are_perks(perks));

alter table public.members
  add constraint members_company_name_single_line check (private.is_single_line(company_name)),
  add constraint members_industry_single_line check (private.is_single_line(industry)),
  add constraint members_website_is_a_web_address check (private.is_web_url(website)),
  add constraint members_tier_override_reason_length check (length(tier_override_reason) <= 500 and private.is_text_block(tier_override_reason));

alter table public.member_contacts
  add constraint member_contacts_full_name_single_line check (private.is_single_line(full_name)),
  add constraint member_contacts_job_title_single_line check (private.is_single_line(job_title)),
  add constraint member_contacts_email_is_an_address check (private.is_email(email)),
  add constraint member_contacts_phone_is_a_number check (private.is_phone(phone)),
  add constraint member_contacts_whatsapp_is_a_number check (private.is_phone(whatsapp)),
  add constraint member_contacts_wechat_is_an_id check (private.is_wechat_id(wechat));

alter table public.products
  add constraint products_sku_single_line check (private.is_single_line(sku)),
  add constraint products_name_single_line check (private.is_single_line(name)),
  add constraint products_description_text check (private.is_text_block(description)),
  add constraint products_price_is_a_number check (price <> 'NaN'),
  -- One object name in the bucket: no empty or dot segments, nothing that is not one line.
  add constraint products_image_path_is_an_object_name check (
    length(image_path) <= 1024 and private.is_single_line(image_path)
    and image_path !~ '(^|/)\.{0,2}(/|$)');

alter table public.orders
  add constraint orders_external_ref_single_line check (private.is_single_line(external_ref)),
  add constraint orders_amount_is_a_number check (amount <> 'NaN'),
  add constraint orders_exchange_rate_is_a_number check (exchange_rate <> 'NaN');

alter table public.member_invitations
  add constraint member_invitations_email_is_an_address check (private.is_email(email));

alter table public.sample_claims
  add constraint sample_claims_tracking_number_format check (private.is_tracking_number(tracking_number)),
  add constraint sample_claims_carrier_single_line check (private.is_single_line(carrier)),
  add constraint sample_claims_rejection_reason_text check (private.is_text_block(rejection_reason)),
  -- claim_sample admits nine fields of at most 200 characters each.
  add constraint sample_claims_ship_to_size check (octet_length(ship_to::text) <= 8000);

alter table public.coupons
  add constraint coupons_description_text check (private.is_text_block(description)),
  add constraint coupons_value_is_a_number check (value <> 'NaN'),
  add constraint coupons_min_order_amount_is_a_number check (min_order_amount <> 'NaN');

alter table public.member_coupons
  add constraint member_coupons_used_order_ref_single_line check (private.is_single_line(used_order_ref));

alter table public.rewards
  add constraint rewards_name_single_line check (private.is_single_line(name)),
  add constraint rewards_description_text check (private.is_text_block(description));

alter table public.points_ledger
  add constraint points_ledger_note_text check (private.is_text_block(note));

alter table public.rebate_ledger
  add constraint rebate_ledger_note_text check (private.is_text_block(note)),
  add constraint rebate_ledger_applied_to_order_ref_single_line check (private.is_single_line(applied_to_order_ref));

alter table public.order_reviews
  add constraint order_reviews_body_text check (private.is_text_block(body));

alter table public.inquiries
  add constraint inquiries_message_text check (private.is_text_block(message)),
  add constraint inquiries_answer_text check (private.is_text_block(answer)),
  add constraint inquiries_target_price_is_a_number check (target_price <> 'NaN');

-- ---------------------------------------------------------------------------------------------
-- Cards members edit directly
-- ---------------------------------------------------------------------------------------------

/**
 * A company's card as contacts and staff write it (join_store or a direct update): each changed
 * field is checked with a 22023 answer naming it. Blank optional fields are stored as null.
 */
create function private.check_member_card()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or new.company_name is distinct from old.company_name then
    perform private.check_line('company_name', new.company_name, 200, true);
  end if;
  if (tg_op = 'INSERT' or new.country is distinct from old.country) and new.country !~ '^[A-Z]{2}$' then
    perform private.reject('country', 'must be a two-letter ISO 3166 code such as DE');
  end if;
  if tg_op = 'INSERT' or new.website is distinct from old.website then
    new.website := nullif(btrim(new.website), '');
    if not private.is_web_url(new.website) then
      perform private.reject('website', 'must be an http:// or https:// address such as https://example.com (at most 300 characters)');
    end if;
  end if;
  if tg_op = 'INSERT' or new.industry is distinct from old.industry then
    perform private.check_line('industry', new.industry, 120);
    new.industry := nullif(new.industry, '');
  end if;
  return new;
end
$$;
revoke execute on function private.check_member_card() from public;

create trigger members_check_card before insert or update of company_name, country, website, industry on public.members
  for each row execute function private.check_member_card();

/** A contact's business card as join_store, accept_invitation or the contact writes it; as check_member_card. */
create function private.check_contact_card()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or new.full_name is distinct from old.full_name then
    perform private.check_line('full_name', new.full_name, 120, true);
  end if;
  if tg_op = 'INSERT' or new.job_title is distinct from old.job_title then
    perform private.check_line('job_title', new.job_title, 120);
    new.job_title := nullif(new.job_title, '');
  end if;
  if tg_op = 'INSERT' or new.email is distinct from old.email then
    new.email := nullif(btrim(new.email), '');
    if not private.is_email(new.email) then
      perform private.reject('email', 'is not an email address');
    end if;
  end if;
  if tg_op = 'INSERT' or new.phone is distinct from old.phone then
    new.phone := nullif(btrim(new.phone), '');
    if not private.is_phone(new.phone) then
      perform private.reject('phone', 'must be a phone number such as +49 30 1234567 (digits, spaces, + ( ) . - /)');
    end if;
  end if;
  if tg_op = 'INSERT' or new.whatsapp is distinct from old.whatsapp then
    new.whatsapp := nullif(btrim(new.whatsapp), '');
    if not private.is_phone(new.whatsapp) then
      perform private.reject('whatsapp', 'must be a phone number such as +49 30 1234567 (digits, spaces, + ( ) . - /)');
    end if;
  end if;
  if tg_op = 'INSERT' or new.wechat is distinct from old.wechat then
    new.wechat := nullif(btrim(new.wechat), '');
    if not private.is_wechat_id(new.wechat) then
      perform private.reject('wechat', 'must be a WeChat ID of at most 60 letters, digits and _ - . +');
    end if;
  end if;
  if (tg_op = 'INSERT' or new.preferred_locale is distinct from old.preferred_locale)
     and new.preferred_locale not in ('en', 'zh-CN', 'es') then
    perform private.reject('preferred_locale', 'must be one of en, zh-CN, es');
  end if;
  return new;
end
$$;
revoke execute on function private.check_contact_card() from public;

create trigger member_contacts_check_card
  before insert or update of full_name, job_title, email, phone, whatsapp, wechat, preferred_locale on public.member_contacts
  for each row execute function private.check_contact_card();

-- ---------------------------------------------------------------------------------------------
-- Join rate limits
-- ---------------------------------------------------------------------------------------------

/**
 * How many memberships may be started per window: per login email (across stores), per client
 * network and store, and per client network overall. A "join" is what join_store creates for a
 * new company (its primary contact) and what accept_invitation creates (a colleague contact).
 * Operators tune a limit by updating its row (e.g. a store collecting sign-ups at a trade fair
 * on one Wi-Fi network).
 */
create table private.join_limits (
  -- email: the login's mailbox, lower-cased, "+tag" removed, so a+1@x and a+2@x share one budget.
  -- ip: the client network (an IPv4 address, or an IPv6 /64, which one subscriber usually holds).
  -- ip_store: the client network at one store.
  scope text not null check (scope in ('email', 'ip', 'ip_store')),
  period interval not null check (period in (interval '1 hour', interval '1 day')),
  max_joins int not null check (max_joins between 1 and 1000000),
  primary key (scope, period)
);
comment on table private.join_limits is 'Join rate limits per login email, per client network and store, and per client network.';

insert into private.join_limits (scope, period, max_joins) values
  -- A buyer joins a handful of stores at a time; one login joining every store is a scraper.
  ('email', '1 hour', 10),
  ('email', '1 day', 30),
  -- An office or a trade-fair stand may bring dozens of colleagues to one store; hundreds of
  -- throwaway accounts from one network into one store is spam.
  ('ip_store', '1 hour', 50),
  ('ip_store', '1 day', 200),
  -- Carrier-grade NAT puts many unrelated buyers behind one IPv4 address; this only stops one
  -- host from spraying every store.
  ('ip', '1 hour', 1000);

/**
 * Successful joins per limit, subject and fixed window. Only joins that commit are counted:
 * the counter is raised in the joining transaction, so a refused or failed join (including the
 * refusal by this very limit) rolls its increment back.
 */
create table private.join_counters (
  scope text not null,
  period interval not null,
  -- The normalised email, the network, or "<network> <store id>".
  subject text not null,
  -- Windows are aligned to the hour / the UTC day, so the retry time is exact.
  window_start timestamptz not null,
  joins int not null check (joins >= 0),
  primary key (scope, period, subject, window_start),
  foreign key (scope, period) references private.join_limits (scope, period) on update cascade on delete cascade
);
comment on table private.join_counters is 'Joins counted per rate limit, subject and window; old windows are pruned as joins arrive.';
create index join_counters_window_start_idx on private.join_counters (window_start);

-- Neither table is in an exposed schema; RLS without policies keeps them closed if one ever is.
alter table private.join_limits enable row level security;
alter table private.join_counters enable row level security;
revoke all on table private.join_limits, private.join_counters from public, anon, authenticated, service_role;

/** The join-limit subject of a login: its email lower-cased without a "+tag", or its id when it has no email. */
create function private.join_email(p_user uuid)
returns text
language sql stable
set search_path = ''
as $$
  select coalesce(
    (select regexp_replace(lower(btrim(u.email)), '^([^@+]*)\+[^@]*@', '\1@') from auth.users u where u.id = p_user),
    'user ' || p_user::text)
$$;

/**
 * The client's network as PostgREST reports it. Hosted Supabase sits behind Cloudflare, which
 * sets CF-Connecting-IP to the connecting address whatever the client sent, while it only
 * appends to a client's own X-Forwarded-For; so that header wins, and the first
 * X-Forwarded-For entry is the fallback (the local gateway drops CF-Connecting-IP and
 * overwrites X-Forwarded-For with the socket address). IPv4-mapped IPv6 counts as IPv4; other IPv6 addresses as their /64. Null when the
 * call did not come through the API (no request headers), e.g. seeds and back-end SQL.
 */
create function private.client_network()
returns text
language plpgsql stable
set search_path = ''
as $$
declare
  v_headers text := nullif(current_setting('request.headers', true), '');
  v_first text;
  v_ip inet;
begin
  if v_headers is null then
    return null;
  end if;
  begin
    v_first := coalesce(
      nullif(btrim(v_headers::json ->> 'cf-connecting-ip'), ''),
      nullif(btrim(split_part(v_headers::json ->> 'x-forwarded-for', ',', 1)), ''));
    -- "[2001:db8::1]:443" and "203.0.113.7:443" carry a port.
    v_first := regexp_replace(v_first, '^\[([^]]*)\](:[0-9]+)?$', '\1');
    v_first := regexp_replace(v_first, '^([0-9.]+):[0-9]+$', '\1');
    v_ip := v_first::inet;
  exception when others then
    -- Not an address: still the client's own token, so it is counted as given.
    return left(v_first, 100);
  end;
  if v_ip is null then
    return null;
  end if;
  if family(v_ip) = 6 and v_ip << inet '::ffff:0.0.0.0/96' then
    v_ip := inet '0.0.0.0' + (v_ip - inet '::ffff:0.0.0.0');
  end if;
  if family(v_ip) = 6 then
    return network(set_masklen(v_ip, 64))::text;
  end if;
  return host(v_ip);
end
$$;

/**
 * Counts one join by the caller at a store against every limit, raising PT429 (HTTP 429) when
 * one is exceeded. Called right before the membership is written, in the same transaction:
 * each counter row stays locked until commit, so concurrent joins cannot both take the last
 * slot, and the rows are always locked in the same order (email, ip, ip_store), so they cannot
 * deadlock. Limits on the network are skipped when the call has no client address.
 */
create function private.count_join(p_store_id uuid, p_user uuid)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_email text := private.join_email(p_user);
  v_network text := private.client_network();
  v_limit private.join_limits;
  v_subject text;
  v_start timestamptz;
  v_joins int;
  v_unit text;
  v_rule text;
begin
  for v_limit in select * from private.join_limits l order by l.scope, l.period loop
    v_subject := case v_limit.scope
      when 'email' then v_email
      when 'ip' then v_network
      when 'ip_store' then v_network || ' ' || p_store_id::text
    end;
    continue when v_subject is null;
    v_start := date_bin(v_limit.period, now(), timestamptz '2000-01-01 00:00:00+00');

    insert into private.join_counters as c (scope, period, subject, window_start, joins)
    values (v_limit.scope, v_limit.period, v_subject, v_start, 1)
    on conflict (scope, period, subject, window_start) do update set joins = c.joins + 1
    returning c.joins into v_joins;

    if v_joins > v_limit.max_joins then
      v_unit := case v_limit.period when interval '1 hour' then 'hour' else 'day' end;
      v_rule := format('%s at most %s times per %s',
        case v_limit.scope
          when 'email' then 'one email address may join'
          when 'ip' then 'one network may join'
          else 'one network may join this store'
        end, v_limit.max_joins, v_unit);
      raise exception using
        errcode = 'PT429',
        message = format('Join limit reached: %s; try again after %s UTC', v_rule,
          to_char((v_start + v_limit.period) at time zone 'UTC', 'YYYY-MM-DD HH24:MI')),
        detail = jsonb_build_object('field', 'join_limit', 'reason', v_rule, 'scope', v_limit.scope,
          'limit', v_limit.max_joins, 'period', v_unit, 'retry_after', v_start + v_limit.period)::text;
    end if;
  end loop;

  -- Prune ended windows a few at a time; SKIP LOCKED never waits on a concurrent join.
  delete from private.join_counters c
  where c.ctid = any (array(
    select s.ctid from private.join_counters s
    where s.window_start < now() - interval '1 hour' and s.window_start + s.period <= now()
    limit 100
    for update skip locked));
end
$$;

revoke execute on function private.join_email(uuid), private.client_network(), private.count_join(uuid, uuid) from public;

-- ---------------------------------------------------------------------------------------------
-- RPCs, redefined with the limits and input rules
-- ---------------------------------------------------------------------------------------------

/**
 * Creates a store; the caller becomes its owner and it starts with the default tiers. Sign-up
 * is open, so one login may own at most 10 stores: enough for a merchant group's brands, not
 * for squatting slugs by the thousand.
 * Errors: 22023 invalid slug/name/currency/locale, 23505 slug taken, P0001 store limit reached.
 */
create or replace function public.create_store(p_slug text, p_name text, p_base_currency text default 'USD', p_default_locale text default 'en')
returns public.stores
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_store public.stores;
begin
  if p_slug is null or p_slug !~ '^[a-z0-9][a-z0-9-]{1,62}$' then
    perform private.reject('slug', 'must be 2-63 lowercase letters, digits or hyphens, starting with a letter or digit');
  end if;
  perform private.check_line('name', p_name, 120, true);
  if coalesce(p_base_currency, '') !~ '^[A-Z]{3}$' then
    perform private.reject('base_currency', 'must be a three-letter ISO 4217 code such as USD');
  end if;
  if coalesce(p_default_locale, '') not in ('en', 'zh-CN', 'es') then
    perform private.reject('default_locale', 'must be one of en, zh-CN, es');
  end if;
  if exists (select 1 from public.stores s where s.slug = p_slug) then
    perform private.reject('slug', 'is already taken', '23505');
  end if;
  -- One creation at a time per login, so concurrent calls cannot pass the count together.
  perform pg_advisory_xact_lock(hashtextextended('cardclub.create_store:' || v_user::text, 0));
  if (select count(*) from public.store_staff s where s.user_id = v_user and s.role = 'owner') >= 10 then
    perform private.reject(null, 'Store limit reached: one login may own at most 10 stores', 'P0001');
  end if;

  insert into public.stores (slug, name, base_currency, default_locale)
  values (p_slug, btrim(p_name), p_base_currency, p_default_locale)
  returning * into v_store;
  insert into public.store_staff (store_id, user_id, role) values (v_store.id, v_user, 'owner');
  return v_store;
end
$$;
revoke execute on function public.create_store(text, text, text, text) from public, anon, authenticated;
grant execute on function public.create_store(text, text, text, text) to authenticated;

/**
 * Exchanges business cards: the caller's company becomes an ordinary member of the store and
 * the caller its primary contact. Idempotent: a caller already a contact at the store gets
 * that membership back (`joined` false), nothing changes and nothing is counted.
 * Errors: 42501 not signed in, P0002 unknown store, 22023 invalid field, PT429 join limit.
 */
create or replace function public.join_store(
  p_store_slug text,
  p_company_name text,
  p_full_name text,
  p_email text default null,
  p_job_title text default null,
  p_phone text default null,
  p_country text default null,
  p_website text default null,
  p_industry text default null,
  p_whatsapp text default null,
  p_wechat text default null,
  p_preferred_locale text default null
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
  v_email text;
  v_country text;
begin
  select * into v_store from public.stores s where s.slug = p_store_slug;
  if v_store.id is null then
    perform private.reject('store', 'not found', 'P0002');
  end if;

  select c.member_id, c.id into v_member_id, v_contact_id
  from public.member_contacts c where c.store_id = v_store.id and c.user_id = v_user;

  if v_member_id is null then
    perform private.check_line('company_name', p_company_name, 200, true);
    perform private.check_line('full_name', p_full_name, 120, true);
    v_country := upper(private.clean_line('country', p_country, 2));
    if v_country !~ '^[A-Z]{2}$' then
      perform private.reject('country', 'must be a two-letter ISO 3166 code such as DE');
    end if;
    v_email := coalesce(private.clean_line('email', p_email, 254), (select auth.email()));
    if not private.is_email(v_email) then
      perform private.reject('email', 'is not an email address');
    end if;
    if p_preferred_locale not in ('en', 'zh-CN', 'es') then
      perform private.reject('preferred_locale', 'must be one of en, zh-CN, es');
    end if;

    perform private.count_join(v_store.id, v_user);

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
    'joined', v_joined
  );
end
$$;
revoke execute on function public.join_store(text, text, text, text, text, text, text, text, text, text, text, text) from public, anon, authenticated;
grant execute on function public.join_store(text, text, text, text, text, text, text, text, text, text, text, text) to authenticated;

/**
 * A contact invites a colleague by email to their company's membership. Inviting the same
 * address again renews the pending invitation; a company holds at most 100 pending ones.
 * Errors: P0002 unknown company, or one the caller cannot read; 42501 the caller reads it but is
 * not its contact (staff); 22023 bad email; 23505 already a contact; P0001 too many pending
 * invitations.
 */
create or replace function public.invite_colleague(p_member_id uuid, p_email text)
returns public.member_invitations
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_contact public.member_contacts;
  v_email text := lower(btrim(p_email));
  v_invitation public.member_invitations;
  v_pending int;
begin
  if not exists (select 1 from public.members m
                 where m.id = p_member_id and private.can_read_company_row(m.store_id, m.id)) then
    perform private.reject('member_id', 'matches no member', 'P0002');
  end if;
  select * into v_contact from public.member_contacts c
  where c.member_id = p_member_id and c.user_id = v_user;
  if v_contact.id is null then
    perform private.reject('member_id', 'is not a company you are a contact of', '42501');
  end if;
  if v_email is null or not private.is_email(v_email) then
    perform private.reject('email', 'is not an email address');
  end if;
  if exists (select 1 from public.member_contacts c join auth.users u on u.id = c.user_id
             where c.store_id = v_contact.store_id and lower(u.email) = v_email) then
    perform private.reject('email', 'already belongs to a member contact of this store', '23505');
  end if;

  -- One company's invitations are counted one at a time.
  perform 1 from public.members m where m.id = p_member_id for update;
  select count(*) into v_pending from public.member_invitations i
  where i.member_id = p_member_id and i.accepted_at is null and i.expires_at > now() and lower(i.email) <> v_email;
  if v_pending >= 100 then
    perform private.reject('email', 'cannot be invited: your company has 100 pending invitations; withdraw some first', 'P0001');
  end if;

  insert into public.member_invitations as i (member_id, store_id, email, invited_by)
  values (p_member_id, v_contact.store_id, v_email, v_contact.id)
  on conflict (member_id, lower(email)) where accepted_at is null do update
    set expires_at = now() + interval '14 days', invited_by = excluded.invited_by
  returning * into v_invitation;
  return v_invitation;
end
$$;
revoke execute on function public.invite_colleague(uuid, text) from public, anon, authenticated;
grant execute on function public.invite_colleague(uuid, text) to authenticated;

/**
 * The signed-in invitee accepts: they become a colleague contact of the company with their
 * own business card. Returns {"member_id", "contact_id", "store_id", "store_slug", "company_name"}.
 * Errors: P0002 unknown token, or an invitation the caller cannot read (neither the invitee nor
 * the company's contact nor the store's staff); 42501 not signed in or invitation addressed to
 * another email; 22023 expired/used invitation or bad card field; 23505 already a contact at
 * this store; PT429 join limit.
 */
create or replace function public.accept_invitation(
  p_token uuid,
  p_full_name text,
  p_job_title text default null,
  p_phone text default null,
  p_whatsapp text default null,
  p_wechat text default null,
  p_preferred_locale text default null
)
returns jsonb
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_invitation public.member_invitations;
  v_contact_id uuid;
begin
  -- An invitation the caller cannot read is answered like a missing one, and never locked.
  select * into v_invitation from public.member_invitations i
  where i.token = p_token and private.can_read_invitation(i)
  for update;
  if v_invitation.id is null then
    perform private.reject('token', 'matches no invitation', 'P0002');
  end if;
  if v_invitation.accepted_at is not null then
    perform private.reject('token', 'has already been used');
  end if;
  if v_invitation.expires_at <= now() then
    perform private.reject('token', 'has expired; ask your colleague for a new invitation');
  end if;
  if lower(v_invitation.email) is distinct from lower((select auth.email())) then
    perform private.reject('email', 'of your login is not the address this invitation was sent to', '42501');
  end if;
  if exists (select 1 from public.member_contacts c where c.store_id = v_invitation.store_id and c.user_id = v_user) then
    perform private.reject(null, 'You are already a member contact at this store', '23505');
  end if;
  perform private.check_line('full_name', p_full_name, 120, true);
  if p_preferred_locale not in ('en', 'zh-CN', 'es') then
    perform private.reject('preferred_locale', 'must be one of en, zh-CN, es');
  end if;

  perform private.count_join(v_invitation.store_id, v_user);

  insert into public.member_contacts (member_id, store_id, user_id, role, full_name, job_title, email,
    phone, whatsapp, wechat, preferred_locale)
  values (v_invitation.member_id, v_invitation.store_id, v_user, 'colleague', btrim(p_full_name),
    private.clean_line('job_title', p_job_title, 120), v_invitation.email, private.clean_line('phone', p_phone, 40),
    private.clean_line('whatsapp', p_whatsapp, 40), private.clean_line('wechat', p_wechat, 60), p_preferred_locale)
  returning id into v_contact_id;
  update public.member_invitations i set accepted_at = now(), accepted_by = v_contact_id where i.id = v_invitation.id;

  return (
    select jsonb_build_object('member_id', m.id, 'contact_id', v_contact_id, 'store_id', s.id,
      'store_slug', s.slug, 'company_name', m.company_name)
    from public.members m join public.stores s on s.id = m.store_id
    where m.id = v_invitation.member_id);
end
$$;
revoke execute on function public.accept_invitation(uuid, text, text, text, text, text, text) from public, anon, authenticated;
grant execute on function public.accept_invitation(uuid, text, text, text, text, text, text) to authenticated;

/**
 * Staff set (or with a null tier, clear) a member's tier override until `p_expires_at`, a
 * finite time (an override is temporary; 'infinity' would make it permanent).
 * Returns the member row. Errors: P0002 unknown company, or one the caller cannot read; 42501
 * the caller reads it as its contact, not as staff; 22023 bad tier, expiry or reason.
 */
create or replace function public.set_tier_override(p_member_id uuid, p_tier_id uuid, p_expires_at timestamptz default null, p_reason text default null)
returns public.members
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
begin
  if p_tier_id is not null then
    if not exists (select 1 from public.tiers t where t.id = p_tier_id and t.store_id = v_member.store_id) then
      perform private.reject('tier_id', 'is not a tier of this store');
    end if;
    if p_expires_at is null or p_expires_at <= now() or not isfinite(p_expires_at) then
      perform private.reject('expires_at', 'must be in the future and finite (not infinity)');
    end if;
  end if;

  update public.members m
  set tier_override_id = p_tier_id,
      tier_override_expires_at = case when p_tier_id is null then null else p_expires_at end,
      tier_override_reason = case when p_tier_id is null then null else private.clean_text('reason', p_reason, 500) end
  where m.id = p_member_id;
  perform private.refresh_member_tier(p_member_id, 'override');
  return (select m from public.members m where m.id = p_member_id);
end
$$;
revoke execute on function public.set_tier_override(uuid, uuid, timestamptz, text) from public, anon, authenticated;
grant execute on function public.set_tier_override(uuid, uuid, timestamptz, text) to authenticated;

/**
 * An import date: ISO 8601 (2026-03-01 or 2026-03-01T10:00:00Z), so that 03/04/2026 is never
 * read by the server's DateStyle; finite and not before 2000. Null when it is not one.
 */
create function private.import_timestamp(p_value text)
returns timestamptz
language plpgsql stable
set search_path = ''
as $$
declare
  v_at timestamptz;
begin
  if p_value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$' then
    return null;
  end if;
  v_at := private.try_timestamptz(p_value);
  if v_at < timestamptz '2000-01-01 00:00:00+00' then
    return null;
  end if;
  return v_at;
end
$$;
revoke execute on function private.import_timestamp(text) from public;

/** Validates row `p_row_no` of an import batch into a typed row, raising "Row N: field reason" on the first fault. */
create or replace function private.parse_order_row(p_store public.stores, p_row_no int, p_row jsonb)
returns private.order_import_row
language plpgsql stable security definer
set search_path = ''
as $$
declare
  v private.order_import_row;
  v_text text;
begin
  v.row_no := p_row_no;
  if jsonb_typeof(p_row) is distinct from 'object' then
    perform private.reject(null, 'must be an object', '22023', p_row_no);
  end if;
  -- The documented fields fit in a few hundred bytes; this bounds what 10,000 rows may carry.
  if octet_length(p_row::text) > 4096 then
    perform private.reject(null, 'is larger than 4096 bytes; send only the order fields', '22023', p_row_no);
  end if;

  v.external_ref := btrim(p_row ->> 'external_ref');
  if coalesce(v.external_ref, '') = '' or length(v.external_ref) > 100 then
    perform private.reject('external_ref', 'is required (1-100 characters)', '22023', p_row_no);
  end if;
  if not private.is_single_line(v.external_ref) then
    perform private.reject('external_ref', 'must be a single line without control characters', '22023', p_row_no);
  end if;

  if p_row ? 'member_id' and p_row ->> 'member_id' is not null then
    v_text := p_row ->> 'member_id';
    if v_text !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
       or not exists (select 1 from public.members m where m.id = v_text::uuid and m.store_id = p_store.id) then
      perform private.reject('member_id', 'is not a member of this store', '22023', p_row_no);
    end if;
    v.member_id := v_text::uuid;
  elsif nullif(btrim(p_row ->> 'email'), '') is not null then
    select c.member_id, c.id into v.member_id, v.contact_id
    from public.member_contacts c join auth.users u on u.id = c.user_id
    where c.store_id = p_store.id and lower(u.email) = lower(btrim(p_row ->> 'email')) and not u.is_sso_user;
    if v.member_id is null then
      perform private.reject('email', 'matches no member contact of this store', '22023', p_row_no);
    end if;
  else
    perform private.reject('member_id', 'or email is required', '22023', p_row_no);
  end if;

  if jsonb_typeof(p_row -> 'amount') is distinct from 'number' or (p_row ->> 'amount')::numeric <= 0 then
    perform private.reject('amount', 'must be a positive number', '22023', p_row_no);
  end if;
  if (p_row ->> 'amount')::numeric <> round((p_row ->> 'amount')::numeric, 2) or (p_row ->> 'amount')::numeric >= 1e12 then
    perform private.reject('amount', 'must have at most 2 decimals and 12 digits', '22023', p_row_no);
  end if;
  v.amount := (p_row ->> 'amount')::numeric;

  v.currency := coalesce(p_row ->> 'currency', p_store.base_currency);
  if v.currency !~ '^[A-Z]{3}$' then
    perform private.reject('currency', 'must be a three-letter ISO 4217 code such as USD', '22023', p_row_no);
  end if;

  if p_row -> 'exchange_rate' is null or jsonb_typeof(p_row -> 'exchange_rate') = 'null' then
    if v.currency <> p_store.base_currency then
      perform private.reject('exchange_rate', format('is required for %s (store currency %s)', v.currency, p_store.base_currency), '22023', p_row_no);
    end if;
    v.exchange_rate := 1;
  elsif jsonb_typeof(p_row -> 'exchange_rate') <> 'number'
        -- The column keeps 8 decimals: a smaller rate would be stored as 0.
        or round((p_row ->> 'exchange_rate')::numeric, 8) <= 0
        or (p_row ->> 'exchange_rate')::numeric >= 1e10 then
    perform private.reject('exchange_rate', 'must be a positive number from 0.00000001 to 9999999999', '22023', p_row_no);
  elsif v.currency = p_store.base_currency and (p_row ->> 'exchange_rate')::numeric <> 1 then
    perform private.reject('exchange_rate', format('must be 1 for the store currency %s', p_store.base_currency), '22023', p_row_no);
  else
    v.exchange_rate := (p_row ->> 'exchange_rate')::numeric;
  end if;
  if round(v.amount * v.exchange_rate, 2) >= 1e12 then
    perform private.reject('amount', format('converted to %s must be below 1000000000000', p_store.base_currency), '22023', p_row_no);
  end if;

  v.placed_at := private.import_timestamp(p_row ->> 'placed_at');
  if v.placed_at is null then
    perform private.reject('placed_at', 'must be a date or timestamp such as 2026-03-01T10:00:00Z, from 2000 on', '22023', p_row_no);
  end if;
  -- A day of slack for merchants' clocks and time zones.
  if v.placed_at > now() + interval '1 day' then
    perform private.reject('placed_at', 'must not be in the future', '22023', p_row_no);
  end if;

  if p_row ->> 'delivered_at' is not null then
    v.delivered_at := private.import_timestamp(p_row ->> 'delivered_at');
    if v.delivered_at is null or v.delivered_at < v.placed_at then
      perform private.reject('delivered_at', 'must be a timestamp no earlier than placed_at', '22023', p_row_no);
    end if;
    if v.delivered_at > now() + interval '1 day' then
      perform private.reject('delivered_at', 'must not be in the future', '22023', p_row_no);
    end if;
  end if;

  v.status := p_row ->> 'status';
  if v.status is null or v.status not in ('paid', 'refunded', 'cancelled') then
    perform private.reject('status', 'must be one of paid, refunded, cancelled', '22023', p_row_no);
  end if;

  if exists (select 1 from public.orders o
             where o.store_id = p_store.id and o.external_ref = v.external_ref and o.member_id <> v.member_id) then
    perform private.reject('external_ref', 'already belongs to another member''s order', '22023', p_row_no);
  end if;
  return v;
end
$$;
revoke execute on function private.parse_order_row(public.stores, int, jsonb) from public;

/**
 * A shipping address with only known fields, each trimmed, one line and within length; name,
 * line1, city, country and phone required; phone and postal code in their formats.
 */
create or replace function private.parse_ship_to(p_ship_to jsonb)
returns jsonb
language plpgsql immutable
set search_path = ''
as $$
declare
  v_key text;
  v_result jsonb := '{}';
  v_required constant text[] := array['name', 'line1', 'city', 'country', 'phone'];
  v_known constant text[] := array['name', 'company', 'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'phone'];
begin
  if jsonb_typeof(p_ship_to) is distinct from 'object' then
    perform private.reject('ship_to', 'must be an address object');
  end if;
  for v_key in select jsonb_object_keys(p_ship_to) loop
    if not v_key = any (v_known) then
      perform private.reject('ship_to.' || left(v_key, 40), 'is not an address field');
    end if;
    if jsonb_typeof(p_ship_to -> v_key) not in ('string', 'null') then
      perform private.reject('ship_to.' || v_key, 'must be text');
    end if;
    if nullif(btrim(p_ship_to ->> v_key), '') is not null then
      v_result := v_result || jsonb_build_object(v_key, private.clean_line('ship_to.' || v_key, p_ship_to ->> v_key, 200));
    end if;
  end loop;
  foreach v_key in array v_required loop
    if v_result ->> v_key is null then
      perform private.reject('ship_to.' || v_key, 'is required');
    end if;
  end loop;
  if upper(v_result ->> 'country') !~ '^[A-Z]{2}$' then
    perform private.reject('ship_to.country', 'must be a two-letter ISO 3166 code such as DE');
  end if;
  if not private.is_phone(v_result ->> 'phone') then
    perform private.reject('ship_to.phone', 'must be a phone number such as +49 30 1234567 (digits, spaces, + ( ) . - /)');
  end if;
  if v_result ->> 'postal_code' !~ '^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$' then
    perform private.reject('ship_to.postal_code', 'must be at most 16 letters, digits, spaces or hyphens');
  end if;
  return jsonb_set(v_result, '{country}', to_jsonb(upper(v_result ->> 'country')));
end
$$;
revoke execute on function private.parse_ship_to(jsonb) from public;

/**
 * Staff ship an approved claim with its tracking number. Errors: P0002 unknown (or unreadable)
 * claim; 42501 not staff of its store; 22023 wrong status, missing or malformed tracking.
 */
create or replace function public.ship_sample(p_claim_id uuid, p_tracking_number text, p_carrier text default null)
returns public.sample_claims
language plpgsql security definer
set search_path = ''
as $$
declare
  v_claim public.sample_claims := private.lock_sample_claim(p_claim_id, 'staff', array['approved'], 'shipped');
  v_tracking text := private.clean_line('tracking_number', p_tracking_number, 100);
begin
  if v_tracking is null then
    perform private.reject('tracking_number', 'is required');
  end if;
  if not private.is_tracking_number(v_tracking) then
    perform private.reject('tracking_number', 'must be letters and digits, with spaces . _ / - between them');
  end if;
  update public.sample_claims c
  set status = 'shipped', shipped_at = now(), tracking_number = v_tracking,
      carrier = private.clean_line('carrier', p_carrier, 100)
  where c.id = v_claim.id returning * into v_claim;
  return v_claim;
end
$$;
revoke execute on function public.ship_sample(uuid, text, text) from public, anon, authenticated;
grant execute on function public.ship_sample(uuid, text, text) to authenticated;

/**
 * Staff record that a held coupon was used on an order. Errors: P0002 unknown, or a held coupon
 * the caller cannot read (another company's or store's); 42501 the caller reads it but is not
 * staff of its store (the holding company's contact); P0001 already used or expired, 22023
 * missing or malformed order reference.
 */
create or replace function public.record_coupon_use(p_member_coupon_id uuid, p_order_ref text)
returns public.member_coupons
language plpgsql security definer
set search_path = ''
as $$
declare
  v_held public.member_coupons;
  v_user uuid;
begin
  select * into v_held from public.member_coupons mc where mc.id = p_member_coupon_id;
  if v_held.id is null or not private.can_read_company_row(v_held.store_id, v_held.member_id) then
    perform private.reject('member_coupon_id', 'matches no held coupon', 'P0002');
  end if;
  v_user := private.require_staff_of(v_held.store_id);
  if private.clean_line('order_ref', p_order_ref, 100) is null then
    perform private.reject('order_ref', 'is required');
  end if;
  perform private.lock_member(v_held.member_id);
  select * into v_held from public.member_coupons mc where mc.id = p_member_coupon_id;
  if v_held.used_at is not null then
    perform private.reject('member_coupon', format('was already used on order %s', v_held.used_order_ref), 'P0001');
  end if;
  if (select c.valid_until <= now() from public.coupons c where c.id = v_held.coupon_id) then
    perform private.reject('member_coupon', 'has expired', 'P0001');
  end if;

  update public.member_coupons mc
  set used_at = now(), used_order_ref = btrim(p_order_ref), used_by = v_user
  where mc.id = v_held.id
  returning * into v_held;
  return v_held;
end
$$;
revoke execute on function public.record_coupon_use(uuid, text) from public, anon, authenticated;
grant execute on function public.record_coupon_use(uuid, text) to authenticated;

/**
 * Staff add points (a credit that expires after the store's period) or take them (at most the
 * balance) with a note saying why; at most 100,000,000 points either way in one adjustment.
 * Returns the new balance. Errors: P0002 unknown company, or one the caller cannot read; 42501
 * the caller reads it as its contact, not as staff; 22023 zero or out-of-range delta or missing
 * note, P0001 not enough points.
 */
create or replace function public.adjust_points(p_member_id uuid, p_delta int, p_note text)
returns bigint
language plpgsql security definer
set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
begin
  perform private.lock_member_for_staff(p_member_id);
  if coalesce(p_delta, 0) = 0 or abs(p_delta::bigint) > 100000000 then
    perform private.reject('delta', 'must be a non-zero whole number of points, at most 100000000 either way');
  end if;
  if private.clean_text('note', p_note, 500) is null then
    perform private.reject('note', 'is required: say why the points change');
  end if;

  perform private.lock_and_check_points(p_member_id, greatest(-p_delta, 0));
  if p_delta > 0 then
    perform private.credit_points(p_member_id, p_delta, 'adjustment', p_created_by => v_user, p_note => btrim(p_note));
  else
    perform private.debit_points(p_member_id, -p_delta, 'adjustment', p_created_by => v_user, p_note => btrim(p_note));
  end if;
  return (select m.points_balance from public.members m where m.id = p_member_id);
end
$$;
revoke execute on function public.adjust_points(uuid, int, text) from public, anon, authenticated;
grant execute on function public.adjust_points(uuid, int, text) to authenticated;

/**
 * Staff record rebate deducted from a later order (by the merchant's order reference).
 * Returns the new balance. Errors: P0002 unknown company, or one the caller cannot read; 42501
 * the caller reads it as its contact, not as staff; 22023 bad amount (NaN, infinite, too many
 * digits) or missing reference, P0001 more than the balance.
 */
create or replace function public.apply_rebate(p_member_id uuid, p_amount numeric, p_order_ref text, p_note text default null)
returns numeric
language plpgsql security definer
set search_path = ''
as $$
declare
  v_member public.members := private.lock_member_for_staff(p_member_id);
  v_currency char(3);
begin
  if p_amount is null then
    perform private.reject('amount', 'must be a positive amount with at most two decimals');
  end if;
  perform private.check_amount('amount', p_amount);
  if private.clean_line('order_ref', p_order_ref, 100) is null then
    perform private.reject('order_ref', 'is required');
  end if;
  select s.base_currency into v_currency from public.stores s where s.id = v_member.store_id;
  if p_amount > v_member.rebate_balance then
    perform private.reject('amount', format('exceeds the rebate balance of %s %s', v_member.rebate_balance, v_currency), 'P0001');
  end if;

  insert into public.rebate_ledger (store_id, member_id, delta, currency, reason, applied_to_order_ref, created_by, note)
  values (v_member.store_id, v_member.id, -p_amount, v_currency, 'applied', btrim(p_order_ref), (select auth.uid()),
    private.clean_text('note', p_note, 500));
  return (select m.rebate_balance from public.members m where m.id = p_member_id);
end
$$;
revoke execute on function public.apply_rebate(uuid, numeric, text, text) from public, anon, authenticated;
grant execute on function public.apply_rebate(uuid, numeric, text, text) to authenticated;

/**
 * A contact sends an inquiry to a store they are a member of, optionally about a product they
 * can see (its currency is the default for the target price). A company may have at most 50
 * inquiries open (unanswered) at a time.
 * Errors: 42501 not a member, P0002 unknown store or product, 22023 bad field, P0001 too many open.
 */
create or replace function public.send_inquiry(
  p_store_slug text,
  p_message text,
  p_product_id uuid default null,
  p_quantity int default null,
  p_target_price numeric default null,
  p_currency text default null
)
returns public.inquiries
language plpgsql security definer
set search_path = ''
as $$
declare
  v_store_id uuid := (private.store_by_slug(p_store_slug)).id;
  v_contact public.member_contacts;
  v_product public.products;
  v_currency text;
  v_inquiry public.inquiries;
begin
  v_contact := private.my_contact_at(v_store_id);
  if private.clean_text('message', p_message, 4000) is null then
    perform private.reject('message', 'is required');
  end if;
  if p_product_id is not null then
    select * into v_product from public.products p
    where p.id = p_product_id and p.store_id = v_store_id and p.active
      and p.min_tier_rank <= private.member_rank(v_contact.member_id);
    if v_product.id is null then
      perform private.reject('product_id', 'matches no product', 'P0002');
    end if;
  end if;
  if p_quantity is not null and p_quantity not between 1 and 10000000 then
    perform private.reject('quantity', 'must be a whole number from 1 to 10000000');
  end if;
  if p_target_price is not null then
    perform private.check_amount('target_price', p_target_price);
    v_currency := coalesce(upper(p_currency), v_product.currency,
      (select s.base_currency from public.stores s where s.id = v_store_id));
    if v_currency !~ '^[A-Z]{3}$' then
      perform private.reject('currency', 'must be a three-letter ISO 4217 code such as USD');
    end if;
  end if;

  -- One company's open inquiries are counted one at a time.
  perform 1 from public.members m where m.id = v_contact.member_id for update;
  if (select count(*) from public.inquiries i where i.member_id = v_contact.member_id and i.status = 'open') >= 50 then
    perform private.reject('inquiry', 'cannot be sent: your company has 50 open inquiries; wait for answers first', 'P0001');
  end if;

  insert into public.inquiries (store_id, member_id, contact_id, product_id, quantity, target_price, currency, message)
  values (v_store_id, v_contact.member_id, v_contact.id, p_product_id, p_quantity, p_target_price, v_currency, btrim(p_message))
  returning * into v_inquiry;
  return v_inquiry;
end
$$;
revoke execute on function public.send_inquiry(text, text, uuid, int, numeric, text) from public, anon, authenticated;
grant execute on function public.send_inquiry(text, text, uuid, int, numeric, text) to authenticated;
