/**
 * GoTrue's error responses. A client that sends `X-Supabase-Api-Version: 2024-01-01` (as
 * supabase-js does) gets `{ code: "<error code>", message }` and the version echoed back;
 * older clients get the shape the OpenAPI spec documents, `{ code: <status>, error_code, msg }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http.ts';

const apiVersionHeader = 'x-supabase-api-version';
const apiVersion20240101 = '2024-01-01';

export class AuthError extends Error {
  readonly status: number;
  readonly code: string;
  /** Only for `weak_password`: which rules the password broke. */
  readonly reasons: string[] | undefined;

  constructor(status: number, code: string, message: string, reasons?: string[]) {
    super(message);
    this.status = status;
    this.code = code;
    this.reasons = reasons;
  }
}

export const badRequest = (code: string, message: string) => new AuthError(400, code, message);
export const forbidden = (code: string, message: string) => new AuthError(403, code, message);
export const unprocessable = (code: string, message: string) => new AuthError(422, code, message);
export const tooManyRequests = (code: string, message: string) => new AuthError(429, code, message);
export const notFound = (code: string, message: string) => new AuthError(404, code, message);

/** True when the client asked for the 2024-01-01 API (dates compare as strings). */
function wantsVersion20240101(req: IncomingMessage): boolean {
  const header = req.headers[apiVersionHeader];
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= apiVersion20240101;
}

export function sendAuthError(req: IncomingMessage, res: ServerResponse, error: AuthError): void {
  const weakPassword = error.reasons ? { weak_password: { reasons: error.reasons } } : {};
  if (wantsVersion20240101(req)) {
    sendJson(res, error.status, { code: error.code, message: error.message, ...weakPassword }, { [apiVersionHeader]: apiVersion20240101 });
  } else {
    sendJson(res, error.status, { code: error.status, error_code: error.code, msg: error.message, ...weakPassword });
  }
}
