/**
 * A range of days, From and Until both included, as the console's filters take them (analytics,
 * the order changes, members' last order, segments' joined and last order days): days as a date
 * control holds them (yyyy-mm-dd), whose order is their text's.
 */

const wholeDay = (day: string | null | undefined): day is string => typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day);

/**
 * From falls after Until: said under Until (`vDateOrder`), and the range not read. Days not both
 * whole (one empty or partly typed, or a year past 9999) are no range to judge yet: their own
 * check speaks of them.
 */
export function untilBeforeFrom(from: string | null | undefined, until: string | null | undefined): boolean {
  return wholeDay(from) && wholeDay(until) && from > until;
}
