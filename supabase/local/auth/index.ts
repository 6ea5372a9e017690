/**
 * The local stand-in for Supabase Auth (GoTrue), mounted by the gateway under /auth/v1.
 * It answers the endpoints Cardclub uses with GoTrue's status codes and bodies, so the
 * unmodified supabase-js client behaves as against a hosted project.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { z } from 'zod';
import { clientIp, discardUnreadBody, sendJson, type Handler } from '../http.ts';
import { authenticate, parseLogoutScope, reauthenticate, updateOwnAccount, userUpdateSchema } from './account.ts';
import {
  adminCreateSchema,
  adminUpdateSchema,
  createUserAsAdmin,
  deleteUserAsAdmin,
  existingUser,
  listUsersAsAdmin,
  paginationHeaders,
  requireAdmin,
  updateUserAsAdmin,
} from './admin.ts';
import type { Mailing } from './codes.ts';
import type { Mailer } from './emails.ts';
import { AuthError, badRequest, sendAuthError } from './errors.ts';
import type { JwtSettings } from './jwt.ts';
import { otpRequestSchema, requestOtp, verifyOtp, verifySchema } from './otp.ts';
import { passwordGrantSchema, signInWithPassword, signUp, signupSchema } from './password.ts';
import { prepareRateLimits, RateLimits } from './rate-limits.ts';
import { readJson } from './request.ts';
import { readAuthSettings, type AuthSettings } from './settings.ts';
import { endSessions, refreshSession, type Origin } from './sessions.ts';
import { userJson } from './users.ts';

export type { Mailer, OutgoingMail } from './emails.ts';

export interface AuthOptions {
  /** Connects as supabase_auth_admin, the role GoTrue uses. */
  pool: pg.Pool;
  jwtSecret: string;
  /** `${apiUrl}/auth/v1`: the `iss` claim of access tokens. */
  issuer: string;
  mailer: Mailer;
  /** The [auth] settings of supabase/config.toml unless given. */
  settings?: AuthSettings;
  /**
   * Whose rate-limit counters this server keeps. GoTrue counts in its process's memory, so a
   * freshly started server starts from zero; a stand-in given a scope of its own does too.
   */
  limiterScope?: string;
  /** Overrides config.toml's otp_expiry (seconds). */
  otpTtlSeconds?: number;
  /** Overrides config.toml's max_frequency (seconds). */
  otpIntervalSeconds?: number;
  /** Overrides config.toml's jwt_expiry (seconds). */
  accessTokenTtlSeconds?: number;
}

const refreshGrantSchema = z.object({
  refresh_token: z.string({ error: 'Refresh token is not valid' }).min(1, { error: 'Refresh token is not valid' }),
});

/** How much of a refused body is read and dropped before answering; past it we answer and close (see discardUnreadBody). */
const drainLimit = 8 * 1024 * 1024;

const adminUserPath = /^\/admin\/users\/([^/]+)$/;

interface Context {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  origin: Origin;
}

function withOverrides(settings: AuthSettings, options: AuthOptions): AuthSettings {
  return {
    ...settings,
    jwtExpiry: options.accessTokenTtlSeconds ?? settings.jwtExpiry,
    email: {
      ...settings.email,
      otpExpirySeconds: options.otpTtlSeconds ?? settings.email.otpExpirySeconds,
      maxFrequencySeconds: options.otpIntervalSeconds ?? settings.email.maxFrequencySeconds,
    },
  };
}

export function createAuth(options: AuthOptions): Handler {
  const { pool } = options;
  const settings = withOverrides(options.settings ?? readAuthSettings(), options);
  const secret = new TextEncoder().encode(options.jwtSecret);
  const jwt: JwtSettings = { secret, issuer: options.issuer, accessTokenTtlSeconds: settings.jwtExpiry };
  const limits = new RateLimits(pool, options.limiterScope ?? 'gotrue', settings.rateLimit);
  const mailing: Mailing = { settings, limits, mailer: options.mailer };

  const routes: Record<string, (ctx: Context) => Promise<void>> = {
    'GET /health': async ({ res }) =>
      sendJson(res, 200, { version: 'local', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' }),

    'GET /settings': async ({ res }) =>
      sendJson(res, 200, {
        external: { email: true, phone: false, anonymous_users: false },
        disable_signup: !settings.enableSignup,
        mailer_autoconfirm: !settings.email.enableConfirmations,
        phone_autoconfirm: false,
        sms_provider: '',
        saml_enabled: false,
      }),

    // Each rate limit is counted where GoTrue counts it: /otp and /verify before anything else,
    // /signup once its body is read, /token once its grant type is known, PUT /user once the
    // caller is known.
    'POST /otp': async ({ req, res, origin }) => {
      await limits.request('otp', origin.ip);
      await requestOtp(pool, mailing, await readJson(req, otpRequestSchema));
      sendJson(res, 200, {});
    },

    'POST /verify': async ({ req, res, origin }) => {
      await limits.request('verify', origin.ip);
      sendJson(res, 200, await verifyOtp(pool, mailing, jwt, await readJson(req, verifySchema), origin));
    },

    'POST /signup': async ({ req, res, origin }) => {
      const input = await readJson(req, signupSchema);
      await limits.request('signup', origin.ip);
      sendJson(res, 200, await signUp(pool, mailing, jwt, input, origin));
    },

    'POST /token': async ({ req, res, url, origin }) => {
      const grant = url.searchParams.get('grant_type');
      if (grant !== 'password' && grant !== 'refresh_token') throw badRequest('invalid_credentials', 'unsupported_grant_type');
      // Password sign-in and refresh share one bucket per client address (token_refresh).
      await limits.request('token', origin.ip);
      if (grant === 'password') {
        sendJson(res, 200, await signInWithPassword(pool, jwt, await readJson(req, passwordGrantSchema), origin));
      } else {
        const { refresh_token } = await readJson(req, refreshGrantSchema);
        sendJson(res, 200, await refreshSession(pool, jwt, refresh_token));
      }
    },

    'GET /user': async ({ req, res }) => sendJson(res, 200, userJson((await authenticate(req, pool, secret)).user)),

    'PUT /user': async ({ req, res, origin }) => {
      const caller = await authenticate(req, pool, secret);
      await limits.request('user', origin.ip);
      sendJson(res, 200, userJson(await updateOwnAccount(pool, mailing, caller, await readJson(req, userUpdateSchema))));
    },

    'GET /reauthenticate': async ({ req, res }) => {
      await reauthenticate(pool, mailing, await authenticate(req, pool, secret));
      sendJson(res, 200, {});
    },

    'POST /logout': async ({ req, res, url }) => {
      const scope = parseLogoutScope(url.searchParams.get('scope'));
      const caller = await authenticate(req, pool, secret);
      await endSessions(pool, caller.user.id, caller.sessionId, scope);
      res.writeHead(204).end();
    },

    'GET /admin/users': async ({ req, res, url }) => {
      await requireAdmin(req, secret);
      const page = await listUsersAsAdmin(pool, url.searchParams);
      sendJson(res, 200, { users: page.users.map(userJson), aud: 'authenticated' }, paginationHeaders('/admin/users', page));
    },

    'POST /admin/users': async ({ req, res }) => {
      await requireAdmin(req, secret);
      sendJson(res, 200, userJson(await createUserAsAdmin(pool, await readJson(req, adminCreateSchema))));
    },
  };

  const userRoutes: Record<string, (ctx: Context, id: string) => Promise<void>> = {
    GET: async ({ res }, id) => sendJson(res, 200, userJson(await existingUser(pool, id))),
    PUT: async ({ req, res }, id) => sendJson(res, 200, userJson(await updateUserAsAdmin(pool, id, await readJson(req, adminUpdateSchema)))),
    DELETE: async ({ res }, id) => sendJson(res, 200, userJson(await deleteUserAsAdmin(pool, id))),
  };

  async function route(ctx: Context, method: string, path: string): Promise<void> {
    const handler = routes[`${method} ${path}`];
    if (handler) return handler(ctx);
    const id = adminUserPath.exec(path)?.[1];
    const userHandler = id === undefined ? undefined : userRoutes[method];
    if (id !== undefined && userHandler) {
      await requireAdmin(ctx.req, secret);
      return userHandler(ctx, id);
    }
    const known = Object.keys(routes).some((key) => key.endsWith(` ${path}`)) || id !== undefined;
    throw known ? new AuthError(405, 'method_not_allowed', 'Method not allowed') : new AuthError(404, 'not_found', 'Not found');
  }

  return async (req, res, path) => {
    const url = new URL(req.url ?? '/', 'http://auth');
    const ctx: Context = { req, res, url, origin: { ip: clientIp(req), userAgent: req.headers['user-agent'] } };
    try {
      await prepareRateLimits(pool);
      await route(ctx, req.method ?? 'GET', path);
    } catch (error) {
      await discardUnreadBody(req, res, drainLimit);
      if (error instanceof AuthError) return sendAuthError(req, res, error);
      console.error('[auth]', error);
      sendAuthError(req, res, new AuthError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information'));
    }
  };
}
