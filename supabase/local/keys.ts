/**
 * The anon and service-role API keys: HS256 JWTs signed with the project's JWT secret,
 * shaped like the keys `supabase start` prints.
 */
import { SignJWT } from 'jose';

export interface ApiKeys {
  anonKey: string;
  serviceRoleKey: string;
}

// Fixed timestamps keep the keys identical across restarts, so a built portal keeps working.
const issuedAt = 1_764_000_000;
const expiresAt = 2_079_360_000;

async function sign(role: 'anon' | 'service_role', secret: string): Promise<string> {
  return new SignJWT({ iss: 'supabase-demo', role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(secret));
}

export async function apiKeys(secret: string): Promise<ApiKeys> {
  return { anonKey: await sign('anon', secret), serviceRoleKey: await sign('service_role', secret) };
}
