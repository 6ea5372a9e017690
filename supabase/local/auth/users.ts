/**
 * auth.users as GoTrue reads and writes it, and the User object its API answers with.
 * Passwords are hashed by pgcrypto's bcrypt inside Postgres, as Supabase's own seeds do.
 */
import { AuthError, badRequest, unprocessable } from './errors.ts';
import { isUniqueViolation, type Db } from './db.ts';

export interface UserRow {
  id: string;
  aud: string;
  role: string;
  email: string;
  phone: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  confirmation_sent_at: Date | null;
  confirmed_at: Date | null;
  recovery_sent_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  banned_until: Date | null;
  created_at: Date;
  updated_at: Date;
  is_anonymous: boolean;
  /** Whether a password is set (the hash itself never leaves Postgres). */
  has_password: boolean;
  /** The hashes of the codes in flight, as GoTrue keeps them ('' when none). */
  confirmation_token: string;
  recovery_token: string;
  reauthentication_token: string;
  reauthentication_sent_at: Date | null;
  /** The address asked for by a pending e-mail change ('' when none), and its two codes. */
  email_change: string;
  email_change_token_new: string;
  email_change_token_current: string;
  email_change_sent_at: Date | null;
  /** 0: neither code of an e-mail change entered yet; 1: one of the two. */
  email_change_confirm_status: number;
}

const columns = `id, aud, role, email, phone, email_confirmed_at, phone_confirmed_at, confirmation_sent_at,
  confirmed_at, recovery_sent_at, last_sign_in_at, raw_app_meta_data, raw_user_meta_data, banned_until,
  created_at, updated_at, is_anonymous, coalesce(encrypted_password, '') <> '' as has_password,
  coalesce(confirmation_token, '') as confirmation_token, coalesce(recovery_token, '') as recovery_token,
  coalesce(reauthentication_token, '') as reauthentication_token, reauthentication_sent_at,
  coalesce(email_change, '') as email_change, coalesce(email_change_token_new, '') as email_change_token_new,
  coalesce(email_change_token_current, '') as email_change_token_current, email_change_sent_at,
  coalesce(email_change_confirm_status, 0) as email_change_confirm_status`;

/** GoTrue's instance id for single-tenant deployments. */
const instanceId = '00000000-0000-0000-0000-000000000000';
const duplicateEmail = () => unprocessable('email_exists', 'A user with this email address has already been registered');

/** GoTrue's password rule with its default settings: length only. */
export const minPasswordLength = 6;
/** bcrypt reads only the first 72 bytes: a longer password would match on its prefix alone. */
export const maxPasswordBytes = 72;

export function checkPasswordStrength(password: string): void {
  if (Buffer.byteLength(password) > maxPasswordBytes) {
    throw badRequest('validation_failed', `Password cannot be longer than ${maxPasswordBytes} characters`);
  }
  if (password.length < minPasswordLength) {
    throw new AuthError(422, 'weak_password', `Password should be at least ${minPasswordLength} characters.`, ['length']);
  }
}

/** Looks a user up by id; `lock` takes a row lock for the rest of the transaction. */
export async function findUserById(db: Db, id: string, lock = false): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`select ${columns} from auth.users where id = $1 and deleted_at is null${lock ? ' for update' : ''}`, [id]);
  return rows[0];
}

/**
 * GoTrue's look-up by e-mail (FindUserByEmailAndAudience): the instance id with the lower-case
 * address, which its index users_instance_id_email_idx answers; auth.users has no index on
 * lower(email) alone.
 */
const byEmail = `instance_id = '${instanceId}' and lower(email) = $1 and is_sso_user = false and deleted_at is null`;

/** Looks a user up by (lower-case) email; `lock` takes a row lock for the rest of the transaction. */
export async function findUserByEmail(db: Db, email: string, lock = false): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`select ${columns} from auth.users where ${byEmail}${lock ? ' for update' : ''}`, [email]);
  return rows[0];
}

/** The user if the password matches; bcrypt runs in Postgres against the stored hash. */
export async function findUserByPassword(db: Db, email: string, password: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(
    `select ${columns} from auth.users
      where ${byEmail}
        and case when coalesce(encrypted_password, '') = '' then false
                 else encrypted_password = extensions.crypt($2, encrypted_password) end`,
    [email, password],
  );
  return rows[0];
}

export interface NewUser {
  email: string;
  /** Users created for an email code have no password, as in GoTrue. */
  password?: string | undefined;
  confirmed: boolean;
  userMetadata?: Record<string, unknown> | undefined;
  appMetadata?: Record<string, unknown> | undefined;
}

export async function insertUser(db: Db, user: NewUser): Promise<UserRow> {
  // Like GoTrue, the provider facts win over anything an admin passes in app_metadata.
  const appMetadata = { ...user.appMetadata, provider: 'email', providers: ['email'] };
  try {
    const { rows } = await db.query<UserRow>(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
         raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ($1, gen_random_uuid(), 'authenticated', 'authenticated', $2,
         case when $3::text is null then '' else extensions.crypt($3, extensions.gen_salt('bf')) end,
         case when $4 then now() end, $5, $6, now(), now())
       returning ${columns}`,
      [instanceId, user.email, user.password ?? null, user.confirmed, appMetadata, user.userMetadata ?? {}],
    );
    return rows[0]!;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateEmail();
    throw error;
  }
}

export interface UserChanges {
  email?: string | undefined;
  /** Sets email_confirmed_at if it is not set yet. */
  confirm?: boolean | undefined;
  /** Merged into the stored metadata; a key set to null is removed, as GoTrue does. */
  userMetadata?: Record<string, unknown> | undefined;
  appMetadata?: Record<string, unknown> | undefined;
}

/** Merges top-level keys, dropping those set to null (jsonb `||` then removing null-valued keys). */
const mergeJson = (column: string, param: string) =>
  `case when ${param}::jsonb is null then ${column}
        else (coalesce(${column}, '{}'::jsonb) || ${param}::jsonb)
             - array(select key from jsonb_each(${param}::jsonb) where value = 'null'::jsonb) end`;

export async function updateUser(db: Db, id: string, changes: UserChanges): Promise<UserRow> {
  try {
    const { rows } = await db.query<UserRow>(
      `update auth.users set
         email = coalesce($2, email),
         email_confirmed_at = case when $3 then coalesce(email_confirmed_at, now()) else email_confirmed_at end,
         raw_user_meta_data = ${mergeJson('raw_user_meta_data', '$4')},
         raw_app_meta_data = ${mergeJson('raw_app_meta_data', '$5')},
         updated_at = now()
       where id = $1
       returning ${columns}`,
      [id, changes.email ?? null, changes.confirm ?? false, changes.userMetadata ?? null, changes.appMetadata ?? null],
    );
    return rows[0]!;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateEmail();
    throw error;
  }
}

/**
 * Sets a password as GoTrue's UpdatePassword does: every code in flight stops working, and
 * every session ends but `keepSession` (the caller's own, or none when an admin sets it).
 */
export async function setPassword(db: Db, id: string, password: string, keepSession: string | null): Promise<void> {
  await db.query(
    `update auth.users set encrypted_password = extensions.crypt($2, extensions.gen_salt('bf')),
       confirmation_token = '', confirmation_sent_at = null, recovery_token = '', recovery_sent_at = null,
       email_change_token_current = '', email_change_token_new = '', email_change_sent_at = null,
       reauthentication_token = '', reauthentication_sent_at = null, updated_at = now()
     where id = $1`,
    [id, password],
  );
  await db.query('delete from auth.one_time_tokens where user_id = $1', [id]);
  await db.query('delete from auth.sessions where user_id = $1 and id is distinct from $2::uuid', [id, keepSession]);
}

/** True when the password equals the stored one (GoTrue refuses to "change" to the same password). */
export async function hasPassword(db: Db, id: string, password: string): Promise<boolean> {
  const { rows } = await db.query<{ same: boolean }>(
    `select coalesce(encrypted_password, '') <> '' and encrypted_password = extensions.crypt($2, encrypted_password) as same
       from auth.users where id = $1`,
    [id, password],
  );
  return rows[0]?.same ?? false;
}

export async function recordSignIn(db: Db, id: string): Promise<UserRow> {
  const { rows } = await db.query<UserRow>(
    `update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1 returning ${columns}`,
    [id],
  );
  return rows[0]!;
}

export async function deleteUser(db: Db, id: string): Promise<boolean> {
  const { rowCount } = await db.query('delete from auth.users where id = $1', [id]);
  return rowCount === 1;
}

export async function listUsers(db: Db, page: number, perPage: number): Promise<{ users: UserRow[]; total: number }> {
  const [list, count] = await Promise.all([
    db.query<UserRow>(`select ${columns} from auth.users where deleted_at is null order by created_at desc, id limit $1 offset $2`, [
      perPage,
      (page - 1) * perPage,
    ]),
    db.query<{ total: number }>('select count(*)::int as total from auth.users where deleted_at is null'),
  ]);
  return { users: list.rows, total: count.rows[0]?.total ?? 0 };
}

export function isBanned(user: UserRow): boolean {
  return user.banned_until !== null && user.banned_until > new Date();
}

const iso = (date: Date | null) => date?.toISOString();

/** GoTrue's User JSON: unset timestamps are left out, metadata is always an object. */
export function userJson(user: UserRow): Record<string, unknown> {
  const emailVerified = user.email_confirmed_at !== null;
  return {
    id: user.id,
    aud: user.aud,
    role: user.role,
    email: user.email,
    email_confirmed_at: iso(user.email_confirmed_at),
    phone: user.phone ?? '',
    phone_confirmed_at: iso(user.phone_confirmed_at),
    confirmation_sent_at: iso(user.confirmation_sent_at),
    confirmed_at: iso(user.confirmed_at),
    recovery_sent_at: iso(user.recovery_sent_at),
    new_email: user.email_change || undefined,
    email_change_sent_at: iso(user.email_change_sent_at),
    reauthentication_sent_at: iso(user.reauthentication_sent_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    // There is no auth.identities table locally: every user has exactly their email identity,
    // whose provider id GoTrue sets to the user id.
    identities: [
      {
        identity_id: user.id,
        id: user.id,
        user_id: user.id,
        identity_data: { email: user.email, email_verified: emailVerified, phone_verified: false, sub: user.id },
        provider: 'email',
        last_sign_in_at: iso(user.last_sign_in_at),
        created_at: iso(user.created_at),
        updated_at: iso(user.updated_at),
        email: user.email,
      },
    ],
    banned_until: iso(user.banned_until),
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    is_anonymous: user.is_anonymous,
  };
}
