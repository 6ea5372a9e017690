/** The admin API under /admin/users, open only to a service_role JWT, as in GoTrue. */
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { z } from 'zod';
import { badRequest, forbidden, notFound } from './errors.ts';
import { verifyJwt } from './jwt.ts';
import { bearerToken, emailSchema, metadataSchema, parseInput } from './request.ts';
import { inTransaction } from './db.ts';
import { checkPasswordStrength, deleteUser, findUserById, insertUser, listUsers, setPassword, updateUser, type UserRow } from './users.ts';

const adminRoles = ['service_role', 'supabase_admin'];

export async function requireAdmin(req: IncomingMessage, secret: Uint8Array): Promise<void> {
  const claims = await verifyJwt(secret, bearerToken(req));
  if (typeof claims['role'] !== 'string' || !adminRoles.includes(claims['role'])) {
    throw forbidden('not_admin', 'User not allowed');
  }
}

export const adminCreateSchema = z.object({
  email: emailSchema.optional(),
  password: z.string().optional(),
  email_confirm: z.boolean().default(false),
  user_metadata: metadataSchema.optional(),
  app_metadata: metadataSchema.optional(),
});

export const adminUpdateSchema = adminCreateSchema.extend({ email_confirm: z.boolean().optional() });

export async function createUserAsAdmin(pool: pg.Pool, input: z.output<typeof adminCreateSchema>): Promise<UserRow> {
  if (input.email === undefined) throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
  if (input.password !== undefined) checkPasswordStrength(input.password);
  return insertUser(pool, {
    email: input.email,
    password: input.password,
    confirmed: input.email_confirm,
    userMetadata: input.user_metadata,
    appMetadata: input.app_metadata,
  });
}

export async function updateUserAsAdmin(pool: pg.Pool, id: string, input: z.output<typeof adminUpdateSchema>): Promise<UserRow> {
  await existingUser(pool, id);
  if (input.password !== undefined) checkPasswordStrength(input.password);
  return inTransaction(pool, async (client) => {
    // As GoTrue's admin update: a new password ends every session of the user.
    if (input.password !== undefined) await setPassword(client, id, input.password, null);
    return updateUser(client, id, {
      email: input.email,
      confirm: input.email_confirm,
      userMetadata: input.user_metadata,
      appMetadata: input.app_metadata,
    });
  });
}

/** The user a path names, or GoTrue's 404s for a malformed or unknown id. */
export async function existingUser(pool: pg.Pool, id: string): Promise<UserRow> {
  if (!z.uuid().safeParse(id).success) throw notFound('validation_failed', 'user_id must be an UUID');
  const user = await findUserById(pool, id);
  if (!user) throw notFound('user_not_found', 'User not found');
  return user;
}

export async function deleteUserAsAdmin(pool: pg.Pool, id: string): Promise<UserRow> {
  const user = await existingUser(pool, id);
  await deleteUser(pool, id);
  return user;
}

const pageSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(1000).default(50),
});

export interface UserPage {
  users: UserRow[];
  total: number;
  page: number;
  perPage: number;
}

export async function listUsersAsAdmin(pool: pg.Pool, query: URLSearchParams): Promise<UserPage> {
  const params = parseInput(pageSchema, {
    page: query.get('page') ?? undefined,
    per_page: query.get('per_page') ?? undefined,
  });
  const { users, total } = await listUsers(pool, params.page, params.per_page);
  return { users, total, page: params.page, perPage: params.per_page };
}

/** GoTrue's pagination headers, which supabase-js's listUsers() parses (`page` must come first). */
export function paginationHeaders(path: string, page: UserPage): Record<string, string> {
  const lastPage = Math.max(1, Math.ceil(page.total / page.perPage));
  const link = (n: number, rel: string) => `<${path}?page=${n}&per_page=${page.perPage}>; rel="${rel}"`;
  const links = page.page < lastPage ? [link(page.page + 1, 'next'), link(lastPage, 'last')] : [link(lastPage, 'last')];
  return { link: links.join(', '), 'x-total-count': String(page.total) };
}
