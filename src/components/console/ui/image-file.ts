/**
 * Checks an image chosen for upload before it is sent: what its first bytes say it is, among
 * `types`, and its size up to `maxBytes`. Not its name, nor the type the browser guesses from
 * the name: Storage checks only that declared type against the bucket's allowed_mime_types (the
 * local stand-in too, as hosted Supabase does), so a text file named fake.png was stored as a
 * logo and buyers saw a broken image. Returns the file typed as its content says, with the
 * extension for the object name, or the reason it is refused.
 */
import type { Translate } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { uploadRefusal, type UploadKey, type UploadRules } from './upload-refusal.ts';

const formats: readonly { type: string; extension: string; matches: (head: Uint8Array) => boolean }[] = [
  { type: 'image/png', extension: 'png', matches: (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', extension: 'jpg', matches: (head) => startsWith(head, [0xff, 0xd8, 0xff]) },
  { type: 'image/webp', extension: 'webp', matches: (head) => ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP' },
  { type: 'image/avif', extension: 'avif', matches: isAvif },
];

/** Enough of the file for every signature above, AVIF's list of brands included. */
const headBytes = 64;

export type ImageCheck = { ok: true; file: File; extension: string } | { ok: false; reason: 'type' | 'size' };

export async function checkImage(file: File, { types, maxBytes }: UploadRules): Promise<ImageCheck> {
  const head = new Uint8Array(await file.slice(0, headBytes).arrayBuffer());
  const format = formats.find((candidate) => types.includes(candidate.type) && candidate.matches(head));
  if (!format) return { ok: false, reason: 'type' };
  if (file.size > maxBytes) return { ok: false, reason: 'size' };
  // Sent with the type it is: a JPEG named .png would otherwise be stored as image/png.
  return { ok: true, file: file.type === format.type ? file : new File([file], file.name, { type: format.type }), extension: format.extension };
}

/**
 * checkImage with its refusal said (uploadRefusal): the screens check an image as it is chosen, as
 * the post's files are, and again before sending it (the file sent is the one checked).
 */
export async function chosenImage(file: File, rules: UploadRules, t: Translate<UploadKey>, locale: Locale): Promise<{ ok: true; file: File; extension: string } | { ok: false; message: string }> {
  const check = await checkImage(file, rules);
  return check.ok ? check : { ok: false, message: uploadRefusal({ name: file.name, size: file.size, problem: check.reason }, rules, t, locale) };
}

function startsWith(head: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => head[index] === byte);
}

function ascii(head: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...head.subarray(from, to));
}

/** An ISO BMFF `ftyp` box whose major or a compatible brand is AVIF's (`avif`, or `avis` for a sequence). */
function isAvif(head: Uint8Array): boolean {
  if (ascii(head, 4, 8) !== 'ftyp') return false;
  const boxEnd = Math.min(new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0), head.length);
  // The major brand at 8, a minor version at 12, then compatible brands to the box's end.
  for (let at = 8; at + 4 <= boxEnd; at += at === 8 ? 8 : 4) {
    if (['avif', 'avis'].includes(ascii(head, at, at + 4))) return true;
  }
  return false;
}

/** A short random file name, so a replaced image never hits a cached old one. */
export function objectFileName(prefix: string, extension: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}.${extension}`;
}
