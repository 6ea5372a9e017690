/**
 * Bucket ids and object names as Storage accepts them. The character set is Storage's own
 * (S3-safe characters), so a name that works locally also works on a hosted project; on top
 * of it, '.' and '..' segments and empty segments are refused outright.
 */
import { invalidBucketName, invalidKey } from './errors.ts';

const objectKeyCharacters = /^[A-Za-z0-9_/!.*'() &$=@;:+,?-]*$/;
const bucketNameCharacters = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]*$/;
/** S3's key limit, in bytes of UTF-8. */
const maxKeyBytes = 1024;

export function checkObjectName(name: string): string {
  if (!name) throw invalidKey(name, 'empty name');
  if (Buffer.byteLength(name) > maxKeyBytes) throw invalidKey(name.slice(0, 64), `longer than ${maxKeyBytes} bytes`);
  if (name.startsWith('/')) throw invalidKey(name, 'leading slash');
  if (!objectKeyCharacters.test(name)) throw invalidKey(name, 'unsupported character');
  const segments = name.split('/');
  if (segments.some((s) => s === '')) throw invalidKey(name, 'empty path segment');
  if (segments.some((s) => s === '.' || s === '..')) throw invalidKey(name, "'.' or '..' segment");
  return name;
}

export function checkBucketName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 100 || !bucketNameCharacters.test(name)) {
    throw invalidBucketName();
  }
  return name;
}

function decodeSegments(path: string): string[] {
  try {
    return path.split('/').map(decodeURIComponent);
  } catch {
    throw invalidKey(path, 'malformed percent-encoding');
  }
}

/** A bucket id taken from the URL path, where clients percent-encode it. */
export function bucketFromPath(segment: string): string {
  return checkBucketName(decodeSegments(segment).join('/'));
}

/**
 * Splits a route remainder such as `avatars/folder/cat%20one.png` into the bucket and the
 * decoded object name; clients percent-encode each segment.
 */
export function bucketAndName(rest: string): { bucket: string; name: string } {
  const [bucket, ...name] = decodeSegments(rest);
  return { bucket: checkBucketName(bucket), name: checkObjectName(name.join('/')) };
}
