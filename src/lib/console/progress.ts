/**
 * How far a store has come with getting started: whether its business card is saved, how many
 * tiers it has (every store starts with three, which the merchant may have changed since), it
 * lists the sites its pages run on (without one members cannot sign in from them), it has products,
 * buyers have joined (the sign that its pages offer the card exchange), and orders are recorded
 * (the analytics have figures once either is). Besides the few tiers, reads of at most one row
 * each: whether there is any, not how many (an exact count would read every member of a big store).
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { orThrow, parse } from './result.ts';

export interface Progress {
  card: boolean;
  tiers: number;
  sites: boolean;
  products: boolean;
  members: boolean;
  orders: boolean;
}

export async function loadProgress(storeId: string): Promise<Progress> {
  const db = supabase();
  const any = async (table: 'merchant_cards' | 'products' | 'members' | 'orders') => {
    return orThrow(parse(z.array(z.unknown()), await db.from(table).select('store_id').eq('store_id', storeId).limit(1))).length > 0;
  };
  const sites = async () => {
    const [store] = orThrow(parse(z.array(z.object({ embed_origins: z.array(z.string()) })), await db.from('stores').select('embed_origins').eq('id', storeId)));
    return (store?.embed_origins.length ?? 0) > 0;
  };
  const tiers = async () => orThrow(parse(z.array(z.unknown()), await db.from('tiers').select('rank').eq('store_id', storeId))).length;
  const [card, tierCount, sitesListed, products, members, orders] = await Promise.all([any('merchant_cards'), tiers(), sites(), any('products'), any('members'), any('orders')]);
  return { card, tiers: tierCount, sites: sitesListed, products, members, orders };
}
