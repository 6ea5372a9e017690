/**
 * A part of a page's head (My membership's, a member's page in the console) that a phone folds
 * behind its `summary` (a disclosure: keyboard and screen readers open it as any <details>), and a
 * wider screen shows open, without it. On a 360 px phone My membership's stores and fourteen
 * section links filled the first screen, the summary starting some 660 px down.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** Where the page stops folding: the site's own phone breakpoint (global.css). */
const wideQuery = '(min-width: 40rem)';

function useWide(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(wideQuery).matches);
  useEffect(() => {
    const query = window.matchMedia(wideQuery);
    const changed = () => setWide(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return wide;
}

/**
 * `class` names the box; a link followed inside folds it again on a phone (it stays above the part it led to).
 * `summaryLabel` names the summary when it holds more than its words (a badge: "Sections, 3 new", the pause said).
 */
export function NarrowFold({ summary, summaryLabel, class: className, children }: {
  summary: ComponentChildren;
  summaryLabel?: string | undefined;
  class: string;
  children: ComponentChildren;
}) {
  const wide = useWide();
  const fold = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (fold.current) fold.current.open = wide;
  }, [wide]);
  return (
    <details ref={fold} class={`narrow-fold ${className}`} open={wide}
      onClick={(event) => {
        if (!wide && event.target instanceof Element && event.target.closest('a[href^="#"]') && fold.current) fold.current.open = false;
      }}>
      <summary aria-label={summaryLabel}>{summary}</summary>
      {children}
    </details>
  );
}
