/**
 * Who is calling: Storage verifies the bearer JWT (an API key or a user's access token)
 * itself and runs every metadata statement as the token's role with its claims.
 */
import type { IncomingMessage } from 'node:http';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { accessDenied } from './errors.ts';

/** The database roles a token may switch to; anything else is refused before SQL runs. */
const apiRoles = ['anon', 'authenticated', 'service_role'] as const;
export type ApiRole = (typeof apiRoles)[number];

export interface Identity {
  role: ApiRole;
  /** The verified claims, handed to Postgres as `request.jwt.claims` for RLS. */
  claims: JWTPayload;
  /** The user's id (`sub`), recorded as the owner of what they upload. */
  owner: string | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isApiRole(role: unknown): role is ApiRole {
  return apiRoles.includes(role as ApiRole);
}

/** Verifies an HS256 token signed with the project's secret, rejecting with Storage's wording. */
export async function verifyToken(secret: Uint8Array, token: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw accessDenied('jwt expired');
    throw accessDenied(error instanceof errors.JOSEError ? error.message : 'invalid JWT');
  }
}

export async function identify(req: IncomingMessage, secret: Uint8Array): Promise<Identity> {
  const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  if (!token) throw accessDenied('jwt must be provided');
  const claims = await verifyToken(secret, token);
  if (!isApiRole(claims.role)) throw accessDenied('Access denied: Invalid role');
  // storage.objects.owner is a uuid: only a user's token names one.
  const owner = typeof claims.sub === 'string' && uuidPattern.test(claims.sub) ? claims.sub : null;
  return { role: claims.role, claims, owner };
}
