/** What every storage route works with, and the small request helpers they share. */
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { BodyTooLarge, containsNul, readBody } from '../http.ts';
import { bodyTooLarge, invalidContentType, invalidRequest } from './errors.ts';
import type { ObjectFiles } from './files.ts';

export interface StorageContext {
  /** Connected as supabase_storage_admin, which may `set role` to anon, authenticated and service_role. */
  pool: pg.Pool;
  /** The project's JWT secret: verifies callers and signs object URLs. */
  secret: Uint8Array;
  files: ObjectFiles;
  /** The stand-in's global cap on one upload, whatever the bucket allows. */
  maxUploadBytes: number;
}

/** Fastify's default body limit, which Storage keeps for its JSON routes. */
const maxJsonBytes = 1024 * 1024;

/** Only `application/json` (any parameters) reaches a JSON route; Fastify refuses other types. */
function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

/** A JSON object body (list options, paths to sign or delete); anything else is a clean 400. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = (await readBody(req, maxJsonBytes)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLarge) throw bodyTooLarge();
    throw error;
  }
  // Fastify refuses an empty JSON body on every route that reads one, and so does Storage.
  if (!text) throw invalidRequest('Body cannot be empty when content-type is set to application/json');
  if (!isJson(req)) throw invalidContentType();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidRequest('Body is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalidRequest('Body must be a JSON object');
  // Postgres cannot hold U+0000 in text: refuse it here instead of failing in SQL.
  if (containsNul(value)) throw invalidRequest('Body must not contain NUL (\\u0000) characters');
  return value as Record<string, unknown>;
}

export function stringArray(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw invalidRequest(`${field} must be an array of strings`);
  return value;
}
