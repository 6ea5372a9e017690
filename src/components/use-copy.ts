/**
 * Copying a text to the clipboard where the browser lets the page: a cross-origin frame only when
 * its host allows clipboard-write (the widget's does), and only on a secure origin. Where it does
 * not, the caller's `select` puts the text under the reader's hand to copy themselves (CopyButton
 * selects where the text is shown, or shows it).
 */
import { useEffect, useState } from 'preact/hooks';

export function useCopy(text: string, select?: () => void) {
  /** null before the first try; then whether the text reached the clipboard, the tries so far, and which text. */
  const [result, setResult] = useState<{ copied: boolean; tries: number; text: string } | null>(null);
  async function copy() {
    let copied = true;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      select?.();
      copied = false;
    }
    setResult((before) => ({ copied, tries: (before?.tries ?? 0) + 1, text }));
  }
  // "Copied." of a text that has changed since (a new invitation link) would claim the new one;
  // forgotten once the text changes, it does not come back when the text changes back either.
  const current = result?.text === text ? result : null;
  useEffect(() => setResult((before) => (before && before.text !== text ? null : before)), [text]);
  return {
    copied: current?.copied ?? null,
    /**
     * Counted with the result, not when the button is pressed: a status line keyed by it is drawn
     * anew, and so announced again, only once it has the new try's words (a second copy says the
     * same ones; a failed try and then a good one would first repeat the failure).
     */
    tries: result?.tries ?? 0,
    copy: () => void copy(),
  };
}
