/** The liabilities chart's months: consecutive from the first to the last, gaps at 0. */
import { describe, expect, it } from 'vitest';
import { everyMonth } from '../../src/components/growth/analytics/month-series.ts';

describe('everyMonth', () => {
  it('fills the months between the first and the last with 0, across a year end', () => {
    expect(everyMonth([{ month: '2027-11-01', amount: 5 }, { month: '2027-03-01', amount: 20 }, { month: '2028-01-01', amount: 7 }]).map((m) => [m.month, m.amount])).toEqual([
      ['2027-03-01', 20], ['2027-04-01', 0], ['2027-05-01', 0], ['2027-06-01', 0], ['2027-07-01', 0], ['2027-08-01', 0],
      ['2027-09-01', 0], ['2027-10-01', 0], ['2027-11-01', 5], ['2027-12-01', 0], ['2028-01-01', 7],
    ]);
  });

  it('adds up rows of one month and keeps an empty list empty', () => {
    expect(everyMonth([{ month: '2027-03-01', amount: 2 }, { month: '2027-03-01', amount: 3 }])).toEqual([{ month: '2027-03-01', amount: 5 }]);
    expect(everyMonth([])).toEqual([]);
  });
});
