/** A tier override set "until" a day ends when that day ends for the staff member who set it. */
import { afterEach, describe, expect, it } from 'vitest';
import { overrideEndsAt } from '../../src/lib/console/members.ts';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('a tier override chosen until a day', () => {
  it('ends at the close of that day on the staff member’s clock, not in UTC', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(overrideEndsAt('2027-03-01')).toBe('2027-03-01T15:59:59.999Z');
    process.env.TZ = 'America/Mexico_City';
    expect(overrideEndsAt('2027-03-01')).toBe('2027-03-02T05:59:59.999Z');
  });
});
