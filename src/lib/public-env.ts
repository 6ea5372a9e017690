/**
 * The portal's configuration in the browser: what Astro inlined at build time, which the build
 * already validated (widget/integration.ts fails it with parsePublicEnv, naming the variable),
 * so visitors' pages do not carry the validation library.
 */
import type { PublicEnv } from './env.ts';

let cached: PublicEnv | undefined;

export function publicEnv(): PublicEnv {
  cached ??= {
    supabaseUrl: String(import.meta.env.PUBLIC_SUPABASE_URL).replace(/\/+$/, ''),
    anonKey: String(import.meta.env.PUBLIC_SUPABASE_ANON_KEY),
  };
  return cached;
}
