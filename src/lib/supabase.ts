/**
 * The portal's one browser Supabase client (anon key; the user's session lives in
 * localStorage). Created on first use so that modules importing it stay side-effect free
 * when Astro evaluates them at build time.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { publicEnv } from './env.ts';

let client: SupabaseClient | undefined;

export function supabase(): SupabaseClient {
  if (!client) {
    const { supabaseUrl, anonKey } = publicEnv();
    client = createClient(supabaseUrl, anonKey);
  }
  return client;
}
