/**
 * The merchant's business card (`merchant_cards`, one per store; owners of the store write it):
 * what a buyer gets back for their card, and what the store page shows. Saved over the card as
 * read (changed-since.ts): once another owner changed it since, or made the store's first card
 * while this one read none, nothing is written.
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { addedAsRead, savedAsRead } from './changed-since.ts';
import { orThrow, parse, type Result } from './result.ts';

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

/**
 * The card as read: `updated_at`, when its fields last changed, which a save is made over (saveCard).
 * Its logo has a time of its own (store-settings.ts): a change of the logo refuses no card.
 */
const cardReadSchema = cardSchema.extend({ updated_at: z.string() });
export type MerchantCardRead = z.infer<typeof cardReadSchema>;

const columns = 'title, contact_name, contact_title, email, phone, whatsapp, wechat, website, address, introduction, updated_at';

export async function loadCard(storeId: string): Promise<MerchantCardRead | null> {
  return orThrow(parse(cardReadSchema.nullable(), await supabase().from('merchant_cards').select(columns).eq('store_id', storeId).maybeSingle()));
}

/**
 * Updates the card over the card as `read`, or creates it when none was read (no upsert:
 * store_id is not updatable, and an upsert would overwrite a card someone else made meanwhile).
 * Answers the card as stored.
 */
export async function saveCard(storeId: string, read: MerchantCardRead | null, card: MerchantCard): Promise<Result<MerchantCardRead>> {
  if (!read) return addedAsRead(cardReadSchema, await supabase().from('merchant_cards').insert({ store_id: storeId, ...card }).select(columns).single());
  return savedAsRead(cardReadSchema, read.updated_at,
    await supabase().from('merchant_cards').update(card).eq('store_id', storeId).eq('updated_at', read.updated_at).select(columns).maybeSingle(),
    () => supabase().from('merchant_cards').select('updated_at').eq('store_id', storeId).maybeSingle());
}

/** The first active SKU of the store, to fill the preview's product placement. */
export async function firstSku(storeId: string): Promise<string | null> {
  const { data } = await supabase().from('products').select('sku').eq('store_id', storeId).eq('active', true).eq('visibility', 'public').order('sku').limit(1);
  return data?.[0]?.sku ?? null;
}
