/**
 * A refused upload as the console says it, for every screen that uploads (the logo, a product's
 * image, a post's files). Storage refuses in English ("Payload too large", "mime type image/gif is
 * not supported"), the meaning in its body's `statusCode` and `code` (supabase/local/storage/
 * errors.ts, as hosted Storage answers); staff read which file, why, and the bucket's limit in
 * their language ("“logo.png” is 1.3 MB; the logo can be at most 1 MB"). The console's own check
 * before the upload says the same sentences; Storage's refusal stays the authority. A refusal not
 * known here gets a general sentence: Storage's English names neither the file nor what to do.
 */
import type { Translate } from '../../../i18n/format.ts';
import { isolate, tagOf } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';

/** What a bucket takes (its allowed_mime_types and file_size_limit in the storage migrations), and which one it is. */
export interface UploadRules {
  readonly target: 'logo' | 'productImage' | 'attachment';
  readonly types: readonly string[];
  readonly maxBytes: number;
}

export type UploadProblem = 'size' | 'type' | 'denied' | 'unknown';

/** A file refused, by the console's check or by Storage. */
export interface RefusedFile {
  readonly name: string;
  readonly size: number;
  readonly problem: UploadProblem;
}

/** The staff catalogue's sentences a refusal is said in. */
export type UploadKey =
  | 'uploadTooLargeLogo' | 'uploadTooLargeImage' | 'uploadTooLargeAttachment'
  | 'uploadTypeImage' | 'uploadTypeAttachment' | 'uploadDenied' | 'logoNotSaved' | 'uploadRefused';

/**
 * Which refusal Storage's error is. storage-js puts the body's `statusCode` (else its `code`, else
 * the HTTP status, as for a proxy's bare 413) in `statusCode`.
 */
export function storageProblem(error: { statusCode?: string | undefined; code?: string | undefined }): UploadProblem {
  const { statusCode, code } = error;
  if (statusCode === '413' || code === 'EntityTooLarge') return 'size';
  if (statusCode === '415' || code === 'InvalidMimeType') return 'type';
  if (statusCode === '401' || statusCode === '403' || code === 'AccessDenied') return 'denied';
  return 'unknown';
}

/** The console's check of a file before it is sent, as Storage judges it (by its declared type); null when it passes. */
export function uploadCheck(file: { size: number; type: string }, rules: UploadRules): UploadProblem | null {
  if (!rules.types.includes(file.type)) return 'type';
  if (file.size > rules.maxBytes) return 'size';
  return null;
}

/**
 * A size in the units the buckets' limits are set in (1 MB = 1,048,576 bytes), to one decimal,
 * rounded up: a file a byte over "1 MB" reads "1.1 MB", never "1 MB; at most 1 MB". Under 1 kB in
 * bytes, named in full ("2 bytes", "2 字节"): rounded up, a 2-byte file read "1 kB", and the short
 * unit is "2 byte" in English. Kept on one line: at 360 px the Spanish sentence broke "1 / MB".
 */
export function uploadSize(bytes: number, locale: Locale): string {
  const [unit, value] = bytes < 1024 ? (['byte', bytes] as const)
    : bytes < 1024 * 1024 ? (['kilobyte', Math.ceil(bytes / 1024)] as const)
    : (['megabyte', Math.ceil((bytes / (1024 * 1024)) * 10) / 10] as const);
  return new Intl.NumberFormat(tagOf(locale), { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 }).format(value).replace(/ /g, '\u00a0');
}

const tooLarge = { logo: 'uploadTooLargeLogo', productImage: 'uploadTooLargeImage', attachment: 'uploadTooLargeAttachment' } as const;

/** The sentence for a refused file: its name, what is wrong, and the limit it broke. */
export function uploadRefusal(file: RefusedFile, rules: UploadRules, t: Translate<UploadKey>, locale: Locale): string {
  const name = isolate(file.name);
  switch (file.problem) {
    case 'size': return t(tooLarge[rules.target], { name, size: uploadSize(file.size, locale), max: uploadSize(rules.maxBytes, locale) });
    case 'type': return t(rules.target === 'attachment' ? 'uploadTypeAttachment' : 'uploadTypeImage', { name });
    case 'denied': return rules.target === 'logo' ? t('logoNotSaved') : t('uploadDenied', { name });
    default: return t('uploadRefused', { name });
  }
}
