/**
 * The merchant's business card (`merchant_cards`, one per store; owners of the store write it):
 * what a buyer gets back for their card, and what the store page shows.
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { orThrow, parse } from './result.ts';

const textMap = z.record(z.string(), z.string());

export const cardSchema = z.object({
  title: textMap,
  contact_name: z.string().nullable(),
  contact_title: textMap,
  email: z.string().nullable(),
  phone: z.string().nullable(),
  whatsapp: z.string().nullable(),
  wechat: z.string().nullable(),
  website: z.string().nullable(),
  address: textMap,
  introduction: textMap,
});
export type MerchantCard = z.infer<typeof cardSchema>;

const columns = 'title, contact_name, contact_title, email, phone, whatsapp, wechat, website, address, introduction';

export async function loadCard(storeId: string): Promise<MerchantCard | null> {
  return orThrow(parse(cardSchema.nullable(), await supabase().from('merchant_cards').select(columns).eq('store_id', storeId).maybeSingle()));
}

/** Updates the card, or creates it when the store has none (no upsert: store_id is not updatable). */
export async function saveCard(storeId: string, card: MerchantCard) {
  const updated = await supabase().from('merchant_cards').update(card).eq('store_id', storeId).select('store_id');
  if (updated.error || updated.data.length > 0) return updated;
  return supabase().from('merchant_cards').insert({ store_id: storeId, ...card }).select('store_id');
}

/** The first active SKU of the store, to fill the preview's product placement. */
export async function firstSku(storeId: string): Promise<string | null> {
  const { data } = await supabase().from('products').select('sku').eq('store_id', storeId).eq('active', true).eq('visibility', 'public').order('sku').limit(1);
  return data?.[0]?.sku ?? null;
}
