/**
 * Date fields prefilled from stored instants: a datetime-local value read back (as the browser
 * reads it, on the same clock) is the instant to its minute, and a date value is its day.
 */
import { describe, expect, it } from 'vitest';
import { localDateInput, localDateTimeInput } from '../../src/lib/local-clock.ts';

describe('instants in date fields, on the reader\'s clock', () => {
  const instants = ['2026-01-05T00:00:00Z', '2026-03-29T01:30:45Z', '2026-10-25T23:59:59.999Z', '1999-12-31T23:05:00Z'];

  it.each(instants)('%s: the datetime-local value reads back as the same minute', (iso) => {
    const value = localDateTimeInput(iso);
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(new Date(value).getTime()).toBe(Math.floor(Date.parse(iso) / 60_000) * 60_000);
  });

  it.each(instants)('%s: the date value is the day of the datetime-local one', (iso) => {
    expect(localDateTimeInput(iso).startsWith(`${localDateInput(iso)}T`)).toBe(true);
    expect(new Date(`${localDateInput(iso)}T00:00`).getDate()).toBe(new Date(iso).getDate());
  });
});
