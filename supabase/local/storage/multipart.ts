/**
 * A streaming multipart/form-data reader, enough for what storage-js sends: small text
 * fields (cacheControl, metadata, contentType) and one file part. File bytes go to the
 * caller chunk by chunk as they arrive; nothing but fields and one delimiter's worth of
 * look-behind is held in memory.
 */
import { invalidRequest } from './errors.ts';

export interface FilePartHead {
  contentType: string;
}

export interface MultipartSink {
  /** The first file part starts, with the fields read so far; may throw to refuse it. */
  fileStarts(head: FilePartHead, fieldsSoFar: ReadonlyMap<string, string>): void;
  fileData(chunk: Buffer): Promise<void>;
}

const maxHeaderBytes = 16 * 1024;
const maxFieldBytes = 1024 * 1024;
const headerEnd = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

interface PartHead {
  name: string;
  isFile: boolean;
  contentType: string;
}

function parsePartHead(text: string): PartHead {
  const disposition = /^content-disposition:(.*)$/im.exec(text)?.[1] ?? '';
  const contentType = /^content-type:\s*(.*)$/im.exec(text)?.[1]?.trim() ?? 'application/octet-stream';
  return {
    name: /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? '',
    isFile: /;\s*filename\*?=/i.test(disposition),
    contentType,
  };
}

/** Reads the whole body; returns the text fields and whether a file part was seen. */
export async function readMultipart(
  body: AsyncIterable<Buffer>,
  boundary: string,
  sink: MultipartSink,
): Promise<{ fields: Map<string, string>; sawFile: boolean }> {
  // Every delimiter but the first is preceded by CRLF; prefixing one lets a single search
  // pattern find the first as well.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buffer: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'afterDelimiter' | 'head' | 'body' | 'done' = 'preamble';
  let part: PartHead | undefined;
  let fieldBytes = 0;
  let receivingFile = false;
  let sawFile = false;
  const fields = new Map<string, string>();
  const fieldChunks: Buffer[] = [];

  async function emit(chunk: Buffer): Promise<void> {
    if (chunk.length === 0) return;
    if (receivingFile) return sink.fileData(chunk);
    if (part && !part.isFile) {
      fieldBytes += chunk.length;
      if (fieldBytes > maxFieldBytes) throw invalidRequest('Form fields too large');
      fieldChunks.push(chunk);
    }
    // Further file parts are read past and dropped, as Storage keeps only the first.
  }

  function endPart(): void {
    if (part && !part.isFile) fields.set(part.name, Buffer.concat(fieldChunks).toString('utf8'));
    fieldChunks.length = 0;
    receivingFile = false;
    part = undefined;
  }

  for await (const chunk of body) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (state === 'preamble' || state === 'body') {
        const at = buffer.indexOf(delimiter);
        if (at === -1) {
          // Keep enough to recognise a delimiter split across chunks.
          const safe = Math.max(0, buffer.length - delimiter.length + 1);
          if (state === 'body') await emit(buffer.subarray(0, safe));
          buffer = buffer.subarray(safe);
          break;
        }
        if (state === 'body') {
          await emit(buffer.subarray(0, at));
          endPart();
        }
        buffer = buffer.subarray(at + delimiter.length);
        state = 'afterDelimiter';
      } else if (state === 'afterDelimiter') {
        if (buffer.length < 2) break;
        const marker = buffer.subarray(0, 2).toString('latin1');
        if (marker === '--') state = 'done';
        else if (marker === '\r\n') state = 'head';
        else throw invalidRequest('Malformed multipart body');
        buffer = buffer.subarray(2);
      } else if (state === 'head') {
        const at = buffer.indexOf(headerEnd);
        if (at === -1) {
          if (buffer.length > maxHeaderBytes) throw invalidRequest('Multipart part headers too large');
          break;
        }
        part = parsePartHead(buffer.subarray(0, at).toString('utf8'));
        buffer = buffer.subarray(at + headerEnd.length);
        if (part.isFile && !sawFile) {
          sink.fileStarts({ contentType: part.contentType }, fields);
          sawFile = true;
          receivingFile = true;
        }
        state = 'body';
      } else {
        // After the closing delimiter only an epilogue may follow; ignore it.
        buffer = Buffer.alloc(0);
        break;
      }
    }
  }
  if (state !== 'done') throw invalidRequest('Malformed multipart body: it ended before the closing boundary');
  return { fields, sawFile };
}
