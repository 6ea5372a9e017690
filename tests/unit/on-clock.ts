/**
 * Modules read on another clock. format.ts keeps its formatters per language, with the zone the
 * process had when they were built, so each zone reads the modules loaded afresh; TZ is put back
 * after each test of the file that imports this.
 */
import { afterEach, vi } from 'vitest';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

/** What `load` imports, loaded afresh on `tz`'s clock. */
export async function onClock<T>(tz: string, load: () => Promise<T>): Promise<T> {
  process.env.TZ = tz;
  vi.resetModules();
  return load();
}

/** The space before AM and PM as ICU writes it (narrow no-break in Chromium's, plain in Node's), read as a space. */
export const plainSpaces = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
