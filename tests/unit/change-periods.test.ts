/**
 * The changes list's periods (periodBounds) as the staff member's clock counts them: a month
 * starts at local midnight on its first, whatever day UTC is on; a day where the clock changes
 * is 23 or 25 hours long; years below 100 are themselves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { periodBounds } from '../../src/lib/console/orders.ts';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('the periods of the changes list, on the reader\'s clock', () => {
  it('this month and last month start at local midnight, across a month UTC has not reached yet', () => {
    process.env.TZ = 'Asia/Shanghai';
    // 01:00 on 1 March in Shanghai, still 28 February in UTC.
    const now = new Date('2026-02-28T17:00:00Z');
    expect(periodBounds('this_month', null, now)).toEqual({ from: '2026-02-28T16:00:00.000Z', to: null });
    expect(periodBounds('last_month', null, now)).toEqual({ from: '2026-01-31T16:00:00.000Z', to: '2026-02-28T16:00:00.000Z' });
  });

  it('last month in January is December of the year before', () => {
    process.env.TZ = 'America/Mexico_City';
    expect(periodBounds('last_month', null, new Date('2026-01-15T12:00:00Z')))
      .toEqual({ from: '2025-12-01T06:00:00.000Z', to: '2026-01-01T06:00:00.000Z' });
  });

  it('a day the clock moves forward is 23 hours, one it moves back 25', () => {
    process.env.TZ = 'Europe/Madrid';
    const spring = periodBounds('dates', { from: '2026-03-29', to: '2026-03-29' });
    expect(spring).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
    const autumn = periodBounds('dates', { from: '2026-10-25', to: '2026-10-25' });
    expect(autumn).toEqual({ from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
    // The month holding the spring change: its first midnight is still winter time.
    expect(periodBounds('this_month', null, new Date('2026-03-30T10:00:00Z'))).toEqual({ from: '2026-02-28T23:00:00.000Z', to: null });
  });

  it('the last day of a range is included, over a month\'s end; a year below 100 is not read as 19xx', () => {
    process.env.TZ = 'UTC';
    expect(periodBounds('dates', { from: '2026-01-31', to: '2026-02-28' })).toEqual({ from: '2026-01-31T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    expect(periodBounds('dates', { from: '0050-01-01', to: '0099-12-31' })).toEqual({ from: '0050-01-01T00:00:00.000Z', to: '0100-01-01T00:00:00.000Z' });
  });

  it('all time, or days not chosen yet, is open at both ends', () => {
    expect(periodBounds('all', null)).toEqual({ from: null, to: null });
    expect(periodBounds('dates', null)).toEqual({ from: null, to: null });
  });
});
