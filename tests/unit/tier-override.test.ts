/**
 * A tier override set "until" a day ends when that day ends for the staff member who set it; its
 * form's check names every field missing.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { overrideEndsAt, overrideSchema } from '../../src/lib/console/members.ts';
import { zodErrors } from '../../src/components/console/ui/form-errors.ts';

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

describe('a tier override form sent with fields missing', () => {
  it('names each missing field with its reason, the day too, rather than failing the check', () => {
    const check = (form: Record<string, string>) => {
      const parsed = overrideSchema.safeParse(form);
      return parsed.success ? null : zodErrors(parsed.error);
    };
    expect(check({ tier_id: '', expires_on: '', reason: '' })).toEqual({ tier_id: 'vRequired', expires_on: 'vDate', reason: 'vRequired' });
    expect(check({ tier_id: randomUUID(), expires_on: '', reason: ' ' })).toEqual({ expires_on: 'vDate', reason: 'vRequired' });
    expect(check({ tier_id: randomUUID(), expires_on: '2027-02-30', reason: 'Trade fair' })).toEqual({ expires_on: 'vDate' });
    expect(check({ tier_id: randomUUID(), expires_on: '2020-03-01', reason: 'Trade fair' })).toEqual({ expires_on: 'vFuture' });
  });
});
