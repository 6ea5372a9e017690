-- Stores (tenants), their staff, tiers with the rights they grant, buyer companies as members
-- with their contacts' business cards, products with a visibility, the input rules every text,
-- number and date a client can send must meet, and how often new memberships may be started
-- per login and per client network (join rate limits).
--
-- Grants follow one pattern: hosted Supabase grants everything on new public objects to
-- anon/authenticated, so each table and function revokes that and grants back exactly what
-- each role needs. Helpers that policies call live in `private`, which PostgREST does not expose.
--
-- The exposed schema lists the API and nothing else, and nothing in it runs with its owner's
-- rights (Supabase's Security Advisor, lints 0028/0029). An RPC that must write what its caller
-- may not (ledgers, quotas, tiers) keeps its body, `security definer`, in `private` under the
-- RPC's name; `public` holds a one-line `security invoker` function with the same arguments,
-- defaults, result and errors that calls it. An RPC whose work the caller's own grants and RLS
-- allow is simply `security invoker`.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;

-- The API is PostgREST's /rest/v1 only. Hosted projects come with pg_graphql, whose /graphql/v1
-- would describe every table anon or authenticated can select to anyone holding the anon key
-- (lints 0026/0027); docs/security.md says how to turn it back on safely.
drop extension if exists pg_graphql;

-- ---------------------------------------------------------------------------------------------
-- Errors
-- ---------------------------------------------------------------------------------------------

/**
 * Raises an error whose message reaches the client as is ("company_name is required",
 * "Row 3: amount must be a positive number") with machine-readable detail
 * {"field", "reason", "row"} for forms that highlight the offending input.
 */
create function private.reject(p_field text, p_reason text, p_errcode text default '22023', p_row int default null)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception using
    errcode = p_errcode,
    message = case when p_row is null then '' else format('Row %s: ', p_row) end
              || case when p_field is null then p_reason else p_field || ' ' || p_reason end,
    detail = pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('field', p_field, 'reason', p_reason, 'row', p_row))::text;
end
$$;
revoke execute on function private.reject(text, text, text, int) from public;
-- Guard triggers run as the writing role and raise through it; it can only raise.
grant execute on function private.reject(text, text, text, int) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Input rules
-- ---------------------------------------------------------------------------------------------
-- Rules live in three places that agree: small predicate functions (`private.is_*`) that
-- CHECK constraints call, so no row can break them whoever writes it; RPC argument checks that
-- refuse with 22023 "<field> <reason>" before anything is written; and, for the columns members
-- may update directly (their company's card and their own business card), BEFORE triggers that
-- give the same 22023 answer instead of a bare constraint name. Numeric columns also refuse NaN,
-- which numeric(p, s) stores and which passes `>= 0`.

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
 * Trims a text argument to null when blank, refusing it when longer than `p_max` or when it holds
 * control characters other than tab, LF and CR (messages, notes, reasons, answers); one-line
 * fields use clean_line instead.
 */
create function private.clean_text(p_field text, p_value text, p_max int)
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

/**
 * Trims a formatted text argument to null when blank and refuses it, naming the field, when it is
 * not an `email`, `phone` (also WhatsApp), `wechat` ID, `web_url` or `country` (ISO 3166 alpha-2,
 * upper case); one place for each format's rule and wording. Null passes unless required.
 */
create function private.clean_format(p_field text, p_value text, p_format text, p_required boolean default false)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v_value text := nullif(btrim(p_value), '');
  v_valid boolean := case p_format
    when 'email' then private.is_email(v_value)
    when 'phone' then private.is_phone(v_value)
    when 'wechat' then private.is_wechat_id(v_value)
    when 'web_url' then private.is_web_url(v_value)
    when 'country' then v_value ~ '^[A-Z]{2}$'
  end;
begin
  if (v_value is null and p_required) or not v_valid then
    perform private.reject(p_field, case p_format
      when 'email' then 'is not an email address'
      when 'phone' then 'must be a phone number such as +49 30 1234567 (digits, spaces, + ( ) . - /)'
      when 'wechat' then 'must be a WeChat ID of at most 60 letters, digits and _ - . +'
      when 'web_url' then 'must be an http:// or https:// address such as https://example.com (at most 300 characters)'
      when 'country' then 'must be a two-letter ISO 3166 code such as DE'
    end);
  end if;
  return v_value;
end
$$;

revoke execute on function private.check_line(text, text, int, boolean), private.check_block(text, text, int, boolean),
  private.clean_line(text, text, int), private.clean_text(text, text, int), private.check_amount(text, numeric),
  private.clean_format(text, text, text, boolean) from public;
-- The card triggers on members and member_contacts run as the writing role.
grant execute on function private.check_line(text, text, int, boolean), private.check_block(text, text, int, boolean),
  private.clean_format(text, text, text, boolean) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Stores and staff
-- ---------------------------------------------------------------------------------------------

/** A merchant's store: the tenant every other row belongs to. */
create table public.stores (
  id uuid primary key default gen_random_uuid(),
  -- Public identifier in widget tags and portal URLs; never changes once created.
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(btrim(name)) between 1 and 120),
  -- Tier thresholds, order amounts (after exchange) and rebates are in this currency.
  base_currency char(3) not null default 'USD' check (base_currency ~ '^[A-Z]{3}$'),
  default_locale text not null default 'en' check (default_locale in ('en', 'zh-CN', 'es')),
  -- Rolling window of paid orders that tier rules count.
  statistical_period_days int not null default 365 check (statistical_period_days between 1 and 3650),
  -- Rolling window in which sample claims count against a tier's quota.
  sample_period_days int not null default 365 check (sample_period_days between 1 and 3650),
  churn_threshold_days int not null default 180 check (churn_threshold_days between 1 and 3650),
  points_expiry_days int not null default 365 check (points_expiry_days between 1 and 3650),
  points_per_currency_unit numeric(10,4) not null default 1 check (points_per_currency_unit >= 0),
  join_points int not null default 0 check (join_points >= 0),
  review_points int not null default 0 check (review_points >= 0),
  created_at timestamptz not null default now(),
  constraint stores_name_single_line check (private.is_single_line(name)),
  constraint stores_points_per_currency_unit_range check (points_per_currency_unit <> 'NaN' and points_per_currency_unit <= 1000),
  constraint stores_join_points_range check (join_points <= 1000000),
  constraint stores_review_points_range check (review_points <= 1000000)
);
comment on table public.stores is 'A merchant''s store (tenant). Readable by anyone; settings editable by its owners.';

/** Who runs a store. Owners may change store settings; all staff manage tiers, products, orders and samples. */
create table public.store_staff (
  store_id uuid not null references public.stores (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'staff' check (role in ('owner', 'staff')),
  created_at timestamptz not null default now(),
  primary key (store_id, user_id)
);
create index store_staff_user_id_idx on public.store_staff (user_id);

/** Stores the caller works at (any role). */
create function private.staff_store_ids()
returns setof uuid
language sql stable security definer
-- A caller belongs to a handful of stores and companies: the default estimate of 1000 rows
-- would keep policies from hashing this set once per query.
rows 10
set search_path = ''
as $$
  select s.store_id from public.store_staff s where s.user_id = (select auth.uid())
$$;

/** Stores the caller owns. */
create function private.owned_store_ids()
returns setof uuid
language sql stable security definer
-- A caller belongs to a handful of stores and companies: the default estimate of 1000 rows
-- would keep policies from hashing this set once per query.
rows 10
set search_path = ''
as $$
  select s.store_id from public.store_staff s where s.user_id = (select auth.uid()) and s.role = 'owner'
$$;

revoke execute on function private.staff_store_ids(), private.owned_store_ids() from public;
grant execute on function private.staff_store_ids(), private.owned_store_ids() to authenticated, service_role;

alter table public.stores enable row level security;
revoke all on table public.stores from anon, authenticated;
grant select on table public.stores to anon, authenticated;
-- Slug and base currency stay fixed: embeds and recorded amounts depend on them.
grant update (name, default_locale, statistical_period_days, sample_period_days, churn_threshold_days,
  points_expiry_days, points_per_currency_unit, join_points, review_points) on table public.stores to authenticated;

create policy "Anyone reads stores" on public.stores
  for select to anon, authenticated using (true);
create policy "Owners update their store's settings" on public.stores
  for update to authenticated
  using (id in (select private.owned_store_ids()))
  with check (id in (select private.owned_store_ids()));

alter table public.store_staff enable row level security;
revoke all on table public.store_staff from anon, authenticated;
grant select on table public.store_staff to authenticated;

create policy "Staff read their store's staff" on public.store_staff
  for select to authenticated using (store_id in (select private.staff_store_ids()));

-- ---------------------------------------------------------------------------------------------
-- Tiers and their rights
-- ---------------------------------------------------------------------------------------------

/**
 * A store's membership levels, ordered by rank. A member reaches a tier when their paid orders
 * in the statistical period meet both minimums; rank 0 (ordinary) is everyone's floor.
 */
create table public.tiers (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null references public.stores (id) on delete cascade,
  rank int not null check (rank >= 0),
  name text not null check (length(btrim(name)) between 1 and 60),
  min_paid_orders int not null default 0 check (min_paid_orders >= 0),
  -- In the store's base currency.
  min_paid_amount numeric(14,2) not null default 0 check (min_paid_amount >= 0),
  discount_percent numeric(5,2) not null default 0 check (discount_percent between 0 and 100),
  -- Replaces a product's own minimum order quantity for this tier (null: the product's own).
  moq_override int check (moq_override >= 1),
  prepay_regular_percent numeric(5,2) not null default 50 check (prepay_regular_percent between 0 and 100),
  prepay_customized_percent numeric(5,2) not null default 75 check (prepay_customized_percent between 0 and 100),
  -- Free sample claims per sample period; null means unlimited.
  sample_quota int check (sample_quota >= 0),
  free_freight boolean not null default false,
  logistics_upgrade boolean not null default false,
  priority_delivery boolean not null default false,
  points_multiplier numeric(4,2) not null default 1 check (points_multiplier >= 0),
  rebate_percent numeric(5,2) not null default 0 check (rebate_percent between 0 and 100),
  perks text[] not null default '{}',
  created_at timestamptz not null default now(),
  unique (store_id, rank),
  unique (store_id, name),
  -- Target of composite foreign keys that keep a member's tier within its own store.
  unique (id, store_id),
  constraint tiers_ordinary_has_no_threshold check (rank > 0 or (min_paid_orders = 0 and min_paid_amount = 0)),
  constraint tiers_name_single_line check (private.is_single_line(name)),
  constraint tiers_min_paid_amount_is_a_number check (min_paid_amount <> 'NaN'),
  constraint tiers_points_multiplier_is_a_number check (points_multiplier <> 'NaN'),
  constraint tiers_perks_at_most_20_lines check (private.are_perks(perks))
);
comment on table public.tiers is 'Membership levels per store and the rights each grants. Public (tier benefits are marketing material); staff edit.';

/** The ordinary tier must keep rank 0: it is every member's floor and cannot be moved or removed. */
create function private.guard_ordinary_tier()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and old.rank = 0 and new.rank <> 0 then
    perform private.reject('rank', 'of the ordinary tier must stay 0');
  elsif tg_op = 'DELETE' and old.rank = 0
        and exists (select 1 from public.stores s where s.id = old.store_id) then
    perform private.reject(null, 'The ordinary tier (rank 0) cannot be removed');
  end if;
  return coalesce(new, old);
end
$$;
revoke execute on function private.guard_ordinary_tier() from public;

create trigger tiers_guard_ordinary before update of rank or delete on public.tiers
  for each row execute function private.guard_ordinary_tier();

/** Every new store starts with the three default tiers of seeds 001 and 003. */
create function private.create_default_tiers()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  insert into public.tiers (store_id, rank, name, min_paid_orders, min_paid_amount, discount_percent,
    prepay_regular_percent, prepay_customized_percent, sample_quota, free_freight, logistics_upgrade,
    priority_delivery, points_multiplier, rebate_percent, perks)
  values
    (new.id, 0, 'Ordinary', 0, 0, 0, 50, 75, 3, false, false, false, 1, 0, '{}'),
    (new.id, 1, 'Senior', 1, 0, 3, 40, 75, 5, false, true, false, 1.5, 0, '{}'),
    (new.id, 2, 'VIP', 0, 10000, 8, 30, 75, null, true, true, true, 2, 5, '{"Member-exclusive styles first"}');
  return new;
end
$$;
revoke execute on function private.create_default_tiers() from public;

create trigger stores_create_default_tiers after insert on public.stores
  for each row execute function private.create_default_tiers();

alter table public.tiers enable row level security;
revoke all on table public.tiers from anon, authenticated;
grant select on table public.tiers to anon, authenticated;
grant insert, delete on table public.tiers to authenticated;
grant update (rank, name, min_paid_orders, min_paid_amount, discount_percent, moq_override, prepay_regular_percent,
  prepay_customized_percent, sample_quota, free_freight, logistics_upgrade, priority_delivery, points_multiplier,
  rebate_percent, perks) on table public.tiers to authenticated;

create policy "Anyone reads tiers" on public.tiers
  for select to anon, authenticated using (true);
create policy "Staff add tiers to their store" on public.tiers
  for insert to authenticated with check (store_id in (select private.staff_store_ids()));
create policy "Staff edit their store's tiers" on public.tiers
  for update to authenticated
  using (store_id in (select private.staff_store_ids()))
  with check (store_id in (select private.staff_store_ids()));
create policy "Staff remove their store's tiers above ordinary" on public.tiers
  for delete to authenticated using (store_id in (select private.staff_store_ids()) and rank > 0);

-- ---------------------------------------------------------------------------------------------
-- Members (buyer companies) and their contacts
-- ---------------------------------------------------------------------------------------------

/**
 * A buyer company's membership at one store. Tier, override and quotas are written only by
 * the engine's security-definer functions; contacts may edit the company's card fields.
 */
create table public.members (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null references public.stores (id) on delete cascade,
  company_name text not null check (length(btrim(company_name)) between 1 and 200),
  country char(2) check (country ~ '^[A-Z]{2}$'),
  website text check (length(website) <= 300),
  industry text check (length(industry) <= 120),
  -- Cached effective tier, kept current by the engine (000200): exact until tier_valid_until.
  tier_id uuid,
  -- The instant the cached tier may stop being right with no write at all (the oldest counted
  -- order leaves the period, or an override expires); null means "evaluate now".
  tier_valid_until timestamptz,
  -- What the cached tier was evaluated from: the paid orders in the statistical period (count,
  -- sum of amount_base, the oldest placed_at). Exact while tier_valid_until is in the future
  -- (no order has left the period and every order change re-evaluates), so reads of a member's
  -- progress and lifecycle, and the console's what-if, need not count the orders again.
  period_paid_orders int,
  period_paid_amount numeric,
  period_oldest_paid_at timestamptz,
  tier_override_id uuid,
  tier_override_expires_at timestamptz,
  tier_override_reason text,
  joined_at timestamptz not null default now(),
  last_evaluated_at timestamptz,
  -- When the newest paid order was placed, and the median time between consecutive paid orders
  -- (null below two), kept by the engine with the tier: staff lists sort by the first, churn
  -- risk reads both.
  last_paid_order_at timestamptz,
  paid_order_gap_median interval,
  unique (id, store_id),
  foreign key (tier_id, store_id) references public.tiers (id, store_id) on delete set null (tier_id),
  foreign key (tier_override_id, store_id) references public.tiers (id, store_id) on delete set null (tier_override_id),
  constraint members_override_has_expiry check ((tier_override_id is null) = (tier_override_expires_at is null)),
  constraint members_company_name_single_line check (private.is_single_line(company_name)),
  constraint members_industry_single_line check (private.is_single_line(industry)),
  constraint members_website_is_a_web_address check (private.is_web_url(website)),
  constraint members_tier_override_reason_length check (length(tier_override_reason) <= 500 and private.is_text_block(tier_override_reason))
);
comment on table public.members is 'A buyer company''s membership at a store. Its contacts and the store''s staff read it.';
create index members_store_id_idx on public.members (store_id);
-- The staff list's order: newest buyers first, then by company.
create index members_store_last_paid_order_idx on public.members (store_id, last_paid_order_at desc nulls last, company_name, id);
-- With the id, staff counting a tier's members (staff_members' total) read the index alone: the
-- select policy needs only id and store_id.
create index members_tier_id_idx on public.members (tier_id, store_id) include (id);
create index members_tier_override_id_idx on public.members (tier_override_id, store_id);

/** One login's business card at one company; every contact shares the company's membership. */
create table public.member_contacts (
  id uuid primary key default gen_random_uuid(),
  member_id uuid not null,
  -- Copy of members.store_id (kept equal by the foreign key) so policies need no join.
  store_id uuid not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'colleague' check (role in ('primary', 'colleague')),
  full_name text not null check (length(btrim(full_name)) between 1 and 120),
  job_title text check (length(job_title) <= 120),
  -- The card's email; orders are matched by the login's email, not this one.
  email text check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
  phone text check (length(phone) <= 40),
  whatsapp text check (length(whatsapp) <= 40),
  wechat text check (length(wechat) <= 60),
  preferred_locale text check (preferred_locale in ('en', 'zh-CN', 'es')),
  created_at timestamptz not null default now(),
  foreign key (member_id, store_id) references public.members (id, store_id) on delete cascade,
  unique (member_id, user_id),
  -- A login is a contact of at most one company per store.
  unique (store_id, user_id),
  constraint member_contacts_full_name_single_line check (private.is_single_line(full_name)),
  constraint member_contacts_job_title_single_line check (private.is_single_line(job_title)),
  constraint member_contacts_email_is_an_address check (private.is_email(email)),
  constraint member_contacts_phone_is_a_number check (private.is_phone(phone)),
  constraint member_contacts_whatsapp_is_a_number check (private.is_phone(whatsapp)),
  constraint member_contacts_wechat_is_an_id check (private.is_wechat_id(wechat))
);
comment on table public.member_contacts is 'Contacts (logins) of a member company with their business cards.';
create index member_contacts_member_store_idx on public.member_contacts (member_id, store_id);
create index member_contacts_user_id_idx on public.member_contacts (user_id);

/** Member companies the caller is a contact of. */
create function private.member_ids()
returns setof uuid
language sql stable security definer
-- A caller belongs to a handful of stores and companies: the default estimate of 1000 rows
-- would keep policies from hashing this set once per query.
rows 10
set search_path = ''
as $$
  select c.member_id from public.member_contacts c where c.user_id = (select auth.uid())
$$;

/** Stores where the caller is a contact of a member company. */
create function private.member_store_ids()
returns setof uuid
language sql stable security definer
-- A caller belongs to a handful of stores and companies: the default estimate of 1000 rows
-- would keep policies from hashing this set once per query.
rows 10
set search_path = ''
as $$
  select c.store_id from public.member_contacts c where c.user_id = (select auth.uid())
$$;

/**
 * The caller's effective tier rank per store they are a member of. This first cut reads the
 * cached tier and an unexpired override; the membership engine replaces it with a live
 * evaluation from orders.
 */
create function private.my_store_ranks()
returns table (store_id uuid, rank int)
language sql stable security definer
-- A caller belongs to a handful of stores and companies: the default estimate of 1000 rows
-- would keep policies from hashing this set once per query.
rows 10
set search_path = ''
as $$
  select m.store_id, greatest(coalesce(t.rank, 0), coalesce(o.rank, 0))
  from public.member_contacts c
  join public.members m on m.id = c.member_id
  left join public.tiers t on t.id = m.tier_id
  left join public.tiers o on o.id = m.tier_override_id and m.tier_override_expires_at > now()
  where c.user_id = (select auth.uid())
$$;

revoke execute on function private.member_ids(), private.member_store_ids(), private.my_store_ranks() from public;
grant execute on function private.member_ids(), private.member_store_ids(), private.my_store_ranks() to authenticated, service_role;

/**
 * Whether the caller may read a row of company `p_member_id` at store `p_store_id` — exactly
 * the select policy of members (its own id as `p_member_id`), member_contacts, orders,
 * tier_changes, sample_claims, member_coupons, the ledgers, order_reviews and inquiries:
 * a contact of the company or staff of the store. RPCs taking the id of such a row report one
 * the caller cannot read exactly like one that does not exist (PT404), so an id of another
 * store's row tells nothing; 42501 is for rows the caller can read but may not act on.
 */
create function private.can_read_company_row(p_store_id uuid, p_member_id uuid)
returns boolean
language sql stable
set search_path = ''
as $$
  select p_member_id in (select private.member_ids()) or p_store_id in (select private.staff_store_ids())
$$;
revoke execute on function private.can_read_company_row(uuid, uuid) from public;

alter table public.members enable row level security;
revoke all on table public.members from anon, authenticated;
grant select on table public.members to authenticated;
grant update (company_name, country, website, industry) on table public.members to authenticated;

create policy "Contacts and staff read member companies" on public.members
  for select to authenticated
  using (id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));
create policy "Contacts and staff edit a company's card" on public.members
  for update to authenticated
  using (id in (select private.member_ids()) or store_id in (select private.staff_store_ids()))
  with check (id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));

alter table public.member_contacts enable row level security;
revoke all on table public.member_contacts from anon, authenticated;
grant select on table public.member_contacts to authenticated;
grant update (full_name, job_title, email, phone, whatsapp, wechat, preferred_locale) on table public.member_contacts to authenticated;

create policy "Colleagues and staff read contacts" on public.member_contacts
  for select to authenticated
  using (member_id in (select private.member_ids()) or store_id in (select private.staff_store_ids()));
create policy "Contacts edit their own card" on public.member_contacts
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

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
  if tg_op = 'INSERT' or new.country is distinct from old.country then
    new.country := private.clean_format('country', new.country, 'country');
  end if;
  if tg_op = 'INSERT' or new.website is distinct from old.website then
    new.website := private.clean_format('website', new.website, 'web_url');
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
    new.email := private.clean_format('email', new.email, 'email');
  end if;
  if tg_op = 'INSERT' or new.phone is distinct from old.phone then
    new.phone := private.clean_format('phone', new.phone, 'phone');
  end if;
  if tg_op = 'INSERT' or new.whatsapp is distinct from old.whatsapp then
    new.whatsapp := private.clean_format('whatsapp', new.whatsapp, 'phone');
  end if;
  if tg_op = 'INSERT' or new.wechat is distinct from old.wechat then
    new.wechat := private.clean_format('wechat', new.wechat, 'wechat');
  end if;
  if tg_op = 'INSERT' or new.preferred_locale is distinct from old.preferred_locale then
    perform private.check_locale(new.preferred_locale, 'preferred_locale');
  end if;
  return new;
end
$$;
revoke execute on function private.check_contact_card() from public;

create trigger member_contacts_check_card
  before insert or update of full_name, job_title, email, phone, whatsapp, wechat, preferred_locale on public.member_contacts
  for each row execute function private.check_contact_card();

-- ---------------------------------------------------------------------------------------------
-- Products
-- ---------------------------------------------------------------------------------------------

/**
 * A store's product. `visibility` decides who may see the row at all (and so its price and
 * image): everyone, members of the store, or members whose effective tier rank reaches
 * `min_tier_rank`.
 */
create table public.products (
  id uuid primary key default gen_random_uuid(),
  store_id uuid not null references public.stores (id) on delete cascade,
  sku text not null check (length(btrim(sku)) between 1 and 64),
  name text not null check (length(btrim(name)) between 1 and 200),
  description text not null default '' check (length(description) <= 5000),
  kind text not null default 'regular' check (kind in ('regular', 'customized')),
  price numeric(14,2) not null check (price >= 0),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  moq int not null default 1 check (moq >= 1),
  visibility text not null default 'public' check (visibility in ('public', 'members', 'tier')),
  -- Only meaningful for visibility 'tier'.
  min_tier_rank int not null default 0 check (min_tier_rank >= 0),
  -- Object name in the product-images bucket: '<store_id>/<product_id>/<file>'.
  image_path text unique,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (store_id, sku),
  constraint products_tier_visibility_names_a_tier check ((visibility = 'tier') = (min_tier_rank > 0)),
  constraint products_image_in_store_folder check (image_path like store_id::text || '/' || id::text || '/%'),
  constraint products_sku_single_line check (private.is_single_line(sku)),
  constraint products_name_single_line check (private.is_single_line(name)),
  constraint products_description_text check (private.is_text_block(description)),
  constraint products_price_is_a_number check (price <> 'NaN'),
  -- One object name in the bucket: no empty or dot segments, nothing that is not one line.
  constraint products_image_path_is_an_object_name check (
    length(image_path) <= 1024 and private.is_single_line(image_path)
    and image_path !~ '(^|/)\.{0,2}(/|$)')
);
comment on table public.products is 'Products; rows (with price and image) visible only to callers their visibility admits.';

alter table public.products enable row level security;
revoke all on table public.products from anon, authenticated;
grant select on table public.products to anon, authenticated;
grant insert, delete on table public.products to authenticated;
grant update (sku, name, description, kind, price, currency, moq, visibility, min_tier_rank, image_path, active)
  on table public.products to authenticated;

create policy "Visitors read active public products" on public.products
  for select to anon
  using (active and visibility = 'public');
-- Members-only products count as rank 0, so one (store, rank) set covers both exclusive kinds.
create policy "Members read products their tier unlocks, staff read their store's" on public.products
  for select to authenticated
  using (
    (active and visibility = 'public')
    or store_id in (select private.staff_store_ids())
    or (active and (store_id, min_tier_rank) in (
      select r.store_id, unlocked.rank from private.my_store_ranks() r, generate_series(0, r.rank) as unlocked (rank)))
  );
create policy "Staff add products to their store" on public.products
  for insert to authenticated with check (store_id in (select private.staff_store_ids()));
create policy "Staff edit their store's products" on public.products
  for update to authenticated
  using (store_id in (select private.staff_store_ids()))
  with check (store_id in (select private.staff_store_ids()));
create policy "Staff remove their store's products" on public.products
  for delete to authenticated using (store_id in (select private.staff_store_ids()));

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
-- RPCs: creating a store, joining one
-- ---------------------------------------------------------------------------------------------

/** The signed-in caller, or a 42501 error for anonymous requests. */
create function private.require_user()
returns uuid
language plpgsql stable
set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
begin
  if v_user is null then
    perform private.reject(null, 'Sign in first', '42501');
  end if;
  return v_user;
end
$$;
revoke execute on function private.require_user() from public;
grant execute on function private.require_user() to authenticated;

/**
 * The caller's login e-mail, lower-cased, only once its owner has proved it (Auth's
 * `email_confirmed_at`); null otherwise. Everything that matches or grants by e-mail (order
 * matching, invitations, joining) goes through a confirmed address, so no Auth setting (open
 * sign-up without confirmation, an e-mail change not yet confirmed on both addresses) can hand
 * someone else's orders or invitations to a login that merely typed the address. Read from
 * auth.users rather than the JWT, whose `email` claim outlives a change.
 */
create function private.my_confirmed_email()
returns text
language sql stable security definer
set search_path = ''
as $$
  select lower(u.email) from auth.users u
  where u.id = (select auth.uid()) and u.email_confirmed_at is not null and u.email is not null
$$;
revoke execute on function private.my_confirmed_email() from public;
grant execute on function private.my_confirmed_email() to authenticated;

/**
 * A password chosen before the address was proved is dropped when it is proved. Otherwise an
 * attacker who signs up first for someone's address (no session: confirmation is on) keeps a
 * password that opens the account once its owner signs in with an e-mailed code, which proves
 * the address; Supabase Auth keeps such a password (it drops it only for OAuth proofs). Only
 * accounts that were sent a confirmation code are affected: admin-made accounts and
 * auto-confirmed ones keep theirs, and Cardclub sets passwords after the proof, never before.
 */
create function private.drop_unproved_password()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.encrypted_password := '';
  return new;
end
$$;
revoke execute on function private.drop_unproved_password() from public;

create trigger drop_unproved_password
  before update of email_confirmed_at on auth.users
  for each row
  when (old.email_confirmed_at is null and new.email_confirmed_at is not null
        and old.confirmation_sent_at is not null and coalesce(old.encrypted_password, '') <> '')
  execute function private.drop_unproved_password();

/** Raises 42501 unless the caller is staff of the store. */
create function private.require_staff_of(p_store_id uuid)
returns uuid
language plpgsql stable
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
begin
  if not exists (select 1 from public.store_staff s where s.store_id = p_store_id and s.user_id = v_user) then
    perform private.reject(null, 'Only this store''s staff may do this', '42501');
  end if;
  return v_user;
end
$$;
revoke execute on function private.require_staff_of(uuid) from public;
-- Invoker RPCs (staff_members) check their caller with it, and it with require_user.
grant execute on function private.require_staff_of(uuid) to authenticated;

/**
 * Creates a store; the caller becomes its owner and it starts with the default tiers. Sign-up
 * is open, so one login may own at most 10 stores: enough for a merchant group's brands, not
 * for squatting slugs by the thousand.
 * Errors: 22023 invalid slug/name/currency/locale, 23505 slug taken, P0001 store limit reached.
 */
create function private.create_store(p_slug text, p_name text, p_base_currency text, p_default_locale text)
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
  if not private.is_locale(p_default_locale) then
    perform private.reject('default_locale', 'must be one of ' || private.locale_list());
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
revoke execute on function private.create_store(text, text, text, text) from public;
grant execute on function private.create_store(text, text, text, text) to authenticated;

create function public.create_store(p_slug text, p_name text, p_base_currency text default 'USD', p_default_locale text default 'en')
returns public.stores
language sql security invoker
set search_path = ''
as $$ select private.create_store(p_slug, p_name, p_base_currency, p_default_locale) $$;
revoke execute on function public.create_store(text, text, text, text) from public, anon, authenticated;
grant execute on function public.create_store(text, text, text, text) to authenticated;

/**
 * Exchanges business cards: the caller's company becomes an ordinary member of the store and
 * the caller its primary contact. Idempotent: a caller already a contact at the store gets
 * that membership back (`joined` false), nothing changes and nothing is counted.
 * Errors: 42501 not signed in or login e-mail not confirmed, PT404 unknown store, 22023 invalid
 * field, PT429 join limit.
 */
create function private.join_store(
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
    v_country := private.clean_format('country', upper(private.clean_line('country', p_country, 2)), 'country');
    v_email := private.clean_format('email', coalesce(private.clean_line('email', p_email, 254), private.my_confirmed_email()), 'email');
    perform private.check_locale(p_preferred_locale, 'preferred_locale');

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
revoke execute on function private.join_store(text, text, text, text, text, text, text, text, text, text, text, text) from public;
grant execute on function private.join_store(text, text, text, text, text, text, text, text, text, text, text, text) to authenticated;

create function public.join_store(
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
language sql security invoker
set search_path = ''
as $$
  select private.join_store(p_store_slug, p_company_name, p_full_name, p_email, p_job_title, p_phone, p_country,
    p_website, p_industry, p_whatsapp, p_wechat, p_preferred_locale)
$$;
revoke execute on function public.join_store(text, text, text, text, text, text, text, text, text, text, text, text) from public, anon, authenticated;
grant execute on function public.join_store(text, text, text, text, text, text, text, text, text, text, text, text) to authenticated;
