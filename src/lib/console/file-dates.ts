/**
 * Dates of an orders file as a merchant's spreadsheet or ERP writes them in their region, read
 * into the ISO value import_orders takes. Most forms can mean one date only: year first (2026/3/5,
 * 2026.03.05, 2026年3月5日), a month named in English or Spanish (5 Mar 2026, Mar 5, 2026, 5 de marzo
 * de 2026) and a spreadsheet's day number (46086, a date cell exported as its number). A numeric
 * date with the year last (5/3/2026, 05.03.2026) is day first in most of the world and month first
 * in the United States; the rows of one file share their writer's order, so it is decided per file
 * (fileDayOrder): a day above 12 anywhere says which, and a file where nothing says is read as the
 * reader's region writes dates (regionDayOrder), which the preview says and lets the staff change,
 * or, where the region gives no day-month order, asked with neither chosen.
 * A time without a zone is the wall-clock time the merchant's system wrote, read on the reader's
 * clock and sent with its offset (withReaderOffset): a Shanghai merchant's 20:00 order sent as
 * 20:00 UTC was dated the next morning, and its periods counted from the wrong moment.
 */

/** Which of a numeric date's first two numbers is the day, its year being last. */
export type DayOrder = 'day' | 'month';

/**
 * A value read: one date, or a numeric date whose order the file decides, or no date. `time` is
 * its time as ISO writes it after the day ("T14:30:00"), '' for none, null for one that is none (25:00).
 */
export type FileDate =
  | { year: number; month: number; day: number; time: string | null }
  | { year: number; first: number; second: number; time: string | null }
  | null;

/** Month names and their short forms, in English and Spanish (none of them means two months). */
const monthNames = new Map<string, number>(
  [
    ['january jan', 'enero ene'],
    ['february feb', 'febrero feb'],
    ['march mar', 'marzo mar'],
    ['april apr', 'abril abr'],
    ['may', 'mayo may'],
    ['june jun', 'junio jun'],
    ['july jul', 'julio jul'],
    ['august aug', 'agosto ago'],
    ['september sep sept', 'septiembre setiembre sep sept set'],
    ['october oct', 'octubre oct'],
    ['november nov', 'noviembre nov'],
    ['december dec', 'diciembre dic'],
  ].flatMap((names, index) => names.join(' ').split(' ').map((name) => [name, index + 1] as const)),
);

/** The day a spreadsheet's day numbers count from (Excel's 1900 system counts a 29 February 1900 that never was, so from March 1900 on its days count from 1899-12-30). */
const serialEpoch = Date.UTC(1899, 11, 30);
const dayMs = 86_400_000;
/** Day numbers read as dates: 2000-01-01 on; a number lower is more likely something else in the wrong column. */
const firstSerial = 36_526;

/** A time after the date (" 14:30", "T14:30:05.250", " 2:30 PM") as ISO writes it, or null when it is no time of day. */
function timeOf(hours: string, minutes: string, seconds = '00', fraction: string | undefined, meridiem: string | undefined): string | null {
  let hour = Number(hours);
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.startsWith('p') ? 12 : 0);
  }
  if (hour > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  return `T${String(hour).padStart(2, '0')}:${minutes}:${seconds}${fraction ? `.${fraction}` : ''}`;
}

/**
 * One value of a date column, or null when it is no form read here (an ISO date is taken as written
 * before this is asked). Digits are read in their full-width forms too ("２０２６年３月５日"); a value
 * longer than any date is none, unread.
 */
export function readFileDate(text: string): FileDate {
  if (text.length > 64) return null;
  const value = text.normalize('NFKC').trim().toLowerCase();
  // The date, then a time if any: separated by a space or "T" ("2026/3/5 14:30", "5 Mar 2026 2:30 pm").
  const split = /^(.*?)(?:(?:\s+|t)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(am|pm|a\.\s?m\.|p\.\s?m\.)?)?$/.exec(value)!;
  const [, date = '', hours, minutes, seconds, fraction, meridiem] = split;
  const time = hours === undefined ? '' : timeOf(hours, minutes!, seconds, fraction, meridiem);

  const yearFirst = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(date) ?? /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(date);
  if (yearFirst) {
    const [year, month, day] = yearFirst.length === 5 ? [yearFirst[1], yearFirst[3], yearFirst[4]] : [yearFirst[1], yearFirst[2], yearFirst[3]];
    return { year: Number(year), month: Number(month), day: Number(day), time };
  }
  const yearLast = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(date);
  if (yearLast) return { year: Number(yearLast[4]), first: Number(yearLast[1]), second: Number(yearLast[3]), time };
  // A day number with the time of day as its fraction (46086.5 is noon), alone.
  const serial = /^(\d{5})(\.\d+)?$/.exec(value);
  if (serial && Number(serial[1]) >= firstSerial && Number(value) * dayMs + serialEpoch <= Date.now() + dayMs) {
    const at = new Date(serialEpoch + Math.round(Number(value) * 86_400) * 1000);
    const clock = at.toISOString().slice(11, 19);
    return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate(), time: serial[2] ? `T${clock}` : '' };
  }
  // A named month: its day and a four-digit year around it, in any order but the day between
  // ("5 Mar 2026", "Mar 5, 2026", "5-mar-2026", "5 de marzo de 2026", "2026 Mar 5").
  const words = date.split(/[\s,./-]+/).filter((word) => word !== '' && word !== 'de' && word !== 'del');
  if (words.length !== 3) return null;
  const shape = words.map((word) => (monthNames.has(word) ? 'm' : /^\d{4}$/.test(word) ? 'y' : /^\d{1,2}$/.test(word) ? 'd' : '?')).join('');
  if (shape !== 'dmy' && shape !== 'mdy' && shape !== 'ymd') return null;
  const [day, month, year] = ['d', 'm', 'y'].map((part) => words[shape.indexOf(part)]!);
  return { year: Number(year), month: monthNames.get(month!)!, day: Number(day), time };
}

/** Which order a numeric date's own numbers allow: one when a number is above 12, both when none is. */
function ownOrder(date: { first: number; second: number }): DayOrder | 'both' | 'none' {
  if (date.first > 12) return date.second > 12 ? 'none' : 'day';
  return date.second > 12 ? 'month' : 'both';
}

/** The reader's time zone ("Asia/Shanghai"), which the import's check names for the times it read. */
export const readerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
/** A formatter per zone: a file has up to 100,000 dates. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

/**
 * `local`, an ISO date and time without a zone ("2026-03-05T20:00:00", its fraction kept), with
 * the offset `timeZone`'s clock had then ("2026-03-05T20:00:00+08:00"); the reader's zone when none
 * is named, as ISO 8601 and Date.parse read a time without one.
 */
export function withReaderOffset(local: string, timeZone = readerZone()): string {
  const [year, month, day, hour, minute, second = 0] = local.split(/[-T:.]/).map(Number) as [number, number, number, number, number, number?];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const clock = wallClocks.get(timeZone) ?? wallClocks.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })).get(timeZone)!;
  // The zone's offset at the instant the wall time would be in UTC, then at the instant it is with
  // that offset (the two differ only next to a change of offset, summer time's).
  const offset = (instant: number) => {
    const parts = Object.fromEntries(clock.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
    return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - instant;
  };
  const minutes = Math.round(offset(wall - offset(wall)) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${local}${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

/**
 * `date` as import_orders takes it (2026-03-05, noon UTC there, or with its time the instant it is
 * on the reader's clock, 2026-03-05T20:00:00+08:00), a numeric one in `order` unless its own
 * numbers say otherwise; null when it is no date that exists (31/2/2026, 2026/13/1).
 */
export function isoDate(date: NonNullable<FileDate>, order: DayOrder, timeZone?: string): string | null {
  const { year } = date;
  let month: number, day: number;
  if ('month' in date) ({ month, day } = date);
  else {
    const own = ownOrder(date);
    [day, month] = (own === 'both' ? order : own) === 'day' ? [date.first, date.second] : [date.second, date.first];
  }
  // Date.UTC reads years below 100 as 19xx; a year of the same place in the 400-year leap cycle checks the day alike.
  const check = new Date(Date.UTC(2000 + (year % 400), month - 1, day));
  if (date.time === null || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return date.time ? withReaderOffset(`${iso}${date.time}`, timeZone) : iso;
}

/** A file's dates written as they are, with their spreadsheet row. */
export interface DatedValue {
  row: number;
  value: string;
}

/** A date of the file that reads two ways, with the day (ISO) it is read as in each order. */
export type TwoWayDate = DatedValue & Record<DayOrder, string>;

/** How a file's numeric dates with the year last are read. */
export type FileOrder =
  /** None, or the order their own numbers say (a day above 12), or no date whose order would change it. */
  | { order: DayOrder }
  /** None says: `order` is the reader's region's (or the staff's choice); `example` reads otherwise in the other. */
  | { order: DayOrder; example: TwoWayDate }
  /** Some can only be day first and others only month first: a mistake in the file. */
  | { order: DayOrder; conflict: { day: DatedValue; month: DatedValue } };

/**
 * The order a file's numeric dates (year last) are read in: the one its dates say, or `otherwise`
 * (the reader's region's, or the one the staff chose) when none says and some date reads two ways.
 */
export function fileDayOrder(values: readonly DatedValue[], otherwise: DayOrder): FileOrder {
  const found: Partial<Record<DayOrder, DatedValue>> = {};
  let example: TwoWayDate | undefined;
  for (const dated of values) {
    const date = readFileDate(dated.value.trim());
    if (!date || !('first' in date)) continue;
    const own = ownOrder(date);
    if (own === 'day' || own === 'month') found[own] ??= { row: dated.row, value: dated.value.trim() };
    // 3/3/2026 is the same day in either order: no example of a difference.
    else if (own === 'both' && !example && date.first !== date.second) {
      // Its days alone: its time may be none (25:00), which its row is refused for.
      const day = { ...date, time: '' };
      example = { row: dated.row, value: dated.value.trim(), day: isoDate(day, 'day')!, month: isoDate(day, 'month')! };
    }
  }
  if (found.day && found.month) return { order: otherwise, conflict: { day: found.day, month: found.month } };
  if (found.day || found.month) return { order: found.day ? 'day' : 'month' };
  return example ? { order: otherwise, example } : { order: otherwise };
}

/**
 * The order the reader's region writes a numeric date's day and month in, and that region: the
 * first of the browser's languages (navigator.languages) naming one, formatting a date as it is
 * written there ("en-US" month first, "en-GB" and "es-MX" day first). Not the page's language: a
 * Chinese page read on an "en-US" browser was said to read dates "as Simplified Chinese writes
 * them", month first, when Chinese writes them year first. A region that writes the year first
 * (CN, JP, KR…) has no order to lend, nor does a browser naming no region: `order` null, the staff
 * asked with nothing chosen.
 */
export function regionDayOrder(languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages): { order: DayOrder | null; region: string | null } {
  for (const tag of languages) {
    let region: string | undefined;
    try {
      region = new Intl.Locale(tag).region;
    } catch {
      continue;
    }
    if (!region) continue;
    const types = new Intl.DateTimeFormat(tag, { timeZone: 'UTC' })
      .formatToParts(Date.UTC(2026, 2, 5))
      .map((part) => part.type)
      .filter((type) => type === 'year' || type === 'month' || type === 'day');
    return { order: types[0] === 'day' ? 'day' : types[0] === 'month' ? 'month' : null, region };
  }
  return { order: null, region: null };
}
