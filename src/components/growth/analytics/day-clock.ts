/**
 * Analytics counts days as UTC does; the staff member reads them on their own clock. This says
 * when those days start there, in one plain sentence ("Each day runs from 8:00 AM to 8:00 AM the
 * next day, your time (GMT+8)."), from the browser's offset on the range's own days: a range
 * over a change of the clock (summer time) says when days start on the other offset as well.
 */
import { formatZone, joinSentences, tagOf } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { pluralKey } from '../../../i18n/plural.ts';

/** The start of the UTC days on the reader's clock while it keeps one offset. */
export interface ClockStart {
  /** Minutes the reader's clock is ahead of UTC (negative behind). */
  offset: number;
  /** UTC midnight on the reader's clock, "8:00 AM". */
  time: string;
  /** The hour as `time` writes it (1 for "1:00", and for "1:00 PM"): Spanish says "la 1:00", "las 8:00". */
  hour: number;
  /** The offset as the reader's zone is written, "GMT+8", "GMT-6", "GMT+0" (formatZone). */
  zone: string;
}

/** A range is at most ten years of days; past that its first offsets are as good as all. */
const dayLimit = 3700;

/**
 * The distinct starts of the UTC days `from` to `to` (yyyy-mm-dd, both included) on the reader's
 * clock, the first day's first.
 */
function utcDayStarts(from: string, to: string, locale: Locale): ClockStart[] {
  const tag = tagOf(locale);
  const time = new Intl.DateTimeFormat(tag, { hour: 'numeric', minute: '2-digit' });
  const starts: ClockStart[] = [];
  const last = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`), n = 0; at <= last && n < dayLimit; at += 86_400_000, n++) {
    const instant = new Date(at);
    const offset = -instant.getTimezoneOffset();
    if (starts.some((start) => start.offset === offset)) continue;
    const parts = time.formatToParts(instant);
    starts.push({
      offset,
      time: parts.map((part) => part.value).join(''),
      hour: Number(parts.find((part) => part.type === 'hour')?.value),
      zone: formatZone(locale, instant),
    });
  }
  return starts;
}

type DayKey = 'dayRunsAhead' | 'dayRunsBehind' | 'dayRunsUtc' | 'dayRunsOtherOffset' | 'dayStartsAt' | 'dayStartsAtOne';

/**
 * The sentence saying when the range's days start: `first` through the first day's offset, then
 * each other offset the range's days are on ("On days your clock is at GMT+2, from 2:00 AM.").
 */
export function utcDaySentence(from: string, to: string, locale: Locale, t: (key: DayKey, values: Record<string, string>) => string): string {
  const [first, ...others] = utcDayStarts(from, to, locale);
  if (!first) return '';
  const key: DayKey = first.offset > 0 ? 'dayRunsAhead' : first.offset < 0 ? 'dayRunsBehind' : 'dayRunsUtc';
  const said = (start: ClockStart) => ({ time: t(pluralKey('dayStartsAt', start.hour, locale, true), { time: start.time }), zone: start.zone });
  return joinSentences([t(key, said(first)), ...others.map((other) => t('dayRunsOtherOffset', said(other)))], locale);
}
