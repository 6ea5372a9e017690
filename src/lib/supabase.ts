/**
 * The portal's one browser Supabase client (anon key; the user's session lives in
 * localStorage). Created on first use so that modules importing it stay side-effect free
 * when Astro evaluates them at build time. The page's language is fixed per load (`?lang=` or
 * the browser's), so one header serves the client's whole life.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { pageLocale } from '../i18n/locales.ts';
import type { Database } from './database.types.ts';
import { publicEnv } from './public-env.ts';

/** Typed by the schema generated from the migrations (`npm run db:types`). */
export type Client = SupabaseClient<Database>;

let client: Client | undefined;

export function supabase(): Client {
  if (!client) {
    const { supabaseUrl, anonKey } = publicEnv();
    // Every read in the page's language: the `_local` columns and the RPCs that name tiers,
    // products or rewards pick the merchant's text by Accept-Language (else the store's default).
    client = createClient<Database>(supabaseUrl, anonKey, { global: { headers: { 'Accept-Language': pageLocale() } } });
  }
  return client;
}
