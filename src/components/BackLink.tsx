/**
 * A link up to the list a page belongs to ("← All members", "← News from Lumina Hair Co."), the one pattern of
 * the console and the portal: the arrow is drawn for the eye and hidden from screen readers,
 * which hear the link's words alone.
 */
import type { ComponentChildren } from 'preact';

export function BackLink({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <a href={href}>
      <span aria-hidden="true">← </span>
      {children}
    </a>
  );
}
