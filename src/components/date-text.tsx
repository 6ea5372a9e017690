import type { ComponentChildren } from 'preact';
import { formatDate, formatTime, interpolateParts, rangeInWords } from '../i18n/format.ts';
import type { Locale } from '../i18n/locales.ts';

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
 * An instant in a table's column: its day and its time (formatTime: the reader's clock, by its
 * offset), each kept on one line, the time under the day where the column is narrow. As one text
 * (formatDate's with the time), Chinese broke "2026年 / 12月7日 / GMT+0 / 22:32" over four lines.
 */
export function dateTimeText(key: string, iso: string, locale: Locale) {
  return (
    <span key={key}>
      {dateText('day', formatDate(iso, locale))} {dateText('time', formatTime(iso, locale))}
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
 * A range of dates (dateRange, calendarRange) in words, `and` in place of its dash ("Dec 4 and 6,
 * 2027": rangeInWords), kept on one line as dateText keeps a date: broken at its dash, Spanish
 * read "4 / –6 dic 2027" at 360 px.
 */
export function dateRangeText(key: string, range: readonly [string, string], and: string) {
  return dateText(key, rangeInWords(range, and));
}
