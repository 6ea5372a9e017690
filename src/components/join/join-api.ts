/**
 * What the business-card exchange reads and writes: the store with its merchant's card (the
 * public `store_profile`), and `exchange_cards`. Responses are validated with zod; refusals keep
 * the API's `details` field so the form can show them next to the input (MemberApiError, shared
 * with the member pages).
 */
import { z } from 'zod';
import type { Locale } from '../../i18n/locales.ts';
import { apiError } from '../../lib/member-api.ts';
import { parseStoreProfile, type Profile } from '../../lib/store-api.ts';
import type { Client } from '../../lib/supabase.ts';
import type { Card } from './card-schema.ts';

/** The store, its merchant's card (null until staff write one) and its tiers, as `store_profile` gives them. */
export type StoreWithCard = Profile;
export type MerchantCardData = NonNullable<Profile['card']>;

/** The store and its merchant's card in `locale`; null when no store has the slug. */
export async function fetchStoreWithCard(client: Client, slug: string, locale: Locale): Promise<StoreWithCard | null> {
  const { data, error, status } = await client.rpc('store_profile', { p_store_slug: slug, p_locale: locale });
  if (status === 404) return null;
  if (error) throw apiError(error);
  return parseStoreProfile(data);
}

const exchangeSchema = z.object({ member_id: z.uuid(), contact_id: z.uuid(), joined: z.boolean(), gift_pack_received_before: z.boolean() });

/**
 * Exchanges cards: the signed-in caller's company joins the store (`joined` false when it already
 * had); `gift_pack_received_before` when the login had the store's gift pack in an earlier membership, so this join gave none.
 */
export async function exchangeCards(client: Client, slug: string, card: Card, locale: Locale): Promise<z.infer<typeof exchangeSchema>> {
  const args = {
    p_store_slug: slug,
    p_company_name: card.company_name,
    p_full_name: card.full_name,
    p_email: card.email,
    p_country: card.country,
    p_product_categories: card.product_categories,
    p_contact_consent: card.contact_consent,
    p_preferred_locale: locale,
    // Optional fields the buyer left blank are left out: the RPC's defaults apply.
    ...Object.fromEntries(
      Object.entries({
        p_job_title: card.job_title,
        p_phone: card.phone,
        p_whatsapp: card.whatsapp,
        p_wechat: card.wechat,
        p_website: card.website,
        p_industry: card.industry,
        p_purchase_volume: card.purchase_volume,
      }).filter(([, value]) => value !== undefined),
    ),
  };
  const { data, error } = await client.rpc('exchange_cards', args);
  if (error) throw apiError(error);
  return exchangeSchema.parse(data);
}

const formerSchema = z.object({ left: z.boolean(), company_name: z.string().nullable() });
export type FormerMembership = z.infer<typeof formerSchema>;

/**
 * What the store kept of the signed-in login's membership once it ended (`my_former_membership`):
 * `left`, and the company while colleagues keep it a member.
 */
export async function fetchFormerMembership(client: Client, slug: string): Promise<FormerMembership> {
  const { data, error } = await client.rpc('my_former_membership', { p_store_slug: slug });
  if (error) throw apiError(error);
  return formerSchema.parse(data);
}
