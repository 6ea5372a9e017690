/**
 * What a section of My membership says in its polite line (Section.tsx), apart from its "Loading…"
 * (a status drawn with its words, which the many sections a page draws at once do not each say) and
 * its failure (an alert, its Try again in it).
 */
import type { Resource } from '../../stores/member.ts';

type Status = Resource<unknown>['status'];

/**
 * The line after the section's read went from `before` to `now`: its title (`readerIn`, given where
 * the keyboard is in the section: its heading, after a section link, the address or Try again) once
 * the read the reader waited for there has loaded; cleared as a read begins, so the next is said
 * again. A reader elsewhere is told nothing of the sections loading as the page scrolls, nor of
 * other changes; a failure is said by its alert.
 */
export function loadedLine(line: string | null, before: Status, now: Status, readerIn: string | null): string | null {
  if (now === 'loading') return null;
  return before === 'loading' && now === 'ready' && readerIn !== null ? readerIn : line;
}
