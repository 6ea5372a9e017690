/**
 * An instant this browser keeps in localStorage (on the portal's origin, which the widget's frame
 * shares): when a feed was last opened, when a summary was last shown. Storage may be refused
 * (private mode): then nothing is kept, and nothing is read.
 */
export function storedInstant(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function storeInstant(key: string, at = new Date()): void {
  try {
    localStorage.setItem(key, at.toISOString());
  } catch {
    // Storage refused: nothing to keep.
  }
}
