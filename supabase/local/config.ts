/**
 * Settings of the local stack. Ports and secrets follow `supabase start` so that scripts
 * written against Supabase's CLI stack work here unchanged.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const supabaseDir = path.join(projectRoot, 'supabase');

/** The JWT secret `supabase start` uses; local only, never a hosted project's. */
export const localJwtSecret = 'super-secret-jwt-token-with-at-least-32-characters-long';
/** Every local database role shares this password, as in Supabase's local stack. */
export const localDbPassword = 'postgres';

export interface StackPorts {
  /** The gateway: /rest/v1, /auth/v1, /storage/v1 (54321 like `supabase start`). */
  api: number;
  /** PostgreSQL (54322). */
  db: number;
  /** The dev inbox, Mailpit's JSON API and a page to read it (54324). */
  inbox: number;
  /** PostgREST itself, behind the gateway. */
  rest: number;
}

export const defaultPorts: StackPorts = { api: 54321, db: 54322, inbox: 54324, rest: 54325 };

export function dbUrl(port: number, user = 'postgres'): string {
  return `postgresql://${user}:${localDbPassword}@127.0.0.1:${port}/postgres`;
}
