/** Reading what a client sent: a size-capped JSON body checked by a zod schema, and the bearer token. */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { BodyTooLarge, readBody } from '../http.ts';
import { AuthError, badRequest } from './errors.ts';

/** Auth requests are a few small fields; anything bigger is not a real client. */
const bodyLimit = 64 * 1024;

/** An email address as GoTrue accepts it: at most 255 characters, stored lower-case. */
export const emailSchema = z
  .string({ error: 'An email address is required' })
  .trim()
  .toLowerCase()
  .max(255, { error: 'An email address is too long' })
  .pipe(z.email({ error: 'Unable to validate email address: invalid format' }));

/** `data`, `user_metadata`, `app_metadata`: free-form JSON objects. */
export const metadataSchema = z.record(z.string(), z.unknown(), { error: 'Metadata must be a JSON object' });

export async function readJson<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.output<T>> {
  let raw: Buffer;
  try {
    raw = await readBody(req, bodyLimit);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new AuthError(413, 'request_too_large', `Request body must not exceed ${bodyLimit} bytes`);
    throw error;
  }
  let json: unknown;
  try {
    json = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${(error as Error).message}`);
  }
  return parseInput(schema, json);
}

/** Validates input against a schema, answering GoTrue's `validation_failed` with the first problem found. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw badRequest('validation_failed', 'Invalid request');
  // Our own messages are whole sentences; zod's defaults ("Invalid input: …", "Too small: …")
  // do not say which field they are about.
  const isDefault = /^(Invalid|Too) /.test(issue.message);
  const field = isDefault && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw badRequest('validation_failed', `${field}${issue.message}`);
}

/** The token of an `Authorization: Bearer …` header, or GoTrue's 401 when there is none. */
export function bearerToken(req: IncomingMessage): string {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  return match[1];
}
