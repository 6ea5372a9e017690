/** Access tokens: HS256 JWTs signed with the project's JWT secret, with Supabase's claims. */
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { forbidden } from './errors.ts';
import type { UserRow } from './users.ts';

export interface JwtSettings {
  secret: Uint8Array;
  /** `${apiUrl}/auth/v1`, the `iss` of every access token. */
  issuer: string;
  accessTokenTtlSeconds: number;
}

export interface AmrEntry {
  method: string;
  /** Unix seconds when the session was signed in with this method. */
  timestamp: number;
}

export interface AccessToken {
  token: string;
  expiresIn: number;
  expiresAt: number;
}

export async function signAccessToken(settings: JwtSettings, user: UserRow, sessionId: string, amr: AmrEntry[]): Promise<AccessToken> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + settings.accessTokenTtlSeconds;
  const token = await new SignJWT({
    iss: settings.issuer,
    sub: user.id,
    aud: user.aud,
    exp: expiresAt,
    iat: issuedAt,
    email: user.email,
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role,
    aal: 'aal1',
    amr,
    session_id: sessionId,
    is_anonymous: user.is_anonymous,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(settings.secret);
  return { token, expiresIn: settings.accessTokenTtlSeconds, expiresAt };
}

/** Verifies any JWT signed with the secret (user tokens and the API keys), with GoTrue's error when it fails. */
export async function verifyJwt(secret: Uint8Array, token: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
    return payload;
  } catch (error) {
    const reason = error instanceof errors.JWTExpired ? 'token has invalid claims: token is expired' : 'signature is invalid';
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${reason}`);
  }
}
