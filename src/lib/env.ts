/**
 * The portal's build-time configuration. Astro inlines `PUBLIC_*` variables into browser
 * bundles, so only values that are safe to publish belong here: the project URL and the
 * anon key. The build (widget/integration.ts) validates them here, before anything is built;
 * browser code reads them through public-env.ts, without this schema.
 */
import { z } from 'zod';

const publicEnvSchema = z.object({
  /** The Supabase project URL, e.g. `https://<ref>.supabase.co` or the local gateway. */
  PUBLIC_SUPABASE_URL: z.url({ protocol: /^https?$/ }),
  /** The anon (publishable) key; never the service-role key. */
  PUBLIC_SUPABASE_ANON_KEY: z.string().min(20),
});

export interface PublicEnv {
  supabaseUrl: string;
  anonKey: string;
}

/** Validates the variables, naming every missing or malformed one in a single error. */
export function parsePublicEnv(source: Record<string, unknown>): PublicEnv {
  const result = publicEnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return source[name] === undefined || source[name] === ''
        ? `${name} is not set`
        : `${name} is invalid (${issue.message})`;
    });
    throw new Error(
      `Portal configuration: ${problems.join('; ')}. Set the variables in the environment or .env before building (npm run dev sets it for the local stack).`,
    );
  }
  return {
    supabaseUrl: result.data.PUBLIC_SUPABASE_URL.replace(/\/+$/, ''),
    anonKey: result.data.PUBLIC_SUPABASE_ANON_KEY,
  };
}
