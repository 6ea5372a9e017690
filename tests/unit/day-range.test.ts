import { describe, expect, it } from 'vitest';
import { untilBeforeFrom } from '../../src/lib/day-range.ts';
import { rangeSchema } from '../../src/lib/growth/analytics.ts';
import { changeDatesSchema } from '../../src/lib/console/orders.ts';

describe('a From after its Until', () => {
  it('is out of order by a day, and not on the same day or after', () => {
    expect(untilBeforeFrom('2026-03-02', '2026-03-01')).toBe(true);
    expect(untilBeforeFrom('2026-01-01', '2025-12-31')).toBe(true);
    expect(untilBeforeFrom('2026-03-01', '2026-03-01')).toBe(false);
    expect(untilBeforeFrom('2026-03-01', '2026-03-02')).toBe(false);
  });

  it('is no range to judge while a day is empty or not whole', () => {
    expect(untilBeforeFrom('', '2026-03-01')).toBe(false);
    expect(untilBeforeFrom('2026-03-01', '')).toBe(false);
    expect(untilBeforeFrom(undefined, null)).toBe(false);
    // A six-digit year sorts before a four-digit one as text: not judged, its own check refuses it.
    expect(untilBeforeFrom('275760-01-01', '2026-01-01')).toBe(false);
  });

  it('is what the analytics range and the order changes refuse, under Until', () => {
    const analytics = rangeSchema.safeParse({ from: '2026-03-02', to: '2026-03-01', period: 'day' });
    expect(analytics.success ? [] : analytics.error.issues.map((issue) => [issue.path, issue.message])).toEqual([[['to'], 'vDateOrder']]);
    expect(rangeSchema.safeParse({ from: '2026-03-01', to: '2026-03-01', period: 'day' }).success).toBe(true);
    const changes = changeDatesSchema.safeParse({ from: '2026-03-02', to: '2026-03-01' });
    expect(changes.success ? [] : changes.error.issues.map((issue) => [issue.path, issue.message])).toEqual([[['to'], 'vDateOrder']]);
  });
});
