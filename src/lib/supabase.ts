/**
 * The portal's one browser Supabase client (anon key; the user's session lives in
 * localStorage). Created on first use so that modules importing it stay side-effect free
 * when Astro evaluates them at build time.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database } from './database.types.ts';
import { publicEnv } from './public-env.ts';

/** Typed by the schema generated from the migrations (`npm run db:types`). */
export type Client = SupabaseClient<Database>;

let client: Client | undefined;

export function supabase(): Client {
  if (!client) {
    const { supabaseUrl, anonKey } = publicEnv();
    client = createClient<Database>(supabaseUrl, anonKey);
  }
  return client;
}
