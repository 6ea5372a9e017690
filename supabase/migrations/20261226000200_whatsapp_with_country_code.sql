-- =============================================================================================
-- A buyer's WhatsApp number is written with + and its country code
-- =============================================================================================
-- WhatsApp reaches a number only as an international one (its wa.me links are the digits after
-- the +): "612 345 678" on a buyer's card left the merchant, often in China, no way to write to
-- them, and nothing told the buyer. The cards buyers write (exchange_cards, accept_invitation,
-- their own card on My membership, all through check_contact_card) now take a WhatsApp number
-- only from + and a country code; a phone number stays as people write it, read beside the
-- company's country. Rows saved before keep their numbers (the trigger checks a changed number
-- only, and the column's CHECK stays is_phone), as with the other text rules.

/**
 * Trims a formatted text argument to null when blank and refuses it, naming the field, when it is
 * not an `email`, `phone`, `international_phone` (a phone number from + and its country code: a
 * buyer's WhatsApp), `wechat` ID, `web_url` or `country` (ISO 3166 alpha-2, upper case); one place
 * for each format's rule and wording. Null passes unless required.
 */
create or replace function private.clean_format(p_field text, p_value text, p_format text, p_required boolean default false)
returns text
language plpgsql immutable
set search_path = ''
as $$
declare
  v_value text := nullif(btrim(p_value), '');
  v_valid boolean := case p_format
    when 'email' then private.is_email(v_value)
    when 'phone' then private.is_phone(v_value)
    -- A country code never begins with 0.
    when 'international_phone' then private.is_phone(v_value) and v_value ~ '^\+[1-9]'
    when 'wechat' then private.is_wechat_id(v_value)
    when 'web_url' then private.is_web_url(v_value)
    when 'country' then v_value ~ '^[A-Z]{2}$'
  end;
begin
  if (v_value is null and p_required) or not v_valid then
    perform private.reject(p_field, case p_format
      when 'email' then 'is not an email address'
      when 'phone' then 'must be a phone number such as +49 30 1234567 (digits, spaces, + ( ) . - /)'
      when 'international_phone' then 'must be a phone number with + and its country code, such as +49 151 2345678'
      when 'wechat' then 'must be a WeChat ID of at most 60 letters, digits and _ - . +'
      when 'web_url' then 'must be an http:// or https:// address such as https://example.com (at most 300 characters)'
      when 'country' then 'must be a two-letter ISO 3166 code such as DE'
    end);
  end if;
  return v_value;
end
$$;

/** A contact's business card as join_store, accept_invitation or the contact writes it; as check_member_card. */
create or replace function private.check_contact_card()
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
    new.whatsapp := private.clean_format('whatsapp', new.whatsapp, 'international_phone');
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
