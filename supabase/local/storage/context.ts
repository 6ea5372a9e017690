/** What every storage route works with, and the small request helpers they share. */
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { BodyTooLarge, readBody } from '../http.ts';
import { invalidRequest } from './errors.ts';
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

const maxJsonBytes = 1024 * 1024;

/** A JSON object body (list options, paths to sign or delete); anything else is a clean 400. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = (await readBody(req, maxJsonBytes)).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLarge) throw invalidRequest('Request body too large');
    throw error;
  }
  try {
    const value: unknown = text ? JSON.parse(text) : {};
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below, like any other non-object body.
  }
  throw invalidRequest('Body must be a JSON object');
}

export function stringArray(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw invalidRequest(`${field} must be an array of strings`);
  return value;
}
