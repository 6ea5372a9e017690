/**
 * Storage API's error responses. Storage renders every failure as
 * `{ statusCode: "<logical status>", code, error, message }` and, unless the status is 500
 * (or Fastify refused the request before Storage saw it, as for an oversized JSON body),
 * answers HTTP 400: storage-js reads `statusCode`, `code` and `message` from the body, and
 * `exists()` looks for `code: "NoSuchKey"`, so the body carries the meaning, not the status.
 */
import type { ServerResponse } from 'node:http';
import pg from 'pg';
import { sendJson } from '../http.ts';

export class StorageError extends Error {
  /** The status Storage reports in the body (404 for a missing object). */
  readonly statusCode: number;
  readonly code: string;
  /** Storage's older error name, kept in `error` for clients that still read it. */
  readonly error: string;

  /** The HTTP status: Storage's 400 (500 for a failure), unless Fastify itself refused the request. */
  readonly httpStatus: number;

  constructor(statusCode: number, code: string, message: string, error = code, httpStatus = statusCode === 500 ? 500 : 400) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.error = error;
    this.httpStatus = httpStatus;
  }
}

export const noSuchBucket = () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found');
export const noSuchKey = () => new StorageError(404, 'NoSuchKey', 'Object not found', 'not_found');
export const accessDenied = (message = 'Access denied') => new StorageError(403, 'AccessDenied', message, 'Unauthorized');
export const rlsViolation = () => accessDenied('new row violates row-level security policy');
export const alreadyExists = () => new StorageError(409, 'Duplicate', 'The resource already exists', 'Duplicate');
export const bucketNotEmpty = () => new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty');
export const invalidRequest = (message: string) => new StorageError(400, 'InvalidRequest', message);
export const invalidKey = (key: string, reason: string) => new StorageError(400, 'InvalidKey', `Invalid key: ${key} (${reason})`);
export const invalidBucketName = () => new StorageError(400, 'InvalidBucketName', 'Bucket name invalid', 'Invalid Input');
export const invalidJwt = (message: string) => new StorageError(400, 'InvalidJWT', message);
export const invalidSignature = () => new StorageError(400, 'InvalidSignature', 'Invalid signature');
export const entityTooLarge = () =>
  new StorageError(413, 'EntityTooLarge', 'The object exceeded the maximum allowed size', 'Payload too large');
/** A JSON body over the limit: Fastify's own refusal, which Storage answers with HTTP 413. */
export const bodyTooLarge = () => new StorageError(413, 'EntityTooLarge', 'Request body is too large', 'Payload Too Large', 413);
/** A JSON route sent something other than JSON (Fastify's FST_ERR_CTP_INVALID_MEDIA_TYPE). */
export const invalidContentType = () => new StorageError(415, 'InvalidMimeType', 'Invalid Content-Type header', 'invalid_mime_type');
export const invalidMimeType = (mimeType: string) =>
  new StorageError(415, 'InvalidMimeType', `mime type ${mimeType} is not supported`, 'invalid_mime_type');
export const notFound = () => new StorageError(404, 'NotFound', 'Route not found', 'Not Found');

/** What Storage answers for the database errors a caller can cause (RLS, duplicates). */
export function fromDatabaseError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  if (error.code === '42501') return error.message.includes('row-level security') ? rlsViolation() : accessDenied(error.message);
  if (error.code === '23505') return alreadyExists();
  return error;
}

export function sendStorageError(res: ServerResponse, error: StorageError): void {
  sendJson(res, error.httpStatus, { statusCode: String(error.statusCode), code: error.code, error: error.error, message: error.message });
}
