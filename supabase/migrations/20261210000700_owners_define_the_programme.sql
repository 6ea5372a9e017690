-- The membership programme and the brand are the owners'. Until now any plain staff member (a
-- sales rep on a sub-account) could add, edit and remove tiers — thresholds, discounts,
-- prepayment, rebates, perks — and so make every buyer VIP, and could replace or delete the
-- store's logo and rewrite the merchant's business card. Store settings (stores, the
-- statistical period) were already owners' only. Now tier writes, the merchant card and the logo
-- objects are too, by RLS on owned_store_ids(); every read stays as it was (staff still list the
-- logo folder and run tier_what_if / period_what_if, which write nothing).
--
-- Day-to-day work stays with all staff: members, points, rebates, samples, coupons, rewards,
-- products, the orders import, inquiries, segments, campaigns and posts. A coupon, reward or
-- product gated at a tier names the tier an owner defined; it does not change what a tier grants.
--
-- A write an RLS policy hides raises nothing (an update or delete affects 0 rows; an insert is
-- refused with 42501), so the console shows these screens read-only to plain staff.

-- ---------------------------------------------------------------------------------------------
-- Tiers
-- ---------------------------------------------------------------------------------------------

drop policy "Staff add tiers to their store" on public.tiers;
drop policy "Staff edit their store's tiers" on public.tiers;
drop policy "Staff remove their store's tiers above ordinary" on public.tiers;

create policy "Owners add tiers to their store" on public.tiers
  for insert to authenticated with check (store_id in (select private.owned_store_ids()));
create policy "Owners edit their store's tiers" on public.tiers
  for update to authenticated
  using (store_id in (select private.owned_store_ids()))
  with check (store_id in (select private.owned_store_ids()));
create policy "Owners remove their store's tiers above ordinary" on public.tiers
  for delete to authenticated using (store_id in (select private.owned_store_ids()) and rank > 0);

comment on table public.tiers is 'Membership levels per store and the rights each grants. Public (tier benefits are marketing material); owners edit.';

-- ---------------------------------------------------------------------------------------------
-- The merchant's business card
-- ---------------------------------------------------------------------------------------------

drop policy "Staff add their store's card" on public.merchant_cards;
drop policy "Staff edit their store's card" on public.merchant_cards;
drop policy "Staff remove their store's card" on public.merchant_cards;

create policy "Owners add their store's card" on public.merchant_cards
  for insert to authenticated with check (store_id in (select private.owned_store_ids()));
create policy "Owners edit their store's card" on public.merchant_cards
  for update to authenticated
  using (store_id in (select private.owned_store_ids()))
  with check (store_id in (select private.owned_store_ids()));
create policy "Owners remove their store's card" on public.merchant_cards
  for delete to authenticated using (store_id in (select private.owned_store_ids()));

-- ---------------------------------------------------------------------------------------------
-- The logo (bucket merchant-logos, objects '<store_id>/<file>')
-- ---------------------------------------------------------------------------------------------
-- "Staff list their store's logos" (select, private.is_own_logo) stays: listing changes nothing,
-- and an owner's upload needs it to have the new row returned.

drop policy "Staff upload their store's logo" on storage.objects;
drop policy "Staff replace their store's logo" on storage.objects;
drop policy "Staff delete their store's logo" on storage.objects;

create policy "Owners upload their store's logo" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'merchant-logos'
    and (storage.foldername(name))[1] in (select s::text from private.owned_store_ids() s));
create policy "Owners replace their store's logo" on storage.objects
  for update to authenticated
  using (bucket_id = 'merchant-logos'
    and (storage.foldername(name))[1] in (select s::text from private.owned_store_ids() s))
  with check (bucket_id = 'merchant-logos'
    and (storage.foldername(name))[1] in (select s::text from private.owned_store_ids() s));
create policy "Owners delete their store's logo" on storage.objects
  for delete to authenticated
  using (bucket_id = 'merchant-logos'
    and (storage.foldername(name))[1] in (select s::text from private.owned_store_ids() s));
