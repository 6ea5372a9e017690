/**
 * The analytics charts' axes: the y axis's gridlines (round steps, whole ones for counts, the
 * top one at or above every value) and the x axis's labels at widths down to a phone's, which
 * must never overlap. Text is measured as 7 px a character, about the axes' 12 px font.
 */
import { describe, expect, it } from 'vitest';
import { fitLabels, stack, yTicks, type LabelFit } from '../../src/components/growth/analytics/Chart.tsx';

const measure = (text: string) => [...text].length * 7;

/** Each shown label's horizontal extent [from, to] around its category's centre, `slot` apart. */
function extents(fit: LabelFit, slot: number): [number, number][] {
  return fit.values.flatMap((value, i) => {
    if (value === '') return [];
    const width = Math.max(...value.split('\n').map(measure));
    const centre = (i + 0.5) * slot;
    return [[centre - width / 2, centre + width / 2] as [number, number]];
  });
}

describe('y axis gridlines', () => {
  it('step 1, 2 or 5 × a power of ten, up to the first line at or above the highest value', () => {
    expect(yTicks(16_568, true)).toEqual([0, 5_000, 10_000, 15_000, 20_000]);
    expect(yTicks(12_000, true)).toEqual([0, 5_000, 10_000, 15_000]);
    expect(yTicks(100, false)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(yTicks(66.67, false)).toEqual([0, 20, 40, 60, 80]);
    expect(yTicks(0.3, false)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('never halves a count', () => {
    expect(yTicks(3, true)).toEqual([0, 1, 2, 3]);
    expect(yTicks(1, true)).toEqual([0, 1]);
  });

  it('draws 0 to 1 when there is nothing to show', () => {
    expect(yTicks(0, true)).toEqual([0, 1]);
  });

  it('keeps every value under the top line, in at most five intervals', () => {
    for (const max of [0.07, 0.5, 1.5, 7, 9.99, 10, 11, 99, 101, 4_421, 17_684, 123_456.78]) {
      for (const whole of [false, true]) {
        if (whole && !Number.isInteger(max)) continue;
        const ticks = yTicks(max, whole);
        expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
        expect(ticks.length - 1).toBeLessThanOrEqual(5);
        expect(ticks.at(-2)).toBeLessThan(max);
      }
    }
  });
});

describe('x axis labels', () => {
  it('are left as they are where they fit', () => {
    const fit = fitLabels(['Ordinary', 'Senior', 'VIP'], 'bar', 300, measure);
    expect(fit).toMatchObject({ values: ['Ordinary', 'Senior', 'VIP'], rotate: 0, overhang: { left: 0, right: 0 } });
  });

  it('wrap at spaces where that fits, onto up to three lines (conversions on a phone)', () => {
    const labels = ['Alta → primer pedido', 'Recompra (2 o más pedidos)', 'Muestra → pedido'];
    const fit = fitLabels(labels, 'bar', 89, measure);
    expect(fit.rotate).toBe(0);
    expect(fit.values).toEqual(['Alta →\nprimer\npedido', 'Recompra (2\no más\npedidos)', 'Muestra →\npedido']);
    expect(fit.size).toBeGreaterThan(fitLabels(['VIP'], 'bar', 89, measure).size);
    // A stacked chart's periods too: each named on up to three lines rather than every other one.
    expect(fitLabels(labels, 'stacked', 89, measure).values).toEqual(fit.values);
  });

  it('wrap Chinese between characters, and a range of dates only between its dates, so every period of a stacked chart on a phone is named', () => {
    // A partial month by its days (calendarRange's pieces), then whole months: no spaces to break at.
    const labels = [['2026年9月8日', '至30日'], '2026年10月', '2026年11月', ['2026年12月1日', '至6日']];
    const fit = fitLabels(labels, 'stacked', 80, measure);
    expect(fit.rotate).toBe(0);
    // Not '2026年9月8日至 / 30日' (至 ending the line) nor '2026年12月1日 / 至6日' by chance.
    expect(fit.values).toEqual(['2026年9月8日\n至30日', '2026年10月', '2026年11月', '2026年12月1日\n至6日']);
    expect(fitLabels(['2026年9月8日至30日'], 'stacked', 80, measure).values).toEqual(['2026年9月8日至\n30日']);
    // English and Spanish alike: the dash starts the second line.
    expect(fitLabels([['Sep 8', ' – 30, 2026']], 'stacked', 80, measure).values).toEqual(['Sep 8\n– 30, 2026']);
    for (const value of fit.values) for (const line of value.split('\n')) expect(measure(line)).toBeLessThanOrEqual(80 - 8);
  });

  it('name every period of the default 90 days by month under its own bar on a phone, in every language', () => {
    // Chinese characters are about as wide as the font is high, other characters about 7 px.
    const wide = (text: string) => [...text].reduce((width, c) => width + (/\p{Script=Han}/u.test(c) ? 12 : 7), 0);
    // A 360 px screen leaves the plot about 250 px: four periods, the first and last partial (periodAxis).
    for (const labels of [[['9月8日', '至30日'], '10月', '11月', ['12月1日', '至6日']], ['8–30 sept', 'oct', 'nov', '1–6 dic'], ['Sep 8 – 30', 'Oct', 'Nov', 'Dec 1 – 6']]) {
      const fit = fitLabels(labels, 'stacked', 62, wide);
      expect(fit.rotate).toBe(0);
      expect(fit.values.filter((value) => value === '')).toEqual([]);
      expect(Math.max(...fit.values.map((value) => value.split('\n').length))).toBeLessThanOrEqual(2);
      for (const value of fit.values) for (const line of value.split('\n')) expect(wide(line)).toBeLessThanOrEqual(62 - 8);
    }
  });

  it('on a stacked chart, name every few periods, always the latest, without overlapping', () => {
    const labels = Array.from({ length: 16 }, (_, i) => `${i + 1} sept 2025`);
    const slot = 18;
    const fit = fitLabels(labels, 'stacked', slot, measure);
    expect(fit.rotate).toBe(0);
    expect(fit.values.at(-1)).toBe('16 sept\n2025');
    const shown = extents(fit, slot);
    expect(shown.length).toBeGreaterThan(2);
    for (let i = 1; i < shown.length; i++) expect(shown[i]![0]).toBeGreaterThanOrEqual(shown[i - 1]![1]);
    // The latest reaches past the plot's right edge: padding makes room for it.
    expect(fit.overhang.right).toBe(measure('16 sept') / 2 - slot / 2);
  });

  it('on a bar chart, turn the labels so every bar keeps its name (coupon codes on a phone)', () => {
    const codes = ['POINTS-50', 'REORDER-20', 'VIP-SEASON-8', 'WELCOME-10', 'WELCOME-SAMPLE'];
    const fit = fitLabels(codes, 'bar', 58, measure);
    expect(fit).toMatchObject({ values: codes, rotate: 45 });
    expect(fit.size).toBeGreaterThan(measure('WELCOME-SAMPLE') * Math.SQRT1_2);
  });

  it('shorten very long turned labels, and name every few bars where even turned ones would touch', () => {
    const subjects = Array.from({ length: 30 }, (_, i) => `Campaign ${i + 1}: spring restock of lace front wigs for salons`);
    const fit = fitLabels(subjects, 'bar', 9, measure);
    expect(fit.rotate).toBe(45);
    expect(fit.values[0]).toMatch(/…$/);
    expect(Math.max(...fit.values.map(measure))).toBeLessThanOrEqual(130);
    expect(fit.values[1]).toBe('');
    expect(fit.values.filter((v) => v !== '').length).toBeGreaterThan(5);
  });
});

describe('stacked series', () => {
  it('tops each piece at the running total, so equal series (two tiers of one member) both show', () => {
    expect(stack([{ values: [1, 0, 2] }, { values: [1, null, 3] }, { values: [0, 4, 1] }])).toEqual([[1, 0, 2], [2, 0, 5], [2, 4, 6]]);
  });
});
