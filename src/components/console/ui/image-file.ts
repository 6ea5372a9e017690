/**
 * Checks an image chosen for upload before it is sent: its type among `types` and its size up
 * to `maxBytes` (the bucket refuses others anyway; this says why, next to the field). Returns
 * the file's extension for the object name, or the reason it is refused.
 */
const extensions: Readonly<Record<string, string>> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/avif': 'avif' };

export type ImageCheck = { ok: true; extension: string } | { ok: false; reason: 'type' | 'size' };

export function checkImage(file: File, types: readonly string[], maxBytes: number): ImageCheck {
  const extension = extensions[file.type];
  if (!extension || !types.includes(file.type)) return { ok: false, reason: 'type' };
  if (file.size > maxBytes) return { ok: false, reason: 'size' };
  return { ok: true, extension };
}

/** A short random file name, so a replaced image never hits a cached old one. */
export function objectFileName(prefix: string, extension: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}.${extension}`;
}
