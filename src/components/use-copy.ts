/**
 * Copying a text to the clipboard where the browser lets the page: a cross-origin frame only when
 * its host allows clipboard-write (the widget's does), and only on a secure origin. Where it does
 * not, the caller's `select` puts the text under the reader's hand to copy themselves; without
 * one (the console's CopyButton, beside text in view) the caller says to select it.
 */
import { useState } from 'preact/hooks';

export function useCopy(text: string, select?: () => void) {
  /** null before the first try; then whether the text reached the clipboard. */
  const [copied, setCopied] = useState<boolean | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      select?.();
      setCopied(false);
    }
  }
  return { copied, copy: () => void copy() };
}
