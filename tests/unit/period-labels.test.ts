/**
 * Members over time's periods named as a merchant reads them: whole calendar periods by the
 * calendar (the month, the week's Monday, the day), the partial first and last by their days.
 */
import { describe, expect, it } from 'vitest';
import { labelText } from '../../src/components/growth/analytics/Chart.tsx';
import { periodAxis, periodLabels } from '../../src/components/growth/analytics/period-labels.ts';

const weekOf = (date: string) => `Week of ${date}`;
// Intl spaces a range with thin spaces; compared as plain ones.
const plain = (labels: (string | readonly string[])[]) => labels.map((label) => labelText(label).replace(/\s/g, ' '));

describe('periodLabels', () => {
  it('names whole months by month and the partial first and last by their days', () => {
    // 15 Jan to 10 Mar 2026 included, as the page asks for it: [15 Jan, 11 Mar).
    const ends = ['2026-02-01T00:00:00+00:00', '2026-03-01T00:00:00+00:00', '2026-03-11T00:00:00+00:00'];
    expect(plain(periodLabels(ends, '2026-01-15T00:00:00Z', 'month', 'en', weekOf))).toEqual(['Jan 15 – 31, 2026', 'Feb 2026', 'Mar 1 – 10, 2026']);
    expect(plain(periodLabels(ends, '2026-01-15T00:00:00Z', 'month', 'es', weekOf))).toEqual(['15–31 ene 2026', 'feb 2026', '1–10 mar 2026']);
    // Chinese ranges in the months' own form, as CLDR writes them, not in figures ("2026/1/15 – 2026/1/31").
    expect(plain(periodLabels(ends, '2026-01-15T00:00:00Z', 'month', 'zh-CN', weekOf))).toEqual(['2026年1月15日至31日', '2026年2月', '2026年3月1日至10日']);
    expect(plain(periodLabels(['2026-02-03T00:00:00+00:00'], '2025-12-29T00:00:00Z', 'month', 'zh-CN', weekOf))).toEqual(['2025年12月29日至2026年2月2日']);
  });

  it('gives a partial period as its two whole dates, the word or dash joining them with the second', () => {
    // A chart's label breaks between these pieces only: never after 至 or a dash, never inside a date.
    const ends = ['2026-02-01T00:00:00+00:00', '2026-04-01T00:00:00+00:00'];
    const [zh, en, es] = (['zh-CN', 'en', 'es'] as const).map((locale) => periodLabels(ends, '2026-01-15T00:00:00Z', 'month', locale, weekOf)[0]);
    expect(zh).toEqual(['2026年1月15日', '至31日']);
    expect((en as string[]).map((piece) => piece.replace(/\s/g, ' '))).toEqual(['Jan 15', ' – 31, 2026']);
    expect(es).toEqual(['15', '–31 ene 2026']);
    expect(periodLabels(['2026-04-01T00:00:00+00:00'], '2025-12-29T00:00:00Z', 'month', 'zh-CN', weekOf)).toEqual([['2025年12月29日', '至2026年3月31日']]);
  });

  it('names a whole week by its Monday, in the wording given', () => {
    // Wednesday 4 March to Tuesday 17 March 2026 included.
    const ends = ['2026-03-09T00:00:00+00:00', '2026-03-16T00:00:00+00:00', '2026-03-18T00:00:00+00:00'];
    expect(plain(periodLabels(ends, '2026-03-04T00:00:00Z', 'week', 'en', weekOf))).toEqual(['Mar 4 – 8, 2026', 'Week of Mar 9, 2026', 'Mar 16 – 17, 2026']);
  });

  it('names a range of whole periods by the calendar alone', () => {
    expect(plain(periodLabels(['2026-02-01T00:00:00+00:00', '2026-03-01T00:00:00+00:00'], '2026-01-01T00:00:00Z', 'month', 'en', weekOf))).toEqual(['Jan 2026', 'Feb 2026']);
    expect(plain(periodLabels(['2026-03-05T00:00:00+00:00', '2026-03-06T00:00:00+00:00'], '2026-03-04T00:00:00Z', 'day', 'en', weekOf))).toEqual(['Mar 4, 2026', 'Mar 5, 2026']);
  });

  it('names a period of one day inside a month or week by that day, in UTC', () => {
    // A range from Sunday 8 March: its first week is that Sunday alone.
    expect(plain(periodLabels(['2026-03-09T00:00:00+00:00'], '2026-03-08T00:00:00Z', 'week', 'en', weekOf))).toEqual(['Mar 8, 2026']);
  });
});

describe('periodAxis', () => {
  it('names each period under its bar without the year, which it gives once for the caption', () => {
    // 8 Sep to 6 Dec 2026 included, by month: the chart a phone showed "2026年10月" and "12月1日至6日" on, the rest unnamed.
    const ends = ['2026-10-01T00:00:00+00:00', '2026-11-01T00:00:00+00:00', '2026-12-01T00:00:00+00:00', '2026-12-07T00:00:00+00:00'];
    const from = '2026-09-08T00:00:00Z';
    expect(periodAxis(ends, from, 'month', 'zh-CN')).toEqual({ labels: [['9月8日', '至30日'], '10月', '11月', ['12月1日', '至6日']], years: '2026年' });
    expect(plain(periodAxis(ends, from, 'month', 'es').labels)).toEqual(['8–30 sept', 'oct', 'nov', '1–6 dic']);
    expect(plain(periodAxis(ends, from, 'month', 'en').labels)).toEqual(['Sep 8 – 30', 'Oct', 'Nov', 'Dec 1 – 6']);
    expect(periodAxis(ends, from, 'month', 'en').years).toBe('2026');
    // A week by its Monday's date alone; a range over New Year gives both years.
    const weeks = periodAxis(['2026-01-05T00:00:00+00:00', '2026-01-12T00:00:00+00:00'], '2025-12-29T00:00:00Z', 'week', 'zh-CN');
    expect(weeks).toEqual({ labels: ['12月29日', '1月5日'], years: '2025年至2026年' });
  });
});
