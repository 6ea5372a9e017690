/**
 * Sessions and their refresh tokens, as GoTrue keeps them: one auth.sessions row per sign-in,
 * a chain of single-use refresh tokens per session (each new one names its parent), and
 * the sign-in method in auth.mfa_amr_claims for the `amr` claim.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type pg from 'pg';
import { badRequest } from './errors.ts';
import { inTransaction, type Db } from './db.ts';
import { signAccessToken, type AmrEntry, type JwtSettings } from './jwt.ts';
import { findUserById, isBanned, recordSignIn, userJson, type UserRow } from './users.ts';

export type SignInMethod = 'otp' | 'password';

/** Where a sign-in came from, kept on the session as GoTrue does. */
export interface Origin {
  ip: string;
  userAgent: string | undefined;
}

/** The body of every response that signs someone in (AccessTokenResponseSchema). */
export interface SessionBody {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: Record<string, unknown>;
}

/** 16 random bytes, base64url: opaque and unguessable, longer than GoTrue's 12 characters. */
const newRefreshToken = () => randomBytes(16).toString('base64url');

async function insertRefreshToken(db: Db, user: UserRow, sessionId: string, parent: string | null): Promise<string> {
  const token = newRefreshToken();
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
    [token, user.id, parent, sessionId],
  );
  return token;
}

async function amrOf(db: Db, sessionId: string): Promise<AmrEntry[]> {
  const { rows } = await db.query<{ method: string; timestamp: number }>(
    `select authentication_method as method, extract(epoch from created_at)::int as timestamp
       from auth.mfa_amr_claims where session_id = $1 order by created_at desc`,
    [sessionId],
  );
  return rows;
}

async function sessionBody(settings: JwtSettings, user: UserRow, sessionId: string, amr: AmrEntry[], refreshToken: string): Promise<SessionBody> {
  const access = await signAccessToken(settings, user, sessionId, amr);
  return {
    access_token: access.token,
    token_type: 'bearer',
    expires_in: access.expiresIn,
    expires_at: access.expiresAt,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

/** Signs the user in: a new session, its first refresh token, and last_sign_in_at recorded. */
export async function startSession(
  client: pg.PoolClient,
  settings: JwtSettings,
  user: UserRow,
  method: SignInMethod,
  origin: Origin,
): Promise<SessionBody> {
  const { rows } = await client.query<{ id: string }>(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
     values (gen_random_uuid(), $1, now(), now(), 'aal1', $2, $3) returning id`,
    [user.id, origin.userAgent ?? null, net.isIP(origin.ip) ? origin.ip : null],
  );
  const sessionId = rows[0]!.id;
  await client.query(
    `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method)
     values (gen_random_uuid(), $1, now(), now(), $2)`,
    [sessionId, method],
  );
  const refreshToken = await insertRefreshToken(client, user, sessionId, null);
  const signedIn = await recordSignIn(client, user.id);
  return sessionBody(settings, signedIn, sessionId, await amrOf(client, sessionId), refreshToken);
}

interface RefreshTokenRow {
  token: string;
  revoked: boolean;
  session_id: string;
  user_id: string;
}

const tokenNotFound = () => badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');

/**
 * Exchanges a refresh token for a new one and a fresh access token. A token is good once:
 * presenting a revoked one (reuse interval 0 s) is taken as theft, and every token of that
 * session is revoked, committed before the error is answered.
 */
export async function refreshSession(pool: pg.Pool, settings: JwtSettings, refreshToken: string): Promise<SessionBody> {
  const outcome = await inTransaction(pool, async (client) => {
    const { rows } = await client.query<RefreshTokenRow>(
      `select token, revoked, session_id, user_id from auth.refresh_tokens where token = $1 for update`,
      [refreshToken],
    );
    const current = rows[0];
    if (!current) return { error: tokenNotFound() };
    if (current.revoked) {
      await client.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and not revoked`, [
        current.session_id,
      ]);
      return { error: badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used') };
    }
    const user = await findUserById(client, current.user_id);
    if (!user) return { error: tokenNotFound() };
    if (isBanned(user)) return { error: badRequest('user_banned', 'Invalid Refresh Token: User Banned') };

    await client.query(`update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1`, [current.token]);
    await client.query(`update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1`, [current.session_id]);
    const next = await insertRefreshToken(client, user, current.session_id, current.token);
    return { body: await sessionBody(settings, user, current.session_id, await amrOf(client, current.session_id), next) };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.body;
}

export type LogoutScope = 'global' | 'local' | 'others';

/** Ends sessions; their refresh tokens go with them (on delete cascade). */
export async function endSessions(db: Db, userId: string, sessionId: string, scope: LogoutScope): Promise<void> {
  if (scope === 'global') {
    await db.query('delete from auth.sessions where user_id = $1', [userId]);
    return;
  }
  const operator = scope === 'local' ? '=' : '<>';
  await db.query(`delete from auth.sessions where user_id = $1 and id ${operator} $2`, [userId, sessionId]);
}

export async function sessionExists(db: Db, sessionId: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from auth.sessions where id = $1', [sessionId]);
  return rowCount === 1;
}

/** When a session was signed in (GoTrue's session.CreatedAt), or undefined if it has ended. */
export async function sessionCreatedAt(db: Db, sessionId: string): Promise<Date | undefined> {
  const { rows } = await db.query<{ created_at: Date }>('select created_at from auth.sessions where id = $1', [sessionId]);
  return rows[0]?.created_at;
}
