/** Reading what a client sent: a size-capped JSON body checked by a zod schema, and the bearer token. */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { BodyTooLarge, containsNul, readBody } from '../http.ts';
import { AuthError, badRequest } from './errors.ts';

/** GoTrue's cap on a request body (1 MB); a larger one is refused with 413. */
const bodyLimit = 1 << 20;

/** An email address as GoTrue accepts it: at most 255 characters, stored lower-case. */
export const emailSchema = z
  .string({ error: 'An email address is required' })
  .trim()
  .toLowerCase()
  .max(255, { error: 'An email address is too long' })
  .pipe(z.email({ error: 'Unable to validate email address: invalid format' }));

/** `data`, `user_metadata`, `app_metadata`: free-form JSON objects. */
export const metadataSchema = z.record(z.string(), z.unknown(), { error: 'Metadata must be a JSON object' });

const badJson = (reason: string) => badRequest('bad_json', `Could not parse request body as JSON: ${reason}`);

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}

/**
 * GoTrue decodes a body into a typed Go struct: a value of the wrong JSON type (an email
 * that is a number, an array where an object goes) fails the decoding itself and is
 * `bad_json`, not `validation_failed`. A missing field is left for validation.
 */
function wrongJsonType(issue: z.core.$ZodIssue | undefined): string | undefined {
  if (issue === undefined || issue.input === undefined) return undefined;
  const field = issue.path.length > 0 ? `field ${issue.path.join('.')}` : 'the request';
  if (issue.code === 'invalid_type') return `cannot unmarshal ${jsonType(issue.input)} into ${field} of type ${issue.expected}`;
  // An enum (the verify `type`) is a Go string: only a non-string fails the decoding.
  if (issue.code === 'invalid_value' && typeof issue.input !== 'string') return `cannot unmarshal ${jsonType(issue.input)} into ${field} of type string`;
  return undefined;
}

export async function readJson<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.output<T>> {
  let raw: Buffer;
  try {
    raw = await readBody(req, bodyLimit);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new AuthError(413, 'request_entity_too_large', `Request body too large (max ${bodyLimit} bytes)`);
    throw error;
  }
  let json: unknown;
  try {
    // An empty body is not JSON either: Go's decoder says "unexpected end of JSON input".
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw badJson(raw.length === 0 ? 'unexpected end of JSON input' : (error as Error).message);
  }
  if (containsNul(json)) throw badRequest('validation_failed', 'Request body must not contain NUL (\\u0000) characters');
  // A null (the body, or a top-level field) leaves a Go struct unset: absent, not a wrong type.
  if (json === null) json = {};
  else if (typeof json === 'object' && !Array.isArray(json)) {
    json = Object.fromEntries(Object.entries(json).filter(([, value]) => value !== null));
  }
  const result = schema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  const wrongType = wrongJsonType(result.error.issues[0]);
  if (wrongType) throw badJson(wrongType);
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
