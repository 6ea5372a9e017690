/**
 * A long page's section links, near its top: My membership's and a member's page in the console.
 * A wrapping row of links (global.css), folded on a phone behind a summary that says what it is
 * (NarrowFold), so the links do not fill the first screen there. Each item is the page's own `<li>`.
 */
import type { ComponentChildren } from 'preact';
import { NarrowFold } from './member/NarrowFold.tsx';

export function SectionNav({ label, summary = label, summaryLabel, busy, children }: {
  /** The navigation's name, and the fold's summary unless `summary` says more. */
  label: string;
  summary?: ComponentChildren;
  summaryLabel?: string | undefined;
  /** Something in the links is still on its way (a count that will join its link). */
  busy?: boolean;
  children: ComponentChildren;
}) {
  return (
    <nav class="section-nav" aria-label={label} aria-busy={busy || undefined}>
      <NarrowFold class="section-fold" summary={summary} summaryLabel={summaryLabel}>
        <ul>{children}</ul>
      </NarrowFold>
    </nav>
  );
}
