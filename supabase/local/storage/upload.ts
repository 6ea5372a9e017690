/**
 * Reads an upload's bytes into a pending file: multipart form data (what storage-js sends
 * for a File, Blob or FormData) or a raw body (ArrayBuffer, Buffer, stream), with the
 * bucket's size and MIME rules applied as Storage applies them.
 */
import type { IncomingMessage } from 'node:http';
import { containsNul, requestChunks } from '../http.ts';
import { entityTooLarge, invalidMimeType, invalidRequest } from './errors.ts';
import type { ObjectFiles, PendingFile } from './files.ts';
import { boundaryOf, readMultipart } from './multipart.ts';

export interface UploadRules {
  /** Bytes: the smaller of the stand-in's global cap and the bucket's file_size_limit. */
  maxBytes: number;
  allowedMimeTypes: string[] | null;
}

export interface ReceivedUpload {
  file: PendingFile;
  eTag: string;
  mimetype: string;
  cacheControl: string;
  userMetadata: Record<string, unknown> | null;
}

/** Room for multipart framing and fields when judging a declared length against the limit. */
const multipartOverhead = 1024 * 1024 + 64 * 1024;

/**
 * Storage's MIME check: the type must match, the subtype match or be `*`. Like Storage, it
 * compares the whole value, parameters included, so `text/plain;charset=UTF-8` (storage-js's
 * default for raw bodies) does not match an allowed `text/plain`.
 */
export function checkMimeType(mimeType: string, allowed: string[] | null): void {
  if (!allowed || allowed.length === 0) return;
  const [type, subtype] = mimeType.split('/');
  if (subtype === undefined) throw invalidMimeType(mimeType);
  const ok = allowed.some((entry) => {
    const [allowedType, allowedSubtype] = entry.split('/');
    return allowedType === type && (allowedSubtype === '*' || allowedSubtype === subtype);
  });
  if (!ok) throw invalidMimeType(mimeType);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJsonObject(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Storage ignores user metadata it cannot parse rather than failing the upload.
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  // jsonb cannot hold U+0000: refuse it here rather than fail the insert.
  if (containsNul(value)) throw invalidRequest('metadata must not contain NUL (\\u0000) characters');
  return value as Record<string, unknown>;
}

export async function receiveUpload(req: IncomingMessage, files: ObjectFiles, rules: UploadRules): Promise<ReceivedUpload> {
  const contentType = header(req, 'content-type') ?? '';
  const declared = Number(header(req, 'content-length') ?? Number.NaN);
  const multipart = contentType.toLowerCase().startsWith('multipart/form-data');
  if (declared > rules.maxBytes + (multipart ? multipartOverhead : 0)) throw entityTooLarge();

  const file = files.pending(rules.maxBytes);
  try {
    if (multipart) {
      const boundary = boundaryOf(contentType);
      if (!boundary) throw invalidRequest('Multipart body without a boundary');
      let mimetype = '';
      const { fields, sawFile } = await readMultipart(requestChunks(req), boundary, {
        fileStarts: (head, fieldsSoFar) => {
          // storage-js sends its fields before the file, so an explicit contentType is known here.
          mimetype = fieldsSoFar.get('contentType') || head.contentType;
          checkMimeType(mimetype, rules.allowedMimeTypes);
        },
        fileData: (chunk) => file.write(chunk),
      });
      if (!sawFile) throw invalidRequest('No content provided');
      const cacheTime = fields.get('cacheControl');
      return {
        file,
        eTag: await file.finish(),
        mimetype,
        cacheControl: cacheTime ? `max-age=${cacheTime}` : 'no-cache',
        userMetadata: parseJsonObject(fields.get('metadata') ?? fields.get('userMetadata')),
      };
    }
    const mimetype = contentType || 'application/octet-stream';
    checkMimeType(mimetype, rules.allowedMimeTypes);
    for await (const chunk of requestChunks(req)) await file.write(chunk);
    const encodedMetadata = header(req, 'x-metadata');
    return {
      file,
      eTag: await file.finish(),
      mimetype,
      cacheControl: header(req, 'cache-control') ?? 'no-cache',
      userMetadata: parseJsonObject(encodedMetadata && Buffer.from(encodedMetadata, 'base64').toString('utf8')),
    };
  } catch (error) {
    await file.discard();
    throw error;
  }
}
