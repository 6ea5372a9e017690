/**
 * A value built on first use and kept. The portal's zod/mini schemas are built this way: building
 * them all when their module is evaluated cost a phone tens of milliseconds before the first
 * screen, for schemas most pages never use (a form's, a section's that is not drawn yet).
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
