/**
 * How far a store has come with getting started: whether its business card is saved, it has
 * products, and buyers have joined (the sign that its pages offer the card exchange). Three
 * reads of at most one row each: whether there is any, not how many (an exact count would read
 * every member of a big store).
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import { orThrow, parse } from './result.ts';

export interface Progress {
  card: boolean;
  products: boolean;
  members: boolean;
}

export async function loadProgress(storeId: string): Promise<Progress> {
  const db = supabase();
  const any = async (table: 'merchant_cards' | 'products' | 'members') => {
    return orThrow(parse(z.array(z.unknown()), await db.from(table).select('store_id').eq('store_id', storeId).limit(1))).length > 0;
  };
  const [card, products, members] = await Promise.all([any('merchant_cards'), any('products'), any('members')]);
  return { card, products, members };
}
