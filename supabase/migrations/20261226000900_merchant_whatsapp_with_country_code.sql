-- =============================================================================================
-- The merchant's WhatsApp number is written with + and its country code, as a buyer's is
-- =============================================================================================
-- 20261226000200 asked it of the cards buyers write; the merchant's own card feeds the buyers'
-- "Chat on WhatsApp" (a wa.me link dials the digits as written), which a number such as
-- "138 0013 8000" left going nowhere. check_merchant_card (as in 20261220000100) now takes a new or
-- changed WhatsApp number only as clean_format's international_phone; a number saved before is kept
-- while the card's other fields change, as with the buyers' cards.

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
  new.whatsapp := private.clean_format('whatsapp', new.whatsapp,
    case when tg_op = 'INSERT' or new.whatsapp is distinct from old.whatsapp then 'international_phone' else 'phone' end);
  new.wechat := private.clean_format('wechat', new.wechat, 'wechat');
  new.website := private.clean_format('website', new.website, 'web_url');
  return new;
end
$$;
