import type { ComponentChildren } from 'preact';
import { interpolateParts } from '../i18n/format.ts';

/**
 * A date inside a sentence, for interpolateParts: kept on one line (.nowrap). Chinese breaks
 * between any two characters, so a date at a line's end split ("2026年12 / 月6日" at 360 px);
 * other languages at its spaces ("Dec 6, / 2026").
 */
export function dateText(key: string, text: string) {
  return (
    <span key={key} class="nowrap">
      {text}
    </span>
  );
}

/**
 * `template`'s {date} (a catalogue sentence, its text values filled) as dateText; `parts`, the
 * sentence's other values that are elements (a tier move's reason with its list of orders).
 */
export function dated(template: string, date: string, parts: Record<string, ComponentChildren> = {}): ComponentChildren[] {
  return interpolateParts<ComponentChildren>(template, { ...parts, date: dateText('date', date) });
}

/**
 * A range of dates in its two pieces (dateRange, calendarRange: "Aug 23", " – 31, 2027"), each kept
 * whole, the line breaking between them only (where the second starts with a space, at it).
 */
export function dateRangeText(key: string, [first, rest]: readonly [string, string]) {
  // English's thin space before the dash is a place to break, as a space is.
  const gap = /^\s/.exec(rest)?.[0];
  return (
    <span key={key}>
      <span class="nowrap">{first}</span>
      {gap ?? <wbr />}
      <span class="nowrap">{gap ? rest.slice(gap.length) : rest}</span>
    </span>
  );
}
