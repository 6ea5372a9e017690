import { useEffect, useState } from 'preact/hooks';

/**
 * Whether a status line drawn while `showing` may hold its words yet: a frame after it is drawn,
 * since a live region inserted with its words already in it is not heard by every screen reader.
 */
export function useSaidAfterFrame(showing: boolean): boolean {
  const [say, setSay] = useState(false);
  useEffect(() => {
    setSay(false);
    if (!showing) return;
    const frame = requestAnimationFrame(() => setSay(true));
    return () => cancelAnimationFrame(frame);
  }, [showing]);
  return say;
}
